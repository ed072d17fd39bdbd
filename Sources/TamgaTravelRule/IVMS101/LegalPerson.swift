/// A company, foundation, partnership or other entity that is not a human being
/// (IVMS101 `LegalPerson`); VASPs themselves are legal persons.
///
/// The standard requires a legal (`LEGL`) name, and restricts which national identifiers a
/// legal person may carry and how they are qualified (constraints C7, C9, C11).
public struct LegalPerson: IVMS101Element {
  /// The entity's names; required.
  public var name: LegalPersonName
  /// The entity's addresses.
  public var geographicAddress: [Address]
  /// The identifier the sending VASP uses for this customer. IVMS101 (2020) calls this
  /// element `customerNumber` in its text and `customerIdentification` in its table, so
  /// both spellings are read; `customerNumber` is written.
  public var customerNumber: String?
  /// A government or register identifier of the entity, such as an LEI.
  public var nationalIdentification: NationalIdentification?
  /// The ISO 3166-1 alpha-2 code of the country where the entity is registered (or `XX`).
  public var countryOfRegistration: String?

  /// Creates a legal person.
  public init(
    name: LegalPersonName,
    geographicAddress: [Address] = [],
    customerNumber: String? = nil,
    nationalIdentification: NationalIdentification? = nil,
    countryOfRegistration: String? = nil
  ) {
    self.name = name
    self.geographicAddress = geographicAddress
    self.customerNumber = customerNumber
    self.nationalIdentification = nationalIdentification
    self.countryOfRegistration = countryOfRegistration
  }

  private enum Element {
    static let name = ElementName("name")
    static let geographicAddress = ElementName("geographicAddress", or: "geographicAddresses", "addresses", "address")
    static let customerNumber = ElementName("customerNumber", or: "customerIdentification")
    static let nationalIdentification = ElementName("nationalIdentification")
    static let countryOfRegistration = ElementName("countryOfRegistration", or: "country")
  }

  /// Reads a legal person in any of the accepted spellings; a missing name reads as an
  /// empty one so that validation can report it together with everything else.
  public init(from decoder: any Decoder) throws {
    let document = try decoder.documentObject()
    self.init(
      name: try document.element(Element.name) ?? LegalPersonName(),
      geographicAddress: try document.list(Element.geographicAddress),
      customerNumber: try document.text(Element.customerNumber),
      nationalIdentification: try document.element(Element.nationalIdentification),
      countryOfRegistration: try document.text(Element.countryOfRegistration)
    )
  }

  /// Writes the legal person with the standard's element names.
  public func encode(to encoder: any Encoder) throws {
    var document = encoder.documentContainer()
    try document.encode(name, as: Element.name)
    try document.encode(geographicAddress, as: Element.geographicAddress)
    try document.encode(customerNumber, as: Element.customerNumber)
    try document.encode(nationalIdentification, as: Element.nationalIdentification)
    try document.encode(countryOfRegistration, as: Element.countryOfRegistration)
  }
}

/// The names of a legal person (IVMS101 `LegalPersonName`): see ``PersonNames``.
public typealias LegalPersonName = PersonNames<LegalPersonNameIdentifier>

/// One name of a legal person (IVMS101 `LegalPersonNameId`, also used for local and phonetic names).
public struct LegalPersonNameIdentifier: IVMS101Element {
  /// The name; required.
  public var legalPersonName: String
  /// Whether this is the legal, short or trading name; required.
  public var legalPersonNameIdentifierType: LegalPersonNameTypeCode?

  /// Creates a name.
  public init(legalPersonName: String, legalPersonNameIdentifierType: LegalPersonNameTypeCode?) {
    self.legalPersonName = legalPersonName
    self.legalPersonNameIdentifierType = legalPersonNameIdentifierType
  }

  private enum Element {
    static let legalPersonName = ElementName("legalPersonName", or: "name")
    static let legalPersonNameIdentifierType = ElementName("legalPersonNameIdentifierType", or: "nameIdentifierType")
  }

  /// Reads a name in any of the accepted spellings.
  public init(from decoder: any Decoder) throws {
    let document = try decoder.documentObject()
    self.init(
      legalPersonName: try document.text(Element.legalPersonName) ?? "",
      legalPersonNameIdentifierType: try document.code(Element.legalPersonNameIdentifierType)
    )
  }

  /// Writes the name with the standard's element names.
  public func encode(to encoder: any Encoder) throws {
    var document = encoder.documentContainer()
    try document.encode(legalPersonName, as: Element.legalPersonName)
    try document.encode(legalPersonNameIdentifierType, as: Element.legalPersonNameIdentifierType)
  }
}
