import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What the XML list loaders' parser delegates report, so that one routine runs them all and
/// refuses a broken or cut-off file the same way.
protocol ListXMLReader: XMLParserDelegate {
  /// The delegate's own reason to stop, when it met something it cannot read.
  var parseFailure: String? { get }
  /// Whether the document's root element was seen at all.
  var sawRoot: Bool { get }
  /// The innermost element still open, `nil` once the document has closed.
  var unclosedElement: String? { get }
}

/// Streams an XML list file through a ``ListXMLReader``.
enum ListXML {
  /// Parses `file` from disk in a stream (never the whole tree in memory).
  ///
  /// - Throws: when the file is missing or unreadable, is not well-formed XML, or ends with an
  ///   element still open. Foundation's parser on Linux can report success on a truncated file,
  ///   and a list cut off mid-download must not pass for a whole one.
  static func parse(_ file: URL, with reader: some ListXMLReader) throws(ListLoadError) {
    guard FileManager.default.fileExists(atPath: file.path) else { throw .fileMissing(path: file.path) }
    guard let stream = InputStream(url: file) else {
      throw .fileUnreadable(path: file.path, reason: "could not open for XML parsing")
    }
    let parser = XMLParser(stream: stream)
    parser.delegate = reader
    parser.shouldResolveExternalEntities = false
    let finished = parser.parse()
    if !finished || reader.parseFailure != nil {
      let cause =
        reader.parseFailure ?? parser.parserError.map { String(describing: $0) } ?? "unknown parser error"
      throw .documentInvalid(
        file: file.lastPathComponent, reason: "XML not well-formed at line \(parser.lineNumber): \(cause)")
    }
    guard reader.unclosedElement == nil, reader.sawRoot else {
      throw .documentInvalid(
        file: file.lastPathComponent,
        reason: "XML ends inside <\(reader.unclosedElement ?? "document")>: file truncated")
    }
  }
}
