import Testing
import TamgaModel
@testable import TamgaRules

/// A small world: customers by id and a way to send buys through the engine.
struct CapWorld {
  var engine: Engine
  var findings = FindingList()

  init(policy: RetailCapPolicy = RetailCapPolicy()) {
    var configuration = RulesConfiguration()
    configuration.retailCaps = policy
    engine = Engine(configuration: configuration)
  }

  mutating func customer(
    _ id: String, since: String = "2026-01-01T00:00:00Z", person: PersonType = .individual,
    class clientClass: ClientClass = .retail, regime: Regime = .aifc, verification: Verification = .none,
    income: Int64? = nil, netWorth: Int64? = nil
  ) {
    engine.apply(
      CustomerRecord(
        customerID: id, recordedAt: Timestamp(rfc3339: since)!, personType: person, clientClass: clientClass,
        regime: regime, verification: verification, annualIncome: income.map { USD(dollars: $0) },
        netWorth: netWorth.map { USD(dollars: $0) }))
  }

  @discardableResult
  mutating func buy(_ id: String, _ cents: Int64, at time: String, kind: TransferKind = .buy) -> Unevaluable? {
    let customer = engine.customers.customer(id)!
    let event = TransferEvent(customer: customer, timestamp: Timestamp(rfc3339: time)!, kind: kind, usdValue: USD(cents: cents))
    return engine.evaluate(event, into: &findings)
  }

  var fired: [String] { findings.findings.map { "\($0.ruleID)@\($0.explanation["total_after"].map(describe) ?? "")" } }

  func describe(_ value: Explanation.Value) -> String {
    if case .usd(let usd) = value { return usd.plain }
    return "\(value)"
  }
}

@Suite struct MonthlyCapTests {
  @Test func firesOnTheBuyThatCrossesUSD1000AndEachBuyAfter() {
    var world = CapWorld()
    world.customer("C1")
    world.buy("C1", 600_00, at: "2026-03-02T10:00:00Z")
    world.buy("C1", 300_00, at: "2026-03-05T10:00:00Z")
    #expect(world.findings.findings.isEmpty)
    world.buy("C1", 200_00, at: "2026-03-09T10:00:00Z")
    world.buy("C1", 50_00, at: "2026-03-10T10:00:00Z")
    #expect(world.fired == ["aifc.retail-cap.monthly@1100.00", "aifc.retail-cap.monthly@1150.00"])
    let first = world.findings.findings[0]
    #expect(first.severity == .high)
    #expect(first.explanation["crossed_limit"] == .flag(true))
    #expect(world.findings.findings[1].explanation["crossed_limit"] == .flag(false))
    #expect(first.explanation["total_before"] == .usd(USD(dollars: 900)))
    #expect(first.explanation["over_limit_by"] == .usd(USD(dollars: 100)))
    #expect(first.explanation["period"] == .text("2026-03"))
  }

  @Test func exactlyAtTheLimitDoesNotFire() {
    var world = CapWorld()
    world.customer("C1")
    world.buy("C1", 999_99, at: "2026-03-02T10:00:00Z")
    world.buy("C1", 1, at: "2026-03-02T11:00:00Z")
    #expect(world.findings.findings.isEmpty)
    world.buy("C1", 1, at: "2026-03-02T12:00:00Z")
    #expect(world.fired == ["aifc.retail-cap.monthly@1000.01"])
  }

  @Test func onlyBuysCount() {
    var world = CapWorld()
    world.customer("C1")
    for kind in [TransferKind.deposit, .withdrawal, .sell, .convert] {
      world.buy("C1", 5_000_00, at: "2026-03-02T10:00:00Z", kind: kind)
    }
    // No cap fires; the 5,000.00 deposited and withdrawn at once is a rapid pass-through.
    #expect(world.findings.findings.map(\.ruleID) == [RapidPassThroughRule.ruleID])
  }

  @Test func monthBoundaryIsAlmatyMidnight() {
    var world = CapWorld()
    world.customer("C1")
    world.buy("C1", 800_00, at: "2026-03-31T18:59:59Z")  // 23:59:59 on 31 March in Almaty
    world.buy("C1", 800_00, at: "2026-03-31T19:00:00Z")  // 00:00 on 1 April in Almaty
    #expect(world.findings.findings.isEmpty)
    world.buy("C1", 300_00, at: "2026-04-15T10:00:00Z")
    #expect(world.fired == ["aifc.retail-cap.monthly@1100.00"])
  }

  @Test(arguments: [
    (PersonType.individual, ClientClass.professional, Regime.aifc),
    (.individual, .marketCounterparty, .aifc),
    (.legal, .retail, .aifc),
    (.individual, .retail, .national),
  ])
  func exemptClassesNeverFire(person: PersonType, clientClass: ClientClass, regime: Regime) {
    var world = CapWorld()
    world.customer("C1", person: person, class: clientClass, regime: regime)
    world.buy("C1", 500_000_00, at: "2026-03-02T10:00:00Z")
    #expect(world.findings.findings.isEmpty)
    guard case .exempt = world.engine.headroom(of: 0, at: Timestamp(rfc3339: "2026-03-03T00:00:00Z")!).cap else {
      Issue.record("expected an exemption")
      return
    }
  }

  @Test func knowledgeTestAloneKeepsTheMonthlyLimitUnlessConfigured() {
    var world = CapWorld()
    world.customer("C1", verification: .knowledgeTest)
    world.buy("C1", 1_500_00, at: "2026-03-02T10:00:00Z")
    #expect(world.fired == ["aifc.retail-cap.monthly@1500.00"])
    var policy = RetailCapPolicy()
    policy.knowledgeTestCountsAsVerified = true
    var lenient = CapWorld(policy: policy)
    lenient.customer("C1", verification: .knowledgeTest)
    lenient.buy("C1", 1_500_00, at: "2026-03-02T10:00:00Z")
    #expect(lenient.findings.findings.isEmpty)
  }
}

@Suite struct AnnualCapTests {
  @Test func verifiedClientsHaveUSD100000AYear() {
    var world = CapWorld()
    world.customer("C1", verification: .incomeVerified)
    world.buy("C1", 60_000_00, at: "2026-02-01T10:00:00Z")
    world.buy("C1", 40_000_00, at: "2026-11-01T10:00:00Z")
    #expect(world.findings.findings.isEmpty)
    world.buy("C1", 1, at: "2026-12-31T18:59:59Z")
    #expect(world.fired == ["aifc.retail-cap.annual@100000.01"])
    world.buy("C1", 90_000_00, at: "2026-12-31T19:00:00Z")  // 1 January 2027 in Almaty
    #expect(world.findings.findings.count == 1)
  }

  @Test func declaredIncomeAndNetWorthLowerTheLimitToTheLesser() {
    var world = CapWorld()
    world.customer("INCOME", verification: .incomeVerified, income: 200_000, netWorth: 1_000_000)  // min(20,000; 50,000)
    world.customer("WORTH", verification: .incomeVerified, income: 900_000, netWorth: 300_000)  // min(90,000; 15,000)
    world.buy("INCOME", 20_000_00, at: "2026-03-02T10:00:00Z")
    world.buy("WORTH", 15_000_00, at: "2026-03-02T10:00:00Z")
    #expect(world.findings.findings.isEmpty)
    world.buy("INCOME", 1_00, at: "2026-03-03T10:00:00Z")
    world.buy("WORTH", 1_00, at: "2026-03-03T10:00:00Z")
    #expect(world.fired == ["aifc.retail-cap.annual@20001.00", "aifc.retail-cap.annual@15001.00"])
    #expect(world.findings.findings[0].explanation["limit"] == .usd(USD(dollars: 20_000)))
    #expect(world.findings.findings[1].explanation["limit_basis"] == .text("income-verified retail client: 5% of declared net worth USD 300,000.00"))
  }

  @Test func verificationMidMonthAppliesFromItsRecordedAt() {
    var world = CapWorld()
    world.customer("C1", since: "2026-01-01T00:00:00Z")
    world.buy("C1", 900_00, at: "2026-03-02T10:00:00Z")
    // The KYC refresh arrives later in the file but is recorded on 10 March.
    world.customer("C1", since: "2026-03-10T00:00:00Z", verification: .incomeVerified)
    world.buy("C1", 200_00, at: "2026-03-05T10:00:00Z")  // before the refresh: monthly limit, 1,100 > 1,000
    world.buy("C1", 5_000_00, at: "2026-03-12T10:00:00Z")  // after: annual limit, 6,100 of 100,000
    #expect(world.fired == ["aifc.retail-cap.monthly@1100.00"])
    let status = world.engine.customers.status(of: 0, at: Timestamp(rfc3339: "2026-03-11T00:00:00Z")!)
    #expect(status.verification == .incomeVerified)
  }
}

@Suite struct LatePurchaseTests {
  @Test func aLateBuyCountsInItsOwnMonth() {
    var world = CapWorld()
    world.customer("C1")
    world.buy("C1", 900_00, at: "2026-03-20T10:00:00Z")
    world.buy("C1", 50_00, at: "2026-04-02T10:00:00Z")
    world.buy("C1", 200_00, at: "2026-03-25T10:00:00Z")  // reported after April began
    #expect(world.fired == ["aifc.retail-cap.monthly@1100.00"])
    #expect(world.findings.findings[0].explanation["period"] == .text("2026-03"))
    world.buy("C1", 900_00, at: "2026-04-03T10:00:00Z")
    #expect(world.fired.count == 1)  // April: 950, unaffected by March
  }

  @Test func aBuyOlderThanTheTwoMonthsHeldIsUnevaluable() {
    var world = CapWorld()
    world.customer("C1")
    world.buy("C1", 100_00, at: "2026-03-20T10:00:00Z")
    world.buy("C1", 100_00, at: "2026-04-20T10:00:00Z")
    let problem = world.buy("C1", 100_00, at: "2026-02-20T10:00:00Z")
    #expect(problem != nil)
    #expect(world.findings.findings.isEmpty)
    // A month between the two held had no purchases, so it starts from zero.
    var gap = CapWorld()
    gap.customer("C1")
    gap.buy("C1", 100_00, at: "2026-01-20T10:00:00Z")
    gap.buy("C1", 100_00, at: "2026-04-20T10:00:00Z")
    #expect(gap.buy("C1", 1_100_00, at: "2026-03-01T10:00:00Z") == nil)
    #expect(gap.fired == ["aifc.retail-cap.monthly@1100.00"])
  }
}

@Suite struct EngineSnapshotTests {
  @Test func aRestoredEngineCarriesOnExactly() throws {
    var whole = CapWorld()
    var first = CapWorld()
    for id in ["C1", "C2"] {
      whole.customer(id)
      first.customer(id)
    }
    whole.customer("C2", since: "2026-03-10T00:00:00Z", verification: .incomeVerified, income: 50_000)
    first.customer("C2", since: "2026-03-10T00:00:00Z", verification: .incomeVerified, income: 50_000)
    let dayOne = [("C1", 700_00, "2026-03-02T10:00:00Z"), ("C2", 4_000_00, "2026-03-12T10:00:00Z")]
    let dayTwo = [("C1", 400_00, "2026-03-03T10:00:00Z"), ("C2", 1_500_00, "2026-03-13T10:00:00Z")]
    for (id, cents, time) in dayOne + dayTwo { whole.buy(id, Int64(cents), at: time) }
    for (id, cents, time) in dayOne { first.buy(id, Int64(cents), at: time) }
    let bytes = first.engine.snapshot()
    var second = CapWorld()
    second.engine = try Engine(restoring: bytes, configuration: RulesConfiguration())
    #expect(second.engine.snapshot() == bytes)
    for (id, cents, time) in dayTwo { second.buy(id, Int64(cents), at: time) }
    #expect(first.fired + second.fired == whole.fired)
    #expect(whole.fired == ["aifc.retail-cap.monthly@1100.00", "aifc.retail-cap.annual@5500.00"])
    #expect(second.engine.snapshot() == whole.engine.snapshot())
  }

  @Test func aDamagedSnapshotIsRefused() {
    var world = CapWorld()
    world.customer("C1")
    let good = world.engine.snapshot()
    let nonsense = EngineSnapshot(customers: Array("nonsense".utf8), rules: good.rules)
    #expect(throws: SnapshotError.self) { try Engine(restoring: nonsense, configuration: RulesConfiguration()) }
    let truncated = EngineSnapshot(customers: Array(good.customers.dropLast()), rules: good.rules)
    #expect(throws: SnapshotError.self) { try Engine(restoring: truncated, configuration: RulesConfiguration()) }
    let damagedRules = EngineSnapshot(customers: good.customers, rules: Array(good.rules.dropLast(3)))
    #expect(throws: SnapshotError.self) { try Engine(restoring: damagedRules, configuration: RulesConfiguration()) }
  }
}

@Suite struct PackedStatusTests {
  @Test func packedStatusesHaveNoPaddingSoSnapshotsAreReproducible() {
    #expect(MemoryLayout<PackedStatus>.size == MemoryLayout<PackedStatus>.stride)
    #expect(MemoryLayout<CapTotals>.size == MemoryLayout<CapTotals>.stride)
  }
}

@Suite struct CompactTotalsTests {
  @Test func periodTotalsRoundTripThroughTheirVarintForm() throws {
    var busy = PeriodTotals()
    busy.add(123_456_789_00, in: 24_314)
    busy.add(5, in: 24_315)
    let totals = [CapTotals(), CapTotals(month: busy, year: PeriodTotals()), CapTotals(month: busy, year: busy)]
    var out = BinaryWriter()
    out.totals(totals)
    var input = BinaryReader(out.buffer)
    #expect(try input.totals() == totals)
    #expect(input.isAtEnd)
    // A customer with no purchases costs 8 bytes, not 48.
    var empty = BinaryWriter()
    empty.totals([CapTotals()])
    #expect(empty.buffer.count == 4 + 8)
  }
}
