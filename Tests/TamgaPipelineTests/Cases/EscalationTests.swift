import Foundation
import Testing
import TamgaModel
import TamgaStore
import TamgaTestSupport
@testable import TamgaPipeline

@Suite struct EscalationTests {
  @Test func alertsOfOneCustomerWithinTheWindowShareOneCase() throws {
    let fixture = try CaseFixture()
    let first = try fixture.replay([CaseFixture.alert("A1", at: "2026-03-01T10:00:00Z")])
    #expect(first.casesOpened == 1)
    let second = try fixture.replay([
      CaseFixture.alert("A2", at: "2026-03-06T10:00:00Z"), CaseFixture.alert("A3", at: "2026-03-02T10:00:00Z"),
    ])
    #expect(second.casesOpened == 0 && second.casesGrown == 1)
    let grouped = try fixture.only()
    #expect(grouped.alertCount == 3)
    #expect(grouped.firstEventAt == time("2026-03-01T10:00:00Z") && grouped.lastEventAt == time("2026-03-06T10:00:00Z"))
    #expect(try fixture.history(grouped.id) == ["opened", "alerts-added"])
    #expect(try fixture.store.dossier(grouped.id)?.alerts.map(\.id) == ["A1", "A3", "A2"])
  }

  @Test func anAlertBeyondTheWindowOpensANewCase() throws {
    let fixture = try CaseFixture()
    // A week (168 hours) after the case's latest alert, and a minute more.
    let outcome = try fixture.replay([
      CaseFixture.alert("A1", at: "2026-03-01T10:00:00Z"), CaseFixture.alert("A2", at: "2026-03-08T10:01:00Z"),
      CaseFixture.alert("B1", customer: "C2", at: "2026-03-01T10:00:00Z"),
    ])
    #expect(outcome.casesOpened == 3)
    #expect(try fixture.store.queue(CaseQuery()).map { $0.caseFile.alertCount } == [1, 1, 1])
  }

  /// Opened Monday 09:00 Almaty: medium is due at the end of the fifth business day (Monday
  /// the 9th), high at the end of Wednesday, and a high-risk customer's high alert a day sooner.
  @Test func priorityAndDueTimeFollowSeverityAndTheCustomersRisk() throws {
    let fixture = try CaseFixture()
    try fixture.replay(
      [
        CaseFixture.alert("M", customer: "C-MED", at: "2026-03-01T10:00:00Z", severity: .medium),
        CaseFixture.alert("H", customer: "C-HIGH", at: "2026-03-01T10:00:00Z", severity: .high),
        CaseFixture.alert("R", customer: "C-RISKY", at: "2026-03-01T10:00:00Z", severity: .high),
      ],
      customers: [CustomerRecord(customerID: "C-RISKY", recordedAt: time("2026-01-01T00:00:00Z"), riskRating: .high)])
    let cases = Dictionary(uniqueKeysWithValues: try fixture.store.queue(CaseQuery()).map { ($0.caseFile.customerID, $0.caseFile) })
    #expect(cases["C-MED"]?.priority.rawValue == 3)
    #expect(cases["C-MED"]?.dueAt == time("2026-03-09T19:00:00Z"))
    #expect(cases["C-HIGH"]?.priority.rawValue == 2)
    #expect(cases["C-HIGH"]?.dueAt == time("2026-03-04T19:00:00Z"))
    #expect(cases["C-RISKY"]?.priority.rawValue == 1)
    #expect(cases["C-RISKY"]?.dueAt == time("2026-03-03T19:00:00Z"))
    #expect(cases.values.allSatisfy { !$0.isFreezeRecommended })
  }

  @Test func holidaysAndWeekendsAreNotBusinessDays() throws {
    var fixture = try CaseFixture(at: "2026-03-06T04:00:00Z")  // a Friday
    fixture.configuration.escalation.holidays = [CivilDate(iso: "2026-03-09")!]
    try fixture.replay([CaseFixture.alert("H", at: "2026-03-05T10:00:00Z", severity: .high)])
    // Monday the 9th is a holiday: Tuesday and Wednesday are the two business days.
    #expect(try fixture.only().dueAt == time("2026-03-11T19:00:00Z"))
  }

  @Test func aSevereSanctionsHitIsDueAtOnceWithAFreezeRecommendation() throws {
    let fixture = try CaseFixture()
    try fixture.replay([
      CaseFixture.alert("S", at: "2026-03-01T10:00:00Z", rule: "screening.sanctions.name-match", severity: .severe)
    ])
    let immediate = try fixture.only()
    #expect(immediate.priority.rawValue == 1)
    #expect(immediate.dueAt == fixture.clock.now)
    #expect(immediate.isFreezeRecommended)
    let opened = try #require(try fixture.store.dossier(immediate.id)?.history.first)
    #expect(opened.details.json.contains(#""immediate_rule":"screening.sanctions.name-match""#))
  }

  @Test func aMoreUrgentAlertRaisesTheCaseButALesserOneNeverLowersIt() throws {
    let fixture = try CaseFixture()
    try fixture.replay([CaseFixture.alert("M", at: "2026-03-01T10:00:00Z", severity: .medium)])
    try fixture.replay([CaseFixture.alert("H", at: "2026-03-01T11:00:00Z", severity: .high)])
    #expect(try fixture.only().priority.rawValue == 2)
    #expect(try fixture.only().dueAt == time("2026-03-04T19:00:00Z"))
    try fixture.replay([CaseFixture.alert("L", at: "2026-03-01T12:00:00Z", severity: .low)])
    #expect(try fixture.only().priority.rawValue == 2)
    #expect(try fixture.only().highestSeverity == .high)
  }

  @Test func overdueCasesEscalateOnceAtTheSweepAndAreDueAgain() throws {
    let fixture = try CaseFixture()
    try fixture.replay([CaseFixture.alert("M", at: "2026-03-01T10:00:00Z", severity: .medium)])
    let replayer = try Replayer(store: fixture.store, configuration: fixture.configuration)
    #expect(try replayer.sweepOverdueCases().casesEscalated == 0)
    fixture.clock.set("2026-03-10T04:00:00Z")  // Tuesday, past Monday's end
    #expect(try replayer.sweepOverdueCases().casesEscalated == 1)
    let escalated = try fixture.only()
    #expect(escalated.escalations == 1 && escalated.priority.rawValue == 2)
    #expect(escalated.dueAt == time("2026-03-12T19:00:00Z"))
    #expect(try replayer.sweepOverdueCases().casesEscalated == 0)
    #expect(try fixture.history(escalated.id) == ["opened", "escalated-overdue"])
    #expect(try fixture.store.queue({ var query = CaseQuery(); query.dueBefore = fixture.clock.now; return query }()).isEmpty)
  }

  @Test func newAlertsWithdrawAProposalWaitingForApproval() throws {
    let fixture = try CaseFixture()
    try fixture.replay([CaseFixture.alert("H", at: "2026-03-01T10:00:00Z", severity: .high)])
    let id = try fixture.only().id
    _ = try fixture.desk("alice").claim(id)
    #expect(try fixture.desk("alice").close(id, disposition: .noFurtherAction, reason: "salary").status == .pendingApproval)
    let outcome = try fixture.replay([CaseFixture.alert("H2", at: "2026-03-02T10:00:00Z", severity: .high)])
    #expect(outcome.proposalsWithdrawn == 1)
    let reopened = try fixture.only()
    #expect(reopened.status == .open && reopened.proposal == nil && reopened.alertCount == 2)
    #expect(throws: CaseWorkError.self) { try fixture.desk("bob").approve(id) }
  }

  /// A customer can hold an open case and one waiting for approval at once (alerts a window
  /// apart); new alerts join the one whose alerts are newest, whichever its status, and a
  /// closed case is never grown.
  @Test func newAlertsJoinTheNewestUndecidedCaseWhateverItsStatus() throws {
    let fixture = try CaseFixture()
    try fixture.replay([CaseFixture.alert("OLD", at: "2026-02-01T10:00:00Z")])
    try fixture.replay([CaseFixture.alert("MID", at: "2026-02-20T10:00:00Z")])
    // A high alert: closing its case takes a second user's approval.
    try fixture.replay([CaseFixture.alert("NEW", at: "2026-03-01T10:00:00Z", severity: .high)])
    let cases = try fixture.store.queue(CaseQuery()).map(\.caseFile).sorted { $0.id < $1.id }
    #expect(cases.count == 3)
    // The newest goes to approval, the oldest is closed outright, the middle one stays open.
    _ = try fixture.desk("alice").claim(cases[2].id)
    #expect(try fixture.desk("alice").close(cases[2].id, disposition: .noFurtherAction, reason: "salary").status == .pendingApproval)
    _ = try fixture.desk("bob").claim(cases[0].id)
    #expect(try fixture.desk("bob").close(cases[0].id, disposition: .noFurtherAction, reason: "refund").status == .closed)

    let grown = try fixture.store.caseWork { try $0.undecidedCase(customerID: "C1") }
    #expect(grown?.id == cases[2].id && grown?.status == .pendingApproval)
    let outcome = try fixture.replay([CaseFixture.alert("LATE", at: "2026-03-02T10:00:00Z")])
    #expect(outcome.casesGrown == 1 && outcome.proposalsWithdrawn == 1)
    #expect(try fixture.store.caseWork { try $0.caseFile(cases[2].id) }?.alertCount == 2)

    // An alert beside the closed case's opens a case of its own: it is outside the newest
    // undecided case's window, and a decided case takes nothing more.
    #expect(try fixture.replay([CaseFixture.alert("BESIDE-OLD", at: "2026-02-01T12:00:00Z")]).casesOpened == 1)
    #expect(try fixture.store.caseWork { try $0.caseFile(cases[0].id) }?.alertCount == 1)
    #expect(try fixture.store.caseWork { try $0.undecidedCase(customerID: "C2") } == nil)
  }

  @Test func aDisabledPolicyOpensNoCases() throws {
    var fixture = try CaseFixture()
    fixture.configuration.escalation.isEnabled = false
    #expect(try fixture.replay([CaseFixture.alert("A", at: "2026-03-01T10:00:00Z")]) == EscalationOutcome())
    #expect(try fixture.store.caseCount() == 0)
  }

  /// A replay opens the cases of its alerts and, the next time, escalates what fell overdue.
  @Test func aReplayOpensCasesAndTheNextOneEscalatesOverdueWork() throws {
    let days = try TwoDays()
    let fixture = try CaseFixture()
    let replayer = try Replayer(store: fixture.store, configuration: fixture.configuration)
    let first = try replayer.replay(customers: [days.customers], transfers: [days.day1])
    #expect(first.cases.casesOpened == 1)
    #expect(try fixture.store.queue(CaseQuery()).map(\.caseFile.customerID) == ["C2"])
    fixture.clock.set("2026-03-20T04:00:00Z")
    let second = try replayer.replay(transfers: [days.day2])
    #expect(second.cases.casesEscalated == 1)
    #expect(second.cases.casesOpened == 1)
    #expect(Set(try fixture.store.queue(CaseQuery()).map(\.caseFile.customerID)) == ["C1", "C2"])
    #expect(try fixture.store.verifyAuditChain().isIntact)
  }
}
