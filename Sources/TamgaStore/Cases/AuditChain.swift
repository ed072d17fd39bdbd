import Foundation
import GRDB
public import TamgaModel

/// One link of the audit chain: a change to a case, or the alerts a file or list load stored.
public struct AuditEvent: Hashable, Sendable {
  public var id: Int64
  public var recordedAt: Timestamp
  /// The user, or `tamga` for what a replay or a sweep did by itself.
  public var actor: String
  /// What happened: `opened`, `alerts-added`, `claimed`, `noted`, `closed`, `alerts-recorded`, …
  public var action: String
  public var caseID: Int64?
  /// The values of the change (a note's text, a disposition and its reason, a digest).
  public var details: Explanation
  /// The case's audited fields after the change (``Case/auditState``).
  public var state: String?
  public var previousHash: String
  public var hash: String
}

/// The append-only, hash-linked log of every change to an alert or a case.
///
/// Each event's hash is SHA-256 over its own fields and the previous event's hash, so an event
/// edited by hand no longer matches its hash, and one removed breaks the next event's link. What
/// the rows of other tables hold is vouched for through the events: a case row must match the
/// state its latest event recorded, and the alerts a transaction stored must give the digest its
/// `alerts-recorded` event holds. Deleting the newest events shows the same way: the case rows
/// and alerts they vouched for no longer match what the chain says.
enum AuditChain {
  /// The link before the first event of a store.
  static let genesisHash = String(repeating: "0", count: 64)
  /// The actor of what Tamga does by itself.
  static let system = "tamga"

  static func hash(
    id: Int64, recordedAt: Timestamp, actor: String, action: String, caseID: Int64?, details: String, state: String?,
    previousHash: String
  ) -> String {
    Digest.of([
      String(id), String(recordedAt.millisecondsSinceEpoch), actor, action, caseID.map(String.init) ?? "", details,
      state ?? "\u{0}", previousHash,
    ])
  }

  /// The newest event of the chain: what the next one links to.
  typealias Head = (id: Int64, hash: String)

  /// Appends an event after the newest one, `head` when the caller knows it. Runs inside the
  /// caller's write transaction, which SQLite holds alone, so two writers never link to the
  /// same predecessor. Returns the new head.
  @discardableResult
  static func append(
    _ db: Database, after head: Head? = nil, at time: Timestamp, actor: String, action: String, caseID: Int64?,
    details: Explanation, state: String?
  ) throws -> Head {
    let (previousID, previousHash) = try head ?? newest(db)
    let id = previousID + 1
    let json = details.json
    let hash = hash(
      id: id, recordedAt: time, actor: actor, action: action, caseID: caseID, details: json, state: state,
      previousHash: previousHash)
    var row = RowBinder(
      try db.cachedStatement(
        sql: """
          INSERT INTO audit_event (id, recorded_at, actor, action, case_id, details, state, previous_hash, hash)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          """))
    row.integer(id)
    row.integer(time.millisecondsSinceEpoch)
    row.text(actor)
    row.text(action)
    row.integer(caseID)
    row.text(json)
    row.text(state)
    row.text(previousHash)
    row.text(hash)
    try row.execute(in: db)
    return (id, hash)
  }

  /// The newest event's id and hash, or the anchor a purge left (the genesis for a new chain).
  static func newest(_ db: Database) throws -> Head {
    if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1")) {
      return (row["id"], row["hash"])
    }
    let anchor = try Row.fetchOne(db, sql: "SELECT anchor_event_id, anchor_hash FROM retention WHERE id = 1")
    return (anchor?["anchor_event_id"] ?? 0, anchor?["anchor_hash"] ?? genesisHash)
  }

  /// The first event: where the chain begins, and which alerts it cannot vouch for because they
  /// were stored before (by a version of Tamga without the chain).
  static func recordChainStart(_ db: Database, at time: Timestamp) throws {
    let alerts = try Int64.fetchOne(db, sql: "SELECT count(*) FROM alert") ?? 0
    let lastIngest = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM ingest") ?? 0
    let lastSnapshot = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM list_snapshot") ?? 0
    try append(
      db, at: time, actor: system, action: "chain-started", caseID: nil,
      details: Explanation([
        "alerts_before": .integer(alerts), "last_ingest_before": .integer(lastIngest),
        "last_list_snapshot_before": .integer(lastSnapshot),
      ]),
      state: nil)
  }

  static func event(_ row: Row) -> AuditEvent {
    AuditEvent(
      id: row["id"], recordedAt: Timestamp(millisecondsSinceEpoch: row["recorded_at"]), actor: row["actor"],
      action: row["action"], caseID: row["case_id"], details: Explanation(storedJSON: row["details"]),
      state: row["state"], previousHash: row["previous_hash"], hash: row["hash"])
  }
}

/// The running digests of the alerts one transaction stores, by where they came from.
final class AlertDigests {
  /// Where alerts came from: a replayed file (`ingest`) or a list load (`list_snapshot`).
  struct Source: Hashable, Comparable, CustomStringConvertible {
    static let ingest = "ingest"
    static let listSnapshot = "list_snapshot"
    /// `ingest` or `list_snapshot`, as the `alerts-recorded` event names it.
    var kind: String
    var id: Int64

    init(kind: String, id: Int64) {
      self.kind = kind
      self.id = id
    }

    /// The source of an alert row: its file, else the list load that raised it.
    init(ingest: Int64?, listSnapshot: Int64?) {
      self = ingest.map { Source(kind: Self.ingest, id: $0) } ?? Source(kind: Self.listSnapshot, id: listSnapshot ?? 0)
    }

    var description: String { "\(kind == Self.ingest ? "ingest" : "list snapshot") \(id)" }
    static func < (lhs: Source, rhs: Source) -> Bool { (lhs.kind, lhs.id) < (rhs.kind, rhs.id) }
  }

  private(set) var digests: [Source: (count: Int64, digest: Digest)] = [:]

  func add(_ alert: Alert, explanationJSON: String, source: Source) {
    var entry = digests[source] ?? (0, Digest())
    Self.feed(entry.digest, alert, explanationJSON: explanationJSON)
    entry.count += 1
    digests[source] = entry
  }

  /// The fields of an alert that the chain vouches for, in a fixed order.
  static func feed(_ digest: Digest, _ alert: Alert, explanationJSON: String) {
    for field in [
      alert.id, alert.ruleID.rawValue, alert.severity.rawValue, alert.customerID,
      String(alert.eventAt.millisecondsSinceEpoch), alert.summary, explanationJSON,
    ] {
      digest.update(field)
      digest.separate()
    }
  }

  /// One `alerts-recorded` event per source, in source order.
  func record(_ db: Database, at time: Timestamp) throws {
    for source in digests.keys.sorted() {
      guard let entry = digests[source] else { continue }
      try AuditChain.append(
        db, at: time, actor: AuditChain.system, action: "alerts-recorded", caseID: nil,
        details: Explanation([
          "source": .text(source.kind), "source_id": .integer(source.id), "alerts": .integer(entry.count),
          "sha256": .text(entry.digest.hex()),
        ]),
        state: nil)
    }
    digests = [:]
  }
}
