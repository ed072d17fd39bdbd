import Testing
import TamgaModel
import TamgaPipeline
import TamgaStore
import TamgaTestSupport

/// Every folder in `Scenarios/` run end to end into a fresh store (its `steps`, or its files
/// replayed); the alerts must be exactly those of its `expected-alerts.csv`, in order.
@Suite struct ScenarioTests {
  @Test(arguments: Scenario.all())
  func producesExactlyTheExpectedAlerts(_ scenario: Scenario) throws {
    let folder = try TemporaryDirectory("scenario")
    let store = try folder.freshStore()
    try scenario.run(into: store)
    let columns = try scenario.expectedColumns()
    let actual = try store.alerts().map { Scenario.line(for: $0, columns: columns) }
    // On a mismatch, the alerts the run raised, ready to compare with expected-alerts.csv.
    #expect(actual == (try scenario.expectedAlerts()), "raised:\n\(actual.joined(separator: "\n"))")
  }

  @Test func thereAreScenarios() {
    #expect(Scenario.all().count >= 6)
  }
}
