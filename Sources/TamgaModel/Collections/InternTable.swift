/// Turns byte strings (customer ids, addresses, tickers) into dense `Int32` ids, once.
///
/// Open addressing with linear probing over one contiguous slot array; the keys' bytes live
/// back to back in one arena. A lookup hashes the bytes (a wyhash-style multiply-mix) and
/// compares them in place, so interning an id from a file's buffer allocates nothing unless
/// the key is new.
public struct InternTable: Sendable {
  /// Slot value: `id + 1`, or 0 for empty.
  private var slots: [Int32]
  private var hashes: [UInt32]
  private var arena: [UInt8] = []
  private var offsets: [Int] = [0]
  private var mask: Int

  public init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: 0, count: size)
    hashes = Array(repeating: 0, count: size)
    mask = size - 1
  }

  /// How many keys the table holds; ids are `0..<count`.
  public var count: Int { offsets.count - 1 }

  /// Bytes held for keys (for memory accounting).
  public var arenaBytes: Int { arena.count }

  /// - Complexity: O(*n*) in the key length, expected O(1) probes; allocates nothing.
  @inline(__always)
  public func id(of key: Span<UInt8>) -> Int32? {
    let hash = Self.hash(key)
    var index = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = slots[index]
      if slot == 0 { return nil }
      if hashes[index] == UInt32(truncatingIfNeeded: hash) && keyEquals(Int(slot - 1), key) {
        return slot - 1
      }
      index = (index + 1) & mask
    }
  }

  /// The id of `key`, adding it when new.
  public mutating func intern(_ key: Span<UInt8>) -> Int32 {
    let hash = Self.hash(key)
    var index = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = slots[index]
      if slot == 0 { break }
      if hashes[index] == UInt32(truncatingIfNeeded: hash) && keyEquals(Int(slot - 1), key) {
        return slot - 1
      }
      index = (index + 1) & mask
    }
    let id = Int32(count)
    for i in key.indices { arena.append(key[i]) }
    offsets.append(arena.count)
    slots[index] = id + 1
    hashes[index] = UInt32(truncatingIfNeeded: hash)
    if count * 4 > slots.count * 3 { grow() }  // keep the load under 3/4
    return id
  }

  public mutating func intern(_ key: String) -> Int32 {
    var key = key
    return key.withUTF8 { intern($0.span) }
  }

  public func id(of key: String) -> Int32? {
    var key = key
    return key.withUTF8 { id(of: $0.span) }
  }

  /// The key for an id, as text.
  public func key(_ id: Int32) -> String {
    let range = offsets[Int(id)]..<offsets[Int(id) + 1]
    return String(decoding: arena[range], as: UTF8.self)
  }

  public func keyBytes(_ id: Int32) -> ArraySlice<UInt8> {
    arena[offsets[Int(id)]..<offsets[Int(id) + 1]]
  }

  @inline(__always)
  private func keyEquals(_ id: Int, _ key: Span<UInt8>) -> Bool {
    let start = offsets[id]
    guard offsets[id + 1] - start == key.count else { return false }
    return arena.withUnsafeBufferPointer { stored in
      for i in 0..<key.count where stored[start + i] != key[i] { return false }
      return true
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    var newSlots = [Int32](repeating: 0, count: size)
    var newHashes = [UInt32](repeating: 0, count: size)
    let newMask = size - 1
    for index in slots.indices where slots[index] != 0 {
      let id = Int(slots[index] - 1)
      let hash = arena.withUnsafeBufferPointer { Self.hash($0.span.extracting(offsets[id]..<offsets[id + 1])) }
      var target = Int(truncatingIfNeeded: hash) & newMask
      while newSlots[target] != 0 { target = (target + 1) & newMask }
      newSlots[target] = slots[index]
      newHashes[target] = UInt32(truncatingIfNeeded: hash)
    }
    slots = newSlots
    hashes = newHashes
    mask = newMask
  }

  /// A wyhash-style mix: 8 bytes at a time folded by 128-bit multiplication.
  @inline(__always)
  static func hash(_ key: Span<UInt8>) -> UInt64 {
    let k0: UInt64 = 0xa076_1d64_78bd_642f
    let k1: UInt64 = 0xe703_7ed1_a0b4_28db
    var state: UInt64 = 0x1234_5678_9abc_def0 ^ UInt64(key.count)
    var i = 0
    let count = key.count
    while i + 8 <= count {
      var word: UInt64 = 0
      for j in 0..<8 { word |= UInt64(key[i + j]) << (8 * UInt64(j)) }
      state = mix(state ^ k0, word ^ k1)
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < count {
      tail |= UInt64(key[i]) << shift
      shift += 8
      i += 1
    }
    return mix(state ^ tail ^ k1, k0 ^ UInt64(count))
  }

  @inline(__always)
  static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let product = a.multipliedFullWidth(by: b)
    return product.high ^ product.low
  }
}

extension InternTable {
  /// A compact binary form for engine snapshots: the keys, in id order.
  public var keys: [String] { (0..<count).map { key(Int32($0)) } }

  public init(keys: [String]) {
    self.init(capacity: max(keys.count, 16))
    for key in keys { _ = intern(key) }
  }
}
