import Foundation
import Testing
import TamgaModel
import TamgaRules
import TamgaStore
import TamgaTestSupport
@testable import TamgaPipeline

/// Miners' declarations replayed into a store: kept until a transfers file shows their period
/// has ended, checked once against the sales counted over however many runs, and refused for a
/// customer whose sales were never counted.
@Suite struct MinerSaleThroughReplayTests {
  let folder: TemporaryDirectory
  let store: CaseStore

  init() throws {
    folder = try TemporaryDirectory()
    store = try folder.freshStore()
  }

  /// M-1 a licensed miner since September 2025, C-2 a professional client with no licence.
  func onboard() throws {
    let customers = try folder.write(
      "customers.csv",
      Fixture.customersHeader + ",mining_licence\n"
        + Fixture.customerRow("M-1", recordedAt: "2025-09-01T09:00:00Z", personType: "legal", clientClass: "professional")
        + ",DM-7\n"
        + Fixture.customerRow("C-2", recordedAt: "2025-09-01T09:00:00Z", clientClass: "professional") + ",\n")
    _ = try Replayer(store: store).replay(customers: [customers])
  }

  /// M-1 sells `btc` whole bitcoins at each of `times`.
  @discardableResult
  func sells(_ name: String, _ times: [String], btc: String = "1", customer: String = "M-1") throws -> ReplaySummary {
    let rows = times.enumerated().map { index, time in
      Fixture.transferRow("\(name)-\(index)", at: time, customer: customer, kind: "sell", asset: "BTC", amount: btc, usd: "85000.00")
    }
    return try Replayer(store: store).replay(transfers: [try folder.write("\(name).csv", Fixture.transfersCSV(rows))])
  }

  func declare(_ name: String, _ rows: [String]) throws -> ReplaySummary {
    let file = try folder.write(
      "\(name).csv", (["customer_id,asset,period_start,period_end,mined_amount,sold_elsewhere,declared_at"] + rows).joined(separator: "\n") + "\n")
    return try Replayer(store: store).replay(minerDeclarations: [file])
  }

  func saleThroughAlerts() throws -> [Alert] {
    try store.alerts().filter { $0.ruleID == MinerSaleThroughRule.saleThrough }
  }

  /// Sales over two runs count together; a declaration made before its period ends waits for a
  /// transfers file past it, which then raises the alert and counts it.
  @Test func aDeclarationWaitsForItsPeriodToEndThenCountsEverySale() throws {
    try onboard()
    try sells("day-1", ["2026-03-10T08:00:00Z"])
    let early = try declare("early", ["M-1,BTC,2026-03-01,2026-03-31,4,0,2026-03-30T10:00:00Z"])
    #expect(early.files.map(\.entry.rowsAccepted) == [1])
    #expect(try saleThroughAlerts().isEmpty)
    // The period's last local day: still March, still waiting.
    try sells("day-2", ["2026-03-31T18:30:00Z"])
    #expect(try saleThroughAlerts().isEmpty)
    let next = try sells("day-3", ["2026-04-01T08:00:00Z"])
    #expect(next.files.map(\.entry.alertsRaised) == [1])
    let alert = try #require(try saleThroughAlerts().first)
    #expect(alert.customerID == "M-1")
    #expect(alert.explanationValues["sold_here"] == "2")
    #expect(alert.explanationValues["shortfall"] == "1")
    // The period end, not the earlier declaration, dates it: midnight in Almaty.
    #expect(alert.eventAt == Timestamp(rfc3339: "2026-03-31T19:00:00Z"))
    // Checked once: later files raise nothing more.
    try sells("day-4", ["2026-04-02T08:00:00Z"])
    #expect(try saleThroughAlerts().count == 1)
  }

  /// A correction declared later is checked on its own: one that still falls short raises an
  /// alert of its own with its figures; one that meets the share raises nothing.
  @Test func aCorrectionIsCheckedAgain() throws {
    try onboard()
    try sells("march", ["2026-03-10T08:00:00Z", "2026-03-11T08:00:00Z", "2026-04-01T08:00:00Z"])
    _ = try declare("first", ["M-1,BTC,2026-03-01,2026-03-31,4,0,2026-04-05T10:00:00Z"])
    #expect(try saleThroughAlerts().map { $0.explanationValues["mined"] } == ["4"])
    _ = try declare(
      "corrections",
      [
        "M-1,BTC,2026-03-01,2026-03-31,3,0,2026-04-06T10:00:00Z",
        "M-1,BTC,2026-03-01,2026-03-31,2.5,0,2026-04-07T10:00:00Z",
      ])
    #expect(try saleThroughAlerts().map { $0.explanationValues["mined"] } == ["4", "3"])
  }

  @Test func aDeclarationForAnUnknownOrUnlicensedCustomerIsRejectedAndTheRestKept() throws {
    try onboard()
    try sells("april", ["2026-04-01T08:00:00Z"])
    let summary = try declare(
      "mixed",
      [
        "X-9,BTC,2026-03-01,2026-03-31,4,0,2026-04-05T10:00:00Z",
        "C-2,BTC,2026-03-01,2026-03-31,4,0,2026-04-05T10:00:00Z",
        "M-1,BTC,2026-03-01,2026-03-31,4,0,2026-04-05T10:00:00Z",
      ])
    #expect(summary.files.map(\.entry.rowsAccepted) == [1])
    let rejections = try store.rejections().map(\.rejection)
    #expect(rejections.map(\.line) == [2, 3])
    #expect(rejections.map(\.reason.code) == [.unknownCustomer, .badValue])
    #expect(rejections.allSatisfy { $0.column == "customer_id" })
    #expect(try saleThroughAlerts().map(\.customerID) == ["M-1"])
  }

  /// With the check off the declaration waits; switched on, the next replay checks it.
  @Test func aDeclarationReplayedWhileTheCheckIsOffIsCheckedWhenItIsOn() throws {
    try onboard()
    try sells("april", ["2026-04-01T08:00:00Z"])
    let off = try TamgaConfiguration(yaml: "regulatory:\n  miner_sale_through: {enabled: false}\n")
    let file = try folder.write(
      "d.csv", "customer_id,asset,period_start,period_end,mined_amount,declared_at\nM-1,BTC,2026-03-01,2026-03-31,4,2026-04-05T10:00:00Z\n")
    _ = try Replayer(store: store, configuration: off).replay(minerDeclarations: [file])
    #expect(try saleThroughAlerts().isEmpty)
    try sells("april-2", ["2026-04-02T08:00:00Z"])
    #expect(try saleThroughAlerts().map(\.customerID) == ["M-1"])
  }

  /// The licence is stored with the record and read back for the analyst.
  @Test func theLicenceIsKeptWithTheCustomersRecord() throws {
    try onboard()
    #expect(try store.customerRecords("M-1").map(\.miningLicence) == ["DM-7"])
    #expect(try store.customerRecords("C-2").map(\.miningLicence) == [nil])
  }

  /// The same declarations file again is in the ledger already: skipped, no second check.
  @Test func replayingTheSameDeclarationsChangesNothing() throws {
    try onboard()
    try sells("april", ["2026-04-01T08:00:00Z"])
    let row = "M-1,BTC,2026-03-01,2026-03-31,4,0,2026-04-05T10:00:00Z"
    _ = try declare("d", [row])
    let again = try declare("d", [row])
    #expect(again.files.map(\.wasAlreadyIngested) == [true])
    #expect(try saleThroughAlerts().count == 1)
  }
}
