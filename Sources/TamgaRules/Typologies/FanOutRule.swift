public import TamgaModel

/// The configuration of the fan-out typology, with documented defaults.
public struct FanOutPolicy: Sendable, Equatable {
  /// Whether the typology runs. Default true.
  public var isEnabled = true
  /// How many distinct receiving addresses within the window count as many. Default 5.
  public var minimumRecipients = 5
  /// The window, in hours. Default 72.
  public var windowHours = 72
  /// The least value sent to them. Default USD 5,000.00.
  public var minimumSent = USD(dollars: 5_000)

  public init() {}
}

/// Fan-out: `typology.fan-out`, withdrawals dispersed to many addresses.
///
/// **What fires.** The withdrawal that makes `minimumRecipients` distinct addresses a customer
/// withdrew to within `windowHours`, when what it sent them reaches `minimumSent` (or, if that
/// comes later, the withdrawal that brings the value there). Medium severity: FATF's *Virtual
/// Assets Red Flag Indicators* (2020) name value "split and sent to many wallets" as the
/// dispersal stage of layering, and payroll-like payouts look the same, so it asks for a look
/// at the recipients. After firing, the count starts again.
///
/// **How.** Per customer, `minimumRecipients` slots of (recipient fingerprint, latest time,
/// cents): 16 bytes a slot, O(`minimumRecipients`) per withdrawal, no allocation.
///
/// **What it misses, deliberately.** Withdrawals without a counterparty address or USD value;
/// dispersal on chain after a single withdrawal (chain-edge files feed exposure, not this
/// count).
///
/// **Explanation**: the distinct recipients and their minimum, the value sent and its minimum,
/// the earliest recipient's latest withdrawal, this withdrawal's value, and the window.
public struct FanOutRule: Sendable {
  public static let ruleID: RuleID = "typology.fan-out"

  public var policy: FanOutPolicy {
    didSet {
      if policy.minimumRecipients != oldValue.minimumRecipients {
        recipients = CounterpartyWindow(width: policy.minimumRecipients)
      }
    }
  }
  /// Per customer, the addresses it most recently withdrew to.
  var recipients: CounterpartyWindow

  public init(policy: FanOutPolicy = FanOutPolicy()) {
    self.policy = policy
    recipients = CounterpartyWindow(width: policy.minimumRecipients)
  }

  public var ruleIDs: [RuleID] { [Self.ruleID] }

  /// - Parameter counterparty: the fingerprint of the counterparty address's matching key.
  mutating func evaluate(_ event: TransferEvent, counterparty: UInt64, into sink: inout some FindingSink) {
    guard event.kind == .withdrawal, policy.isEnabled, let usd = event.usdValue else { return }
    let now = event.timestamp.millisecondsSinceEpoch
    let window = Int64(policy.windowHours) * 3_600
    recipients.record(event.customer, fingerprint: counterparty, at: now, cents: usd.cents, window: window)
    let sent = recipients.summary(event.customer, at: now, window: window)
    guard sent.addresses >= policy.minimumRecipients, sent.cents >= policy.minimumSent.cents else { return }
    recipients.clear(event.customer)
    var explanation = Explanation()
    explanation.append("distinct_recipients", .integer(Int64(sent.addresses)))
    explanation.append("minimum_recipients", .integer(Int64(policy.minimumRecipients)))
    explanation.append("sent_usd", .usd(USD(cents: sent.cents)))
    explanation.append("minimum_sent_usd", .usd(policy.minimumSent))
    explanation.append("earliest_recipient_at", .time(Timestamp(millisecondsSinceEpoch: sent.earliestSeconds * 1000)))
    explanation.append("usd_value", .usd(usd))
    explanation.append("window_hours", .integer(Int64(policy.windowHours)))
    sink.raise(
      Finding(
        ruleID: Self.ruleID, severity: .medium, customer: event.customer, eventAt: event.timestamp,
        summary: "USD \(USD(cents: sent.cents).plain) sent to \(sent.addresses) addresses within \(policy.windowHours) hours",
        explanation: explanation))
  }
}
