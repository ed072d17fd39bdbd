// How well the typologies find IBM AMLSim's labelled accounts.
//
//   swift run -c release AMLSimEvaluation ../shared/data
//
// Imports `flows/amlsim-20k-fanin200` with `tamga import amlsim`'s code, replays it into fresh
// stores under the default configuration and under fan-in settings scaled to the simulation,
// and prints, per rule: the accounts alerted, how many of them AMLSim labels fraudulent, the
// recall on the labelled accounts and on the fan-in receivers, and the share of alerted
// accounts that are unlabelled.
//
// A fan-in receiver is a labelled account that received from two or more labelled accounts:
// the only account of a pattern a receiver-side rule can name. The senders of a pattern are
// labelled too, but nothing in their own flows marks them.
import Foundation
import TamgaImport
import TamgaIngest
import TamgaModel
import TamgaPipeline
import TamgaRules
import TamgaStore

let arguments = CommandLine.arguments.dropFirst()
let data = URL(fileURLWithPath: arguments.first ?? "../shared/data")
let sample = data.appendingPathComponent("flows/amlsim-20k-fanin200")
guard FileManager.default.fileExists(atPath: sample.appendingPathComponent("nodes.csv").path) else {
  FileHandle.standardError.write(Data("AMLSimEvaluation: no AMLSim sample at \(sample.path)\n".utf8))
  exit(2)
}
let work = FileManager.default.temporaryDirectory.appendingPathComponent("tamga-amlsim-\(getpid())")
try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: work) }

let imported = try AMLSimImport.run(input: sample, output: work)
print("imported: \(imported.customers) customers (\(imported.fraudCustomers) labelled), \(imported.transferRows) transfers")

/// The named columns of each row of a CSV file, read by the replay's own record reader (which
/// handles quoting, CRLF and columns in any order); a row it cannot frame stops the evaluation.
/// The reader matches header names lower-cased, so AMLSim's `sourceNodeId` is asked for so.
func rows(_ url: URL, _ columns: [String]) throws -> [[String]] {
  let schema = Schema(name: url.lastPathComponent, columns: columns.map { Schema.Column($0.lowercased(), required: true) })
  var rows: [[String]] = []
  _ = try RecordReader(source: SourceFile(path: url.path), schema: schema).read(
    record: { record in rows.append(columns.indices.map { String(decoding: record.bytes($0), as: UTF8.self) }) },
    reject: { rejection in throw rejection })
  return rows
}

// Labelled customers, and the fan-in receivers among them (read from AMLSim's own files; the
// truth file is in nodes.csv order).
func labelledAccounts() throws -> (labelled: Set<String>, receivers: Set<String>) {
  let truth = try rows(imported.truthFile, ["customer_id", "is_fraud"])
  let nodes = try rows(sample.appendingPathComponent("nodes.csv"), ["nodeid"])
  var customerOfNode: [String: String] = [:]
  var labelled: Set<String> = []
  for (node, row) in zip(nodes, truth) {
    customerOfNode[node[0]] = row[0]
    if row[1] == "true" { labelled.insert(row[0]) }
  }
  var labelledSenders: [String: Set<String>] = [:]
  for transaction in try rows(sample.appendingPathComponent("transactions.csv"), ["sourceNodeId", "targetNodeId"]) {
    guard let source = customerOfNode[transaction[0]], let target = customerOfNode[transaction[1]],
      labelled.contains(source), labelled.contains(target)
    else { continue }
    labelledSenders[target, default: []].insert(source)
  }
  return (labelled, Set(labelledSenders.filter { $0.value.count >= 2 }.keys))
}
let (labelled, receivers) = try labelledAccounts()
print("fan-in receivers (labelled, receiving from 2 or more labelled accounts): \(receivers.count)\n")

func percent(_ part: Int, _ whole: Int) -> String {
  whole == 0 ? "-" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
}

func evaluate(_ name: String, _ configure: (inout RulesConfiguration) -> Void) throws {
  var configuration = TamgaConfiguration()
  configure(&configuration.rules)
  let path = work.appendingPathComponent("\(name).db").path
  let store = try CaseStore(path: path)
  let clock = ContinuousClock()
  let started = clock.now
  _ = try Replayer(store: store, configuration: configuration)
    .replay(customers: [imported.customersFile.path], transfers: [imported.transfersFile.path])
  let elapsed = clock.now - started
  var accounts: [RuleID: Set<String>] = [:]
  var alerts: [RuleID: Int] = [:]
  for alert in try store.alerts() {
    accounts[alert.ruleID, default: []].insert(alert.customerID)
    alerts[alert.ruleID, default: 0] += 1
  }
  print("\(name) (replayed in \(elapsed.formatted(.units(allowed: [.milliseconds]))))")
  print("  rule                                   alerts  accounts  labelled  recall  receivers  unlabelled")
  for rule in accounts.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
    let alerted = accounts[rule] ?? []
    let hits = alerted.intersection(labelled).count
    let found = alerted.intersection(receivers).count
    let columns = [
      rule.rawValue.padding(toLength: 38, withPad: " ", startingAt: 0),
      String(alerts[rule] ?? 0).leftPadded(7), String(alerted.count).leftPadded(9), String(hits).leftPadded(9),
      percent(hits, labelled.count).leftPadded(7), percent(found, receivers.count).leftPadded(10),
      percent(alerted.count - hits, alerted.count).leftPadded(11),
    ]
    print("  " + columns.joined(separator: " "))
  }
  if accounts.isEmpty { print("  no alerts") }
  print()
}

extension String {
  func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

try evaluate("defaults") { _ in }
// AMLSim's amounts are a few dollars to a few hundred, and its receivers keep what they
// collect: fan-in on the collection alone, with no minimum value.
for hours in [24, 72, 168] {
  for senders in [3, 4, 5] {
    try evaluate("fan-in collection, \(senders) senders within \(hours) hours") { rules in
      rules.fanIn.minimumSenders = senders
      rules.fanIn.windowHours = hours
      rules.fanIn.minimumReceived = USD(cents: 0)
      rules.fanIn.consolidatedPercent = 0
      // The import gives each account one wallet that all its counterparties use, so every
      // busy account's wallet is "shared": 170,170 alerts under the defaults, which say nothing
      // about fan-in and take nine tenths of each replay's time.
      rules.sharedExternalAddress.isEnabled = false
    }
  }
}
