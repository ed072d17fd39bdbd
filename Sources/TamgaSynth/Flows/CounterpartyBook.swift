/// Recurring counterparties per chain, a quarter of them held at a named VASP.
///
/// Real customers send to and receive from the same exchanges and wallets again and again; reusing
/// addresses gives exposure and screening something to connect, and tying each VASP to its own
/// addresses keeps `counterparty_vasp` consistent wherever an address appears.
struct CounterpartyBook {
  private let addresses: [[[UInt8]]]  // by `Chain.rawValue`

  static let vasps = ["Binance", "Bybit", "OKX", "Kraken", "Coinbase", "ATAIX Eurasia", "Intebix", "HTX"].map {
    Array($0.utf8)
  }

  init(perChain count: Int, using random: inout SeededGenerator) {
    addresses = Chain.allCases.map { chain in (0..<count).map { _ in chain.randomAddress(using: &random) } }
  }

  /// The recurring address number `index` (wrapped round) on `chain`, for the watch list.
  func recurring(on chain: Chain, at index: Int) -> [UInt8] {
    let pool = addresses[chain.rawValue]
    return pool[index % pool.count]
  }

  /// A recurring address on `chain` and the VASP holding it, or an empty name for a private wallet.
  func pick(on chain: Chain, using random: inout SeededGenerator) -> (address: [UInt8], vasp: [UInt8]) {
    let pool = addresses[chain.rawValue]
    let index = random.below(pool.count)
    let vasp = index < pool.count / 4 ? Self.vasps[index % Self.vasps.count] : []
    return (pool[index], vasp)
  }
}
