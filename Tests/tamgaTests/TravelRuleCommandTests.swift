import Foundation
import Testing
import TamgaTestSupport

/// `tamga replay --travel-rule`: the file's records counted in the summary, and a covered
/// transfer without a message alerted.
@Suite struct TravelRuleCommandTests {
  @Test func replayCountsTheRecordsAndAlertsATransferWithoutAMessage() throws {
    let folder = try TemporaryDirectory()
    let store = folder.file("tamga.db")
    let customers = try folder.write(
      "customers.csv", Fixture.customersCSV([Fixture.customerRow("C1", clientClass: "professional")]))
    let travelRule = try folder.write(
      "travel-rule.ndjson",
      #"""
      {"customer_id":"C1","chain":"ethereum","address":"0xcafe000000000000000000000000000000000001","method":"signed_message","verified_at":"2026-02-01T00:00:00Z"}
      {"transfer_id":"T9"}

      """#)
    let transfers = try folder.write(
      "transfers.csv",
      Fixture.transfersCSV([
        "T1,2026-03-02T09:00:00Z,C1,withdrawal,ETH,ethereum,1,2500.00,0xbeef000000000000000000000000000000000001,Harbor Digital,0x1",
        "T2,2026-03-02T10:00:00Z,C1,withdrawal,ETH,ethereum,1,2500.00,0xcafe000000000000000000000000000000000001,,0x2",
      ]))
    let replay = try tamga(["replay", "--store", store, "--customers", customers, "--travel-rule", travelRule, transfers])
    #expect(replay.status == 0)
    #expect(replay.output.contains("travel-rule.ndjson: 1 records accepted, 1 rejected, 0 alerts"))
    #expect(replay.output.contains("transfers.csv: 2 transfers accepted, 0 rejected, 1 alerts"))
    let alerts = try tamga(["alerts", "--store", store, "--format", "csv"])
    #expect(alerts.output.contains("travel-rule.missing"))
    #expect(!alerts.output.contains("self-hosted"))
  }
}
