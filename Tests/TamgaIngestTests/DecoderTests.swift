import Foundation
import Testing
import TamgaModel
import TamgaTestSupport
@testable import TamgaIngest

/// Decodes every row of the file at `path` with `decode`, returning the decoded fields (each
/// copied from `fields` after a good row) or the rejections, the reader's and the decoder's.
func decodeRows<Fields>(
  _ path: String, schema: Schema, fields: Fields, _ decode: (borrowing Record, inout Fields) -> Rejection?
) throws -> (fields: [Fields], rejections: [Rejection]) {
  var fields = fields
  var decoded: [Fields] = []
  var rejections: [Rejection] = []
  _ = try RecordReader(source: SourceFile(path: path), schema: schema).read(
    record: { record in
      if let rejection = decode(record, &fields) {
        rejections.append(rejection)
      } else {
        decoded.append(fields)
      }
    }, reject: { rejections.append($0) })
  return (decoded, rejections)
}

/// Decodes every row of a transfers file, returning the decoded fields or the rejections.
func decodeTransfers(
  _ rows: [String], reference: RegulatoryReference = .empty
) throws -> (fields: [TransferFields], rejections: [Rejection]) {
  let folder = try TemporaryDirectory()
  let path = try folder.write("t.csv", Fixture.transfersCSV(rows))
  var decoder = TransferDecoder(reference: reference)
  return try decodeRows(path, schema: TransferDecoder.schema, fields: TransferFields()) { decoder.decode($0, into: &$1) }
}

@Suite struct TransferDecoderTests {
  /// Each asset gets its profile and each counterparty VASP its directory position, whatever
  /// their spelling; rows without a VASP, or with one the directory does not know, get none.
  @Test func givesAssetsTheirProfileAndVASPsTheirDirectoryPosition() throws {
    var reference = RegulatoryReference()
    reference.approvedAssets = ["BTC": "Bitcoin"]
    reference.approvedAssetsSource = ReferenceSource(file: "a.csv", publishedOn: "2026-01-01", source: "x")
    reference.privacyAssets = ["XMR": "ring signatures"]
    reference.add(CounterpartyVASP(name: "Steppe Trade", country: "KZ", standing: .licensed, reference: ""))
    reference.add(CounterpartyVASP(name: "Northwind", country: "SC", standing: .warningList, reference: ""))
    func row(_ id: String, _ asset: String, vasp: String) -> String {
      Fixture.transferRow(id, at: "2026-03-01T09:15:00Z", customer: "C1", kind: "deposit", asset: asset)
        .replacingOccurrences(of: ",,,", with: ",0xabc,\(vasp),")
    }
    let result = try decodeTransfers(
      [row("T1", "btc", vasp: "NORTHWIND"), row("T2", "XMR", vasp: "steppe-trade"), row("T3", "PEPE", vasp: ""),
       row("T4", "BTC", vasp: "Unknown Venue"), row("T5", "BTC", vasp: "Northwind")],
      reference: reference)
    #expect(result.rejections.isEmpty)
    #expect(result.fields.map(\.assetProfile) == [
      [.approvalKnown, .approved], [.approvalKnown, .privacy], [.approvalKnown], [.approvalKnown, .approved],
      [.approvalKnown, .approved],
    ])
    #expect(result.fields.map(\.counterpartyVASP) == [1, 0, -1, -1, 1])
    // Without reference lists nothing is looked up.
    #expect(try decodeTransfers([row("T1", "XMR", vasp: "Northwind")]).fields.map(\.counterpartyVASP) == [-1])
  }

  @Test func parsesAmountsToBaseUnitsAndUSDToCents() throws {
    let result = try decodeTransfers([
      Fixture.transferRow("T1", at: "2026-03-01T09:15:00Z", customer: "C1", asset: "BTC", amount: "0.00012345", usd: "10.50"),
      Fixture.transferRow("T2", at: "2026-03-01T09:15:00+05:00", customer: "C1", kind: "deposit", asset: "ETH", amount: "1.5", usd: ""),
    ])
    #expect(result.rejections.isEmpty)
    #expect(result.fields[0].amount == AssetAmount(baseUnits: 12_345, decimals: 8))
    #expect(result.fields[0].usdValue == USD(cents: 1_050))
    #expect(result.fields[0].kind == .buy)
    #expect(result.fields[1].amount == AssetAmount(baseUnits: 1_500_000_000_000_000_000, decimals: 18))
    #expect(result.fields[1].usdValue == nil)
    #expect(result.fields[1].timestamp == Timestamp(rfc3339: "2026-03-01T04:15:00Z"))
  }

  @Test(arguments: [
    (Fixture.transferRow("T1", at: "2026-03-01T09:15:00Z", customer: "C1", amount: "1.2.3"), Rejection.Code.badNumber, "amount", "amount is not a decimal number"),
    (Fixture.transferRow("T1", at: "2026-03-01T09:15:00Z", customer: "C1", asset: "BTC", amount: "0.000000001"), .badNumber, "amount", "amount has more than the 8 decimals of BTC"),
    (Fixture.transferRow("T1", at: "2026-03-01T09:15:00Z", customer: "C1", amount: "-5"), .negativeAmount, "amount", "amount is negative"),
    (Fixture.transferRow("T1", at: "2026-03-01T09:15:00Z", customer: "C1", usd: "12.x"), .badNumber, "usd_value", "usd_value is not a decimal number"),
    (Fixture.transferRow("T1", at: "2026-03-01T09:15:00Z", customer: "C1", usd: "-1.00"), .negativeAmount, "usd_value", "usd_value is negative"),
    (Fixture.transferRow("T1", at: "2026-03-01T09:15:00Z", customer: "C1", usd: ""), .missingValue, "usd_value", "usd_value is empty; a buy needs it for the retail caps"),
    (Fixture.transferRow("T1", at: "01/03/2026 09:15", customer: "C1"), .badTimestamp, "timestamp", "timestamp is not an RFC 3339 date-time"),
    (Fixture.transferRow("T1", at: "2026-02-30T09:15:00Z", customer: "C1"), .badTimestamp, "timestamp", "timestamp is not an RFC 3339 date-time"),
    (Fixture.transferRow("T1", at: "2026-03-01T09:15:00Z", customer: "C1", kind: "BUY"), .unknownKind, "kind", "kind must be deposit, withdrawal, buy, sell or convert"),
    (Fixture.transferRow("", at: "2026-03-01T09:15:00Z", customer: "C1"), .missingValue, "transfer_id", "transfer_id is empty"),
    (Fixture.transferRow("T1", at: "2026-03-01T09:15:00Z", customer: ""), .missingValue, "customer_id", "customer_id is empty"),
    (Fixture.transferRow("T1", at: "2026-03-01T09:15:00Z", customer: "C1", asset: ""), .missingValue, "asset", "asset is empty"),
  ])
  func rejectsABadFieldNamingItsColumn(row: String, code: Rejection.Code, column: String, message: String) throws {
    let result = try decodeTransfers([row, Fixture.transferRow("T2", at: "2026-03-01T09:15:00Z", customer: "C1")])
    #expect(result.fields.count == 1, "the good row after the bad one is kept")
    let rejection = try #require(result.rejections.first)
    #expect(rejection.reason.code == code)
    #expect(rejection.column == column)
    #expect(rejection.reason.message == message)
    #expect(rejection.line == 2)
    #expect(String(decoding: rejection.raw, as: UTF8.self) == row)
  }
}

@Suite struct CustomerDecoderTests {
  func decode(_ rows: [String]) throws -> (records: [CustomerRecord], rejections: [Rejection]) {
    let folder = try TemporaryDirectory()
    let path = try folder.write("c.csv", Fixture.customersCSV(rows))
    let decoder = CustomerDecoder()
    var records: [CustomerRecord] = []
    var rejections: [Rejection] = []
    _ = try RecordReader(source: SourceFile(path: path), schema: CustomerDecoder.schema).read(
      record: { record in
        switch decoder.decode(record) {
        case .success(let customer): records.append(customer)
        case .failure(let rejection): rejections.append(rejection)
        }
      }, reject: { rejections.append($0) })
    return (records, rejections)
  }

  @Test func readsEveryFieldWithListsTrimmedAndWalletsSplit() throws {
    let row = "C1,2026-01-15T10:00:00Z,individual,\"Bekova, Aigerim\", Aika ; A. Bekova ;,1994-02-11,kz,KZ,retail,aifc,income_verified,50000,250000.50,true,medium,tron:TQn9;Bitcoin:bc1qxyz"
    let result = try decode([row])
    #expect(result.rejections.isEmpty)
    let record = try #require(result.records.first)
    #expect(record.fullName == "Bekova, Aigerim")
    #expect(record.aliases == ["Aika", "A. Bekova"])
    #expect(record.dateOfBirth == CivilDate(year: 1994, month: 2, day: 11))
    #expect(record.nationality == "KZ")
    #expect(record.verification == .incomeVerified)
    #expect(record.annualIncome == USD(dollars: 50_000))
    #expect(record.netWorth == USD(cents: 25_000_050))
    #expect(record.isPEPDeclared)
    #expect(record.riskRating == .medium)
    #expect(record.wallets == [Wallet(chain: "tron", address: "TQn9"), Wallet(chain: "bitcoin", address: "bc1qxyz")])
    #expect(record.miningLicence == nil)
  }

  /// A licensed digital miner's record names its licence; an empty column is no licence.
  @Test func readsAMiningLicence() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write(
      "c.csv",
      Fixture.customersHeader + ",mining_licence\n"
        + Fixture.customerRow("M1") + ", DM-2025-0117 \n" + Fixture.customerRow("C2") + ",\n")
    var records: [CustomerRecord] = []
    _ = try RecordReader(source: SourceFile(path: path), schema: CustomerDecoder.schema).read(
      record: { if case .success(let record) = CustomerDecoder().decode($0) { records.append(record) } }, reject: { _ in })
    #expect(records.map(\.miningLicence) == ["DM-2025-0117", nil])
  }

  @Test(arguments: [
    (Fixture.customerRow("C1", personType: "robot"), Rejection.Code.badValue, "person_type"),
    (Fixture.customerRow("C1", clientClass: "vip"), .badValue, "client_class"),
    (Fixture.customerRow("C1", regime: "offshore"), .badValue, "regime"),
    (Fixture.customerRow("C1", verification: ""), .missingValue, "verification"),
    (Fixture.customerRow("C1", income: "lots"), .badNumber, "annual_income_usd"),
    (Fixture.customerRow("C1", netWorth: "-5"), .badNumber, "net_worth_usd"),
    (Fixture.customerRow("C1", wallets: "no-colon"), .badValue, "wallets"),
    (Fixture.customerRow("C1", recordedAt: "yesterday"), .badTimestamp, "recorded_at"),
    (Fixture.customerRow("C1", name: ""), .missingValue, "full_name"),
    (Fixture.customerRow(""), .missingValue, "customer_id"),
    ("C1,2026-01-01T00:00:00Z,individual,Aigerim,,1990-02-30,KZ,KZ,retail,aifc,none,,,false,low,", .badDate, "date_of_birth"),
    ("C1,2026-01-01T00:00:00Z,individual,Aigerim,,,KZ,KZ,retail,aifc,none,,,maybe,low,", .badValue, "pep_declared"),
  ])
  func rejectsABadFieldNamingItsColumn(row: String, code: Rejection.Code, column: String) throws {
    let result = try decode([row, Fixture.customerRow("C2")])
    #expect(result.records.map(\.customerID) == ["C2"])
    let rejection = try #require(result.rejections.first)
    #expect(rejection.reason.code == code)
    #expect(rejection.column == column)
    #expect(rejection.line == 2)
  }
}
