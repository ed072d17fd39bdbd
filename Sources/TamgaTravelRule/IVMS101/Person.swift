/// A party to a transfer: exactly one of a natural person or a legal person (IVMS101 `Person`).
///
/// The standard makes this a choice, and the convenience constructors ``natural(_:)`` and
/// ``legal(_:)`` build only valid choices. Decoding still accepts a document that carries
/// both or neither, so that ``IVMS101Check`` can report that (as `ivms101.personKind`)
/// together with every other finding instead of the whole payload failing to parse.
public struct Person: IVMS101Element {
  /// The person, when it is an individual.
  public var naturalPerson: NaturalPerson?
  /// The person, when it is an entity.
  public var legalPerson: LegalPerson?

  /// Creates a person from its two alternatives; prefer ``natural(_:)`` or ``legal(_:)``.
  public init(naturalPerson: NaturalPerson? = nil, legalPerson: LegalPerson? = nil) {
    self.naturalPerson = naturalPerson
    self.legalPerson = legalPerson
  }

  /// A person who is an individual.
  public static func natural(_ person: NaturalPerson) -> Person {
    Person(naturalPerson: person)
  }

  /// A person that is an entity.
  public static func legal(_ person: LegalPerson) -> Person {
    Person(legalPerson: person)
  }

  private enum Element {
    static let naturalPerson = ElementName("naturalPerson")
    static let legalPerson = ElementName("legalPerson")
  }

  /// Whether a document object looks like a person rather than a wrapper around one.
  static func isPerson(_ document: DocumentObject) -> Bool {
    document.key(for: Element.naturalPerson) != nil || document.key(for: Element.legalPerson) != nil
  }

  /// Reads a person in any of the accepted spellings.
  public init(from decoder: any Decoder) throws {
    let document = try decoder.documentObject()
    self.init(
      naturalPerson: try document.element(Element.naturalPerson),
      legalPerson: try document.element(Element.legalPerson)
    )
  }

  /// Writes the person with the standard's element names.
  public func encode(to encoder: any Encoder) throws {
    var document = encoder.documentContainer()
    try document.encode(naturalPerson, as: Element.naturalPerson)
    try document.encode(legalPerson, as: Element.legalPerson)
  }
}
