/// A government-issued identifier of a natural or legal person (IVMS101 `NationalIdentification`).
///
/// Which elements belong here depends on who holds the identifier: a legal person's
/// identification carries a registration authority unless it is an LEI, a natural person's
/// carries a country of issue. ``IVMS101Check`` checks that in the context of the holder.
public struct NationalIdentification: IVMS101Element {
  /// The identifier itself; required.
  public var nationalIdentifier: String
  /// What kind of identifier it is; required.
  public var nationalIdentifierType: NationalIdentifierTypeCode?
  /// The ISO 3166-1 alpha-2 code of the issuing country; for natural persons only.
  public var countryOfIssue: String?
  /// The GLEIF Registration Authorities List code (`RA` and six digits) of the register
  /// that issued the identifier; for legal persons' non-LEI identifiers only.
  public var registrationAuthority: String?

  /// Creates a national identification.
  public init(
    nationalIdentifier: String,
    nationalIdentifierType: NationalIdentifierTypeCode?,
    countryOfIssue: String? = nil,
    registrationAuthority: String? = nil
  ) {
    self.nationalIdentifier = nationalIdentifier
    self.nationalIdentifierType = nationalIdentifierType
    self.countryOfIssue = countryOfIssue
    self.registrationAuthority = registrationAuthority
  }

  private enum Element {
    static let nationalIdentifier = ElementName("nationalIdentifier")
    static let nationalIdentifierType = ElementName("nationalIdentifierType")
    static let countryOfIssue = ElementName("countryOfIssue", or: "country")
    static let registrationAuthority = ElementName("registrationAuthority", or: "ra")
  }

  /// Reads a national identification in any of the accepted spellings.
  public init(from decoder: any Decoder) throws {
    let document = try decoder.documentObject()
    self.init(
      nationalIdentifier: try document.text(Element.nationalIdentifier) ?? "",
      nationalIdentifierType: try document.code(Element.nationalIdentifierType),
      countryOfIssue: try document.text(Element.countryOfIssue),
      registrationAuthority: try document.text(Element.registrationAuthority)
    )
  }

  /// Writes the national identification with the standard's element names.
  public func encode(to encoder: any Encoder) throws {
    var document = encoder.documentContainer()
    try document.encode(nationalIdentifier, as: Element.nationalIdentifier)
    try document.encode(nationalIdentifierType, as: Element.nationalIdentifierType)
    try document.encode(countryOfIssue, as: Element.countryOfIssue)
    try document.encode(registrationAuthority, as: Element.registrationAuthority)
  }
}
