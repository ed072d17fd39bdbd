/// A customer's purchases in the two most recent calendar periods (months or years) with any.
///
/// Two, so that a purchase reported late, after the next period began, is still counted in
/// the period it belongs to. Periods between the two had no purchases, so a late purchase in
/// one of them starts from zero and takes the older slot. Anything older than both has lost
/// its total and cannot be judged.
struct PeriodTotals: Sendable, Hashable {
  static let none: Int32 = .min

  var currentKey: Int32 = none
  var previousKey: Int32 = none
  var current: Int64 = 0
  var previous: Int64 = 0

  /// The total so far in period `key`, or `nil` when that period is too old to know.
  /// - Complexity: O(1).
  @inline(__always)
  func total(in key: Int32) -> Int64? {
    if key == currentKey { return current }
    if key > currentKey { return 0 }
    if key == previousKey { return previous }
    if key > previousKey { return 0 }
    return nil
  }

  /// Adds `cents` to period `key`; the caller has checked ``total(in:)`` is not `nil`.
  @inline(__always)
  mutating func add(_ cents: Int64, in key: Int32) {
    if key == currentKey {
      current += cents
    } else if key > currentKey {
      if currentKey != Self.none {
        previousKey = currentKey
        previous = current
      }
      currentKey = key
      current = cents
    } else if key == previousKey {
      previous += cents
    } else {
      previousKey = key
      previous = cents
    }
  }
}

/// A customer's purchase totals for the monthly and the annual cap.
struct CapTotals: Sendable, Hashable {
  var month = PeriodTotals()
  var year = PeriodTotals()
}
