import Foundation
import Testing
import TamgaModel
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
