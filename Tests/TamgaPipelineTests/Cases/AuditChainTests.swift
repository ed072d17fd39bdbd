import Foundation
import GRDB
import Testing
import TamgaModel
import TamgaStore
import TamgaTestSupport
@testable import TamgaPipeline

/// The audit chain catches what was changed by hand, and the store keeps records for the
/// retention period.
@Suite struct AuditChainTests {
  /// Two files' alerts, a case worked to closure with a note and an attachment.
  func workedStore() throws -> (CaseFixture, Int64) {
    let fixture = try CaseFixture()
    try fixture.replay([
      CaseFixture.alert("A1", at: "2026-03-01T10:00:00Z", severity: .high),
      CaseFixture.alert("B1", customer: "C2", at: "2026-03-01T11:00:00Z"),
    ])
    try fixture.replay([CaseFixture.alert("A2", at: "2026-03-02T10:00:00Z")])
    let id = try #require(try fixture.store.queue(CaseQuery()).first { $0.caseFile.customerID == "C1" }).caseFile.id
    _ = try fixture.desk("alice").claim(id)
    _ = try fixture.desk("alice").note(id, text: "asked for the source of funds")
    _ = try fixture.desk("alice").attach(id, fileName: "invoice.pdf", content: Array("%PDF-1.7".utf8))
    _ = try fixture.desk("alice").close(id, disposition: .noFurtherAction, reason: "invoice matches")
    _ = try fixture.desk("bob").approve(id)
    return (fixture, id)
  }

  /// A connection as the `sqlite3` shell opens one: foreign keys not enforced.
  static func shell(_ fixture: CaseFixture) throws -> DatabaseQueue {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = false
    return try DatabaseQueue(path: fixture.folder.file("cases.db"), configuration: configuration)
  }

  /// Runs SQL on the store's file as someone with a SQLite shell would, triggers dropped first.
  func byHand(_ fixture: CaseFixture, _ sql: String) throws {
    let queue = try Self.shell(fixture)
    try queue.writeWithoutTransaction { db in
      try db.execute(
        sql: """
          DROP TRIGGER IF EXISTS audit_event_append_only; DROP TRIGGER IF EXISTS audit_event_kept;
          DROP TRIGGER IF EXISTS alert_kept; DROP TRIGGER IF EXISTS case_file_kept;
          """)
      try db.execute(sql: sql)
    }
  }

  @Test func anUntouchedStoreVerifies() throws {
    let (fixture, _) = try workedStore()
    let result = try fixture.store.verifyAuditChain()
    #expect(result.problems == [])
    #expect(result.casesChecked == 2 && result.alertsChecked == 3 && result.attachmentsChecked == 1)
    // chain-started, 2 files × (cases + alerts-recorded), then six actions on the case.
    #expect(result.eventsChecked == 1 + 3 + 2 + 5)
  }

  @Test func anEditedEventIsNamed() throws {
    let (fixture, _) = try workedStore()
    let noted = try #require(try fixture.store.auditEvents().first { $0.action == "noted" })
    try byHand(fixture, "UPDATE audit_event SET details = '{\"note\":\"nothing to see\"}' WHERE id = \(noted.id)")
    let problems = try fixture.store.verifyAuditChain().problems
    #expect(problems.first == "event \(noted.id) (noted) was edited: its fields no longer give its hash")
  }

  @Test func aDeletedEventIsNamed() throws {
    let (fixture, _) = try workedStore()
    let proposed = try #require(try fixture.store.auditEvents().first { $0.action == "proposed" })
    try byHand(fixture, "DELETE FROM audit_event WHERE id = \(proposed.id)")
    #expect(
      try fixture.store.verifyAuditChain().problems.first
        == "event \(proposed.id) is missing: removed by hand before event \(proposed.id + 1)")
  }

  @Test func aRewrittenTailIsNamedByTheRowsItNoLongerVouchesFor() throws {
    let (fixture, id) = try workedStore()
    // Removing the newest event leaves a consistent chain, but the case row says more.
    try byHand(fixture, "DELETE FROM audit_event WHERE id = (SELECT max(id) FROM audit_event)")
    #expect(try fixture.store.verifyAuditChain().problems.first?.hasPrefix("case \(id) does not match its latest event") == true)
  }

  @Test func anEditedCaseRowIsNamed() throws {
    let (fixture, id) = try workedStore()
    try byHand(fixture, "UPDATE case_file SET disposition = 'false_positive' , decision_reason = 'x' WHERE id = \(id)")
    // The decision's disposition is among the audited fields.
    #expect(try fixture.store.verifyAuditChain().problems.first?.hasPrefix("case \(id) does not match its latest event") == true)
  }

  @Test func anEditedOrDeletedAlertIsNamed() throws {
    let (fixture, _) = try workedStore()
    let recorded = try fixture.store.auditEvents().filter { $0.action == "alerts-recorded" }.map(\.id)
    try byHand(fixture, "UPDATE alert SET severity = 'low' WHERE id = 'B1'")
    let edited = try fixture.store.verifyAuditChain().problems
    #expect(edited == ["the alerts of ingest 1 do not match event \(recorded[0]): 2 stored, 2 recorded, one or more edited"])

    let (other, _) = try workedStore()
    try byHand(other, "DELETE FROM alert WHERE id = 'A2'")
    let deleted = try other.store.verifyAuditChain().problems
    #expect(deleted == ["the 1 alerts of ingest 2 recorded by event \(recorded[1]) are all missing"])
  }

  @Test func aTamperedAttachmentOrRemovedCaseIsNamed() throws {
    let (fixture, id) = try workedStore()
    try byHand(fixture, "UPDATE case_attachment SET content = x'00'")
    #expect(try fixture.store.verifyAuditChain().problems == ["attachment 1 of case \(id) does not match the SHA-256 its event recorded"])
    try byHand(fixture, "DELETE FROM case_attachment; DELETE FROM case_alert WHERE case_id = \(id); DELETE FROM case_file WHERE id = \(id)")
    #expect(try fixture.store.verifyAuditChain().problems.contains { $0.hasPrefix("case \(id) is missing: removed by hand") })
  }

  /// The store itself refuses to change or remove records within the retention period.
  @Test func recordsCannotBeRemovedOrEventsChangedWithinRetention() throws {
    let (fixture, id) = try workedStore()
    let queue = try Self.shell(fixture)
    for sql in [
      "DELETE FROM audit_event WHERE id = 2", "UPDATE audit_event SET actor = 'x' WHERE id = 2",
      "DELETE FROM alert WHERE id = 'A1'", "DELETE FROM case_file WHERE id = \(id)",
    ] {
      #expect(throws: DatabaseError.self, "\(sql)") { try queue.write { db in try db.execute(sql: sql) } }
    }
    #expect(try fixture.store.verifyAuditChain().isIntact)
  }
}

/// Several processes on one store: analysts at once, and a replay writing while they work.
@Suite struct ConcurrentCaseWorkTests {
  @Test func twoAnalystsClaimingAtOnceGetOneCaseAndOneClearRefusal() async throws {
    let fixture = try CaseFixture()
    try fixture.replay([CaseFixture.alert("A1", at: "2026-03-01T10:00:00Z")])
    let id = try fixture.only().id
    let path = fixture.folder.file("cases.db")
    let configuration = fixture.configuration
    // Each analyst on a connection of their own, as two `tamga case claim` processes would be.
    let results = await withTaskGroup(of: String.self) { group in
      for user in ["alice", "bob"] {
        group.addTask {
          do {
            let store = try CaseStore(path: path)
            _ = try CaseDesk(store: store, configuration: configuration, user: user).claim(id)
            return "claimed by \(user)"
          } catch {
            return "\(error)"
          }
        }
      }
      var all: [String] = []
      for await result in group { all.append(result) }
      return all.sorted()
    }
    let claimed = results.filter { $0.hasPrefix("claimed by") }
    #expect(claimed.count == 1)
    let winner = try #require(try fixture.store.caseFile(id)?.assignee)
    #expect(claimed == ["claimed by \(winner)"])
    #expect(results.contains { $0 == "case \(id) is assigned to \(winner); an MLRO can reassign it with `tamga case assign`" })
  }

  @Test func aReplayWritingWhileAnalystsWorkLosesNothing() async throws {
    let fixture = try CaseFixture()
    try fixture.replay([CaseFixture.alert("A0", at: "2026-03-01T10:00:00Z")])
    let id = try fixture.only().id
    let path = fixture.folder.file("cases.db")
    let configuration = fixture.configuration
    let files = 20
    let notes = 40
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask {
        for file in 0..<files {
          try fixture.replay((0..<50).map { CaseFixture.alert("F\(file)-\($0)", customer: "C\($0 % 7)", at: "2026-03-01T12:00:00Z") })
        }
      }
      group.addTask {
        let desk = try CaseDesk(store: try CaseStore(path: path), configuration: configuration, user: "alice")
        for note in 0..<notes { _ = try desk.note(id, text: "note \(note)") }
      }
      try await group.waitForAll()
    }
    #expect(try fixture.store.alerts().count == 1 + files * 50)
    #expect(try fixture.store.dossier(id)?.history.filter { $0.action == "noted" }.count == notes)
    let verified = try fixture.store.verifyAuditChain()
    #expect(verified.problems == [])
    #expect(verified.alertsChecked == 1 + files * 50)
  }
}
