import TamgaModel

/// The identifiers the import invents, because AMLSim has none of them: customer ids, wallet
/// addresses and transaction hashes.
///
/// All are pure functions of an AMLSim number (node id or row), so the same simulation always
/// yields the same files and a finding in Tamga can be traced back to its AMLSim node or row.
extension AMLSimImport {
  /// The Tamga customer id of AMLSim node `node`: `amlsim-` and the node id in decimal
  /// (`amlsim-123`).
  ///
  /// The prefix keeps simulated customers apart from real ones should both ever share a store.
  public static func customerID(forNode node: Int) -> String {
    "amlsim-\(node)"
  }

  /// The Ethereum-style wallet address of AMLSim node `node`: `0x` and 40 lower-case hex digits.
  ///
  /// Tamga screens counterparty addresses and links transfers to customers by wallet, so every
  /// account needs an address of its own. The first 8 bytes are SplitMix64's output mix of the
  /// node id (xor a fixed salt), which is a bijection on 64-bit numbers: two nodes can never share
  /// an address. The remaining 12 bytes are the next SplitMix64 outputs, so addresses look random
  /// throughout. The address is synthetic; it is not derived from any key and holds no checksum
  /// case (EIP-55), which Tamga does not require.
  public static func walletAddress(forNode node: Int) -> String {
    String(decoding: walletAddressBytes(forNode: node), as: UTF8.self)
  }

  /// The transaction hash given to both legs of the AMLSim transaction on data row `row`: `0x`
  /// and 64 lower-case hex digits.
  ///
  /// The two legs are one on-chain movement seen from each side, so they share a hash, as they
  /// would on Ethereum. Built like the addresses, from a different salt, so distinct rows never
  /// share a hash.
  public static func transactionHash(forRow row: Int) -> String {
    String(decoding: transactionHashBytes(forRow: row), as: UTF8.self)
  }

  // MARK: - Bytes, for the writers

  /// Salts that keep the address of node n and the hash of row n unrelated: "AMLSIM" then a
  /// purpose number, in ASCII.
  private static let addressSalt: UInt64 = 0x414D_4C53_494D_0001
  private static let transactionSalt: UInt64 = 0x414D_4C53_494D_0002

  /// `walletAddress(forNode:)` as ASCII bytes.
  static func walletAddressBytes(forNode node: Int) -> [UInt8] {
    var mixer = SplitMix64(state: UInt64(bitPattern: Int64(node)) ^ addressSalt)
    var bytes: [UInt8] = [UInt8(ascii: "0"), UInt8(ascii: "x")]
    bytes.reserveCapacity(42)
    bytes.appendHex(mixer.next(), digits: 16)
    bytes.appendHex(mixer.next(), digits: 16)
    bytes.appendHex(mixer.next(), digits: 8)
    return bytes
  }

  /// `transactionHash(forRow:)` as ASCII bytes.
  static func transactionHashBytes(forRow row: Int) -> [UInt8] {
    var mixer = SplitMix64(state: UInt64(bitPattern: Int64(row)) ^ transactionSalt)
    var bytes: [UInt8] = [UInt8(ascii: "0"), UInt8(ascii: "x")]
    bytes.reserveCapacity(66)
    for _ in 0..<4 { bytes.appendHex(mixer.next(), digits: 16) }
    return bytes
  }
}
