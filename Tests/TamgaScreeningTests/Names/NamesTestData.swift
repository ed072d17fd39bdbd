import Foundation

/// The shared reference data (string-metric vectors, transliteration samples), read only.
///
/// Why relative to this file: the same tests run in a scratch package and in the repository; both sit
/// beside `shared/`, so `<package root>/../shared/data` finds it, and tests skip where it is absent.
enum NamesTestData {
  static let directory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Names
    .deletingLastPathComponent()  // TamgaScreeningTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // package root
    .appendingPathComponent("../shared/data").standardizedFileURL

  static var isAvailable: Bool {
    FileManager.default.fileExists(atPath: directory.appendingPathComponent("translit").path)
      && FileManager.default.fileExists(atPath: directory.appendingPathComponent("strings").path)
  }

  static func text(_ relativePath: String) throws -> String {
    try String(contentsOf: directory.appendingPathComponent(relativePath), encoding: .utf8)
  }

  /// Rows of a small CSV file with optional double-quoted fields (no header).
  static func csvRows(_ relativePath: String) throws -> [[String]] {
    try text(relativePath).split(whereSeparator: \.isNewline).map { line in
      var fields: [String] = []
      var field = ""
      var quoted = false
      for character in line {
        if character == "\"" {
          quoted.toggle()
        } else if character == "," && !quoted {
          fields.append(field)
          field = ""
        } else {
          field.append(character)
        }
      }
      fields.append(field)
      return fields
    }
  }

  /// The `samples` pairs (Cyrillic, Latin) of an iuliia scheme file.
  static func iuliiaSamples(_ fileName: String) throws -> [(cyrillic: String, latin: String)] {
    let data = try Data(contentsOf: directory.appendingPathComponent("translit/\(fileName)"))
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let samples = object?["samples"] as? [[String]] ?? []
    return samples.compactMap { pair in pair.count == 2 ? (pair[0], pair[1]) : nil }
  }

  /// Rows of the Kazakh ICU reference table, header dropped.
  static func kazakhReference() throws -> [[String]] {
    try text("translit/kazakh_bgn_icu_reference.tsv").split(whereSeparator: \.isNewline).dropFirst()
      .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
  }
}
