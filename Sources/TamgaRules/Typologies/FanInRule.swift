public import TamgaModel

/// The configuration of the fan-in typology, with documented defaults.
public struct FanInPolicy: Sendable, Equatable {
  /// Whether the typology runs. Default true.
  public var isEnabled = true
  /// How many distinct sending addresses within the window count as many. Default 5.
  public var minimumSenders = 5
  /// The window, in hours. Default 72.
  public var windowHours = 72
  /// The least value received from them. Default USD 5,000.00.
  public var minimumReceived = USD(dollars: 5_000)
  /// The share of it one withdrawal must move on to consolidate, in percent. Default 80. At 0
  /// no withdrawal is awaited: the deposit that completes the senders fires (collection alone,
  /// for data that never shows the value leaving, such as simulated flows).
  public var consolidatedPercent = 80

  public init() {}
}

/// Fan-in: `typology.fan-in`, deposits from many addresses consolidated into one withdrawal.
///
/// **What fires.** A withdrawal worth at least `consolidatedPercent` of what the customer
/// received within `windowHours` from at least `minimumSenders` distinct addresses, when that
/// reaches `minimumReceived`. High severity: FATF's *Virtual Assets Red Flag Indicators* (2020)
/// name "funds received from many unrelated wallets, then consolidated and moved on" as the
/// collection stage of mule networks, scams and ransomware cash-outs. After firing, the count
/// starts again. With `consolidatedPercent` 0 the collection alone fires: the deposit that brings
/// the senders and their value to the minimums.
///
/// **How.** Per customer, `minimumSenders` slots of (sender fingerprint, latest time, cents):
/// 16 bytes a slot, O(`minimumSenders`) per deposit or withdrawal, no allocation. The slots
/// keep the most recently seen senders, so with more senders than slots the value weighed is
/// the most recent senders', not all of it.
///
/// **What it misses, deliberately.** Deposits without a counterparty address or USD value;
/// senders that are the customer's own wallets count as unrelated (the customers file names
/// them, and a later version should leave them out); consolidation in several withdrawals, none
/// of which is large enough alone.
///
/// **Explanation**: the distinct senders and their minimum, the value received and its minimum,
/// the withdrawal's value and share, the share required, the earliest sender's latest deposit,
/// and the window.
public struct FanInRule: Sendable {
  public static let ruleID: RuleID = "typology.fan-in"

  public var policy: FanInPolicy {
    didSet {
      if policy.minimumSenders != oldValue.minimumSenders { senders = CounterpartyWindow(width: policy.minimumSenders) }
    }
  }
  /// Per customer, the addresses it most recently received from.
  var senders: CounterpartyWindow

  public init(policy: FanInPolicy = FanInPolicy()) {
    self.policy = policy
    senders = CounterpartyWindow(width: policy.minimumSenders)
  }

  public var ruleIDs: [RuleID] { [Self.ruleID] }

  /// - Parameter counterparty: the fingerprint of the counterparty address's matching key.
  mutating func evaluate(_ event: TransferEvent, counterparty: UInt64, into sink: inout some FindingSink) {
    guard policy.isEnabled, let usd = event.usdValue else { return }
    let now = event.timestamp.millisecondsSinceEpoch
    let window = Int64(policy.windowHours) * 3_600
    switch event.kind {
    case .deposit:
      senders.record(event.customer, fingerprint: counterparty, at: now, cents: usd.cents, window: window)
      guard policy.consolidatedPercent == 0 else { return }
      let received = senders.summary(event.customer, at: now, window: window)
      guard received.addresses >= policy.minimumSenders, received.cents >= policy.minimumReceived.cents else { return }
      raise(event, received: received, usd: usd, into: &sink)
    case .withdrawal:
      guard policy.consolidatedPercent > 0 else { return }
      let received = senders.summary(event.customer, at: now, window: window)
      guard received.addresses >= policy.minimumSenders, received.cents >= policy.minimumReceived.cents,
        usd.cents.multipliedReportingOverflow(by: 100).partialValue >= received.cents * Int64(policy.consolidatedPercent)
      else { return }
      raise(event, received: received, usd: usd, into: &sink)
    default:
      return
    }
  }

  private mutating func raise(
    _ event: TransferEvent, received: CounterpartyWindow.Summary, usd: USD, into sink: inout some FindingSink
  ) {
    senders.clear(event.customer)
    let isWithdrawal = event.kind == .withdrawal
    var explanation = Explanation()
    explanation.append("distinct_senders", .integer(Int64(received.addresses)))
    explanation.append("minimum_senders", .integer(Int64(policy.minimumSenders)))
    explanation.append("received_usd", .usd(USD(cents: received.cents)))
    explanation.append("minimum_received_usd", .usd(policy.minimumReceived))
    explanation.append("usd_value", .usd(usd))
    if isWithdrawal {
      explanation.append("consolidated_percent", .integer(received.cents > 0 ? usd.cents * 100 / received.cents : 0))
    }
    explanation.append("minimum_consolidated_percent", .integer(Int64(policy.consolidatedPercent)))
    explanation.append("earliest_sender_at", .time(Timestamp(millisecondsSinceEpoch: received.earliestSeconds * 1000)))
    explanation.append("window_hours", .integer(Int64(policy.windowHours)))
    let collected = "USD \(USD(cents: received.cents).plain) from \(received.addresses) addresses within \(policy.windowHours) hours"
    sink.raise(
      Finding(
        ruleID: Self.ruleID, severity: .high, customer: event.customer, eventAt: event.timestamp,
        summary: isWithdrawal ? "USD \(usd.plain) moved on after \(collected)" : collected,
        explanation: explanation))
  }
}
