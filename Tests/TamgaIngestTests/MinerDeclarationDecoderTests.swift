import Foundation
import Testing
import TamgaModel
import TamgaTestSupport
@testable import TamgaIngest

@Suite struct MinerDeclarationDecoderTests {
  static let header = "customer_id,asset,period_start,period_end,mined_amount,declared_at,sold_elsewhere"

  static func row(
    customer: String = "M-1", asset: String = "btc", start: String = "2026-03-01", end: String = "2026-03-31",
    mined: String = "12.5", at declaredAt: String = "2026-04-05T10:00:00+05:00", elsewhere: String = "0.25"
  ) -> String {
    "\(customer),\(asset),\(start),\(end),\(mined),\(declaredAt),\(elsewhere)"
  }

  func decode(_ rows: [String], header: String = header, name: String = "miner-declarations.csv") throws -> (
    declarations: [MinerDeclaration], rejections: [Rejection]
  ) {
    let folder = try TemporaryDirectory()
    let path = try folder.write(name, ([header] + rows).joined(separator: "\n") + "\n")
    let decoder = MinerDeclarationDecoder()
    var declarations: [MinerDeclaration] = []
    var rejections: [Rejection] = []
    _ = try RecordReader(source: SourceFile(path: path), schema: MinerDeclarationDecoder.schema).read(
      record: { record in
        switch decoder.decode(record) {
        case .success(let declaration): declarations.append(declaration)
        case .failure(let rejection): rejections.append(rejection)
        }
      }, reject: { rejections.append($0) })
    return (declarations, rejections)
  }

  @Test func readsAmountsInTheAssetsBaseUnitsAndTheLocalPeriod() throws {
    let result = try decode([Self.row()])
    #expect(result.rejections.isEmpty)
    let declaration = try #require(result.declarations.first)
    #expect(declaration.customerID == "M-1")
    #expect(declaration.asset == "BTC")
    #expect(declaration.mined == AssetAmount(baseUnits: 12_5000_0000, decimals: 8))
    #expect(declaration.soldElsewhere == AssetAmount(baseUnits: 2500_0000, decimals: 8))
    #expect(declaration.declaredAt == Timestamp(rfc3339: "2026-04-05T05:00:00Z"))
    // The period ends at midnight in Almaty after its last day: 19:00 UTC on 31 March.
    #expect(declaration.periodEndsAt == Timestamp(rfc3339: "2026-03-31T19:00:00Z"))
  }

  /// `sold_elsewhere` may be empty or absent; columns come in any order; NDJSON reads the same.
  @Test func soldElsewhereIsOptionalAndColumnsComeInAnyOrder() throws {
    let csv = try decode(
      ["2026-04-05T10:00:00Z,1,2026-03-31,2026-03-01,ETH,M-1"],
      header: "declared_at,mined_amount,period_end,period_start,asset,customer_id")
    let ndjson = try decode(
      [#"{"customer_id":"M-1","asset":"ETH","period_start":"2026-03-01","period_end":"2026-03-31","mined_amount":"1","declared_at":"2026-04-05T10:00:00Z","sold_elsewhere":""}"#],
      header: "", name: "declarations.ndjson")
    for result in [csv, ndjson] {
      #expect(result.rejections.isEmpty)
      #expect(result.declarations.map(\.mined) == [AssetAmount(baseUnits: 1_000_000_000_000_000_000, decimals: 18)])
      #expect(result.declarations.map(\.soldElsewhere) == [AssetAmount(baseUnits: 0, decimals: 18)])
    }
  }

  @Test func aFileWithoutMinedAmountCannotBeRead() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write("d.csv", "customer_id,asset,period_start,period_end,declared_at\n")
    #expect {
      try RecordReader.checkReadable(SourceFile(path: path), schema: MinerDeclarationDecoder.schema)
    } throws: { error in
      "\(error)".contains("mined_amount") && "\(error)".contains("miner declarations format")
    }
  }

  @Test(arguments: [
    (row(customer: ""), Rejection.Code.missingValue, "customer_id", "customer_id is empty"),
    (row(asset: ""), .missingValue, "asset", "asset is empty"),
    (row(start: "March"), .badDate, "period_start", "period_start is not a YYYY-MM-DD date"),
    (row(end: "2026-02-30"), .badDate, "period_end", "period_end is not a YYYY-MM-DD date"),
    (row(start: "2026-04-01"), .badDate, "period_end", "period_end is before period_start"),
    (row(mined: ""), .missingValue, "mined_amount", "mined_amount is empty"),
    (row(mined: "12.5.1"), .badNumber, "mined_amount", "mined_amount is not a decimal number"),
    (row(mined: "0.000000001"), .badNumber, "mined_amount", "mined_amount has more than the 8 decimals of BTC"),
    (row(mined: "-1"), .negativeAmount, "mined_amount", "mined_amount is negative"),
    (row(elsewhere: "some"), .badNumber, "sold_elsewhere", "sold_elsewhere is not a decimal number"),
    (row(elsewhere: "-0.1"), .negativeAmount, "sold_elsewhere", "sold_elsewhere is negative"),
    (row(at: "5 April"), .badTimestamp, "declared_at", "declared_at is not an RFC 3339 date-time"),
  ])
  func rejectsABadFieldNamingItsColumn(row: String, code: Rejection.Code, column: String, message: String) throws {
    let result = try decode([row, Self.row(customer: "M-2")])
    #expect(result.declarations.map(\.customerID) == ["M-2"])
    let rejection = try #require(result.rejections.first)
    #expect(rejection.reason.code == code)
    #expect(rejection.column == column)
    #expect(rejection.reason.message == message)
    #expect(rejection.line == 2)
  }
}
