import Foundation
import GRDB
public import TamgaModel

/// What `tamga queue` asks for.
public struct CaseQuery: Sendable {
  /// Default: undecided work (open and waiting for approval).
  public var statuses: Set<CaseStatus> = [.open, .pendingApproval]
  public var assignee: String?
  public var isUnassignedOnly = false
  public var customerID: String?
  /// Only this priority or more urgent.
  public var maximumPriority: CasePriority?
  /// Only cases due before this moment (overdue work).
  public var dueBefore: Timestamp?
  /// At most this many; nil for all.
  public var limit: Int? = 100
  public init() {}
}

/// A line of the queue: a case and the rules of its alerts.
public struct QueueEntry: Hashable, Sendable {
  public var caseFile: Case
  /// The distinct rules of its alerts, sorted.
  public var rules: [String]
}

/// Everything `tamga case show` and a report draft need of one case.
public struct CaseDossier: Sendable {
  public var caseFile: Case
  /// The customer's records, oldest first: who they are and what they declared.
  public var customerRecords: [CustomerRecord]
  /// The case's alerts, in event order, each with its explanation.
  public var alerts: [Alert]
  /// Where each alert came from, by alert id: the ledger entry of the file that raised it, or
  /// the list snapshot whose load re-screened the customer.
  public var alertSources: [String: AlertSource]
  /// The list entries the alerts name (by the fingerprint they matched), as the list held them.
  public var listEntries: [StoredListEntry]
  /// The case's history, oldest first.
  public var history: [AuditEvent]
  public var attachments: [Attachment]

  public enum AlertSource: Hashable, Sendable {
    case file(LedgerEntry)
    case listSnapshot(ListSnapshotRecord)
  }

  public struct Attachment: Hashable, Sendable {
    public var id: Int64
    public var fileName: String
    public var sha256: String
    public var byteCount: Int64
    public var attachedBy: String
    public var attachedAt: Timestamp
  }
}

extension CaseStore {
  public func queue(_ query: CaseQuery = CaseQuery()) throws(StoreError) -> [QueueEntry] {
    var clauses: [String] = []
    var arguments: [any DatabaseValueConvertible] = []
    let statuses = CaseStatus.allCases.filter { query.statuses.contains($0) }.map { "'\($0.rawValue)'" }
    clauses.append("status IN (\(statuses.joined(separator: ",")))")
    if let assignee = query.assignee {
      clauses.append("assignee = ?")
      arguments.append(assignee)
    }
    if query.isUnassignedOnly { clauses.append("assignee IS NULL") }
    if let customer = query.customerID {
      clauses.append("customer_id = ?")
      arguments.append(customer)
    }
    if let priority = query.maximumPriority {
      clauses.append("priority <= ?")
      arguments.append(priority.rawValue)
    }
    if let due = query.dueBefore {
      clauses.append("due_at < ?")
      arguments.append(due.millisecondsSinceEpoch)
    }
    var sql = "SELECT * FROM case_file WHERE " + clauses.joined(separator: " AND ") + " ORDER BY priority, due_at, id"
    if let limit = query.limit { sql += " LIMIT \(limit)" }
    return try read { db in
      let cases = try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map(Case.init(row:))
      return try cases.map { QueueEntry(caseFile: $0, rules: try CaseWork.rules(ofCase: $0.id, in: db)) }
    }
  }

  public func caseFile(_ id: Int64) throws(StoreError) -> Case? {
    try read { db in try CaseWork.caseFile(id, in: db) }
  }

  public func caseCount() throws(StoreError) -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM case_file") ?? 0 }
  }

  /// A case with its customer, alerts, history and attachments; nil when there is no such case.
  public func dossier(_ id: Int64) throws(StoreError) -> CaseDossier? {
    try read { db in
      guard let caseFile = try CaseWork.caseFile(id, in: db) else { return nil }
      let rows = try Row.fetchAll(
        db,
        sql: "SELECT a.* FROM case_alert c JOIN alert a ON a.id = c.alert_id WHERE c.case_id = ? ORDER BY a.event_at, a.id",
        arguments: [id])
      let alerts = rows.map(Alert.init(row:))
      var alertSources: [String: CaseDossier.AlertSource] = [:]
      var files: [Int64: LedgerEntry] = [:]
      var snapshots: [Int64: ListSnapshotRecord] = [:]
      for row in rows {
        if let ingest: Int64 = row["ingest_id"] {
          if files[ingest] == nil {
            files[ingest] = try Row.fetchOne(db, sql: "SELECT * FROM ingest WHERE id = ?", arguments: [ingest]).map(LedgerEntry.init(row:))
          }
          if let entry = files[ingest] { alertSources[row["id"]] = .file(entry) }
        } else if let snapshot: Int64 = row["list_snapshot_id"] {
          if snapshots[snapshot] == nil {
            snapshots[snapshot] = try Row.fetchOne(db, sql: "SELECT * FROM list_snapshot WHERE id = ?", arguments: [snapshot])
              .map(ListSnapshotRecord.init(row:))
          }
          if let record = snapshots[snapshot] { alertSources[row["id"]] = .listSnapshot(record) }
        }
      }
      var listEntries: [StoredListEntry] = []
      var seen: Set<String> = []
      for alert in alerts {
        let values = alert.explanation.values
        guard let fingerprint = values["entry_fingerprint"] as? String, seen.insert(fingerprint).inserted,
          let list = values["list"] as? String, let entryID = values["entry_id"] as? String,
          let body = try String.fetchOne(
            db, sql: "SELECT body FROM list_entry_content WHERE fingerprint = ?", arguments: [fingerprint])
        else { continue }
        listEntries.append(StoredListEntry(list: list, entryID: entryID, fingerprint: fingerprint, body: body))
      }
      let history = try Row.fetchAll(
        db, sql: "SELECT * FROM audit_event INDEXED BY audit_event_by_case WHERE case_id = ? ORDER BY id", arguments: [id]
      ).map(AuditChain.event)
      let attachments = try Row.fetchAll(
        db,
        sql: """
          SELECT id, file_name, sha256, byte_count, attached_by, attached_at FROM case_attachment
          WHERE case_id = ? ORDER BY id
          """,
        arguments: [id]
      ).map { row in
        CaseDossier.Attachment(
          id: row["id"], fileName: row["file_name"], sha256: row["sha256"], byteCount: row["byte_count"],
          attachedBy: row["attached_by"], attachedAt: Timestamp(millisecondsSinceEpoch: row["attached_at"]))
      }
      return CaseDossier(
        caseFile: caseFile, customerRecords: try CustomerRecord.fetchAll(db, customerID: caseFile.customerID),
        alerts: alerts, alertSources: alertSources, listEntries: listEntries, history: history, attachments: attachments)
    }
  }

  /// An attachment's bytes, as stored.
  public func attachmentContent(_ id: Int64) throws(StoreError) -> [UInt8]? {
    try read { db in try Data.fetchOne(db, sql: "SELECT content FROM case_attachment WHERE id = ?", arguments: [id]).map { [UInt8]($0) } }
  }

  /// The audit events from `since` on, oldest first.
  public func auditEvents(since: Timestamp? = nil, until: Timestamp? = nil) throws(StoreError) -> [AuditEvent] {
    try read { db in
      try Row.fetchAll(
        db, sql: "SELECT * FROM audit_event WHERE recorded_at >= ? AND recorded_at < ? ORDER BY id",
        arguments: [since?.millisecondsSinceEpoch ?? Int64.min, until?.millisecondsSinceEpoch ?? Int64.max]
      ).map(AuditChain.event)
    }
  }
}
