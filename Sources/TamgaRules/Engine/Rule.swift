public import TamgaModel

/// One transfer as the rules see it: parsed, with its customer interned.
public struct TransferEvent: Sendable {
  /// Dense id from ``CustomerBook``.
  public var customer: Int32
  public var timestamp: Timestamp
  public var kind: TransferKind
  public var usdValue: USD?
  /// What the reference lists say about the transfer's asset: for a `convert`, the asset
  /// converted into.
  public var assetProfile: AssetProfile
  /// The counterparty VASP's position in ``RegulatoryReference/vasps``, or -1.
  public var counterpartyVASP: Int32
  /// Whether the row names a counterparty VASP, known to the directory or not: the address is a
  /// service's, not a person's wallet.
  public var namesCounterpartyVASP: Bool

  public init(
    customer: Int32, timestamp: Timestamp, kind: TransferKind, usdValue: USD?, assetProfile: AssetProfile = [],
    counterpartyVASP: Int32 = -1, namesCounterpartyVASP: Bool = false
  ) {
    self.customer = customer
    self.timestamp = timestamp
    self.kind = kind
    self.usdValue = usdValue
    self.assetProfile = assetProfile
    self.counterpartyVASP = counterpartyVASP
    self.namesCounterpartyVASP = namesCounterpartyVASP || counterpartyVASP >= 0
  }
}

/// What a rule found about the transfer being evaluated.
///
/// The rule does not name the transfer: the pipeline, which holds the row, adds its
/// `transfer_id` to the explanation and derives the alert's stable id from the rule, the
/// customer and that transfer id.
public struct Finding: Sendable {
  public var ruleID: RuleID
  public var severity: Severity
  public var customer: Int32
  public var eventAt: Timestamp
  public var summary: String
  public var explanation: Explanation

  public init(
    ruleID: RuleID, severity: Severity, customer: Int32, eventAt: Timestamp, summary: String,
    explanation: Explanation
  ) {
    self.ruleID = ruleID
    self.severity = severity
    self.customer = customer
    self.eventAt = eventAt
    self.summary = summary
    self.explanation = explanation
  }
}

/// Receives findings as rules make them. The replay's sink turns them into stored alerts; tests
/// collect them.
public protocol FindingSink {
  mutating func raise(_ finding: Finding)
}

/// Collects findings in order (tests, `tamga headroom` what-ifs).
public struct FindingList: FindingSink, Sendable {
  public private(set) var findings: [Finding] = []
  public init() {}
  public mutating func raise(_ finding: Finding) { findings.append(finding) }
}

/// A rule that looks at each transfer in event order.
///
/// Rules keep their own state in flat arrays indexed by customer id, never in objects per
/// customer, so evaluating a transfer allocates nothing unless the rule fires.
public protocol TransferRule: Sendable {
  /// Every id this rule can raise.
  var ruleIDs: [RuleID] { get }

  /// Evaluates one transfer and reports what fired to `sink`.
  ///
  /// - Parameter status: the customer's status in force at the transfer's time.
  /// - Returns: `nil` when the transfer was evaluated, or why it could not be.
  mutating func evaluate(_ event: TransferEvent, status: CustomerStatus, into sink: inout some FindingSink)
    -> Unevaluable?
}

/// A transfer a rule could not evaluate, though the row itself was well formed.
public struct Unevaluable: Error, Sendable, Hashable {
  public var message: String
  public init(_ message: String) { self.message = message }
}
