public import Foundation

/// Loads Tamga's own list files (`*.list.csv`): internal watch lists, PEP lists and local
/// sanctions lists that an institution maintains by hand.
///
/// The format has a header row, mapped by column name so that columns may be reordered or extra
/// columns added: `list, entry_id, kind, name, aliases, date_of_birth, countries, addresses,
/// programs, listed_on`. Multi-valued cells are ";"-separated; addresses are `chain:address`.
/// Files edited by hand carry mistakes, so each bad row becomes a `ListRejection` with its line
/// and reason while the good rows load.
public enum TamgaListLoader {
  /// The columns a file must have; the others may be absent and then read as empty.
  public static let requiredColumns = ["list", "entry_id", "kind", "name"]
  /// Every column Tamga reads, in the documented order.
  public static let knownColumns = [
    "list", "entry_id", "kind", "name", "aliases", "date_of_birth", "countries", "addresses",
    "programs", "listed_on",
  ]

  /// Loads one list file. Throws when the file is missing or its header lacks a required column.
  public static func load(file: URL) throws(ListLoadError) -> ListLoad {
    let records = try ListCSVReader.read(contentsOf: file)
    var load = try load(records: records, fileName: file.lastPathComponent)
    load.sourceFiles = [file.path]
    return load
  }

  /// Loads every `*.list.csv` file in a folder, in file-name order, as one load.
  public static func load(directory: URL) throws(ListLoadError) -> ListLoad {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      throw .fileUnreadable(path: directory.path, reason: String(describing: error))
    }
    var combined = ListLoad(entries: [], rejections: [], sourceFiles: [])
    for name in names.sorted() where name.hasSuffix(".list.csv") {
      let part = try load(file: directory.appendingPathComponent(name))
      combined.entries += part.entries
      combined.rejections += part.rejections
      combined.sourceFiles += part.sourceFiles
    }
    return combined
  }

  /// Loads list text already in memory; `fileName` names it in rejections.
  public static func load(text: String, fileName: String) throws(ListLoadError) -> ListLoad {
    try load(records: ListCSVReader.parse(text), fileName: fileName)
  }

  static func load(records: [ListCSVRecord], fileName: String) throws(ListLoadError) -> ListLoad {
    let rows = records.filter { !ListCSVReader.isBlank($0) }
    guard let header = rows.first else {
      throw .headerInvalid(file: fileName, reason: "file is empty, expected a header row")
    }
    let names = header.fields.enumerated().map { position, name in
      var cleaned = name.trimmingCharacters(in: .whitespaces).lowercased()
      // Byte-order marks that survived an encoding round-trip arrive as U+FEFF or as U+FFFD
      // replacement characters; they are never part of a column name.
      if position == 0 {
        cleaned = String(cleaned.unicodeScalars.drop { $0 == "\u{FEFF}" || $0 == "\u{FFFD}" })
      }
      return cleaned
    }
    var column: [String: Int] = [:]
    for (position, name) in names.enumerated() where column[name] == nil {
      column[name] = position
    }
    let missing = requiredColumns.filter { column[$0] == nil }
    guard missing.isEmpty else {
      throw .headerInvalid(
        file: fileName,
        reason: "missing column(s) \(missing.joined(separator: ", ")); found \(names.joined(separator: ", "))"
      )
    }

    var entries: [ListEntry] = []
    var rejections: [ListRejection] = []
    var seen = Set<String>()
    for record in rows.dropFirst() {
      if record.unterminatedQuote {
        rejections.append(
          ListRejection(
            file: fileName, line: record.line, column: record.fields.count,
            reason: "quoted field not closed before end of file"))
        continue
      }
      guard record.fields.count == names.count else {
        rejections.append(
          ListRejection(
            file: fileName, line: record.line,
            reason: "expected \(names.count) fields as in the header, found \(record.fields.count)"))
        continue
      }
      switch entry(from: record.fields, column: column) {
      case .success(let entry):
        let key = entry.list + "\u{1F}" + entry.id
        if seen.insert(key).inserted {
          entries.append(entry)
        } else {
          rejections.append(
            ListRejection(
              file: fileName, line: record.line, column: column["entry_id"].map { $0 + 1 },
              reason: "entry \(entry.id) of list \(entry.list) repeated; first kept"))
        }
      case .failure(let problem):
        rejections.append(
          ListRejection(
            file: fileName, line: record.line, column: column[problem.field].map { $0 + 1 },
            reason: problem.reason))
      }
    }
    return ListLoad(entries: entries, rejections: rejections, sourceFiles: [])
  }

  /// What is wrong with a row: the column by name (for the 1-based position) and a reason that
  /// names the field but never repeats its value, which may be personal data.
  private struct RowProblem: Swift.Error {
    var field: String
    var reason: String
  }

  private static func entry(from fields: [String], column: [String: Int]) -> Result<ListEntry, RowProblem> {
    func cell(_ name: String) -> String {
      column[name].map { fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
    }
    func items(_ name: String) -> [String] {
      cell(name).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    let list = cell("list")
    let id = cell("entry_id")
    let name = cell("name")
    guard !list.isEmpty else { return .failure(RowProblem(field: "list", reason: "list is empty")) }
    guard !id.isEmpty else { return .failure(RowProblem(field: "entry_id", reason: "entry_id is empty")) }
    guard !name.isEmpty else {
      return .failure(RowProblem(field: "name", reason: "name is empty for entry \(id)"))
    }
    guard let kind = ListEntryKind(rawValue: cell("kind").lowercased()), kind != .unknown else {
      return .failure(RowProblem(field: "kind", reason: "kind is not person, entity, vessel or aircraft"))
    }

    var birthDates: [BirthDate] = []
    let dob = cell("date_of_birth")
    if !dob.isEmpty {
      guard let date = isoDate(dob) ?? Int(dob).flatMap({ dob.count == 4 ? BirthDate.year($0) : nil }) else {
        return .failure(RowProblem(field: "date_of_birth", reason: "date_of_birth is not YYYY-MM-DD or YYYY"))
      }
      birthDates = [date]
    }

    var wallets: [WalletAddress] = []
    for (position, item) in items("addresses").enumerated() {
      let problem = RowProblem(field: "addresses", reason: "address \(position + 1) is not chain:address")
      guard let colon = item.firstIndex(of: ":") else { return .failure(problem) }
      let chainText = item[..<colon].trimmingCharacters(in: .whitespaces)
      let address = item[item.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      guard !chainText.isEmpty, !address.isEmpty else { return .failure(problem) }
      let chain = WalletAddress.chain(forLabel: chainText, address: address)
      wallets.append(
        WalletAddress(
          chain: chain == "unknown" ? chainText.lowercased() : chain, asset: nil, original: address))
    }

    let listedOn = cell("listed_on")
    if !listedOn.isEmpty, isoDate(listedOn) == nil {
      return .failure(RowProblem(field: "listed_on", reason: "listed_on is not YYYY-MM-DD"))
    }

    return .success(
      ListEntry(
        list: list, id: id, kind: kind, primaryName: name,
        aliases: items("aliases").map { ListAlias(name: $0, quality: .strong, relation: .alsoKnownAs) },
        birthDates: birthDates, countries: ListText.unique(items("countries")),
        programs: items("programs"), walletAddresses: wallets, remarks: nil,
        listedOn: listedOn.isEmpty ? nil : listedOn))
  }

  /// A real calendar date written YYYY-MM-DD (so "2024-02-30" is refused).
  static func isoDate(_ text: String) -> BirthDate? {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), day >= 1
    else { return nil }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    guard day <= daysInMonth else { return nil }
    return .exact(year: year, month: month, day: day)
  }
}
