import Foundation
import Testing
import TamgaModel
import TamgaRules
import TamgaScreening
import TamgaStore
import TamgaTestSupport
@testable import TamgaPipeline

/// Address labels loaded for exposure, and the transfers that meet them.
@Suite struct DirectExposureTests {
  static let darknet = "0x8576AcC5C05D6Ce88f4e49bf65BdF0C62F91353C"
  static let casino = "0x3333333333333333333333333333333333333333"
  static let mixer = "0x4444444444444444444444444444444444444444"

  struct Setting {
    let folder: TemporaryDirectory
    let store: CaseStore
    let labels: String

    init() throws {
      folder = try TemporaryDirectory()
      store = try folder.freshStore()
      labels = try folder.write(
        "labels.csv",
        """
        chain,address,category,entity,source
        ethereum,\(DirectExposureTests.darknet),darknet_market,Hydra Market,vendor
        ethereum,\(DirectExposureTests.casino),gambling,Lucky Dice,vendor
        ethereum,\(DirectExposureTests.mixer),mixer,Blender,vendor

        """)
    }

    func replay(_ configuration: TamgaConfiguration = TamgaConfiguration()) throws -> [Alert] {
      _ = try ListUpdate.load(
        .labels, path: labels, name: "vendor", into: store, configuration: configuration,
        at: Timestamp(millisecondsSinceEpoch: 1_000))
      let customers = try folder.write(
        "customers.csv",
        Fixture.customersCSV([
          Fixture.customerRow("C1", name: "Yerlan Sadykov", clientClass: "professional"),
          // A company named as a label's entity, declaring a labelled wallet: neither is screened.
          Fixture.customerRow(
            "C2", personType: "legal", name: "Hydra Market LLP", clientClass: "professional",
            wallets: "ethereum:\(DirectExposureTests.darknet)"),
        ]))
      let transfers = try folder.write(
        "transfers.csv",
        Fixture.transfersCSV([
          "T1,2026-03-01T05:00:00Z,C1,withdrawal,USDT,ethereum,10,10.00,\(DirectExposureTests.darknet.lowercased()),,",
          "T2,2026-03-01T06:00:00Z,C1,deposit,USDT,ethereum,10,10.00,\(DirectExposureTests.casino),,",
          "T3,2026-03-01T07:00:00Z,C1,deposit,USDT,ethereum,10,10.00,\(DirectExposureTests.mixer),,",
          "T4,2026-03-01T08:00:00Z,C1,deposit,USDT,ethereum,10,10.00,0x1111111111111111111111111111111111111111,,",
        ]))
      _ = try Replayer(store: store, configuration: configuration).replay(customers: [customers], transfers: [transfers])
      return try store.alerts()
    }
  }

  @Test func aTransferWithADarknetMarketIsSevereAndExplainsItself() throws {
    let alerts = try Setting().replay()
    #expect(alerts.map(\.ruleID.rawValue) == ["exposure.direct.darknet_market"])
    let alert = try #require(alerts.first)
    #expect(alert.severity == .severe)
    #expect(alert.customerID == "C1")
    // As stored and read back, the values that made it fire.
    let values = alert.explanationValues
    #expect(values["transfer_id"] == "T1")
    #expect(values["kind"] == "withdrawal")
    #expect(values["counterparty_address"] == Self.darknet.lowercased())
    #expect(values["category"] == "darknet_market")
    #expect(values["risk_class"] == "severe")
    #expect(values["entity"] == "Hydra Market")
    #expect(values["labelled_address"] == Self.darknet)
    #expect(values["usd_value"] == "10.00")
    #expect(values["labels_snapshot_name"] == "vendor")
    #expect(values["label_source"] == "source: vendor")
    #expect(values["entry_fingerprint"]?.isEmpty == false)
  }

  @Test func theConfigurationChoosesWhichRiskClassesAlert() throws {
    var configuration = TamgaConfiguration()
    configuration.exposure.directAlertClasses = [.high, .medium]
    let alerts = try Setting().replay(configuration)
    #expect(alerts.map(\.ruleID.rawValue).sorted() == ["exposure.direct.gambling", "exposure.direct.mixer"])
    #expect(Set(alerts.map(\.severity)) == [.high, .medium])
  }

  @Test func twoVendorsLabellingOneAddressEachKeepTheirLabel() throws {
    let setting = try Setting()
    let second = try setting.folder.write(
      "other.csv", "chain,address,category,entity,source\nethereum,\(Self.darknet),stolen_funds,Exploit 2026,other\n")
    _ = try ListUpdate.load(.labels, path: second, name: "other-vendor", into: setting.store, at: Timestamp(millisecondsSinceEpoch: 500))
    let alerts = try setting.replay()
    #expect(alerts.map(\.ruleID.rawValue).sorted() == ["exposure.direct.darknet_market", "exposure.direct.stolen_funds"])
    #expect(Set(alerts.map { $0.explanationValues["labels_snapshot_name"] ?? "" }) == ["vendor", "other-vendor"])
  }

  @Test func anAddressShowsItsLabelsAndWhatItReceived() throws {
    let setting = try Setting()
    _ = try setting.replay()
    // C1 received 10.00 each from the casino, the mixer and a clean address (and sent 10.00 to the
    // market, which changes nothing for C1); a withdrawal of 4.00 carries a third of each label on.
    let more = try setting.folder.write(
      "more.csv",
      Fixture.transfersCSV(["T9,2026-03-02T05:00:00Z,C1,withdrawal,USDT,ethereum,4,4.00,0x9999999999999999999999999999999999999999,,"]))
    let replayer = try Replayer(store: setting.store)
    _ = try replayer.replay(customers: [], transfers: [more])
    let onward = try #require(try replayer.exposure(ofAddress: "0x9999999999999999999999999999999999999999"))
    #expect(onward.received == USD(cents: 4_00))
    #expect(onward.labels.isEmpty)
    // 4.00 × 10.00 / 30.00 = 1.33 of mixer and of gambling value at hop 2: 33.25% each, weighted
    // by half, 16.62%.
    #expect(onward.categories.map(\.category) == [.mixer, .gambling])
    #expect(onward.categories.map(\.taintedByHop) == [[.zero, USD(cents: 1_33), .zero], [.zero, USD(cents: 1_33), .zero]])
    #expect(onward.categories.map(\.basisPoints) == [1_662, 1_662])
    let market = try #require(try replayer.exposure(ofAddress: Self.darknet.uppercased().replacingOccurrences(of: "0X", with: "0x")))
    #expect(market.labels.map(\.entity) == ["Hydra Market"])
    #expect(market.labels.first?.categories == [.darknetMarket])
    #expect(try replayer.exposure(ofAddress: "0x0000000000000000000000000000000000000001") == nil)
  }

  @Test func withoutLabelsTheGraphIsNotFed() throws {
    let folder = try TemporaryDirectory()
    let store = try folder.freshStore()
    let customers = try folder.write("customers.csv", Fixture.customersCSV([Fixture.customerRow("C1", clientClass: "professional")]))
    let transfers = try folder.write(
      "transfers.csv",
      Fixture.transfersCSV(["T1,2026-03-01T05:00:00Z,C1,withdrawal,USDT,ethereum,10,10.00,\(Self.mixer),,"]))
    let replayer = try Replayer(store: store)
    _ = try replayer.replay(customers: [customers], transfers: [transfers])
    #expect(try replayer.exposure(ofAddress: Self.mixer) == nil)
  }

  @Test func exposureCarriesAcrossRunsAsInOneRunThroughCheckpointsAndDeltas() throws {
    let folder = try TemporaryDirectory()
    let labels = try folder.write("labels.csv", "chain,address,category,entity,source\nethereum,\(Self.darknet),darknet_market,Hydra,v\n")
    let customers = try folder.write(
      "customers.csv",
      Fixture.customersCSV((1...4).map { Fixture.customerRow("C\($0)", clientClass: "professional") }))
    func address(_ digit: Int) -> String { "0x" + String(repeating: String(digit), count: 40) }
    // Value moves from the market to C1 (hop 1), address 5 (2), C2 (3); on to address 6, C3 and
    // address 7 it would be hops 4 to 6, beyond the default limit of 3.
    let days = try (1...6).map { day in
      try folder.write(
        "transfers-\(day).csv",
        Fixture.transfersCSV(
          day == 1
            ? ["T1,2026-03-01T05:00:00Z,C1,deposit,USDT,ethereum,100,100.00,\(Self.darknet),,"]
            : day.isMultiple(of: 2)
              ? ["T\(day),2026-03-0\(day)T05:00:00Z,C\(day / 2),withdrawal,USDT,ethereum,50,50.00,\(address(4 + day / 2)),,"]
              : ["T\(day),2026-03-0\(day)T05:00:00Z,C\(day / 2 + 1),deposit,USDT,ethereum,40,40.00,\(address(3 + day / 2 + 1)),,"]))
    }
    func store(oneRun: Bool) throws -> CaseStore {
      let store = try folder.freshStore()
      _ = try ListUpdate.load(.labels, path: labels, name: "vendor", into: store, at: Timestamp(millisecondsSinceEpoch: 1_000))
      _ = try Replayer(store: store).replay(customers: [customers])
      if oneRun {
        _ = try Replayer(store: store).replay(transfers: days)
      } else {
        for day in days { _ = try Replayer(store: store).replay(transfers: [day]) }
      }
      return store
    }
    let split = try store(oneRun: false)
    let whole = try store(oneRun: true)
    let alerts = try split.alerts().map { "\($0.id) \($0.ruleID) \($0.explanation.json)" }
    #expect(alerts == (try whole.alerts().map { "\($0.id) \($0.ruleID) \($0.explanation.json)" }))
    #expect(try split.alerts().map { "\($0.ruleID) \($0.explanationValues["transfer_id"] ?? "")" } == [
      "exposure.direct.darknet_market T1", "exposure.indirect.darknet_market T3",
    ])
    // The graph is saved as a checkpoint and deltas, never both missing.
    let parts = try split.engineState().keys.filter { $0.hasPrefix("exposure") }
    #expect(parts.contains(EngineSnapshot.exposurePart))
    #expect(parts.contains { $0.hasPrefix(EngineSnapshot.exposureDeltaPrefix) })
    for address in [5, 6] {
      let exposure = try Replayer(store: split).exposure(ofAddress: "0x" + String(repeating: String(address), count: 40))
      #expect(exposure == nil ? false : true)
      #expect(
        exposure?.categories.map(\.basisPoints)
          == (try Replayer(store: whole).exposure(ofAddress: "0x" + String(repeating: String(address), count: 40)))?.categories.map(\.basisPoints))
    }
  }

  @Test func deltasAreFoldedIntoANewCheckpointOnceTheyOutgrowIt() throws {
    let setting = try Setting()
    _ = try setting.replay()
    // Each day a withdrawal to a new address: each delta carries a new key.
    for day in 1...20 {
      let address = "0x" + String(format: "%040d", day)
      let file = try setting.folder.write(
        "day-\(day).csv",
        Fixture.transfersCSV(["W\(day),2026-03-02T\(String(format: "%02d", day)):00:00Z,C1,withdrawal,USDT,ethereum,1,1.00,\(address),,"]))
      _ = try Replayer(store: setting.store).replay(transfers: [file])
    }
    let deltas = try setting.store.engineState().keys.filter { $0.hasPrefix(EngineSnapshot.exposureDeltaPrefix) }
    #expect(deltas.count < 20)
    for day in [1, 7, 20] {
      let exposure = try Replayer(store: setting.store).exposure(ofAddress: "0x" + String(format: "%040d", day))
      #expect(exposure?.received == USD(cents: 1_00))
      #expect(exposure?.categories.map(\.category) == [.mixer, .gambling])
    }
  }

  @Test func labelsAreLoadedForExposureOnly() throws {
    let setting = try Setting()
    for (format, purpose) in [(ListFormat.labels, ListPurpose.sanctions), (.tamga, .exposure)] {
      #expect(throws: ListLoadError.self) {
        try ListUpdate.load(
          format, path: setting.labels, purpose: purpose, into: setting.store, at: Timestamp(millisecondsSinceEpoch: 0))
      }
    }
    #expect(try setting.store.listSnapshots().isEmpty)
  }
}
