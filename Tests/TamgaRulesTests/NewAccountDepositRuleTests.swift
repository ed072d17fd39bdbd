import Testing
import TamgaModel
@testable import TamgaRules

@Suite struct NewAccountDepositRuleTests {
  static func deposit(_ engine: inout Engine, _ customer: Int32, cents: Int64, at time: String, into sink: inout FindingList) {
    let event = TransferEvent(customer: customer, timestamp: Timestamp(rfc3339: time)!, kind: .deposit, usdValue: USD(cents: cents))
    _ = engine.evaluate(event, into: &sink)
  }

  @Test func onlyTheFirstDepositCountsAndTheMemoryOfItSurvivesASnapshot() throws {
    var engine = Engine()
    engine.apply(CustomerRecord(customerID: "C1", recordedAt: Timestamp(rfc3339: "2026-03-01T00:00:00Z")!))
    engine.apply(CustomerRecord(customerID: "C2", recordedAt: Timestamp(rfc3339: "2026-03-01T00:00:00Z")!))
    var sink = FindingList()
    Self.deposit(&engine, 0, cents: 100, at: "2026-03-02T00:00:00Z", into: &sink)
    // Restored from its snapshot, the engine still knows C1 has deposited.
    var restored = try Engine(restoring: engine.snapshot(), configuration: RulesConfiguration())
    Self.deposit(&restored, 0, cents: 5_000_000, at: "2026-03-03T00:00:00Z", into: &sink)
    #expect(sink.findings.isEmpty)
    // Exactly at the threshold and exactly 30 days after onboarding still fires.
    Self.deposit(&restored, 1, cents: 1_000_000, at: "2026-03-31T00:00:00Z", into: &sink)
    #expect(sink.findings.map(\.ruleID) == [NewAccountDepositRule.ruleID])
    #expect(sink.findings.first?.explanation["days_since_onboarding"] == .integer(30))
  }

  @Test func aDisabledRuleStillRemembersDeposits() {
    var configuration = RulesConfiguration()
    configuration.newAccountDeposits.isEnabled = false
    var engine = Engine(configuration: configuration)
    engine.apply(CustomerRecord(customerID: "C1", recordedAt: Timestamp(rfc3339: "2026-03-01T00:00:00Z")!))
    var sink = FindingList()
    Self.deposit(&engine, 0, cents: 2_000_000, at: "2026-03-02T00:00:00Z", into: &sink)
    engine.reconfigure(RulesConfiguration())
    // Switched on again, the rule does not take the second deposit for a first one.
    Self.deposit(&engine, 0, cents: 2_000_000, at: "2026-03-03T00:00:00Z", into: &sink)
    #expect(sink.findings.isEmpty)
  }
}
