import Testing
import TamgaModel
@testable import TamgaRules

/// An engine with a few long-standing professional customers, fed deposits and withdrawals with
/// counterparty addresses, collecting what the two address typologies raise.
struct AddressHarness {
  var engine: Engine
  var sink = FindingList()
  static let start = Timestamp(rfc3339: "2026-03-01T00:00:00Z")!
  static let hour: Int64 = 3_600_000

  init(_ configuration: RulesConfiguration = RulesConfiguration(), customers: [String] = ["C1", "C2", "C3", "C4", "C5"]) {
    engine = Engine(configuration: configuration)
    for id in customers {
      engine.apply(CustomerRecord(customerID: id, recordedAt: Timestamp(rfc3339: "2025-01-01T00:00:00Z")!, clientClass: .professional))
    }
  }

  /// A deposit or withdrawal `hours` after the start (seconds may be added with `plus`).
  mutating func transfer(
    _ customer: String, _ kind: TransferKind, cents: Int64, _ address: String, hours: Int64, plusSeconds: Int64 = 0,
    namesVASP: Bool = false
  ) {
    guard let id = engine.customers.customer(customer) else { preconditionFailure("unknown customer \(customer)") }
    let time = Timestamp(millisecondsSinceEpoch: Self.start.millisecondsSinceEpoch + hours * Self.hour + plusSeconds * 1000)
    let event = TransferEvent(
      customer: id, timestamp: time, kind: kind, usdValue: USD(cents: cents), namesCounterpartyVASP: namesVASP)
    let key = Array(address.utf8)
    _ = engine.evaluate(event, counterparty: key.span, labels: 0, tracksExposure: false, into: &sink)
  }

  /// Deposits of USD 100.00 from `address`, one per customer and time.
  mutating func deposits(_ uses: KeyValuePairs<String, Int64>, from address: String = "0xabc") {
    for (customer, hours) in uses { transfer(customer, .deposit, cents: 100_00, address, hours: hours) }
  }

  /// The findings of one rule, and forgets every finding.
  mutating func take(_ rule: RuleID) -> [Finding] {
    defer { sink = FindingList() }
    return sink.findings.filter { $0.ruleID == rule }
  }

  /// The customers one rule alerted, in order, and forgets every finding.
  mutating func alerted(_ rule: RuleID) -> [String] {
    take(rule).map { engine.customers.customerID($0.customer) }
  }
}

@Suite struct SharedExternalAddressTests {
  static let rule = SharedExternalAddressRule.ruleID

  /// A VASP's address is shared by its customers by design: a row that names its counterparty
  /// VASP neither counts nor alerts, unless the configuration says to count them.
  @Test func addressesInRowsThatNameAVASPAreAService() {
    var harness = AddressHarness()
    harness.transfer("C1", .withdrawal, cents: 100_00, "0xhot", hours: 0, namesVASP: true)
    harness.transfer("C2", .withdrawal, cents: 100_00, "0xhot", hours: 1, namesVASP: true)
    harness.transfer("C3", .withdrawal, cents: 100_00, "0xhot", hours: 2)
    harness.transfer("C4", .withdrawal, cents: 100_00, "0xhot", hours: 3, namesVASP: true)
    #expect(harness.alerted(Self.rule).isEmpty)
    var configuration = RulesConfiguration()
    configuration.sharedExternalAddress.countsVASPAddresses = true
    var counting = AddressHarness(configuration)
    counting.transfer("C1", .withdrawal, cents: 100_00, "0xhot", hours: 0, namesVASP: true)
    counting.transfer("C2", .withdrawal, cents: 100_00, "0xhot", hours: 1, namesVASP: true)
    counting.transfer("C3", .withdrawal, cents: 100_00, "0xhot", hours: 2)
    #expect(counting.alerted(Self.rule) == ["C3"])
  }

  @Test func firesOnTheThirdCustomerAndNamesTheOtherTwo() {
    var harness = AddressHarness()
    harness.transfer("C1", .deposit, cents: 100_00, "0xabc", hours: 0)
    harness.transfer("C2", .withdrawal, cents: 200_00, "0xabc", hours: 24)
    #expect(harness.take(Self.rule).isEmpty)
    harness.transfer("C3", .deposit, cents: 300_00, "0xabc", hours: 48)
    let findings = harness.take(Self.rule)
    #expect(findings.count == 1)
    let finding = findings.first
    #expect(finding?.severity == .medium)
    #expect(finding?.explanation["counterparty_address"] == .text("0xabc"))
    #expect(finding?.explanation["distinct_customers"] == .integer(3))
    #expect(finding?.explanation["minimum_customers"] == .integer(3))
    #expect(finding?.explanation["other_customers"] == .list([.text("C1"), .text("C2")]))
    #expect(
      finding?.explanation["other_customers_last_used_at"]
        == .list([.time(AddressHarness.start), .time(Timestamp(rfc3339: "2026-03-02T00:00:00Z")!)]))
    #expect(finding?.explanation["usd_value"] == .usd(USD(cents: 300_00)))
    #expect(finding?.explanation["window_hours"] == .integer(720))
  }

  @Test func theSameCustomerAgainCountsOnce() {
    var harness = AddressHarness()
    harness.deposits(["C1": 0, "C1": 1, "C1": 2, "C1": 3, "C1": 4, "C2": 6])
    harness.transfer("C2", .withdrawal, cents: 100_00, "0xabc", hours: 7)
    #expect(harness.take(Self.rule).isEmpty)
  }

  /// Once alerted for an address, a customer's later transfers with it stay quiet while it is
  /// shared; a fourth customer is alerted for itself; after a window without a shared use, the
  /// next one alerts again.
  @Test func alertsEachCustomerOncePerAddressUntilAWindowPassesUnused() {
    var harness = AddressHarness()
    harness.deposits(["C1": 0, "C2": 1, "C3": 2])
    #expect(harness.alerted(Self.rule) == ["C3"])
    for hour in 3..<10 { harness.transfer("C3", .withdrawal, cents: 100_00, "0xabc", hours: Int64(hour) * 24) }
    #expect(harness.alerted(Self.rule).isEmpty)
    harness.deposits(["C4": 240])
    let fourth = harness.take(Self.rule)
    #expect(fourth.map(\.customer) == [harness.engine.customers.customer("C4")])
    // The slots keep the three most recent customers: C4's is the count of three, C1 is out.
    #expect(fourth.first?.explanation["other_customers"] == .list([.text("C2"), .text("C3")]))
    // C3 last used it at hour 216; more than 720 hours later, with C1 and C2 back, it is a new
    // episode. (C4's use at hour 240 is out of the window by then.)
    harness.deposits(["C1": 970, "C2": 971])
    #expect(harness.alerted(Self.rule).isEmpty)
    harness.deposits(["C3": 972])
    #expect(harness.alerted(Self.rule) == ["C3"])
  }

  /// An address busier than its slots: customers drop out of its three most recent and come
  /// back, and each is still alerted once.
  @Test func aCustomerBackOnABusyAddressIsNotAlertedTwice() {
    var harness = AddressHarness()
    for round in 0..<3 {
      for (index, customer) in ["C1", "C2", "C3", "C4", "C5"].enumerated() {
        harness.transfer(customer, .deposit, cents: 100_00, "0xabc", hours: Int64(round * 5 + index))
      }
    }
    #expect(harness.alerted(Self.rule) == ["C3", "C4", "C5", "C1", "C2"])
  }

  @Test func aUseOlderThanTheWindowNoLongerCounts() {
    var harness = AddressHarness()
    harness.deposits(["C1": 0, "C2": 100])
    harness.transfer("C3", .deposit, cents: 100_00, "0xabc", hours: 720, plusSeconds: 1)
    #expect(harness.alerted(Self.rule).isEmpty)
    // Exactly 720 hours after C2's: still in.
    harness.deposits(["C4": 820])
    #expect(harness.alerted(Self.rule) == ["C4"])
  }

  @Test func differentAddressesCountApart() {
    var harness = AddressHarness()
    harness.deposits(["C1": 0, "C3": 2])
    harness.deposits(["C2": 1], from: "0xabd")
    #expect(harness.alerted(Self.rule).isEmpty)
  }

  @Test func aTradeOrADisabledRuleDoesNotCount() {
    var harness = AddressHarness()
    harness.deposits(["C1": 0, "C2": 1])
    harness.transfer("C3", .convert, cents: 100_00, "0xabc", hours: 2)
    #expect(harness.alerted(Self.rule).isEmpty)

    var configuration = RulesConfiguration()
    configuration.sharedExternalAddress.isEnabled = false
    var disabled = AddressHarness(configuration)
    disabled.deposits(["C1": 0, "C2": 1, "C3": 2])
    #expect(disabled.alerted(Self.rule).isEmpty)
  }

  /// An address table filled past three quarters sweeps the addresses no one used within the
  /// window, and doubles only when more than half of it is still in use; what it holds answers
  /// the same after either.
  @Test func theTableSweepsExpiredAddressesAndDoublesWhenFull() {
    var table = AddressCustomers(width: 2)
    let hour: Int64 = 3_600_000
    let window: Int64 = 10 * 3_600
    // An address two customers use, first of all.
    _ = table.record(1, fingerprint: 0, at: 0, window: window)
    #expect(table.record(2, fingerprint: 0, at: hour, window: window).customers == 2)
    // 767 more addresses at hour 1: the table (1,024 entries) is three quarters full.
    for index in 1..<768 { _ = table.record(9, fingerprint: UInt64(index) &* 0x9E37_79B9_7F4A_7C15, at: hour, window: window) }
    #expect(table.count == 768 && table.keys.count == 1024)
    // Eleven hours later every address is out of its window: the sweep empties the table.
    _ = table.record(3, fingerprint: 0xFEED, at: 12 * hour, window: window)
    #expect(table.count == 1 && table.keys.count == 1024)
    // Fill it again, all live: now it doubles, and the live addresses still answer.
    _ = table.record(4, fingerprint: 0xFEED, at: 12 * hour, window: window)
    for index in 1..<800 { _ = table.record(9, fingerprint: UInt64(index) &* 0x9E37_79B9_7F4A_7C15, at: 12 * hour, window: window) }
    #expect(table.keys.count == 2048 && table.count == 800)
    let feed = table.record(5, fingerprint: 0xFEED, at: 13 * hour, window: window)
    #expect(feed.customers == 2)  // width 2: customers 4 and 5, the two most recent
    #expect(table.uses(entry: feed.entry, at: 13 * hour, window: window).map(\.customer) == [4, 5])
    // The fingerprint 0, swept with the rest, starts again from one customer.
    #expect(table.record(1, fingerprint: 0, at: 13 * hour, window: window).customers == 1)
  }

  /// Sweeping in place breaks the probe chains of the addresses it drops; those it keeps are
  /// seated again and still found.
  @Test func aSweepKeepsEveryLiveAddressFindable() {
    var table = AddressCustomers(width: 2)
    let hour: Int64 = 3_600_000
    let window: Int64 = 10 * 3_600
    // Twenty addresses with one home entry, every other one used long ago.
    let colliding = (1...20).map { UInt64($0) << 10 | 5 }
    for (index, key) in colliding.enumerated() {
      _ = table.record(1, fingerprint: key, at: index % 2 == 0 ? 0 : 20 * hour, window: window)
    }
    // Old addresses up to three quarters full; the next new address sweeps.
    var next: UInt64 = 1
    while table.count < 768 {
      _ = table.record(2, fingerprint: next &* 0x9E37_79B9_7F4A_7C15, at: 0, window: window)
      next += 1
    }
    _ = table.record(2, fingerprint: 0xFEED, at: 20 * hour, window: window)
    #expect(table.count == 11 && table.keys.count == 1024)
    // The kept ones first: looking up a dropped one would insert it again and fill a hole.
    for (index, key) in colliding.enumerated() where index % 2 == 1 {
      #expect(table.record(3, fingerprint: key, at: 21 * hour, window: window).customers == 2, "address \(index)")
    }
    for (index, key) in colliding.enumerated() where index % 2 == 0 {
      #expect(table.record(3, fingerprint: key, at: 21 * hour, window: window).customers == 1, "address \(index)")
    }
  }

  /// Customers shared before a snapshot count after it; one already alerted stays quiet; a
  /// snapshot restored under another minimum keeps nothing of the table.
  @Test func theTableAndTheAlertedAddressesSurviveASnapshot() throws {
    var harness = AddressHarness()
    harness.deposits(["C1": 0, "C2": 1])
    harness.deposits(["C1": 1, "C2": 1, "C3": 2], from: "0xdef")
    #expect(harness.alerted(Self.rule) == ["C3"])
    let snapshot = harness.engine.snapshot()

    var restored = AddressHarness()
    restored.engine = try Engine(restoring: snapshot, configuration: RulesConfiguration())
    #expect(restored.engine.sharedExternalAddress.addresses == harness.engine.sharedExternalAddress.addresses)
    restored.deposits(["C3": 3], from: "0xdef")
    #expect(restored.alerted(Self.rule).isEmpty)
    restored.deposits(["C3": 3])
    #expect(restored.alerted(Self.rule) == ["C3"])

    var two = RulesConfiguration()
    two.sharedExternalAddress.minimumCustomers = 2
    var other = AddressHarness()
    other.engine = try Engine(restoring: snapshot, configuration: two)
    #expect(other.engine.sharedExternalAddress.addresses.count == 0)
  }
}

@Suite struct RoundTrippingTests {
  static let rule = RoundTrippingRule.ruleID

  @Test func firesWhenMostOfAWithdrawalComesBackFromItsAddress() {
    var harness = AddressHarness()
    harness.transfer("C1", .withdrawal, cents: 5_000_00, "0xabc", hours: 0)
    harness.transfer("C1", .deposit, cents: 4_100_00, "0xabc", hours: 30)
    let findings = harness.take(Self.rule)
    #expect(findings.count == 1)
    let explanation = findings.first?.explanation
    #expect(findings.first?.severity == .medium)
    #expect(explanation?["counterparty_address"] == .text("0xabc"))
    #expect(explanation?["withdrawn_usd"] == .usd(USD(cents: 5_000_00)))
    #expect(explanation?["last_withdrawal_at"] == .time(AddressHarness.start))
    #expect(explanation?["returned_usd"] == .usd(USD(cents: 4_100_00)))
    #expect(explanation?["returned_percent"] == .integer(82))
    #expect(explanation?["minimum_returned_percent"] == .integer(80))
    #expect(explanation?["round_trip_usd"] == .usd(USD(cents: 4_100_00)))
    #expect(explanation?["minimum_round_trip_usd"] == .usd(USD(dollars: 1_000)))
    #expect(explanation?["hours_between"] == .integer(30))
    #expect(explanation?["window_hours"] == .integer(72))
    // What went out is accounted for: the same value again does not fire.
    harness.transfer("C1", .deposit, cents: 4_100_00, "0xabc", hours: 31)
    #expect(harness.take(Self.rule).isEmpty)
  }

  @Test(arguments: [
    (4_000_00 as Int64, 1),  // exactly 80%
    (3_999_99, 0),  // 79.99%
  ])
  func theShareIsAFloor(returned: Int64, alerts: Int) {
    var harness = AddressHarness()
    harness.transfer("C1", .withdrawal, cents: 5_000_00, "0xabc", hours: 0)
    harness.transfer("C1", .deposit, cents: returned, "0xabc", hours: 1)
    #expect(harness.take(Self.rule).count == alerts)
  }

  @Test func aReturnAfterTheWindowOrFromAnotherAddressOrCustomerDoesNotFire() {
    var harness = AddressHarness()
    harness.transfer("C1", .withdrawal, cents: 5_000_00, "0xabc", hours: 0)
    harness.transfer("C1", .deposit, cents: 5_000_00, "0xabd", hours: 1)
    harness.transfer("C2", .deposit, cents: 5_000_00, "0xabc", hours: 1)
    harness.transfer("C1", .deposit, cents: 5_000_00, "0xabc", hours: 72, plusSeconds: 1)
    #expect(harness.take(Self.rule).isEmpty)
  }

  /// The value that makes the round trip is the lesser of the two: a deposit after a test
  /// withdrawal is not a return of value.
  @Test func theRoundTripIsTheLesserOfWhatWentOutAndWhatCameBack() {
    var harness = AddressHarness()
    harness.transfer("C1", .withdrawal, cents: 10_00, "0xabc", hours: 0)
    harness.transfer("C1", .deposit, cents: 5_000_00, "0xabc", hours: 1)
    harness.transfer("C2", .withdrawal, cents: 1_200_00, "0xabc", hours: 0)
    harness.transfer("C2", .deposit, cents: 999_99, "0xabc", hours: 1)
    #expect(harness.take(Self.rule).isEmpty)
    // Withdrawals to one address add up: 600 + 600 out, 1,000 back is 83%.
    harness.transfer("C3", .withdrawal, cents: 600_00, "0xabc", hours: 0)
    harness.transfer("C3", .withdrawal, cents: 600_00, "0xabc", hours: 10)
    harness.transfer("C3", .deposit, cents: 1_000_00, "0xabc", hours: 80)
    let findings = harness.take(Self.rule)
    #expect(findings.first?.explanation["withdrawn_usd"] == .usd(USD(cents: 1_200_00)))
    #expect(findings.first?.explanation["hours_between"] == .integer(70))
  }

  /// Four withdrawal addresses are remembered; a fifth forgets the one seen longest ago.
  @Test func aFifthWithdrawalAddressEvictsTheOldest() {
    var harness = AddressHarness()
    for (index, address) in ["0xa1", "0xa2", "0xa3", "0xa4", "0xa5"].enumerated() {
      harness.transfer("C1", .withdrawal, cents: 2_000_00, address, hours: Int64(index))
    }
    harness.transfer("C1", .deposit, cents: 2_000_00, "0xa1", hours: 6)
    #expect(harness.take(Self.rule).isEmpty)
    harness.transfer("C1", .deposit, cents: 2_000_00, "0xa2", hours: 6)
    #expect(harness.take(Self.rule).count == 1)
  }

  @Test func aWithdrawalBeforeASnapshotIsMatchedAfterIt() throws {
    var harness = AddressHarness()
    harness.transfer("C1", .withdrawal, cents: 5_000_00, "0xabc", hours: 0)
    var restored = AddressHarness()
    restored.engine = try Engine(restoring: harness.engine.snapshot(), configuration: RulesConfiguration())
    restored.transfer("C1", .deposit, cents: 5_000_00, "0xabc", hours: 2)
    #expect(restored.take(Self.rule).count == 1)
  }
}

/// Stores written before format 8 still open, with the new typologies' state empty.
@Suite struct EngineFormatTests {
  /// A format-7 snapshot as that format wrote it: this build's, with the version set back to 7
  /// and the three tables format 8 appended, and format 9's miners' sales, taken off the rules'
  /// part. The harness refreshes no customer's KYC, so the customers' part has no history whose
  /// statuses format 9 widened.
  static func format7(_ engine: Engine) -> EngineSnapshot {
    var snapshot = engine.snapshot()
    var tail = BinaryWriter()
    tail.addressCustomers(engine.sharedExternalAddress.addresses)
    tail.addressCustomers(engine.sharedExternalAddress.alerted)
    tail.counterparties(engine.roundTripping.destinations, customers: engine.customers.count)
    tail.minerSales(engine.minerSales)
    precondition(snapshot.rules.suffix(tail.buffer.count).elementsEqual(tail.buffer))
    snapshot.rules.removeLast(tail.buffer.count)
    // The version follows the magic (a 4-byte length, then its 12 bytes).
    let versionOffset = 4 + Engine.magic.count
    for part in [\EngineSnapshot.customers, \EngineSnapshot.rules] {
      snapshot[keyPath: part].replaceSubrange(versionOffset..<versionOffset + 4, with: [7, 0, 0, 0])
    }
    snapshot.exposure?.replaceSubrange(versionOffset..<versionOffset + 4, with: [7, 0, 0, 0])
    return snapshot
  }

  @Test func aFormat7SnapshotRestoresWithTheNewStateEmpty() throws {
    var harness = AddressHarness()
    harness.deposits(["C1": 0, "C2": 1])
    harness.transfer("C3", .withdrawal, cents: 5_000_00, "0xdef", hours: 1)
    harness.deposits(["C4": 1], from: "0x41")
    let old = Self.format7(harness.engine)

    var restored = AddressHarness()
    restored.engine = try Engine(restoring: old, configuration: RulesConfiguration())
    #expect(restored.engine.customers.count == 5)
    #expect(restored.engine.sharedExternalAddress.addresses.count == 0)
    #expect(restored.engine.roundTripping.destinations.seen.isEmpty)
    // What format 7 held is still there: fan-out's window counts the earlier withdrawal.
    let c3 = try #require(harness.engine.customers.customer("C3"))
    let now = AddressHarness.start.millisecondsSinceEpoch + 2 * AddressHarness.hour
    let summary = restored.engine.fanOut.recipients.summary(c3, at: now, window: 72 * 3_600)
    #expect(summary == harness.engine.fanOut.recipients.summary(c3, at: now, window: 72 * 3_600))
    #expect(summary.cents == 5_000_00)
    // A third customer on the shared address, and C3's withdrawal coming back.
    let newRules = [SharedExternalAddressRule.ruleID, RoundTrippingRule.ruleID]
    func continueTheDay(_ harness: inout AddressHarness) -> [RuleID] {
      harness.deposits(["C5": 2])
      harness.transfer("C3", .deposit, cents: 5_000_00, "0xdef", hours: 2)
      return harness.sink.findings.map(\.ruleID).filter(newRules.contains)
    }
    // The new typologies start from nothing: C5 is the second customer the table knows, and the
    // return finds no withdrawal; restored from format 8, the same engine fires both.
    #expect(continueTheDay(&restored).isEmpty)
    var current = AddressHarness()
    current.engine = try Engine(restoring: harness.engine.snapshot(), configuration: RulesConfiguration())
    #expect(continueTheDay(&current) == newRules)
  }

  @Test func aDamagedAddressTableIsRefused() throws {
    var harness = AddressHarness()
    harness.deposits(["C1": 0])
    var snapshot = harness.engine.snapshot()
    var writer = BinaryWriter()
    writer.addressCustomers(harness.engine.sharedExternalAddress.addresses)
    var after = BinaryWriter()
    after.addressCustomers(harness.engine.sharedExternalAddress.alerted)
    after.counterparties(harness.engine.roundTripping.destinations, customers: 5)
    after.minerSales(harness.engine.minerSales)
    let start = snapshot.rules.count - after.buffer.count - writer.buffer.count
    // The table's capacity (after its width), 1,023: not a power of two.
    snapshot.rules.replaceSubrange(start + 4..<start + 8, with: [0xFF, 0x03, 0, 0])
    #expect(throws: SnapshotError.self) { try Engine(restoring: snapshot, configuration: RulesConfiguration()) }
  }
}
