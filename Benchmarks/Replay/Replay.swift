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
  }

  /// A fresh copy of the store that holds the customers and nothing else.
  func freshStore() throws -> CaseStore {
    let target = folder + "/run-\(UUID().uuidString).db"
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: templateStore + suffix) {
      try FileManager.default.copyItem(atPath: templateStore + suffix, toPath: target + suffix)
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
      _ = engine.evaluate(event, into: &findings)
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

  // Allocations: the same path over 100,000 and 1,000,000 transfers. The difference divided
  // by 900,000 is what one transfer allocates in steady state.
  let engine: Engine = {
    do {
      let store = try CaseStore(readingExisting: data.templateStore)
      let parts = try store.engineState()
      guard let customers = parts[EngineSnapshot.customersPart], let rules = parts[EngineSnapshot.rulesPart] else {
        fatalError("template store has no engine state")
      }
      return try Engine(restoring: EngineSnapshot(customers: customers.bytes, rules: rules.bytes), configuration: RulesConfiguration())
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

  // The same paths with limits no purchase reaches: every cap is computed, none fires, so the
  // malloc counts show what quiet transfers allocate.
  var quiet = RulesConfiguration()
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
