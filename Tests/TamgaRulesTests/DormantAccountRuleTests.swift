import Testing
import TamgaModel
@testable import TamgaRules

@Suite struct DormantAccountRuleTests {
  static func transfer(
    _ engine: inout Engine, _ kind: TransferKind, cents: Int64, at time: String, into sink: inout FindingList
  ) {
    let event = TransferEvent(customer: 0, timestamp: Timestamp(rfc3339: time)!, kind: kind, usdValue: USD(cents: cents))
    _ = engine.evaluate(event, into: &sink)
  }

  @Test func theLatestTransferSurvivesASnapshotAndTradesCountAsActivity() throws {
    var engine = Engine()
    engine.apply(CustomerRecord(customerID: "C1", recordedAt: Timestamp(rfc3339: "2025-01-01T00:00:00Z")!, clientClass: .professional))
    var sink = FindingList()
    Self.transfer(&engine, .deposit, cents: 100_00, at: "2025-01-02T00:00:00Z", into: &sink)
    var restored = try Engine(restoring: engine.snapshot(), configuration: RulesConfiguration())
    // Exactly 180 days later: dormant, fires.
    Self.transfer(&restored, .withdrawal, cents: 1_000_00, at: "2025-07-01T00:00:00Z", into: &sink)
    #expect(sink.findings.map(\.ruleID) == [DormantAccountRule.ruleID])
    #expect(sink.findings.first?.explanation["days_dormant"] == .integer(180))
    // A trade 200 days on is activity but fires nothing; the withdrawal after it is not dormant.
    Self.transfer(&restored, .buy, cents: 5_000_00, at: "2026-01-17T00:00:00Z", into: &sink)
    Self.transfer(&restored, .withdrawal, cents: 5_000_00, at: "2026-01-18T00:00:00Z", into: &sink)
    // A transfer dated before the latest one neither fires nor moves it back.
    Self.transfer(&restored, .deposit, cents: 5_000_00, at: "2024-01-01T00:00:00Z", into: &sink)
    Self.transfer(&restored, .deposit, cents: 5_000_00, at: "2026-02-01T00:00:00Z", into: &sink)
    #expect(sink.findings.count == 1)
  }
}
