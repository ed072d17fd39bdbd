// Replay throughput, the gzip floor, allocations on the hot path and memory per customer.
//
// Run: TAMGA_BENCHMARKS=1 swift package --disable-sandbox benchmark --target Replay
// The data (100,000 customers, 1,000,000 transfers from `tamga synth`, seed 1) is generated
// once into $TMPDIR/tamga-bench and reused.

import Benchmark
import Foundation
import TamgaIngest
import TamgaModel
import TamgaPipeline
import TamgaRules
import TamgaStore
import TamgaSynth

/// The benchmark's input files and a store with the customers already replayed.
struct BenchmarkData: Sendable {
  let folder: String
  let plainTransfers: String
  let gzipTransfers: String
  let smallTransfers: String
  let templateStore: String
  /// The customers store with a watch list of 10,000 wallet addresses loaded, 100 of them
  /// counterparties in the plain transfers file.
  let listedTemplateStore: String

  static let shared: BenchmarkData = {
    do { return try BenchmarkData() } catch { fatalError("cannot prepare benchmark data: \(error)") }
  }()

  init() throws {
    folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("tamga-bench")
    var plan = SynthesisPlan()
    plan.customers = 100_000
    plan.transfersPerDay = 1_000_000
    plan.seed = 1
    let plain = folder + "/plain"
    let gzip = folder + "/gzip"
    let small = folder + "/small"
    let manager = FileManager.default
    if !manager.fileExists(atPath: plain + "/transfers-2026-03-01.csv") { _ = try Synthesizer.write(plan, to: plain) }
    plan.gzip = true
    if !manager.fileExists(atPath: gzip + "/transfers-2026-03-01.csv.gz") { _ = try Synthesizer.write(plan, to: gzip) }
    plan.gzip = false
    plan.transfersPerDay = 100_000
    if !manager.fileExists(atPath: small + "/transfers-2026-03-01.csv") { _ = try Synthesizer.write(plan, to: small) }
    plainTransfers = plain + "/transfers-2026-03-01.csv"
    gzipTransfers = gzip + "/transfers-2026-03-01.csv.gz"
    smallTransfers = small + "/transfers-2026-03-01.csv"
    // Named by the snapshot format, so a build that stores engine state differently starts afresh.
    templateStore = folder + "/customers-\(Engine.snapshotFormat).db"
    if !manager.fileExists(atPath: templateStore) {
      let store = try CaseStore(path: templateStore)
      _ = try Replayer(store: store).replay(customers: [plain + "/customers.csv"])
    }
    listedTemplateStore = folder + "/customers-listed-\(Engine.snapshotFormat).db"
    if !manager.fileExists(atPath: listedTemplateStore) {
      let list = folder + "/watch.list.csv"
      try Self.watchList(counterpartiesIn: plainTransfers).write(toFile: list, atomically: true, encoding: .utf8)
      for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: templateStore + suffix) {
        try manager.copyItem(atPath: templateStore + suffix, toPath: listedTemplateStore + suffix)
      }
      var configuration = TamgaConfiguration()
      configuration.screening.isEnabled = false  // only the list is wanted; the customers are synthetic
      _ = try ListUpdate.load(
        .tamga, path: list, name: "watch", into: try CaseStore(path: listedTemplateStore), configuration: configuration,
        at: Timestamp(millisecondsSinceEpoch: 0))
    }
    // A template made by an older build has an older schema: migrated here, once, so neither
    // the measured replays nor the read-only engine below meet a migration.
    for template in [templateStore, listedTemplateStore] { _ = try CaseStore(path: template) }
  }

  /// 10,000 made-up EVM addresses and 100 counterparties of the file (every 10,000th row that
  /// has one), one entry each.
  static func watchList(counterpartiesIn transfers: String) throws -> String {
    var lines = ["list,entry_id,kind,name,aliases,date_of_birth,countries,addresses,programs,listed_on"]
    var generator = SystemRandomNumberGenerator()
    for index in 0..<10_000 {
      let hex = (0..<40).map { _ in String(Int.random(in: 0..<16, using: &generator), radix: 16) }.joined()
      lines.append("watch,W\(index),entity,Entity \(index),,,,ethereum:0x\(hex),,")
    }
    let rows = try String(contentsOfFile: transfers, encoding: .utf8).split(separator: "\n")
    var picked = 0
    for (index, row) in rows.enumerated() where index > 0 && index % 10_000 == 0 && picked < 100 {
      let fields = row.split(separator: ",", omittingEmptySubsequences: false)
      guard fields.count > 8, !fields[8].isEmpty else { continue }
      lines.append("watch,H\(picked),entity,Counterparty \(picked),,,,\(fields[5]):\(fields[8]),,")
      picked += 1
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A fresh copy of the store that holds the customers and nothing else (or, `listed`, the
  /// customers and the watch list).
  func freshStore(listed: Bool = false) throws -> CaseStore {
    let template = listed ? listedTemplateStore : templateStore
    let target = folder + "/run-\(UUID().uuidString).db"
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: template + suffix) {
      try FileManager.default.copyItem(atPath: template + suffix, toPath: target + suffix)
    }
    return try CaseStore(path: target)
  }

  func remove(_ store: CaseStore) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store.path + suffix) }
  }
}

/// Parses and evaluates every transfer of a file without the store: the hot path alone.
func parseAndEvaluate(_ path: String, engine: Engine, configuration: RulesConfiguration? = nil) throws -> Int {
  var engine = engine
  if let configuration { engine.reconfigure(configuration) }
  var decoder = TransferDecoder()
  var fields = TransferFields()
  var findings = FindingCounter()
  let reader = RecordReader(source: SourceFile(path: path), schema: TransferDecoder.schema)
  _ = try reader.read(
    record: { record in
      guard decoder.decode(record, into: &fields) == nil,
        let customer = engine.customer(record.bytes(TransferDecoder.Column.customerID.rawValue).span)
      else { return }
      let event = TransferEvent(customer: customer, timestamp: fields.timestamp, kind: fields.kind, usdValue: fields.usdValue)
      let counterparty = record.bytes(TransferDecoder.Column.counterpartyAddress.rawValue)
      if counterparty.isEmpty {
        _ = engine.evaluate(event, into: &findings)
      } else {
        // Fan-in, fan-out, the shared-address table and round-tripping see the address; the
        // exposure graph is the replay's to measure.
        _ = engine.evaluate(event, counterparty: counterparty.span, labels: 0, tracksExposure: false, into: &findings)
      }
    }, reject: { _ in })
  return findings.count
}

struct FindingCounter: FindingSink {
  var count = 0
  mutating func raise(_ finding: Finding) { count += 1 }
}

let benchmarks: @Sendable () -> Void = {
  let data = BenchmarkData.shared
  // One iteration is one whole file of 1,000,000 transfers: wall clock is per file.
  let slow = Benchmark.Configuration(
    metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
    timeUnits: .milliseconds, warmupIterations: 1, scalingFactor: .one, maxDuration: .seconds(30), maxIterations: 15)

  Benchmark("Frame only", configuration: slow) { benchmark in
    let reader = RecordReader(source: SourceFile(path: data.plainTransfers), schema: TransferDecoder.schema)
    var rows = 0
    _ = try reader.read(record: { _ in rows += 1 }, reject: { _ in })
    blackHole(rows)
  }

  Benchmark("Frame and decode", configuration: slow) { benchmark in
    let reader = RecordReader(source: SourceFile(path: data.plainTransfers), schema: TransferDecoder.schema)
    var decoder = TransferDecoder()
    var fields = TransferFields()
    var rows = 0
    _ = try reader.read(record: { record in if decoder.decode(record, into: &fields) == nil { rows += 1 } }, reject: { _ in })
    blackHole(rows)
  }

  Benchmark("Inflate only (gzip floor)", configuration: slow) { benchmark in
    blackHole(try InflateBaseline.inflatedByteCount(of: data.gzipTransfers))
  }

  // A replay: from opening it (restoring the engine) to the file's commit.
  for (name, file) in [("Replay gzip", data.gzipTransfers), ("Replay plain", data.plainTransfers)] {
    Benchmark(name, configuration: slow) { benchmark in
      let store = try data.freshStore()
      benchmark.startMeasurement()
      let summary = try Replayer(store: store).replay(transfers: [file])
      benchmark.stopMeasurement()
      precondition(summary.rowsAccepted == 1_000_000)
      data.remove(store)
    }
  }

  // The same replay with 10,100 listed addresses: every counterparty is looked up.
  Benchmark("Replay plain, 10,100 listed addresses", configuration: slow) { benchmark in
    let store = try data.freshStore(listed: true)
    benchmark.startMeasurement()
    let summary = try Replayer(store: store).replay(transfers: [data.plainTransfers])
    benchmark.stopMeasurement()
    precondition(summary.rowsAccepted == 1_000_000)
    data.remove(store)
  }

  // Allocations: the same path over 100,000 and 1,000,000 transfers. The difference divided
  // by 900,000 is what one transfer allocates in steady state.
  let engine: Engine = {
    do {
      let store = try CaseStore(readingExisting: data.templateStore)
      let engine = try Replayer.savedEngine(in: store, configuration: TamgaConfiguration())
      guard engine.customers.count > 0 else { fatalError("template store has no engine state") }
      return engine
    } catch { fatalError("\(error)") }
  }()
  let allocations = Benchmark.Configuration(
    metrics: [.wallClock, .mallocCountTotal], timeUnits: .milliseconds, warmupIterations: 1,
    scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 5)
  Benchmark("Parse and evaluate 1,000,000", configuration: allocations) { benchmark in
    blackHole(try parseAndEvaluate(data.plainTransfers, engine: engine))
  }
  Benchmark("Parse and evaluate 100,000", configuration: allocations) { benchmark in
    blackHole(try parseAndEvaluate(data.smallTransfers, engine: engine))
  }

  // The same paths with limits no transfer reaches: every cap and typology check is computed,
  // none fires, so the malloc counts show what quiet transfers allocate.
  var quiet = RulesConfiguration()
  quiet.newAccountDeposits.minimumDeposit = USD(dollars: 1_000_000_000_000)
  quiet.structuring.thresholds = [USD(dollars: 1_000_000_000_000)]
  quiet.rapidPassThrough.minimumDeposited = USD(dollars: 1_000_000_000_000)
  quiet.newAccountDrains.minimumDeposited = USD(dollars: 1_000_000_000_000)
  quiet.highValueBursts.minimumValue = USD(dollars: 1_000_000_000_000)
  quiet.chainHopping.minimumValue = USD(dollars: 1_000_000_000_000)
  quiet.fanIn.minimumReceived = USD(dollars: 1_000_000_000_000)
  quiet.fanOut.minimumSent = USD(dollars: 1_000_000_000_000)
  // No synthetic address gathers 20 customers within an hour; the table is still fed.
  quiet.sharedExternalAddress.minimumCustomers = 20
  quiet.sharedExternalAddress.windowHours = 1
  quiet.roundTripping.minimumReturned = USD(dollars: 1_000_000_000_000)
  quiet.retailCaps.monthlyLimit = USD(dollars: 1_000_000_000_000)
  quiet.retailCaps.annualLimit = USD(dollars: 1_000_000_000_000)
  quiet.retailCaps.incomeShareBasisPoints = 10_000
  quiet.retailCaps.netWorthShareBasisPoints = 10_000
  Benchmark("Parse and evaluate 1,000,000, no alerts", configuration: allocations) { benchmark in
    let alerts = try parseAndEvaluate(data.plainTransfers, engine: engine, configuration: quiet)
    precondition(alerts == 0)
  }
  Benchmark("Parse and evaluate 100,000, no alerts", configuration: allocations) { benchmark in
    let alerts = try parseAndEvaluate(data.smallTransfers, engine: engine, configuration: quiet)
    precondition(alerts == 0)
  }
}
