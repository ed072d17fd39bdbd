import Foundation
import GRDB
import GRDBSQLite
public import TamgaModel

/// Writes one file's effects inside the transaction of ``CaseStore/write(_:)``.
///
/// Statements are prepared once per transaction and reused for every row.
public final class IngestBatch {
  let db: Database
  private var alertStatement: Statement?
  private var rejectionStatement: Statement?
  private var customerStatement: Statement?

  /// The alerts this transaction stored, in the order stored, for the escalation to group.
  public private(set) var storedAlerts: [StoredAlert] = []
  /// What the chain's `alerts-recorded` events will vouch for.
  let alertDigests = AlertDigests()
  /// The moment this transaction's changes are recorded at.
  public let now: Timestamp

  init(db: Database, now: Timestamp) {
    self.db = db
    self.now = now
  }

  /// The cases, changed in this same transaction.
  public var cases: CaseWork { CaseWork(db: db, now: now) }

  /// Opens a ledger entry for a file; its counts are filled by ``finishIngest(_:)``.
  public func beginIngest(_ entry: LedgerEntry) throws -> Int64 {
    try db.execute(
      sql: """
        INSERT INTO ingest (file_name, path, kind, format, sha256, head_sha256, byte_count,
          rows_accepted, rows_rejected, alerts_raised, ingested_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)
        """,
      arguments: [
        entry.fileName, entry.path, entry.kind.rawValue, entry.format, entry.sha256, entry.headSHA256,
        entry.byteCount, entry.ingestedAt.millisecondsSinceEpoch,
      ])
    return db.lastInsertedRowID
  }

  /// Completes a ledger entry once the whole file has been read.
  public func finishIngest(_ entry: LedgerEntry) throws {
    try db.execute(
      sql: """
        UPDATE ingest SET sha256 = ?, byte_count = ?, rows_accepted = ?, rows_rejected = ?, alerts_raised = ?,
          first_event_at = ?, last_event_at = ? WHERE id = ?
        """,
      arguments: [
        entry.sha256, entry.byteCount, entry.rowsAccepted, entry.rowsRejected, entry.alertsRaised,
        entry.firstEventAt?.millisecondsSinceEpoch, entry.lastEventAt?.millisecondsSinceEpoch, entry.id,
      ])
  }

  /// Stores an alert unless one with the same id exists (the same finding replayed from
  /// another file). Returns whether it was new.
  @discardableResult
  public func insert(_ alert: Alert, ingest: Int64) throws -> Bool {
    try insert(alert, ingest: ingest, listSnapshot: nil)
  }

  /// Stores an alert raised by a list load's re-screen; see ``insert(_:ingest:)``.
  @discardableResult
  public func insert(_ alert: Alert, listSnapshot: Int64) throws -> Bool {
    try insert(alert, ingest: nil, listSnapshot: listSnapshot)
  }

  private func insert(_ alert: Alert, ingest: Int64?, listSnapshot: Int64?) throws -> Bool {
    let statement = try alertStatement ?? db.makeStatement(
      sql: """
        INSERT OR IGNORE INTO alert (id, rule_id, severity, customer_id, event_at, summary, explanation, ingest_id,
          list_snapshot_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    alertStatement = statement
    var row = RowBinder(statement)
    row.text(alert.id)
    row.text(alert.ruleID.rawValue)
    row.text(alert.severity.rawValue)
    row.text(alert.customerID)
    row.integer(alert.eventAt.millisecondsSinceEpoch)
    row.text(alert.summary)
    let explanation = alert.explanation.json
    row.text(explanation)
    row.integer(ingest)
    row.integer(listSnapshot)
    try row.execute(in: db)
    guard sqlite3_changes(db.sqliteConnection) > 0 else { return false }
    alertDigests.add(alert, explanationJSON: explanation, source: AlertDigests.Source(ingest: ingest, listSnapshot: listSnapshot))
    storedAlerts.append(
      StoredAlert(id: alert.id, ruleID: alert.ruleID, severity: alert.severity, customerID: alert.customerID, eventAt: alert.eventAt))
    return true
  }

  public func insert(_ rejection: Rejection, ingest: Int64) throws {
    let statement = try rejectionStatement ?? db.makeStatement(
      sql: """
        INSERT INTO rejection (ingest_id, file, line, column_name, code, message, raw)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """)
    rejectionStatement = statement
    try statement.execute(arguments: [
      ingest, rejection.file, rejection.line, rejection.column, rejection.reason.code.rawValue,
      rejection.reason.message, Data(rejection.raw),
    ])
  }

  /// Stores a customer record; a record with the same customer and `recorded_at` is replaced,
  /// as the engine replaces it.
  public func insert(_ record: CustomerRecord, ingest: Int64) throws {
    let statement = try customerStatement ?? db.makeStatement(
      sql: """
        INSERT OR REPLACE INTO customer_record (customer_id, recorded_at, person_type, full_name, aliases,
          date_of_birth, nationality, residence, client_class, regime, verification, annual_income_cents,
          net_worth_cents, pep_declared, risk_rating, wallets, mining_licence, ingest_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    customerStatement = statement
    var row = RowBinder(statement)
    row.text(record.customerID)
    row.integer(record.recordedAt.millisecondsSinceEpoch)
    row.text(record.personType.rawValue)
    row.text(record.fullName)
    row.text(record.aliases.joined(separator: ";"))
    row.text(record.dateOfBirth?.description)
    row.text(record.nationality)
    row.text(record.residence)
    row.text(record.clientClass.rawValue)
    row.text(record.regime.rawValue)
    row.text(record.verification.rawValue)
    row.integer(record.annualIncome?.cents)
    row.integer(record.netWorth?.cents)
    row.integer(record.isPEPDeclared ? 1 : 0)
    row.text(record.riskRating.rawValue)
    row.text(record.wallets.map { "\($0.chain):\($0.address)" }.joined(separator: ";"))
    row.text(record.miningLicence)
    row.integer(ingest)
    try row.execute(in: db)
  }

  /// Replaces one part of the engine state with its state after this file.
  ///
  /// The rules' part is tens of megabytes on a large customer base: bound from the caller's
  /// buffer, not copied into a `Data` first (a copy that cost 0.09 s a file).
  public func saveEngineState(part: String, _ bytes: [UInt8], format: Int, ingest: Int64) throws {
    var row = RowBinder(
      try db.cachedStatement(sql: "INSERT OR REPLACE INTO engine_state (part, ingest_id, format, state) VALUES (?, ?, ?, ?)"))
    row.text(part)
    row.integer(ingest)
    row.integer(Int64(format))
    try bytes.withUnsafeBytes { state in
      row.blob(state)
      // The cached statement must not keep pointing at the buffer once it is gone.
      defer { row.clearBindings() }
      try row.execute(in: db)
    }
  }

  /// One saved engine-state part as this transaction sees it, nil when none is saved.
  public func engineState(part: String) throws -> [UInt8]? {
    let data = try Data.fetchOne(db, sql: "SELECT state FROM engine_state WHERE part = ?", arguments: [part])
    return data.map { [UInt8]($0) }
  }

  /// The size in bytes of each saved engine-state part whose name starts with `prefix`.
  public func engineStateSizes(prefix: String) throws -> [String: Int] {
    var sizes: [String: Int] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT part, length(state) AS size FROM engine_state WHERE substr(part, 1, ?) = ?",
      arguments: [prefix.count, prefix])
    {
      sizes[row["part"]] = row["size"]
    }
    return sizes
  }

  /// Removes the engine-state parts whose names start with `prefix` (deltas a new checkpoint
  /// has folded in).
  public func deleteEngineState(partsWithPrefix prefix: String) throws {
    try db.execute(sql: "DELETE FROM engine_state WHERE substr(part, 1, ?) = ?", arguments: [prefix.count, prefix])
  }
}

/// Binds one row's values straight to a prepared statement and runs it: the SQLite C API,
/// because building GRDB's argument arrays cost more than the insert itself.
struct RowBinder {
  let handle: OpaquePointer
  var index: Int32 = 1

  init(_ statement: Statement) {
    handle = statement.sqliteStatement
    sqlite3_reset(handle)
  }

  /// SQLite copies the bytes before the call returns (`SQLITE_TRANSIENT`).
  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  mutating func text(_ value: String?) {
    if let value {
      // withCString: a non-nil pointer even for "", which SQLite binds as an empty string.
      value.withCString { text in
        _ = sqlite3_bind_text(handle, index, text, Int32(value.utf8.count), Self.transient)
      }
    } else {
      sqlite3_bind_null(handle, index)
    }
    index += 1
  }

  /// Bound without a copy (`SQLITE_STATIC`): `bytes` must stay valid until ``execute(in:)``
  /// has returned.
  mutating func blob(_ bytes: UnsafeRawBufferPointer) {
    // A non-nil pointer even for no bytes: SQLite binds a nil pointer as NULL, not as an empty blob.
    _ = sqlite3_bind_blob64(handle, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64(bytes.count), nil)
    index += 1
  }

  func clearBindings() { sqlite3_clear_bindings(handle) }

  mutating func integer(_ value: Int64?) {
    if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    index += 1
  }

  func execute(in db: Database) throws {
    let code = sqlite3_step(handle)
    guard code == SQLITE_DONE else { throw failure(code, in: db) }
    sqlite3_reset(handle)
  }

  /// Runs a query and returns its first row's first column as text, nil when it has no row or
  /// the column is NULL.
  func firstText(in db: Database) throws -> String? {
    try first(in: db) { sqlite3_column_text($0, 0).map { String(cString: $0) } } ?? nil
  }

  /// Runs a query and returns what `read` makes of its first row (given the statement's
  /// handle, for `sqlite3_column_*`), nil when it has no row.
  func first<T>(in db: Database, _ read: (OpaquePointer) -> T) throws -> T? {
    switch sqlite3_step(handle) {
    case SQLITE_ROW:
      let value = read(handle)
      sqlite3_reset(handle)
      return value
    case SQLITE_DONE:
      sqlite3_reset(handle)
      return nil
    case let code:
      throw failure(code, in: db)
    }
  }

  private func failure(_ code: Int32, in db: Database) -> DatabaseError {
    let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
    sqlite3_reset(handle)
    return DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
  }
}

/// What the escalation needs of an alert just stored.
public struct StoredAlert: Hashable, Sendable {
  public var id: String
  public var ruleID: RuleID
  public var severity: Severity
  public var customerID: String
  public var eventAt: Timestamp
}

// MARK: - Rows

extension LedgerEntry {
  init(row: Row) {
    let first: Int64? = row["first_event_at"]
    let last: Int64? = row["last_event_at"]
    self.init(
      id: row["id"], fileName: row["file_name"], path: row["path"],
      kind: Kind(rawValue: row["kind"]) ?? .transfers, format: row["format"], sha256: row["sha256"],
      headSHA256: row["head_sha256"], byteCount: row["byte_count"], rowsAccepted: row["rows_accepted"],
      rowsRejected: row["rows_rejected"], alertsRaised: row["alerts_raised"],
      firstEventAt: first.map(Timestamp.init(millisecondsSinceEpoch:)),
      lastEventAt: last.map(Timestamp.init(millisecondsSinceEpoch:)),
      ingestedAt: Timestamp(millisecondsSinceEpoch: row["ingested_at"]))
  }
}

extension Alert {
  init(row: Row) {
    self.init(
      id: row["id"], ruleID: RuleID(row["rule_id"]), severity: Severity(rawValue: row["severity"]) ?? .high,
      customerID: row["customer_id"], eventAt: Timestamp(millisecondsSinceEpoch: row["event_at"]),
      summary: row["summary"], explanation: Explanation(storedJSON: row["explanation"]))
  }
}

extension CustomerRecord {
  init(row: Row) {
    let income: Int64? = row["annual_income_cents"]
    let netWorth: Int64? = row["net_worth_cents"]
    let dob: String? = row["date_of_birth"]
    let aliases: String = row["aliases"]
    let wallets: String = row["wallets"]
    self.init(
      customerID: row["customer_id"], recordedAt: Timestamp(millisecondsSinceEpoch: row["recorded_at"]),
      personType: PersonType(rawValue: row["person_type"]) ?? .individual, fullName: row["full_name"],
      aliases: aliases.split(separator: ";").map(String.init), dateOfBirth: dob.flatMap { CivilDate(iso: $0) },
      nationality: row["nationality"], residence: row["residence"],
      clientClass: ClientClass(rawValue: row["client_class"]) ?? .retail,
      regime: Regime(rawValue: row["regime"]) ?? .aifc,
      verification: Verification(rawValue: row["verification"]) ?? .none,
      annualIncome: income.map(USD.init(cents:)), netWorth: netWorth.map(USD.init(cents:)),
      isPEPDeclared: row["pep_declared"], riskRating: RiskRating(rawValue: row["risk_rating"]) ?? .low,
      wallets: wallets.split(separator: ";").compactMap { item in
        guard let colon = item.firstIndex(of: ":") else { return nil }
        return Wallet(chain: String(item[..<colon]), address: String(item[item.index(after: colon)...]))
      },
      miningLicence: row["mining_licence"])
  }
}
