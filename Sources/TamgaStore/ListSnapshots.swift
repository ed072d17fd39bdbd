import Foundation
import GRDB
public import TamgaModel

/// One loaded list snapshot, as `tamga lists show` prints it.
public struct ListSnapshotRecord: Sendable, Hashable {
  public var id: Int64 = 0
  /// The snapshot's name; the newest snapshot of each name is the one screened against.
  public var name: String
  /// The reader that made it (`ListFormat` raw value, e.g. "ofac-sdn").
  public var format: String
  /// "sanctions", "pep" or "watchlist": what a hit on it means for the alert's severity.
  public var purpose: String
  /// The path given to `tamga lists load`.
  public var source: String
  /// SHA-256 of the file, or of the list of its files' names and SHA-256s for a folder.
  public var sha256: String
  public var entryCount: Int
  public var addressCount: Int
  public var rejectionCount: Int
  /// The snapshot of the same name this one replaced, if any.
  public var previousID: Int64?
  public var addedCount = 0
  public var changedCount = 0
  public var removedCount = 0
  public var customersScreened = 0
  public var alertsRaised = 0
  /// Wall-clock time of the load.
  public var loadedAt: Timestamp

  public init(
    name: String, format: String, purpose: String, source: String, sha256: String, entryCount: Int,
    addressCount: Int, rejectionCount: Int, previousID: Int64?, loadedAt: Timestamp
  ) {
    self.name = name
    self.format = format
    self.purpose = purpose
    self.source = source
    self.sha256 = sha256
    self.entryCount = entryCount
    self.addressCount = addressCount
    self.rejectionCount = rejectionCount
    self.previousID = previousID
    self.loadedAt = loadedAt
  }
}

/// A list entry as stored: its reference, fingerprint and canonical JSON body.
///
/// The store keeps the body as text; `TamgaScreening` reads it back (the store does not know
/// list entries).
public struct StoredListEntry: Sendable, Hashable {
  public var list: String
  public var entryID: String
  public var fingerprint: String
  public var body: String
  /// The entry's primary name and programmes, for the address rows.
  public var name: String
  public var programs: [String]
  /// The entry's wallet addresses.
  public var addresses: [StoredListAddress]

  public init(
    list: String, entryID: String, fingerprint: String, body: String, name: String = "", programs: [String] = [],
    addresses: [StoredListAddress] = []
  ) {
    self.list = list
    self.entryID = entryID
    self.fingerprint = fingerprint
    self.body = body
    self.name = name
    self.programs = programs
    self.addresses = addresses
  }
}

/// One wallet address of a stored entry, as the list printed it and as it is compared.
public struct StoredListAddress: Sendable, Hashable {
  public var chain: String
  public var asset: String?
  public var original: String
  /// The comparison key (`WalletAddress.normalized`), stored so that reading it back costs no
  /// string work.
  public var normalized: String

  public init(chain: String, asset: String?, original: String, normalized: String) {
    self.chain = chain
    self.asset = asset
    self.original = original
    self.normalized = normalized
  }
}

/// An address row with its entry, read back for a transfers file's address book.
public struct ListedAddressRow: Sendable, Hashable {
  public var position: Int
  public var list: String
  public var entryID: String
  public var fingerprint: String
  public var entryName: String
  public var programs: [String]
  public var addresses: [StoredListAddress]
}

/// An analyst's decision that a customer is not a listed party, while the entry is unchanged.
public struct ScreeningClearance: Sendable, Hashable {
  public var customerID: String
  public var list: String
  public var entryID: String
  /// The entry's fingerprint when cleared: a changed entry is screened afresh.
  public var fingerprint: String
  public var analyst: String
  public var reason: String
  public var clearedAt: Timestamp

  public init(
    customerID: String, list: String, entryID: String, fingerprint: String, analyst: String, reason: String,
    clearedAt: Timestamp
  ) {
    self.customerID = customerID
    self.list = list
    self.entryID = entryID
    self.fingerprint = fingerprint
    self.analyst = analyst
    self.reason = reason
    self.clearedAt = clearedAt
  }
}

// MARK: - Writing

extension IngestBatch {
  /// Records a snapshot; its counts of changes, screened customers and alerts are filled by
  /// ``finishListSnapshot(_:)``.
  public func beginListSnapshot(_ snapshot: ListSnapshotRecord) throws -> Int64 {
    try db.execute(
      sql: """
        INSERT INTO list_snapshot (name, format, purpose, source, sha256, entry_count, address_count,
          rejection_count, previous_id, added_count, changed_count, removed_count, customers_screened,
          alerts_raised, loaded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?)
        """,
      arguments: [
        snapshot.name, snapshot.format, snapshot.purpose, snapshot.source, snapshot.sha256, snapshot.entryCount,
        snapshot.addressCount, snapshot.rejectionCount, snapshot.previousID, snapshot.loadedAt.millisecondsSinceEpoch,
      ])
    return db.lastInsertedRowID
  }

  public func finishListSnapshot(_ snapshot: ListSnapshotRecord) throws {
    try db.execute(
      sql: """
        UPDATE list_snapshot SET added_count = ?, changed_count = ?, removed_count = ?, customers_screened = ?,
          alerts_raised = ? WHERE id = ?
        """,
      arguments: [
        snapshot.addedCount, snapshot.changedCount, snapshot.removedCount, snapshot.customersScreened,
        snapshot.alertsRaised, snapshot.id,
      ])
  }

  /// Stores a snapshot's entries in list order; each distinct content is stored once.
  public func insert(_ entries: [StoredListEntry], snapshot: Int64) throws {
    let content = try db.makeStatement(
      sql: "INSERT OR IGNORE INTO list_entry_content (fingerprint, body) VALUES (?, ?)")
    let reference = try db.makeStatement(
      sql: "INSERT INTO list_entry (snapshot_id, position, list, entry_id, fingerprint) VALUES (?, ?, ?, ?, ?)")
    let address = try db.makeStatement(
      sql: """
        INSERT INTO list_address (snapshot_id, position, address_index, entry_name, programs, chain, asset, original,
          normalized)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for (position, entry) in entries.enumerated() {
      var row = RowBinder(content)
      row.text(entry.fingerprint)
      row.text(entry.body)
      try row.execute(in: db)
      row = RowBinder(reference)
      row.integer(snapshot)
      row.integer(Int64(position))
      row.text(entry.list)
      row.text(entry.entryID)
      row.text(entry.fingerprint)
      try row.execute(in: db)
      for (index, wallet) in entry.addresses.enumerated() {
        row = RowBinder(address)
        row.integer(snapshot)
        row.integer(Int64(position))
        row.integer(Int64(index))
        row.text(entry.name)
        row.text(entry.programs.joined(separator: "\u{1F}"))
        row.text(wallet.chain)
        row.text(wallet.asset)
        row.text(wallet.original)
        row.text(wallet.normalized)
        try row.execute(in: db)
      }
    }
  }

  /// Stores a row the list's reader refused.
  public func insertListRejection(file: String, line: Int, column: Int?, reason: String, snapshot: Int64) throws {
    try db.execute(
      sql: "INSERT INTO list_rejection (snapshot_id, file, line, column_number, reason) VALUES (?, ?, ?, ?, ?)",
      arguments: [snapshot, file, line, column, reason])
  }
}

extension IngestBatch {
  /// Calls `body` with each customer's newest record, by customer id, inside this transaction;
  /// the re-screen after a list load reads the customer base this way, one row at a time.
  public func forEachCurrentCustomerRecord(_ body: (CustomerRecord) throws -> Void) throws {
    // SQLite fills the other columns from the row holding max(): each customer's newest record.
    let rows = try Row.fetchCursor(
      db, sql: "SELECT *, max(recorded_at) FROM customer_record GROUP BY customer_id ORDER BY customer_id")
    while let row = try rows.next() { try body(CustomerRecord(row: row)) }
  }
}

// MARK: - Reading and clearing

extension CaseStore {
  /// Every snapshot, oldest first.
  public func listSnapshots() throws(StoreError) -> [ListSnapshotRecord] {
    try read { db in try Row.fetchAll(db, sql: "SELECT * FROM list_snapshot ORDER BY id").map(ListSnapshotRecord.init(row:)) }
  }

  /// The snapshots screened against: the newest of each name, by name.
  public func activeListSnapshots() throws(StoreError) -> [ListSnapshotRecord] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT * FROM list_snapshot WHERE id IN (SELECT max(id) FROM list_snapshot GROUP BY name) ORDER BY name
          """
      ).map(ListSnapshotRecord.init(row:))
    }
  }

  /// A snapshot by number, or the newest snapshot of a name.
  public func listSnapshot(_ reference: String) throws(StoreError) -> ListSnapshotRecord? {
    try read { db in
      if let id = Int64(reference) {
        return try Row.fetchOne(db, sql: "SELECT * FROM list_snapshot WHERE id = ?", arguments: [id])
          .map(ListSnapshotRecord.init(row:))
      }
      return try Row.fetchOne(
        db, sql: "SELECT * FROM list_snapshot WHERE name = ? ORDER BY id DESC LIMIT 1", arguments: [reference]
      ).map(ListSnapshotRecord.init(row:))
    }
  }

  /// The newest snapshot of a name (a name that looks like a number included).
  public func newestListSnapshot(named name: String) throws(StoreError) -> ListSnapshotRecord? {
    try read { db in
      try Row.fetchOne(
        db, sql: "SELECT * FROM list_snapshot WHERE name = ? ORDER BY id DESC LIMIT 1", arguments: [name]
      ).map(ListSnapshotRecord.init(row:))
    }
  }

  /// A snapshot's entries in the list's order.
  public func listEntries(snapshot: Int64) throws(StoreError) -> [StoredListEntry] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT e.list, e.entry_id, e.fingerprint, c.body FROM list_entry e
          JOIN list_entry_content c ON c.fingerprint = e.fingerprint
          WHERE e.snapshot_id = ? ORDER BY e.position
          """,
        arguments: [snapshot]
      ).map { row in
        StoredListEntry(list: row["list"], entryID: row["entry_id"], fingerprint: row["fingerprint"], body: row["body"])
      }
    }
  }

  /// The entries of a snapshot that name wallet addresses, with those addresses, in list order.
  public func listAddresses(snapshot: Int64) throws(StoreError) -> [ListedAddressRow] {
    try read { db in
      var rows: [ListedAddressRow] = []
      // Columns by position: GRDB looks a name up case-insensitively for every value read, which
      // cost more than the rest of reading a 10,000-address list.
      let cursor = try Row.fetchCursor(
        db,
        sql: """
          SELECT a.position, e.list, e.entry_id, e.fingerprint, a.entry_name, a.programs, a.chain, a.asset, a.original,
            a.normalized
          FROM list_address a JOIN list_entry e ON e.snapshot_id = a.snapshot_id AND e.position = a.position
          WHERE a.snapshot_id = ? ORDER BY a.position, a.address_index
          """,
        arguments: [snapshot])
      while let row = try cursor.next() {
        let position: Int = row[0]
        let address = StoredListAddress(chain: row[6], asset: row[7], original: row[8], normalized: row[9])
        if rows.last?.position == position {
          rows[rows.count - 1].addresses.append(address)
        } else {
          let programs: String = row[5]
          rows.append(
            ListedAddressRow(
              position: position, list: row[1], entryID: row[2], fingerprint: row[3], entryName: row[4],
              programs: programs.isEmpty ? [] : programs.split(separator: "\u{1F}").map(String.init), addresses: [address]))
        }
      }
      return rows
    }
  }

  /// The rows a snapshot's reader refused, in file order.
  public func listRejections(snapshot: Int64) throws(StoreError) -> [(file: String, line: Int, column: Int?, reason: String)] {
    try read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM list_rejection WHERE snapshot_id = ? ORDER BY rowid", arguments: [snapshot]
      ).map { row in (row["file"], row["line"], row["column_number"], row["reason"]) }
    }
  }

  /// Every clearance, by customer and entry.
  public func screeningClearances() throws(StoreError) -> [ScreeningClearance] {
    try read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM screening_clearance ORDER BY customer_id, list, entry_id").map { row in
        ScreeningClearance(
          customerID: row["customer_id"], list: row["list"], entryID: row["entry_id"], fingerprint: row["fingerprint"],
          analyst: row["analyst"], reason: row["reason"], clearedAt: Timestamp(millisecondsSinceEpoch: row["cleared_at"]))
      }
    }
  }

  /// Records (or replaces) a clearance.
  public func clear(_ clearance: ScreeningClearance) throws {
    try write { batch in
      try batch.db.execute(
        sql: """
          INSERT OR REPLACE INTO screening_clearance (customer_id, list, entry_id, fingerprint, analyst, reason, cleared_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          clearance.customerID, clearance.list, clearance.entryID, clearance.fingerprint, clearance.analyst,
          clearance.reason, clearance.clearedAt.millisecondsSinceEpoch,
        ])
    }
  }
}

extension ListSnapshotRecord {
  init(row: Row) {
    self.init(
      name: row["name"], format: row["format"], purpose: row["purpose"], source: row["source"], sha256: row["sha256"],
      entryCount: row["entry_count"], addressCount: row["address_count"], rejectionCount: row["rejection_count"],
      previousID: row["previous_id"], loadedAt: Timestamp(millisecondsSinceEpoch: row["loaded_at"]))
    id = row["id"]
    addedCount = row["added_count"]
    changedCount = row["changed_count"]
    removedCount = row["removed_count"]
    customersScreened = row["customers_screened"]
    alertsRaised = row["alerts_raised"]
  }
}
