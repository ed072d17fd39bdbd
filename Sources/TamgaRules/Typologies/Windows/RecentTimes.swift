import TamgaModel

/// Per customer, the times of its last `width` counted transfers, oldest first: the state of a
/// rule that fires on the `width`-th such transfer within a window (structuring, bursts,
/// chain-hopping).
///
/// There are `width` counted transfers within the window exactly when the oldest of the last
/// `width` is: O(width) per counted transfer, 8 bytes per customer per slot, no allocation once
/// the customer's slots exist.
struct RecentTimes: Sendable, Equatable {
  /// How many transfers complete a count.
  let width: Int
  /// `width` slots per customer, in milliseconds since the epoch (Int64.min: empty).
  var times: [Int64] = []

  init(width: Int) { self.width = width }

  /// Restores stored slots, kept only if they were counted for the same width.
  init(width: Int, restoring times: [Int64], storedWidth: Int) {
    self.width = width
    if storedWidth == width, times.count % max(width, 1) == 0 { self.times = times }
  }

  /// Counts a transfer of `customer` at `now`.
  ///
  /// - Returns: the time of the first of the `width` transfers when this one completes them
  ///   within `window` milliseconds; the count then starts again. `nil` otherwise.
  mutating func count(_ customer: Int32, at now: Int64, within window: Int64) -> Int64? {
    let base = Int(customer) * width
    times.grow(toHold: base + width, filling: .min, atLeast: 1024 * width)
    // Shift out the oldest, append this one.
    for slot in base..<base + width - 1 { times[slot] = times[slot + 1] }
    times[base + width - 1] = now
    let oldest = times[base]
    guard oldest != .min, now - oldest <= window else { return nil }
    for slot in base..<base + width { times[slot] = .min }
    return oldest
  }

  /// Counts `event` within `windowHours`; when it completes the count, the opening of the
  /// alert's explanation, the same for every rule that counts this way: how many were counted
  /// (under `countedKey`), the window, and the first counted transfer's time.
  mutating func complete(_ event: TransferEvent, windowHours: Int, countedKey: String) -> Explanation? {
    let now = event.timestamp.millisecondsSinceEpoch
    guard let oldest = count(event.customer, at: now, within: Int64(windowHours) * 3_600_000) else { return nil }
    var explanation = Explanation()
    explanation.append(countedKey, .integer(Int64(width)))
    explanation.append("window_hours", .integer(Int64(windowHours)))
    explanation.append("first_counted_at", .time(Timestamp(millisecondsSinceEpoch: oldest)))
    return explanation
  }
}

extension BinaryWriter {
  /// A window of recent times: its width, then its slots.
  mutating func recentTimes(_ recent: RecentTimes, customers: Int) {
    u32(UInt32(recent.width))
    plain(recent.times, upTo: customers * recent.width)
  }
}

extension BinaryReader {
  /// A window of recent times, kept only if it was stored for `width` slots a customer.
  mutating func recentTimes(width: Int) throws(SnapshotError) -> RecentTimes {
    let stored = Int(try u32())
    return RecentTimes(width: width, restoring: try plain(Int64.self), storedWidth: stored)
  }
}
