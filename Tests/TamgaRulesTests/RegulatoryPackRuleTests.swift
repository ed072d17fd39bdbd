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

/// The national regime's threshold reports: the day's rate, exact comparison, the cut-off that
/// passes over most transfers, and when the check stays silent.
@Suite struct ThresholdReportRuleTests {
  static let march2 = CivilDate(year: 2026, month: 3, day: 2).daysSinceEpoch
  /// 505.00 on Monday 2 March, 510.25 on Tuesday, 500.00 on Friday 6 March.
  static let reference: RegulatoryReference = {
    var reference = RegulatoryReference()
    reference.tengeRates = TengeRates([march2: 5_050_000, march2 + 1: 5_102_500, march2 + 4: 5_000_000])
    reference.tengeRatesSource = ReferenceSource(file: "rates.csv", publishedOn: "2026-03-06", source: "NBK")
    return reference
  }()

  private func engine(threshold: Int64? = 5_000_000, _ adjust: (inout RulesConfiguration) -> Void = { _ in }) -> Engine {
    var configuration = RulesConfiguration()
    configuration.regulatory.reference = Self.reference
    configuration.regulatory.thresholdReport.thresholdKZT = threshold
    adjust(&configuration)
    var engine = Engine(configuration: configuration)
    engine.apply(
      CustomerRecord(
        customerID: "N", recordedAt: Timestamp(rfc3339: "2025-01-01T00:00:00Z")!, clientClass: .professional, regime: .national))
    engine.apply(CustomerRecord(customerID: "A", recordedAt: Timestamp(rfc3339: "2025-01-01T00:00:00Z")!, clientClass: .professional))
    return engine
  }

  private func findings(_ engine: Engine, customer: Int32 = 0, at time: String, cents: Int64?) -> [Finding] {
    let event = TransferEvent(
      customer: customer, timestamp: Timestamp(rfc3339: time)!, kind: .sell, usdValue: cents.map { USD(cents: $0) })
    var sink = FindingList()
    var bytes = Array("BTC".utf8)
    var engine = engine
    bytes.withUnsafeMutableBufferPointer { buffer in
      engine.evaluatePacks(event, asset: UnsafeBufferPointer(buffer).span, into: &sink)
    }
    return sink.findings
  }

  @Test func theThresholdIsInclusiveAndComparedExactly() throws {
    let engine = engine()
    // 10,000.00 at 500.00 is exactly KZT 5,000,000.00; a cent less is 4,999,995.00.
    let atThreshold = try #require(findings(engine, at: "2026-03-06T09:00:00Z", cents: 1_000_000).first)
    #expect(atThreshold.ruleID == ThresholdReportRule.thresholdReport)
    #expect(atThreshold.severity == .low)
    #expect(
      atThreshold.explanation.json
        == #"{"kind":"sell","asset":"BTC","usd_value":"10000.00","kzt_per_usd":"500.00","rate_date":"2026-03-06","kzt_value":"5000000.00","threshold_kzt":"5000000","regime":"national","usd_kzt_rates":{"file":"rates.csv","published_on":"2026-03-06","source":"NBK"}}"#)
    #expect(findings(engine, at: "2026-03-06T09:00:00Z", cents: 999_999).isEmpty)
    // 9,900.99 at 505.00 is KZT 4,999,999.95: five tiyn short.
    #expect(findings(engine, at: "2026-03-02T09:00:00Z", cents: 990_099).isEmpty)
  }

  @Test func theRateIsTheLocalDaysOrTheLatestBefore() throws {
    let engine = engine()
    // 19:30 UTC on 2 March is 00:30 on 3 March in Almaty: 9,800.00 at 510.25 reaches it.
    let nextDay = try #require(findings(engine, at: "2026-03-02T19:30:00Z", cents: 980_000).first)
    #expect(nextDay.explanation["rate_date"] == .text("2026-03-03"))
    #expect(nextDay.explanation["kzt_value"] == .text("5000450.00"))
    #expect(findings(engine, at: "2026-03-02T18:30:00Z", cents: 980_000).isEmpty)
    // Thursday 5 March has no row: Tuesday's rate holds.
    let carried = try #require(findings(engine, at: "2026-03-05T09:00:00Z", cents: 980_000).first)
    #expect(carried.explanation["rate_date"] == .text("2026-03-03"))
    // Before the first rate no tenge amount can be stated.
    #expect(findings(engine, at: "2026-03-01T09:00:00Z", cents: 100_000_000).isEmpty)
  }

  @Test func onlyTheConfiguredRegimesWithAThresholdRatesAndAValue() {
    #expect(findings(engine(), customer: 1, at: "2026-03-06T09:00:00Z", cents: 10_000_000).isEmpty)
    #expect(!findings(engine { $0.regulatory.thresholdReport.check.regimes = [.aifc] }, customer: 1, at: "2026-03-06T09:00:00Z", cents: 10_000_000).isEmpty)
    #expect(findings(engine(threshold: nil), at: "2026-03-06T09:00:00Z", cents: 10_000_000).isEmpty)
    #expect(findings(engine { $0.regulatory.thresholdReport.check.isEnabled = false }, at: "2026-03-06T09:00:00Z", cents: 10_000_000).isEmpty)
    #expect(findings(engine { $0.regulatory.reference = RegulatoryReference() }, at: "2026-03-06T09:00:00Z", cents: 10_000_000).isEmpty)
    #expect(findings(engine(), at: "2026-03-06T09:00:00Z", cents: nil).isEmpty)
  }

  @Test func theCutOffLetsThroughEveryTransferThatCouldReachTheThreshold() {
    let rule = ThresholdReportRule(policy: engine().regulatory.thresholdReport.policy, reference: Self.reference)
    // At the highest rate, 510.25, the threshold needs 9,799.12 (9,799.1181… rounded up).
    #expect(rule.leastCents == 979_912)
    #expect(Int128(rule.leastCents) * 5_102_500 >= 5_000_000 * 1_000_000)
    #expect(Int128(rule.leastCents - 1) * 5_102_500 < 5_000_000 * 1_000_000)
    #expect(ThresholdReportRule(policy: ThresholdReportPolicy(), reference: Self.reference).leastCents == .max)
  }

  @Test func tengeIsRoundedHalfUpToTheTiynAndRatesKeepTheirDecimals() {
    #expect(TengeRates.tiyn(cents: 1, rate: 5_055_000) == 506)
    #expect(TengeRates.tiyn(cents: 1, rate: 5_054_999) == 505)
    #expect(TengeRates.format(tiyn: 500_000_000) == "5000000.00")
    #expect(TengeRates.format(rate: 5_000_000) == "500.00")
    #expect(TengeRates.format(rate: 5_102_575) == "510.2575")
    #expect(TengeRates.format(rate: 5_102_500) == "510.25")
  }
}
