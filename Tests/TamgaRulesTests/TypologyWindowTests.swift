import Testing
import TamgaModel
@testable import TamgaRules

/// The per-customer windows the typologies share, and their survival across snapshots.
@Suite struct TypologyWindowTests {
  static let hour: Int64 = 3_600_000

  @Test func recentTimesFireOnTheWidthThTransferWithinTheWindowAndStartAgain() {
    var recent = RecentTimes(width: 3)
    #expect(recent.count(7, at: 0, within: 10 * Self.hour) == nil)
    #expect(recent.count(7, at: 4 * Self.hour, within: 10 * Self.hour) == nil)
    #expect(recent.count(7, at: 10 * Self.hour, within: 10 * Self.hour) == 0)  // exactly at the edge: in
    #expect(recent.count(7, at: 11 * Self.hour, within: 10 * Self.hour) == nil)  // the count started again
    // Another customer's slots are its own.
    #expect(recent.count(2, at: 0, within: Self.hour) == nil)
    #expect(recent.times.count % 3 == 0)
  }

  @Test func aCounterpartySeenTwiceCountsOnceAndItsValueAddsUp() {
    var window = CounterpartyWindow(width: 3)
    let day: Int64 = 86_400
    window.record(0, fingerprint: 0xAAAA_0000_0000_0000, at: 0, cents: 100, window: day)
    window.record(0, fingerprint: 0xAAAA_0000_0000_0000, at: 3_600_000, cents: 50, window: day)
    window.record(0, fingerprint: 0xBBBB_0000_0000_0000, at: 7_200_000, cents: 10, window: day)
    let summary = window.summary(0, at: 7_200_000, window: day)
    #expect(summary == CounterpartyWindow.Summary(addresses: 2, cents: 160, earliestSeconds: 3_600))
  }

  @Test func moreCounterpartiesThanSlotsKeepTheMostRecentAndExpiredSlotsAreReused() {
    var window = CounterpartyWindow(width: 2)
    let hour: Int64 = 3_600
    for (index, fingerprint) in [UInt64(1) << 32, 2 << 32, 3 << 32].enumerated() {
      window.record(0, fingerprint: fingerprint, at: Int64(index + 1) * Self.hour, cents: Int64(index + 1), window: 10 * hour)
    }
    #expect(window.summary(0, at: 3 * Self.hour, window: 10 * hour) == .init(addresses: 2, cents: 5, earliestSeconds: 2 * hour))
    // Eleven hours after the second, only the third is within ten hours.
    #expect(window.summary(0, at: 13 * Self.hour, window: 10 * hour).addresses == 1)
    window.record(0, fingerprint: 4 << 32, at: 13 * Self.hour, cents: 4, window: 10 * hour)
    #expect(window.summary(0, at: 13 * Self.hour, window: 10 * hour) == .init(addresses: 2, cents: 7, earliestSeconds: 3 * hour))
    window.clear(0)
    #expect(window.summary(0, at: 13 * Self.hour, window: 10 * hour).addresses == 0)
  }

  /// A fan-in half-way through its window, saved and restored, fires as if never interrupted;
  /// restored under another number of senders, its slots are not reused.
  @Test func windowsSurviveASnapshotUnlessTheirWidthChanges() throws {
    var configuration = RulesConfiguration()
    configuration.fanIn.minimumSenders = 3
    configuration.fanIn.minimumReceived = USD(dollars: 300)
    var engine = Engine(configuration: configuration)
    engine.apply(CustomerRecord(customerID: "C1", recordedAt: Timestamp(rfc3339: "2025-01-01T00:00:00Z")!, clientClass: .professional))
    var sink = FindingList()
    func transfer(_ engine: inout Engine, _ kind: TransferKind, _ dollars: Int64, _ address: String, at time: String) {
      let event = TransferEvent(customer: 0, timestamp: Timestamp(rfc3339: time)!, kind: kind, usdValue: USD(dollars: dollars))
      var key = Array(address.utf8)
      _ = key.withUnsafeMutableBufferPointer { buffer in
        engine.evaluate(event, counterparty: UnsafeBufferPointer(buffer).span, labels: 0, tracksExposure: false, into: &sink)
      }
    }
    transfer(&engine, .deposit, 100, "0xa1", at: "2026-03-01T00:00:00Z")
    transfer(&engine, .deposit, 100, "0xa2", at: "2026-03-01T01:00:00Z")
    let snapshot = engine.snapshot()
    var restored = try Engine(restoring: snapshot, configuration: configuration)
    transfer(&restored, .deposit, 100, "0xa3", at: "2026-03-01T02:00:00Z")
    transfer(&restored, .withdrawal, 300, "0xb1", at: "2026-03-01T03:00:00Z")
    #expect(sink.findings.map(\.ruleID) == [FanInRule.ruleID])
    #expect(sink.findings.first?.explanation["distinct_senders"] == .integer(3))

    var four = configuration
    four.fanIn.minimumSenders = 4
    var other = try Engine(restoring: snapshot, configuration: four)
    sink = FindingList()
    transfer(&other, .deposit, 100, "0xa3", at: "2026-03-01T02:00:00Z")
    transfer(&other, .deposit, 100, "0xa4", at: "2026-03-01T02:30:00Z")
    transfer(&other, .withdrawal, 400, "0xb1", at: "2026-03-01T03:00:00Z")
    #expect(sink.findings.isEmpty)
  }

  /// With `consolidated_percent` 0, fan-in fires on the deposit that completes the senders, and a
  /// withdrawal no longer matters.
  @Test func fanInOnTheCollectionAloneFiresOnTheCompletingDeposit() {
    var policy = FanInPolicy()
    policy.minimumSenders = 3
    policy.minimumReceived = USD(cents: 0)
    policy.consolidatedPercent = 0
    var rule = FanInRule(policy: policy)
    var sink = FindingList()
    var fingerprint: UInt64 = 0
    for (hour, kind) in [(0, TransferKind.deposit), (1, .deposit), (2, .withdrawal), (3, .deposit), (4, .deposit)] {
      fingerprint += 1 << 32
      let event = TransferEvent(
        customer: 0, timestamp: Timestamp(millisecondsSinceEpoch: 1_770_000_000_000 + Int64(hour) * Self.hour), kind: kind,
        usdValue: USD(cents: 4_64))
      rule.evaluate(event, counterparty: fingerprint, into: &sink)
    }
    // The third sender is the fourth transfer's: the withdrawal between neither fired nor counted.
    #expect(sink.findings.count == 1)
    #expect(sink.findings.first?.explanation["received_usd"] == .usd(USD(cents: 13_92)))
    #expect(sink.findings.first?.explanation["consolidated_percent"] == nil)
    #expect(sink.findings.first?.eventAt == Timestamp(millisecondsSinceEpoch: 1_770_000_000_000 + 3 * Self.hour))
  }

  @Test func aDamagedTypologyTableIsRefused() throws {
    var engine = Engine()
    engine.apply(CustomerRecord(customerID: "C1", recordedAt: Timestamp(rfc3339: "2025-01-01T00:00:00Z")!, clientClass: .professional))
    var snapshot = engine.snapshot()
    #expect(throws: Never.self) { try Engine(restoring: snapshot, configuration: RulesConfiguration()) }
    // The rules' part ends with the round-tripping window: cut short, it cannot be restored.
    snapshot.rules.removeLast(8)
    #expect(throws: SnapshotError.self) { try Engine(restoring: snapshot, configuration: RulesConfiguration()) }
  }
}
