// How fast an analyst's commands answer on a large store: the queue and one case whole.
//
// Run: TAMGA_BENCHMARKS=1 swift package --disable-sandbox benchmark --target CaseWork
// The store (100,000 customers, 1,000,000 alerts grouped into 100,000 cases, a quarter of them
// claimed) is built once into $TMPDIR/tamga-bench and reused. Each iteration opens the store as
// a new `tamga` process would, so the figures include opening it.

import Benchmark
import Foundation
import TamgaModel
import TamgaPipeline
import TamgaStore

/// A store of a million alerts in a hundred thousand cases.
enum CaseWorkData {
  static let customers = 100_000
  static let alertsPerCustomer = 10
  static let rules: [(RuleID, Severity)] = [
    ("typology.structuring", .medium), ("typology.high-value-burst", .medium), ("typology.fan-out", .high),
    ("typology.shared-external-address", .medium), ("aifc.retail-cap.monthly", .high), ("typology.rapid-pass-through", .high),
    ("screening.pep.name-match", .medium), ("exposure.indirect.darknet_market", .low),
  ]

  static let path: String = {
    let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("tamga-bench")
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/cases-1m.db"
    if !FileManager.default.fileExists(atPath: path) {
      do { try build(at: path) } catch { fatalError("cannot build the case store: \(error)") }
    }
    return path
  }()

  static func build(at path: String) throws {
    let store = try CaseStore(path: path + ".partial")
    let start = Timestamp(rfc3339: "2026-03-01T00:00:00Z")!
    // Ten files of 100,000 alerts: each customer gets one alert per file, an hour apart, so the
    // escalation grows each customer's case file by file as a replay would.
    for file in 0..<alertsPerCustomer {
      try store.write { batch in
        let ingest = try batch.beginIngest(
          LedgerEntry(
            fileName: "day-\(file).csv", path: "/bench/day-\(file).csv", kind: .transfers, format: "csv",
            sha256: "bench-\(file)", headSHA256: "bench-\(file)", byteCount: 1, ingestedAt: start))
        for customer in 0..<customers {
          let customerID = "C" + String(customer + 1_000_000).dropFirst()
          if file == 0 {
            try batch.insert(
              CustomerRecord(
                customerID: customerID, recordedAt: start, fullName: "Customer \(customer)",
                riskRating: customer % 10 == 0 ? .high : .low),
              ingest: ingest)
          }
          let (rule, severity) = rules[(customer + file) % rules.count]
          let at = Timestamp(millisecondsSinceEpoch: start.millisecondsSinceEpoch + Int64(file) * 3_600_000 + Int64(customer))
          _ = try batch.insert(
            Alert(
              id: "A-\(file)-\(customer)", ruleID: rule, severity: severity, customerID: customerID, eventAt: at,
              summary: "\(rule) fired on T-\(file)-\(customer)",
              explanation: Explanation([
                "transfer_id": .text("T-\(file)-\(customer)"), "transfer_at": .time(at), "usd_value": .usd(USD(cents: 950_000)),
              ])),
            ingest: ingest)
        }
        _ = try Escalation(policy: EscalationPolicy()).group(batch.storedAlerts, in: batch.cases)
      }
    }
    // A quarter of the cases claimed by four analysts.
    try store.caseWork { work in
      for id in stride(from: Int64(1), through: Int64(customers), by: 4) {
        guard var file = try work.caseFile(id) else { continue }
        let version = file.version
        file.assignee = "analyst-\(id % 4)"
        try work.update(file, expectedVersion: version, actor: file.assignee!, action: "claimed", details: Explanation())
      }
    }
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + ".partial" + suffix) {
      try FileManager.default.moveItem(atPath: path + ".partial" + suffix, toPath: path + suffix)
    }
  }
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(10), maxIterations: 200)
  let path = CaseWorkData.path

  Benchmark("tamga queue (first 100 of 100,000 open cases)") { benchmark in
    for _ in benchmark.scaledIterations {
      let store = try CaseStore(readingExisting: path)
      blackHole(try store.queue(CaseQuery()))
    }
  }
  Benchmark("tamga queue --assignee (one analyst's 6,250 cases, first 100)") { benchmark in
    for _ in benchmark.scaledIterations {
      let store = try CaseStore(readingExisting: path)
      var query = CaseQuery()
      query.assignee = "analyst-1"
      blackHole(try store.queue(query))
    }
  }
  Benchmark("tamga queue --customer") { benchmark in
    for _ in benchmark.scaledIterations {
      let store = try CaseStore(readingExisting: path)
      var query = CaseQuery()
      query.customerID = "C054321"
      blackHole(try store.queue(query))
    }
  }
  Benchmark("tamga case show (10 alerts, customer, history)") { benchmark in
    for iteration in benchmark.scaledIterations {
      let store = try CaseStore(readingExisting: path)
      blackHole(try store.dossier(Int64(1 + (iteration * 7_919) % 100_000)))
    }
  }
}
