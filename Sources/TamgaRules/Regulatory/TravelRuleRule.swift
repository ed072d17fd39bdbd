public import TamgaModel

/// The Travel Rule's configuration, with documented defaults.
public struct TravelRulePolicy: Sendable, Equatable {
  /// `travel-rule.*`. Default: on, both regimes (the AFSA applies FATF Recommendation 16 in the
  /// AIFC; the national regime's rules for digital-asset platforms follow the same standard).
  public var check = RegulatoryCheck(regimes: [.aifc, .national])
  /// From this value (inclusive) a transfer needs a complete message, or, for a self-hosted
  /// wallet, a proof of ownership. Default USD 1,000.00, the AFSA's threshold.
  public var threshold = USD(cents: 100_000)
  /// Whether transfers with self-hosted wallets at or above the threshold need a proof that the
  /// customer controls the wallet. Default true.
  public var requiresOwnershipProof = true

  public init() {}
}

/// What the firm holds for one transfer that the Travel Rule covers, as the pipeline looked it
/// up in the Travel Rule records replayed into the store.
public enum TravelRuleEvidence: Sendable {
  /// The message exchanged with the counterparty VASP; `accountMatches` says whether its
  /// counterparty side names the transfer's counterparty address (nil when the transfer gives
  /// no address to compare).
  case message(TravelRuleMessage, accountMatches: Bool?)
  /// A transfer with another VASP, and no message for it.
  case noMessage
  /// A transfer with a self-hosted wallet that the customer proved it controls.
  case ownershipProof(WalletOwnershipProof)
  /// A transfer with a self-hosted wallet and no proof that holds at its time;
  /// `provedLater` is a proof for the same wallet dated after the transfer.
  case noOwnershipProof(provedLater: WalletOwnershipProof?)

  /// Whether the evidence meets the rule, so that no finding (and none of its text) is built.
  @inline(__always)
  public var meetsTheRule: Bool {
    switch self {
    case .ownershipProof: return true
    case .message(let message, let accountMatches): return message.problems.isEmpty && accountMatches != false
    case .noMessage, .noOwnershipProof: return false
    }
  }
}

/// The Travel Rule on replayed transfers (FATF Recommendation 16 and its Interpretive Note, §7;
/// the AFSA's AML rules for digital asset service providers).
///
/// **What fires**, for a deposit or withdrawal at or above `threshold` (default USD 1,000.00),
/// for a customer in a regime the check covers:
/// - `travel-rule.missing`, high: the transfer names a counterparty VASP (`counterparty_vasp`)
///   and no Travel Rule message for its `transfer_id` is on record. The firm either did not send
///   the originator and beneficiary data (a withdrawal) or released funds without receiving it
///   (a deposit).
/// - `travel-rule.incomplete`, medium: a message is on record but the IVMS101 standard or the
///   Travel Rule finds something missing in it (each problem's code and path, never the personal
///   values), or its counterparty side does not name the transfer's counterparty address
///   (`travelRule.accountMismatch`: the beneficiary's account for a withdrawal, the
///   originator's for a deposit).
/// - `travel-rule.self-hosted-unproven`, medium: the transfer names no VASP (a self-hosted
///   wallet) and the customer has no proof on record, dated at or before the transfer, that it
///   controls that address. A proof dated later is named in the explanation.
///
/// **How.** Messages are checked once, when their file is replayed (at or above the threshold,
/// so with full originator information required); a transfer then costs one lookup of its id.
/// The check starts with the first Travel Rule file replayed into the store: before it, there is
/// nothing to check against, and every transfer would raise an alert.
///
/// **What it misses, deliberately.** Below the threshold names and account numbers suffice and
/// are not checked on replayed transfers (`tamga travel-rule check` does). A `buy`, `sell` or
/// `convert` stays inside the firm and needs no message. A transfer without a `usd_value` cannot
/// be placed against the threshold and is not checked. A message replayed after its transfer
/// does not clear an alert already raised: the data had to travel with the transfer.
public struct TravelRuleRule: Sendable {
  public static let missing: RuleID = "travel-rule.missing"
  public static let incomplete: RuleID = "travel-rule.incomplete"
  public static let selfHostedUnproven: RuleID = "travel-rule.self-hosted-unproven"

  public var policy: TravelRulePolicy

  public init(policy: TravelRulePolicy = TravelRulePolicy()) {
    self.policy = policy
  }

  public static var ruleIDs: [RuleID] { [missing, incomplete, selfHostedUnproven] }

  /// Whether the Travel Rule covers this transfer, before its customer's regime is known: a
  /// deposit or withdrawal at or above the threshold; for a self-hosted wallet, only when
  /// proofs are required. The regime is looked up only for these (``covers(regime:)``).
  /// - Complexity: O(1); allocates nothing.
  @inline(__always)
  func mayCover(_ event: TransferEvent) -> Bool {
    guard policy.check.isEnabled, event.kind == .deposit || event.kind == .withdrawal, let usd = event.usdValue,
      usd.cents >= policy.threshold.cents
    else { return false }
    return event.namesCounterpartyVASP || policy.requiresOwnershipProof
  }

  /// Whether the Travel Rule covers a customer of this regime.
  @inline(__always)
  func covers(regime: Regime) -> Bool { policy.check.applies(to: regime) }

  /// The finding for a covered transfer, or nil when its evidence satisfies the rule.
  ///
  /// - Parameters:
  ///   - counterpartyVASP: the VASP as the row names it, empty for a self-hosted wallet.
  ///   - counterpartyAddress: the address as the row gives it, possibly empty.
  func finding(
    for event: TransferEvent, regime: Regime, evidence: TravelRuleEvidence, asset: String, counterpartyVASP: String,
    counterpartyAddress: String
  ) -> Finding? {
    var explanation = Explanation()
    explanation.append("kind", .text(event.kind.name))
    explanation.append("asset", .text(asset))
    if let usd = event.usdValue { explanation.append("usd_value", .usd(usd)) }
    explanation.append("threshold_usd", .usd(policy.threshold))
    explanation.append("regime", .text(regime.rawValue))
    if !counterpartyVASP.isEmpty { explanation.append("counterparty_vasp", .text(counterpartyVASP)) }
    if !counterpartyAddress.isEmpty { explanation.append("counterparty_address", .text(counterpartyAddress)) }
    let direction = event.kind == .deposit ? "from" : "to"
    let value = event.usdValue.map { "USD \($0.plain)" } ?? ""

    switch evidence {
    case .ownershipProof:
      return nil
    case .message(let message, let accountMatches):
      var problems = message.problems
      if accountMatches == false {
        let side = event.kind == .deposit ? "originator" : "beneficiary"
        problems.append(
          TravelRuleProblem(
            code: "travelRule.accountMismatch", path: "\(side).accountNumber",
            message: "The message's \(side) account numbers do not include the transfer's counterparty address."))
      }
      guard !problems.isEmpty else { return nil }
      explanation.append("message_sent_at", .time(message.sentAt))
      explanation.append("message_file", .text(message.file))
      explanation.append("message_line", .integer(Int64(message.line)))
      explanation.append("problems", .list(problems.map { .text("\($0.code) at \($0.path)") }))
      return Finding(
        ruleID: Self.incomplete, severity: .medium, customer: event.customer, eventAt: event.timestamp,
        summary: "\(event.kind.name) of \(value) \(direction) \(counterpartyVASP): the Travel Rule message has \(problems.count) problem\(problems.count == 1 ? "" : "s")",
        explanation: explanation)
    case .noMessage:
      explanation.append("travel_rule_message", .text("none on record for this transfer_id"))
      return Finding(
        ruleID: Self.missing, severity: .high, customer: event.customer, eventAt: event.timestamp,
        summary: "\(event.kind.name) of \(value) \(direction) \(counterpartyVASP) with no Travel Rule message",
        explanation: explanation)
    case .noOwnershipProof(let later):
      explanation.append("self_hosted", .flag(true))
      if let later {
        explanation.append("ownership_proof", .text("verified after the transfer"))
        explanation.append("proof_verified_at", .time(later.verifiedAt))
        explanation.append("proof_method", .text(later.method))
      } else {
        explanation.append("ownership_proof", .text("none on record for this customer and address"))
      }
      let wallet = counterpartyAddress.isEmpty ? "a self-hosted wallet" : "self-hosted wallet \(counterpartyAddress)"
      return Finding(
        ruleID: Self.selfHostedUnproven, severity: .medium, customer: event.customer, eventAt: event.timestamp,
        summary: "\(event.kind.name) of \(value) \(direction) \(wallet) without proof that the customer controls it",
        explanation: explanation)
    }
  }
}
