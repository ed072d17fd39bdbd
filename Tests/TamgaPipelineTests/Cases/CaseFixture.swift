import Foundation
import Synchronization
import TamgaModel
import TamgaStore
import TamgaTestSupport
@testable import TamgaPipeline

/// A clock a test moves by hand.
final class HandClock: Sendable {
  private let current: Mutex<Timestamp>
  init(_ time: String) { current = Mutex(Timestamp(rfc3339: time)!) }
  var now: Timestamp { current.withLock { $0 } }
  func set(_ time: String) { current.withLock { $0 = Timestamp(rfc3339: time)! } }
}

/// A store with three users (two analysts, an MLRO), alerts written as a replayed file would
/// write them, and the escalation run on them.
struct CaseFixture {
  let folder: TemporaryDirectory
  let store: CaseStore
  let clock: HandClock
  var configuration = TamgaConfiguration()
  private static let files = Mutex(0)

  /// Monday 2 March 2026, 09:00 in Almaty.
  init(at time: String = "2026-03-02T04:00:00Z") throws {
    folder = try TemporaryDirectory()
    let clock = HandClock(time)
    self.clock = clock
    store = try CaseStore(path: folder.file("cases.db"), clock: { clock.now })
    configuration.users = ["alice": .analyst, "bob": .analyst, "mia": .mlro]
  }

  static func alert(
    _ id: String, customer: String = "C1", at time: String, rule: RuleID = "typology.structuring",
    severity: Severity = .medium
  ) -> Alert {
    Alert(
      id: id, ruleID: rule, severity: severity, customerID: customer, eventAt: Timestamp(rfc3339: time)!,
      summary: "\(rule) fired", explanation: Explanation(["transfer_id": .text("T-\(id)"), "usd_value": .text("9500.00")]))
  }

  /// Stores `alerts` as one file's, grouping them into cases in the same transaction.
  @discardableResult
  func replay(_ alerts: [Alert], customers: [CustomerRecord] = []) throws -> EscalationOutcome {
    let number = Self.files.withLock { count in
      count += 1
      return count
    }
    return try store.write { batch in
      let ingest = try batch.beginIngest(
        LedgerEntry(
          fileName: "day-\(number).csv", path: "/data/day-\(number).csv", kind: .transfers, format: "csv",
          sha256: "sha-\(number)-\(UUID().uuidString)", headSHA256: "head", byteCount: 1, ingestedAt: clock.now))
      for record in customers { try batch.insert(record, ingest: ingest) }
      for alert in alerts { _ = try batch.insert(alert, ingest: ingest) }
      return try Escalation(policy: configuration.escalation).group(batch.storedAlerts, in: batch.cases)
    }
  }

  func desk(_ user: String) throws -> CaseDesk { try CaseDesk(store: store, configuration: configuration, user: user) }

  func only() throws -> Case {
    let cases = try store.queue(CaseQuery())
    guard cases.count == 1 else { throw FixtureError.notOneCase(cases.count) }
    return cases[0].caseFile
  }

  func history(_ id: Int64) throws -> [String] { try store.dossier(id)?.history.map(\.action) ?? [] }

  enum FixtureError: Error { case notOneCase(Int) }
}

func time(_ text: String) -> Timestamp { Timestamp(rfc3339: text)! }
