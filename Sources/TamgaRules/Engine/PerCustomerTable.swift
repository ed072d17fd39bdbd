extension Array {
  /// Grows a per-customer table (values indexed by customer id, or by id times a width) so it
  /// holds at least `needed` values, the new ones `empty`.
  ///
  /// It at least doubles, so growing one customer at a time costs O(1) amortised, and starts at
  /// `minimum` values, so small stores do not grow in many steps. Does nothing when the table
  /// already holds `needed`.
  @inline(__always)
  mutating func grow(toHold needed: Int, filling empty: Element, atLeast minimum: Int) {
    guard needed > count else { return }
    append(contentsOf: repeatElement(empty, count: Swift.max(needed, count * 2, minimum) - count))
  }

  /// Sizes a per-customer table to hold exactly `needed` values up front, the new ones `empty`:
  /// one allocation instead of a doubling for every power of two the customers pass, each
  /// copying the table and faulting in fresh pages. Does nothing when it already holds them.
  mutating func growExactly(toHold needed: Int, filling empty: Element) {
    guard needed > count else { return }
    reserveCapacity(needed)
    append(contentsOf: repeatElement(empty, count: needed - count))
  }
}
