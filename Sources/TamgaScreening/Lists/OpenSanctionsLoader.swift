public import Foundation

/// Loads OpenSanctions exports into `ListEntry` values: FollowTheMoney entities (JSON lines) and
/// the flat `targets.simple.csv`.
///
/// OpenSanctions merges dozens of national lists into one graph of FollowTheMoney entities; Tamga
/// screens against the parties in it (people, companies, vessels, aircraft, wallets), so the other
/// schemas (Sanction, Address, Ownership, Family…) only contribute what they say about a party.
///
/// Mapping for JSON lines:
/// - `Person` → person; `Company`, `Organization`, `LegalEntity`, `PublicBody` → entity;
///   `Vessel` → vessel; `Airplane` → aircraft. Other schemas make no entry of their own.
/// - The first `name` is the primary name; the other names, `alias` and `previousName`
///   (formerly known as) are strong aliases; `weakAlias` is weak.
/// - `birthDate` "YYYY", "YYYY-MM" or "YYYY-MM-DD" keeps its precision.
/// - Countries are `nationality`, `citizenship` and `country`, without duplicates.
/// - Programmes are the party's `programId`, plus those of `Sanction` entities naming it in
///   `entity`; the earliest Sanction `listingDate` (else `startDate`) is the listing date.
/// - A `CryptoWallet` whose `holder` is a party in the same file adds its `publicKey` to that
///   party; a wallet without a known holder becomes an entry of its own (kind `.unknown`, named
///   by its `name` when given, else by its address), so the address is still screened.
public enum OpenSanctionsLoader {
  /// Loads a FollowTheMoney JSON-lines file (one entity per line) as list `listName`.
  ///
  /// The file is read line by line in chunks, never whole. A line that is not a JSON object, or
  /// lacks `id` or `schema`, or a party without any name, is rejected with its line number; the
  /// rest still load. Throws only when the file is missing or unreadable. With `targetsOnly`,
  /// entities flagged `"target": false` (related parties, not designated) make no entry.
  public static func loadEntities(
    file: URL, listName: String = "opensanctions", targetsOnly: Bool = false
  ) throws(ListLoadError) -> ListLoad {
    guard FileManager.default.fileExists(atPath: file.path) else { throw .fileMissing(path: file.path) }
    let handle: FileHandle
    do {
      handle = try FileHandle(forReadingFrom: file)
    } catch {
      throw .fileUnreadable(path: file.path, reason: String(describing: error))
    }
    defer { try? handle.close() }
    var builder = OpenSanctionsEntityBuilder(
      listName: listName, fileName: file.lastPathComponent, targetsOnly: targetsOnly)
    var pending: [UInt8] = []
    var lineNumber = 0
    while true {
      let chunk: Data?
      do {
        chunk = try handle.read(upToCount: 1 << 20)
      } catch {
        throw .fileUnreadable(path: file.path, reason: String(describing: error))
      }
      guard let chunk, !chunk.isEmpty else { break }
      pending.append(contentsOf: chunk)
      var start = 0
      while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
        lineNumber += 1
        builder.add(line: pending[start..<newline], number: lineNumber)
        start = newline + 1
      }
      pending.removeFirst(start)
    }
    if !pending.isEmpty {
      lineNumber += 1
      builder.add(line: pending[...], number: lineNumber)
    }
    var load = builder.finish()
    load.sourceFiles = [file.path]
    return load
  }

  /// Loads FollowTheMoney JSON lines from text, for fixtures and tests.
  public static func loadEntities(
    text: String, fileName: String, listName: String = "opensanctions", targetsOnly: Bool = false
  ) -> ListLoad {
    var builder = OpenSanctionsEntityBuilder(listName: listName, fileName: fileName, targetsOnly: targetsOnly)
    let bytes = Array(text.utf8)
    var lineNumber = 0
    for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      builder.add(line: line, number: lineNumber)
    }
    return builder.finish()
  }

  /// Loads an OpenSanctions `targets.simple.csv` as list `listName`.
  ///
  /// Columns are found by header name (`id`, `schema`, `name` required; `aliases`, `birth_date`,
  /// `countries`, `program_ids` used when present; multiple values separated by ";"). The file is
  /// read whole by the shared CSV reader. A missing required column throws; a row without id or
  /// name is rejected.
  public static func loadTargetsCSV(file: URL, listName: String = "opensanctions") throws(ListLoadError) -> ListLoad {
    let records = try ListCSVReader.read(contentsOf: file)
    var load = try loadTargets(records: records, fileName: file.lastPathComponent, listName: listName)
    load.sourceFiles = [file.path]
    return load
  }

  /// Loads `targets.simple.csv` content from text, for fixtures and tests.
  public static func loadTargetsCSV(
    text: String, fileName: String, listName: String = "opensanctions"
  ) throws(ListLoadError) -> ListLoad {
    try loadTargets(records: ListCSVReader.parse(text), fileName: fileName, listName: listName)
  }

  static func loadTargets(
    records: [ListCSVRecord], fileName: String, listName: String
  ) throws(ListLoadError) -> ListLoad {
    let rows = records.filter { !ListCSVReader.isBlank($0) }
    guard let header = rows.first else {
      throw .headerInvalid(file: fileName, reason: "file is empty, expected a header row")
    }
    var column: [String: Int] = [:]
    for (index, name) in header.fields.enumerated() {
      column[name.trimmingCharacters(in: .whitespaces).lowercased()] = index
    }
    for required in ["id", "schema", "name"] where column[required] == nil {
      throw .headerInvalid(file: fileName, reason: "missing column \(required)")
    }
    var entries: [ListEntry] = []
    var rejections: [ListRejection] = []
    for row in rows.dropFirst() {
      if row.unterminatedQuote {
        rejections.append(ListRejection(file: fileName, line: row.line, reason: "unterminated quoted field"))
        continue
      }
      guard row.fields.count == header.fields.count else {
        rejections.append(
          ListRejection(
            file: fileName, line: row.line,
            reason: "expected \(header.fields.count) fields, found \(row.fields.count)"))
        continue
      }
      func cell(_ name: String) -> String {
        column[name].map { row.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
      }
      func list(_ name: String) -> [String] {
        cell(name).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      }
      let id = cell("id")
      let name = cell("name")
      guard !id.isEmpty else {
        rejections.append(
          ListRejection(file: fileName, line: row.line, column: column["id"].map { $0 + 1 }, reason: "empty id"))
        continue
      }
      guard !name.isEmpty else {
        rejections.append(
          ListRejection(
            file: fileName, line: row.line, column: column["name"].map { $0 + 1 }, reason: "empty name"))
        continue
      }
      let aliases = ListText.unique(list("aliases").filter { $0 != name }).map { ListAlias(name: $0) }
      entries.append(
        ListEntry(
          list: listName, id: id, kind: kind(schema: cell("schema")) ?? .unknown, primaryName: name,
          aliases: aliases, birthDates: list("birth_date").compactMap(birthDate),
          countries: ListText.unique(list("countries")), programs: ListText.unique(list("program_ids"))))
    }
    return ListLoad(entries: entries, rejections: rejections, sourceFiles: [])
  }

  /// The entry kind for a FollowTheMoney schema, nil for schemas that are not a screenable party.
  static func kind(schema: String) -> ListEntryKind? {
    switch schema {
    case "Person": .person
    case "Company", "Organization", "LegalEntity", "PublicBody": .entity
    case "Vessel": .vessel
    case "Airplane": .aircraft
    case "CryptoWallet": .unknown
    default: nil
    }
  }

  /// A FollowTheMoney date as precise as given: "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a time part
  /// after the day is ignored); nil for anything else.
  static func birthDate(_ text: String) -> BirthDate? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let parts = trimmed.prefix(10).split(separator: "-", omittingEmptySubsequences: false)
    guard let first = parts.first, first.count == 4, let year = Int(first), first.allSatisfy(\.isASCII) else {
      return nil
    }
    switch parts.count {
    case 1 where trimmed.count == 4:
      return .year(year)
    case 2 where trimmed.count == 7:
      guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
      return .yearMonth(year: year, month: month)
    case 3:
      return TamgaListLoader.isoDate(String(trimmed.prefix(10)))
    default:
      return nil
    }
  }
}

/// Collects entities line by line and resolves cross-references (Sanction → party, wallet →
/// holder) once the whole file has been read, because FollowTheMoney gives no order guarantee.
struct OpenSanctionsEntityBuilder {
  let listName: String
  let fileName: String
  let targetsOnly: Bool

  private var drafts: [ListEntry] = []
  private var indexByID: [String: Int] = [:]
  private var sanctions: [(entity: String, programs: [String], listedOn: String?)] = []
  private var wallets: [(line: Int, id: String, holder: String?, name: String?, address: String, label: String?)] = []
  private var rejections: [ListRejection] = []

  init(listName: String, fileName: String, targetsOnly: Bool) {
    self.listName = listName
    self.fileName = fileName
    self.targetsOnly = targetsOnly
  }

  mutating func add(line bytes: ArraySlice<UInt8>, number: Int) {
    var slice = bytes
    if number == 1, slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
    if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
    guard slice.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { return }
    guard let parsed = try? JSONSerialization.jsonObject(with: Data(slice)),
      let object = parsed as? [String: Any]
    else {
      reject(number, "line is not a JSON object")
      return
    }
    guard let id = object["id"] as? String, !id.isEmpty else {
      reject(number, "entity without id")
      return
    }
    guard let schema = object["schema"] as? String, !schema.isEmpty else {
      reject(number, "entity without schema")
      return
    }
    let properties = object["properties"] as? [String: Any] ?? [:]
    func values(_ key: String) -> [String] {
      (properties[key] as? [Any] ?? []).compactMap { ($0 as? String)?.trimmingCharacters(in: .whitespacesAndNewlines) }
        .filter { !$0.isEmpty }
    }

    if schema == "Sanction" {
      let dates = (values("listingDate") + values("startDate")).map { String($0.prefix(10)) }
        .filter { TamgaListLoader.isoDate($0) != nil }
      for entity in values("entity") {
        sanctions.append((entity, values("programId"), dates.min()))
      }
      return
    }
    guard let kind = OpenSanctionsLoader.kind(schema: schema) else { return }
    if targetsOnly, (object["target"] as? Bool) == false { return }

    if schema == "CryptoWallet" {
      let keys = values("publicKey")
      guard !keys.isEmpty else {
        reject(number, "CryptoWallet without publicKey")
        return
      }
      for address in keys {
        wallets.append(
          (number, id, values("holder").first, values("name").first, address, values("currency").first))
      }
      return
    }

    let names = values("name")
    let caption = (object["caption"] as? String).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    guard let primary = names.first ?? caption.flatMap({ $0.isEmpty ? nil : $0 }) else {
      reject(number, "\(schema) without name")
      return
    }
    var aliases: [ListAlias] = []
    var seen: Set<String> = [primary]
    func add(_ names: [String], quality: AliasQuality, relation: AliasRelation = .alsoKnownAs) {
      for name in names where seen.insert(name).inserted {
        aliases.append(ListAlias(name: name, quality: quality, relation: relation))
      }
    }
    add(names, quality: .strong)
    add(values("alias"), quality: .strong)
    add(values("previousName"), quality: .strong, relation: .formerlyKnownAs)
    add(values("weakAlias"), quality: .weak)
    let notes = values("notes")
    let entry = ListEntry(
      list: listName, id: id, kind: kind, primaryName: primary, aliases: aliases,
      birthDates: values("birthDate").compactMap(OpenSanctionsLoader.birthDate),
      countries: ListText.unique(values("nationality") + values("citizenship") + values("country")),
      programs: ListText.unique(values("programId")), remarks: notes.isEmpty ? nil : notes.joined(separator: " "))
    if let existing = indexByID[id] {
      // The same id twice: the later line wins, as in an incremental export.
      drafts[existing] = entry
    } else {
      indexByID[id] = drafts.count
      drafts.append(entry)
    }
  }

  mutating func finish() -> ListLoad {
    for sanction in sanctions {
      guard let index = indexByID[sanction.entity] else { continue }
      drafts[index].programs = ListText.unique(drafts[index].programs + sanction.programs)
      if let date = sanction.listedOn, drafts[index].listedOn.map({ date < $0 }) ?? true {
        drafts[index].listedOn = date
      }
    }
    var ownWallets: [String: Int] = [:]
    for wallet in wallets {
      let address = WalletAddress(label: wallet.label, address: wallet.address)
      if let holder = wallet.holder, let index = indexByID[holder] {
        if !drafts[index].walletAddresses.contains(address) { drafts[index].walletAddresses.append(address) }
      } else if let index = ownWallets[wallet.id] {
        drafts[index].walletAddresses.append(address)
      } else {
        ownWallets[wallet.id] = drafts.count
        drafts.append(
          ListEntry(
            list: listName, id: wallet.id, kind: .unknown, primaryName: wallet.name ?? wallet.address,
            walletAddresses: [address]))
      }
    }
    return ListLoad(entries: drafts, rejections: rejections, sourceFiles: [])
  }

  private mutating func reject(_ line: Int, _ reason: String) {
    rejections.append(ListRejection(file: fileName, line: line, reason: reason))
  }
}
