import Foundation
import GRDB
public import TamgaModel

/// The case store: one SQLite file in WAL mode, holding the ingest ledger, customers and their
/// history, alerts, rejections and the engine's state.
///
/// Readers (an analyst's `tamga alerts`) never block the writer (a replay) and see the last
/// committed file. Everything a file changes is written in one transaction with its ledger
/// entry and the engine state after it, so a run killed at any point leaves the store as it was
/// before that file, and the file is replayed whole next time.
public final class CaseStore: Sendable {
  let pool: DatabasePool
  public let path: String
  /// What time it is for the records of when something was done (audit events, cases opened),
  /// never for rules. The wall clock, unless a test fixes it.
  public let clock: @Sendable () -> Timestamp

  /// The page size of a store created from now on, in bytes. SQLite's default is 4 KiB. A
  /// replay writes tens of megabytes a file (the alerts, the rules' state as one blob), twice
  /// (to the WAL, then at the checkpoint): with 16 KiB pages that is a quarter of the system calls
  /// and of the B-tree pages to split. The synthetic day's replay took 0.33–0.38 s of system time
  /// instead of 0.44–0.47 s. A store keeps the page size it was created with.
  static let pageSize = 16_384

  /// The wall clock, to the millisecond.
  public static let wallClock: @Sendable () -> Timestamp = {
    Timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))
  }

  /// Opens the store at `path`, creating it and applying migrations when needed.
  public init(path: String, clock: @escaping @Sendable () -> Timestamp = CaseStore.wallClock) throws(StoreError) {
    self.path = path
    self.clock = clock
    var configuration = Configuration()
    // A replay holds the write lock for a whole file (seconds for a day of a million
    // transfers): an analyst's command waits for it rather than failing.
    configuration.busyMode = .timeout(60)
    configuration.prepareDatabase { db in
      // A day's alerts land in three B-trees (the id, the time and the customer index) at
      // random places. With SQLite's default 2 MB page cache, pages are spilled to the WAL and
      // read back again and again within one file's transaction; 64 MB holds a day's worth, so
      // each page is written once, at the commit. The cache fills only as pages are used.
      try db.execute(sql: "PRAGMA cache_size = -65536")
      // Takes effect only on a store not yet written (before WAL mode is set on it).
      try db.execute(sql: "PRAGMA page_size = \(CaseStore.pageSize)")
    }
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      try Self.migrator(clock: clock).migrate(pool)
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  /// Opens an existing store for reading only; it is never created or migrated.
  public init(readingExisting path: String, clock: @escaping @Sendable () -> Timestamp = CaseStore.wallClock) throws(StoreError) {
    self.path = path
    self.clock = clock
    guard FileManager.default.fileExists(atPath: path) else {
      throw StoreError(.missing, "no store at \(path): run `tamga init` or `tamga replay` first")
    }
    var configuration = Configuration()
    configuration.readonly = true
    configuration.busyMode = .timeout(10)
    do {
      pool = try DatabasePool(path: path, configuration: configuration)
      let migrated = try pool.read { db in try Self.migrator.hasCompletedMigrations(db) }
      guard migrated else {
        throw StoreError(.incompatible, "\(path) is not an up-to-date Tamga store: open it once with `tamga init`")
      }
    } catch let error as StoreError {
      throw error
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  static func storeError(_ error: any Error, path: String) -> StoreError {
    if let error = error as? StoreError { return error }
    if let error = error as? DatabaseError {
      if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
        return StoreError(.busy, "\(path) is busy: another process is writing to it")
      }
      if error.resultCode == .SQLITE_NOTADB {
        return StoreError(.incompatible, "\(path) is not a SQLite database")
      }
      return StoreError(.database, "\(path): \(error.message ?? error.description)")
    }
    return StoreError(.database, "\(path): \(error)")
  }

  func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
    do {
      return try pool.read(body)
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  // MARK: - Writing

  /// Runs `body` in one immediate transaction: everything it writes commits together or not at
  /// all. The body runs on the caller's thread, so a whole file's replay can stream inside it.
  public func write<T>(_ body: (IngestBatch) throws -> T) throws -> T {
    try immediate { db in
      let batch = IngestBatch(db: db, now: clock())
      let result = try body(batch)
      try batch.alertDigests.record(db, at: batch.now)
      return result
    }
  }

  /// Runs an analyst's change to cases in one immediate transaction: it waits for a replay's
  /// file to commit (up to the busy timeout) and sees everything committed before it.
  public func caseWork<T>(_ body: (CaseWork) throws -> T) throws -> T {
    try immediate { db in try body(CaseWork(db: db, now: clock())) }
  }

  private func immediate<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try pool.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(db)
          return .commit
        }
        guard let result else { preconditionFailure("a committed transaction ran its body") }
        return result
      }
    } catch let error as DatabaseError {
      throw Self.storeError(error, path: path)
    }
  }

  // MARK: - Reading

  public func ledger() throws(StoreError) -> [LedgerEntry] {
    try read { db in try Row.fetchAll(db, sql: "SELECT * FROM ingest ORDER BY id").map(LedgerEntry.init(row:)) }
  }

  public func ledgerEntry(sha256: String) throws(StoreError) -> LedgerEntry? {
    try read { db in
      try Row.fetchOne(db, sql: "SELECT * FROM ingest WHERE sha256 = ?", arguments: [sha256]).map(LedgerEntry.init(row:))
    }
  }

  /// Entries that may be the same file: same size and same first MiB.
  public func ledgerCandidates(headSHA256: String, byteCount: Int64) throws(StoreError) -> [LedgerEntry] {
    try read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM ingest WHERE head_sha256 = ? AND byte_count = ?", arguments: [headSHA256, byteCount]
      ).map(LedgerEntry.init(row:))
    }
  }

  /// The engine state saved by the committed files, by part; empty for a new store.
  public func engineState() throws(StoreError) -> [String: (format: Int, bytes: [UInt8])] {
    try read { db in
      var parts: [String: (format: Int, bytes: [UInt8])] = [:]
      for row in try Row.fetchAll(db, sql: "SELECT part, format, state FROM engine_state") {
        let data: Data = row["state"]
        parts[row["part"]] = (row["format"], [UInt8](data))
      }
      return parts
    }
  }

  public func alerts(_ query: AlertQuery = AlertQuery()) throws(StoreError) -> [Alert] {
    var clauses: [String] = []
    var arguments: [any DatabaseValueConvertible] = []
    if let customer = query.customerID {
      clauses.append("customer_id = ?")
      arguments.append(customer)
    }
    if let rule = query.ruleID {
      clauses.append("(rule_id = ? OR rule_id LIKE ?)")
      arguments.append(rule)
      arguments.append(rule + ".%")
    }
    if let severity = query.minimumSeverity {
      let allowed = Severity.allCases.filter { $0 >= severity }.map { "'\($0.rawValue)'" }.joined(separator: ",")
      clauses.append("severity IN (\(allowed))")
    }
    if let since = query.since {
      clauses.append("event_at >= ?")
      arguments.append(since.millisecondsSinceEpoch)
    }
    if let until = query.until {
      clauses.append("event_at < ?")
      arguments.append(until.millisecondsSinceEpoch)
    }
    var sql = "SELECT * FROM alert"
    if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
    sql += " ORDER BY event_at, id"
    if let limit = query.limit { sql += " LIMIT \(limit)" }
    return try read { db in
      try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(Alert.init(row:))
    }
  }

  public func alertCount() throws(StoreError) -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM alert") ?? 0 }
  }

  public func rejections(_ query: RejectionQuery = RejectionQuery()) throws(StoreError) -> [StoredRejection] {
    var clauses: [String] = []
    var arguments: [any DatabaseValueConvertible] = []
    if let file = query.fileName {
      clauses.append("(file = ? OR file LIKE ?)")
      arguments.append(file)
      arguments.append("%/" + file)
    }
    if let code = query.code {
      clauses.append("code = ?")
      arguments.append(code)
    }
    var sql = "SELECT * FROM rejection"
    if !clauses.isEmpty { sql += " WHERE " + clauses.joined(separator: " AND ") }
    // File order: rows rejected while decoding and rows rejected at evaluation are written in
    // different passes over a buffer.
    sql += " ORDER BY ingest_id, line, id"
    if let limit = query.limit { sql += " LIMIT \(limit)" }
    return try read { db in
      try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
        let raw: Data = row["raw"]
        return StoredRejection(
          id: row["id"], ingestID: row["ingest_id"],
          rejection: Rejection(
            file: row["file"], line: row["line"], column: row["column_name"],
            reason: Rejection.Reason(Rejection.Code(rawValue: row["code"]) ?? .badValue, row["message"]),
            raw: [UInt8](raw)))
      }
    }
  }

  /// Every stored record of a customer, oldest first.
  public func customerRecords(_ customerID: String) throws(StoreError) -> [CustomerRecord] {
    try read { db in try CustomerRecord.fetchAll(db, customerID: customerID) }
  }

  public func customerCount() throws(StoreError) -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(DISTINCT customer_id) FROM customer_record") ?? 0 }
  }
}
