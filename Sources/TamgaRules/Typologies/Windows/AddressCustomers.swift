/// Per external address, the customers that used it most recently and when: the state of the
/// shared-external-address typology.
///
/// An open-addressing table with linear probing over two contiguous arrays: an entry's 64-bit
/// address fingerprint in `keys`, and its `width` customer slots side by side in `slots`. A slot
/// holds a customer id and the time of that customer's latest transfer with the address; a
/// customer new to the address takes an empty or expired slot, or else the one used longest
/// ago, so an entry holds the `width` customers most recently seen. An entry costs
/// 8 + 8 × `width` bytes (32 at the default width of 3), whatever the address's traffic.
///
/// The table holds the addresses used within the window, and a little more. When an insert
/// would fill it past three quarters, the entries none of whose customers is within the window
/// are dropped in place, and the table doubles (the only time it allocates) if what is left
/// still fills more than half of it. So it never holds more than four entries for each address
/// used within the window at the busiest moment so far: at most 128 bytes per such address at
/// the default width, whatever the traffic, and an address that went quiet costs nothing once
/// swept. A sweep costs O(capacity) and leaves room for a quarter of the capacity in new
/// addresses, so O(1) amortised per new address. It depends only on event times, so replays
/// sweep alike.
///
/// Two addresses share a 64-bit fingerprint with odds of one in 2^64 per pair: merging their
/// customers is not a practical risk, even over billions of addresses.
struct AddressCustomers: Sendable, Equatable {
  /// How many customers an address's slots hold.
  let width: Int
  /// Per entry, the address's fingerprint (one stored as 1 if it is 0); 0 marks an empty entry.
  private(set) var keys: [UInt64] = []
  /// Per entry, `width` slots: customer id in the high 32 bits, time in seconds since the epoch
  /// in the low 32 (at least 1); 0: empty.
  private(set) var slots: [UInt64] = []
  /// Entries in use.
  private(set) var count = 0

  /// Entries in a table's first allocation.
  static let initialCapacity = 1024

  init(width: Int) { self.width = width }

  /// A customer and the time of its latest transfer with an address.
  struct Use: Equatable {
    var customer: Int32
    var seconds: Int64
  }

  /// Records that `customer` used the address of `fingerprint` at `milliseconds`.
  ///
  /// - Returns: the entry of the address (for ``uses(entry:at:window:)``), how many distinct
  ///   customers, this one included, used it within `window` seconds, and whether this customer
  ///   was one of them before.
  /// - Complexity: O(width) and expected O(1) probes, amortised; allocates nothing unless the
  ///   table doubles.
  @discardableResult
  mutating func record(
    _ customer: Int32, fingerprint: UInt64, at milliseconds: Int64, window: Int64
  ) -> (entry: Int, customers: Int, isReturning: Bool) {
    let key = fingerprint == 0 ? 1 : fingerprint
    let now = CounterpartyWindow.seconds(milliseconds)
    if keys.isEmpty { allocate(capacity: Self.initialCapacity) }
    var entry = probe(key)
    if keys[entry] == 0 {
      if (count + 1) * 4 > keys.count * 3 {
        makeRoom(at: now, window: window)
        entry = probe(key)
      }
      keys[entry] = key
      count += 1
    }
    let base = entry * width
    let customerBits = UInt64(UInt32(bitPattern: customer)) << 32
    var target = base
    var targetTime = Int64.max
    var found = false
    var isReturning = false
    for slot in base..<base + width {
      let used = slots[slot]
      let time = Int64(used & 0xFFFF_FFFF)
      if used != 0, used & 0xFFFF_FFFF_0000_0000 == customerBits {
        // The same customer again: only its latest time is kept.
        isReturning = now - time <= window
        slots[slot] = customerBits | UInt64(max(time, now))
        found = true
        break
      }
      let age = used == 0 || now - time > window ? Int64.min : time
      if age < targetTime {
        target = slot
        targetTime = age
      }
    }
    if !found { slots[target] = customerBits | UInt64(now) }
    var customers = 0
    for slot in base..<base + width where slots[slot] != 0 && now - Int64(slots[slot] & 0xFFFF_FFFF) <= window {
      customers += 1
    }
    return (entry, customers, isReturning)
  }

  /// The customers of an entry whose latest use is within `window` seconds of `milliseconds`,
  /// earliest first (then by customer id, so the order never depends on the slots').
  func uses(entry: Int, at milliseconds: Int64, window: Int64) -> [Use] {
    let now = CounterpartyWindow.seconds(milliseconds)
    var uses: [Use] = []
    for slot in entry * width..<(entry + 1) * width where slots[slot] != 0 {
      let time = Int64(slots[slot] & 0xFFFF_FFFF)
      guard now - time <= window else { continue }
      uses.append(Use(customer: Int32(bitPattern: UInt32(slots[slot] >> 32)), seconds: time))
    }
    return uses.sorted { ($0.seconds, $0.customer) < ($1.seconds, $1.customer) }
  }

  /// The entry holding `key`, or the empty entry where it would go.
  @inline(__always)
  private func probe(_ key: UInt64) -> Int {
    let mask = keys.count - 1
    var entry = Int(truncatingIfNeeded: key) & mask
    while keys[entry] != 0 && keys[entry] != key { entry = (entry + 1) & mask }
    return entry
  }

  private mutating func allocate(capacity: Int) {
    keys = Array(repeating: 0, count: capacity)
    slots = Array(repeating: 0, count: capacity * width)
    count = 0
  }

  /// Whether any of an entry's customers used it within `window` seconds of `now`.
  private func isLive(_ entry: Int, at now: Int64, window: Int64) -> Bool {
    for slot in entry * width..<(entry + 1) * width where slots[slot] != 0 {
      if now - Int64(slots[slot] & 0xFFFF_FFFF) <= window { return true }
    }
    return false
  }

  /// Drops the entries with no customer within `window` seconds of `now`, in place, and
  /// doubles the table if what is left still fills more than half of it.
  private mutating func makeRoom(at now: Int64, window: Int64) {
    // An entry empty before the sweep: no probe chain runs across it.
    guard let start = keys.firstIndex(of: 0) else { preconditionFailure("address table full") }
    for entry in keys.indices where keys[entry] != 0 && !isLive(entry, at: now, window: window) {
      keys[entry] = 0
      for slot in entry * width..<(entry + 1) * width { slots[slot] = 0 }
      count -= 1
    }
    // Seat the rest again in probe order from there, so the chains the sweep broke are whole:
    // each entry moves, if at all, back towards its home, into a place already passed.
    let mask = keys.count - 1
    var index = start
    for _ in 0..<keys.count {
      index = (index + 1) & mask
      let key = keys[index]
      guard key != 0 else { continue }
      keys[index] = 0
      let target = probe(key)
      keys[target] = key
      guard target != index else { continue }
      for offset in 0..<width {
        slots[target * width + offset] = slots[index * width + offset]
        slots[index * width + offset] = 0
      }
    }
    guard count * 2 > keys.count else { return }
    let (oldKeys, oldSlots) = (keys, slots)
    allocate(capacity: keys.count * 2)
    for entry in oldKeys.indices where oldKeys[entry] != 0 {
      insert(oldKeys[entry], slots: oldSlots[entry * width..<(entry + 1) * width])
    }
  }

  /// Puts an entry in an empty place; false if its key is already present.
  @discardableResult
  private mutating func insert(_ key: UInt64, slots entrySlots: ArraySlice<UInt64>) -> Bool {
    let entry = probe(key)
    guard keys[entry] == 0 else { return false }
    keys[entry] = key
    slots.replaceSubrange(entry * width..<(entry + 1) * width, with: entrySlots)
    count += 1
    return true
  }
}

extension AddressCustomers {
  /// Restores stored entries into a table of `capacity`, kept only if they were stored for the
  /// same width.
  ///
  /// Where each entry lands may differ from where it stood, but what the table answers and
  /// when it next sweeps (its capacity and count) are the same.
  init(width: Int, restoring keys: [UInt64], slots: [UInt64], capacity: Int, storedWidth: Int) throws(SnapshotError) {
    self.init(width: width)
    guard storedWidth == width, !keys.isEmpty else { return }
    let damaged = SnapshotError("engine snapshot has a damaged address table")
    guard capacity >= Self.initialCapacity, capacity & (capacity - 1) == 0, keys.count * 4 <= capacity * 3,
      slots.count == keys.count * width
    else { throw damaged }
    allocate(capacity: capacity)
    for (index, key) in keys.enumerated() {
      guard key != 0, insert(key, slots: slots[index * width..<(index + 1) * width]) else { throw damaged }
    }
  }

  /// The entries in use, in entry order: their keys and their slots.
  var storedEntries: (keys: [UInt64], slots: [UInt64]) {
    var storedKeys: [UInt64] = []
    var storedSlots: [UInt64] = []
    storedKeys.reserveCapacity(count)
    storedSlots.reserveCapacity(count * width)
    for entry in keys.indices where keys[entry] != 0 {
      storedKeys.append(keys[entry])
      storedSlots.append(contentsOf: slots[entry * width..<(entry + 1) * width])
    }
    return (storedKeys, storedSlots)
  }
}

extension BinaryWriter {
  /// An address table: its width and capacity, then the keys of the entries in use and their
  /// slots (empty entries are not written).
  mutating func addressCustomers(_ table: AddressCustomers) {
    u32(UInt32(table.width))
    u32(UInt32(table.keys.count))
    let stored = table.storedEntries
    plain(stored.keys)
    plain(stored.slots)
  }
}

extension BinaryReader {
  /// An address table, kept only if it was stored for `width` customers an address.
  mutating func addressCustomers(width: Int) throws(SnapshotError) -> AddressCustomers {
    let storedWidth = Int(try u32())
    let capacity = Int(try u32())
    let keys = try plain(UInt64.self)
    let slots = try plain(UInt64.self)
    return try AddressCustomers(width: width, restoring: keys, slots: slots, capacity: capacity, storedWidth: storedWidth)
  }
}
