import TamgaModel

/// The purchase limit the synthesiser keeps a customer under, unless it is steering them over it.
///
/// Mirrors the default AIFC retail policy (USD 1,000 per Almaty calendar month without verification;
/// USD 100,000 per calendar year with verified income, lowered to the lesser of 10% of annual income
/// and 5% of net worth when declared), with one deliberate difference: `knowledge_test` clients get
/// the monthly limit too. The policy does not say how they are treated, and keeping them under the
/// stricter limit means no unplanned breach appears whichever way a rule pack reads it.
enum RetailCap: Equatable {
  case exempt
  case monthly(cents: Int64)
  case yearly(cents: Int64)

  /// The unverified client's monthly limit: USD 1,000.
  static let unverifiedMonthlyCents: Int64 = 100_000
  /// The income-verified client's yearly limit before income and net worth lower it: USD 100,000.
  static let verifiedYearlyCents: Int64 = 10_000_000

  init(for record: CustomerRecord) {
    guard record.regime == .aifc, record.personType == .individual, record.clientClass == .retail else {
      self = .exempt
      return
    }
    switch record.verification {
    case .none, .knowledgeTest:
      self = .monthly(cents: Self.unverifiedMonthlyCents)
    case .incomeVerified:
      var cap = Self.verifiedYearlyCents
      if let income = record.annualIncome { cap = min(cap, income.cents / 10) }
      if let netWorth = record.netWorth { cap = min(cap, netWorth.cents / 20) }
      self = .yearly(cents: cap)
    }
  }
}
