/// An individual human being: a customer, or a signatory of a legal person (IVMS101 `NaturalPerson`).
///
/// The standard requires a name with a legal (`LEGL`) name identifier, and, for an
/// originator, at least one of address, customer identification, national identification
/// or date and place of birth so the beneficiary VASP can tell two people of the same name apart.
public struct NaturalPerson: IVMS101Element {
  /// The person's names; required.
  public var name: NaturalPersonName
  /// The person's addresses.
  public var geographicAddress: [Address]
  /// A government-issued identifier of the person.
  public var nationalIdentification: NationalIdentification?
  /// The identifier the sending VASP uses for this customer.
  public var customerIdentification: String?
  /// When and where the person was born.
  public var dateAndPlaceOfBirth: DateAndPlaceOfBirth?
  /// The ISO 3166-1 alpha-2 code of the country where the person lives (or `XX`).
  public var countryOfResidence: String?

  /// Creates a natural person.
  public init(
    name: NaturalPersonName,
    geographicAddress: [Address] = [],
    nationalIdentification: NationalIdentification? = nil,
    customerIdentification: String? = nil,
    dateAndPlaceOfBirth: DateAndPlaceOfBirth? = nil,
    countryOfResidence: String? = nil
  ) {
    self.name = name
    self.geographicAddress = geographicAddress
    self.nationalIdentification = nationalIdentification
    self.customerIdentification = customerIdentification
    self.dateAndPlaceOfBirth = dateAndPlaceOfBirth
    self.countryOfResidence = countryOfResidence
  }

  private enum Element {
    static let name = ElementName("name")
    static let geographicAddress = ElementName("geographicAddress", or: "geographicAddresses", "addresses", "address")
    static let nationalIdentification = ElementName("nationalIdentification")
    static let customerIdentification = ElementName("customerIdentification", or: "customerNumber")
    static let dateAndPlaceOfBirth = ElementName("dateAndPlaceOfBirth")
    static let countryOfResidence = ElementName("countryOfResidence")
  }

  /// Reads a natural person in any of the accepted spellings; a missing name reads as an
  /// empty one so that validation can report it together with everything else.
  public init(from decoder: any Decoder) throws {
    let document = try decoder.documentObject()
    self.init(
      name: try document.element(Element.name) ?? NaturalPersonName(),
      geographicAddress: try document.list(Element.geographicAddress),
      nationalIdentification: try document.element(Element.nationalIdentification),
      customerIdentification: try document.text(Element.customerIdentification),
      dateAndPlaceOfBirth: try document.element(Element.dateAndPlaceOfBirth),
      countryOfResidence: try document.text(Element.countryOfResidence)
    )
  }

  /// Writes the natural person with the standard's element names.
  public func encode(to encoder: any Encoder) throws {
    var document = encoder.documentContainer()
    try document.encode(name, as: Element.name)
    try document.encode(geographicAddress, as: Element.geographicAddress)
    try document.encode(nationalIdentification, as: Element.nationalIdentification)
    try document.encode(customerIdentification, as: Element.customerIdentification)
    try document.encode(dateAndPlaceOfBirth, as: Element.dateAndPlaceOfBirth)
    try document.encode(countryOfResidence, as: Element.countryOfResidence)
  }
}

/// The names of a natural person (IVMS101 `NaturalPersonName`): see ``PersonNames``.
public typealias NaturalPersonName = PersonNames<NaturalPersonNameIdentifier>

/// The names of a person, natural or legal (IVMS101 `NaturalPersonName` and `LegalPersonName`,
/// which differ only in the kind of name they list).
public struct PersonNames<Identifier: IVMS101Element>: IVMS101Element {
  /// The names in Latin script; at least one must be the legal name (`LEGL`).
  public var nameIdentifier: [Identifier]
  /// The names in local characters, such as Cyrillic or Kanji.
  public var localNameIdentifier: [Identifier]
  /// The names as pronounced.
  public var phoneticNameIdentifier: [Identifier]

  /// Creates a set of names.
  public init(
    nameIdentifier: [Identifier] = [], localNameIdentifier: [Identifier] = [], phoneticNameIdentifier: [Identifier] = []
  ) {
    self.nameIdentifier = nameIdentifier
    self.localNameIdentifier = localNameIdentifier
    self.phoneticNameIdentifier = phoneticNameIdentifier
  }

  /// Reads the names in any of the accepted spellings.
  public init(from decoder: any Decoder) throws {
    let document = try decoder.documentObject()
    self.init(
      nameIdentifier: try document.list(PersonNamesElement.nameIdentifier),
      localNameIdentifier: try document.list(PersonNamesElement.localNameIdentifier),
      phoneticNameIdentifier: try document.list(PersonNamesElement.phoneticNameIdentifier)
    )
  }

  /// Writes the names with the standard's element names.
  public func encode(to encoder: any Encoder) throws {
    var document = encoder.documentContainer()
    try document.encode(nameIdentifier, as: PersonNamesElement.nameIdentifier)
    try document.encode(localNameIdentifier, as: PersonNamesElement.localNameIdentifier)
    try document.encode(phoneticNameIdentifier, as: PersonNamesElement.phoneticNameIdentifier)
  }
}

/// One name of a natural person, split into primary and secondary parts
/// (IVMS101 `NaturalPersonNameId`, also used for local and phonetic names).
public struct NaturalPersonNameIdentifier: IVMS101Element {
  /// The family name, or the whole name when it cannot be split; required.
  public var primaryIdentifier: String
  /// Forenames, initials and other secondary names.
  public var secondaryIdentifier: String?
  /// What kind of name this is; required.
  public var nameIdentifierType: NaturalPersonNameTypeCode?

  /// Creates a name.
  public init(
    primaryIdentifier: String,
    secondaryIdentifier: String? = nil,
    nameIdentifierType: NaturalPersonNameTypeCode?
  ) {
    self.primaryIdentifier = primaryIdentifier
    self.secondaryIdentifier = secondaryIdentifier
    self.nameIdentifierType = nameIdentifierType
  }

  private enum Element {
    static let primaryIdentifier = ElementName("primaryIdentifier", or: "lastName", "surname", "familyName")
    static let secondaryIdentifier = ElementName("secondaryIdentifier", or: "firstName", "givenName")
    static let nameIdentifierType = ElementName("nameIdentifierType", or: "naturalPersonNameIdentifierType")
  }

  /// Reads a name in any of the accepted spellings.
  public init(from decoder: any Decoder) throws {
    let document = try decoder.documentObject()
    self.init(
      primaryIdentifier: try document.text(Element.primaryIdentifier) ?? "",
      secondaryIdentifier: try document.text(Element.secondaryIdentifier),
      nameIdentifierType: try document.code(Element.nameIdentifierType)
    )
  }

  /// Writes the name with the standard's element names.
  public func encode(to encoder: any Encoder) throws {
    var document = encoder.documentContainer()
    try document.encode(primaryIdentifier, as: Element.primaryIdentifier)
    try document.encode(secondaryIdentifier, as: Element.secondaryIdentifier)
    try document.encode(nameIdentifierType, as: Element.nameIdentifierType)
  }
}

/// When and where a natural person was born (IVMS101 `DateAndPlaceOfBirth`).
///
/// The date is kept as the document wrote it (`YYYY-MM-DD`) rather than as a `Date`,
/// because a birth date is a calendar day, not an instant, and converting it through a
/// time zone can shift it by a day.
public struct DateAndPlaceOfBirth: IVMS101Element {
  /// The birth date as `YYYY-MM-DD`; required, and must be before the check date.
  public var dateOfBirth: String
  /// The town, city or country of birth; required.
  public var placeOfBirth: String

  /// Creates a date and place of birth.
  public init(dateOfBirth: String, placeOfBirth: String) {
    self.dateOfBirth = dateOfBirth
    self.placeOfBirth = placeOfBirth
  }

  private enum Element {
    static let dateOfBirth = ElementName("dateOfBirth", or: "dob", "birthDate")
    static let placeOfBirth = ElementName("placeOfBirth", or: "pob", "birthPlace")
  }

  /// Reads a date and place of birth in any of the accepted spellings.
  public init(from decoder: any Decoder) throws {
    let document = try decoder.documentObject()
    self.init(
      dateOfBirth: try document.text(Element.dateOfBirth) ?? "",
      placeOfBirth: try document.text(Element.placeOfBirth) ?? ""
    )
  }

  /// Writes the date and place of birth with the standard's element names.
  public func encode(to encoder: any Encoder) throws {
    var document = encoder.documentContainer()
    try document.encode(dateOfBirth, as: Element.dateOfBirth)
    try document.encode(placeOfBirth, as: Element.placeOfBirth)
  }
}

/// The element names of ``PersonNames`` (a generic type cannot hold them itself).
private enum PersonNamesElement {
  static let nameIdentifier = ElementName("nameIdentifier", or: "nameIdentifiers")
  static let localNameIdentifier = ElementName("localNameIdentifier", or: "localNameIdentifiers")
  static let phoneticNameIdentifier = ElementName("phoneticNameIdentifier", or: "phoneticNameIdentifiers")
}
