import Foundation
import Testing
import TamgaModel
import TamgaTestSupport
@testable import TamgaIngest

/// Decodes every row of a chain-edge file named `name`, returning the decoded fields or the
/// rejections.
func decodeChainEdges(_ text: String, name: String = "chain-edges.csv") throws -> (
  fields: [ChainEdgeFields], rejections: [Rejection], tickers: [String]
) {
  let folder = try TemporaryDirectory()
  let path = try folder.write(name, text)
  var decoder = ChainEdgeDecoder()
  let result = try decodeRows(path, schema: ChainEdgeDecoder.schema, fields: ChainEdgeFields()) { decoder.decode($0, into: &$1) }
  return (result.fields, result.rejections, result.fields.map { decoder.assetTicker($0.asset) })
}

@Suite struct ChainEdgeDecoderTests {
  static let header = "from_address,to_address,asset,amount,usd_value,timestamp,chain"

  static func row(
    from: String = "0x1111111111111111111111111111111111111111", to: String = "0x2222222222222222222222222222222222222222",
    asset: String = "USDT", amount: String = "1250.5", usd: String = "1250.50", at timestamp: String = "2026-03-02T10:00:00Z",
    chain: String = "ethereum"
  ) -> String {
    "\(from),\(to),\(asset),\(amount),\(usd),\(timestamp),\(chain)"
  }

  @Test func parsesAmountsToBaseUnitsAndUSDToCents() throws {
    let result = try decodeChainEdges(
      [Self.header, Self.row(), Self.row(asset: "BTC", amount: "0.00012345", usd: "10.005", at: "2026-03-02T15:00:00+05:00")]
        .joined(separator: "\n") + "\n")
    #expect(result.rejections.isEmpty)
    #expect(result.fields.map(\.usdValue) == [USD(cents: 125_050), USD(cents: 1_001)])
    #expect(result.fields.map(\.amount) == [
      AssetAmount(baseUnits: 1_250_500_000, decimals: 6), AssetAmount(baseUnits: 12_345, decimals: 8),
    ])
    #expect(result.tickers == ["USDT", "BTC"])
    #expect(result.fields.map(\.timestamp) == [
      Timestamp(rfc3339: "2026-03-02T10:00:00Z"), Timestamp(rfc3339: "2026-03-02T10:00:00Z"),
    ])
  }

  /// Columns in another order, without `chain`, and as NDJSON: the same edge.
  @Test func readsColumnsInAnyOrderWithoutChainAndAsNDJSON() throws {
    let csv = try decodeChainEdges(
      "timestamp,usd_value,amount,asset,to_address,from_address\n2026-03-02T10:00:00Z,7.25,7.25,USDT,0xb,0xa\n")
    let ndjson = try decodeChainEdges(
      #"{"from_address":"0xa","to_address":"0xb","asset":"USDT","amount":"7.25","usd_value":7.25,"timestamp":"2026-03-02T10:00:00Z"}"#
        + "\n", name: "edges.ndjson")
    #expect(csv.rejections.isEmpty && ndjson.rejections.isEmpty)
    #expect(csv.fields.map(\.usdValue) == [USD(cents: 725)])
    #expect(ndjson.fields.map(\.usdValue) == [USD(cents: 725)])
  }

  @Test func aFileWithoutUSDValueColumnCannotBeRead() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write("chain-edges.csv", "from_address,to_address,asset,amount,timestamp\n")
    #expect {
      try RecordReader.checkReadable(SourceFile(path: path), schema: ChainEdgeDecoder.schema)
    } throws: { error in
      "\(error)".contains("usd_value") && "\(error)".contains("chain edges format")
    }
  }

  @Test(arguments: [
    (row(from: ""), Rejection.Code.missingValue, "from_address", "from_address is empty"),
    (row(to: ""), .missingValue, "to_address", "to_address is empty"),
    (row(asset: ""), .missingValue, "asset", "asset is empty"),
    (row(amount: "12,5"), .wrongFieldCount, nil, nil),
    (row(amount: "1.2.3"), .badNumber, "amount", "amount is not a decimal number"),
    (row(asset: "BTC", amount: "0.000000001"), .badNumber, "amount", "amount has more than the 8 decimals of BTC"),
    (row(amount: "-5"), .negativeAmount, "amount", "amount is negative"),
    (row(usd: ""), .missingValue, "usd_value", "usd_value is empty; an edge moves exposure in proportion to its value"),
    (row(usd: "12.x"), .badNumber, "usd_value", "usd_value is not a decimal number"),
    (row(usd: "-1.00"), .negativeAmount, "usd_value", "usd_value is negative"),
    (row(at: "02/03/2026 10:00"), .badTimestamp, "timestamp", "timestamp is not an RFC 3339 date-time"),
    (row(at: "2026-02-30T10:00:00Z"), .badTimestamp, "timestamp", "timestamp is not an RFC 3339 date-time"),
    (row(at: ""), .badTimestamp, "timestamp", "timestamp is not an RFC 3339 date-time"),
  ] as [(String, Rejection.Code, String?, String?)])
  func rejectsABadFieldNamingItsColumn(row: String, code: Rejection.Code, column: String?, message: String?) throws {
    // The bad row between two good ones: it alone is rejected, with its line.
    let result = try decodeChainEdges([Self.header, Self.row(), row, Self.row()].joined(separator: "\n") + "\n")
    #expect(result.fields.count == 2)
    let rejection = try #require(result.rejections.first)
    #expect(result.rejections.count == 1)
    #expect(rejection.reason.code == code)
    #expect(rejection.line == 3)
    #expect(rejection.raw == Array(row.utf8))
    if let column { #expect(rejection.column == column) }
    if let message { #expect(rejection.reason.message == message) }
  }
}
