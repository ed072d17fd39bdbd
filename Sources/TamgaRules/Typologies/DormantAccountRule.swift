public import TamgaModel

/// The configuration of the dormant-account typology, with documented defaults.
public struct DormantAccountPolicy: Sendable, Equatable {
  /// Whether the typology runs. Default true.
  public var isEnabled = true
  /// Days without any transfer after which an account counts as dormant. Default 180.
  public var dormantDays = 180
  /// The least value of the reactivating transfer that fires. Default USD 1,000.00, the
  /// Travel Rule's threshold: small movements on an old account are the owner checking in.
  public var minimumValue = USD(dollars: 1_000)

  public init() {}
}

/// A dormant account reactivated: `typology.dormant-account-reactivated`.
///
/// **What fires.** A deposit or withdrawal worth at least `minimumValue` in USD, by a customer
/// whose previous transfer of any kind in the store was `dormantDays` or more before it: value
/// moving into or out of the account after a long silence (a trade counts as activity, but
/// does not itself fire: it moves nothing past the exchange). Medium severity:
/// FATF's *Virtual Assets Red Flag Indicators* (2020) list "a dormant account suddenly becoming
/// active" among the signs of an account taken over, sold or lent to a money mule.
///
/// **How.** The time of each customer's latest transfer, one 8-byte value per customer, kept
/// with the engine state. O(1) per transfer, no allocation. A transfer dated before the latest
/// one (files replayed out of order) neither fires nor moves it back.
///
/// **What it misses, deliberately.** A customer's first transfer in the store (there is no
/// earlier one to measure from, however old the account); activity the exchange does not see
/// (the customer's wallets elsewhere); a small first movement after dormancy counts as activity,
/// so a large one right after it does not fire.
///
/// **Explanation**: the previous transfer's time, the days dormant, the threshold, and the
/// transfer's value with its minimum.
public struct DormantAccountRule: Sendable {
  public static let ruleID: RuleID = "typology.dormant-account-reactivated"

  public var policy: DormantAccountPolicy
  /// Per customer, the time of its latest transfer in milliseconds (Int64.min: none yet).
  var lastActivity: [Int64] = []

  public init(policy: DormantAccountPolicy = DormantAccountPolicy()) { self.policy = policy }

  public var ruleIDs: [RuleID] { [Self.ruleID] }

  mutating func reserve(customers count: Int) { lastActivity.growExactly(toHold: count, filling: .min) }

  mutating func evaluate(_ event: TransferEvent, into sink: inout some FindingSink) {
    let customer = Int(event.customer)
    lastActivity.grow(toHold: customer + 1, filling: .min, atLeast: 1024)
    let now = event.timestamp.millisecondsSinceEpoch
    let previous = lastActivity[customer]
    guard previous < now else { return }
    lastActivity[customer] = now
    guard policy.isEnabled, event.kind == .deposit || event.kind == .withdrawal, previous != .min,
      let usd = event.usdValue, usd >= policy.minimumValue
    else { return }
    let dormant = (now - previous) / 86_400_000
    guard dormant >= Int64(policy.dormantDays) else { return }
    var explanation = Explanation()
    explanation.append("previous_transfer_at", .time(Timestamp(millisecondsSinceEpoch: previous)))
    explanation.append("days_dormant", .integer(dormant))
    explanation.append("dormant_days", .integer(Int64(policy.dormantDays)))
    explanation.append("usd_value", .usd(usd))
    explanation.append("minimum_usd", .usd(policy.minimumValue))
    sink.raise(
      Finding(
        ruleID: Self.ruleID, severity: .medium, customer: event.customer, eventAt: event.timestamp,
        summary: "\(event.kind.name) of USD \(usd.plain) after \(dormant) days without a transfer",
        explanation: explanation))
  }

  @inline(__always)
  func touch(_ customer: Int32) -> Int64 { Int(customer) < lastActivity.count ? lastActivity[Int(customer)] : 0 }
}
