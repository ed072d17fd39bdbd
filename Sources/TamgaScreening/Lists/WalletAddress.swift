internal import Foundation

/// A digital currency address named by a list, with the chain it lives on and a matching key.
///
/// Sanctions lists print addresses as free text inside remarks ("Digital Currency Address - XBT
/// bc1q…"). Screening a transfer needs an exact key that ignores the differences that do not
/// change the address (the case of EVM hex and bech32) and keeps those that do (base58 case).
public struct WalletAddress: Sendable, Hashable, Codable {
  /// The chain the address is on, e.g. "bitcoin", "ethereum", "evm", "tron", "litecoin", or
  /// "unknown" when neither the label nor the address shape says.
  public var chain: String
  /// The asset label as the list printed it ("XBT", "USDT"), nil when the source gave none.
  public var asset: String?
  /// The address exactly as the list printed it.
  public var original: String
  /// The key to compare addresses by (see `normalize(_:chainHint:)`).
  public var normalized: String

  public init(chain: String, asset: String?, original: String) {
    self.chain = chain
    self.asset = asset
    self.original = original
    self.normalized = WalletAddress.normalize(original, chainHint: chain)
  }

  /// An address read back with the key computed when it was loaded.
  public init(chain: String, asset: String?, original: String, normalized: String) {
    self.chain = chain
    self.asset = asset
    self.original = original
    self.normalized = normalized
  }

  /// Builds an address from a list label ("XBT", "USDT", "ETH") or chain name ("bitcoin") and the
  /// printed address, inferring the chain from the address shape when the label is a token.
  ///
  /// Tokens such as USDT exist on several chains; OFAC labels them by asset only, so the shape of
  /// the address is the only evidence of the chain.
  public init(label: String?, address: String) {
    let chain = WalletAddress.chain(forLabel: label, address: address)
    self.init(chain: chain, asset: label, original: address)
  }

  /// The comparison key for an address: EVM hex and bech32 lower-cased (their case carries no
  /// meaning, or only a checksum), everything else (base58: bitcoin legacy, tron, solana…) exact.
  ///
  /// Lower-casing base58 would merge distinct addresses, and leaving EVM hex as printed would miss
  /// the same address in checksummed and plain form.
  public static func normalize(_ address: String, chainHint: String?) -> String {
    let trimmed = address.trimmingCharacters(in: .whitespacesAndNewlines)
    if isEVMHex(trimmed) { return trimmed.lowercased() }
    let lower = trimmed.lowercased()
    if bech32Prefixes.contains(where: { lower.hasPrefix($0) }) && isBech32Body(lower) {
      return lower
    }
    // Bitcoin Cash "cashaddr" is case-insensitive like bech32, with or without its prefix.
    if lower.hasPrefix("bitcoincash:") { return lower }
    if chainHint == "bitcoin-cash", let first = lower.first, first == "q" || first == "p",
      isBech32Body(lower), trimmed == lower || trimmed == trimmed.uppercased()
    {
      return lower
    }
    return trimmed
  }

  /// Every address in a list's remarks, in order, found as `Digital Currency Address - LABEL address`.
  ///
  /// The address ends at ";", whitespace or the end of the text; a trailing "." or "," is the
  /// sentence's, not the address's. Remarks split across files must be joined first.
  public static func extract(fromRemarks remarks: String) -> [WalletAddress] {
    let marker = "Digital Currency Address - "
    var found: [WalletAddress] = []
    var searchStart = remarks.startIndex
    while let hit = remarks.range(of: marker, range: searchStart..<remarks.endIndex) {
      var cursor = hit.upperBound
      let labelStart = cursor
      while cursor < remarks.endIndex, !remarks[cursor].isWhitespace, remarks[cursor] != ";" {
        cursor = remarks.index(after: cursor)
      }
      let label = String(remarks[labelStart..<cursor])
      while cursor < remarks.endIndex, remarks[cursor] == " " {
        cursor = remarks.index(after: cursor)
      }
      let addressStart = cursor
      while cursor < remarks.endIndex, !remarks[cursor].isWhitespace, remarks[cursor] != ";" {
        cursor = remarks.index(after: cursor)
      }
      var address = Substring(remarks[addressStart..<cursor])
      while let last = address.last, last == "." || last == "," {
        address = address.dropLast()
      }
      if !label.isEmpty, !address.isEmpty {
        found.append(WalletAddress(label: label, address: String(address)))
      }
      searchStart = cursor
    }
    return found
  }

  /// The chain for an OFAC asset label or a chain name, falling back to the address shape.
  ///
  /// Public so that other loaders (Tamga CSV "chain:address") share one vocabulary of chains.
  public static func chain(forLabel label: String?, address: String) -> String {
    if let label, let chain = chainByLabel[label.uppercased()] ?? chainByName[label.lowercased()] {
      return chain
    }
    return chain(inferredFromShape: address)
  }

  /// The chain an address most likely belongs to, judged from its shape alone.
  ///
  /// Used for token labels (USDT, USDC…) that do not name a chain; "unknown" rather than a guess
  /// when the shape is ambiguous.
  public static func chain(inferredFromShape address: String) -> String {
    let trimmed = address.trimmingCharacters(in: .whitespacesAndNewlines)
    let lower = trimmed.lowercased()
    if isEVMHex(trimmed) { return "evm" }
    if lower.hasPrefix("bc1") || lower.hasPrefix("tb1") { return "bitcoin" }
    if lower.hasPrefix("ltc1") { return "litecoin" }
    guard isBase58(trimmed), let first = trimmed.first else { return "unknown" }
    switch (first, trimmed.count) {
    case ("T", 34): return "tron"
    case ("1", 26...35), ("3", 26...35): return "bitcoin"
    case ("L", 26...35), ("M", 26...35): return "litecoin"
    case (_, 43...44): return "solana"
    default: return "unknown"
    }
  }

  // OFAC's labels are asset tickers; those that name a native coin fix the chain.
  private static let chainByLabel: [String: String] = [
    "XBT": "bitcoin", "BTC": "bitcoin", "ETH": "ethereum", "ETC": "ethereum-classic",
    "LTC": "litecoin", "BCH": "bitcoin-cash", "BSV": "bitcoin-sv", "BTG": "bitcoin-gold",
    "DASH": "dash", "XMR": "monero", "ZEC": "zcash", "XVG": "verge", "TRX": "tron",
    "XRP": "ripple", "SOL": "solana", "BSC": "bsc", "ARB": "arbitrum", "MATIC": "polygon",
  ]

  // Chain names as Tamga's own list CSV spells them ("bitcoin:bc1…").
  private static let chainByName: [String: String] = [
    "bitcoin": "bitcoin", "ethereum": "ethereum", "evm": "evm", "tron": "tron",
    "litecoin": "litecoin", "solana": "solana", "bitcoin-cash": "bitcoin-cash", "monero": "monero",
    "zcash": "zcash", "dash": "dash", "ripple": "ripple", "polygon": "polygon", "bsc": "bsc",
    "arbitrum": "arbitrum", "ethereum-classic": "ethereum-classic",
  ]

  private static let bech32Prefixes = ["bc1", "tb1", "bcrt1", "ltc1", "tltc1", "zs1", "addr1"]
  private static let base58Charset = Set(
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")

  private static func isEVMHex(_ text: String) -> Bool {
    guard text.count == 42, text.hasPrefix("0x") || text.hasPrefix("0X") else { return false }
    return text.dropFirst(2).allSatisfy(\.isHexDigit)
  }

  // Only the shape matters here (ASCII letters and digits, a cashaddr colon), not the checksum:
  // a key must be stable for any printed form, valid or not.
  private static func isBech32Body(_ lower: String) -> Bool {
    lower.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ":") }
  }

  private static func isBase58(_ text: String) -> Bool {
    !text.isEmpty && text.allSatisfy { base58Charset.contains($0) }
  }
}
