import Foundation
import Testing
import TamgaModel
import TamgaStore
import TamgaRules
import TamgaTestSupport
@testable import TamgaPipeline

/// Travel Rule files replayed beside transfers: what is stored, what is rejected, and which
/// transfers alert.
@Suite struct TravelRuleReplayTests {
  /// A complete IVMS101 payload: a natural-person originator identified by a customer number,
  /// a beneficiary with a legal name, both with one account.
  static func payload(originatorAccount: String, beneficiaryAccount: String, identified: Bool = true) -> String {
    let id = identified ? #","customerIdentification":"C-1""# : ""
    return #"{"originator":{"originatorPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Seitkali","secondaryIdentifier":"Aruzhan","nameIdentifierType":"LEGL"}]}\#(id)}}],"accountNumber":["\#(originatorAccount)"]},"beneficiary":{"beneficiaryPersons":[{"naturalPerson":{"name":{"nameIdentifier":[{"primaryIdentifier":"Lee","secondaryIdentifier":"Jordan","nameIdentifierType":"LEGL"}]}}}],"accountNumber":["\#(beneficiaryAccount)"]}}"#
  }

  static func message(_ transferID: String, sentAt: String = "2026-03-02T08:00:00Z", payload: String) -> String {
    #"{"transfer_id":"\#(transferID)","sent_at":"\#(sentAt)","ivms101":\#(payload)}"#
  }

  static func proof(_ customer: String, address: String, verifiedAt: String = "2026-02-01T00:00:00Z") -> String {
    #"{"customer_id":"\#(customer)","chain":"ethereum","address":"\#(address)","method":"signed_message","verified_at":"\#(verifiedAt)"}"#
  }

  /// A deposit or withdrawal; `vasp` empty for a self-hosted wallet.
  static func transfer(
    _ id: String, kind: String = "withdrawal", usd: String = "2500.00", address: String = "0xbeef000000000000000000000000000000000001",
    vasp: String = "Harbor Digital", at time: String = "2026-03-02T09:00:00Z"
  ) -> String {
    "\(id),\(time),C1,\(kind),ETH,ethereum,1,\(usd),\(address),\(vasp),0x\(id)"
  }

  let folder: TemporaryDirectory
  let customers: String

  init() throws {
    folder = try TemporaryDirectory()
    customers = try folder.write(
      "customers.csv", Fixture.customersCSV([Fixture.customerRow("C1", clientClass: "professional")]))
  }

  func replay(
    travelRule lines: [String]?, transfers rows: [String], configuration: TamgaConfiguration = TamgaConfiguration(),
    store: CaseStore? = nil, name: String = "t"
  ) throws -> (store: CaseStore, summary: ReplaySummary) {
    let store = try store ?? folder.freshStore()
    let travelRule = try lines.map { [try folder.write("travel-rule-\(name).ndjson", $0.joined(separator: "\n") + "\n")] } ?? []
    let transfers = try folder.write("transfers-\(name).csv", Fixture.transfersCSV(rows))
    let summary = try Replayer(store: store, configuration: configuration).replay(
      customers: [customers], travelRule: travelRule, transfers: [transfers])
    return (store, summary)
  }

  func alerts(_ store: CaseStore) throws -> [String] {
    try store.alerts().map { Scenario.line(for: $0, columns: ["rule_id", "transfer_id", "problems", "ownership_proof"]) }
  }

  @Test func eachCoveredTransferIsCheckedAgainstItsMessageOrProof() throws {
    let wallet = "0xbeef000000000000000000000000000000000001"
    let (store, summary) = try replay(
      travelRule: [
        Self.message("T1", payload: Self.payload(originatorAccount: "0xf1", beneficiaryAccount: wallet)),
        Self.message("T2", payload: Self.payload(originatorAccount: "0xf1", beneficiaryAccount: wallet, identified: false)),
        // Names another wallet than the one T3 went to (compared by matching key: case does not matter).
        Self.message("T3", payload: Self.payload(originatorAccount: "0xf1", beneficiaryAccount: "0xBEEF000000000000000000000000000000000002")),
        Self.proof("C1", address: "0xCAFE000000000000000000000000000000000001"),
      ],
      transfers: [
        Self.transfer("T1"), Self.transfer("T2"), Self.transfer("T3"), Self.transfer("T4"),
        Self.transfer("T5", usd: "999.99"),
        Self.transfer("T6", address: "0xcafe000000000000000000000000000000000001", vasp: ""),
        Self.transfer("T7", kind: "deposit", address: "0xcafe000000000000000000000000000000000002", vasp: ""),
      ])
    #expect(summary.files.map(\.entry.rowsAccepted) == [1, 4, 7])
    #expect(try alerts(store).sorted() == [
      "travel-rule.incomplete,T2,ivms101.C1 at originator.originatorPersons[0].naturalPerson;travelRule.originatorIdentificationMissing at originator.originatorPersons[0].naturalPerson,",
      "travel-rule.incomplete,T3,travelRule.accountMismatch at beneficiary.accountNumber,",
      "travel-rule.missing,T4,,",
      "travel-rule.self-hosted-unproven,T7,,none on record for this customer and address",
    ])
    // The messages T1 to T3 were used; none waits for a transfer any more.
    #expect(try store.unmatchedTravelRuleMessages().isEmpty)
    #expect(try store.travelRuleMessage(transferID: "T1")?.payload.contains("Seitkali") == true)
  }

  @Test func withoutAnyTravelRuleFileNothingIsChecked() throws {
    let (store, _) = try replay(travelRule: nil, transfers: [Self.transfer("T1"), Self.transfer("T2", vasp: "")])
    #expect(try store.alerts().isEmpty)
  }

  @Test func aMessageReplayedOnOneDayServesATransferReplayedOnTheNext() throws {
    let wallet = "0xbeef000000000000000000000000000000000001"
    let (store, _) = try replay(
      travelRule: [
        Self.message("T1", payload: Self.payload(originatorAccount: "0xf1", beneficiaryAccount: wallet)),
        Self.message("T9", payload: Self.payload(originatorAccount: "0xf1", beneficiaryAccount: wallet)),
      ],
      transfers: [Self.transfer("T1")], name: "day1")
    #expect(try store.unmatchedTravelRuleMessages().map(\.transferID) == ["T9"])
    _ = try replay(travelRule: nil, transfers: [Self.transfer("T9", at: "2026-03-03T09:00:00Z")], store: store, name: "day2")
    #expect(try store.alerts().isEmpty)
    #expect(try store.unmatchedTravelRuleMessages().isEmpty)
  }

  @Test func aCorrectedResendReplacesTheFirstMessage() throws {
    let wallet = "0xbeef000000000000000000000000000000000001"
    let (store, _) = try replay(
      travelRule: [
        Self.message("T1", payload: Self.payload(originatorAccount: "0xf1", beneficiaryAccount: wallet, identified: false)),
        Self.message("T1", sentAt: "2026-03-02T08:30:00Z", payload: Self.payload(originatorAccount: "0xf1", beneficiaryAccount: wallet)),
      ],
      transfers: [Self.transfer("T1")])
    #expect(try store.alerts().isEmpty)
  }

  @Test func aPayloadThatIsNotIVMS101IsKeptAndTheTransferAlerts() throws {
    let (store, summary) = try replay(
      travelRule: [Self.message("T1", payload: #"{"transaction":{"txid":"abc"}}"#)], transfers: [Self.transfer("T1")])
    #expect(summary.rowsRejected == 0)
    let alert = try #require(try store.alerts().first)
    #expect(alert.ruleID == TravelRuleRule.incomplete)
    #expect(alert.explanationValues["problems"] == "ivms101.unreadable at ivms101")
    #expect(alert.explanationValues["message_line"] == "1")
  }

  @Test func aProofDatedAfterTheTransferDoesNotCoverItAndIsNamed() throws {
    let address = "0xcafe000000000000000000000000000000000001"
    let (store, _) = try replay(
      travelRule: [Self.proof("C1", address: address, verifiedAt: "2026-03-05T00:00:00Z")],
      transfers: [Self.transfer("T1", address: address, vasp: "")])
    let alert = try #require(try store.alerts().first)
    #expect(alert.ruleID == TravelRuleRule.selfHostedUnproven)
    #expect(alert.explanationValues["ownership_proof"] == "verified after the transfer")
    #expect(alert.explanationValues["proof_verified_at"] == "2026-03-05T00:00:00Z")
    #expect(alert.explanationValues["threshold_usd"] == "1000.00")
  }

  @Test func theConfigurationSetsTheThresholdAndWhetherProofsAreRequired() throws {
    var configuration = TamgaConfiguration()
    configuration.rules.regulatory.travelRule.threshold = USD(cents: 3_000_00)
    configuration.rules.regulatory.travelRule.requiresOwnershipProof = false
    let (store, _) = try replay(
      travelRule: [Self.proof("C1", address: "0xcafe000000000000000000000000000000000009")],
      transfers: [
        Self.transfer("T1"), Self.transfer("T2", usd: "3000.00"), Self.transfer("T3", usd: "9000.00", vasp: ""),
      ],
      configuration: configuration)
    #expect(try alerts(store) == ["travel-rule.missing,T2,,"])
    var national = TamgaConfiguration()
    national.rules.regulatory.travelRule.check.regimes = [.national]
    let (other, _) = try replay(
      travelRule: [Self.proof("C1", address: "0xcafe000000000000000000000000000000000009")],
      transfers: [Self.transfer("T1")], configuration: national, store: try folder.freshStore("national.db"), name: "n")
    #expect(try other.alerts().isEmpty)
  }

  @Test func aBadLineIsRejectedWithWhatAndWhereAndTheRestIsKept() throws {
    let good = Self.proof("C1", address: "0xcafe000000000000000000000000000000000001")
    let (store, summary) = try replay(
      travelRule: [
        good,
        #"{"sent_at":"2026-03-02T08:00:00Z"}"#,
        #"{"transfer_id":"T1","customer_id":"C1","address":"0xcafe"}"#,
        #"{"transfer_id":"T1","sent_at":"yesterday","ivms101":{}}"#,
        #"{"transfer_id":"T1","sent_at":"2026-03-02T08:00:00Z"}"#,
        #"{"transfer_id":"T1","sent_at":"2026-03-02T08:00:00Z","ivms101":"a payload"}"#,
        #"{"customer_id":"C1","chain":"ethereum","address":"0xcafe","verified_at":"2026-02-01T00:00:00Z"}"#,
        #"{"customer_id":"C1","address":"0xcafe","method":"satoshi_test","verified_at":"2026-02-30T00:00:00Z"}"#,
        #"{"customer_id":"C1","method":"satoshi_test"}"#,
        #"{"transfer_id":"T1","#,
      ],
      transfers: [])
    #expect(summary.files[1].entry.rowsAccepted == 1)
    #expect(summary.files[1].entry.rowsRejected == 9)
    let rejections = try store.rejections().map(\.rejection)
    #expect(rejections.map(\.line) == Array(2...10))
    #expect(rejections.map(\.column) == [nil, "transfer_id", "sent_at", nil, nil, "method", "verified_at", "address", nil])
    #expect(rejections.map(\.reason.code) == [
      .missingValue, .badValue, .badTimestamp, .missingValue, .malformedJSON, .missingValue, .badTimestamp, .missingValue,
      .malformedJSON,
    ])
    #expect(rejections[0].reason.message.contains("names neither"))
    #expect(rejections[4].reason.message == "ivms101 is not a JSON object")
    #expect(try store.walletOwnershipProofs().map(\.customerID) == ["C1"])
  }

  @Test func aMessageInACSVFileIsRefusedAsNeedingNDJSON() throws {
    let store = try folder.freshStore()
    let file = try folder.write(
      "travel-rule.csv",
      "customer_id,chain,address,method,verified_at,transfer_id\nC1,ethereum,0xcafe,signed_message,2026-02-01T00:00:00Z,\n,,,,,T1\n")
    let summary = try Replayer(store: store).replay(customers: [customers], travelRule: [file])
    #expect(summary.files[1].entry.rowsAccepted == 1)
    #expect(try store.rejections().map(\.rejection.reason.message) == ["a message needs NDJSON: its ivms101 payload is a nested object"])
  }
}
