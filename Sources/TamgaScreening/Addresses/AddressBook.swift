import TamgaModel

/// One listed address in the address book: which entry named it, and how.
public struct ListedAddress: Sendable, Hashable {
  /// The list entry's reference, "list:id".
  public var entryReference: String
  public var list: String
  public var entryID: String
  /// The entry's primary name, for the alert's one-line summary.
  public var entryName: String
  public var programs: [String]
  /// The address as the list printed it, with the chain the list (or its shape) gave.
  public var address: WalletAddress
  /// The entry's fingerprint when the book was built (see `ListEntry.fingerprint`).
  public var entryFingerprint: String

  public init(entry: ListEntry, address: WalletAddress, fingerprint: String) {
    entryReference = entry.reference
    list = entry.list
    entryID = entry.id
    entryName = entry.primaryName
    programs = entry.programs
    self.address = address
    entryFingerprint = fingerprint
  }
}

/// Every wallet address on the loaded lists, looked up by the bytes of a transfer's
/// counterparty address at the cost of one hash probe.
///
/// Why a table of its own: address screening runs on every transfer of a replay, millions a
/// second, so it must allocate nothing and never build a `String`. Keys are the normalised form
/// of `WalletAddress.normalize` (EVM hex and bech32 lower case, base58 exact); `AddressKey`
/// computes the same key from raw bytes into a stack buffer.
public struct AddressBook: Sendable {
  /// Normalised keys → dense ids; `hits[id]` lists the entries that named the address.
  private var keys = InternTable(capacity: 1024)
  private var hitsByKey: [[ListedAddress]] = []
  /// One bit per (length, first eight bytes without case) of every key: a transfer whose
  /// address sets no bit is not listed, found in a few instructions and 8 KB that stay in cache.
  private var prefilter = [UInt64](repeating: 0, count: AddressBook.prefilterWords)
  static let prefilterWords = 1 << 10

  /// An empty book: screening finds nothing.
  public init() {}

  /// The addresses of `entries`; an address named by several entries keeps every one of them.
  public init(entries: [ListEntry]) {
    self.init(entries: entries, fingerprints: entries.map { $0.walletAddresses.isEmpty ? "" : $0.fingerprint })
  }

  /// The same, with each entry's fingerprint as stored (encoding entries again would cost more
  /// than building the book).
  public init(entries: [ListEntry], fingerprints: [String]) {
    precondition(fingerprints.count == entries.count, "one fingerprint per entry")
    for (entry, fingerprint) in zip(entries, fingerprints) where !entry.walletAddresses.isEmpty {
      for address in entry.walletAddresses where !address.normalized.isEmpty {
        var key = address.normalized
        key.withUTF8 { bytes in
          let bit = Self.prefilterBit(bytes)
          prefilter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        let id = Int(keys.intern(address.normalized))
        if id == hitsByKey.count { hitsByKey.append([]) }
        let listed = ListedAddress(entry: entry, address: address, fingerprint: fingerprint)
        if !hitsByKey[id].contains(listed) { hitsByKey[id].append(listed) }
      }
    }
  }

  /// How many distinct addresses the book holds.
  public var count: Int { keys.count }
  public var isEmpty: Bool { keys.count == 0 }

  /// The id of the listed address a transfer's raw address bytes name, or nil.
  /// - Complexity: O(address length); allocates nothing.
  @inline(__always)
  public func lookUp(_ address: UnsafeBufferPointer<UInt8>, chain: UnsafeBufferPointer<UInt8>) -> Int32? {
    guard !isEmpty else { return nil }
    let bit = Self.prefilterBit(AddressKey.trimmingSpaces(address))
    guard prefilter.withUnsafeBufferPointer({ $0[bit >> 6] & (1 << UInt64(bit & 63)) != 0 }) else { return nil }
    return AddressKey.withKey(of: address, chain: chain) { key in keys.id(of: key.span) }
  }

  /// The prefilter bit of a key or raw address: its length and first eight bytes with the
  /// 0x20 bit set (letters without case; digits, and the ':' of cashaddr, unchanged), hashed.
  /// Case-blind, so a raw address and its normalised key always share the bit.
  @inline(__always)
  static func prefilterBit(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    var head: UInt64 = 0
    if bytes.count >= 8, let base = bytes.baseAddress {
      head = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
    } else {
      for index in 0..<bytes.count { head |= UInt64(bytes[index]) << UInt64(8 * index) }
    }
    let folded = (head | 0x2020_2020_2020_2020) &+ UInt64(bytes.count)
    return Int(truncatingIfNeeded: (folded &* 0x9E37_79B9_7F4A_7C15) >> 48)
  }

  /// The entries behind an id from `lookUp`.
  public func hits(_ id: Int32) -> [ListedAddress] { hitsByKey[Int(id)] }

  /// Looks up an address given as text (the command line, customer wallets).
  public func hits(address: String, chain: String? = nil) -> [ListedAddress] {
    var address = address
    var chain = chain ?? ""
    let id = address.withUTF8 { address in chain.withUTF8 { chain in lookUp(address, chain: chain) } }
    return id.map(hits) ?? []
  }
}

/// `WalletAddress.normalize` on raw bytes, for the replay's hot path.
///
/// The rules are the same, checked against the `String` form for every address on the real
/// lists: surrounding ASCII spaces dropped; 0x + 40 hex digits lower-cased; a bech32 prefix
/// (bc1, tb1, bcrt1, ltc1, tltc1, zs1, addr1) followed by ASCII letters, digits or ":" lower-cased;
/// "bitcoincash:" lower-cased; a bare cashaddr (q… or p…, one case throughout) lower-cased when
/// the chain is "bitcoin-cash"; everything else exactly as given.
public enum AddressKey {
  /// Keys longer than this are compared as given; no chain has addresses this long.
  static let maximumLoweredLength = 128

  /// Calls `body` with the key of `address`: the bytes themselves when they are their own key,
  /// or a lower-cased copy in a stack buffer.
  @inline(__always)
  public static func withKey<Result>(
    of address: UnsafeBufferPointer<UInt8>, chain: UnsafeBufferPointer<UInt8>,
    _ body: (UnsafeBufferPointer<UInt8>) -> Result
  ) -> Result {
    let trimmed = trimmingSpaces(address)
    // Lower-casing bytes with no upper-case letter changes nothing, whatever the chain's rule:
    // most addresses (EVM hex and bech32 as wallets print them) need no copy at all.
    guard hasUpperCase(trimmed), needsLowering(trimmed, chain: chain), trimmed.count <= maximumLoweredLength
    else { return body(trimmed) }
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: trimmed.count) { lowered in
      for index in 0..<trimmed.count { lowered[index] = lower(trimmed[index]) }
      return body(UnsafeBufferPointer(lowered))
    }
  }

  @inline(__always)
  static func hasUpperCase(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for byte in bytes where byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { return true }
    return false
  }

  static func trimmingSpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = bytes.count
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
  }

  static func needsLowering(_ bytes: UnsafeBufferPointer<UInt8>, chain: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = bytes.count
    guard count > 0 else { return false }
    // Most addresses are settled by their first letter: only 0x…, the bech32 prefixes
    // (b, t, l, z, a), bitcoincash: and bare cashaddr (q, p) can need lowering.
    switch lower(bytes[0]) {
    case UInt8(ascii: "0"), UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "l"), UInt8(ascii: "z"),
      UInt8(ascii: "a"), UInt8(ascii: "q"), UInt8(ascii: "p"):
      break
    default:
      return false
    }
    if count == 42, bytes[0] == UInt8(ascii: "0"), lower(bytes[1]) == UInt8(ascii: "x") {
      var allHex = true
      for index in 2..<42 where !isHexDigit(bytes[index]) { allHex = false }
      if allHex { return true }
    }
    for prefix in bech32Prefixes where hasLoweredPrefix(bytes, prefix) {
      var body = true
      for index in 0..<count where !(isAlphanumeric(bytes[index]) || bytes[index] == UInt8(ascii: ":")) {
        body = false
      }
      if body { return true }
    }
    if hasLoweredPrefix(bytes, cashAddressPrefix) { return true }
    if equalsASCII(chain, "bitcoin-cash"), count > 0, lower(bytes[0]) == UInt8(ascii: "q") || lower(bytes[0]) == UInt8(ascii: "p") {
      var lowerCase = 0
      var upperCase = 0
      for index in 0..<count {
        let byte = bytes[index]
        guard isAlphanumeric(byte) || byte == UInt8(ascii: ":") else { return false }
        if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { lowerCase += 1 }
        if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { upperCase += 1 }
      }
      return lowerCase == 0 || upperCase == 0
    }
    return false
  }

  private static let bech32Prefixes: [[UInt8]] = ["bc1", "tb1", "bcrt1", "ltc1", "tltc1", "zs1", "addr1"].map { Array($0.utf8) }
  private static let cashAddressPrefix: [UInt8] = Array("bitcoincash:".utf8)

  @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
  }
  @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }
  @inline(__always) static func isHexDigit(_ byte: UInt8) -> Bool {
    let lowered = lower(byte)
    return (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (lowered >= UInt8(ascii: "a") && lowered <= UInt8(ascii: "f"))
  }
  @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool {
    let lowered = lower(byte)
    return (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (lowered >= UInt8(ascii: "a") && lowered <= UInt8(ascii: "z"))
  }

  static func hasLoweredPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: [UInt8]) -> Bool {
    guard bytes.count >= prefix.count else { return false }
    for index in prefix.indices where lower(bytes[index]) != prefix[index] { return false }
    return true
  }

  static func equalsASCII(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
    guard bytes.count == text.utf8CodeUnitCount else { return false }
    let expected = text.utf8Start
    for index in 0..<bytes.count where bytes[index] != expected[index] { return false }
    return true
  }
}
