import Testing
import TamgaModel
import TamgaPipeline
import TamgaStore
import TamgaTestSupport

/// Every folder in `Scenarios/` replayed end to end into a fresh store; the alerts must be
/// exactly those of its `expected-alerts.csv`, in order.
@Suite struct ScenarioTests {
  @Test(arguments: Scenario.all())
  func producesExactlyTheExpectedAlerts(_ scenario: Scenario) throws {
    let folder = try TemporaryDirectory("scenario")
    let store = try folder.freshStore()
    _ = try Replayer(store: store).replay(customers: scenario.customerFiles, transfers: scenario.transferFiles)
    let actual = try store.alerts().map(Scenario.line(for:))
    #expect(actual == (try scenario.expectedAlerts()))
  }

  @Test func thereAreScenarios() {
    #expect(Scenario.all().count >= 6)
  }
}
