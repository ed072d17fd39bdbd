/// A 64-bit summary of which letters a word holds, and the Jaro-Winkler ceiling it implies.
///
/// Why: most word pairs a screening compares share too few letters to agree, and proving that from
/// two masks (one AND, two popcounts) costs a fraction of running Jaro-Winkler.
///
/// Bits: each of a…z has two, the first set by its first occurrence and the second by its second;
/// each digit has one; every other scalar sets one of two spare bits by parity. A scalar that finds
/// its bits already set (a third "a", a second "7") sets nothing and is counted as an excess.
enum LetterCounts {
  /// The mask of a word's scalars.
  static func mask(_ scalars: UnsafeBufferPointer<UInt32>) -> UInt64 {
    var mask: UInt64 = 0
    for scalar in scalars {
      let bit: UInt64
      switch scalar {
      case 97...122:
        let first: UInt64 = 1 << (UInt64(scalar - 97) * 2)
        bit = mask & first == 0 ? first : first << 1
      case 48...57:
        bit = 1 << (52 + UInt64(scalar - 48))
      default:
        bit = 1 << (62 + UInt64(scalar & 1))
      }
      mask |= bit
    }
    return mask
  }

  /// The most scalars two words can have in common: the shared bits, plus the smaller of the two
  /// excesses (scalars no bit recorded), which is never less than what Jaro's matching can find.
  @inline(__always)
  static func commonCeiling(_ first: UInt64, _ firstCount: Int, _ second: UInt64, _ secondCount: Int) -> Int {
    (first & second).nonzeroBitCount
      + min(firstCount - first.nonzeroBitCount, secondCount - second.nonzeroBitCount)
  }

  /// A word's first four scalars, 16 bits each (lane 0 lowest), for `sharedPrefixCeiling`.
  static func prefix(_ scalars: UnsafeBufferPointer<UInt32>) -> UInt64 {
    var prefix: UInt64 = 0
    for lane in 0..<min(4, scalars.count) {
      prefix |= UInt64(scalars[lane] & 0xFFFF) << (16 * UInt64(lane))
    }
    return prefix
  }

  /// At least the length of the common start of two words (at most four, the Winkler limit): lanes
  /// equal from the first; truncation to 16 bits can only make it longer, never shorter.
  @inline(__always)
  static func sharedPrefixCeiling(_ first: UInt64, _ firstCount: Int, _ second: UInt64, _ secondCount: Int) -> Int {
    let differing = first ^ second
    let lanes = differing == 0 ? 4 : differing.trailingZeroBitCount / 16
    return min(lanes, firstCount, secondCount)
  }

  /// The highest Jaro-Winkler two words of these lengths could reach with at most `common` scalars
  /// in common and a common start of at most `prefix`: no transpositions assumed. The small slack
  /// keeps the ceiling above the real value whatever the rounding.
  @inline(__always)
  static func jaroWinklerCeiling(
    common: Int, _ firstCount: Int, _ secondCount: Int, prefix: Int
  ) -> Double {
    guard common > 0 else { return 0 }
    let matched = Double(common)
    let jaro = (matched / Double(firstCount) + matched / Double(secondCount) + 1) / 3
    guard jaro > JaroWinkler.boostThreshold else { return jaro + 1e-9 }
    return jaro + Double(prefix) * JaroWinkler.prefixScale * (1 - jaro) + 1e-9
  }
}
