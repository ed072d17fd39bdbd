/// Why a Travel Rule document could not be read or written at all.
///
/// This is the one error type of the module: it covers operational failures (bytes that
/// are not JSON, elements of the wrong JSON type), not data-quality findings, which are
/// returned as ``ValidationProblem`` values so that every finding can be reported at once.
/// The description names the element and the kind of failure but never repeats a value
/// from the document, so it is safe to log next to a case file.
public struct TravelRuleError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What went wrong, without the offending value.
  public enum Kind: Hashable, Sendable {
    /// The bytes are not syntactically valid JSON (truncated, a stray character, empty).
    case notJSON
    /// An element holds the wrong kind of JSON value; `expected` names the kind the
    /// standard calls for, such as "an object" or "text".
    case unexpectedType(expected: String)
    /// An element the document cannot do without is absent or `null`.
    case missingElement
    /// An element could not be read for another reason the decoder reported.
    case unreadableValue
    /// The value could not be written as JSON.
    case encodingFailed
  }

  /// What went wrong.
  public let kind: Kind

  /// Where it went wrong, such as `originator.originatorPersons[0].naturalPerson.name`,
  /// spelt as in the document; `$` is the document itself.
  public let path: String

  /// Creates an error for `kind` at `path`.
  public init(_ kind: Kind, at path: String) {
    self.kind = kind
    self.path = path
  }

  /// A sentence an analyst can act on, naming the element but none of its content.
  public var description: String {
    switch kind {
    case .notJSON:
      "The document is not valid JSON (\(path)): it may be truncated or corrupted; ask the sender to resend it."
    case .unexpectedType(let expected):
      "\(path) should hold \(expected) but holds another kind of value; the document does not follow IVMS101 here."
    case .missingElement:
      "\(path) is missing; an IVMS101 document cannot be read without it."
    case .unreadableValue:
      "\(path) could not be read; the document does not follow IVMS101 here."
    case .encodingFailed:
      "\(path) could not be written as JSON."
    }
  }
}

extension TravelRuleError {
  /// Translates Foundation's decoding error into this module's error, keeping the path
  /// and dropping the decoder's own wording (which is written for programmers).
  init(decoding error: any Error) {
    guard let error = error as? DecodingError else {
      self.init(.unreadableValue, at: ElementPath.root.description)
      return
    }
    switch error {
    case .typeMismatch(let type, let context):
      self.init(.unexpectedType(expected: Self.jsonKind(of: type)), at: ElementPath(codingPath: context.codingPath).description)
    case .valueNotFound(_, let context):
      self.init(.missingElement, at: ElementPath(codingPath: context.codingPath).description)
    case .keyNotFound(let key, let context):
      self.init(.missingElement, at: ElementPath(codingPath: context.codingPath + [key]).description)
    case .dataCorrupted(let context):
      // Foundation reports broken JSON syntax as corruption of the whole document.
      self.init(context.codingPath.isEmpty ? .notJSON : .unreadableValue, at: ElementPath(codingPath: context.codingPath).description)
    @unknown default:
      self.init(.unreadableValue, at: ElementPath.root.description)
    }
  }

  /// The JSON kind an analyst would recognise for the Swift type the decoder wanted.
  private static func jsonKind(of type: Any.Type) -> String {
    let name = String(describing: type)
    if type == String.self { return "text" }
    if name.hasPrefix("Array") { return "a list" }
    if name.hasPrefix("Dictionary") { return "an object" }
    if type == Bool.self { return "true or false" }
    if ["Int", "UInt", "Double", "Float", "Decimal"].contains(where: name.hasPrefix) { return "a number" }
    return "an object"
  }
}
