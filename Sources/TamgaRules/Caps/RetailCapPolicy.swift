public import TamgaModel

/// The AIFC retail investment limits, as configured.
///
/// Defaults follow AFSA's policy for digital-asset purchases by individual retail clients:
/// USD 1,000 per calendar month without verification, USD 100,000 per calendar year once
/// income is verified, lowered to the lesser of 10% of declared annual income and 5% of
/// declared net worth. Months and years are Kazakhstan calendar periods (Asia/Almaty).
public struct RetailCapPolicy: Sendable, Equatable {
  /// When `false`, no cap alerts are raised.
  public var isEnabled = true
  /// Monthly limit for unverified retail individuals. Default USD 1,000.
  public var monthlyLimit = USD(dollars: 1_000)
  /// Annual limit for income-verified retail individuals. Default USD 100,000.
  public var annualLimit = USD(dollars: 100_000)
  /// Share of declared annual income that caps the annual limit, in basis points. Default
  /// 1,000 (10%).
  public var incomeShareBasisPoints: Int64 = 1_000
  /// Share of declared net worth that caps the annual limit, in basis points. Default 500 (5%).
  public var netWorthShareBasisPoints: Int64 = 500
  /// Whether a passed knowledge test alone earns the annual limit. Default `false`: AFSA ties
  /// the higher limit to verified income, so a knowledge test leaves the monthly limit.
  public var knowledgeTestCountsAsVerified = false

  public init() {}

  /// Which limit applies to a customer in a given status, and why.
  public func cap(for status: CustomerStatus) -> Cap {
    guard isEnabled else { return .exempt("retail caps are disabled in the configuration") }
    guard status.regime == .aifc else { return .exempt("national regime: the AIFC retail caps do not apply") }
    switch status.clientClass {
    case .professional: return .exempt("professional client")
    case .marketCounterparty: return .exempt("market counterparty")
    case .retail: break
    }
    guard status.personType == .individual else { return .exempt("legal person: the caps cover individuals") }
    let verified = status.verification == .incomeVerified
      || (status.verification == .knowledgeTest && knowledgeTestCountsAsVerified)
    guard verified else {
      return .monthly(limit: monthlyLimit, basis: "unverified retail client: \(monthlyLimit) per calendar month")
    }
    var limit = annualLimit
    var basis = "income-verified retail client: \(annualLimit) per calendar year"
    if let income = status.annualIncome {
      let share = USD(cents: income.cents / 10_000 * incomeShareBasisPoints + income.cents % 10_000 * incomeShareBasisPoints / 10_000)
      if share < limit {
        limit = share
        basis = "income-verified retail client: \(Self.percent(incomeShareBasisPoints)) of declared annual income \(income)"
      }
    }
    if let netWorth = status.netWorth {
      let share = USD(cents: netWorth.cents / 10_000 * netWorthShareBasisPoints + netWorth.cents % 10_000 * netWorthShareBasisPoints / 10_000)
      if share < limit {
        limit = share
        basis = "income-verified retail client: \(Self.percent(netWorthShareBasisPoints)) of declared net worth \(netWorth)"
      }
    }
    return .annual(limit: limit, basis: basis)
  }

  static func percent(_ basisPoints: Int64) -> String {
    basisPoints % 100 == 0 ? "\(basisPoints / 100)%" : "\(basisPoints / 100).\(basisPoints % 100 < 10 ? "0" : "")\(basisPoints % 100)%"
  }
}

/// The limit on a customer's purchases.
public enum Cap: Sendable, Equatable {
  case exempt(String)
  case monthly(limit: USD, basis: String)
  case annual(limit: USD, basis: String)
}
