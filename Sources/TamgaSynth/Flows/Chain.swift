/// The blockchains the synthetic flows use, with the shapes of their addresses and hashes.
///
/// Addresses only need to look right to a person and to address screening (prefix, alphabet,
/// length, case); they are random, not derived from keys, so no checksum is valid.
enum Chain: Int, CaseIterable {
  case bitcoin, ethereum, tron, solana

  /// The chain's name as the transfers and customers files spell it.
  var name: String {
    switch self {
    case .bitcoin: "bitcoin"
    case .ethereum: "ethereum"
    case .tron: "tron"
    case .solana: "solana"
    }
  }

  /// A fresh address: bech32 P2WPKH `bc1q…` (42 characters, lower case), `0x` and 40 hex digits,
  /// Tron's `T` and 33 base58 characters, or a 44-character base58 Solana key.
  func randomAddress(using random: inout SeededGenerator) -> [UInt8] {
    var address: [UInt8] = []
    switch self {
    case .bitcoin:
      address.append(contentsOf: Array("bc1q".utf8))
      Self.appendRandom(38, from: Self.bech32, to: &address, using: &random)
    case .ethereum:
      address.append(contentsOf: Array("0x".utf8))
      Self.appendRandom(40, from: Self.hex, to: &address, using: &random)
    case .tron:
      address.append(UInt8(ascii: "T"))
      Self.appendRandom(33, from: Self.base58, to: &address, using: &random)
    case .solana:
      Self.appendRandom(44, from: Self.base58, to: &address, using: &random)
    }
    return address
  }

  /// Appends a transaction hash in the chain's usual notation straight into a row.
  func appendRandomHash(to row: inout RowBuffer, using random: inout SeededGenerator) {
    switch self {
    case .bitcoin, .tron:
      Self.appendHex(64, to: &row, using: &random)
    case .ethereum:
      row.append(UInt8(ascii: "0"))
      row.append(UInt8(ascii: "x"))
      Self.appendHex(64, to: &row, using: &random)
    case .solana:
      // Solana identifies a transaction by its 64-byte signature, 87 or 88 base58 characters.
      for _ in 0..<88 { row.append(Self.base58[random.below(58)]) }
    }
  }

  // MARK: - Alphabets

  static let hex = Array("0123456789abcdef".utf8)
  static let bech32 = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
  static let base58 = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

  private static func appendRandom(
    _ count: Int, from alphabet: [UInt8], to bytes: inout [UInt8], using random: inout SeededGenerator
  ) {
    for _ in 0..<count { bytes.append(alphabet[random.below(alphabet.count)]) }
  }

  /// Hex digits take four bits each, so one 64-bit draw yields sixteen of them.
  private static func appendHex(_ count: Int, to row: inout RowBuffer, using random: inout SeededGenerator) {
    var bits: UInt64 = 0
    for index in 0..<count {
      if index % 16 == 0 { bits = random.next() }
      row.append(hex[Int(bits & 15)])
      bits >>= 4
    }
  }
}
