/// Where an element sits in an IVMS101 document, rendered the way analysts read it:
/// `originator.originatorPersons[0].naturalPerson.name`.
///
/// Both decoding errors and validation problems point at elements this way, so an analyst
/// can go from a finding straight to the offending element without seeing any personal data.
struct ElementPath: Hashable, Sendable, CustomStringConvertible {
  private let rendered: String

  /// The document itself; shown as `$` because an empty path reads like a missing one.
  static let root = ElementPath(rendered: "")

  private init(rendered: String) {
    self.rendered = rendered
  }

  /// The named child element of this element.
  func element(_ name: String) -> ElementPath {
    ElementPath(rendered: rendered.isEmpty ? name : rendered + "." + name)
  }

  /// The item at `index` of the list this path points at.
  func item(_ index: Int) -> ElementPath {
    ElementPath(rendered: rendered + "[\(index)]")
  }

  var description: String { rendered.isEmpty ? "$" : rendered }

  /// The path of a decoding failure, built from the decoder's coding keys.
  init(codingPath: [any CodingKey]) {
    var path = ElementPath.root
    for key in codingPath {
      if let index = key.intValue {
        path = path.item(index)
      } else {
        path = path.element(key.stringValue)
      }
    }
    self = path
  }
}
