import Testing
import TamgaModel
@testable import TamgaRules

/// The haircut method on hand-computed examples: every amount below is worked out in the
/// comments, in whole cents, rounding down at each step.
@Suite struct ExposureGraphTests {
  static func node(_ graph: inout ExposureGraph, _ name: String) -> ExposureGraph.Node {
    Array(name.utf8).withUnsafeBufferPointer { graph.address($0.span) }
  }

  @Test func valueIsTaintedInProportionHopByHopToTheCent() {
    var graph = ExposureGraph(hopLimit: 3)
    let market = Self.node(&graph, "market"), a = Self.node(&graph, "a"), b = Self.node(&graph, "b")
    let c = Self.node(&graph, "c"), d = Self.node(&graph, "d"), clean = Self.node(&graph, "clean")
    // A receives 1,000.00 from a darknet market and 3,000.00 from a clean address: 25% at hop 1.
    graph.flow(from: market, to: a, cents: 100_000, labels: ExposureCategory.darknetMarket.bit)
    graph.flow(from: clean, to: a, cents: 300_000, labels: 0)
    #expect(graph.received(a) == 400_000)
    #expect(graph.tainted(a, .darknetMarket, hop: 1) == 100_000)
    // B receives 200.00 from A: 200.00 × 1,000.00 / 4,000.00 = 50.00 of it at hop 2.
    graph.flow(from: a, to: b, cents: 20_000, labels: 0)
    #expect(graph.tainted(b, .darknetMarket, hop: 2) == 5_000)
    // C receives 33.33 from B: 33.33 × 50.00 / 200.00 = 8.3325, 8.33 at hop 3 (rounded down).
    graph.flow(from: b, to: c, cents: 3_333, labels: 0)
    #expect(graph.tainted(c, .darknetMarket, hop: 3) == 833)
    // D is a fourth hop away: beyond the limit of 3, nothing is carried.
    graph.flow(from: c, to: d, cents: 3_333, labels: 0)
    #expect(graph.received(d) == 3_333)
    #expect((1...3).allSatisfy { graph.tainted(d, .darknetMarket, hop: $0) == 0 })
    // Sending changes nothing for the sender, and no other category is touched.
    #expect(graph.tainted(a, .darknetMarket, hop: 1) == 100_000)
    #expect(graph.tainted(b, .ransomware, hop: 2) == 0)

    // Weighted shares with the default decay of 50% a hop.
    var rule = IndirectExposureRule()
    rule.graph = graph
    func share(_ node: ExposureGraph.Node) -> Int? { rule.exposure(of: node).first { $0.category == .darknetMarket }?.basisPoints }
    #expect(share(a) == 2_500)  // 25%
    #expect(share(b) == 1_250)  // 25% at hop 2, weighted by half
    #expect(share(c) == 624)  // 8.33 / 33.33 = 24.99% at hop 3, weighted by a quarter: 6.2481%
    #expect(share(d) == nil)
  }

  @Test func decayWeighsFurtherHopsLess() {
    var policy = ExposurePolicy()
    #expect(policy.shareBasisPoints(tainted: [0, 1_000, 0], received: 1_000) == 5_000)
    policy.decayPercent = 100
    #expect(policy.shareBasisPoints(tainted: [0, 1_000, 0], received: 1_000) == 10_000)
    policy.decayPercent = 0
    #expect(policy.shareBasisPoints(tainted: [500, 1_000, 0], received: 1_000) == 5_000)
    policy.decayPercent = 10
    #expect(policy.shareBasisPoints(tainted: [0, 0, 1_000], received: 1_000) == 100)  // 1% of 100%
    #expect(policy.shareBasisPoints(tainted: [1], received: 0) == 0)
  }

  @Test func aCycleStopsCountingAtTheHopLimitAndNeverLoops() {
    var graph = ExposureGraph(hopLimit: 2)
    let source = Self.node(&graph, "ransom"), a = Self.node(&graph, "a"), b = Self.node(&graph, "b")
    graph.flow(from: source, to: a, cents: 10_000, labels: ExposureCategory.ransomware.bit)
    // A → B carries A's hop 1 to B's hop 2; B → A would be hop 3, beyond the limit.
    for _ in 0..<50 {
      graph.flow(from: a, to: b, cents: 10_000, labels: 0)
      graph.flow(from: b, to: a, cents: 10_000, labels: 0)
    }
    #expect(graph.received(a) == 10_000 + 50 * 10_000)
    #expect(graph.tainted(a, .ransomware, hop: 1) == 10_000)
    #expect(graph.tainted(a, .ransomware, hop: 2) == 0)
    #expect(graph.received(b) == 50 * 10_000)
    // B's hop 2 is A's share (10,000 of what A had received) of each 10,000 sent, summed.
    var expected: Int64 = 0
    for round in 0..<50 { expected += 10_000 * 10_000 / Int64(10_000 + round * 10_000) }
    #expect(graph.tainted(b, .ransomware, hop: 2) == expected)
  }

  @Test func aLabelledSourceCountsOnceForItsOwnCategory() {
    var graph = ExposureGraph(hopLimit: 3)
    let mixer = Self.node(&graph, "mixer"), market = Self.node(&graph, "market"), customer = ExposureGraph.Node.customer(0)
    // The mixer itself received darknet value; what it sends is all mixer at hop 1 and its
    // darknet share one hop further.
    graph.flow(from: market, to: mixer, cents: 1_000, labels: ExposureCategory.darknetMarket.bit)
    graph.flow(from: mixer, to: customer, cents: 500, labels: ExposureCategory.mixer.bit)
    #expect(graph.tainted(customer, .mixer, hop: 1) == 500)
    #expect(graph.tainted(customer, .darknetMarket, hop: 2) == 500)
    #expect(graph.received(customer) == 500)
  }

  @Test func theGraphSurvivesAnEngineSnapshot() throws {
    var engine = Engine()
    engine.apply(CustomerRecord(customerID: "C1", recordedAt: Timestamp(millisecondsSinceEpoch: 0)))
    var sink = FindingList()
    func transfer(_ kind: TransferKind, _ cents: Int64, _ address: String, labels: UInt16 = 0) {
      let event = TransferEvent(customer: 0, timestamp: Timestamp(millisecondsSinceEpoch: 1), kind: kind, usdValue: USD(cents: cents))
      _ = Array(address.utf8).withUnsafeBufferPointer { engine.evaluate(event, counterparty: $0.span, labels: labels, into: &sink) }
    }
    // A deposit from a labelled address that never received value: no node for it.
    transfer(.deposit, 12_345, "0xscam", labels: ExposureCategory.scam.bit)
    #expect(engine.exposure.graph.existingAddress("0xscam") == nil)
    // A withdrawal makes its address a node, carrying the customer's scam share one hop on.
    transfer(.withdrawal, 1_000, "0xnext")
    let next = try #require(engine.exposure.graph.existingAddress("0xnext"))
    #expect(engine.exposure.graph.tainted(next, .scam, hop: 2) == 1_000)
    let restored = try Engine(restoring: engine.snapshot(), configuration: RulesConfiguration())
    #expect(restored.exposure.graph.tainted(.customer(0), .scam, hop: 1) == 12_345)
    #expect(restored.exposure.graph.received(.customer(0)) == 12_345)
    #expect(restored.exposure.graph.existingAddress("0xnext") == next)
    #expect(restored.exposure.graph.tainted(next, .scam, hop: 2) == 1_000)
    #expect(restored.snapshot() == engine.snapshot())
  }

  @Test func aCheckpointAndTheDeltasAfterItRestoreTheGraphExactly() throws {
    var engine = Engine()
    for customer in 0..<3 { engine.apply(CustomerRecord(customerID: "C\(customer)", recordedAt: Timestamp(millisecondsSinceEpoch: 0))) }
    var sink = FindingList()
    func transfer(_ customer: Int32, _ kind: TransferKind, _ cents: Int64, _ address: String, labels: UInt16 = 0) {
      let event = TransferEvent(
        customer: customer, timestamp: Timestamp(millisecondsSinceEpoch: 1), kind: kind, usdValue: USD(cents: cents))
      _ = Array(address.utf8).withUnsafeBufferPointer { engine.evaluate(event, counterparty: $0.span, labels: labels, into: &sink) }
    }
    transfer(0, .deposit, 10_000, "market", labels: ExposureCategory.darknetMarket.bit)
    transfer(0, .withdrawal, 1_000, "a")
    let checkpoint = engine.exposureCheckpoint()
    engine.exposureSaved()
    // After the checkpoint: an old node changes (a), new nodes are added clean (b) and tainted
    // (c, d), and rows are numbered in an order other than the changed nodes' (d before a's row).
    transfer(1, .deposit, 500, "casino", labels: ExposureCategory.gambling.bit)
    transfer(2, .withdrawal, 300, "b")
    transfer(1, .withdrawal, 200, "d")
    transfer(0, .withdrawal, 700, "a")
    transfer(0, .withdrawal, 50, "c")
    let first = engine.exposureDelta()
    engine.exposureSaved()
    transfer(1, .withdrawal, 100, "a")
    transfer(2, .deposit, 40, "d")
    let second = engine.exposureDelta()
    engine.exposureSaved()
    #expect(!engine.exposureHasChanges)
    #expect(engine.exposureDelta().count < first.count)

    let restored = try Engine(
      restoring: EngineSnapshot(
        customers: engine.customersSnapshot(), rules: engine.rulesSnapshot(), exposure: checkpoint,
        exposureDeltas: [first, second]),
      configuration: RulesConfiguration())
    #expect(restored.exposureCheckpoint() == engine.exposureCheckpoint())
    #expect(restored.exposure.graph.tainted(.address(1), .darknetMarket, hop: 2) == engine.exposure.graph.tainted(.address(1), .darknetMarket, hop: 2))
    // A delta applied on the wrong base is refused, not misread.
    #expect(throws: SnapshotError.self) {
      try Engine(
        restoring: EngineSnapshot(customers: engine.customersSnapshot(), rules: engine.rulesSnapshot(), exposure: checkpoint, exposureDeltas: [second]),
        configuration: RulesConfiguration())
    }
  }

  @Test func aFormatTwoEngineStateStillRestoresItsGraph() throws {
    var engine = Engine()
    engine.apply(CustomerRecord(customerID: "C1", recordedAt: Timestamp(millisecondsSinceEpoch: 0)))
    var sink = FindingList()
    let event = TransferEvent(customer: 0, timestamp: Timestamp(millisecondsSinceEpoch: 1), kind: .deposit, usdValue: USD(cents: 700))
    _ = Array("x".utf8).withUnsafeBufferPointer { engine.evaluate(event, counterparty: $0.span, labels: ExposureCategory.scam.bit, into: &sink) }
    // Format 2 kept the graph after the cap totals, in the rules' part.
    var rules = BinaryWriter()
    rules.bytes(Engine.magic)
    rules.u32(2)
    rules.totals(engine.retailCaps.totals)
    rules.exposure(engine.exposure.graph)
    let restored = try Engine(
      restoring: EngineSnapshot(customers: engine.customersSnapshot(), rules: rules.buffer), configuration: RulesConfiguration())
    #expect(restored.exposure.graph.tainted(.customer(0), .scam, hop: 1) == 700)
    #expect(restored.exposureCheckpoint() == engine.exposureCheckpoint())
  }
}
