import Foundation
import Testing
import TamgaModel
import TamgaRules
import TamgaStore
import TamgaTestSupport
@testable import TamgaPipeline

/// Customers on record re-checked when the FATF list a replay runs with is not the one they
/// were last checked against.
@Suite struct FATFRecheckTests {
  let folder: TemporaryDirectory
  let store: CaseStore
  /// FATF's February 2026 statements as this test imagines them: Georgia newly under increased
  /// monitoring, Iran still called for action.
  let february: TamgaConfiguration

  init() throws {
    folder = try TemporaryDirectory()
    store = try folder.freshStore()
    _ = try folder.write(
      "fatf.csv",
      "# published_on: 2026-02-13\n# source: FATF, February 2026 (test)\ncountry,listing\nIR,call_for_action\nGE,increased_monitoring\n")
    february = try TamgaConfiguration(
      yaml: "regulatory:\n  reference:\n    fatf_jurisdictions: fatf.csv\n", source: "t.yaml", directory: folder.path)
  }

  /// C1 a national of Georgia, C2 of Iran, both onboarded in January.
  func onboard() throws {
    let customers = try folder.write(
      "customers.csv",
      Fixture.customersCSV([
        "C1,2026-01-05T09:00:00Z,individual,Giorgi Beridze,,1988-04-02,GE,KZ,professional,aifc,none,,,false,low,",
        "C2,2026-01-05T09:00:00Z,individual,Dariush Karimi,,1979-11-20,IR,KZ,professional,national,none,,,false,low,",
      ]))
    _ = try Replayer(store: store).replay(customers: [customers])
  }

  func replayDay(_ day: String, configuration: TamgaConfiguration) throws -> ReplaySummary {
    let transfers = try folder.write(
      "transfers-\(day).csv", Fixture.transfersCSV([Fixture.transferRow("T-\(day)", at: "\(day)T09:00:00Z", customer: "C1")]))
    return try Replayer(store: store, configuration: configuration).replay(transfers: [transfers])
  }

  func jurisdictionAlerts() throws -> [Alert] {
    try store.alerts().filter { $0.ruleID.rawValue == "regulatory.high-risk-jurisdiction.customer" }
  }

  @Test func aNewListingIsFoundAtTheNextReplayAndDatedFromTheList() throws {
    try onboard()
    // The shipped June 2025 list: Iran is called for action, Georgia is not listed.
    #expect(try jurisdictionAlerts().map(\.customerID) == ["C2"])

    _ = try replayDay("2026-03-02", configuration: february)
    let alerts = try jurisdictionAlerts()
    #expect(alerts.map(\.customerID) == ["C2", "C1"])
    let georgia = try #require(alerts.last)
    #expect(georgia.severity == .medium)
    // Dated from the list's publication, midnight in Almaty (UTC+5), not from onboarding.
    #expect(georgia.eventAt == Timestamp(rfc3339: "2026-02-12T19:00:00Z"))
    #expect(georgia.explanationValues["country"] == "GE")
    #expect(georgia.explanationValues["rechecked_when_list_changed"] == "2026-02-13")
    #expect(georgia.explanationValues["fatf_list.published_on"] == "2026-02-13")
    // The re-check's alert is counted with the file it was found during.
    #expect(try store.ledger().last?.alertsRaised == 1)

    // The same list again: nothing is re-checked, nothing raised.
    _ = try replayDay("2026-03-03", configuration: february)
    #expect(try jurisdictionAlerts().count == 2)
    #expect(try store.ledger().last?.alertsRaised == 0)
  }

  @Test func aListingAlreadyAlertedIsNotAlertedAgainWhenTheListChangesBack() throws {
    try onboard()
    _ = try replayDay("2026-03-02", configuration: february)
    // Back to the shipped list: Iran's listing is the one C2 was alerted for; Georgia's is gone.
    _ = try replayDay("2026-03-03", configuration: TamgaConfiguration())
    #expect(try jurisdictionAlerts().map(\.customerID) == ["C2", "C1"])
    #expect(try store.ledger().last?.alertsRaised == 0)
  }

  @Test func turningTheCheckOnForAnotherRegimeChecksThatRegimesCustomers() throws {
    var aifcOnly = TamgaConfiguration()
    aifcOnly.rules.regulatory.highRiskJurisdictions.regimes = [.aifc]
    let customers = try folder.write(
      "customers.csv",
      Fixture.customersCSV([
        "C2,2026-01-05T09:00:00Z,individual,Dariush Karimi,,1979-11-20,IR,KZ,professional,national,none,,,false,low,"
      ]))
    _ = try Replayer(store: store, configuration: aifcOnly).replay(customers: [customers])
    #expect(try jurisdictionAlerts().isEmpty)
    _ = try replayDay("2026-03-02", configuration: TamgaConfiguration())
    #expect(try jurisdictionAlerts().map(\.customerID) == ["C2"])
  }
}
