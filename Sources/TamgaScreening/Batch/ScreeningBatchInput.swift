public import Foundation

extension BirthDate {
  /// A date of birth as precise as written: "1970", "1970-05" or "1970-05-12"; nil otherwise.
  public init?(iso text: String) {
    guard let date = OpenSanctionsLoader.birthDate(text) else { return nil }
    self = date
  }
}

/// One name to screen from a batch file.
public struct NameQuery: Sendable, Hashable {
  /// The 1-based line the row starts on.
  public var line: Int
  /// The file's `id` column, or the line number as text when the file has none.
  public var id: String
  public var name: String
  public var dateOfBirth: BirthDate?
  public var country: String?
}

/// One address to screen from a batch file.
public struct AddressQuery: Sendable, Hashable {
  public var line: Int
  public var id: String
  public var address: String
  public var chain: String?
}

/// The rows of a `tamga screen batch` file: names (a `name` column, optional `date_of_birth`,
/// `country`, `id`) or addresses (an `address` column, optional `chain`, `id`).
///
/// Rows that cannot be screened (an empty name, a date of birth that is not a date) are refused
/// with their line and reason and the others are screened; a file with neither a `name` nor an
/// `address` column is refused whole.
public struct ScreeningBatchInput: Sendable {
  public enum Rows: Sendable {
    case names([NameQuery])
    case addresses([AddressQuery])
  }

  public var rows: Rows
  public var rejections: [ListRejection]

  public static func read(_ url: URL) throws(ListLoadError) -> ScreeningBatchInput {
    try parse(ListCSVReader.read(contentsOf: url), fileName: url.lastPathComponent)
  }

  public static func parse(text: String, fileName: String) throws(ListLoadError) -> ScreeningBatchInput {
    try parse(ListCSVReader.parse(text), fileName: fileName)
  }

  static func parse(_ records: [ListCSVRecord], fileName: String) throws(ListLoadError) -> ScreeningBatchInput {
    let rows = records.filter { !ListCSVReader.isBlank($0) }
    guard let header = rows.first else {
      throw .headerInvalid(file: fileName, reason: "file is empty, expected a header row with a name or address column")
    }
    var column: [String: Int] = [:]
    for (position, name) in header.fields.enumerated() {
      let key = name.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "\u{FEFF}", with: "")
      if column[key] == nil { column[key] = position }
    }
    var rejections: [ListRejection] = []
    func value(_ record: ListCSVRecord, _ name: String) -> String {
      guard let position = column[name], position < record.fields.count else { return "" }
      return record.fields[position].trimmingCharacters(in: .whitespaces)
    }
    func identifier(_ record: ListCSVRecord) -> String {
      let id = value(record, "id")
      return id.isEmpty ? String(record.line) : id
    }
    let body = rows.dropFirst().filter { record in
      if record.unterminatedQuote {
        rejections.append(ListRejection(file: fileName, line: record.line, reason: "the file ends inside a quoted field"))
        return false
      }
      return true
    }
    if let nameColumn = column["name"] {
      var queries: [NameQuery] = []
      for record in body {
        let name = value(record, "name")
        guard !name.isEmpty else {
          rejections.append(ListRejection(file: fileName, line: record.line, column: nameColumn + 1, reason: "name is empty"))
          continue
        }
        let dobText = value(record, "date_of_birth")
        var dateOfBirth: BirthDate?
        if !dobText.isEmpty {
          guard let parsed = BirthDate(iso: dobText) else {
            rejections.append(
              ListRejection(
                file: fileName, line: record.line, column: (column["date_of_birth"] ?? 0) + 1,
                reason: "date_of_birth is not YYYY, YYYY-MM or YYYY-MM-DD"))
            continue
          }
          dateOfBirth = parsed
        }
        let country = value(record, "country")
        queries.append(
          NameQuery(
            line: record.line, id: identifier(record), name: name, dateOfBirth: dateOfBirth,
            country: country.isEmpty ? nil : country))
      }
      return ScreeningBatchInput(rows: .names(queries), rejections: rejections)
    }
    if let addressColumn = column["address"] {
      var queries: [AddressQuery] = []
      for record in body {
        let address = value(record, "address")
        guard !address.isEmpty else {
          rejections.append(ListRejection(file: fileName, line: record.line, column: addressColumn + 1, reason: "address is empty"))
          continue
        }
        let chain = value(record, "chain")
        queries.append(
          AddressQuery(line: record.line, id: identifier(record), address: address, chain: chain.isEmpty ? nil : chain))
      }
      return ScreeningBatchInput(rows: .addresses(queries), rejections: rejections)
    }
    throw .headerInvalid(file: fileName, reason: "no name or address column (found: \(header.fields.joined(separator: ", ")))")
  }
}
