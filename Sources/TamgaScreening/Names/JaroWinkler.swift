/// Jaro and Jaro-Winkler similarity between two names, in 0...1.
///
/// Why this measure: it rewards shared letters in roughly the same place and forgives
/// transpositions, which is how spellings of the same person drift ("Marhta"/"Martha"), and the
/// Winkler boost favours a shared start, where names rarely vary.
///
/// Units: Unicode scalars, not grapheme clusters. After `NamePreparation` every Latin and Cyrillic
/// name is plain ASCII, so scalars, bytes and graphemes coincide; only names in other scripts (or
/// raw strings passed to the `String` overloads) could differ from a grapheme-counting library such
/// as Python's jellyfish.
///
/// Rules follow jellyfish (the reference vectors come from it): match window
/// `max(len) / 2 - 1` (at least 0), transpositions halved, Winkler boost only when Jaro exceeds 0.7,
/// prefix scale p = 0.1 over at most 4 leading scalars. An empty string scores 0 against anything,
/// including another empty string, as jellyfish does.
///
/// The buffer overloads allocate nothing: the two "already matched" flag arrays live in a
/// temporary allocation that Swift places on the stack for name-sized inputs.
public enum JaroWinkler {
  /// The Winkler prefix scale: each shared leading scalar closes 10% of the remaining gap.
  public static let prefixScale = 0.1
  /// At most this many leading scalars earn the Winkler boost.
  public static let maximumPrefixLength = 4
  /// The Winkler boost applies only above this Jaro similarity, so unrelated names that merely
  /// start alike are not lifted.
  public static let boostThreshold = 0.7

  /// Jaro similarity of two scalar buffers.
  public static func jaro<Element: Equatable>(
    _ first: UnsafeBufferPointer<Element>, _ second: UnsafeBufferPointer<Element>
  ) -> Double {
    jaroParts(first, second)
  }

  /// Jaro-Winkler similarity of two scalar buffers.
  public static func similarity<Element: Equatable>(
    _ first: UnsafeBufferPointer<Element>, _ second: UnsafeBufferPointer<Element>
  ) -> Double {
    let jaro = jaroParts(first, second)
    guard jaro > boostThreshold else { return jaro }
    let limit = min(maximumPrefixLength, first.count, second.count)
    var prefix = 0
    while prefix < limit && first[prefix] == second[prefix] { prefix += 1 }
    return jaro + Double(prefix) * prefixScale * (1 - jaro)
  }

  /// Jaro-Winkler similarity of two scalar arrays (the form `PreparedToken` keeps).
  public static func similarity(_ first: [UInt32], _ second: [UInt32]) -> Double {
    first.withUnsafeBufferPointer { a in second.withUnsafeBufferPointer { b in similarity(a, b) } }
  }

  /// Jaro similarity of two scalar arrays.
  public static func jaro(_ first: [UInt32], _ second: [UInt32]) -> Double {
    first.withUnsafeBufferPointer { a in second.withUnsafeBufferPointer { b in jaro(a, b) } }
  }

  /// Jaro-Winkler similarity of two strings compared scalar by scalar, with no preparation;
  /// a convenience for tests and one-off checks (it copies the scalars).
  public static func similarity(_ first: String, _ second: String) -> Double {
    similarity(first.unicodeScalars.map(\.value), second.unicodeScalars.map(\.value))
  }

  /// Jaro similarity of two strings compared scalar by scalar, with no preparation.
  public static func jaro(_ first: String, _ second: String) -> Double {
    jaro(first.unicodeScalars.map(\.value), second.unicodeScalars.map(\.value))
  }

  private static func jaroParts<Element: Equatable>(
    _ first: UnsafeBufferPointer<Element>, _ second: UnsafeBufferPointer<Element>
  ) -> Double {
    let firstCount = first.count
    let secondCount = second.count
    guard firstCount > 0, secondCount > 0 else { return 0 }
    let window = max(0, max(firstCount, secondCount) / 2 - 1)
    if firstCount <= 64 && secondCount <= 64 {
      return jaroParts(first, second, window: window)
    }

    return withUnsafeTemporaryAllocation(of: Bool.self, capacity: firstCount + secondCount) { flags in
      flags.initialize(repeating: false)
      // Flags for `first` sit at 0..<firstCount, flags for `second` after them.
      var common = 0
      for i in 0..<firstCount {
        let low = max(0, i - window)
        let high = min(i + window, secondCount - 1)
        guard low <= high else { continue }
        for j in low...high where !flags[firstCount + j] && second[j] == first[i] {
          flags[i] = true
          flags[firstCount + j] = true
          common += 1
          break
        }
      }
      guard common > 0 else { return 0 }

      // Matched scalars taken in order from each side; every position where they disagree is half
      // a transposition.
      var halfTranspositions = 0
      var k = 0
      for i in 0..<firstCount where flags[i] {
        while !flags[firstCount + k] { k += 1 }
        if first[i] != second[k] { halfTranspositions += 1 }
        k += 1
      }
      return jaro(common: common, halfTranspositions: halfTranspositions, firstCount, secondCount)
    }
  }

  /// The same matching for words of at most 64 scalars, with the "already matched" flags as bits
  /// of two words: no scratch memory to clear, and matched scalars found by counting bits. The
  /// index's sweeps run Jaro-Winkler on every term their letter counts cannot rule out.
  private static func jaroParts<Element: Equatable>(
    _ first: UnsafeBufferPointer<Element>, _ second: UnsafeBufferPointer<Element>, window: Int
  ) -> Double {
    let firstCount = first.count
    let secondCount = second.count
    var firstMatched: UInt64 = 0
    var secondMatched: UInt64 = 0
    var common = 0
    for i in 0..<firstCount {
      let scalar = first[i]
      var j = max(0, i - window)
      let high = min(i + window, secondCount - 1)
      while j <= high {
        if secondMatched & (1 << UInt64(j)) == 0 && second[j] == scalar {
          firstMatched |= 1 << UInt64(i)
          secondMatched |= 1 << UInt64(j)
          common += 1
          break
        }
        j += 1
      }
    }
    guard common > 0 else { return 0 }
    var halfTranspositions = 0
    while firstMatched != 0 {
      if first[firstMatched.trailingZeroBitCount] != second[secondMatched.trailingZeroBitCount] {
        halfTranspositions += 1
      }
      firstMatched &= firstMatched - 1
      secondMatched &= secondMatched - 1
    }
    return jaro(common: common, halfTranspositions: halfTranspositions, firstCount, secondCount)
  }

  @inline(__always)
  private static func jaro(common: Int, halfTranspositions: Int, _ firstCount: Int, _ secondCount: Int) -> Double {
    let transpositions = halfTranspositions / 2
    let matched = Double(common)
    return (matched / Double(firstCount) + matched / Double(secondCount)
      + (matched - Double(transpositions)) / matched) / 3
  }
}
