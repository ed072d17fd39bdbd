import Foundation
public import TamgaModel

/// An end-to-end case from `Scenarios/`: a folder with input files, a README that says what
/// it shows, and `expected-alerts.csv`.
///
/// Inputs: `customers*.csv` (replayed first, in name order) and `transfers*.csv` (in name
/// order). Expectations: one row per alert, `rule_id,customer_id,transfer_id,period,limit,
/// total_before,total_after`, in the order the store lists them (event time, then id). An
/// empty file (header only) expects silence.
public struct Scenario: Sendable, CustomStringConvertible {
  public var name: String
  public var folder: String

  public var description: String { name }

  /// Every scenario folder, sorted by name.
  public static func all(root: String = Scenario.root) -> [Scenario] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return names.sorted().compactMap { name in
      let folder = (root as NSString).appendingPathComponent(name)
      guard FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("expected-alerts.csv"))
      else { return nil }
      return Scenario(name: name, folder: folder)
    }
  }

  /// `Scenarios/` at the package root.
  public static var root: String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Scenarios").path
  }

  private func files(prefix: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasPrefix(prefix) && ($0.hasSuffix(".csv") || $0.hasSuffix(".ndjson") || $0.hasSuffix(".gz")) }
      .sorted().map { (folder as NSString).appendingPathComponent($0) }
  }

  public var customerFiles: [String] { files(prefix: "customers") }
  public var transferFiles: [String] { files(prefix: "transfers") }

  /// The expected alerts, one comparable line each.
  public func expectedAlerts() throws -> [String] {
    let text = try String(contentsOfFile: (folder as NSString).appendingPathComponent("expected-alerts.csv"), encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).dropFirst().map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
  }

  /// An alert in the expectation's terms.
  public static func line(for alert: Alert) -> String {
    let values = alert.explanationValues
    return [
      alert.ruleID.rawValue, alert.customerID, values["transfer_id"] ?? "", values["period"] ?? "",
      values["limit"] ?? "", values["total_before"] ?? "", values["total_after"] ?? "",
    ].joined(separator: ",")
  }
}
