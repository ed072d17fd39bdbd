public import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Loads the UN Security Council consolidated list (XML) into `ListEntry` values.
///
/// The file is read with a streaming parser, one INDIVIDUAL or ENTITY at a time, so memory stays
/// flat however large the list grows. The UN reference number ("QDi.001") is the entry id because
/// it is what UN notices and analysts cite. Alias quality "Good" is strong and "Low" is weak;
/// dates of birth keep the UN's precision (EXACT, APPROXIMATELY, BETWEEN, year only).
public enum UNListLoader {
  /// Loads the consolidated list XML at `file` as list `listName`.
  ///
  /// Throws when the file is missing or is not well-formed XML (a half-downloaded list must not be
  /// screened against as if complete); entries without a reference number or name are rejected.
  public static func load(file: URL, listName: String = "un-consolidated") throws(ListLoadError) -> ListLoad {
    let reader = UNListXMLReader(listName: listName, fileName: file.lastPathComponent)
    try ListXML.parse(file, with: reader)
    return ListLoad(entries: reader.entries, rejections: reader.rejections, sourceFiles: [file.path])
  }
}

/// The parser delegate: collects one entry's elements, then turns them into a `ListEntry`.
///
/// Lives only for the duration of one synchronous `parse()` call on one thread.
private final class UNListXMLReader: NSObject, ListXMLReader {
  let listName: String
  let fileName: String
  var entries: [ListEntry] = []
  var rejections: [ListRejection] = []

  var parseFailure: String?
  var sawRoot = false
  var unclosedElement: String? { path.last }

  private var path: [String] = []
  private var text = ""
  private var draft: Draft?
  private var alias: (quality: String, name: String)?
  private var birth: [String: String]?

  private struct Draft {
    var kind: ListEntryKind
    var line: Int
    var id = ""
    var nameParts: [String] = []
    var aliases: [ListAlias] = []
    var birthDates: [BirthDate] = []
    var countries: [String] = []
    var programs: [String] = []
    var remarks: String?
    var listedOn: String?
  }

  init(listName: String, fileName: String) {
    self.listName = listName
    self.fileName = fileName
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    path.append(elementName)
    sawRoot = true
    text = ""
    switch elementName {
    case "INDIVIDUAL": draft = Draft(kind: .person, line: parser.lineNumber)
    case "ENTITY": draft = Draft(kind: .entity, line: parser.lineNumber)
    case "INDIVIDUAL_ALIAS", "ENTITY_ALIAS": alias = ("", "")
    case "INDIVIDUAL_DATE_OF_BIRTH": birth = [:]
    default: break
    }
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Swift.Error) {
    parseFailure = String(describing: parseError)
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    text += string
  }

  func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
    text += String(decoding: CDATABlock, as: UTF8.self)
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
    text = ""
    path.removeLast()
    let parent = path.last ?? ""
    guard var current = draft else { return }

    switch (parent, elementName) {
    case (_, "INDIVIDUAL"), (_, "ENTITY"):
      finish(current)
      draft = nil
      return
    case ("INDIVIDUAL", "FIRST_NAME"), ("INDIVIDUAL", "SECOND_NAME"), ("INDIVIDUAL", "THIRD_NAME"),
      ("INDIVIDUAL", "FOURTH_NAME"), ("ENTITY", "FIRST_NAME"), ("ENTITY", "SECOND_NAME"),
      ("ENTITY", "THIRD_NAME"), ("ENTITY", "FOURTH_NAME"):
      if !value.isEmpty { current.nameParts.append(value) }
    case (_, "REFERENCE_NUMBER"): current.id = value
    case (_, "UN_LIST_TYPE"): if !value.isEmpty { current.programs.append(value) }
    // Some dates carry a time-zone suffix ("2001-01-25-05:00"): the day is what matters.
    case (_, "LISTED_ON"): current.listedOn = value.isEmpty ? nil : String(value.prefix(10))
    case (_, "COMMENTS1"): current.remarks = value.isEmpty ? nil : value
    // The name in its original script (Arabic, Cyrillic…) is the same party, not a weaker alias.
    case (_, "NAME_ORIGINAL_SCRIPT"):
      if !value.isEmpty { current.aliases.append(ListAlias(name: value, quality: .strong)) }
    case ("NATIONALITY", "VALUE"), ("INDIVIDUAL_ADDRESS", "COUNTRY"), ("ENTITY_ADDRESS", "COUNTRY"):
      if !value.isEmpty { current.countries.append(value) }
    case (_, "QUALITY") where alias != nil: alias?.quality = value
    case (_, "ALIAS_NAME") where alias != nil: alias?.name = value
    case (_, "INDIVIDUAL_ALIAS"), (_, "ENTITY_ALIAS"):
      if let alias, !alias.name.isEmpty {
        current.aliases.append(Self.alias(alias.name, quality: alias.quality))
      }
      alias = nil
    case ("INDIVIDUAL_DATE_OF_BIRTH", _):
      if !value.isEmpty { birth?[elementName] = value }
    case (_, "INDIVIDUAL_DATE_OF_BIRTH"):
      if let birth, let date = Self.birthDate(birth) { current.birthDates.append(date) }
      birth = nil
    default:
      break
    }
    draft = current
  }

  private func finish(_ draft: Draft) {
    let name = draft.nameParts.joined(separator: " ")
    guard !draft.id.isEmpty, !name.isEmpty else {
      let what = draft.id.isEmpty ? "no REFERENCE_NUMBER" : "no name"
      rejections.append(ListRejection(file: fileName, line: draft.line, reason: "entry with \(what)"))
      return
    }
    entries.append(
      ListEntry(
        list: listName, id: draft.id, kind: draft.kind, primaryName: name, aliases: draft.aliases,
        birthDates: draft.birthDates, countries: ListText.unique(draft.countries),
        programs: draft.programs, walletAddresses: [], remarks: draft.remarks,
        listedOn: draft.listedOn))
  }

  /// UN individuals' aliases are rated Good or Low; entities' say "a.k.a." or "f.k.a.".
  private static func alias(_ name: String, quality: String) -> ListAlias {
    switch quality.lowercased() {
    case "low": ListAlias(name: name, quality: .weak)
    case "f.k.a.": ListAlias(name: name, quality: .strong, relation: .formerlyKnownAs)
    case "n.k.a.": ListAlias(name: name, quality: .strong, relation: .nowKnownAs)
    default: ListAlias(name: name, quality: .strong)
    }
  }

  /// TYPE_OF_DATE with DATE (YYYY-MM-DD), YEAR, or FROM_YEAR and TO_YEAR; a date element with only
  /// a type or a note says nothing usable and yields no date.
  private static func birthDate(_ fields: [String: String]) -> BirthDate? {
    let approximate = fields["TYPE_OF_DATE"]?.uppercased() == "APPROXIMATELY"
    if let from = fields["FROM_YEAR"].flatMap({ Int($0) }), let to = fields["TO_YEAR"].flatMap({ Int($0) }) {
      return .range(from: min(from, to), to: max(from, to))
    }
    if let date = fields["DATE"],
      case .exact(let year, _, _)? = TamgaListLoader.isoDate(String(date.prefix(10)))
    {
      return approximate ? .approximate(year: year) : TamgaListLoader.isoDate(String(date.prefix(10)))
    }
    if let year = fields["YEAR"].flatMap({ Int($0) }) {
      return approximate ? .approximate(year: year) : .year(year)
    }
    return nil
  }
}
