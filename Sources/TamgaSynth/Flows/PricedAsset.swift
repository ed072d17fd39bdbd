import TamgaModel

/// An asset the synthetic flows trade, with the fixed price that ties its amounts to USD values.
///
/// Prices are whole cents per whole unit and never move, so every row's `usd_value` is exactly
/// `amount × price` rounded to the cent, which tests and rules can check with integer arithmetic.
struct PricedAsset {
  let ticker: [UInt8]
  let decimals: Int
  /// 10^decimals: base units per whole unit.
  let unit: Int128
  let priceCents: Int128
  /// Chains the asset moves on, with relative weights (USDT on Tron and Ethereum, for instance).
  let chains: [Chain]
  let chainWeights: [Int]

  init(_ ticker: String, priceCents: Int128, chains: [Chain], chainWeights: [Int]) {
    self.ticker = Array(ticker.utf8)
    decimals = Int(AssetDecimals.decimals(for: ticker))
    var unit: Int128 = 1
    for _ in 0..<decimals { unit *= 10 }
    self.unit = unit
    self.priceCents = priceCents
    self.chains = chains
    self.chainWeights = chainWeights
  }

  /// The largest amount, in base units, whose value does not exceed `cents`.
  ///
  /// Flooring loses less than one base unit, worth under half a cent for every asset here, so
  /// `amount × price` rounds back to exactly `cents`.
  func baseUnits(forCents cents: Int64) -> Int128 {
    Int128(cents) * unit / priceCents
  }

  /// The assets in the flows, in a fixed order, with how often each is picked.
  static let traded: [(asset: PricedAsset, weight: Int)] = [
    (PricedAsset("USDT", priceCents: 100, chains: [.tron, .ethereum], chainWeights: [70, 30]), 40),
    (PricedAsset("BTC", priceCents: 8_500_000, chains: [.bitcoin], chainWeights: [1]), 20),
    (PricedAsset("ETH", priceCents: 320_000, chains: [.ethereum], chainWeights: [1]), 15),
    (PricedAsset("USDC", priceCents: 100, chains: [.ethereum, .solana], chainWeights: [70, 30]), 10),
    (PricedAsset("SOL", priceCents: 15_000, chains: [.solana], chainWeights: [1]), 8),
    (PricedAsset("TRX", priceCents: 25, chains: [.tron], chainWeights: [1]), 7),
  ]
}
