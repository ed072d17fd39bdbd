import Foundation
import Testing
import TamgaModel
import TamgaRules
import TamgaScreening
import TamgaStore
import TamgaTestSupport
@testable import TamgaPipeline

/// Chain-edge files replayed into the exposure graph, and the deposits that meet what they moved.
@Suite struct ChainEdgeReplayTests {
  static let darknet = "0x8576AcC5C05D6Ce88f4e49bf65BdF0C62F91353C"
  static let intermediary = "0x1111111111111111111111111111111111111111"
  static let third = "0x2222222222222222222222222222222222222222"
  static let clean = "0x3333333333333333333333333333333333333333"
  static let edgesHeader = "from_address,to_address,asset,amount,usd_value,timestamp,chain"

  static func edge(_ from: String, _ to: String, _ usd: String, at time: String = "2026-03-02T10:00:00Z") -> String {
    "\(from),\(to),USDT,\(usd),\(usd),\(time),ethereum"
  }

  /// The market sends 1,000.00 to the intermediary, which also receives 3,000.00 clean (25%
  /// darknet at hop 1) and sends 800.00 to the third address: 200.00 darknet at hop 2, all the
  /// third address received.
  static let chainEdges = [
    edge(darknet, intermediary, "1000.00"), edge(clean, intermediary, "3000.00"), edge(intermediary, third, "800.00"),
  ]

  struct Setting {
    let folder: TemporaryDirectory
    let store: CaseStore

    init() throws {
      folder = try TemporaryDirectory()
      store = try folder.freshStore()
    }

    func loadLabels() throws {
      let labels = try folder.write(
        "labels.csv", "chain,address,category,entity,source\nethereum,\(ChainEdgeReplayTests.darknet),darknet_market,Hydra Market,vendor\n")
      _ = try ListUpdate.load(
        .labels, path: labels, name: "vendor", into: store, configuration: TamgaConfiguration(),
        at: Timestamp(millisecondsSinceEpoch: 1_000))
    }

    func write(_ name: String, edges: [String]) throws -> String {
      try folder.write(name, ([ChainEdgeReplayTests.edgesHeader] + edges).joined(separator: "\n") + "\n")
    }

    var customers: String {
      get throws {
        try folder.write("customers.csv", Fixture.customersCSV([Fixture.customerRow("C1", clientClass: "professional")]))
      }
    }

    /// C1 deposits 100.00 from the third address.
    var deposit: String {
      get throws {
        try folder.write(
          "transfers.csv",
          Fixture.transfersCSV(["T1,2026-03-03T09:00:00Z,C1,deposit,USDT,ethereum,100,100.00,\(ChainEdgeReplayTests.third),,"]))
      }
    }

    func replay(customers: [String] = [], chainEdges: [String] = [], transfers: [String] = []) throws -> ReplaySummary {
      try Replayer(store: store).replay(customers: customers, chainEdges: chainEdges, transfers: transfers)
    }

    func exposure(_ address: String) throws -> AddressExposure? { try Replayer(store: store).exposure(ofAddress: address) }
  }

  @Test func aDepositFromAnAddressTheEdgesTaintedIsAlertedAtItsShare() throws {
    let setting = try Setting()
    try setting.loadLabels()
    let summary = try setting.replay(
      customers: [try setting.customers], chainEdges: [try setting.write("chain-edges.csv", edges: Self.chainEdges)],
      transfers: [try setting.deposit])
    #expect(summary.files.map(\.kind) == [.customers, .chainEdges, .transfers])
    let edges = try #require(summary.files.dropFirst().first?.entry)
    #expect(edges.rowsAccepted == 3 && edges.rowsRejected == 0 && edges.alertsRaised == 0)
    #expect(edges.firstEventAt == Timestamp(rfc3339: "2026-03-02T10:00:00Z"))
    let alerts = try setting.store.alerts()
    #expect(alerts.map(\.ruleID.rawValue) == ["exposure.indirect.darknet_market"])
    let values = try #require(alerts.first).explanationValues
    #expect(values["counterparty_address"] == Self.third)
    #expect(values["counterparty_received"] == "800.00")
    #expect(values["counterparty_tainted_by_hop"] == "0.00;200.00;0.00")
    // 25% at hop 2, weighted by half.
    #expect(values["share_basis_points"] == "1250")
  }

  @Test func aFileReplayedAgainIsSkippedAndMovesNothingTwice() throws {
    let setting = try Setting()
    try setting.loadLabels()
    let path = try setting.write("chain-edges.csv", edges: Self.chainEdges)
    _ = try setting.replay(chainEdges: [path])
    // The same bytes under another name are the same file.
    let copy = setting.folder.file("copy-of-edges.csv")
    try FileManager.default.copyItem(atPath: path, toPath: copy)
    let again = try setting.replay(chainEdges: [copy])
    #expect(again.files.map(\.wasAlreadyIngested) == [true])
    #expect(try setting.store.ledger().count == 1)
    #expect(try setting.exposure(Self.third)?.received == USD(cents: 80_000))
    #expect(try setting.exposure(Self.intermediary)?.received == USD(cents: 400_000))
  }

  @Test func aBadRowIsRejectedAndTheOthersCount() throws {
    let setting = try Setting()
    try setting.loadLabels()
    let path = try setting.write(
      "chain-edges.csv",
      edges: [Self.chainEdges[0], Self.chainEdges[1], "\(Self.clean),\(Self.intermediary),USDT,5,,2026-03-02T10:00:00Z,ethereum", Self.chainEdges[2]])
    let summary = try setting.replay(chainEdges: [path])
    #expect(summary.rowsAccepted == 3)
    #expect(summary.rowsRejected == 1)
    let rejection = try #require(try setting.store.rejections().first).rejection
    #expect(rejection.line == 4)
    #expect(rejection.column == "usd_value")
    #expect(rejection.reason.code == .missingValue)
    // The rejected 5.00 never reached the intermediary.
    #expect(try setting.exposure(Self.intermediary)?.received == USD(cents: 400_000))
    #expect(try setting.exposure(Self.third)?.categories.first?.taintedByHop == [.zero, USD(cents: 20_000), .zero])
  }

  /// Value going round A → B → A → B stops at the hop limit (3): what reaches A again at hop 3
  /// goes no further, and an address paying itself moves nothing.
  @Test func aCycleStopsCountingAtTheHopLimit() throws {
    let setting = try Setting()
    try setting.loadLabels()
    let a = Self.intermediary
    let b = Self.third
    var edges = [Self.edge(Self.darknet, a, "100.00"), Self.edge(a, b, "100.00"), Self.edge(b, a, "100.00"), Self.edge(a, b, "100.00")]
    edges.append(Self.edge(a, a, "100.00"))
    _ = try setting.replay(chainEdges: [try setting.write("chain-edges.csv", edges: edges)])
    // A: 100.00 from the market (hop 1) and 100.00 back from B (hop 3).
    let atA = try #require(try setting.exposure(a))
    #expect(atA.received == USD(cents: 20_000))
    #expect(atA.categories.map(\.taintedByHop) == [[USD(cents: 10_000), .zero, USD(cents: 10_000)]])
    // B: 100.00 at hop 2, then 100.00 × 100 / 200 = 50.00 more at hop 2; A's hop-3 value would be
    // hop 4 here, beyond the limit.
    let atB = try #require(try setting.exposure(b))
    #expect(atB.received == USD(cents: 20_000))
    #expect(atB.categories.map(\.taintedByHop) == [[.zero, USD(cents: 15_000), .zero]])

    // A thousand times round the cycle: it ends, and no address holds more tainted than received.
    let many = (0..<1_000).map { Self.edge($0 % 2 == 0 ? a : b, $0 % 2 == 0 ? b : a, "100.00") }
    _ = try setting.replay(chainEdges: [try setting.write("round.csv", edges: many)])
    for address in [a, b] {
      let exposure = try #require(try setting.exposure(address))
      let tainted = exposure.categories.flatMap(\.taintedByHop).reduce(0) { $0 + $1.cents }
      #expect(tainted <= exposure.received.cents)
    }
    #expect(try setting.exposure(a)?.categories.first?.taintedByHop.first == USD(cents: 10_000))
  }

  /// Edges in one run and the deposit in the next give the alert of one run over both; a store
  /// whose first file is a chain-edge file keeps its graph.
  @Test func theGraphCarriesAcrossRuns() throws {
    let oneRun = try Setting()
    try oneRun.loadLabels()
    _ = try oneRun.replay(
      customers: [try oneRun.customers], chainEdges: [try oneRun.write("chain-edges.csv", edges: Self.chainEdges)],
      transfers: [try oneRun.deposit])

    let twoRuns = try Setting()
    try twoRuns.loadLabels()
    _ = try twoRuns.replay(chainEdges: [try twoRuns.write("chain-edges.csv", edges: Self.chainEdges)])
    _ = try twoRuns.replay(customers: [try twoRuns.customers], transfers: [try twoRuns.deposit])

    let expected = try oneRun.store.alerts()
    #expect(expected.map(\.ruleID.rawValue) == ["exposure.indirect.darknet_market"])
    #expect(try twoRuns.store.alerts().map { [$0.id, $0.explanation.json] } == expected.map { [$0.id, $0.explanation.json] })
  }

  /// Without labels nothing can be tainted: edges are checked and counted but move nothing.
  @Test func edgesWithoutLabelsMoveNothing() throws {
    let setting = try Setting()
    let summary = try setting.replay(chainEdges: [try setting.write("chain-edges.csv", edges: Self.chainEdges)])
    #expect(summary.rowsAccepted == 3)
    #expect(try setting.exposure(Self.third) == nil)
  }
}
