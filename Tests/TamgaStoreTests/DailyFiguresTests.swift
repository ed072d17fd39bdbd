import Foundation
import Testing
import TamgaModel
import TamgaTestSupport
@testable import TamgaStore

/// The Almaty day 2026-03-02 runs from 2026-03-01T19:00:00Z to 2026-03-02T19:00:00Z (UTC+5).
@Suite struct DailyFiguresTests {
  let day = CivilDate(year: 2026, month: 3, day: 2)
  let from = Timestamp(millisecondsSinceEpoch: 1_772_391_600_000)
  let until = Timestamp(millisecondsSinceEpoch: 1_772_478_000_000)
  let hour: Int64 = 3_600_000

  func at(_ base: Timestamp, _ offset: Int64) -> Timestamp {
    Timestamp(millisecondsSinceEpoch: base.millisecondsSinceEpoch + offset)
  }

  func entry() -> LedgerEntry {
    LedgerEntry(
      fileName: "t.csv", path: "/tmp/t.csv", kind: .transfers, format: "csv", sha256: "a", headSHA256: "head",
      byteCount: 10, ingestedAt: Timestamp(millisecondsSinceEpoch: 0))
  }

  /// An alert at `time`; a cap alert gets the two amounts its explanation carries as the rule writes them.
  func alert(
    _ id: String, at time: Timestamp, rule: RuleID = "aifc.retail-cap.monthly", severity: Severity = .high,
    limit: Int64? = 1_000_00, totalAfter: Int64? = 1_170_00
  ) -> Alert {
    var explanation = Explanation()
    if let limit { explanation.append("limit", .usd(USD(cents: limit))) }
    if let totalAfter { explanation.append("total_after", .usd(USD(cents: totalAfter))) }
    return Alert(
      id: id, ruleID: rule, severity: severity, customerID: "C1", eventAt: time, summary: "s", explanation: explanation)
  }

  func draft(_ customer: String, _ status: CaseStatus = .open, priority: Int, openedAt: Timestamp, dueAt: Timestamp)
    -> Case
  {
    Case(
      id: 0, customerID: customer, status: status, priority: CasePriority(rawValue: priority), highestSeverity: .high,
      alertCount: 0, openedAt: openedAt, dueAt: dueAt, firstEventAt: openedAt, lastEventAt: openedAt,
      updatedAt: openedAt)
  }

  func closing(_ file: Case, as disposition: Disposition, at time: Timestamp, approvedBy: String? = nil) -> Case {
    var closed = file
    closed.status = .closed
    closed.decision = Case.Decision(
      disposition: disposition, reason: "r", preparedBy: "ana", approvedBy: approvedBy, approvalReason: nil,
      reportDecision: nil, closedAt: time)
    return closed
  }

  @Test func theDayRunsFromAlmatyMidnightToTheNext() {
    #expect(AlmatyCalendar.bounds(day: day) == from..<until)
    // The clocks went back an hour at the end of 29 February 2024.
    let long = AlmatyCalendar.bounds(day: CivilDate(year: 2024, month: 2, day: 29))
    #expect(long.upperBound.millisecondsSinceEpoch - long.lowerBound.millisecondsSinceEpoch == 25 * hour)
  }

  @Test func countsTheDaysAlertsCasesOverdueWorkAndCapBreachesExactly() throws {
    let folder = try TemporaryDirectory()
    let inDay = at(from, 10 * hour)
    let store = try CaseStore(path: folder.file("tamga.db"), clock: { inDay })
    try store.write { batch in
      let ingest = try batch.beginIngest(entry())
      // Just outside the day on either side: counted nowhere.
      try batch.insert(alert("before", at: at(from, -1), rule: "typology.structuring"), ingest: ingest)
      try batch.insert(alert("after", at: until), ingest: ingest)
      // The first and last milliseconds of the day.
      try batch.insert(alert("first", at: from), ingest: ingest)  // 117 %
      try batch.insert(
        alert("last", at: at(until, -1), rule: "typology.structuring", severity: .medium), ingest: ingest)
      try batch.insert(alert("just-over", at: inDay, totalAfter: 1_099_99), ingest: ingest)  // 109.999 %
      try batch.insert(alert("tenth-over", at: inDay, totalAfter: 1_100_00), ingest: ingest)  // exactly 110 %
      try batch.insert(
        alert("double", at: inDay, rule: "aifc.retail-cap.annual", limit: 100_000_00, totalAfter: 200_000_00),
        ingest: ingest)
      try batch.insert(alert("no-total", at: inDay, totalAfter: nil), ingest: ingest)

      let cases = batch.cases
      let late = try cases.open(
        draft("C1", priority: 2, openedAt: at(from, hour), dueAt: at(until, -1)), alertIDs: ["first"], actor: "tamga",
        details: Explanation())
      // Escalated twice in the day: one case.
      let once = try cases.update(
        late, expectedVersion: 1, actor: "tamga", action: "escalated-overdue", details: Explanation())
      try cases.update(once, expectedVersion: 2, actor: "tamga", action: "escalated-overdue", details: Explanation())
      let earlier = try cases.open(
        draft("C2", priority: 3, openedAt: at(from, -48 * hour), dueAt: at(from, -24 * hour)), alertIDs: [],
        actor: "tamga",
        details: Explanation())
      try cases.update(
        closing(earlier, as: .falsePositive, at: at(from, 2 * hour)), expectedVersion: 1, actor: "ana",
        action: "closed",
        details: Explanation())
      let suspicious = try cases.open(
        draft("C3", priority: 1, openedAt: inDay, dueAt: at(inDay, hour)), alertIDs: [], actor: "tamga",
        details: Explanation())
      try cases.update(
        closing(suspicious, as: .suspicious, at: at(inDay, 30 * 60_000), approvedBy: "mlro"), expectedVersion: 1,
        actor: "mlro", action: "approved", details: Explanation())
      // Due at the very end of the day: not yet overdue.
      try cases.open(
        draft("C4", .pendingApproval, priority: 1, openedAt: at(from, 3 * hour), dueAt: until), alertIDs: [],
        actor: "tamga",
        details: Explanation())
      // Opened as the next day begins, and decided the day before.
      try cases.open(
        draft("C5", priority: 4, openedAt: until, dueAt: at(until, 48 * hour)), alertIDs: [], actor: "tamga",
        details: Explanation())
      let yesterday = try cases.open(
        draft("C6", priority: 4, openedAt: at(from, -30 * hour), dueAt: at(from, 30 * hour)), alertIDs: [],
        actor: "tamga", details: Explanation())
      try cases.update(
        closing(yesterday, as: .noFurtherAction, at: at(from, -1)), expectedVersion: 1, actor: "ana", action: "closed",
        details: Explanation())
      // Long overdue, opened days ago and still open.
      try cases.open(
        draft("C7", priority: 3, openedAt: at(from, -96 * hour), dueAt: at(from, -72 * hour)), alertIDs: [],
        actor: "tamga",
        details: Explanation())
    }
    // An overdue escalation recorded the next day does not count for this one.
    let nextDay = at(until, hour)
    let later = try CaseStore(path: folder.file("tamga.db"), clock: { nextDay })
    try later.caseWork { work in
      let pending = try #require(try work.undecidedCase(customerID: "C4"))
      try work.update(
        pending, expectedVersion: pending.version, actor: "tamga", action: "escalated-overdue", details: Explanation())
    }

    let figures = try store.dailyFigures(day: day)
    #expect(figures.alertCount == 6)
    #expect(
      figures.alertsByRule == [
        .init(rule: "aifc.retail-cap.monthly", count: 4), .init(rule: "aifc.retail-cap.annual", count: 1),
        .init(rule: "typology.structuring", count: 1),
      ])
    #expect(figures.alertsBySeverity == [.severe: 0, .high: 5, .medium: 1, .low: 0])
    #expect(figures.casesOpened == 3)
    #expect(figures.casesClosed == 2)
    #expect(figures.closedByDisposition == [.falsePositive: 1, .noFurtherAction: 0, .suspicious: 1])
    #expect(figures.closedWithApproval == 1)
    #expect(
      figures.overdueByPriority == [
        CasePriority(rawValue: 1): 0, CasePriority(rawValue: 2): 1, CasePriority(rawValue: 3): 1,
        CasePriority(rawValue: 4): 0,
      ])
    #expect(figures.overdueCount == 2)
    #expect(figures.casesEscalatedOverdue == 1)
    #expect(
      figures.capBreachesByRule == [
        .init(rule: "aifc.retail-cap.annual", count: 1), .init(rule: "aifc.retail-cap.monthly", count: 4),
      ])
    #expect(figures.capBreachCount == 5)
    #expect(figures.capBreachesByExcess == [.under110: 1, .under150: 2, .under200: 0, .atLeast200: 1])
    #expect(figures.capBreachesUnmeasured == 1)

    // The day after holds the alert at its midnight, and the case opened then.
    let next = try store.dailyFigures(day: CivilDate(year: 2026, month: 3, day: 3))
    #expect(next.alertCount == 1)
    #expect(next.capBreachesByExcess[.under150] == 1)
    #expect(next.casesOpened == 1)
    #expect(next.casesEscalatedOverdue == 1)
  }

  @Test func anEmptyStoreHasZerosEverywhere() throws {
    let folder = try TemporaryDirectory()
    let figures = try folder.freshStore().dailyFigures(day: day)
    #expect(figures == DailyFigures())
    #expect(figures.alertsBySeverity.count == 4)
    #expect(figures.capBreachesByExcess.values.allSatisfy { $0 == 0 })
  }

  @Test(
    arguments: [
      (1_000_01, 1_000_00, DailyFigures.CapExcess.under110), (1_099_99, 1_000_00, .under110),
      (1_100_00, 1_000_00, .under150), (1_499_99, 1_000_00, .under150), (1_500_00, 1_000_00, .under200),
      (1_999_99, 1_000_00, .under200), (2_000_00, 1_000_00, .atLeast200), (50_000_00, 0, .atLeast200),
    ] as [(Int64, Int64, DailyFigures.CapExcess)])
  func bandsABreachByTotalAfterOverLimitInCents(totalAfter: Int64, limit: Int64, band: DailyFigures.CapExcess) {
    #expect(DailyFigures.CapExcess(totalAfter: USD(cents: totalAfter), limit: USD(cents: limit)) == band)
  }
}
