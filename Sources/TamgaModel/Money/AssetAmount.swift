/// A quantity of a digital asset in its smallest unit (satoshi, wei), with the asset's decimals.
///
/// `Int128` because 18-decimal assets overflow `Int64` at about 9.2 whole tokens.
public struct AssetAmount: Hashable, Sendable, CustomStringConvertible {
  public var baseUnits: Int128
  public var decimals: UInt8

  public init(baseUnits: Int128, decimals: UInt8) {
    self.baseUnits = baseUnits
    self.decimals = decimals
  }

  public var description: String { DecimalText.format(baseUnits, scale: Int(decimals)) }
}

/// Decimals of the assets Tamga knows by ticker; an unknown ticker gets `fallbackDecimals`.
///
/// The table fixes how amounts are scaled to base units. Tickers are upper-case ASCII.
public enum AssetDecimals {
  /// 18 digits covers every asset we know of, so an unknown asset never loses precision.
  public static let fallbackDecimals: UInt8 = 18

  public static let known: [String: UInt8] = [
    "BTC": 8, "ETH": 18, "USDT": 6, "USDC": 6, "SOL": 9, "TRX": 6, "XRP": 6, "BNB": 18,
    "TON": 9, "LTC": 8, "BCH": 8, "DOGE": 8, "ADA": 6, "DOT": 10, "XMR": 12, "ZEC": 8,
    "DAI": 18, "MATIC": 18, "POL": 18, "AVAX": 18, "LINK": 18, "KZTE": 2,
  ]

  public static func decimals(for ticker: String) -> UInt8 {
    known[ticker.uppercased()] ?? fallbackDecimals
  }
}
