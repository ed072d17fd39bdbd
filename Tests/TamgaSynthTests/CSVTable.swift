import Foundation

/// A CSV file read the plain way, for checking what the synthesiser wrote: a header and rows of
/// fields, quotes honoured (doubled quotes inside, commas and line breaks allowed inside quotes).
struct CSVTable {
  var header: [String]
  var rows: [[String]]

  init(path: String) throws {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var records = CSVTable.split(text)
    header = records.isEmpty ? [] : records.removeFirst()
    rows = records
  }

  /// The column index of `name`, which the test expects to exist.
  func column(_ name: String) -> Int {
    header.firstIndex(of: name) ?? -1
  }

  static func split(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var isQuoted = false
    var characters = Array(text.unicodeScalars)[...]
    while let scalar = characters.popFirst() {
      if isQuoted {
        if scalar == "\"" {
          if characters.first == "\"" {
            field.unicodeScalars.append("\"")
            characters.removeFirst()
          } else {
            isQuoted = false
          }
        } else {
          field.unicodeScalars.append(scalar)
        }
        continue
      }
      switch scalar {
      case "\"": isQuoted = true
      case ",":
        record.append(field)
        field = ""
      case "\n":
        record.append(field)
        records.append(record)
        record = []
        field = ""
      default: field.unicodeScalars.append(scalar)
      }
    }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
    }
    return records
  }
}
