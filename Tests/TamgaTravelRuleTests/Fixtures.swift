import Foundation

/// The shared IVMS101 and OpenVASP fixtures (TRISA sample data, MIT), read in place.
///
/// Located from this file's path, `<package root>/../shared/data/travel-rule`, so the
/// tests run from any working directory; fixture suites are skipped when it is absent.
enum Fixtures {
  static let folder: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // TamgaTravelRuleTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // package root
    .appendingPathComponent("../shared/data/travel-rule")
    .standardizedFileURL

  static var available: Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) && isFolder.boolValue
  }

  /// The bytes of a fixture, such as `ivms101/address.json`.
  static func data(_ relativePath: String) throws -> Data {
    try Data(contentsOf: folder.appendingPathComponent(relativePath))
  }

  /// The IVMS101 payload an OpenVASP inquiry carries under its `IVMS101` key.
  static func openVASPInquiryPayload() throws -> Data {
    let message = try JSONSerialization.jsonObject(with: data("openvasp/inquiry.json"))
    guard let payload = (message as? [String: Any])?["IVMS101"] else {
      throw CocoaError(.fileReadCorruptFile)
    }
    return try JSONSerialization.data(withJSONObject: payload)
  }
}
