public import TamgaModel

/// The configuration of the high-value burst typology, with documented defaults.
public struct HighValueBurstPolicy: Sendable, Equatable {
  /// Whether the typology runs. Default true.
  public var isEnabled = true
  /// The least value of a transfer that counts. Default USD 10,000.00, the national regime's
  /// reporting sum.
  public var minimumValue = USD(dollars: 10_000)
  /// How many such transfers within the window fire. Default 5.
  public var minimumTransfers = 5
  /// The window, in hours. Default 24.
  public var windowHours = 24

  public init() {}
}

/// A burst of high-value transfers: `typology.high-value-burst`.
///
/// **What fires.** The `minimumTransfers`-th deposit or withdrawal of at least `minimumValue`
/// within `windowHours`. Medium severity: FATF's *Virtual Assets Red Flag Indicators* (2020)
/// list "a series of high-value transactions in a short period" among the patterns that do
/// not fit a customer's profile; it is as often a whale as a launderer, so it asks for a look
/// at the source of funds, not a report. After firing, the count starts again.
///
/// **How.** The times of each customer's last `minimumTransfers` counted transfers (as
/// structuring keeps them): 8 bytes per customer per counted transfer, O(1) per transfer, no
/// allocation. Only the few high-value transfers read or write the state.
///
/// **What it misses, deliberately.** Bursts of trades (they move nothing past the exchange);
/// transfers without a USD value; many mid-sized transfers (structuring watches those kept just
/// below thresholds).
///
/// **Explanation**: the transfers counted, the window, the first counted transfer's time, the
/// minimum value and this transfer's value.
public struct HighValueBurstRule: Sendable {
  public static let ruleID: RuleID = "typology.high-value-burst"

  public var policy: HighValueBurstPolicy {
    didSet {
      if policy.minimumTransfers != oldValue.minimumTransfers { recent = RecentTimes(width: policy.minimumTransfers) }
    }
  }
  /// Per customer, the times of its last `minimumTransfers` high-value transfers.
  var recent: RecentTimes

  public init(policy: HighValueBurstPolicy = HighValueBurstPolicy()) {
    self.policy = policy
    recent = RecentTimes(width: policy.minimumTransfers)
  }

  public var ruleIDs: [RuleID] { [Self.ruleID] }

  mutating func evaluate(_ event: TransferEvent, into sink: inout some FindingSink) {
    guard event.kind == .deposit || event.kind == .withdrawal, let usd = event.usdValue,
      usd >= policy.minimumValue, policy.isEnabled
    else { return }
    guard var explanation = recent.complete(event, windowHours: policy.windowHours, countedKey: "transfers_counted")
    else { return }
    let count = policy.minimumTransfers
    explanation.append("minimum_usd", .usd(policy.minimumValue))
    explanation.append("usd_value", .usd(usd))
    sink.raise(
      Finding(
        ruleID: Self.ruleID, severity: .medium, customer: event.customer, eventAt: event.timestamp,
        summary: "\(count) transfers of USD \(policy.minimumValue.plain) or more within \(policy.windowHours) hours",
        explanation: explanation))
  }
}
