import Testing
import TamgaModel
@testable import TamgaRules

/// The regulatory packs' transfer and customer checks, by regime and configuration.
@Suite struct RegulatoryPackRuleTests {
  /// A small reference: BTC approved, XMR private, one warned VASP, one in a listed country.
  static let reference: RegulatoryReference = {
    var reference = RegulatoryReference()
    reference.approvedAssets = ["BTC": "Bitcoin"]
    reference.approvedAssetsSource = ReferenceSource(file: "approved.csv", publishedOn: "2026-01-01", source: "AFSA")
    reference.privacyAssets = ["XMR": "ring signatures"]
    reference.privacyAssetsSource = ReferenceSource(file: "privacy.csv", publishedOn: "2026-01-02", source: "Tamga")
    reference.jurisdictions = ["IR": .callForAction, "VN": .increasedMonitoring]
    reference.jurisdictionsSource = ReferenceSource(file: "fatf.csv", publishedOn: "2025-06-13", source: "FATF")
    reference.add(CounterpartyVASP(name: "Northwind", country: "SC", standing: .warningList, reference: "warned"))
    reference.add(CounterpartyVASP(name: "Harbor", country: "VN", standing: .licensed, reference: ""))
    return reference
  }()

  static let at = Timestamp(rfc3339: "2026-03-02T09:00:00Z")!

  private func engine(_ adjust: (inout RulesConfiguration) -> Void = { _ in }) -> Engine {
    var configuration = RulesConfiguration()
    configuration.regulatory.reference = Self.reference
    adjust(&configuration)
    var engine = Engine(configuration: configuration)
    engine.apply(CustomerRecord(customerID: "A", recordedAt: Timestamp(rfc3339: "2025-01-01T00:00:00Z")!, clientClass: .professional))
    engine.apply(
      CustomerRecord(
        customerID: "N", recordedAt: Timestamp(rfc3339: "2025-01-01T00:00:00Z")!, clientClass: .professional, regime: .national))
    return engine
  }

  /// The rule ids one transfer raises, with their severities.
  private func raised(
    _ engine: inout Engine, customer: Int32 = 0, _ kind: TransferKind, _ ticker: String, vasp: Int32 = -1
  ) -> [String] {
    let profile = Self.reference.profile(ofAsset: ticker)
    let event = TransferEvent(
      customer: customer, timestamp: Self.at, kind: kind, usdValue: USD(dollars: 2_000), assetProfile: profile,
      counterpartyVASP: vasp)
    var sink = FindingList()
    var bytes = Array(ticker.utf8)
    bytes.withUnsafeMutableBufferPointer { buffer in
      engine.evaluatePacks(event, asset: UnsafeBufferPointer(buffer).span, into: &sink)
    }
    return sink.findings.map { "\($0.ruleID) \($0.severity)" }
  }

  @Test func anUnapprovedAssetIsHighWhenDealtInAndMediumWhenMovedForAIFCCustomersOnly() {
    var engine = engine()
    #expect(raised(&engine, .buy, "PEPE") == ["regulatory.unapproved-asset high"])
    #expect(raised(&engine, .convert, "PEPE") == ["regulatory.unapproved-asset high"])
    #expect(raised(&engine, .deposit, "PEPE") == ["regulatory.unapproved-asset medium"])
    #expect(raised(&engine, .buy, "BTC") == [])
    #expect(raised(&engine, customer: 1, .buy, "PEPE") == [])
  }

  @Test func aPrivacyAssetAlertsOnceWhateverTheKind() {
    var engine = engine()
    // XMR is also outside the approved list: both facts, each its own rule.
    #expect(raised(&engine, .deposit, "XMR") == ["regulatory.unapproved-asset medium", "regulatory.privacy-asset high"])
    #expect(raised(&engine, customer: 1, .sell, "XMR") == ["regulatory.privacy-asset high"])
    // A conversion into it is chain-hopping's, not a second privacy-asset alert.
    #expect(raised(&engine, customer: 1, .convert, "XMR") == ["typology.chain-hopping.privacy-asset high"])
  }

  @Test func counterpartyVASPsAlertOnDepositsAndWithdrawalsOnly() {
    var engine = engine()
    #expect(raised(&engine, customer: 1, .deposit, "BTC", vasp: 0) == ["regulatory.warning-list-platform high"])
    #expect(raised(&engine, customer: 1, .withdrawal, "BTC", vasp: 1) == ["regulatory.high-risk-jurisdiction.counterparty medium"])
    #expect(raised(&engine, customer: 1, .buy, "BTC", vasp: 0) == [])
  }

  @Test func eachCheckFollowsItsConfiguration() {
    var engine = engine {
      $0.regulatory.unapprovedAsset.isEnabled = false
      $0.regulatory.privacyAsset.regimes = [.aifc]
      $0.regulatory.warningListPlatform.regimes = []
      $0.regulatory.jurisdictionListings = [.callForAction]
      $0.chainHopping.flagsConversionsIntoPrivacyAssets = false
    }
    #expect(raised(&engine, .buy, "PEPE") == [])
    #expect(raised(&engine, .deposit, "XMR") == ["regulatory.privacy-asset high"])
    #expect(raised(&engine, customer: 1, .deposit, "XMR") == [])
    #expect(raised(&engine, .convert, "XMR") == [])
    #expect(raised(&engine, .deposit, "BTC", vasp: 0) == [])
    #expect(raised(&engine, .deposit, "BTC", vasp: 1) == [])
  }

  @Test func aCustomerRecordIsCheckedByNationalityAndResidenceAndExplained() throws {
    let engine = engine()
    let record = CustomerRecord(
      customerID: "C", recordedAt: Self.at, nationality: "ir", residence: "VN", clientClass: .retail, regime: .national)
    let found = engine.jurisdictionFindings(for: record, customer: 2)
    #expect(found.map(\.trigger) == ["nationality IR call_for_action", "residence VN increased_monitoring"])
    #expect(found.map(\.finding.severity) == [.high, .medium])
    let explanation = try #require(found.first?.finding.explanation)
    #expect(
      explanation.json
        == #"{"recorded_at":"2026-03-02T09:00:00Z","field":"nationality","country":"IR","fatf_listing":"call_for_action","regime":"national","fatf_list":{"file":"fatf.csv","published_on":"2025-06-13","source":"FATF"}}"#)
    let quiet = CustomerRecord(customerID: "D", recordedAt: Self.at, nationality: "KZ", residence: "")
    #expect(engine.jurisdictionFindings(for: quiet, customer: 3).isEmpty)
  }

  @Test func ordinaryTransfersAreLeftAtTheFirstCompare() {
    let plain = TransferEvent(
      customer: 0, timestamp: Self.at, kind: .deposit, usdValue: nil, assetProfile: [.approvalKnown, .approved])
    #expect(!RegulatoryPackRule.mayFire(plain))
    #expect(!RegulatoryPackRule.mayFire(TransferEvent(customer: 0, timestamp: Self.at, kind: .deposit, usdValue: nil)))
    #expect(RegulatoryPackRule.mayFire(TransferEvent(customer: 0, timestamp: Self.at, kind: .deposit, usdValue: nil, assetProfile: [.approvalKnown])))
  }
}
