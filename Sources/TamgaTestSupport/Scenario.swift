import Foundation
public import TamgaModel

/// An end-to-end case from `Scenarios/`: a folder with input files, a README that says what
/// it shows, and `expected-alerts.csv`.
///
/// Inputs: `customers*.csv` (replayed first, in name order), `travel-rule*.ndjson`,
/// `chain-edges*.csv`, `transfers*.csv` and `miner-declarations*.csv` (last), each in name order. Expectations: one row per alert, `rule_id,customer_id,transfer_id,period,limit,
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
  public var travelRuleFiles: [String] { files(prefix: "travel-rule") }
  public var chainEdgeFiles: [String] { files(prefix: "chain-edges") }
  public var transferFiles: [String] { files(prefix: "transfers") }
  public var minerDeclarationFiles: [String] { files(prefix: "miner-declarations") }

  /// The steps to run, in order: the `steps` file when the folder has one, else replaying the
  /// customers files, the Travel Rule files, the chain-edge files, the transfers files and then
  /// the miners' declarations.
  ///
  /// A step is a `tamga` command line without `tamga`: `lists load KIND FILE [--name N]
  /// [--purpose P] [--at TIME]`, `replay FILE...` (customers files are those named customers*,
  /// Travel Rule files travel-rule*, chain-edge files chain-edges*, declarations
  /// miner-declarations*),
  /// `screen clear CUSTOMER LIST:ID --reason "..."`. Lines starting with # are comments.
  public func steps() throws -> [[String]] {
    let path = (folder as NSString).appendingPathComponent("steps")
    guard FileManager.default.fileExists(atPath: path) else {
      return [["replay"] + customerFiles + travelRuleFiles + chainEdgeFiles + transferFiles + minerDeclarationFiles]
    }
    return try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).compactMap { line in
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : Self.words(trimmed)
    }
  }

  /// A file named in a step, relative to the scenario folder.
  public func file(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

  /// Splits a step into words; double quotes group words with spaces.
  static func words(_ line: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quoted = false
    var started = false
    for character in line {
      if character == "\"" {
        quoted.toggle()
        started = true
      } else if character == " " && !quoted {
        if started { words.append(current) }
        current = ""
        started = false
      } else {
        current.append(character)
        started = true
      }
    }
    if started { words.append(current) }
    return words
  }

  /// The columns of `expected-alerts.csv`: `rule_id`, `customer_id`, `severity` or `event_at`
  /// of the alert itself, and explanation keys.
  public func expectedColumns() throws -> [String] {
    try expectedText().split(whereSeparator: \.isNewline).first.map { $0.split(separator: ",").map(String.init) } ?? []
  }

  /// The expected alerts, one comparable line each.
  public func expectedAlerts() throws -> [String] {
    try expectedText().split(whereSeparator: \.isNewline).dropFirst().map(String.init)
      .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
  }

  private func expectedText() throws -> String {
    try String(contentsOfFile: (folder as NSString).appendingPathComponent("expected-alerts.csv"), encoding: .utf8)
  }

  /// An alert in the expectation's terms: its rule and customer, then the explanation's value
  /// for each further column (empty when the explanation has no such key).
  public static func line(for alert: Alert, columns: [String]) -> String {
    let values = alert.explanationValues
    return columns.map { column in
      switch column {
      case "rule_id": alert.ruleID.rawValue
      case "customer_id": alert.customerID
      case "severity": alert.severity.rawValue
      case "event_at": alert.eventAt.description
      default: values[column] ?? ""
      }
    }.joined(separator: ",")
  }
}
