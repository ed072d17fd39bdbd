/// Whether a customer is a natural person or a company, foundation or other legal person.
public enum PersonType: String, Sendable, CaseIterable, Codable { case individual, legal }

/// The client classification of AFSA's Conduct of Business rules.
public enum ClientClass: String, Sendable, CaseIterable, Codable {
  case retail, professional
  case marketCounterparty = "market_counterparty"
}

/// The supervisory regime a customer's business falls under.
public enum Regime: String, Sendable, CaseIterable, Codable {
  /// Astana International Financial Centre, supervised by AFSA.
  case aifc
  /// Kazakhstan's national regime, supervised by the National Bank of Kazakhstan.
  case national
}

/// How far a retail client's eligibility for higher limits has been established.
public enum Verification: String, Sendable, CaseIterable, Codable {
  case none
  case incomeVerified = "income_verified"
  case knowledgeTest = "knowledge_test"
}

public enum RiskRating: String, Sendable, CaseIterable, Codable { case low, medium, high }

/// A wallet the customer declared, as `chain:address`.
public struct Wallet: Hashable, Sendable, Codable {
  public var chain: String
  public var address: String
  public init(chain: String, address: String) {
    self.chain = chain
    self.address = address
  }
}

/// One onboarding or KYC-refresh record. A later record for the same customer supersedes the
/// earlier one from its `recordedAt` on.
///
/// Personal data: `fullName`, `aliases`, `dateOfBirth`, `nationality`, `residence`, income,
/// net worth and wallets identify a person. They are stored in the case store and shown to
/// analysts; they never appear in error messages or logs.
public struct CustomerRecord: Hashable, Sendable {
  public var customerID: String
  public var recordedAt: Timestamp
  public var personType: PersonType
  public var fullName: String
  public var aliases: [String]
  public var dateOfBirth: CivilDate?
  public var nationality: String
  public var residence: String
  public var clientClass: ClientClass
  public var regime: Regime
  public var verification: Verification
  public var annualIncome: USD?
  public var netWorth: USD?
  public var isPEPDeclared: Bool
  public var riskRating: RiskRating
  public var wallets: [Wallet]
  /// The customer's licence as a digital miner (Kazakhstan's Law on Digital Assets), nil for a
  /// customer that is not one: licensed miners must sell a share of their declared output on
  /// licensed venues, and their sales here are counted for it.
  public var miningLicence: String?

  public init(
    customerID: String, recordedAt: Timestamp, personType: PersonType = .individual,
    fullName: String = "", aliases: [String] = [], dateOfBirth: CivilDate? = nil,
    nationality: String = "KZ", residence: String = "KZ", clientClass: ClientClass = .retail,
    regime: Regime = .aifc, verification: Verification = .none, annualIncome: USD? = nil,
    netWorth: USD? = nil, isPEPDeclared: Bool = false, riskRating: RiskRating = .low,
    wallets: [Wallet] = [], miningLicence: String? = nil
  ) {
    self.customerID = customerID
    self.recordedAt = recordedAt
    self.personType = personType
    self.fullName = fullName
    self.aliases = aliases
    self.dateOfBirth = dateOfBirth
    self.nationality = nationality
    self.residence = residence
    self.clientClass = clientClass
    self.regime = regime
    self.verification = verification
    self.annualIncome = annualIncome
    self.netWorth = netWorth
    self.isPEPDeclared = isPEPDeclared
    self.riskRating = riskRating
    self.wallets = wallets
    self.miningLicence = miningLicence
  }
}
