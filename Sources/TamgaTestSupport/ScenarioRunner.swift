import Foundation
import TamgaModel
public import TamgaPipeline
import TamgaScreening
public import TamgaStore

/// A step of a scenario that cannot be run: what it said and why.
public struct ScenarioStepError: Error, CustomStringConvertible {
  public var description: String
}

extension Scenario {
  /// Runs the scenario's steps against `store`, in order, with the folder's `tamga.yaml` as the
  /// configuration when it has one (its paths are the folder's files).
  public func run(into store: CaseStore) throws {
    let configuration = try self.configuration()
    for step in try steps() {
      guard let command = step.first else { continue }
      let arguments = Array(step.dropFirst())
      switch command {
      case "replay":
        let files = arguments.map { $0.hasPrefix("/") ? $0 : file($0) }
        // Files are told apart by how their names start: customers…, travel-rule…,
        // chain-edges…, miner-declarations…, else transfers.
        func named(_ prefix: String) -> [String] { files.filter { ($0 as NSString).lastPathComponent.hasPrefix(prefix) } }
        let customers = named("customers")
        let travelRule = named("travel-rule")
        let chainEdges = named("chain-edges")
        let declarations = named("miner-declarations")
        _ = try Replayer(store: store, configuration: configuration).replay(
          customers: customers, travelRule: travelRule, chainEdges: chainEdges,
          transfers: files.filter { !(customers + travelRule + chainEdges + declarations).contains($0) },
          minerDeclarations: declarations)
      case "lists" where arguments.first == "load" && arguments.count >= 3:
        guard let format = ListFormat(rawValue: arguments[1]) else { throw failure(step, "unknown list format") }
        let options = try Self.options(Array(arguments.dropFirst(3)), allowed: ["--name", "--purpose", "--at"], step: step)
        guard let purpose = ListPurpose(rawValue: options["--purpose"] ?? format.defaultPurpose.rawValue) else {
          throw failure(step, "unknown purpose")
        }
        guard let at = Timestamp(rfc3339: options["--at"] ?? "2026-01-01T00:00:00Z") else { throw failure(step, "bad --at") }
        _ = try ListUpdate.load(
          format, path: file(arguments[2]), name: options["--name"], purpose: purpose, into: store,
          configuration: configuration, at: at)
      case "screen" where arguments.first == "clear" && arguments.count >= 3:
        let options = try Self.options(Array(arguments.dropFirst(3)), allowed: ["--reason"], step: step)
        guard
          let cleared = try ScreeningLists.active(in: store, scope: .entries).clearance(
            of: arguments[1], against: arguments[2], analyst: "scenario", reason: options["--reason"] ?? "",
            at: Timestamp(millisecondsSinceEpoch: 0))
        else { throw failure(step, "no such active entry") }
        try store.clear(cleared.clearance)
      default:
        throw failure(step, "unknown step")
      }
    }
  }

  /// The folder's `tamga.yaml`, or the defaults.
  public func configuration() throws -> TamgaConfiguration {
    let path = file("tamga.yaml")
    guard FileManager.default.fileExists(atPath: path) else { return TamgaConfiguration() }
    return try TamgaConfiguration(yaml: try String(contentsOfFile: path, encoding: .utf8), source: path, directory: folder)
  }

  private func failure(_ step: [String], _ reason: String) -> ScenarioStepError {
    ScenarioStepError(description: "\(name): \(step.joined(separator: " ")): \(reason)")
  }

  private static func options(_ words: [String], allowed: Set<String>, step: [String]) throws -> [String: String] {
    var options: [String: String] = [:]
    var index = 0
    while index < words.count {
      guard allowed.contains(words[index]), index + 1 < words.count else {
        throw ScenarioStepError(description: "\(step.joined(separator: " ")): unexpected \(words[index])")
      }
      options[words[index]] = words[index + 1]
      index += 2
    }
    return options
  }
}
