import Foundation
import GRDB
import Testing
import TamgaModel
import TamgaScreening
import TamgaIngest
import TamgaStore
import TamgaRules
import TamgaTestSupport
@testable import TamgaPipeline

/// Customers and two days of buys: C1 unverified crosses USD 1,000 on day 2, C2 verified with
/// a 10%-of-income limit of USD 5,000 crosses on day 1.
struct TwoDays {
  let folder: TemporaryDirectory
  let customers: String
  let day1: String
  let day2: String
  let both: String

  init() throws {
    folder = try TemporaryDirectory()
    customers = try folder.write(
      "customers.csv",
      Fixture.customersCSV([
        Fixture.customerRow("C1"),
        Fixture.customerRow("C2", verification: "income_verified", income: "50000"),
        Fixture.customerRow("C3", clientClass: "professional"),
      ]))
    let firstDay = [
      Fixture.transferRow("T1", at: "2026-03-01T05:00:00Z", customer: "C1", usd: "700.00"),
      Fixture.transferRow("T2", at: "2026-03-01T06:00:00Z", customer: "C2", usd: "4999.99"),
      Fixture.transferRow("T3", at: "2026-03-01T07:00:00Z", customer: "C2", usd: "0.02"),
      Fixture.transferRow("T4", at: "2026-03-01T08:00:00Z", customer: "C3", usd: "90000.00"),
    ]
    let secondDay = [
      Fixture.transferRow("T5", at: "2026-03-02T05:00:00Z", customer: "C1", usd: "300.00"),
      Fixture.transferRow("T6", at: "2026-03-02T06:00:00Z", customer: "C1", usd: "0.01"),
      Fixture.transferRow("T7", at: "2026-03-02T07:00:00Z", customer: "C9", usd: "1.00"),
      "T8,2026-03-02T08:00:00Z,C1,buy,USDT,tron,1,lots,,,",
    ]
    day1 = try folder.write("transfers-1.csv", Fixture.transfersCSV(firstDay))
    day2 = try folder.write("transfers-2.csv", Fixture.transfersCSV(secondDay))
    both = try folder.write("transfers-both.csv", Fixture.transfersCSV(firstDay + secondDay))
  }
}

@Suite struct ReplayTests {
  @Test func replaysCustomersAndTransfersIntoAlertsLedgerAndRejections() throws {
    let days = try TwoDays()
    let store = try days.folder.freshStore()
    let summary = try Replayer(store: store).replay(customers: [days.customers], transfers: [days.day1, days.day2])
    #expect(summary.rowsAccepted == 3 + 4 + 2)
    #expect(summary.rowsRejected == 2)
    #expect(summary.alertsRaised == 2)
    let alerts = try store.alerts()
    let columns = ["rule_id", "customer_id", "transfer_id", "period", "limit", "total_before", "total_after"]
    #expect(alerts.map { Scenario.line(for: $0, columns: columns) } == [
      "aifc.retail-cap.annual,C2,T3,2026,5000.00,4999.99,5000.01",
      "aifc.retail-cap.monthly,C1,T6,2026-03,1000.00,1000.00,1000.01",
    ])
    let rejections = try store.rejections().map(\.rejection)
    #expect(rejections.map(\.reason.code) == [.unknownCustomer, .badNumber])
    #expect(rejections.map(\.line) == [4, 5])
    #expect(rejections.map(\.column) == ["customer_id", "usd_value"])
    let ledger = try store.ledger()
    #expect(ledger.map(\.kind) == [.customers, .transfers, .transfers])
    #expect(ledger[1].firstEventAt == Timestamp(rfc3339: "2026-03-01T05:00:00Z"))
    #expect(ledger[1].lastEventAt == Timestamp(rfc3339: "2026-03-01T08:00:00Z"))
    #expect(ledger[2].rowsRejected == 2)
    #expect(try store.customerRecords("C2").first?.annualIncome == USD(dollars: 50_000))
  }

  @Test func aFileAlreadyInTheLedgerIsSkippedAndSaysSo() throws {
    let days = try TwoDays()
    let store = try days.folder.freshStore()
    _ = try Replayer(store: store).replay(customers: [days.customers], transfers: [days.day1])
    let before = try store.alerts()
    // The same bytes under another name are the same file.
    let copy = days.folder.file("renamed.csv")
    try FileManager.default.copyItem(atPath: days.day1, toPath: copy)
    let again = try Replayer(store: store).replay(customers: [days.customers], transfers: [days.day1, copy])
    #expect(again.files.allSatisfy { $0.wasAlreadyIngested })
    #expect(again.rowsAccepted == 0)
    #expect(try store.alerts() == before)
    #expect(try store.ledger().count == 2)
  }

  @Test func twoRunsGiveExactlyTheAlertsOfOneRun() throws {
    let days = try TwoDays()
    let split = try days.folder.freshStore("split.db")
    _ = try Replayer(store: split).replay(customers: [days.customers], transfers: [days.day1])
    _ = try Replayer(store: split).replay(transfers: [days.day2])
    let whole = try days.folder.freshStore("whole.db")
    _ = try Replayer(store: whole).replay(customers: [days.customers], transfers: [days.both])
    let splitAlerts = try split.alerts()
    let wholeAlerts = try whole.alerts()
    #expect(splitAlerts.count == 2)
    #expect(splitAlerts == wholeAlerts)
    #expect(splitAlerts.map(\.explanation.json) == wholeAlerts.map(\.explanation.json))
    #expect(try split.engineState().mapValues(\.bytes) == whole.engineState().mapValues(\.bytes))
  }

  @Test func sameInputsGiveTheSameAlertsByteForByte() throws {
    let days = try TwoDays()
    var runs: [[String]] = []
    for name in ["a.db", "b.db"] {
      let store = try days.folder.freshStore(name)
      _ = try Replayer(store: store).replay(customers: [days.customers], transfers: [days.day1, days.day2])
      runs.append(try store.alerts().map { "\($0.id)|\($0.summary)|\($0.explanation.json)" })
    }
    #expect(runs[0] == runs[1])
  }

  @Test func anUnreadableFileStopsTheRunBeforeAnythingIsWritten() throws {
    let days = try TwoDays()
    let store = try days.folder.freshStore()
    let broken = try days.folder.write("broken.csv", "transfer_id,timestamp\nT1,2026-03-01T00:00:00Z\n")
    #expect(throws: IngestError.self) {
      try Replayer(store: store).replay(customers: [days.customers], transfers: [days.day1, broken])
    }
    #expect(try store.ledger().isEmpty)
    #expect(try store.engineState().isEmpty)
  }

  @Test func aCorruptGzipMidFileLeavesNothingOfThatFile() throws {
    let days = try TwoDays()
    let store = try days.folder.freshStore()
    // Large enough that the first 4 MiB inflate cleanly and the damage is met mid-replay.
    let rows = (1...150_000).map { Fixture.transferRow("T\($0)", at: "2026-03-01T05:00:00Z", customer: "C1", usd: "1.00") }
    let plain = try days.folder.write("big.csv", Fixture.transfersCSV(rows))
    let gz = try gzipBytes(plain)
    // Keep the gzip header and the start of the stream, so the header check passes and the
    // damage is found well into the file.
    let truncated = try days.folder.write("big.csv.gz", bytes: Array(gz.prefix(gz.count * 3 / 4)))
    let error = try #require(throws: IngestError.self) {
      try Replayer(store: store).replay(customers: [days.customers], transfers: [truncated])
    }
    #expect(error.code == .corruptGzip)
    // The customers file committed before the broken one; nothing of the broken one did.
    #expect(try store.ledger().map(\.kind) == [.customers])
    #expect(try store.alerts().isEmpty)
    #expect(try store.rejections().isEmpty)
  }

  /// A plain file is framed, evaluated and stored on three threads: when the store fails
  /// well into the file, the other two stop, nothing of the file is kept, and the same file
  /// replays whole once the store works again.
  @Test func aStoreFailureMidFileStopsEveryThreadAndKeepsNothingOfThatFile() throws {
    let days = try TwoDays()
    let store = try days.folder.freshStore()
    _ = try Replayer(store: store).replay(customers: [days.customers])
    var rows = (1...50_000).map { Fixture.transferRow("Q\($0)", at: "2026-03-01T05:00:00Z", customer: "C3", usd: "1.00") }
    // The only row that alerts, far enough in that framing and the rules are busy ahead of it.
    rows[40_000] = Fixture.transferRow("OVER", at: "2026-03-01T06:00:00Z", customer: "C1", usd: "2000.00")
    let file = try days.folder.write("big.csv", Fixture.transfersCSV(rows))
    let database = try DatabaseQueue(path: store.path)
    try database.write { db in
      try db.execute(sql: "CREATE TRIGGER disk_full BEFORE INSERT ON alert BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    }
    let error = try #require(throws: StoreError.self) { try Replayer(store: store).replay(transfers: [file]) }
    #expect(error.description.contains("disk full"))
    #expect(try store.ledger().map(\.kind) == [.customers])
    #expect(try store.alerts().isEmpty)

    try database.write { db in try db.execute(sql: "DROP TRIGGER disk_full") }
    let summary = try Replayer(store: store).replay(transfers: [file])
    #expect(summary.files.map(\.entry.rowsAccepted) == [50_000])
    #expect(try store.alerts().map(\.ruleID.rawValue) == ["aifc.retail-cap.monthly"])
  }

  @Test func aReaderSeesTheLastCommittedStateWhileAReplayWrites() throws {
    let days = try TwoDays()
    let path = days.folder.file("shared.db")
    let writer = try CaseStore(path: path)
    _ = try Replayer(store: writer).replay(customers: [days.customers], transfers: [days.day1])
    let reader = try CaseStore(readingExisting: path)
    var seenDuringWrite: [Int] = []
    _ = try writer.write { batch in
      let ingest = try batch.beginIngest(
        LedgerEntry(fileName: "x", path: "x", kind: .transfers, format: "csv", sha256: "x", headSHA256: "x",
                    byteCount: 0, ingestedAt: Timestamp(millisecondsSinceEpoch: 0)))
      try batch.insert(
        Alert(id: "A-test", ruleID: "test", severity: .low, customerID: "C1", eventAt: Timestamp(millisecondsSinceEpoch: 0),
              summary: "uncommitted", explanation: Explanation()), ingest: ingest)
      // Inside the writer's open transaction, another connection still reads the old state.
      seenDuringWrite.append(try reader.alertCount())
    }
    #expect(seenDuringWrite == [1])
    #expect(try reader.alertCount() == 2)
  }

  @Test func aBuyOlderThanTheMonthsHeldIsRejectedAsLateWithItsLine() throws {
    let folder = try TemporaryDirectory()
    let customers = try folder.write("c.csv", Fixture.customersCSV([Fixture.customerRow("C1")]))
    let transfers = try folder.write(
      "t.csv",
      Fixture.transfersCSV([
        Fixture.transferRow("T1", at: "2026-03-20T05:00:00Z", customer: "C1"),
        Fixture.transferRow("T2", at: "2026-04-20T05:00:00Z", customer: "C1"),
        Fixture.transferRow("T3", at: "2026-01-20T05:00:00Z", customer: "C1"),
      ]))
    let store = try folder.freshStore()
    let summary = try Replayer(store: store).replay(customers: [customers], transfers: [transfers])
    #expect(summary.rowsRejected == 1)
    let rejection = try #require(try store.rejections().first?.rejection)
    #expect(rejection.reason.code == .lateEvent)
    #expect(rejection.line == 4)
    #expect(rejection.column == "timestamp")
    #expect(String(decoding: rejection.raw, as: UTF8.self).hasPrefix("T3,"))
  }

  @Test func quotedAndEscapedIdsReachTheAlertAsText() throws {
    let folder = try TemporaryDirectory()
    let customers = try folder.write(
      "c.csv", Fixture.customersCSV([Fixture.customerRow("\"C,1\""), Fixture.customerRow("\"C\"\"2\"")]))
    let csv = try folder.write(
      "t.csv",
      Fixture.transfersHeader + "\n"
        + "\"T \"\"one\"\"\",2026-03-01T05:00:00Z,\"C,1\",buy,USDT,tron,1,1500.00,,,\n")
    let ndjson = try folder.write(
      "t.ndjson",
      #"{"transfer_id":"T\u00e9","timestamp":"2026-03-02T05:00:00Z","customer_id":"C\"2","kind":"buy","asset":"USDT","amount":"1","usd_value":"1500.00"}"# + "\n")
    let store = try folder.freshStore()
    _ = try Replayer(store: store).replay(customers: [customers], transfers: [csv, ndjson])
    let alerts = try store.alerts()
    #expect(alerts.map(\.customerID) == ["C,1", "C\"2"])
    #expect(alerts.map { $0.explanationValues["transfer_id"] } == ["T \"one\"", "Té"])
    #expect(try store.rejections().isEmpty)
  }

  @Test func aGzipFileGivesTheAlertsOfThePlainFile() throws {
    let days = try TwoDays()
    let gz = try days.folder.write("transfers-both.csv.gz", bytes: try gzipBytes(days.both))
    let plainStore = try days.folder.freshStore("plain.db")
    _ = try Replayer(store: plainStore).replay(customers: [days.customers], transfers: [days.both])
    let gzipStore = try days.folder.freshStore("gzip.db")
    _ = try Replayer(store: gzipStore).replay(customers: [days.customers], transfers: [gz])
    #expect(try gzipStore.alerts() == plainStore.alerts())
    #expect(try gzipStore.rejections().map(\.rejection) == plainStore.rejections().map(\.rejection).map {
      var rejection = $0
      rejection.file = gz
      return rejection
    })
  }

  @Test func headroomSaysWhatAClientMayStillBuy() throws {
    let days = try TwoDays()
    let store = try days.folder.freshStore()
    _ = try Replayer(store: store).replay(customers: [days.customers], transfers: [days.day1])
    let replayer = try Replayer(store: store)
    let c1 = try #require(try replayer.headroom(customerID: "C1", at: Timestamp(rfc3339: "2026-03-15T00:00:00Z")!))
    #expect(c1.period == "2026-03")
    #expect(c1.used == USD(dollars: 700))
    #expect(c1.remaining == USD(dollars: 300))
    let nextMonth = try #require(try replayer.headroom(customerID: "C1", at: Timestamp(rfc3339: "2026-04-15T00:00:00Z")!))
    #expect(nextMonth.remaining == USD(dollars: 1_000))
    let c2 = try #require(try replayer.headroom(customerID: "C2", at: Timestamp(rfc3339: "2026-03-15T00:00:00Z")!))
    #expect(c2.remaining == .zero)
    #expect(try replayer.headroom(customerID: "nobody", at: Timestamp(millisecondsSinceEpoch: 0)) == nil)
  }
}

@Suite struct ConfigurationTests {
  @Test func readsLimitsAsDecimalTextAndKeepsDefaultsForTheRest() throws {
    let configuration = try TamgaConfiguration(
      yaml: """
        retail_caps:
          monthly_limit_usd: "500.50"
          income_share_percent: 12.5
        """)
    #expect(configuration.rules.retailCaps.monthlyLimit == USD(cents: 500_50))
    #expect(configuration.rules.retailCaps.incomeShareBasisPoints == 1_250)
    #expect(configuration.rules.retailCaps.annualLimit == USD(dollars: 100_000))
    #expect(configuration.maxRecordBytes == 65_536)
  }

  @Test func theWrittenDefaultsReadBackAsTheDefaults() throws {
    let defaults = TamgaConfiguration()
    #expect(try TamgaConfiguration(yaml: defaults.yaml) == defaults)
    var changed = defaults
    changed.rules.retailCaps.netWorthShareBasisPoints = 725
    changed.rules.retailCaps.isEnabled = false
    changed.screening.nameThresholdPercent = 92
    changed.screening.hitsPerName = 3
    changed.screening.isEnabled = false
    changed.exposure.directAlertClasses = [.severe, .medium]
    #expect(try TamgaConfiguration(yaml: changed.yaml) == changed)
    changed.exposure.directAlertClasses = []
    changed.rules.exposure.hopLimit = 5
    changed.rules.exposure.decayPercent = 75
    changed.rules.exposure.thresholdBasisPoints[.high] = 1_250
    changed.rules.exposure.isEnabled = false
    changed.rules.newAccountDeposits.minimumDeposit = USD(cents: 5_000_50)
    changed.rules.newAccountDeposits.newAccountDays = 14
    changed.rules.newAccountDeposits.isEnabled = false
    changed.rules.dormantAccounts.dormantDays = 90
    changed.rules.dormantAccounts.minimumValue = USD(cents: 250_00)
    changed.rules.structuring.thresholds = [USD(cents: 3_000_00)]
    changed.rules.structuring.marginPercent = 5
    changed.rules.structuring.minimumTransfers = 4
    changed.rules.structuring.windowHours = 48
    changed.rules.rapidPassThrough.minimumDeposited = USD(cents: 2_500_00)
    changed.rules.rapidPassThrough.windowHours = 6
    changed.rules.rapidPassThrough.withdrawnPercent = 75
    changed.rules.rapidPassThrough.tradedPercent = 0
    changed.rules.newAccountDrains.isEnabled = false
    changed.rules.newAccountDrains.newAccountDays = 60
    changed.rules.newAccountDrains.drainedPercent = 100
    changed.rules.newAccountDrains.minimumDeposited = USD(cents: 1)
    changed.rules.highValueBursts.minimumTransfers = 3
    changed.rules.highValueBursts.minimumValue = USD(dollars: 50_000)
    changed.rules.highValueBursts.windowHours = 1
    changed.rules.chainHopping.minimumConversions = 4
    changed.rules.chainHopping.minimumValue = USD(dollars: 10)
    changed.rules.chainHopping.windowHours = 720
    changed.rules.fanIn.minimumSenders = 3
    changed.rules.fanIn.minimumReceived = USD(dollars: 300)
    changed.rules.fanIn.consolidatedPercent = 100
    changed.rules.fanIn.windowHours = 240
    changed.rules.fanOut.minimumRecipients = 10
    changed.rules.fanOut.minimumSent = USD(dollars: 100_000)
    changed.rules.fanOut.windowHours = 2
    changed.rules.chainHopping.flagsConversionsIntoPrivacyAssets = false
    changed.rules.regulatory.unapprovedAsset = RegulatoryCheck(isEnabled: false, regimes: [.aifc, .national])
    changed.rules.regulatory.privacyAsset.regimes = [.national]
    changed.rules.regulatory.warningListPlatform.regimes = []
    changed.rules.regulatory.highRiskJurisdictions.isEnabled = false
    changed.rules.regulatory.jurisdictionListings = [.callForAction]
    changed.rules.sharedExternalAddress.isEnabled = false
    changed.rules.sharedExternalAddress.minimumCustomers = 5
    changed.rules.sharedExternalAddress.windowHours = 2_160
    changed.rules.sharedExternalAddress.countsVASPAddresses = true
    changed.rules.roundTripping.minimumReturned = USD(cents: 250_50)
    changed.rules.roundTripping.returnedPercent = 100
    changed.rules.roundTripping.windowHours = 24
    changed.rules.regulatory.travelRule.check.regimes = [.aifc]
    changed.rules.regulatory.travelRule.threshold = USD(cents: 3_000_00)
    changed.rules.regulatory.travelRule.requiresOwnershipProof = false
    changed.rules.regulatory.thresholdReport.check.regimes = [.aifc, .national]
    changed.rules.regulatory.thresholdReport.thresholdKZT = 7_000_000
    changed.rules.regulatory.minerSaleThrough.check.regimes = [.national]
    changed.rules.regulatory.minerSaleThrough.requiredSharePercent = 70
    #expect(try TamgaConfiguration(yaml: changed.yaml) == changed)
    // Unset, the threshold is left out of the YAML and reads back unset.
    #expect(try TamgaConfiguration(yaml: TamgaConfiguration().yaml).rules.regulatory.thresholdReport.thresholdKZT == nil)
    #expect(try TamgaConfiguration(yaml: "screening:\n  name_threshold: 0.9\n").screening.nameThreshold == 0.9)
  }

  @Test(arguments: [
    ("retail_caps:\n  monthly_limit: 5\n", "unknown key retail_caps.monthly_limit"),
    ("retail_caps:\n  monthly_limit_usd: lots\n", "retail_caps.monthly_limit_usd must be"),
    ("retail_caps:\n  income_share_percent: 120\n", "income_share_percent must be a percentage"),
    ("version: 9\n", "newer than this build"),
    ("ingest:\n  max_record_bytes: 10\n", "max_record_bytes must be"),
    ("- a\n- b\n", "expected a mapping"),
    ("retail_caps: [\n", "not valid YAML"),
    ("screening:\n  name_threshold: 0.4\n", "screening.name_threshold must be a score"),
    ("screening:\n  name_threshold: \"0.855\"\n", "screening.name_threshold must be a score"),
    ("screening:\n  hits_per_name: 0\n", "screening.hits_per_name must be"),
    ("screening:\n  threshold: 0.9\n", "unknown key screening.threshold"),
    ("exposure:\n  direct_alert_classes: severe\n", "exposure.direct_alert_classes must be a list"),
    ("exposure:\n  direct_alert_classes: [severe, grave]\n", "not one of severe, high, medium"),
    ("exposure:\n  indirect: 5\n", "unknown key exposure.indirect"),
    ("exposure:\n  hop_limit: 9\n", "exposure.hop_limit must be a whole number from 1 to 8"),
    ("typologies:\n  fan_inn: {}\n", "unknown key typologies.fan_inn"),
    ("typologies:\n  fan_in: 5\n", "typologies.fan_in must be a mapping"),
    ("typologies:\n  fan_in:\n    minimum_senders: 1\n", "fan_in.minimum_senders must be a whole number from 2 to 20"),
    ("typologies:\n  fan_out:\n    senders: 4\n", "unknown key typologies.fan_out.senders"),
    ("typologies:\n  shared_external_address:\n    minimum_customers: 1\n",
     "shared_external_address.minimum_customers must be a whole number from 2 to 20"),
    ("typologies:\n  shared_external_address:\n    window_hours: 2161\n",
     "shared_external_address.window_hours must be a whole number from 1 to 2160"),
    ("typologies:\n  shared_external_address:\n    minimum_usd: \"10\"\n", "unknown key typologies.shared_external_address.minimum_usd"),
    ("typologies:\n  round_tripping:\n    returned_percent: 0\n", "round_tripping.returned_percent must be a whole number from 1 to 100"),
    ("typologies:\n  round_tripping:\n    window_hours: 721\n", "round_tripping.window_hours must be a whole number from 1 to 720"),
    ("typologies:\n  round_tripping:\n    minimum_usd: some\n", "round_tripping.minimum_usd must be a non-negative amount"),
    ("typologies:\n  round_tripping:\n    enabled: 1\n", "round_tripping.enabled must be true or false"),
    ("typologies:\n  rapid_pass_through:\n    withdrawn_percent: 101\n", "withdrawn_percent must be a whole number from 1 to 100"),
    ("typologies:\n  chain_hopping:\n    enabled: sometimes\n", "chain_hopping.enabled must be true or false"),
    ("typologies:\n  high_value_burst:\n    minimum_usd: \"-5\"\n", "high_value_burst.minimum_usd must be a non-negative amount"),
    ("typologies:\n  dormant_account_reactivated:\n    dormant_days: 5000\n", "dormant_days must be a whole number"),
    ("typologies:\n  structuring:\n    thresholds_usd: []\n", "thresholds_usd must be a list of amounts"),
    ("typologies:\n  structuring:\n    minimum_transfers: 1\n", "minimum_transfers must be a whole number from 2 to 20"),
    ("typologies:\n  new_account_large_deposit:\n    new_account_days: 0\n", "new_account_days must be a whole number"),
    ("typologies:\n  chain_hopping:\n    into_privacy_asset: 1\n", "chain_hopping.into_privacy_asset must be true or false"),
    ("regulatory: [a]\n", "regulatory must be a mapping"),
    ("regulatory:\n  unlicensed: {}\n", "unknown key regulatory.unlicensed"),
    ("regulatory:\n  privacy_asset: true\n", "regulatory.privacy_asset must be a mapping"),
    ("regulatory:\n  privacy_asset:\n    regimes: aifc\n", "regulatory.privacy_asset.regimes must be a list of aifc, national"),
    ("regulatory:\n  unapproved_asset:\n    regimes: [aifc, offshore]\n", "not one of aifc, national"),
    ("regulatory:\n  warning_list_platform:\n    listings: [call_for_action]\n", "unknown key regulatory.warning_list_platform.listings"),
    ("regulatory:\n  high_risk_jurisdictions:\n    listings: [black]\n", "listings holds something that is not one of call_for_action"),
    ("regulatory:\n  reference:\n    sanctions: x.csv\n", "unknown key regulatory.reference.sanctions"),
    ("regulatory:\n  travel_rule:\n    threshold_usd: \"-1\"\n", "regulatory.travel_rule.threshold_usd must be a non-negative amount"),
    ("regulatory:\n  travel_rule:\n    requires_ownership_proof: maybe\n", "travel_rule.requires_ownership_proof must be true or false"),
    ("regulatory:\n  travel_rule:\n    threshold: 1000\n", "unknown key regulatory.travel_rule.threshold"),
    ("regulatory:\n  threshold_report:\n    threshold_kzt: 0\n", "threshold_report.threshold_kzt must be a whole number of tenge above 0"),
    ("regulatory:\n  threshold_report:\n    threshold_kzt: 1000000.50\n", "threshold_report.threshold_kzt must be a whole number"),
    ("regulatory:\n  threshold_report:\n    threshold_kzt: a million\n", "threshold_report.threshold_kzt must be a whole number"),
    ("regulatory:\n  threshold_report:\n    threshold_usd: 1000\n", "unknown key regulatory.threshold_report.threshold_usd"),
    ("regulatory:\n  miner_sale_through:\n    required_share_percent: 0\n", "miner_sale_through.required_share_percent must be a whole number from 1 to 100"),
    ("regulatory:\n  miner_sale_through:\n    required_share_percent: 75.5\n", "miner_sale_through.required_share_percent must be a whole number"),
    ("regulatory:\n  miner_sale_through:\n    share: 75\n", "unknown key regulatory.miner_sale_through.share"),
    ("regulatory:\n  reference:\n    usd_kzt_rates: rates.csv\n", "regulatory.reference.usd_kzt_rates: list file missing"),
    ("regulatory:\n  reference:\n    approved_assets: 5\n", "approved_assets must be a file path or built-in"),
    ("regulatory:\n  reference:\n    approved_assets: mine.csv\n", "regulatory.reference.approved_assets: list file missing: /nonexistent/mine.csv"),
    ("typologies:\n  new_account_large_deposit:\n    minimum_usd: lots\n", "new_account_large_deposit.minimum_usd must be"),
    ("exposure:\n  decay_percent: 150\n", "exposure.decay_percent must be"),
    ("exposure:\n  indirect_threshold_percent: 5\n", "exposure.indirect_threshold_percent must be a mapping of severe, high, medium"),
    ("exposure:\n  indirect_threshold_percent:\n    grave: 1\n", "unknown key exposure.indirect_threshold_percent.grave"),
    ("exposure:\n  indirect_threshold_percent:\n    high: \"5.555\"\n", "indirect_threshold_percent.high must be a percentage"),
    ("escalation: on\n", "escalation must be a mapping"),
    ("escalation:\n  window: 24\n", "unknown key escalation.window"),
    ("escalation:\n  enabled: sometimes\n", "escalation.enabled must be true or false"),
    ("escalation:\n  grouping_window_hours: 8761\n", "escalation.grouping_window_hours must be a whole number from 0 to 8760"),
    ("escalation:\n  due_business_days: 5\n", "escalation.due_business_days must be a mapping of severe, high, medium, low"),
    ("escalation:\n  due_business_days:\n    urgent: 1\n", "unknown key escalation.due_business_days.urgent"),
    ("escalation:\n  due_business_days:\n    high: 61\n", "escalation.due_business_days.high must be a whole number from 0 to 60"),
    ("escalation:\n  immediate_rules: screening.sanctions.name-match\n", "escalation.immediate_rules must be a list"),
    ("escalation:\n  high_risk_raises_priority: 1\n", "escalation.high_risk_raises_priority must be true or false"),
    ("escalation:\n  holidays: [2026-03-08, 8 March]\n", "escalation.holidays holds 8 March, not a date (YYYY-MM-DD)"),
    ("escalation:\n  four_eyes_from: critical\n", "escalation.four_eyes_from must be low, medium, high or severe"),
    ("escalation:\n  retention_years: 4\n", "escalation.retention_years must be a whole number from 5 to 30"),
    ("users: alice\n", "users must be a mapping of user name to role (analyst or mlro)"),
    ("users:\n  \"al ice\": analyst\n", "users: al ice is not a user name"),
    ("users:\n  alice: admin\n", "users.alice must be analyst or mlro"),
  ])
  func refusesAConfigurationThatCannotBeMeant(yaml: String, message: String) {
    // Reference files are read relative to the configuration's folder, here one that has none.
    let error = #expect(throws: ConfigurationError.self) { try TamgaConfiguration(yaml: yaml, source: "t.yaml", directory: "/nonexistent") }
    #expect(error?.description.contains(message) == true, "\(error?.description ?? "")")
    #expect(error?.description.hasPrefix("t.yaml: ") == true)
  }

  /// Holidays written as the README shows them, unquoted, are the firm's calendar dates.
  @Test func readsUnquotedHolidaysAsCalendarDates() throws {
    let configuration = try TamgaConfiguration(yaml: "escalation:\n  holidays: [2026-03-08, \"2026-03-09\"]\n", source: "t.yaml")
    #expect(configuration.escalation.holidays == [CivilDate(iso: "2026-03-08")!, CivilDate(iso: "2026-03-09")!])
  }

  /// A reference file named in the configuration replaces the shipped list, read from the
  /// configuration's own folder; `built-in` keeps the shipped one.
  @Test func readsReferenceFilesBesideTheConfiguration() throws {
    let folder = try TemporaryDirectory()
    try folder.write("fatf.csv", "# published_on: 2026-02-13\n# source: FATF, February 2026\ncountry,listing\nKP,call_for_action\n")
    let configuration = try TamgaConfiguration(
      yaml: "regulatory:\n  reference:\n    fatf_jurisdictions: fatf.csv\n    approved_assets: built-in\n", source: "t.yaml",
      directory: folder.path)
    #expect(configuration.rules.regulatory.reference.jurisdictions == ["KP": .callForAction])
    #expect(configuration.rules.regulatory.reference.jurisdictionsSource.file == folder.file("fatf.csv"))
    #expect(configuration.rules.regulatory.reference.approvedAssets == RegulatoryReference.builtIn.approvedAssets)
    #expect(configuration.referenceFiles == [.fatfJurisdictions: "fatf.csv"])
    #expect(configuration.yaml.contains("fatf_jurisdictions: \"fatf.csv\""))
    #expect(try TamgaConfiguration(yaml: configuration.yaml, directory: folder.path) == configuration)
  }
}

func gzipBytes(_ path: String) throws -> [UInt8] {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", "gzip -c \"$0\"", path]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return [UInt8](data)
}
