import Foundation
import GRDB
import GRDBSQLite
public import TamgaModel

/// Changes cases inside one write transaction, each with its audit event.
///
/// Got from ``CaseStore/caseWork(_:)`` for an analyst's command, or from
/// ``IngestBatch/cases`` for the escalation that runs at the end of a replayed file. SQLite
/// lets one transaction write at a time, so what a command reads here is still true when it
/// writes; a command that acts on an earlier read (`--if-version`) is checked by ``update``.
public final class CaseWork {
  let db: Database
  /// The moment every change of this transaction is recorded at.
  public let now: Timestamp
  /// The newest event once this work appended one: the escalation appends one per case, and
  /// asking the table each time cost as much as the append. Nothing else in the transaction
  /// appends while a CaseWork does (the alerts' own events come at its end).
  private var chainHead: AuditChain.Head?
  /// The statements the escalation runs for every case or alert, prepared once and bound
  /// through ``RowBinder``: GRDB's argument arrays cost more than these small statements.
  private var prepared: [Query: Statement] = [:]

  /// The actor of the changes Tamga makes by itself (grouping alerts, escalating overdue cases).
  public static let system = AuditChain.system
  /// The statuses of a case still waiting for a decision.
  static let undecided: [CaseStatus] = [.open, .pendingApproval]

  init(db: Database, now: Timestamp) {
    self.db = db
    self.now = now
  }

  // MARK: - Reading

  public func caseFile(_ id: Int64) throws -> Case? { try Self.caseFile(id, in: db) }

  /// A case as stored; shared with the store's readers.
  static func caseFile(_ id: Int64, in db: Database) throws -> Case? {
    try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM case_file WHERE id = ?"), arguments: [id]).map(Case.init(row:))
  }

  /// The customer's most recent undecided case (open or waiting for approval), if any.
  ///
  /// Asked once per customer with alerts in every replayed file, and most have no such case.
  /// One index seek per undecided status instead of one query over both: SQLite sorts the
  /// union of two index ranges in a temporary B-tree, which cost three times the seeks. The
  /// row itself is read only when there is one.
  public func undecidedCase(customerID: String) throws -> Case? {
    var newest: (lastEventAt: Int64, id: Int64)?
    for status in Self.undecided {
      var query = try binder(.newestCaseInStatus)
      query.text(customerID)
      query.text(status.rawValue)
      let found = try query.first(in: db) { (lastEventAt: sqlite3_column_int64($0, 1), id: sqlite3_column_int64($0, 0)) }
      if let found, newest.map({ found > $0 }) ?? true { newest = found }
    }
    guard let newest else { return nil }
    return try caseFile(newest.id)
  }

  /// The risk rating on the customer's latest record (`low`, `medium`, `high`), nil for a
  /// customer never replayed.
  public func riskRating(customerID: String) throws -> String? {
    var query = try binder(.riskRating)
    query.text(customerID)
    return try query.firstText(in: db)
  }

  /// The distinct rules of a case's alerts.
  public func rules(ofCase id: Int64) throws -> [RuleID] { try Self.rules(ofCase: id, in: db).map { RuleID($0) } }

  /// The distinct rule ids of a case's alerts, sorted; shared with the queue.
  static func rules(ofCase id: Int64, in db: Database) throws -> [String] {
    try String.fetchAll(
      db.cachedStatement(
        sql: "SELECT DISTINCT a.rule_id FROM case_alert c JOIN alert a ON a.id = c.alert_id WHERE c.case_id = ? ORDER BY 1"),
      arguments: [id])
  }

  /// The latest event of a case: who changed it last, and how.
  public func lastEvent(ofCase id: Int64) throws -> AuditEvent? {
    try Row.fetchOne(
      db, sql: "SELECT * FROM audit_event INDEXED BY audit_event_by_case WHERE case_id = ? ORDER BY id DESC LIMIT 1",
      arguments: [id]
    ).map(AuditChain.event)
  }

  /// Undecided cases due before `instant`, most urgent first.
  public func overdueCases(at instant: Timestamp) throws -> [Case] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM case_file WHERE status IN ('open', 'pending_approval') AND due_at < ?
        ORDER BY priority, due_at, id
        """,
      arguments: [instant.millisecondsSinceEpoch]
    ).map(Case.init(row:))
  }

  // MARK: - Writing

  /// Opens a case holding `alertIDs`; its id is assigned here. Records an `opened` event.
  @discardableResult
  public func open(_ draft: Case, alertIDs: [String], actor: String, details: Explanation) throws -> Case {
    var opened = draft
    opened.version = 1
    opened.updatedAt = now
    var row = try binder(.openCase)
    row.text(opened.customerID)
    row.text(opened.status.rawValue)
    row.integer(Int64(opened.priority.rawValue))
    row.text(opened.highestSeverity.rawValue)
    row.integer(Int64(opened.alertCount))
    row.integer(opened.openedAt.millisecondsSinceEpoch)
    row.integer(opened.dueAt.millisecondsSinceEpoch)
    row.integer(opened.firstEventAt.millisecondsSinceEpoch)
    row.integer(opened.lastEventAt.millisecondsSinceEpoch)
    row.text(opened.assignee)
    row.integer(Int64(opened.escalations))
    row.integer(opened.isFreezeRecommended ? 1 : 0)
    row.integer(Int64(opened.version))
    row.integer(now.millisecondsSinceEpoch)
    try row.execute(in: db)
    opened.id = db.lastInsertedRowID
    try link(alertIDs, to: opened.id)
    try appendEvent(actor: actor, action: "opened", caseID: opened.id, details: details, state: opened.auditState)
    return opened
  }

  /// Puts more alerts into a case; `updated` already counts them.
  @discardableResult
  public func addAlerts(_ alertIDs: [String], to updated: Case, expectedVersion: Int, details: Explanation) throws -> Case {
    try link(alertIDs, to: updated.id)
    return try update(updated, expectedVersion: expectedVersion, actor: AuditChain.system, action: "alerts-added", details: details)
  }

  /// Writes `updated` over the case if it is still at `expectedVersion`, and records the
  /// change as an event.
  ///
  /// - Throws: ``StoreError`` `.conflict` when the case moved on since it was read.
  @discardableResult
  public func update(
    _ updated: Case, expectedVersion: Int, actor: String, action: String, details: Explanation
  ) throws -> Case {
    var next = updated
    next.version = expectedVersion + 1
    next.updatedAt = now
    var row = try binder(.updateCase)
    row.text(next.status.rawValue)
    row.integer(Int64(next.priority.rawValue))
    row.text(next.highestSeverity.rawValue)
    row.integer(Int64(next.alertCount))
    row.integer(next.dueAt.millisecondsSinceEpoch)
    row.integer(next.firstEventAt.millisecondsSinceEpoch)
    row.integer(next.lastEventAt.millisecondsSinceEpoch)
    row.text(next.assignee)
    row.integer(Int64(next.escalations))
    row.integer(next.isFreezeRecommended ? 1 : 0)
    row.text(next.proposal?.disposition.rawValue)
    row.text(next.proposal?.reason)
    row.text(next.proposal?.preparedBy)
    row.text(next.proposal?.reportDecision?.rawValue)
    row.text(next.decision?.disposition.rawValue)
    row.text(next.decision?.reason)
    row.text(next.decision?.preparedBy)
    row.text(next.decision?.approvedBy)
    row.text(next.decision?.approvalReason)
    row.text(next.decision?.reportDecision?.rawValue)
    row.integer(next.decision?.closedAt.millisecondsSinceEpoch)
    row.integer(Int64(next.version))
    row.integer(now.millisecondsSinceEpoch)
    row.integer(next.id)
    row.integer(Int64(expectedVersion))
    try row.execute(in: db)
    guard db.changesCount == 1 else {
      let current = try caseFile(updated.id)
      throw StoreError(
        .conflict,
        "case \(updated.id) changed since it was read (version \(expectedVersion), now \(current?.version ?? 0)): "
          + "look at it again with `tamga case show \(updated.id)`")
    }
    try appendEvent(actor: actor, action: action, caseID: next.id, details: details, state: next.auditState)
    return next
  }

  /// Records an event that changes nothing in the case row but its version (a note).
  @discardableResult
  public func record(
    _ action: String, on current: Case, expectedVersion: Int, actor: String, details: Explanation
  ) throws -> Case {
    try update(current, expectedVersion: expectedVersion, actor: actor, action: action, details: details)
  }

  /// Stores a file as evidence on a case and records its SHA-256 in the chain.
  public func attach(
    fileName: String, content: [UInt8], to current: Case, expectedVersion: Int, actor: String
  ) throws -> (case: Case, attachmentID: Int64, sha256: String) {
    let sha256 = Digest.of(bytes: content)
    try db.execute(
      sql: """
        INSERT INTO case_attachment (case_id, file_name, sha256, byte_count, content, attached_by, attached_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [current.id, fileName, sha256, content.count, Data(content), actor, now.millisecondsSinceEpoch])
    let attachmentID = db.lastInsertedRowID
    let updated = try update(
      current, expectedVersion: expectedVersion, actor: actor, action: "attached",
      details: Explanation([
        "attachment_id": .integer(attachmentID), "file_name": .text(fileName), "bytes": .integer(Int64(content.count)),
        "sha256": .text(sha256),
      ]))
    return (updated, attachmentID, sha256)
  }

  private func link(_ alertIDs: [String], to caseID: Int64) throws {
    for alertID in alertIDs {
      var row = try binder(.link)
      row.integer(caseID)
      row.text(alertID)
      try row.execute(in: db)
    }
  }

  private func appendEvent(actor: String, action: String, caseID: Int64, details: Explanation, state: String) throws {
    chainHead = try AuditChain.append(
      db, after: chainHead, at: now, actor: actor, action: action, caseID: caseID, details: details, state: state)
  }

  /// What the escalation asks and writes per case or per alert.
  private enum Query: Hashable {
    case newestCaseInStatus, riskRating, openCase, updateCase, link

    var sql: String {
      switch self {
      case .newestCaseInStatus:
        """
        SELECT id, last_event_at FROM case_file INDEXED BY case_by_customer
        WHERE customer_id = ? AND status = ? ORDER BY last_event_at DESC, id DESC LIMIT 1
        """
      case .riskRating: "SELECT risk_rating FROM customer_record WHERE customer_id = ? ORDER BY recorded_at DESC LIMIT 1"
      case .openCase:
        """
        INSERT INTO case_file (customer_id, status, priority, highest_severity, alert_count, opened_at, due_at,
          first_event_at, last_event_at, assignee, escalations, freeze_recommended, version, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
      case .updateCase:
        """
        UPDATE case_file SET status = ?, priority = ?, highest_severity = ?, alert_count = ?, due_at = ?,
          first_event_at = ?, last_event_at = ?, assignee = ?, escalations = ?, freeze_recommended = ?,
          proposed_disposition = ?, proposed_reason = ?, proposed_by = ?, proposed_report = ?,
          disposition = ?, decision_reason = ?, prepared_by = ?, approved_by = ?, approval_reason = ?,
          report_decision = ?, closed_at = ?, version = ?, updated_at = ?
        WHERE id = ? AND version = ?
        """
      case .link: "INSERT INTO case_alert (case_id, alert_id) VALUES (?, ?)"
      }
    }
  }

  private func binder(_ query: Query) throws -> RowBinder {
    if let statement = prepared[query] { return RowBinder(statement) }
    let statement = try db.makeStatement(sql: query.sql)
    prepared[query] = statement
    return RowBinder(statement)
  }
}

extension Case {
  init(row: Row) {
    let proposed: String? = row["proposed_disposition"]
    let disposition: String? = row["disposition"]
    let closedAt: Int64? = row["closed_at"]
    let proposedReport: String? = row["proposed_report"]
    let reportDecision: String? = row["report_decision"]
    self.init(
      id: row["id"], customerID: row["customer_id"], status: CaseStatus(rawValue: row["status"]) ?? .open,
      priority: CasePriority(rawValue: row["priority"]), highestSeverity: Severity(rawValue: row["highest_severity"]) ?? .high,
      alertCount: row["alert_count"], openedAt: Timestamp(millisecondsSinceEpoch: row["opened_at"]),
      dueAt: Timestamp(millisecondsSinceEpoch: row["due_at"]),
      firstEventAt: Timestamp(millisecondsSinceEpoch: row["first_event_at"]),
      lastEventAt: Timestamp(millisecondsSinceEpoch: row["last_event_at"]), assignee: row["assignee"],
      escalations: row["escalations"], isFreezeRecommended: row["freeze_recommended"],
      proposal: proposed.flatMap(Disposition.init(rawValue:)).map {
        Case.Proposal(
          disposition: $0, reason: row["proposed_reason"] ?? "", preparedBy: row["proposed_by"] ?? "",
          reportDecision: proposedReport.flatMap(ReportDecision.init(rawValue:)))
      },
      decision: disposition.flatMap(Disposition.init(rawValue:)).map {
        Case.Decision(
          disposition: $0, reason: row["decision_reason"] ?? "", preparedBy: row["prepared_by"] ?? "",
          approvedBy: row["approved_by"], approvalReason: row["approval_reason"],
          reportDecision: reportDecision.flatMap(ReportDecision.init(rawValue:)),
          closedAt: Timestamp(millisecondsSinceEpoch: closedAt ?? 0))
      },
      version: row["version"], updatedAt: Timestamp(millisecondsSinceEpoch: row["updated_at"]))
  }
}
