import Foundation
import Testing
import TamgaModel
import TamgaStore
import TamgaTestSupport
@testable import TamgaPipeline

/// Every transition of a case and every refusal, as the command line reaches them.
@Suite struct CaseDeskTests {
  /// A fixture holding one case of one alert.
  func oneCase(severity: Severity = .medium, rule: RuleID = "typology.structuring") throws -> (CaseFixture, Int64) {
    let fixture = try CaseFixture()
    try fixture.replay([CaseFixture.alert("A1", at: "2026-03-01T10:00:00Z", rule: rule, severity: severity)])
    return (fixture, try fixture.only().id)
  }

  func refusal(_ body: () throws -> Void) -> CaseWorkError? {
    do {
      try body()
      return nil
    } catch let error as CaseWorkError {
      return error
    } catch {
      return CaseWorkError(.invalid, "unexpected \(error)")
    }
  }

  @Test func nobodyActsWithoutBeingAConfiguredUser() throws {
    let (fixture, _) = try oneCase()
    var unconfigured = fixture.configuration
    unconfigured.users = [:]
    #expect(throws: CaseWorkError(.refused, "no users are configured: list them with their roles under `users:` in the configuration")) {
      try CaseDesk(store: fixture.store, configuration: unconfigured, user: "alice")
    }
    #expect(refusal { _ = try fixture.desk("mallory") }?.code == .refused)
    #expect(refusal { _ = try CaseDesk(store: fixture.store, configuration: fixture.configuration, user: nil) }?.code == .refused)
  }

  @Test func aClaimedCaseIsNotTakenByAnotherAnalyst() throws {
    let (fixture, id) = try oneCase()
    let claimed = try fixture.desk("alice").claim(id)
    #expect(claimed.assignee == "alice" && claimed.version == 2)
    let stolen = refusal { _ = try fixture.desk("bob").claim(id) }
    #expect(stolen?.code == .refused)
    #expect(stolen?.description.contains("assigned to alice") == true)
    #expect(refusal { _ = try fixture.desk("alice").claim(id) }?.code == .invalid)
    #expect(refusal { _ = try fixture.desk("alice").claim(99) }?.code == .noSuchCase)
  }

  @Test func onlyAnMLROAssignsAndOnlyToAConfiguredUser() throws {
    let (fixture, id) = try oneCase()
    #expect(refusal { _ = try fixture.desk("alice").assign(id, to: "bob") }?.code == .refused)
    #expect(refusal { _ = try fixture.desk("mia").assign(id, to: "eve") }?.code == .refused)
    let assigned = try fixture.desk("mia").assign(id, to: "bob", reason: "knows the customer")
    #expect(assigned.assignee == "bob")
    let event = try #require(try fixture.store.dossier(id)?.history.last)
    #expect(event.actor == "mia" && event.action == "assigned")
    #expect(event.details.json.contains(#""reason":"knows the customer""#))
  }

  @Test func closingNeedsAReasonAndTheAssigneeOrAnMLRO() throws {
    let (fixture, id) = try oneCase()
    #expect(refusal { _ = try fixture.desk("alice").close(id, disposition: .noFurtherAction, reason: "x") }?.code == .refused)
    _ = try fixture.desk("alice").claim(id)
    #expect(refusal { _ = try fixture.desk("alice").close(id, disposition: .noFurtherAction, reason: "  ") }?.code == .invalid)
    #expect(refusal { _ = try fixture.desk("bob").close(id, disposition: .noFurtherAction, reason: "x") }?.code == .refused)
    // A medium case closed as explained needs no second user.
    let closed = try fixture.desk("alice").close(id, disposition: .noFurtherAction, reason: "salary, documented")
    #expect(closed.status == .closed)
    #expect(closed.decision?.preparedBy == "alice" && closed.decision?.approvedBy == nil)
    #expect(closed.decision?.closedAt == fixture.clock.now)
    #expect(refusal { _ = try fixture.desk("alice").close(id, disposition: .falsePositive, reason: "x") }?.code == .invalid)
    #expect(refusal { _ = try fixture.desk("alice").claim(id) }?.code == .invalid)
  }

  @Test func aHighCaseNeedsASecondUserWhoDidNotPrepareIt() throws {
    let (fixture, id) = try oneCase(severity: .high)
    _ = try fixture.desk("alice").claim(id)
    let proposed = try fixture.desk("alice").close(id, disposition: .noFurtherAction, reason: "known business")
    #expect(proposed.status == .pendingApproval)
    #expect(proposed.proposal == Case.Proposal(disposition: .noFurtherAction, reason: "known business", preparedBy: "alice"))
    let same = refusal { _ = try fixture.desk("alice").approve(id) }
    #expect(same?.code == .refused)
    #expect(same?.description.contains("four-eyes") == true)
    let approved = try fixture.desk("bob").approve(id, reason: "checked the invoices")
    #expect(approved.status == .closed)
    #expect(approved.decision?.preparedBy == "alice" && approved.decision?.approvedBy == "bob")
    #expect(approved.decision?.approvalReason == "checked the invoices")
    #expect(try fixture.history(id) == ["opened", "claimed", "proposed", "approved"])
    #expect(refusal { _ = try fixture.desk("bob").approve(id) }?.code == .invalid)
  }

  @Test func clearingASanctionsHitAsFalsePositiveNeedsASecondUserWhateverItsSeverity() throws {
    let (fixture, id) = try oneCase(severity: .medium, rule: "screening.sanctions.name-match")
    _ = try fixture.desk("alice").claim(id)
    #expect(try fixture.desk("alice").close(id, disposition: .falsePositive, reason: "other date of birth").status == .pendingApproval)
    let (other, otherID) = try oneCase(severity: .medium, rule: "screening.pep.name-match")
    _ = try other.desk("alice").claim(otherID)
    #expect(try other.desk("alice").close(otherID, disposition: .falsePositive, reason: "namesake").status == .pendingApproval)
    // The same medium case found explained (not a false positive) closes at once.
    let (third, thirdID) = try oneCase(severity: .medium, rule: "screening.pep.name-match")
    _ = try third.desk("alice").claim(thirdID)
    #expect(try third.desk("alice").close(thirdID, disposition: .noFurtherAction, reason: "declared PEP, EDD done").status == .closed)
  }

  @Test func theMLRODecidesWhetherASuspiciousCaseIsReportedWithReasons() throws {
    let (fixture, id) = try oneCase(severity: .medium)
    _ = try fixture.desk("alice").claim(id)
    #expect(
      refusal { _ = try fixture.desk("alice").close(id, disposition: .suspicious, reason: "x", report: .file) }?.code == .refused)
    #expect(refusal { _ = try fixture.desk("alice").close(id, disposition: .noFurtherAction, reason: "x", report: .file) } != nil)
    let proposed = try fixture.desk("alice").close(id, disposition: .suspicious, reason: "structuring below 10k for 3 days")
    #expect(proposed.status == .pendingApproval)
    // Another analyst may not decide about reporting; the MLRO must say file or not, with reasons.
    #expect(refusal { _ = try fixture.desk("bob").approve(id) }?.code == .refused)
    #expect(refusal { _ = try fixture.desk("bob").approve(id, report: .file) }?.code == .refused)
    #expect(refusal { _ = try fixture.desk("mia").approve(id) }?.code == .invalid)
    #expect(refusal { _ = try fixture.desk("mia").approve(id, report: .doNotFile) }?.code == .invalid)
    let decided = try fixture.desk("mia").approve(
      id, reason: "funds traced to a documented sale; below the reporting grounds", report: .doNotFile)
    #expect(decided.status == .closed)
    #expect(decided.decision?.disposition == .suspicious && decided.decision?.reportDecision == .doNotFile)
    #expect(decided.decision?.approvedBy == "mia")
    let event = try #require(try fixture.store.dossier(id)?.history.last)
    #expect(event.details.json.contains(#""report":"do_not_file""#))
    #expect(event.details.json.contains("documented sale"))
  }

  @Test func anMLROsOwnSuspiciousDecisionStillNeedsASecondUser() throws {
    let (fixture, id) = try oneCase()
    _ = try fixture.desk("mia").claim(id)
    let proposed = try fixture.desk("mia").close(id, disposition: .suspicious, reason: "layering", report: .file)
    #expect(proposed.status == .pendingApproval && proposed.proposal?.reportDecision == .file)
    #expect(refusal { _ = try fixture.desk("mia").approve(id) }?.code == .refused)
    let approved = try fixture.desk("alice").approve(id)
    #expect(approved.decision?.reportDecision == .file && approved.decision?.preparedBy == "mia")
  }

  @Test func aProposalIsSentBackByAnyoneButAClosedCaseReopensOnlyByTheMLRO() throws {
    let (fixture, id) = try oneCase(severity: .high)
    _ = try fixture.desk("alice").claim(id)
    _ = try fixture.desk("alice").close(id, disposition: .falsePositive, reason: "namesake")
    #expect(refusal { _ = try fixture.desk("bob").reopen(id, reason: "") }?.code == .invalid)
    let sentBack = try fixture.desk("bob").reopen(id, reason: "the namesake's passport is not on file")
    #expect(sentBack.status == .open && sentBack.proposal == nil && sentBack.assignee == "alice")
    #expect(refusal { _ = try fixture.desk("bob").reopen(id, reason: "again") }?.code == .invalid)
    _ = try fixture.desk("alice").close(id, disposition: .falsePositive, reason: "passport attached")
    _ = try fixture.desk("bob").approve(id)
    #expect(refusal { _ = try fixture.desk("alice").reopen(id, reason: "new information") }?.code == .refused)
    let reopened = try fixture.desk("mia").reopen(id, reason: "the customer's adverse media")
    #expect(reopened.status == .open && reopened.decision == nil)
    #expect(try fixture.history(id) == ["opened", "claimed", "proposed", "sent-back", "proposed", "approved", "reopened"])
  }

  @Test func notesAndAttachmentsAreKeptEvenOnAClosedCase() throws {
    let (fixture, id) = try oneCase()
    #expect(refusal { _ = try fixture.desk("alice").note(id, text: " ") }?.code == .invalid)
    _ = try fixture.desk("alice").claim(id)
    _ = try fixture.desk("alice").close(id, disposition: .noFurtherAction, reason: "explained")
    _ = try fixture.desk("bob").note(id, text: "customer called back")
    let (noted, attachmentID, sha256) = try fixture.desk("bob").attach(id, fileName: "call.txt", content: Array("hello".utf8))
    #expect(noted.status == .closed)
    #expect(sha256 == "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
    #expect(try fixture.store.attachmentContent(attachmentID) == Array("hello".utf8))
    #expect(try fixture.store.dossier(id)?.attachments.map(\.fileName) == ["call.txt"])
  }

  @Test func escalatingRaisesThePriorityAndHandsTheCaseOnlyToAnMLRO() throws {
    let (fixture, id) = try oneCase()
    #expect(refusal { _ = try fixture.desk("alice").escalate(id, reason: "") }?.code == .invalid)
    #expect(refusal { _ = try fixture.desk("alice").escalate(id, reason: "x", to: "bob") }?.code == .refused)
    let escalated = try fixture.desk("alice").escalate(id, reason: "large amounts, new customer", to: "mia")
    #expect(escalated.priority.rawValue == 2 && escalated.escalations == 1 && escalated.assignee == "mia")
    #expect(escalated.dueAt == time("2026-03-04T19:00:00Z"))
  }

  @Test func aStaleVersionIsAConflictNamingWhoChangedTheCase() throws {
    let (fixture, id) = try oneCase()
    let seen = try #require(try fixture.store.caseFile(id)).version
    _ = try fixture.desk("bob").note(id, text: "looking at it")
    do {
      _ = try fixture.desk("alice").claim(id, ifVersion: seen)
      Issue.record("a stale version was accepted")
    } catch let error as StoreError {
      #expect(error.code == .conflict)
      #expect(error.description.contains("noted by bob"))
    }
    #expect(try fixture.store.caseFile(id)?.assignee == nil)
    #expect(try fixture.desk("alice").claim(id, ifVersion: seen + 1).assignee == "alice")
  }
}
