public import TamgaModel

/// The configuration of the structuring typology, with documented defaults.
public struct StructuringPolicy: Sendable, Equatable {
  /// Whether the typology runs. Default true.
  public var isEnabled = true
  /// The thresholds transfers are kept under. Defaults: USD 1,000.00, from which the Travel
  /// Rule requires full originator information, and USD 10,000.00, the national regime's
  /// reporting sum.
  public var thresholds = [USD(dollars: 1_000), USD(dollars: 10_000)]
  /// How far below a threshold counts as just below it, in percent. Default 10: 900.00 to
  /// 999.99 under USD 1,000.
  public var marginPercent = 10
  /// How many such transfers within the window fire. Default 3.
  public var minimumTransfers = 3
  /// The window, in hours. Default 24.
  public var windowHours = 24

  public init() {}

  /// The threshold `usd` is just below, if any.
  func threshold(justAbove usd: USD) -> USD? {
    thresholds.first { threshold in
      usd < threshold && usd.cents * 100 >= threshold.cents * Int64(100 - marginPercent)
    }
  }
}

/// Structuring: `typology.structuring`, transfers kept just below a threshold.
///
/// **What fires.** The `minimumTransfers`-th deposit or withdrawal, within `windowHours`, whose
/// USD value is just below one of the `thresholds` (within `marginPercent` of it). High
/// severity: splitting sums to stay under a reporting or Travel Rule threshold is the oldest
/// laundering technique there is (FATF, *Virtual Assets Red Flag Indicators*, 2020: "making
/// multiple transactions just below the threshold"). After firing, the count starts again.
///
/// **How.** Each customer keeps the times of its last `minimumTransfers` just-below transfers;
/// there are that many within the window exactly when the oldest of them is. O(1) per transfer,
/// no allocation; 8 bytes per customer per counted transfer, kept with the engine state. The
/// state is not read ahead with the others (`Engine.touch`): only the few just-below transfers
/// need it, and reading it for every transfer cost a cache miss each.
///
/// **What it misses, deliberately.** Sums split across customers or across assets below a
/// per-asset threshold; transfers without a USD value; trades (they move nothing past the
/// exchange; the retail caps watch purchases).
///
/// **Explanation**: the transfers counted, the window, the threshold and margin, the first
/// counted transfer's time and this transfer's value.
public struct StructuringRule: Sendable {
  public static let ruleID: RuleID = "typology.structuring"

  public var policy: StructuringPolicy {
    didSet {
      if policy.minimumTransfers != oldValue.minimumTransfers { recent = RecentTimes(width: policy.minimumTransfers) }
      bounds = Self.bounds(of: policy)
    }
  }
  /// The cents from which any threshold's margin starts and below which the highest threshold
  /// ends: most transfers fall outside and are dismissed with two comparisons.
  var bounds: (lowest: Int64, highest: Int64)
  /// Per customer, the times of its last `minimumTransfers` just-below transfers.
  var recent: RecentTimes

  public init(policy: StructuringPolicy = StructuringPolicy()) {
    self.policy = policy
    bounds = Self.bounds(of: policy)
    recent = RecentTimes(width: policy.minimumTransfers)
  }

  static func bounds(of policy: StructuringPolicy) -> (lowest: Int64, highest: Int64) {
    let lowest = policy.thresholds.map { ($0.cents * Int64(100 - policy.marginPercent) + 99) / 100 }.min() ?? .max
    return (lowest, policy.thresholds.map(\.cents).max() ?? .min)
  }

  public var ruleIDs: [RuleID] { [Self.ruleID] }

  mutating func evaluate(_ event: TransferEvent, into sink: inout some FindingSink) {
    guard event.kind == .deposit || event.kind == .withdrawal, let usd = event.usdValue,
      usd.cents >= bounds.lowest, usd.cents < bounds.highest, policy.isEnabled,
      let threshold = policy.threshold(justAbove: usd)
    else { return }
    guard var explanation = recent.complete(event, windowHours: policy.windowHours, countedKey: "transfers_counted")
    else { return }
    let width = policy.minimumTransfers
    explanation.append("threshold_usd", .usd(threshold))
    explanation.append("margin_percent", .integer(Int64(policy.marginPercent)))
    explanation.append("usd_value", .usd(usd))
    sink.raise(
      Finding(
        ruleID: Self.ruleID, severity: .high, customer: event.customer, eventAt: event.timestamp,
        summary: "\(width) transfers just below USD \(threshold.plain) within \(policy.windowHours) hours",
        explanation: explanation))
  }
}
