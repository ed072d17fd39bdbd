#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Turns byte strings (customer ids, addresses, tickers) into dense `Int32` ids, once.
///
/// Open addressing with linear probing over one contiguous array of 24-byte slots. A slot holds
/// the id, the key's length and its first 16 bytes, so a lookup of a typical id (up to 16
/// bytes) touches one cache line and compares two words; longer keys compare their tail in the
/// arena where every key's bytes live back to back. Hashing is a wyhash-style multiply-mix over
/// 8-byte words. Interning from a file's buffer allocates nothing unless the key is new.
public struct InternTable: Sendable {
  struct Slot {
    /// `id + 1`; 0 marks an empty slot.
    var idPlusOne: Int32
    var length: UInt32
    var head0: UInt64
    var head1: UInt64
  }

  private var slots: [Slot]
  private var arena: [UInt8] = []
  private var offsets: [Int] = [0]
  private var mask: Int

  public init(capacity: Int = 1024) {
    var size = 16
    while size * 3 < capacity * 4 + 4 { size <<= 1 }
    slots = Array(repeating: Slot(idPlusOne: 0, length: 0, head0: 0, head1: 0), count: size)
    mask = size - 1
  }

  /// How many keys the table holds; ids are `0..<count`.
  public var count: Int { offsets.count - 1 }

  /// Bytes held for keys and slots (for memory accounting).
  public var memoryBytes: Int { arena.count + offsets.count * 8 + slots.count * MemoryLayout<Slot>.stride }

  /// The first 16 bytes of a key as two little-endian words, zero-padded.
  @inline(__always)
  static func heads(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
    let count = key.count
    guard let base = key.baseAddress.map(UnsafeRawPointer.init) else { return (0, 0) }
    if count >= 16 {
      return (base.loadUnaligned(as: UInt64.self), base.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    }
    if count >= 8 {
      // The last 8 bytes, shifted so the bytes past the key are zero: no byte loop.
      let first = base.loadUnaligned(as: UInt64.self)
      let last = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
      let second = count == 8 ? 0 : last >> UInt64(8 * (16 - count))
      return (first, UInt64(littleEndian: second))
    }
    var word: UInt64 = 0
    for i in 0..<count { word |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << UInt64(8 * i) }
    return (UInt64(littleEndian: word), 0)
  }

  /// - Complexity: O(*n*) in the key length, expected O(1) probes; allocates nothing.
  @inline(__always)
  public func id(of key: Span<UInt8>) -> Int32? {
    key.withUnsafeBufferPointer { key in
      let (slot, found) = probe(key)
      return found ? slots[slot].idPlusOne - 1 : nil
    }
  }

  /// Looks up many keys at once, writing each one's id or -1 to `ids`.
  ///
  /// A lookup in a table of millions is a cache miss. Done one after another, inside other
  /// work, those misses add up; here every key is hashed and its first slot loaded in one
  /// tight loop, so the misses overlap, and the probes that follow find their slots in cache.
  /// - Complexity: O(total key length); allocates nothing.
  public func ids(of keys: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, into ids: UnsafeMutableBufferPointer<Int32>) {
    precondition(ids.count >= keys.count)
    slots.withUnsafeBufferPointer { slots in
      var warm: Int32 = 0
      for (position, key) in keys.enumerated() {
        let (head0, head1) = Self.heads(key)
        let start = Int(truncatingIfNeeded: Self.hash(key, head0, head1)) & mask
        warm |= slots[start].idPlusOne
        ids[position] = Int32(truncatingIfNeeded: start)  // the first slot, until probed below
      }
      // `warm` is never negative; the test only keeps the loads above from being dropped.
      if warm < 0 { ids[0] = 0 }
      for (position, key) in keys.enumerated() {
        let (slot, found) = probe(key, from: Int(ids[position]), in: slots)
        ids[position] = found ? slots[slot].idPlusOne - 1 : -1
      }
    }
  }

  /// The slot holding `key`, or the empty slot where it would go.
  @inline(__always)
  private func probe(_ key: UnsafeBufferPointer<UInt8>) -> (slot: Int, found: Bool) {
    let (head0, head1) = Self.heads(key)
    let start = Int(truncatingIfNeeded: Self.hash(key, head0, head1)) & mask
    return slots.withUnsafeBufferPointer { slots in probe(key, from: start, in: slots) }
  }

  @inline(__always)
  private func probe(_ key: UnsafeBufferPointer<UInt8>, from start: Int, in slots: UnsafeBufferPointer<Slot>)
    -> (slot: Int, found: Bool)
  {
    let (head0, head1) = Self.heads(key)
    let length = UInt32(key.count)
    do {
      var index = start
      while true {
        let slot = slots[index]
        if slot.idPlusOne == 0 { return (index, false) }
        if slot.length == length && slot.head0 == head0 && slot.head1 == head1
          && (length <= 16 || tailEquals(Int(slot.idPlusOne - 1), key))
        {
          return (index, true)
        }
        index = (index + 1) & mask
      }
    }
  }

  private func tailEquals(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    arena.withUnsafeBufferPointer { arena in
      memcmp(arena.baseAddress! + offsets[id] + 16, key.baseAddress! + 16, key.count - 16) == 0
    }
  }

  /// The id of `key`, adding it when new.
  public mutating func intern(_ key: Span<UInt8>) -> Int32 {
    key.withUnsafeBufferPointer { key in
      let (index, found) = probe(key)
      if found { return slots[index].idPlusOne - 1 }
      let id = Int32(count)
      arena.append(contentsOf: key)
      offsets.append(arena.count)
      let (head0, head1) = Self.heads(key)
      slots[index] = Slot(idPlusOne: id + 1, length: UInt32(key.count), head0: head0, head1: head1)
      if count * 4 > slots.count * 3 { rehash(size: slots.count * 2) }  // keep the load under 3/4
      return id
    }
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
    String(decoding: keyBytes(id), as: UTF8.self)
  }

  public func keyBytes(_ id: Int32) -> ArraySlice<UInt8> {
    arena[offsets[Int(id)]..<offsets[Int(id) + 1]]
  }

  private mutating func rehash(size: Int) {
    var newSlots = [Slot](repeating: Slot(idPlusOne: 0, length: 0, head0: 0, head1: 0), count: size)
    let newMask = size - 1
    arena.withUnsafeBufferPointer { arena in
      for id in 0..<count {
        let key = UnsafeBufferPointer(rebasing: arena[offsets[id]..<offsets[id + 1]])
        let (head0, head1) = Self.heads(key)
        var target = Int(truncatingIfNeeded: Self.hash(key, head0, head1)) & newMask
        while newSlots[target].idPlusOne != 0 { target = (target + 1) & newMask }
        newSlots[target] = Slot(idPlusOne: Int32(id + 1), length: UInt32(key.count), head0: head0, head1: head1)
      }
    }
    slots = newSlots
    mask = newMask
  }

  /// A wyhash-style mix: the 16-byte head, then the rest 8 bytes at a time, folded by 128-bit
  /// multiplication.
  @inline(__always)
  static func hash(_ key: UnsafeBufferPointer<UInt8>, _ head0: UInt64, _ head1: UInt64) -> UInt64 {
    let k0: UInt64 = 0xa076_1d64_78bd_642f
    let k1: UInt64 = 0xe703_7ed1_a0b4_28db
    let count = key.count
    var state = mix(head0 ^ k0 ^ UInt64(count), head1 ^ k1)
    if count > 16, let base = key.baseAddress.map(UnsafeRawPointer.init) {
      var i = 16
      while i + 8 <= count {
        state = mix(state ^ k0, base.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ k1)
        i += 8
      }
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while i < count {
        tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) << shift
        shift += 8
        i += 1
      }
      state = mix(state ^ tail ^ k1, k0)
    }
    return mix(state, k1 ^ UInt64(count))
  }

  @inline(__always)
  static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let product = a.multipliedFullWidth(by: b)
    return product.high ^ product.low
  }
}

extension InternTable {
  /// Every key's bytes back to back and where each ends: the table's compact stored form.
  public var storedForm: (arena: [UInt8], ends: [Int]) { (arena, Array(offsets.dropFirst())) }

  /// Rebuilds a table from ``storedForm`` without copying keys one by one.
  public init(arena: [UInt8], ends: [Int]) {
    self.init(capacity: max(ends.count, 16))
    self.arena = arena
    offsets = [0] + ends
    rehash(size: slots.count)
  }

  /// The keys, in id order.
  public var keys: [String] { (0..<count).map { key(Int32($0)) } }

  public init(keys: [String]) {
    self.init(capacity: max(keys.count, 16))
    for key in keys { _ = intern(key) }
  }
}

extension InternTable {
  /// A 64-bit hash of `key`'s bytes, the table's own: for state that must tell keys apart
  /// without storing them (a customer's recent counterparties).
  @inline(__always)
  public static func fingerprint(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let (head0, head1) = heads(key)
    return hash(key, head0, head1)
  }
}
