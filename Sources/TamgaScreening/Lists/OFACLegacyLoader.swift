public import Foundation

/// The four files of one OFAC legacy CSV list (SDN or Consolidated).
///
/// Named explicitly so that a caller can load a list whose files were renamed or are partly
/// absent (nil means "not part of this load"); `inDirectory` gives the names OFAC publishes.
public struct OFACLegacyFiles: Sendable, Hashable {
  /// sdn.csv / cons_prim.csv: one row per listed party.
  public var primary: URL
  /// add.csv / cons_add.csv: addresses, whose countries feed `ListEntry.countries`.
  public var addresses: URL?
  /// alt.csv / cons_alt.csv: strong aliases.
  public var aliases: URL?
  /// sdn_comments.csv / cons_comments.csv: continuations of remarks too long for the primary file.
  public var comments: URL?

  public init(primary: URL, addresses: URL? = nil, aliases: URL? = nil, comments: URL? = nil) {
    self.primary = primary
    self.addresses = addresses
    self.aliases = aliases
    self.comments = comments
  }

  /// The files as OFAC names them in one folder: prefix "" for the SDN list (sdn.csv, add.csv,
  /// alt.csv, sdn_comments.csv), "cons_" for the Consolidated list (cons_prim.csv, cons_add.csv,
  /// cons_alt.csv, cons_comments.csv).
  public static func inDirectory(_ directory: URL, prefix: String = "") -> OFACLegacyFiles {
    let primaryName = prefix.isEmpty ? "sdn.csv" : "\(prefix)prim.csv"
    let commentsName = prefix.isEmpty ? "sdn_comments.csv" : "\(prefix)comments.csv"
    return OFACLegacyFiles(
      primary: directory.appendingPathComponent(primaryName),
      addresses: directory.appendingPathComponent("\(prefix)add.csv"),
      aliases: directory.appendingPathComponent("\(prefix)alt.csv"),
      comments: directory.appendingPathComponent(commentsName))
  }
}

/// Loads OFAC's legacy CSV lists (SDN and Consolidated) into `ListEntry` values.
///
/// The legacy set has no header row, writes `-0-` for "no value", ends each file with a 0x1A
/// byte, and cuts long remarks, continuing them in the comments file. Remarks are joined with
/// their continuation before dates of birth, countries and wallet addresses are read, because a
/// cut can fall in the middle of an address. Bad rows become `ListRejection`s; a missing file
/// stops the load with an error naming it.
public enum OFACLegacyLoader {
  /// Loads the list in `directory`; prefix "" reads the SDN file names, "cons_" the Consolidated.
  ///
  /// All four files must be present: screening against a list without its aliases or remark
  /// continuations would miss hits without saying so.
  public static func load(
    directory: URL, prefix: String = "", listName: String? = nil
  ) throws(ListLoadError) -> ListLoad {
    let files = OFACLegacyFiles.inDirectory(directory, prefix: prefix)
    for url in [files.primary, files.addresses, files.aliases, files.comments].compactMap(\.self)
    where !FileManager.default.fileExists(atPath: url.path) {
      throw .fileMissing(path: url.path)
    }
    return try load(
      files: files, listName: listName ?? (prefix == "cons_" ? "ofac-consolidated" : "ofac-sdn"))
  }

  /// Loads the given files; nil files are skipped, named files must exist.
  public static func load(files: OFACLegacyFiles, listName: String) throws(ListLoadError) -> ListLoad {
    var rejections: [ListRejection] = []
    var drafts: [Draft] = []
    var indexByID: [String: Int] = [:]
    var sourceFiles: [String] = [files.primary.path]

    let primaryName = files.primary.lastPathComponent
    for record in try ListCSVReader.read(contentsOf: files.primary) where !ListCSVReader.isBlank(record) {
      let reject = { (reason: String, column: Int?) in
        rejections.append(ListRejection(file: primaryName, line: record.line, column: column, reason: reason))
      }
      if record.unterminatedQuote {
        reject("quoted field not closed before end of file", record.fields.count)
        continue
      }
      guard record.fields.count == 12 else {
        reject("expected 12 fields (ent_num … remarks), found \(record.fields.count)", nil)
        continue
      }
      guard let id = entryNumber(record.fields[0]) else {
        reject("ent_num is not a number", 1)
        continue
      }
      guard let name = value(record.fields[1]) else {
        reject("entry \(id) has no name", 2)
        continue
      }
      guard indexByID[id] == nil else {
        reject("entry \(id) listed twice; first kept", 1)
        continue
      }
      indexByID[id] = drafts.count
      drafts.append(
        Draft(
          id: id, name: name, kind: kind(value(record.fields[2])),
          programs: programs(value(record.fields[3])), vesselFlag: value(record.fields[9]),
          // Raw, not trimmed: a cut may fall just after a space, which the continuation needs.
          remarks: value(record.fields[11]) == nil ? "" : record.fields[11]))
    }

    if let url = files.comments {
      sourceFiles.append(url.path)
      try readSecondary(url, fieldCount: 2, indexByID: indexByID, rejections: &rejections) { index, fields in
        // The continuation starts exactly where the primary field was cut, mid-word or
        // mid-address, so it is appended with no separator.
        drafts[index].remarks += fields[1]
      }
    }
    if let url = files.aliases {
      sourceFiles.append(url.path)
      let file = url.lastPathComponent
      try readSecondary(url, fieldCount: 5, indexByID: indexByID, rejections: &rejections) {
        index, fields, line in
        guard let name = value(fields[3]) else {
          return ListRejection(file: file, line: line, column: 4, reason: "alias without a name")
        }
        drafts[index].aliases.append(
          ListAlias(name: name, quality: .strong, relation: relation(value(fields[2]))))
        return nil
      }
    }
    if let url = files.addresses {
      sourceFiles.append(url.path)
      try readSecondary(url, fieldCount: 6, indexByID: indexByID, rejections: &rejections) { index, fields in
        if let country = value(fields[4]) { drafts[index].addressCountries.append(country) }
      }
    }

    let entries = drafts.map { $0.entry(list: listName) }
    return ListLoad(entries: entries, rejections: rejections, sourceFiles: sourceFiles)
  }

  // MARK: - Rows

  /// What is known of an entry while its four files are read.
  private struct Draft {
    var id: String
    var name: String
    var kind: ListEntryKind
    var programs: [String]
    var vesselFlag: String?
    var remarks: String
    var aliases: [ListAlias] = []
    var addressCountries: [String] = []

    func entry(list: String) -> ListEntry {
      let fullRemarks = remarks.trimmingCharacters(in: .whitespaces)
      var aliases = self.aliases
      let strongNames = Set(aliases.map(\.name))
      aliases += OFACRemarks.weakAliases(in: fullRemarks).filter { !strongNames.contains($0.name) }
      var countries = OFACRemarks.countries(in: fullRemarks) + addressCountries
      if let vesselFlag { countries.append(vesselFlag) }
      return ListEntry(
        list: list, id: id, kind: kind, primaryName: name, aliases: aliases,
        birthDates: OFACRemarks.birthDates(in: fullRemarks), countries: ListText.unique(countries),
        programs: programs, walletAddresses: WalletAddress.extract(fromRemarks: fullRemarks),
        remarks: fullRemarks.isEmpty ? nil : fullRemarks)
    }
  }

  /// Reads a file of rows that hang off an entry (aliases, addresses, comments): checks the field
  /// count and that the entry exists, so a stray row never creates an entry of its own.
  private static func readSecondary(
    _ url: URL, fieldCount: Int, indexByID: [String: Int], rejections: inout [ListRejection],
    apply: (Int, [String], Int) -> ListRejection?
  ) throws(ListLoadError) {
    let file = url.lastPathComponent
    for record in try ListCSVReader.read(contentsOf: url) where !ListCSVReader.isBlank(record) {
      let reason: String
      var column: Int? = nil
      if record.unterminatedQuote {
        reason = "quoted field not closed before end of file"
        column = record.fields.count
      } else if record.fields.count != fieldCount {
        reason = "expected \(fieldCount) fields, found \(record.fields.count)"
      } else if let id = entryNumber(record.fields[0]) {
        guard let index = indexByID[id] else {
          rejections.append(
            ListRejection(
              file: file, line: record.line, column: 1,
              reason: "refers to entry \(id), which is not in the primary file"))
          continue
        }
        if let rejection = apply(index, record.fields, record.line) { rejections.append(rejection) }
        continue
      } else {
        reason = "ent_num is not a number"
        column = 1
      }
      rejections.append(ListRejection(file: file, line: record.line, column: column, reason: reason))
    }
  }

  private static func readSecondary(
    _ url: URL, fieldCount: Int, indexByID: [String: Int], rejections: inout [ListRejection],
    apply: (Int, [String]) -> Void
  ) throws(ListLoadError) {
    try readSecondary(url, fieldCount: fieldCount, indexByID: indexByID, rejections: &rejections) {
      index, fields, _ in
      apply(index, fields)
      return nil
    }
  }

  // MARK: - Fields

  /// A field's value, or nil for OFAC's null marker "-0-" (written with a trailing space) or blank.
  static func value(_ field: String) -> String? {
    let trimmed = field.trimmingCharacters(in: .whitespaces)
    return trimmed.isEmpty || trimmed == "-0-" ? nil : trimmed
  }

  static func entryNumber(_ field: String) -> String? {
    let trimmed = field.trimmingCharacters(in: .whitespaces)
    return !trimmed.isEmpty && trimmed.allSatisfy(\.isASCII) && Int(trimmed) != nil ? trimmed : nil
  }

  /// "individual", "vessel", "aircraft"; OFAC leaves organisations as "-0-".
  static func kind(_ type: String?) -> ListEntryKind {
    switch type?.lowercased() {
    case nil: .entity
    case "individual": .person
    case "vessel": .vessel
    case "aircraft": .aircraft
    case "entity": .entity
    default: .unknown
    }
  }

  /// OFAC joins several programmes as "SDGT] [IFSR" (the outer brackets were dropped).
  static func programs(_ field: String?) -> [String] {
    guard let field else { return [] }
    return field.components(separatedBy: "] [").map {
      $0.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
    }.filter { !$0.isEmpty }
  }

  static func relation(_ type: String?) -> AliasRelation {
    switch type?.lowercased().replacingOccurrences(of: ".", with: "") {
    case "fka": .formerlyKnownAs
    case "nka": .nowKnownAs
    default: .alsoKnownAs
    }
  }
}

/// Small text helpers shared by the list loaders.
enum ListText {
  /// The values in first-seen order without repeats; a country named by both nationality and
  /// address is one country for screening.
  static func unique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
  }
}
