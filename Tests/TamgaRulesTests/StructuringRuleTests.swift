import Testing
import TamgaModel
@testable import TamgaRules

@Suite struct StructuringRuleTests {
  static func deposit(_ engine: inout Engine, cents: Int64, at time: String, into sink: inout FindingList) {
    let event = TransferEvent(customer: 0, timestamp: Timestamp(rfc3339: time)!, kind: .deposit, usdValue: USD(cents: cents))
    _ = engine.evaluate(event, into: &sink)
  }

  @Test func theCountSurvivesASnapshotUnlessItsLengthChanges() throws {
    var engine = Engine()
    engine.apply(CustomerRecord(customerID: "C1", recordedAt: Timestamp(rfc3339: "2025-01-01T00:00:00Z")!, clientClass: .professional))
    var sink = FindingList()
    Self.deposit(&engine, cents: 900_00, at: "2026-03-01T00:00:00Z", into: &sink)  // exactly 10% under: counts
    Self.deposit(&engine, cents: 999_99, at: "2026-03-01T01:00:00Z", into: &sink)
    var restored = try Engine(restoring: engine.snapshot(), configuration: RulesConfiguration())
    Self.deposit(&restored, cents: 950_00, at: "2026-03-02T00:00:00Z", into: &sink)  // 24 hours after the first: in
    #expect(sink.findings.map(\.ruleID) == [StructuringRule.ruleID])
    #expect(sink.findings.first?.explanation["threshold_usd"] == .usd(USD(dollars: 1_000)))

    // Restored under a configuration counting four, the three-long history is not reused.
    var four = RulesConfiguration()
    four.structuring.minimumTransfers = 4
    Self.deposit(&engine, cents: 950_00, at: "2026-03-01T02:00:00Z", into: &sink)
    var other = try Engine(restoring: engine.snapshot(), configuration: four)
    var fresh = FindingList()
    for hour in 3...5 { Self.deposit(&other, cents: 950_00, at: "2026-03-01T0\(hour):00:00Z", into: &fresh) }
    #expect(fresh.findings.isEmpty)
    Self.deposit(&other, cents: 950_00, at: "2026-03-01T06:00:00Z", into: &fresh)
    #expect(fresh.findings.count == 1)
  }
}
