import Foundation
import GRDB
public import TamgaModel

/// What `tamga audit verify` found: how much it checked, and every break, the first broken
/// link of the chain first.
public struct AuditVerification: Sendable {
  public var eventsChecked = 0
  public var casesChecked = 0
  public var alertsChecked = 0
  public var attachmentsChecked = 0
  /// Alerts stored before this store had an audit chain: nothing vouches for them.
  public var alertsBeforeChain = 0
  public var problems: [String] = []
  public var isIntact: Bool { problems.isEmpty }
}

extension CaseStore {
  /// Walks the whole audit chain and checks what it vouches for: every event's hash and link,
  /// every case row against its latest event, every alert against the digest recorded when it
  /// was stored, every attachment against its recorded SHA-256.
  ///
  /// - Complexity: one pass over the events, the cases and the alerts.
  public func verifyAuditChain() throws(StoreError) -> AuditVerification {
    try read { db in
      var result = AuditVerification()
      var chainProblems: [String] = []
      let anchor = try Row.fetchOne(db, sql: "SELECT anchor_event_id, anchor_hash FROM retention WHERE id = 1")
      var expectedID: Int64 = (anchor?["anchor_event_id"] as Int64?) ?? 0
      expectedID += 1
      var previousHash: String = anchor?["anchor_hash"] ?? AuditChain.genesisHash
      var caseStates: [Int64: (event: Int64, state: String)] = [:]
      var recorded: [AlertDigests.Source: (event: Int64, count: Int64, sha256: String)] = [:]
      var attachmentHashes: [Int64: String] = [:]
      var lastIngestBefore: Int64 = 0
      var lastSnapshotBefore: Int64 = 0
      let events = try Row.fetchCursor(db, sql: "SELECT * FROM audit_event ORDER BY id")
      while let row = try events.next() {
        let event = AuditChain.event(row)
        result.eventsChecked += 1
        let details = event.details.values
        let recomputed = AuditChain.hash(
          id: event.id, recordedAt: event.recordedAt, actor: event.actor, action: event.action, caseID: event.caseID,
          details: event.details.json, state: event.state, previousHash: event.previousHash)
        if recomputed != event.hash {
          chainProblems.append("event \(event.id) (\(event.action)) was edited: its fields no longer give its hash")
        }
        if event.id != expectedID {
          chainProblems.append(
            expectedID == event.id - 1
              ? "event \(expectedID) is missing: removed by hand before event \(event.id)"
              : "events \(expectedID) to \(event.id - 1) are missing: removed by hand before event \(event.id)")
        } else if event.previousHash != previousHash {
          chainProblems.append("event \(event.id) does not link to event \(event.id - 1): the chain was rewritten there")
        }
        expectedID = event.id + 1
        previousHash = event.hash
        if let caseID = event.caseID, let state = event.state { caseStates[caseID] = (event.id, state) }
        switch event.action {
        case "chain-started":
          lastIngestBefore = Self.integer(details["last_ingest_before"]) ?? 0
          lastSnapshotBefore = Self.integer(details["last_list_snapshot_before"]) ?? 0
        case "alerts-recorded":
          let source = AlertDigests.Source(kind: details["source"] as? String ?? "?", id: Self.integer(details["source_id"]) ?? 0)
          recorded[source] = (event.id, Self.integer(details["alerts"]) ?? 0, details["sha256"] as? String ?? "")
        case "attached":
          if let id = Self.integer(details["attachment_id"]) { attachmentHashes[id] = details["sha256"] as? String ?? "" }
        default: break
        }
      }
      result.problems += chainProblems

      // Case rows against the state their latest event recorded.
      let linked = try Row.fetchAll(db, sql: "SELECT case_id, count(*) AS n FROM case_alert GROUP BY case_id")
      var linkedCounts: [Int64: Int] = [:]
      for row in linked { linkedCounts[row["case_id"]] = row["n"] }
      var seenCases: Set<Int64> = []
      let cases = try Row.fetchCursor(db, sql: "SELECT * FROM case_file ORDER BY id")
      while let row = try cases.next() {
        let caseFile = Case(row: row)
        result.casesChecked += 1
        seenCases.insert(caseFile.id)
        guard let latest = caseStates[caseFile.id] else {
          result.problems.append("case \(caseFile.id) has no event in the chain: it was inserted by hand")
          continue
        }
        if latest.state != caseFile.auditState {
          result.problems.append(
            "case \(caseFile.id) does not match its latest event \(latest.event): the case row was edited, or later events removed")
        } else if (linkedCounts[caseFile.id] ?? 0) != caseFile.alertCount {
          result.problems.append(
            "case \(caseFile.id) holds \(linkedCounts[caseFile.id] ?? 0) alerts, its events say \(caseFile.alertCount)")
        }
      }
      for caseID in caseStates.keys.sorted() where !seenCases.contains(caseID) {
        result.problems.append("case \(caseID) is missing: removed by hand (its last event is \(caseStates[caseID]?.event ?? 0))")
      }

      // Alerts against the digest recorded when their file or list load stored them.
      var digests: [AlertDigests.Source: (count: Int64, digest: Digest)] = [:]
      var order: [AlertDigests.Source] = []
      let alerts = try Row.fetchCursor(
        db, sql: "SELECT id, rule_id, severity, customer_id, event_at, summary, explanation, ingest_id, list_snapshot_id FROM alert ORDER BY rowid")
      while let row = try alerts.next() {
        let key = AlertDigests.Source(ingest: row["ingest_id"], listSnapshot: row["list_snapshot_id"])
        var entry = digests[key] ?? {
          order.append(key)
          return (0, Digest())
        }()
        let explanation: String = row["explanation"]
        AlertDigests.feed(entry.digest, Alert(row: row), explanationJSON: explanation)
        entry.count += 1
        digests[key] = entry
        result.alertsChecked += 1
      }
      for key in order {
        guard let entry = digests[key] else { continue }
        guard let expected = recorded.removeValue(forKey: key) else {
          if key.id <= (key.kind == AlertDigests.Source.ingest ? lastIngestBefore : lastSnapshotBefore) {
            result.alertsBeforeChain += Int(entry.count)
          } else {
            result.problems.append("the \(entry.count) alerts of \(key) are in no event: inserted by hand")
          }
          continue
        }
        let sha256 = entry.digest.hex()
        if entry.count != expected.count || sha256 != expected.sha256 {
          result.problems.append(
            "the alerts of \(key) do not match event \(expected.event): \(entry.count) stored, \(expected.count) recorded"
              + (entry.count == expected.count ? ", one or more edited" : ""))
        }
      }
      for (key, expected) in recorded.sorted(by: { $0.value.event < $1.value.event }) where expected.count > 0 {
        result.problems.append("the \(expected.count) alerts of \(key) recorded by event \(expected.event) are all missing")
      }

      // Attachments against the SHA-256 the chain recorded.
      let attachments = try Row.fetchCursor(db, sql: "SELECT id, case_id, sha256, content FROM case_attachment ORDER BY id")
      while let row = try attachments.next() {
        result.attachmentsChecked += 1
        let id: Int64 = row["id"]
        let content: Data = row["content"]
        let sha256 = Digest.of(bytes: [UInt8](content))
        if attachmentHashes[id] != sha256 {
          result.problems.append("attachment \(id) of case \(row["case_id"] as Int64) does not match the SHA-256 its event recorded")
        }
      }
      return result
    }
  }

  private static func integer(_ value: Any?) -> Int64? {
    (value as? NSNumber)?.int64Value
  }
}

extension Explanation {
  /// The values by key, read from the JSON (an explanation read back from the store keeps
  /// only its text): strings, NSNumbers, arrays and dictionaries as Foundation decodes them.
  public var values: [String: Any] {
    (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
  }
}
