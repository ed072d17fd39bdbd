public import TamgaModel

/// The values of one chain-edge row that the exposure graph needs, parsed from bytes.
///
/// The addresses stay in the record's buffer: the graph interns them by their matching key,
/// so no row makes a `String`.
public struct ChainEdgeFields: Sendable {
  public var timestamp = Timestamp(millisecondsSinceEpoch: 0)
  /// What the edge moved, in cents: the weight the haircut method carries shares by.
  public var usdValue = USD(cents: 0)
  public var amount = AssetAmount(baseUnits: 0, decimals: 0)
  /// The asset, interned by the decoder: see ``ChainEdgeDecoder/assetTicker(_:)``.
  public var asset: Int32 = 0

  public init() {}
}

/// Decodes chain-edge records: transfers between addresses outside the firm, seen on chain
/// (a KYT vendor's or a node's export), `from_address,to_address,asset,amount,usd_value,timestamp`
/// with an optional `chain`.
///
/// `chain` is only a hint for matching addresses, as in transfers files: a bare cashaddr is
/// lower-cased when it says `bitcoin-cash`; EVM hex and bech32 are matched without case anyway.
///
/// A row without `usd_value` is rejected rather than kept unweighed: the haircut method moves
/// shares in proportion to value, and an edge whose value is unknown would either count as
/// nothing (hiding taint) or need a price the file does not give.
public struct ChainEdgeDecoder: Sendable {
  public enum Column: Int, CaseIterable {
    case fromAddress, toAddress, asset, amount, usdValue, timestamp, chain
  }

  public static let schema = Schema(
    name: "chain edges",
    columns: [
      .init("from_address", required: true), .init("to_address", required: true),
      .init("asset", required: true), .init("amount", required: true),
      .init("usd_value", required: true), .init("timestamp", required: true),
      .init("chain", required: false),
    ])

  private var assets = AssetTickers()
  private var days = DayCache()

  public init() {}

  public func assetTicker(_ id: Int32) -> String { assets.ticker(id) }

  /// Parses the row's timestamp, asset, amount and USD value, and checks that it names both
  /// addresses.
  ///
  /// - Returns: `nil` when the row is good, else the rejection to record.
  /// - Complexity: O(row length); allocates nothing for a good row once its asset is known.
  public mutating func decode(_ record: borrowing Record, into fields: inout ChainEdgeFields) -> Rejection? {
    if let rejection = record.requireValue(Column.fromAddress.rawValue) { return rejection }
    if let rejection = record.requireValue(Column.toAddress.rawValue) { return rejection }
    if let rejection = record.parseTimestamp(Column.timestamp.rawValue, cache: &days, into: &fields.timestamp) {
      return rejection
    }
    if let rejection = record.internAsset(Column.asset.rawValue, in: &assets, into: &fields.asset).rejection {
      return rejection
    }
    if let rejection = record.parseAmount(Column.amount.rawValue, of: fields.asset, in: assets, into: &fields.amount) {
      return rejection
    }
    if record.isEmpty(Column.usdValue.rawValue) {
      return record.rejection(
        column: Column.usdValue.rawValue, .missingValue,
        "usd_value is empty; an edge moves exposure in proportion to its value")
    }
    return record.parseUSD(Column.usdValue.rawValue, into: &fields.usdValue)
  }
}
