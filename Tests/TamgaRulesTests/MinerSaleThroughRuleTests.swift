import Testing
import TamgaModel
@testable import TamgaRules

/// Licensed miners' sales, counted by local day from their licence on, and the sale-through
/// check on a declaration.
@Suite struct MinerSaleThroughRuleTests {
  static let onboarded = Timestamp(rfc3339: "2025-09-01T09:00:00Z")!

  /// M: a miner since onboarding; L: licensed from 15 March 2026; P: never licensed.
  private func engine(_ adjust: (inout RulesConfiguration) -> Void = { _ in }) -> Engine {
    var configuration = RulesConfiguration()
    adjust(&configuration)
    var engine = Engine(configuration: configuration)
    engine.apply(
      CustomerRecord(
        customerID: "M", recordedAt: Self.onboarded, personType: .legal, clientClass: .professional,
        miningLicence: "DM-1"))
    engine.apply(CustomerRecord(customerID: "L", recordedAt: Self.onboarded, personType: .legal, clientClass: .professional))
    engine.apply(
      CustomerRecord(
        customerID: "L", recordedAt: Timestamp(rfc3339: "2026-03-15T06:00:00Z")!, personType: .legal,
        clientClass: .professional, miningLicence: "DM-2"))
    engine.apply(CustomerRecord(customerID: "P", recordedAt: Self.onboarded, clientClass: .professional))
    return engine
  }

  private func sell(
    _ engine: inout Engine, _ customer: String, _ satoshis: Int128, at time: String, kind: TransferKind = .sell,
    asset: String = "BTC"
  ) {
    let id = engine.customers.customer(customer)!
    let event = TransferEvent(customer: id, timestamp: Timestamp(rfc3339: time)!, kind: kind, usdValue: USD(cents: 1_00))
    var bytes = Array(asset.utf8)
    bytes.withUnsafeMutableBufferPointer { engine.countMinerSale(event, baseUnits: satoshis, asset: UnsafeBufferPointer($0).span) }
  }

  private static let march = (
    CivilDate(year: 2026, month: 3, day: 1).daysSinceEpoch, CivilDate(year: 2026, month: 3, day: 31).daysSinceEpoch
  )

  private func soldInMarch(_ engine: Engine, _ customer: String, asset: String = "BTC") -> Int128 {
    engine.minerSales.sold(customer: engine.customers.customer(customer)!, asset: asset, days: Self.march.0...Self.march.1)
  }

  @Test func salesCountByTheirDayInAlmatyFromTheLicenceOn() {
    var engine = engine()
    sell(&engine, "M", 5_0000_0000, at: "2026-03-10T08:00:00Z")
    // 23:30 on 31 March in Almaty: March. 00:30 on 1 April: not.
    sell(&engine, "M", 2_0000_0000, at: "2026-03-31T18:30:00Z")
    sell(&engine, "M", 1_0000_0000, at: "2026-03-31T19:30:00Z")
    // A lower-case ticker is the same asset; a later sale on an earlier day is kept in order.
    sell(&engine, "M", 1, at: "2026-03-10T09:00:00Z", asset: "btc")
    sell(&engine, "M", 3, at: "2026-03-02T09:00:00Z")
    #expect(soldInMarch(engine, "M") == 7_0000_0004)
    // Buys, conversions and other assets are not sales of the mined asset.
    sell(&engine, "M", 100, at: "2026-03-11T09:00:00Z", kind: .buy)
    sell(&engine, "M", 100, at: "2026-03-11T09:00:00Z", kind: .convert)
    sell(&engine, "M", 100, at: "2026-03-11T09:00:00Z", asset: "ETH")
    #expect(soldInMarch(engine, "M") == 7_0000_0004)
    #expect(soldInMarch(engine, "M", asset: "ETH") == 100)
    // L's sale before its licence is not counted; P is no miner at all.
    sell(&engine, "L", 6_0000_0000, at: "2026-03-05T08:00:00Z")
    sell(&engine, "L", 1_0000_0000, at: "2026-03-20T08:00:00Z")
    sell(&engine, "P", 1_0000_0000, at: "2026-03-20T08:00:00Z")
    #expect(soldInMarch(engine, "L") == 1_0000_0000)
    #expect(soldInMarch(engine, "P") == 0)
    #expect(engine.minerSales.ordered.map(\.customer) == [0, 1])
  }

  @Test func theSalesAndTheLicenceOutliveASnapshot() throws {
    var engine = engine()
    sell(&engine, "M", 5, at: "2026-03-10T08:00:00Z")
    sell(&engine, "M", 7, at: "2026-03-12T08:00:00Z", asset: "ETH")
    var restored = try Engine(restoring: engine.snapshot(), configuration: RulesConfiguration())
    #expect(restored.minerSales == engine.minerSales)
    // L's history (unlicensed, then licensed) survives, so its early sales stay uncounted.
    let l = try #require(restored.customers.customer("L"))
    #expect(!restored.customers.status(of: l, at: Timestamp(rfc3339: "2026-03-05T08:00:00Z")!).isLicensedMiner)
    #expect(restored.customers.status(of: l, at: Timestamp(rfc3339: "2026-03-20T08:00:00Z")!).isLicensedMiner)
    sell(&restored, "M", 1, at: "2026-03-10T09:00:00Z")
    #expect(soldInMarch(restored, "M") == 6)
  }

  /// The engine's snapshot after one sale by M, and the length of the miners' table that ends
  /// its rules' part.
  private func snapshotAfterOneSale() -> (EngineSnapshot, tableLength: Int) {
    var engine = engine()
    sell(&engine, "M", 5, at: "2026-03-10T08:00:00Z")
    var table = BinaryWriter()
    table.minerSales(engine.minerSales)
    return (engine.snapshot(), table.buffer.count)
  }

  /// A store written by the build before miners (format 8) opens: it holds no miners' sales, and
  /// the history of a refreshed customer reads without the byte format 9 added to each status.
  /// (Format 8's packed statuses held zeros where format 9 keeps the licence flag.)
  @Test func aFormat8SnapshotRestoresWithNoMiners() throws {
    var (old, tableLength) = snapshotAfterOneSale()
    old.rules.removeLast(tableLength)
    // L's one earlier status is the customers' part's last bytes; its flag is the last of them.
    #expect(old.customers.last == 0)
    old.customers.removeLast()
    let versionOffset = 4 + Engine.magic.count
    for part in [\EngineSnapshot.customers, \EngineSnapshot.rules] {
      old[keyPath: part].replaceSubrange(versionOffset..<versionOffset + 4, with: [8, 0, 0, 0])
    }
    let restored = try Engine(restoring: old, configuration: RulesConfiguration())
    #expect(restored.minerSales.isEmpty)
    #expect(restored.customers.history(of: 1).count == 2)
    #expect(restored.customers.count == 3)
  }

  @Test func aDamagedMinersTableIsRefused() throws {
    var (snapshot, tableLength) = snapshotAfterOneSale()
    // The miner's id follows the count of miners: name a customer the book does not hold.
    let start = snapshot.rules.count - tableLength
    snapshot.rules.replaceSubrange(start + 4..<start + 8, with: [9, 0, 0, 0])
    #expect(throws: SnapshotError.self) { try Engine(restoring: snapshot, configuration: RulesConfiguration()) }
  }

  private func declaration(mined: Int128, elsewhere: Int128 = 0) -> MinerDeclaration {
    MinerDeclaration(
      customerID: "M", asset: "BTC", periodStart: CivilDate(year: 2026, month: 3, day: 1),
      periodEnd: CivilDate(year: 2026, month: 3, day: 31), mined: AssetAmount(baseUnits: mined, decimals: 8),
      soldElsewhere: AssetAmount(baseUnits: elsewhere, decimals: 8),
      declaredAt: Timestamp(rfc3339: "2026-04-05T10:00:00Z")!)
  }

  private func finding(
    _ declaration: MinerDeclaration, soldHere: Int128, regime: Regime = .aifc, countedFrom: String? = nil,
    policy: MinerSaleThroughPolicy = MinerSaleThroughPolicy()
  ) -> Finding? {
    let status = CustomerStatus(
      since: Self.onboarded, personType: .legal, clientClass: .professional, regime: regime, verification: .none,
      annualIncome: nil, netWorth: nil, isLicensedMiner: true)
    return MinerSaleThroughRule(policy: policy).finding(
      for: declaration, customer: 0, soldHere: soldHere, status: status,
      countedFrom: countedFrom.map { Timestamp(rfc3339: $0)! }, licence: "DM-1")
  }

  @Test func shortOfTheShareByOneBaseUnitFiresExactlyAtItDoesNot() throws {
    let short = try #require(finding(declaration(mined: 10_0000_0000, elsewhere: 4999_0000), soldHere: 7_0000_0000))
    #expect(short.ruleID == MinerSaleThroughRule.saleThrough)
    #expect(short.severity == .medium)
    // Dated when it was declared, after the period.
    #expect(short.eventAt == Timestamp(rfc3339: "2026-04-05T10:00:00Z")!)
    #expect(
      short.explanation.json
        == #"{"asset":"BTC","period_start":"2026-03-01","period_end":"2026-03-31","declared_at":"2026-04-05T10:00:00Z","mined":"10","sold_here":"7","sold_elsewhere":"0.4999","sold_share_percent":"74.99","required_share_percent":75,"required":"7.5","shortfall":"0.0001","mining_licence":"DM-1","regime":"aifc"}"#)
    #expect(finding(declaration(mined: 10_0000_0000, elsewhere: 5000_0000), soldHere: 7_0000_0000) == nil)
    #expect(finding(declaration(mined: 10_0000_0000), soldHere: 7_5000_0000) == nil)
    // One satoshi short of 75% of an odd output: the required amount is rounded up.
    let odd = try #require(finding(declaration(mined: 3), soldHere: 2))
    #expect(odd.explanation["required"] == .text("0.00000003"))
    #expect(finding(declaration(mined: 4), soldHere: 3) == nil)
    // Nothing mined, nothing owed.
    #expect(finding(declaration(mined: 0), soldHere: 0) == nil)
  }

  @Test func theShareTheRegimesAndWhenSalesWereCounted() throws {
    var half = MinerSaleThroughPolicy()
    half.requiredSharePercent = 50
    #expect(finding(declaration(mined: 10_0000_0000), soldHere: 5_0000_0000, policy: half) == nil)
    #expect(finding(declaration(mined: 10_0000_0000), soldHere: 4_9999_9999, policy: half) != nil)
    var aifcOnly = MinerSaleThroughPolicy()
    aifcOnly.check.regimes = [.aifc]
    #expect(finding(declaration(mined: 10), soldHere: 0, regime: .national, policy: aifcOnly) == nil)
    var off = MinerSaleThroughPolicy()
    off.check.isEnabled = false
    #expect(finding(declaration(mined: 10), soldHere: 0, policy: off) == nil)
    // A licence from before the period says nothing; one from inside it is named.
    let before = try #require(finding(declaration(mined: 10), soldHere: 0, countedFrom: "2025-09-01T09:00:00Z"))
    #expect(before.explanation["sales_counted_from"] == nil)
    let inside = try #require(finding(declaration(mined: 10), soldHere: 0, countedFrom: "2026-03-15T06:00:00Z"))
    #expect(inside.explanation["sales_counted_from"] == .time(Timestamp(rfc3339: "2026-03-15T06:00:00Z")!))
    #expect(inside.explanation["sold_share_percent"] == .text("0.00"))
  }
}
