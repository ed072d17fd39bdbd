import Foundation

/// Where the reference list files live: `<package root>/../shared/data/lists`, outside the
/// repository, so tests that need them skip cleanly in a fresh clone.
enum ListsSharedData {
  /// This file is Tests/TamgaScreeningTests/Lists/ListsSharedData.swift: four levels up is the
  /// package root.
  static let lists: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("shared/data/lists", isDirectory: true)

  static var isAvailable: Bool {
    FileManager.default.fileExists(atPath: lists.appendingPathComponent("ofac-sdn-2021/sdn.csv").path)
  }

  static func folder(_ name: String) -> URL {
    lists.appendingPathComponent(name, isDirectory: true)
  }

  /// A fresh temporary folder for fixture files written by a test.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("tamga-lists-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
