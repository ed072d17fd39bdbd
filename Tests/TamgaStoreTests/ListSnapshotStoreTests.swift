import Foundation
import GRDB
import Testing
import TamgaModel
import TamgaTestSupport
@testable import TamgaStore

@Suite struct ListSnapshotStoreTests {
  func snapshot(_ name: String, sha: String, previous: Int64? = nil) -> ListSnapshotRecord {
    ListSnapshotRecord(
      name: name, format: "tamga", purpose: "sanctions", source: "/lists/\(name).csv", sha256: sha, entryCount: 2,
      addressCount: 0, rejectionCount: 1, previousID: previous, loadedAt: Timestamp(millisecondsSinceEpoch: 1_000))
  }

  func entries(_ bodies: [(String, String)]) -> [StoredListEntry] {
    bodies.map { StoredListEntry(list: "l", entryID: $0.0, fingerprint: "fp-" + $0.1, body: "{\"name\":\"\($0.1)\"}") }
  }

  @Test func snapshotsKeepTheirEntriesInOrderAndShareUnchangedContent() throws {
    let folder = try TemporaryDirectory()
    let store = try folder.freshStore()
    let first = try store.write { batch in
      var record = snapshot("kz-afm", sha: "a")
      record.id = try batch.beginListSnapshot(record)
      try batch.insert(entries([("2", "B"), ("1", "A")]), snapshot: record.id)
      try batch.insertListRejection(file: "afm.csv", line: 4, column: 3, reason: "kind is not person", snapshot: record.id)
      record.addedCount = 2
      record.customersScreened = 10
      record.alertsRaised = 1
      try batch.finishListSnapshot(record)
      return record
    }
    let second = try store.write { batch in
      var record = snapshot("kz-afm", sha: "b", previous: first.id)
      record.id = try batch.beginListSnapshot(record)
      try batch.insert(entries([("1", "A"), ("3", "C")]), snapshot: record.id)
      return record
    }
    _ = try store.write { batch in
      var record = snapshot("ofac-sdn", sha: "c")
      record.id = try batch.beginListSnapshot(record)
      return record
    }
    #expect(try store.listEntries(snapshot: first.id).map(\.entryID) == ["2", "1"])
    #expect(try store.listEntries(snapshot: second.id).map(\.body) == ["{\"name\":\"A\"}", "{\"name\":\"C\"}"])
    let contents = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM list_entry_content") }
    #expect(contents == 3)
    let stored = try #require(try store.listSnapshot(String(first.id)))
    #expect(stored.addedCount == 2 && stored.customersScreened == 10 && stored.alertsRaised == 1)
    #expect(stored.loadedAt == Timestamp(millisecondsSinceEpoch: 1_000))
    #expect(try store.listSnapshot("kz-afm")?.id == second.id)
    #expect(try store.newestListSnapshot(named: "kz-afm")?.id == second.id)
    #expect(try store.newestListSnapshot(named: "1") == nil)  // a number is a name here, never an id
    #expect(try store.listSnapshot("nothing") == nil)
    #expect(try store.listSnapshot("99") == nil)
    #expect(try store.activeListSnapshots().map(\.name) == ["kz-afm", "ofac-sdn"])
    #expect(try store.activeListSnapshots().map(\.id) == [second.id, 3])
    #expect(try store.listSnapshots().count == 3)
    let refused = try store.listRejections(snapshot: first.id)
    #expect(refused.count == 1 && refused[0].line == 4 && refused[0].column == 3)
  }

  @Test func addressRowsCarryWhatAnAddressAlertNames() throws {
    let folder = try TemporaryDirectory()
    let store = try folder.freshStore()
    let id = try store.write { batch in
      let id = try batch.beginListSnapshot(snapshot("kz", sha: "a"))
      try batch.insert(
        [
          StoredListEntry(list: "l", entryID: "1", fingerprint: "f1", body: "{}", name: "No Wallet"),
          StoredListEntry(
            list: "l", entryID: "2", fingerprint: "f2", body: "{}", name: "Mixer", programs: ["CYBER2", "SDGT"],
            addresses: [
              StoredListAddress(chain: "bitcoin", asset: "XBT", original: "bc1qxyz", normalized: "bc1qxyz"),
              StoredListAddress(chain: "ethereum", asset: nil, original: "0xABC", normalized: "0xabc"),
            ]),
        ], snapshot: id)
      return id
    }
    let rows = try store.listAddresses(snapshot: id)
    #expect(rows.count == 1)
    #expect(rows[0].position == 1 && rows[0].entryID == "2" && rows[0].fingerprint == "f2")
    #expect(rows[0].entryName == "Mixer" && rows[0].programs == ["CYBER2", "SDGT"])
    #expect(rows[0].addresses.map(\.original) == ["bc1qxyz", "0xABC"])
    #expect(rows[0].addresses.map(\.asset) == ["XBT", nil])
    #expect(rows[0].addresses.map(\.normalized) == ["bc1qxyz", "0xabc"])
  }

  @Test func aClearanceIsRecordedAndReplacedPerPair() throws {
    let folder = try TemporaryDirectory()
    let store = try folder.freshStore()
    let clearance = ScreeningClearance(
      customerID: "C1", list: "l", entryID: "1", fingerprint: "fp", analyst: "aigerim", reason: "different DOB",
      clearedAt: Timestamp(millisecondsSinceEpoch: 5))
    try store.clear(clearance)
    var again = clearance
    again.fingerprint = "fp2"
    try store.clear(again)
    #expect(try store.screeningClearances() == [again])
  }

  @Test func anAlertFromAListLoadNeedsNoIngestedFile() throws {
    let folder = try TemporaryDirectory()
    let store = try folder.freshStore()
    let alert = Alert(
      id: "A-1", ruleID: "screening.sanctions.name-match", severity: .high, customerID: "C1",
      eventAt: Timestamp(millisecondsSinceEpoch: 7), summary: "s", explanation: Explanation())
    try store.write { batch in
      let id = try batch.beginListSnapshot(snapshot("kz-afm", sha: "a"))
      #expect(try batch.insert(alert, listSnapshot: id))
      #expect(try !batch.insert(alert, listSnapshot: id))
    }
    #expect(try store.alerts().map(\.id) == ["A-1"])
  }

  @Test func theCurrentRecordOfEachCustomerIsItsNewest() throws {
    let folder = try TemporaryDirectory()
    let store = try folder.freshStore()
    var names: [String] = []
    try store.write { batch in
      let ingest = try batch.beginIngest(
        LedgerEntry(
          fileName: "c.csv", path: "/c.csv", kind: .customers, format: "csv", sha256: "s", headSHA256: "h", byteCount: 1,
          ingestedAt: Timestamp(millisecondsSinceEpoch: 0)))
      for (id, at, name) in [("C2", 5, "Later Two"), ("C1", 1, "Old One"), ("C1", 9, "New One"), ("C2", 2, "Early Two")] {
        try batch.insert(
          CustomerRecord(customerID: id, recordedAt: Timestamp(millisecondsSinceEpoch: Int64(at)), fullName: name),
          ingest: ingest)
      }
      try batch.forEachCurrentCustomerRecord { names.append($0.fullName) }
    }
    #expect(names == ["New One", "Later Two"])
  }

  @Test func aStoreFromBeforeListsKeepsItsAlertsWhenMigrated() throws {
    let folder = try TemporaryDirectory()
    let path = folder.file("old.db")
    let queue = try DatabaseQueue(path: path)
    try CaseStore.migrator.migrate(queue, upTo: "1-ledger-customers-alerts")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO ingest (file_name, path, kind, format, sha256, head_sha256, byte_count, rows_accepted,
            rows_rejected, alerts_raised, ingested_at) VALUES ('t.csv', '/t.csv', 'transfers', 'csv', 's', 'h', 1, 1, 0, 1, 0);
          INSERT INTO alert (id, rule_id, severity, customer_id, event_at, summary, explanation, ingest_id)
            VALUES ('A-old', 'aifc.retail-cap.monthly', 'high', 'C1', 5, 'kept', '{}', 1);
          """)
    }
    try queue.close()
    let store = try CaseStore(path: path)
    #expect(try store.alerts().map(\.summary) == ["kept"])
    #expect(try store.listSnapshots().isEmpty)
  }

  @Test func aStoreFromBeforeLabelsKeepsItsSnapshotsAndTakesExposureOnesWhenMigrated() throws {
    let folder = try TemporaryDirectory()
    let path = folder.file("lists.db")
    let queue = try DatabaseQueue(path: path)
    try CaseStore.migrator.migrate(queue, upTo: "2-list-snapshots-screening")
    try queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO list_snapshot (name, format, purpose, source, sha256, entry_count, address_count, rejection_count,
            added_count, changed_count, removed_count, customers_screened, alerts_raised, loaded_at)
            VALUES ('kz', 'tamga', 'sanctions', '/kz.list.csv', 'abc', 1, 0, 0, 1, 0, 0, 0, 0, 5);
          """)
      #expect(throws: (any Error).self) {
        try db.execute(
          sql: """
            INSERT INTO list_snapshot (name, format, purpose, source, sha256, entry_count, address_count, rejection_count,
              added_count, changed_count, removed_count, customers_screened, alerts_raised, loaded_at)
              VALUES ('v', 'labels', 'exposure', '/labels.csv', 'def', 1, 1, 0, 1, 0, 0, 0, 0, 6);
            """)
      }
    }
    try queue.close()
    let store = try CaseStore(path: path)
    #expect(try store.listSnapshots().map(\.name) == ["kz"])
    _ = try store.write { batch in
      try batch.beginListSnapshot(
        ListSnapshotRecord(
          name: "v", format: "labels", purpose: "exposure", source: "/labels.csv", sha256: "def", entryCount: 0,
          addressCount: 0, rejectionCount: 0, previousID: nil, loadedAt: Timestamp(millisecondsSinceEpoch: 6)))
    }
    #expect(try store.listSnapshots().map(\.purpose) == ["sanctions", "exposure"])
  }
}
