/// Per customer, the distinct counterparty addresses of its recent transfers in one direction
/// and the value each moved: the state of fan-in (senders), fan-out and round-tripping
/// (recipients).
///
/// Each customer has `width` slots, one per address, holding the address's 32-bit fingerprint,
/// the time of its latest transfer (seconds) and the cents moved with it since it took the slot.
/// A new address takes an empty or expired slot, or else the one seen longest ago, so the slots
/// hold the `width` addresses most recently seen. 16 bytes per slot, O(width) per transfer, no
/// allocation once the customer's slots exist.
///
/// Two addresses share a 32-bit fingerprint with odds of one in four billion per pair: at
/// worst one counterparty fewer is counted, never one more.
struct CounterpartyWindow: Sendable, Equatable {
  /// How many addresses a customer's slots hold.
  let width: Int
  /// Per slot: fingerprint in the high 32 bits, time in seconds since the epoch in the low 32
  /// (at least 1); 0: empty.
  var seen: [UInt64] = []
  /// Per slot: the cents moved with that address while it held the slot.
  var cents: [Int64] = []

  init(width: Int) { self.width = width }

  /// Restores stored slots, kept only if they were counted for the same width.
  init(width: Int, restoring seen: [UInt64], cents: [Int64], storedWidth: Int) {
    self.width = width
    if storedWidth == width, seen.count == cents.count, seen.count % max(width, 1) == 0 {
      self.seen = seen
      self.cents = cents
    }
  }

  /// What the slots hold within a window: how many addresses, the cents they moved, and the
  /// earliest time among them.
  struct Summary: Equatable {
    var addresses = 0
    var cents: Int64 = 0
    var earliestSeconds = Int64.max
  }

  mutating func reserve(customers count: Int) {
    seen.growExactly(toHold: count * width, filling: 0)
    cents.growExactly(toHold: count * width, filling: 0)
  }

  /// Records a transfer of `value` cents with the address of `fingerprint` at `milliseconds`.
  /// Slots older than `window` seconds count as empty.
  mutating func record(
    _ customer: Int32, fingerprint: UInt64, at milliseconds: Int64, cents value: Int64, window: Int64
  ) {
    let base = Int(customer) * width
    seen.grow(toHold: base + width, filling: 0, atLeast: 1024 * width)
    cents.grow(toHold: base + width, filling: 0, atLeast: 1024 * width)
    let now = Self.seconds(milliseconds)
    let key = fingerprint >> 32
    var target = base
    var targetTime = Int64.max
    for slot in base..<base + width {
      let entry = seen[slot]
      let time = Int64(entry & 0xFFFF_FFFF)
      let isLive = Self.isLive(entry, at: now, within: window)
      if isLive, entry >> 32 == key {
        // The same address again: its value adds up, its time moves to the latest.
        cents[slot] &+= value
        seen[slot] = key << 32 | UInt64(max(time, now))
        return
      }
      let age = isLive ? time : Int64.min
      if age < targetTime {
        target = slot
        targetTime = age
      }
    }
    seen[target] = key << 32 | UInt64(now)
    cents[target] = value
  }

  /// The addresses whose latest transfer is within `window` seconds of `milliseconds`.
  func summary(_ customer: Int32, at milliseconds: Int64, window: Int64) -> Summary {
    var summary = Summary()
    let base = Int(customer) * width
    guard base + width <= seen.count else { return summary }
    let now = Self.seconds(milliseconds)
    for slot in base..<base + width {
      let entry = seen[slot]
      guard Self.isLive(entry, at: now, within: window) else { continue }
      let time = Int64(entry & 0xFFFF_FFFF)
      summary.addresses += 1
      summary.cents &+= cents[slot]
      summary.earliestSeconds = min(summary.earliestSeconds, time)
    }
    return summary
  }

  /// The slot of `customer` that holds the address of `fingerprint`, if its latest transfer is
  /// within `window` seconds of `milliseconds`: the slot's index (for ``clear(slot:)``), that
  /// latest time in seconds and the cents moved with the address since it took the slot.
  /// - Complexity: O(width); allocates nothing.
  func slot(
    _ customer: Int32, fingerprint: UInt64, at milliseconds: Int64, window: Int64
  ) -> (index: Int, seconds: Int64, cents: Int64)? {
    let base = Int(customer) * width
    guard base + width <= seen.count else { return nil }
    let now = Self.seconds(milliseconds)
    let key = fingerprint >> 32
    for slot in base..<base + width {
      let entry = seen[slot]
      if Self.isLive(entry, at: now, within: window), entry >> 32 == key {
        return (slot, Int64(entry & 0xFFFF_FFFF), cents[slot])
      }
    }
    return nil
  }

  /// Whether a slot holds an address whose latest transfer is within `window` seconds of `now`.
  @inline(__always)
  static func isLive(_ entry: UInt64, at now: Int64, within window: Int64) -> Bool {
    entry != 0 && now - Int64(entry & 0xFFFF_FFFF) <= window
  }

  /// Empties one slot (the value it held has been accounted for).
  mutating func clear(slot: Int) {
    seen[slot] = 0
    cents[slot] = 0
  }

  /// Reads a customer's first slot ahead of evaluation (see `Engine.touch`).
  @inline(__always)
  func touch(_ customer: Int32) -> Int64 {
    let slot = Int(customer) * width
    return slot < seen.count ? Int64(bitPattern: seen[slot]) : 0
  }

  /// Empties a customer's slots (after its rule fired, so the count starts again).
  mutating func clear(_ customer: Int32) {
    let base = Int(customer) * width
    guard base + width <= seen.count else { return }
    for slot in base..<base + width {
      seen[slot] = 0
      cents[slot] = 0
    }
  }

  /// Seconds since the epoch, kept within 1...UInt32.max (0 marks an empty slot).
  @inline(__always)
  static func seconds(_ milliseconds: Int64) -> Int64 { min(max(milliseconds / 1000, 1), Int64(UInt32.max)) }
}

extension BinaryWriter {
  /// A counterparty window: its width, then its slots' fingerprints and times, then their cents.
  mutating func counterparties(_ window: CounterpartyWindow, customers: Int) {
    u32(UInt32(window.width))
    plain(window.seen, upTo: customers * window.width)
    plain(window.cents, upTo: customers * window.width)
  }
}

extension BinaryReader {
  /// A counterparty window, kept only if it was stored for `width` slots a customer.
  mutating func counterparties(width: Int) throws(SnapshotError) -> CounterpartyWindow {
    let stored = Int(try u32())
    let seen = try plain(UInt64.self)
    let cents = try plain(Int64.self)
    guard seen.count == cents.count else { throw SnapshotError("engine snapshot has a damaged counterparty window") }
    return CounterpartyWindow(width: width, restoring: seen, cents: cents, storedWidth: stored)
  }
}
