import Foundation
import Testing
import TamgaTestSupport

/// `tamga replay --miner-declarations`: the declarations counted in the summary, a miner short of
/// its share alerted, and the alert's figures shown to the analyst.
@Suite struct MinerDeclarationCommandTests {
  @Test func replayChecksADeclarationAndAlertsShowsTheShortfall() throws {
    let folder = try TemporaryDirectory()
    let store = folder.file("tamga.db")
    let customers = try folder.write(
      "customers.csv",
      Fixture.customersHeader + ",mining_licence\n"
        + Fixture.customerRow("M-1", recordedAt: "2025-09-01T09:00:00Z", personType: "legal", clientClass: "professional")
        + ",DM-7\n")
    let transfers = try folder.write(
      "transfers.csv",
      Fixture.transfersCSV([
        Fixture.transferRow("T-1", at: "2026-03-10T08:00:00Z", customer: "M-1", kind: "sell", asset: "BTC", amount: "2", usd: "170000.00"),
        Fixture.transferRow("T-2", at: "2026-04-01T08:00:00Z", customer: "M-1", kind: "buy", asset: "USDT", amount: "10", usd: "10.00"),
      ]))
    let declarations = try folder.write(
      "miner-declarations.csv",
      "customer_id,asset,period_start,period_end,mined_amount,declared_at\nM-1,BTC,2026-03-01,2026-03-31,4,2026-04-05T10:00:00Z\n")
    let replay = try tamga([
      "replay", "--store", store, "--customers", customers, "--miner-declarations", declarations, transfers,
    ])
    #expect(replay.status == 0)
    #expect(
      replay.output.contains(
        "miner-declarations.csv: 1 declarations accepted, 0 rejected, 1 alerts (2026-04-05T10:00:00Z to 2026-04-05T10:00:00Z)"))
    let alerts = try tamga(["alerts", "--store", store, "--rule", "regulatory.miner-sale-through", "--format", "json"])
    #expect(alerts.status == 0)
    #expect(alerts.output.contains("miner sold 50.00% of the 4 BTC it declared for 2026-03-01..2026-03-31, below the required 75%"))
    #expect(alerts.output.contains(#""shortfall":"1""#))
  }

  @Test func aDeclarationsFileWithoutItsColumnsIsRefusedBeforeAnythingIsWritten() throws {
    let folder = try TemporaryDirectory()
    let store = folder.file("tamga.db")
    let declarations = try folder.write("d.csv", "customer_id,asset,mined_amount\nM-1,BTC,4\n")
    let replay = try tamga(["replay", "--store", store, "--miner-declarations", declarations])
    #expect(replay.status == 65)
    #expect(replay.error.contains("period_start"))
  }
}
