import Foundation
import Testing
import TamgaIngest
import TamgaModel
import TamgaRules
import TamgaScreening
import TamgaStore
import TamgaTestSupport
@testable import TamgaPipeline

/// A watch list with one person and one wallet, and customers and transfers that touch them.
struct ListedParty {
  static let header = "list,entry_id,kind,name,aliases,date_of_birth,countries,addresses,programs,listed_on"
  static let wallet = "0x7FF9cFad3877F21d41Da833E2F775dB0569eE3D9"

  let folder: TemporaryDirectory
  let store: CaseStore
  let list: String

  init(entries: [String] = [
    "kz,KZ-1,person,\"KASYMOV, Yerlan\",,1980-04-12,Kazakhstan,ethereum:\(wallet),TF,2025-06-01"
  ]) throws {
    folder = try TemporaryDirectory()
    store = try folder.freshStore()
    list = try folder.write("watch.list.csv", ([Self.header] + entries).joined(separator: "\n") + "\n")
  }

  func writeList(_ name: String, _ entries: [String]) throws -> String {
    try folder.write(name, ([Self.header] + entries).joined(separator: "\n") + "\n")
  }

  func load(_ path: String? = nil, at ms: Int64 = 1_000, configuration: TamgaConfiguration = TamgaConfiguration()) throws
    -> ListLoadOutcome
  {
    try ListUpdate.load(
      .tamga, path: path ?? list, name: "kz", into: store, configuration: configuration,
      at: Timestamp(millisecondsSinceEpoch: ms))
  }

  func customers(_ name: String = "customers.csv") throws -> String {
    try folder.write(
      name,
      Fixture.customersCSV([
        Fixture.customerRow("C1", name: "Ерлан Қасымов"),
        Fixture.customerRow("C2", name: "Aigerim Bekova"),
      ]))
  }

  func transfers(_ name: String = "transfers.csv") throws -> String {
    try folder.write(
      name,
      Fixture.transfersCSV([
        "T1,2026-03-01T05:00:00Z,C2,withdrawal,USDT,ethereum,10,10.00,\(Self.wallet.lowercased()),,",
        "T2,2026-03-01T06:00:00Z,C2,deposit,USDT,ethereum,10,10.00,0x1111111111111111111111111111111111111111,,",
        "T3,2026-03-01T07:00:00Z,C9,withdrawal,USDT,ethereum,10,10.00,\(Self.wallet),,",
        "T4,2026-03-01T08:00:00Z,C2,buy,USDT,tron,10,10.00,,,",
      ]))
  }
}

@Suite struct ScreeningReplayTests {
  @Test func aListedCounterpartyIsAlertedTheSameFromPlainAndGzipFiles() throws {
    var results: [[String]] = []
    for gzip in [false, true] {
      let party = try ListedParty()
      _ = try party.load()
      let transfers = try party.transfers()
      let file = gzip ? try party.folder.write("transfers.csv.gz", bytes: try gzipBytes(transfers)) : transfers
      let summary = try Replayer(store: party.store).replay(customers: [try party.customers()], transfers: [file])
      let alerts = try party.store.alerts()
      results.append(alerts.map { "\($0.id) \($0.ruleID) \($0.customerID) \($0.explanation.json)" })
      // C1's name at onboarding, then T1's counterparty; T2 and T4 touch nothing listed.
      #expect(alerts.map(\.ruleID.rawValue) == ["screening.sanctions.name-match", "screening.sanctions.counterparty-address"])
      #expect(alerts.last?.severity == .severe)
      #expect(summary.rowsRejected == 1)  // T3: unknown customer, rejected, not screened
    }
    #expect(results[0] == results[1])
    let addressAlerts = results[0].filter { $0.contains("counterparty-address") }
    #expect(addressAlerts.count == 1)
    #expect(addressAlerts.first?.contains("\"transfer_id\":\"T1\"") == true)
    #expect(addressAlerts.first?.contains("\"entry_id\":\"KZ-1\"") == true)
    #expect(addressAlerts.first?.contains("\"list_snapshot_name\":\"kz\"") == true)
  }

  @Test func customersAreScreenedAtOnboardingAndTheAlertExplainsItself() throws {
    let party = try ListedParty()
    _ = try party.load()
    _ = try Replayer(store: party.store).replay(customers: [try party.customers()])
    let alert = try #require(try party.store.alerts().first)
    #expect(alert.ruleID == "screening.sanctions.name-match")
    #expect(alert.severity == .high)
    #expect(alert.customerID == "C1")
    #expect(alert.eventAt == Timestamp(rfc3339: "2026-01-01T00:00:00Z"))
    let values = alert.explanationValues
    #expect(values["screened_name"] == "Ерлан Қасымов")
    #expect(values["entry_id"] == "KZ-1")
    #expect(values["matched_name"] == "KASYMOV, Yerlan")
    #expect(values["threshold"] == "0.85")
    #expect(values["list_snapshot"] == "1")
    #expect(alert.explanation.json.contains("\"word_pairs\":[{\"customer\":"))
    #expect(try party.store.alerts().count == 1)
  }

  @Test func replayingTheSameFilesIntoAnotherStoreGivesTheSameAlertsByteForByte() throws {
    var runs: [[String]] = []
    for _ in 0..<2 {
      let party = try ListedParty()
      _ = try party.load()
      _ = try Replayer(store: party.store).replay(customers: [try party.customers()], transfers: [try party.transfers()])
      runs.append(try party.store.alerts().map { "\($0.id)|\($0.eventAt)|\($0.summary)|\($0.explanation.json)" })
    }
    #expect(runs[0] == runs[1])
    #expect(runs[0].count == 2)
  }

  @Test func aLongCustomersFileIsScreenedInRunsWithTheAlertsOfOneRecordAtATime() throws {
    let party = try ListedParty()
    _ = try party.load()
    // 700 customers (runs of 256 screened on two workers), the listed person at three places,
    // one of them refreshed later in the file.
    var rows = (0..<700).map { Fixture.customerRow("C\($0)", name: "Aigerim Bekova") }
    for index in [5, 300, 699] { rows[index] = Fixture.customerRow("C\(index)", name: "Yerlan Kasymov") }
    rows.append(Fixture.customerRow("C5", recordedAt: "2026-02-01T00:00:00Z", name: "Yerlan Kasymov", verification: "income_verified", income: "90000"))
    let file = try party.folder.write("many.csv", Fixture.customersCSV(rows))
    let summary = try Replayer(store: party.store).replay(customers: [file])
    #expect(summary.rowsAccepted == 701)
    let alerts = try party.store.alerts()
    // The store lists by event time, then id.
    #expect(alerts.map { "\($0.eventAt) \($0.customerID)" }.sorted() == [
      "2026-01-01T00:00:00Z C300", "2026-01-01T00:00:00Z C5", "2026-01-01T00:00:00Z C699", "2026-02-01T00:00:00Z C5",
    ])
    #expect(try party.store.customerRecords("C5").count == 2)
    let headroom = try Replayer(store: party.store).headroom(customerID: "C5", at: Timestamp(rfc3339: "2026-02-02T00:00:00Z")!)
    #expect(headroom?.cap.limit == USD(dollars: 9_000))
  }

  @Test func personsMeetListedPersonsAndCompaniesMeetListedEntities() throws {
    let party = try ListedParty(entries: [
      "kz,KZ-1,person,\"KASYMOV, Yerlan\",,,,,TF,", "kz,KZ-2,entity,Kasymov Yerlan Trading,,,,,TF,",
    ])
    _ = try party.load()
    let file = try party.folder.write(
      "kinds.csv",
      Fixture.customersCSV([
        Fixture.customerRow("P1", name: "Yerlan Kasymov"),
        Fixture.customerRow("L1", personType: "legal", name: "Kasymov Yerlan Trading LLP", clientClass: "professional"),
      ]))
    _ = try Replayer(store: party.store).replay(customers: [file])
    let hits = try party.store.alerts().map { "\($0.customerID) \($0.explanationValues["entry_id"] ?? "")" }.sorted()
    #expect(hits == ["L1 KZ-2", "P1 KZ-1"])
  }

  @Test func screeningCanBeSwitchedOff() throws {
    let party = try ListedParty()
    var configuration = TamgaConfiguration()
    configuration.screening.isEnabled = false
    _ = try party.load(configuration: configuration)
    _ = try Replayer(store: party.store, configuration: configuration)
      .replay(customers: [try party.customers()], transfers: [try party.transfers()])
    #expect(try party.store.alerts().isEmpty)
  }

  @Test func aListLoadScreensTheCustomerBaseOnlyAgainstWhatChanged() throws {
    let party = try ListedParty(entries: ["kz,KZ-9,person,Unrelated Person,,,,,TF,"])
    _ = try Replayer(store: party.store).replay(customers: [try party.customers()])
    let first = try party.load(at: 1_000)
    #expect(first.snapshot.customersScreened == 2)
    #expect(first.snapshot.alertsRaised == 0)

    // Adds the listed person: raised at the load, dated by it.
    let second = try party.load(
      try party.writeList(
        "v2.list.csv",
        ["kz,KZ-9,person,Unrelated Person,,,,,TF,", "kz,KZ-1,person,\"KASYMOV, Yerlan\",,1980-04-12,Kazakhstan,,TF,"]),
      at: 2_000)
    #expect(second.previous?.id == first.snapshot.id)
    #expect(second.snapshot.addedCount == 1 && second.snapshot.changedCount == 0)
    #expect(second.snapshot.alertsRaised == 1)
    let alert = try #require(try party.store.alerts().first)
    #expect(alert.eventAt == Timestamp(millisecondsSinceEpoch: 2_000))
    #expect(alert.explanationValues["list_snapshot"] == String(second.snapshot.id))

    // Amends only the unrelated entry and drops nothing relevant: screened, nothing raised.
    let third = try party.load(
      try party.writeList(
        "v3.list.csv",
        ["kz,KZ-9,person,Unrelated Person,Other Alias,,,,TF,", "kz,KZ-1,person,\"KASYMOV, Yerlan\",,1980-04-12,Kazakhstan,,TF,"]),
      at: 3_000)
    #expect(third.snapshot.changedCount == 1 && third.snapshot.addedCount == 0)
    #expect(third.snapshot.alertsRaised == 0)
    #expect(try party.store.alerts().count == 1)
  }

  @Test func theSameFileIsNotLoadedTwice() throws {
    let party = try ListedParty()
    let first = try party.load()
    let again = try party.load(at: 5_000)
    #expect(again.wasAlreadyLoaded)
    #expect(again.snapshot.id == first.snapshot.id)
    #expect(try party.store.listSnapshots().count == 1)
  }

  @Test func rowsTheListReaderRefusedAreStoredAndTheRestLoads() throws {
    let party = try ListedParty(entries: ["kz,KZ-1,person,Good Entry,,,,,,", "kz,KZ-2,spaceship,Bad Kind,,,,,,"])
    let outcome = try party.load()
    #expect(outcome.snapshot.entryCount == 1)
    #expect(outcome.snapshot.rejectionCount == 1)
    let refused = try party.store.listRejections(snapshot: outcome.snapshot.id)
    #expect(refused.map(\.line) == [3])
  }

  @Test func aListThatCannotBeReadLeavesTheStoreAsItWas() throws {
    let party = try ListedParty()
    #expect(throws: ListLoadError.fileMissing(path: party.folder.file("missing.csv"))) {
      try party.load(party.folder.file("missing.csv"))
    }
    let headerless = try party.folder.write("bad.list.csv", "entry_id,name\n1,X\n")
    #expect(throws: ListLoadError.self) { try party.load(headerless) }
    #expect(throws: ListLoadError.self) {
      try ListUpdate.load(.ofacSDN, path: party.list, into: party.store, at: Timestamp(millisecondsSinceEpoch: 0))
    }
    #expect(try party.store.listSnapshots().isEmpty)
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/bzip2"), "needs bzip2"))
  func aBzip2ListIsUnpackedAndItsOwnBytesFingerprinted() throws {
    let party = try ListedParty()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/bzip2")
    process.arguments = ["-k", party.list]
    try process.run()
    process.waitUntilExit()
    let archive = party.list + ".bz2"
    let outcome = try party.load(archive)
    #expect(outcome.snapshot.entryCount == 1)
    #expect(outcome.snapshot.sha256 == (try FileProbe.sha256(of: .init(path: archive))))
    let damaged = try party.folder.write("damaged.list.csv.bz2", "BZh9 not really")
    #expect(throws: ListLoadError.self) { try party.load(damaged) }
  }

  @Test func aFolderIsFingerprintedByItsFiles() throws {
    let party = try ListedParty()
    let sub = party.folder.file("lists")
    try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: party.list, toPath: sub + "/a.list.csv")
    let first = try party.load(sub)
    #expect(try party.load(sub).wasAlreadyLoaded)
    try (ListedParty.header + "\nkz,KZ-2,person,Another Person,,,,,,\n").write(
      toFile: sub + "/b.list.csv", atomically: true, encoding: .utf8)
    let second = try party.load(sub)
    #expect(!second.wasAlreadyLoaded)
    #expect(second.snapshot.sha256 != first.snapshot.sha256)
    #expect(second.snapshot.addedCount == 1)
  }
}
