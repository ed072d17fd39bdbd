public import TamgaModel

/// The configuration of the new-account large-deposit typology, with documented defaults.
public struct NewAccountDepositPolicy: Sendable, Equatable {
  /// Whether the typology runs. Default true.
  public var isEnabled = true
  /// The least first deposit that fires. Default USD 10,000.00: the sum at which the national
  /// regime reports transactions, and far above what a new retail client usually starts with.
  public var minimumDeposit = USD(dollars: 10_000)
  /// How long after onboarding an account counts as new, in days. Default 30.
  public var newAccountDays = 30

  public init() {}
}

/// A large first deposit into a new account: `typology.new-account-large-deposit`.
///
/// **What fires.** A customer's first deposit in the store, made within `newAccountDays` of the
/// customer's onboarding (the `recorded_at` of the first record), of at least `minimumDeposit`
/// in USD. Medium severity: FATF's *Virtual Assets Red Flag Indicators* (2020) name "a new user
/// depositing a large amount on the day of onboarding or shortly after" among the transaction
/// patterns of money laundering; an account opened to receive one large sum and move it on is a
/// mule's or a cash-out's.
///
/// **How.** One bit per customer says whether a deposit was ever seen; the onboarding time
/// comes from the customer book. O(1) per deposit, no allocation.
///
/// **What it misses, deliberately.** A large *later* deposit (the first being small) is left to
/// the other typologies; a deposit without a USD value cannot be weighed and does not count as
/// the first; a store upgraded from engine state format 3 has no record of earlier deposits, so a
/// customer still new when it is upgraded is judged on its next deposit.
///
/// **Explanation**: the deposit's value, the threshold, the onboarding time, the days between
/// onboarding and the deposit, and the window.
public struct NewAccountDepositRule: Sendable {
  public static let ruleID: RuleID = "typology.new-account-large-deposit"

  public var policy: NewAccountDepositPolicy
  /// One bit per customer: a deposit with a USD value was seen.
  var hasDeposited: [UInt64] = []

  public init(policy: NewAccountDepositPolicy = NewAccountDepositPolicy()) { self.policy = policy }

  public var ruleIDs: [RuleID] { [Self.ruleID] }

  mutating func reserve(customers count: Int) { hasDeposited.growExactly(toHold: (count + 63) >> 6, filling: 0) }

  mutating func evaluate(_ event: TransferEvent, customers: CustomerBook, into sink: inout some FindingSink) {
    guard event.kind == .deposit, let usd = event.usdValue else { return }
    let customer = Int(event.customer)
    hasDeposited.grow(toHold: customer >> 6 + 1, filling: 0, atLeast: 16)
    let bit: UInt64 = 1 << UInt64(customer & 63)
    guard hasDeposited[customer >> 6] & bit == 0 else { return }
    hasDeposited[customer >> 6] |= bit
    guard policy.isEnabled, usd >= policy.minimumDeposit else { return }
    let onboarded = customers.onboarding(of: event.customer)
    let elapsed = event.timestamp.millisecondsSinceEpoch - onboarded.millisecondsSinceEpoch
    guard elapsed >= 0, elapsed <= Int64(policy.newAccountDays) * 86_400_000 else { return }
    var explanation = Explanation()
    explanation.append("deposit_usd", .usd(usd))
    explanation.append("minimum_deposit_usd", .usd(policy.minimumDeposit))
    explanation.append("onboarded_at", .time(onboarded))
    explanation.append("days_since_onboarding", .integer(elapsed / 86_400_000))
    explanation.append("new_account_days", .integer(Int64(policy.newAccountDays)))
    sink.raise(
      Finding(
        ruleID: Self.ruleID, severity: .medium, customer: event.customer, eventAt: event.timestamp,
        summary: "first deposit of USD \(usd.plain), \(elapsed / 86_400_000) days after onboarding",
        explanation: explanation))
  }

  @inline(__always)
  func touch(_ customer: Int32) -> Int64 {
    Int(customer) >> 6 < hasDeposited.count ? Int64(bitPattern: hasDeposited[Int(customer) >> 6]) : 0
  }
}
