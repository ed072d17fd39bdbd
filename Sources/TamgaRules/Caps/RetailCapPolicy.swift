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
  /// - Complexity: O(1); allocates nothing (the reason is text only when asked for).
  @inline(__always)
  public func cap(for status: CustomerStatus) -> Cap {
    guard isEnabled else { return .exempt(.disabled) }
    guard status.regime == .aifc else { return .exempt(.nationalRegime) }
    switch status.clientClass {
    case .professional: return .exempt(.professionalClient)
    case .marketCounterparty: return .exempt(.marketCounterparty)
    case .retail: break
    }
    guard status.personType == .individual else { return .exempt(.legalPerson) }
    let verified = status.verification == .incomeVerified
      || (status.verification == .knowledgeTest && knowledgeTestCountsAsVerified)
    guard verified else { return .monthly(limit: monthlyLimit) }
    var limit = annualLimit
    var basis = Cap.AnnualBasis.standard
    if let income = status.annualIncome {
      let share = Self.share(of: income, basisPoints: incomeShareBasisPoints)
      if share < limit {
        limit = share
        basis = .incomeShare(of: income)
      }
    }
    if let netWorth = status.netWorth {
      let share = Self.share(of: netWorth, basisPoints: netWorthShareBasisPoints)
      if share < limit {
        limit = share
        basis = .netWorthShare(of: netWorth)
      }
    }
    return .annual(limit: limit, basis: basis)
  }

  /// `amount × basisPoints / 10,000`, rounded down to the cent, without overflow for any
  /// amount a file can hold.
  @inline(__always)
  static func share(of amount: USD, basisPoints: Int64) -> USD {
    USD(cents: amount.cents / 10_000 * basisPoints + amount.cents % 10_000 * basisPoints / 10_000)
  }

  /// Why a limit is what it is, in the words of the alert.
  public func basis(of cap: Cap) -> String {
    switch cap {
    case .exempt(let exemption): return exemption.description
    case .monthly(let limit): return "unverified retail client: \(limit) per calendar month"
    case .annual(_, .standard): return "income-verified retail client: \(annualLimit) per calendar year"
    case .annual(_, .incomeShare(let income)):
      return "income-verified retail client: \(Self.percent(incomeShareBasisPoints)) of declared annual income \(income)"
    case .annual(_, .netWorthShare(let netWorth)):
      return "income-verified retail client: \(Self.percent(netWorthShareBasisPoints)) of declared net worth \(netWorth)"
    }
  }

  static func percent(_ basisPoints: Int64) -> String {
    basisPoints % 100 == 0 ? "\(basisPoints / 100)%" : "\(basisPoints / 100).\(basisPoints % 100 < 10 ? "0" : "")\(basisPoints % 100)%"
  }
}

/// The limit on a customer's purchases.
public enum Cap: Sendable, Equatable {
  case exempt(Exemption)
  case monthly(limit: USD)
  case annual(limit: USD, basis: AnnualBasis)

  /// Why a client is outside the caps.
  public enum Exemption: Sendable, Equatable, CustomStringConvertible {
    case disabled, nationalRegime, professionalClient, marketCounterparty, legalPerson

    public var description: String {
      switch self {
      case .disabled: "retail caps are disabled in the configuration"
      case .nationalRegime: "national regime: the AIFC retail caps do not apply"
      case .professionalClient: "professional client"
      case .marketCounterparty: "market counterparty"
      case .legalPerson: "legal person: the caps cover individuals"
      }
    }
  }

  /// What set an annual limit.
  public enum AnnualBasis: Sendable, Equatable {
    case standard
    case incomeShare(of: USD)
    case netWorthShare(of: USD)
  }

  /// The limit, `nil` when exempt.
  public var limit: USD? {
    switch self {
    case .exempt: nil
    case .monthly(let limit), .annual(let limit, _): limit
    }
  }
}
