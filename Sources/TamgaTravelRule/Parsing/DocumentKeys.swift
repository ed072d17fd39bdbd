/// A coding key carrying whatever spelling the counterparty's document used.
///
/// IVMS101 travels as camelCase JSON, as protobuf JSON (`snake_case`), and with home-grown
/// synonyms (`street`, `zip_code`, `dob`); decoding by a fixed `CodingKeys` enum would
/// silently drop such data, so keys are matched by ``ElementName`` instead.
struct DocumentKey: CodingKey, Hashable, Sendable {
  let stringValue: String
  let intValue: Int?

  init(_ name: String) {
    stringValue = name
    intValue = nil
  }

  init?(stringValue: String) {
    self.init(stringValue)
  }

  init?(intValue: Int) {
    stringValue = String(intValue)
    self.intValue = intValue
  }
}

/// One IVMS101 element: the name the standard gives it, and the other spellings accepted.
///
/// Spellings are compared case-insensitively with `_` and `-` ignored, so `streetName`,
/// `street_name` and `STREET_NAME` all match without being listed; only true synonyms
/// (`city` for `townName`) need listing. The standard's name is always the one written.
struct ElementName: Sendable {
  /// The IVMS101 element name, used when encoding.
  let canonical: String
  /// Normalised spellings, best first: when a document carries two, the standard's wins.
  let spellings: [String]

  init(_ canonical: String, or synonyms: String...) {
    self.canonical = canonical
    spellings = ([canonical] + synonyms).map(ElementName.normalised)
  }

  static func normalised(_ spelling: String) -> String {
    String(spelling.lowercased().filter { $0 != "_" && $0 != "-" })
  }
}

/// One JSON object of an IVMS101 document, with its keys indexed by normalised spelling.
///
/// The index is built once per object, so finding an element costs the same however many
/// unknown elements a sender pads the object with.
struct DocumentObject {
  private let container: KeyedDecodingContainer<DocumentKey>
  private let keysBySpelling: [String: DocumentKey]

  init(_ container: KeyedDecodingContainer<DocumentKey>) {
    self.container = container
    var keysBySpelling: [String: DocumentKey] = [:]
    for key in container.allKeys {
      let spelling = ElementName.normalised(key.stringValue)
      if keysBySpelling[spelling] == nil {
        keysBySpelling[spelling] = key
      }
    }
    self.keysBySpelling = keysBySpelling
  }

  /// The key under which this object carries `element`, if it carries it at all.
  func key(for element: ElementName) -> DocumentKey? {
    for spelling in element.spellings {
      if let key = keysBySpelling[spelling] { return key }
    }
    return nil
  }

  /// Free text; absent, `null` and `""` all read as absent, because protobuf JSON writes
  /// empty strings for elements that were never filled in.
  func text(_ element: ElementName) throws -> String? {
    guard let key = key(for: element), try !container.decodeNil(forKey: key) else { return nil }
    let value = try container.decode(String.self, forKey: key)
    return value.isEmpty ? nil : value
  }

  /// A list; absent and `null` read as an empty list (IVMS101 lists are zero-or-more).
  func list<Item: Decodable>(_ element: ElementName, of _: Item.Type = Item.self) throws -> [Item] {
    guard let key = key(for: element), try !container.decodeNil(forKey: key) else { return [] }
    return try container.decode([Item].self, forKey: key)
  }

  /// A nested element, if present and not `null`.
  func element<Value: Decodable>(_ element: ElementName, as _: Value.Type = Value.self) throws -> Value? {
    guard let key = key(for: element), try !container.decodeNil(forKey: key) else { return nil }
    return try container.decode(Value.self, forKey: key)
  }

  /// A code from an IVMS101 code list, normalised from its protobuf spelling.
  func code<Code: IVMS101Code>(_ element: ElementName, as _: Code.Type = Code.self) throws -> Code? {
    try text(element).map(Code.init(documentValue:))
  }

  /// An error reporting `element` as missing from this object.
  func missing(_ element: ElementName) -> DecodingError {
    DecodingError.keyNotFound(
      DocumentKey(element.canonical),
      DecodingError.Context(codingPath: container.codingPath, debugDescription: "\(element.canonical) is required"))
  }
}

extension KeyedEncodingContainer where Key == DocumentKey {
  /// Writes `value` under the standard's name, leaving absent elements out.
  mutating func encode(_ value: (some Encodable)?, as element: ElementName) throws {
    guard let value else { return }
    try encode(value, forKey: DocumentKey(element.canonical))
  }

  /// Writes a list under the standard's name, leaving empty lists out.
  mutating func encode(_ values: [some Encodable], as element: ElementName) throws {
    guard !values.isEmpty else { return }
    try encode(values, forKey: DocumentKey(element.canonical))
  }
}

extension Decoder {
  /// The JSON object every IVMS101 element is read from.
  func documentObject() throws -> DocumentObject {
    DocumentObject(try container(keyedBy: DocumentKey.self))
  }
}

extension Encoder {
  /// The keyed container every IVMS101 element is written to.
  func documentContainer() -> KeyedEncodingContainer<DocumentKey> {
    container(keyedBy: DocumentKey.self)
  }
}
