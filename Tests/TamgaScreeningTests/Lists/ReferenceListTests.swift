import Foundation
import TamgaModel
import TamgaScreening
import Testing

/// The regulatory packs' reference lists: the shipped copies, and the user's own files with
/// every way they can be wrong.
@Suite struct ReferenceListTests {
  static let fatfOpening = "# published_on: 2026-02-13\n# source: FATF, February 2026 statements\n"

  private func read(_ list: ReferenceList, _ text: String) throws(ListLoadError) -> RegulatoryReference {
    var reference = RegulatoryReference.builtIn
    try reference.read(list, bytes: Array(text.utf8), file: "mine.csv")
    return reference
  }

  @Test func theShippedListsLoadWithTheirProvenance() {
    let shipped = RegulatoryReference.builtIn
    #expect(shipped.listing(of: "KP") == .callForAction)
    #expect(shipped.listing(of: "ir") == .callForAction)
    #expect(shipped.listing(of: "VN") == .increasedMonitoring)
    #expect(shipped.listing(of: "KZ") == nil)
    #expect(shipped.jurisdictions.count == 27)
    #expect(shipped.jurisdictionsSource.publishedOn == "2025-06-13")
    #expect(shipped.jurisdictionsSource.file == "built-in:fatf-jurisdictions.csv")
    #expect(shipped.jurisdictionsSource.source.hasPrefix("FATF"))
    #expect(shipped.profile(ofAsset: "btc") == [.approvalKnown, .approved])
    #expect(shipped.profile(ofAsset: "XMR") == [.approvalKnown, .privacy])
    #expect(shipped.profile(ofAsset: "PEPE") == [.approvalKnown])
    #expect(shipped.privacyAssets["XMR"]?.contains("ring signatures") == true)
    // No VASP is named in the shipped directory: that register is the firm's own.
    #expect(shipped.vasps.isEmpty)
    #expect(shipped.vaspsSource.publishedOn == "2026-11-22")
  }

  @Test func aUsersFileReplacesOneListAndKeepsTheOthers() throws {
    let reference = try read(.fatfJurisdictions, Self.fatfOpening + "country,listing,name\nKP,call_for_action,North Korea\nKZ,increased_monitoring,\n")
    #expect(reference.jurisdictions == ["KP": .callForAction, "KZ": .increasedMonitoring])
    #expect(reference.jurisdictionsSource == ReferenceSource(file: "mine.csv", publishedOn: "2026-02-13", source: "FATF, February 2026 statements"))
    #expect(reference.approvedAssets == RegulatoryReference.builtIn.approvedAssets)
  }

  @Test func vaspsMatchWhateverTheirCaseSpacesAndPunctuation() throws {
    let reference = try read(
      .counterpartyVASPs,
      "# published_on: 2026-01-01\n# source: register\nvasp,country,standing,reference\nATAIX Eurasia,KZ,licensed,AFSA\nNorth Wind,,warning_list,warned 2026-01-02\n")
    #expect(reference.vasp(named: Array("ataix-eurasia".utf8)) == 0)
    #expect(reference.vasp(named: Array("ATAIX  EURASIA".utf8)) == 0)
    #expect(reference.vasp(named: Array("northwind".utf8)) == 1)
    #expect(reference.vasp(named: Array("ATAIX".utf8)) == nil)
    #expect(reference.vasps[1] == CounterpartyVASP(name: "North Wind", country: "", standing: .warningList, reference: "warned 2026-01-02"))
    #expect(reference.profile(ofAsset: "BTC").contains(.approved))
  }

  @Test func usdTengeRatesShipEmptyAndReadInAnyOrder() throws {
    #expect(RegulatoryReference.builtIn.tengeRates.count == 0)
    #expect(RegulatoryReference.builtIn.tengeRatesSource.source.contains("National Bank of Kazakhstan"))
    let reference = try read(
      .usdKZTRates, "# published_on: 2026-03-06\n# source: NBK\ndate,kzt_per_usd\n2026-03-06,500\n2026-03-02,505.5\n2026-03-03,510.2575\n")
    let rates = reference.tengeRates
    let march2 = CivilDate(year: 2026, month: 3, day: 2).daysSinceEpoch
    #expect(rates.days == [march2, march2 + 1, march2 + 4])
    #expect(rates.rates == [5_055_000, 5_102_575, 5_000_000])
    #expect(rates.highestRate == 5_102_575)
    #expect(reference.tengeRatesSource.publishedOn == "2026-03-06")
  }

  @Test func withoutAnApprovedListNoAssetIsOutsideIt() {
    var reference = RegulatoryReference.empty
    reference.privacyAssets = ["XMR": "ring signatures"]
    #expect(reference.profile(ofAsset: "PEPE") == [])
    #expect(reference.profile(ofAsset: "xmr") == [.privacy])
  }

  @Test(arguments: [
    (ReferenceList.fatfJurisdictions, "country,listing\nKP,call_for_action\n", "published_on: YYYY-MM-DD"),
    (.fatfJurisdictions, "# published_on: 2026-02-30\n# source: x\ncountry,listing\n", "published_on: YYYY-MM-DD"),
    (.fatfJurisdictions, "# published_on: 2026-02-13\ncountry,listing\n", "'# source: …' line"),
    (.fatfJurisdictions, fatfOpening, "no header row"),
    (.fatfJurisdictions, fatfOpening + "country,status\n", "no listing column"),
    (.fatfJurisdictions, fatfOpening + "country,listing\nKP,black\n", "line 4: listing must be call_for_action or increased_monitoring"),
    (.fatfJurisdictions, fatfOpening + "country,listing\n\nIran,call_for_action\n", "line 5: country must be an ISO 3166 alpha-2 code"),
    (.fatfJurisdictions, fatfOpening + "country,listing\nXX,call_for_action\n", "line 4: country must be an ISO 3166 alpha-2 code"),
    (.approvedAssets, fatfOpening + "asset,name\nBTC,Bitcoin\nUS DT,Tether\n", "line 5: asset must be a ticker without spaces"),
    (.privacyAssets, fatfOpening + "asset\nXMR\n", "no privacy_feature column"),
    (.counterpartyVASPs, fatfOpening + "vasp,country,standing\nNorthwind,SC,blocked\n", "line 4: standing must be licensed, warning_list or unverified"),
    (.counterpartyVASPs, fatfOpening + "vasp,country,standing\n--,SC,licensed\n", "line 4: vasp must name the VASP"),
    (.counterpartyVASPs, fatfOpening + "vasp,country,standing\n\"Northwind,SC,licensed\n", "line 4: a quoted field is not closed"),
    (.usdKZTRates, fatfOpening + "date,rate\n", "no kzt_per_usd column"),
    (.usdKZTRates, fatfOpening + "date,kzt_per_usd\n2026-03-02,505.00\n02.03.2026,505.00\n", "line 5: date must be YYYY-MM-DD"),
    (.usdKZTRates, fatfOpening + "date,kzt_per_usd\n2026-03-02,0\n", "line 4: kzt_per_usd must be a positive number"),
    (.usdKZTRates, fatfOpening + "date,kzt_per_usd\n2026-03-02,-505\n", "line 4: kzt_per_usd must be a positive number"),
    (.usdKZTRates, fatfOpening + "date,kzt_per_usd\n2026-03-02,505.123456\n", "line 4: kzt_per_usd must be a positive number of tenge with at most four decimals"),
    (.usdKZTRates, fatfOpening + "date,kzt_per_usd\n2026-03-02,\"505,00\"\n", "line 4: kzt_per_usd must be a positive number"),
    (.usdKZTRates, fatfOpening + "date,kzt_per_usd\n2026-03-02,505.00\n2026-03-02,506.00\n", "line 5: a second rate for 2026-03-02"),
  ])
  func refusesAWholeFileWithOneBadRow(list: ReferenceList, text: String, message: String) {
    var reference = RegulatoryReference.builtIn
    let error = #expect(throws: ListLoadError.self) { try reference.read(list, bytes: Array(text.utf8), file: "mine.csv") }
    #expect(error?.description.contains("mine.csv") == true)
    #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    // Nothing of the refused file is kept, not even the rows before the bad one.
    #expect(reference == RegulatoryReference.builtIn)
  }

  @Test func aMissingFileIsSaidWithItsPath() {
    var reference = RegulatoryReference.builtIn
    let error = #expect(throws: ListLoadError.self) { try reference.load(.approvedAssets, path: "/nonexistent/approved.csv") }
    #expect(error == .fileMissing(path: "/nonexistent/approved.csv"))
    #expect(reference == RegulatoryReference.builtIn)
  }
}
