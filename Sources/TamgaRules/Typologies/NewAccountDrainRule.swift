public import TamgaModel

/// The configuration of the new-account full-drain typology, with documented defaults.
public struct NewAccountDrainPolicy: Sendable, Equatable {
  /// Whether the typology runs. Default true.
  public var isEnabled = true
  /// How long after onboarding an account counts as new, in days. Default 30.
  public var newAccountDays = 30
  /// The least value deposited while new for a drain to count. Default USD 1,000.00.
  public var minimumDeposited = USD(dollars: 1_000)
  /// The share of the deposits withdrawn that makes a drain, in percent. Default 95.
  public var drainedPercent = 95

  public init() {}
}

/// A new account drained: `typology.new-account-full-drain`.
///
/// **What fires.** The withdrawal that brings what a customer withdrew within `newAccountDays`
/// of onboarding to at least `drainedPercent` of what it deposited in that time, once those
/// deposits reach `minimumDeposited`. Medium severity: FATF's *Virtual Assets Red Flag
/// Indicators* (2020) name new accounts "emptied shortly after being funded" among the signs of
/// accounts opened to move one sum and be abandoned, a mule's or a fraud's cash-out. It fires
/// once per customer: an account is new only once.
///
/// **How.** Per customer, the cents deposited and withdrawn while new: 16 bytes, O(1) per
/// transfer, no allocation; the onboarding time comes from the customer book.
///
/// **What it misses, deliberately.** Value that stays in the account as another asset (the
/// withdrawals are weighed in USD at their own time, so a drain after a price fall reads as less
/// than all); transfers without a USD value; an account drained after its first `newAccountDays`
/// (rapid pass-through watches any account).
///
/// **Explanation**: the onboarding time, the days since, the cents deposited and withdrawn while
/// new, the share withdrawn, and the thresholds.
public struct NewAccountDrainRule: Sendable {
  public static let ruleID: RuleID = "typology.new-account-full-drain"

  public var policy: NewAccountDrainPolicy
  /// Two values per customer: the cents deposited while new (-1 once the rule fired) and the
  /// cents withdrawn while new.
  var flows: [Int64] = []

  public init(policy: NewAccountDrainPolicy = NewAccountDrainPolicy()) { self.policy = policy }

  public var ruleIDs: [RuleID] { [Self.ruleID] }

  mutating func evaluate(_ event: TransferEvent, customers: CustomerBook, into sink: inout some FindingSink) {
    guard event.kind == .deposit || event.kind == .withdrawal, let usd = event.usdValue, policy.isEnabled else { return }
    let onboarded = customers.onboarding(of: event.customer)
    let elapsed = event.timestamp.millisecondsSinceEpoch - onboarded.millisecondsSinceEpoch
    guard elapsed >= 0, elapsed <= Int64(policy.newAccountDays) * 86_400_000 else { return }
    let base = Int(event.customer) * 2
    flows.grow(toHold: base + 2, filling: 0, atLeast: 2048)
    let deposited = flows[base]
    guard deposited >= 0 else { return }
    if event.kind == .deposit {
      flows[base] = deposited &+ usd.cents
      return
    }
    let withdrawn = flows[base + 1] &+ usd.cents
    flows[base + 1] = withdrawn
    guard deposited >= policy.minimumDeposited.cents,
      withdrawn.multipliedReportingOverflow(by: 100).partialValue >= deposited * Int64(policy.drainedPercent)
    else { return }
    flows[base] = -1
    var explanation = Explanation()
    explanation.append("onboarded_at", .time(onboarded))
    explanation.append("days_since_onboarding", .integer(elapsed / 86_400_000))
    explanation.append("new_account_days", .integer(Int64(policy.newAccountDays)))
    explanation.append("deposited_usd", .usd(USD(cents: deposited)))
    explanation.append("withdrawn_usd", .usd(USD(cents: withdrawn)))
    explanation.append("drained_percent", .integer(withdrawn * 100 / deposited))
    explanation.append("minimum_drained_percent", .integer(Int64(policy.drainedPercent)))
    explanation.append("minimum_deposited_usd", .usd(policy.minimumDeposited))
    sink.raise(
      Finding(
        ruleID: Self.ruleID, severity: .medium, customer: event.customer, eventAt: event.timestamp,
        summary: "new account drained: USD \(USD(cents: withdrawn).plain) withdrawn of USD \(USD(cents: deposited).plain) deposited, \(elapsed / 86_400_000) days after onboarding",
        explanation: explanation))
  }
}
