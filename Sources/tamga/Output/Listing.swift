import TamgaModel

/// Rows to print as an aligned table, a JSON array of objects, or CSV, the same for every
/// listing command.
struct Listing {
  enum Cell {
    case text(String)
    case number(Int64)
    /// Already JSON (an explanation); printed as text in tables and CSV.
    case json(String)

    var plain: String {
      switch self {
      case .text(let text): text
      case .number(let number): String(number)
      case .json(let json): json
      }
    }
  }

  var columns: [String]
  var rows: [[Cell]] = []
  /// Columns left out of the table (long JSON) but kept in JSON and CSV.
  var wideColumns: Set<String> = []

  func render(_ format: OutputFormat) -> String {
    switch format {
    case .table: table()
    case .json: json()
    case .csv: csv()
    }
  }

  private func table() -> String {
    let shown = columns.indices.filter { !wideColumns.contains(columns[$0]) }
    var widths = shown.map { columns[$0].count }
    for row in rows {
      for (position, column) in shown.enumerated() {
        widths[position] = min(max(widths[position], row[column].plain.count), 100)
      }
    }
    func line(_ cells: [String]) -> String {
      var out = ""
      for (position, cell) in cells.enumerated() {
        let text = cell.count > 100 ? String(cell.prefix(99)) + "…" : cell
        out += position == cells.count - 1 ? text : text + String(repeating: " ", count: widths[position] - text.count + 2)
      }
      return out
    }
    var lines = [line(shown.map { columns[$0].uppercased() })]
    for row in rows { lines.append(line(shown.map { row[$0].plain })) }
    return lines.joined(separator: "\n") + "\n"
  }

  private func json() -> String {
    var out = "["
    for (index, row) in rows.enumerated() {
      out += index == 0 ? "\n  {" : ",\n  {"
      for (column, cell) in row.enumerated() {
        if column > 0 { out += ", " }
        JSONText.appendString(columns[column], to: &out)
        out += ": "
        switch cell {
        case .text(let text): JSONText.appendString(text, to: &out)
        case .number(let number): out += String(number)
        case .json(let json): out += json
        }
      }
      out += "}"
    }
    return out + (rows.isEmpty ? "]\n" : "\n]\n")
  }

  private func csv() -> String {
    var lines = [columns.map(Self.csvField).joined(separator: ",")]
    for row in rows { lines.append(row.map { Self.csvField($0.plain) }.joined(separator: ",")) }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One CSV field, quoted (RFC 4180) only when it holds a comma, a quote or a line break.
  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

extension String {
  func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
