import Foundation
import GRDB
import Testing
import TamgaModel
import TamgaTestSupport
@testable import TamgaStore

@Suite struct CaseStoreTests {
  func entry(_ sha: String) -> LedgerEntry {
    LedgerEntry(
      fileName: "t.csv", path: "/tmp/t.csv", kind: .transfers, format: "csv", sha256: sha, headSHA256: "head",
      byteCount: 10, ingestedAt: Timestamp(millisecondsSinceEpoch: 0))
  }

  func alert(_ id: String, at ms: Int64, rule: RuleID = "aifc.retail-cap.monthly", severity: Severity = .high) -> Alert {
    var explanation = Explanation()
    explanation.append("limit", .usd(USD(dollars: 1_000)))
    return Alert(
      id: id, ruleID: rule, severity: severity, customerID: "C1", eventAt: Timestamp(millisecondsSinceEpoch: ms),
      summary: "s", explanation: explanation)
  }

  /// Migration 4 rebuilds the ledger to take Travel Rule and chain-edge files: a store written
  /// before it keeps its entries, their ids and what refers to them.
  @Test func aStoreFromBeforeTheTravelRuleKeepsItsLedger() throws {
    let folder = try TemporaryDirectory()
    let path = folder.file("old.db")
    do {
      let pool = try DatabasePool(path: path)
      try CaseStore.migrator.migrate(pool, upTo: "3-exposure-labels")
      try pool.write { db in
        _ = try IngestBatch(db: db, now: Timestamp(millisecondsSinceEpoch: 0)).beginIngest(entry("a"))
        try IngestBatch(db: db, now: Timestamp(millisecondsSinceEpoch: 0)).insert(alert("A1", at: 5), ingest: 1)
      }
    }
    let store = try CaseStore(path: path)
    #expect(try store.ledger().map(\.sha256) == ["a"])
    #expect(try store.alerts().map(\.id) == ["A1"])
    var travelRule = entry("b")
    travelRule.kind = .travelRule
    let id = try store.write { batch in try batch.beginIngest(travelRule) }
    #expect(id == 2)
    #expect(try store.ledger().map(\.kind) == [.transfers, .travelRule])
  }

  /// Migration 5 adds the mining licence to customer records and rebuilds the ledger for miners'
  /// declarations: a store written before it keeps its entries and records, none a miner's.
  @Test func aStoreFromBeforeMinersKeepsItsLedgerAndCustomers() throws {
    let folder = try TemporaryDirectory()
    let path = folder.file("old.db")
    do {
      let pool = try DatabasePool(path: path)
      try CaseStore.migrator.migrate(pool, upTo: "4-travel-rule-chain-edges")
      try pool.write { db in
        _ = try IngestBatch(db: db, now: Timestamp(millisecondsSinceEpoch: 0)).beginIngest(entry("a"))
        try db.execute(
          sql: """
            INSERT INTO customer_record VALUES ('C1', 5, 'individual', 'Aigerim Bekova', '', NULL, 'KZ', 'KZ', 'retail',
              'aifc', 'none', NULL, NULL, 0, 'low', '', 1)
            """)
      }
    }
    let store = try CaseStore(path: path)
    #expect(try store.ledger().map(\.sha256) == ["a"])
    #expect(try store.customerRecords("C1").map(\.miningLicence) == [nil])
    var declarations = entry("b")
    declarations.kind = .minerDeclarations
    #expect(try store.write { batch in try batch.beginIngest(declarations) } == 2)
    #expect(try store.ledger().map(\.kind) == [.transfers, .minerDeclarations])
  }

  @Test func aNewStoreUsesWALAndHasEveryTable() throws {
    let folder = try TemporaryDirectory()
    let store = try folder.freshStore()
    let mode = try store.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    #expect(mode == "wal")
    let tables = try store.read { db in
      try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'grdb%' ORDER BY name")
    }
    #expect(
      tables == [
        "alert", "audit_event", "case_alert", "case_attachment", "case_file", "customer_record", "engine_state", "ingest",
        "list_address", "list_entry", "list_entry_content", "list_rejection", "list_snapshot", "miner_declaration",
        "rejection", "retention", "screening_clearance", "travel_rule_message", "wallet_ownership_proof",
      ])
    // Opening again applies nothing new and keeps the data.
    _ = try store.write { batch in try batch.beginIngest(entry("a")) }
    #expect(try CaseStore(path: folder.file("tamga.db")).ledger().count == 1)
  }

  @Test func aTransactionThatThrowsLeavesNothing() throws {
    let folder = try TemporaryDirectory()
    let store = try folder.freshStore()
    struct Stop: Error {}
    #expect(throws: Stop.self) {
      try store.write { batch in
        let ingest = try batch.beginIngest(entry("a"))
        try batch.insert(alert("A-1", at: 0), ingest: ingest)
        try batch.saveEngineState(part: "rules", [1, 2, 3], format: 1, ingest: ingest)
        throw Stop()
      }
    }
    #expect(try store.ledger().isEmpty)
    #expect(try store.alerts().isEmpty)
    #expect(try store.engineState().isEmpty)
  }

  /// The state is bound straight from the caller's buffer: what is read back is what was
  /// given, an empty part included, and replacing a part leaves the last one given.
  /// A new store is written in 16 KiB pages; a store created with SQLite's 4 KiB pages (by an
  /// earlier Tamga) opens, keeps them and takes writes.
  @Test func newStoresUseSixteenKiBPagesAndOldStoresKeepTheirs() throws {
    let folder = try TemporaryDirectory()
    let fresh = try folder.freshStore()
    #expect(try fresh.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 16_384)
    let path = folder.file("old.db")
    do {
      let pool = try DatabasePool(path: path)
      try CaseStore.migrator.migrate(pool)
    }
    let old = try CaseStore(path: path)
    try old.write { batch in _ = try batch.beginIngest(entry("a")) }
    #expect(try old.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 4_096)
    #expect(try old.ledger().map(\.sha256) == ["a"])
  }

  @Test func engineStatePartsComeBackAsSaved() throws {
    let folder = try TemporaryDirectory()
    let store = try folder.freshStore()
    let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    try store.write { batch in
      let ingest = try batch.beginIngest(entry("a"))
      try batch.saveEngineState(part: "rules", [9, 9], format: 1, ingest: ingest)
      try batch.saveEngineState(part: "rules", large, format: 2, ingest: ingest)
      try batch.saveEngineState(part: "empty", [], format: 3, ingest: ingest)
    }
    let parts = try store.engineState()
    #expect(parts["rules"]?.format == 2 && parts["rules"]?.bytes == large)
    #expect(parts["empty"]?.format == 3 && parts["empty"]?.bytes == [])
  }

  @Test func alertsAreDeduplicatedByIdAndFiltered() throws {
    let folder = try TemporaryDirectory()
    let store = try folder.freshStore()
    try store.write { batch in
      let ingest = try batch.beginIngest(entry("a"))
      #expect(try batch.insert(alert("A-2", at: 2_000), ingest: ingest))
      #expect(try batch.insert(alert("A-1", at: 1_000, rule: "aifc.retail-cap.annual", severity: .medium), ingest: ingest))
      #expect(try !batch.insert(alert("A-2", at: 2_000), ingest: ingest))
    }
    #expect(try store.alerts().map(\.id) == ["A-1", "A-2"])
    var query = AlertQuery()
    query.ruleID = "aifc.retail-cap"
    query.minimumSeverity = .high
    #expect(try store.alerts(query).map(\.id) == ["A-2"])
    query = AlertQuery()
    query.since = Timestamp(millisecondsSinceEpoch: 1_500)
    #expect(try store.alerts(query).map(\.id) == ["A-2"])
    #expect(try store.alerts().first?.explanation.json == #"{"limit":"1000.00"}"#)
  }

  @Test func rejectionsKeepTheirRawBytesExactly() throws {
    let folder = try TemporaryDirectory()
    let store = try folder.freshStore()
    let raw: [UInt8] = [0x54, 0x31, 0xC3, 0x28, 0x2C]
    try store.write { batch in
      let ingest = try batch.beginIngest(entry("a"))
      try batch.insert(
        Rejection(file: "t.csv", line: 7, column: "customer_id", reason: .init(.invalidUTF8, "invalid UTF-8"), raw: raw),
        ingest: ingest)
    }
    let stored = try #require(try store.rejections().first)
    #expect(stored.rejection.raw == raw)
    #expect(stored.rejection.line == 7)
    #expect(stored.rejection.reason.code == .invalidUTF8)
    var query = RejectionQuery()
    query.code = "bad_number"
    #expect(try store.rejections(query).isEmpty)
  }

  @Test func aReadOnlyOpenNeverCreatesAStore() throws {
    let folder = try TemporaryDirectory()
    let error = try #require(throws: StoreError.self) { try CaseStore(readingExisting: folder.file("none.db")) }
    #expect(error.code == .missing)
    #expect(!FileManager.default.fileExists(atPath: folder.file("none.db")))
    try folder.write("junk.db", String(repeating: "not sqlite ", count: 200))
    #expect(throws: StoreError.self) { try CaseStore(path: folder.file("junk.db")) }
  }

  @Test func customerRecordsRoundTrip() throws {
    let folder = try TemporaryDirectory()
    let store = try folder.freshStore()
    let record = CustomerRecord(
      customerID: "C1", recordedAt: Timestamp(millisecondsSinceEpoch: 5), fullName: "Aigerim Bekova",
      aliases: ["Aigerim B."], dateOfBirth: CivilDate(year: 1990, month: 5, day: 17), verification: .incomeVerified,
      annualIncome: USD(dollars: 50_000), isPEPDeclared: true, wallets: [Wallet(chain: "tron", address: "TXyz")])
    try store.write { batch in
      let ingest = try batch.beginIngest(entry("a"))
      try batch.insert(record, ingest: ingest)
    }
    #expect(try store.customerRecords("C1") == [record])
  }
}
