/// The identity data exchanged between VASPs for one transfer: who sends, who receives,
/// and through which VASPs (the IVMS101 identity payload).
///
/// This is what the Travel Rule (FATF Recommendation 16) requires to travel with a virtual
/// asset transfer. Parse it with ``IVMS101Element/init(parsing:)``, then run
/// ``IVMS101Check`` for conformance to the standard and ``TravelRuleCheck`` for
/// completeness at the transfer's value.
public struct IdentityPayload: IVMS101Element {
  /// The sender of the transfer.
  public var originator: Originator
  /// The receiver of the transfer.
  public var beneficiary: Beneficiary
  /// The VASP sending the transfer on the originator's behalf, when stated.
  public var originatingVASP: Person?
  /// The VASP receiving the transfer on the beneficiary's behalf, when stated; often
  /// absent from the first message of an exchange, before the beneficiary VASP replies.
  public var beneficiaryVASP: Person?

  /// Creates an identity payload.
  public init(
    originator: Originator,
    beneficiary: Beneficiary,
    originatingVASP: Person? = nil,
    beneficiaryVASP: Person? = nil
  ) {
    self.originator = originator
    self.beneficiary = beneficiary
    self.originatingVASP = originatingVASP
    self.beneficiaryVASP = beneficiaryVASP
  }

  fileprivate enum Element {
    static let originator = ElementName("originator")
    static let beneficiary = ElementName("beneficiary")
    static let originatingVASP = ElementName("originatingVASP")
    static let beneficiaryVASP = ElementName("beneficiaryVASP")
  }

  /// Reads a payload in any of the accepted spellings.
  ///
  /// Originator and beneficiary must be present: a document without them is not an
  /// identity payload at all (for example a transaction record sent by mistake), which is
  /// an operational error rather than a data-quality finding.
  public init(from decoder: any Decoder) throws {
    let document = try decoder.documentObject()
    guard let originator = try document.element(Element.originator, as: Originator.self) else {
      throw document.missing(Element.originator)
    }
    guard let beneficiary = try document.element(Element.beneficiary, as: Beneficiary.self) else {
      throw document.missing(Element.beneficiary)
    }
    self.init(
      originator: originator,
      beneficiary: beneficiary,
      originatingVASP: try document.element(Element.originatingVASP, as: OriginatingVASP.self)?.person,
      beneficiaryVASP: try document.element(Element.beneficiaryVASP, as: BeneficiaryVASP.self)?.person
    )
  }

  /// Writes the payload with the standard's element names, including the standard's
  /// wrapper objects around the two VASPs.
  public func encode(to encoder: any Encoder) throws {
    var document = encoder.documentContainer()
    try document.encode(originator, as: Element.originator)
    try document.encode(beneficiary, as: Element.beneficiary)
    try document.encode(originatingVASP.map(OriginatingVASP.init), as: Element.originatingVASP)
    try document.encode(beneficiaryVASP.map(BeneficiaryVASP.init), as: Element.beneficiaryVASP)
  }
}

/// The sender side of a transfer (IVMS101 `Originator`).
public struct Originator: IVMS101Element {
  /// The account holders, or whoever placed the order where there is no account; at
  /// least one, and more for joint accounts.
  public var originatorPersons: [Person]
  /// The accounts (for virtual assets, usually wallet addresses) the transfer leaves from.
  public var accountNumber: [String]

  /// Creates an originator.
  public init(originatorPersons: [Person] = [], accountNumber: [String] = []) {
    self.originatorPersons = originatorPersons
    self.accountNumber = accountNumber
  }

  private enum Element {
    static let originatorPersons = ElementName("originatorPersons", or: "originatorPerson")
    static let accountNumber = ElementName("accountNumber", or: "accountNumbers")
  }

  /// Reads an originator in any of the accepted spellings.
  public init(from decoder: any Decoder) throws {
    let document = try decoder.documentObject()
    self.init(
      originatorPersons: try document.list(Element.originatorPersons),
      accountNumber: try document.list(Element.accountNumber)
    )
  }

  /// Writes the originator with the standard's element names.
  public func encode(to encoder: any Encoder) throws {
    var document = encoder.documentContainer()
    try document.encode(originatorPersons, as: Element.originatorPersons)
    try document.encode(accountNumber, as: Element.accountNumber)
  }
}

/// The receiver side of a transfer (IVMS101 `Beneficiary`).
public struct Beneficiary: IVMS101Element {
  /// The people or entities the originator identifies as receivers; at least one.
  public var beneficiaryPersons: [Person]
  /// The accounts (for virtual assets, usually wallet addresses) the transfer goes to.
  public var accountNumber: [String]

  /// Creates a beneficiary.
  public init(beneficiaryPersons: [Person] = [], accountNumber: [String] = []) {
    self.beneficiaryPersons = beneficiaryPersons
    self.accountNumber = accountNumber
  }

  private enum Element {
    // TRISA's protobuf definition spells the JSON name `beneficiaryPerson` (singular).
    static let beneficiaryPersons = ElementName("beneficiaryPersons", or: "beneficiaryPerson")
    static let accountNumber = ElementName("accountNumber", or: "accountNumbers")
  }

  /// Reads a beneficiary in any of the accepted spellings.
  public init(from decoder: any Decoder) throws {
    let document = try decoder.documentObject()
    self.init(
      beneficiaryPersons: try document.list(Element.beneficiaryPersons),
      accountNumber: try document.list(Element.accountNumber)
    )
  }

  /// Writes the beneficiary with the standard's element names.
  public func encode(to encoder: any Encoder) throws {
    var document = encoder.documentContainer()
    try document.encode(beneficiaryPersons, as: Element.beneficiaryPersons)
    try document.encode(accountNumber, as: Element.accountNumber)
  }
}

/// The standard's wrapper objects `{"originatingVASP": {"originatingVASP": Person}}` and
/// `{"beneficiaryVASP": {"beneficiaryVASP": Person}}`, kept out of the public model because they
/// carry nothing but the person; `Side` names which.
private struct WrappedVASP<Side: VASPSide>: Codable {
  let person: Person?

  init(_ person: Person) { self.person = person }

  /// The VASP inside its wrapper; some senders omit the wrapper and put the person directly,
  /// which is read the same way rather than silently dropped.
  init(from decoder: any Decoder) throws {
    let document = try decoder.documentObject()
    person = Person.isPerson(document) ? try Person(from: decoder) : try document.element(Side.element)
  }

  func encode(to encoder: any Encoder) throws {
    var document = encoder.documentContainer()
    try document.encode(person, as: Side.element)
  }
}

/// Which VASP a wrapper holds, by the element name the standard repeats inside it.
private protocol VASPSide { static var element: ElementName { get } }
private enum OriginatingSide: VASPSide { static var element: ElementName { IdentityPayload.Element.originatingVASP } }
private enum BeneficiarySide: VASPSide { static var element: ElementName { IdentityPayload.Element.beneficiaryVASP } }
private typealias OriginatingVASP = WrappedVASP<OriginatingSide>
private typealias BeneficiaryVASP = WrappedVASP<BeneficiarySide>
