import Foundation
import Testing
import TamgaTestSupport

/// `tamga replay --chain-edges` and what `tamga exposure` then shows of the edges.
@Suite struct ChainEdgeCommandTests {
  @Test func replayCountsEdgesAndExposureShowsTheSharesTheyMoved() throws {
    let folder = try TemporaryDirectory()
    let store = folder.file("tamga.db")
    let labels = try folder.write(
      "labels.csv",
      "chain,address,category,entity,source\nethereum,0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c,darknet_market,Hydra Market,vendor\n")
    #expect(try tamga(["lists", "load", "labels", labels, "--name", "vendor", "--store", store]).status == 0)
    let edges = try folder.write(
      "chain-edges.csv",
      """
      from_address,to_address,asset,amount,usd_value,timestamp,chain
      0x8576AcC5C05D6Ce88f4e49bf65BdF0C62F91353C,0x1111111111111111111111111111111111111111,USDT,30,30.00,2026-03-02T10:00:00Z,ethereum
      0x3333333333333333333333333333333333333333,0x1111111111111111111111111111111111111111,USDT,90,90.00,2026-03-02T10:05:00Z,ethereum
      0x1111111111111111111111111111111111111111,0x2222222222222222222222222222222222222222,USDT,40,40.00,2026-03-02T11:00:00Z,ethereum
      0x1111111111111111111111111111111111111111,0x2222222222222222222222222222222222222222,USDT,1,,2026-03-02T11:00:00Z,ethereum

      """)
    let replay = try tamga(["replay", "--store", store, "--chain-edges", edges])
    #expect(replay.status == 0)
    #expect(replay.output.contains("chain-edges.csv: 3 edges accepted, 1 rejected, 0 alerts (2026-03-02T10:00:00Z to 2026-03-02T11:00:00Z)"))
    // 40.00 × 30 / 120 = 10.00 darknet at hop 2: 25%, weighted by half.
    let exposure = try tamga(["exposure", "0x2222222222222222222222222222222222222222", "--store", store, "--format", "json"])
    #expect(exposure.status == 0)
    #expect(exposure.output.contains("12.50%"))
    #expect(exposure.output.contains("0.00 / 10.00 / 0.00"))
  }
}
