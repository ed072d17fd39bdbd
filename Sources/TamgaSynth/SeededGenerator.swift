import TamgaModel

/// xoshiro256** seeded through SplitMix64: the only source of randomness in the synthesiser.
///
/// Swift's own `random(in:using:)` algorithms may change between toolchains, and
/// `SystemRandomNumberGenerator` cannot be replayed, so draws go through the bounded methods here:
/// the same seed gives the same files on every machine and compiler. Separate streams (one for the
/// population, one per day of flows) keep a change in one part from shifting every draw after it.
struct SeededGenerator: RandomNumberGenerator {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// A generator for one independent stream of a plan's seed.
  init(seed: UInt64, stream: UInt64) {
    var mixer = SplitMix64(state: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    // Mixing once more keeps neighbouring (seed, stream) pairs from starting close together.
    mixer.state = mixer.next() ^ stream
    s0 = mixer.next()
    s1 = mixer.next()
    s2 = mixer.next()
    s3 = mixer.next()
  }

  mutating func next() -> UInt64 {
    let result = (s1 &* 5).rotatedLeft(by: 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3.rotatedLeft(by: 45)
    return result
  }

  /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject, exact and branch-light).
  mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    let limit = UInt64(bound)
    var product = next().multipliedFullWidth(by: limit)
    if product.low < limit {
      let threshold = (0 &- limit) % limit
      while product.low < threshold { product = next().multipliedFullWidth(by: limit) }
    }
    return Int(product.high)
  }

  /// A uniform integer in `range`.
  mutating func within(_ range: ClosedRange<Int64>) -> Int64 {
    range.lowerBound + Int64(below(Int(range.upperBound - range.lowerBound) + 1))
  }

  /// True with probability `perMille / 1000`.
  mutating func chance(perMille: Int) -> Bool { below(1000) < perMille }

  /// An index into `weights`, each chosen in proportion to its weight.
  mutating func index(weightedBy weights: [Int]) -> Int {
    var draw = below(weights.reduce(0, +))
    for (index, weight) in weights.enumerated() {
      if draw < weight { return index }
      draw -= weight
    }
    return weights.count - 1
  }

  /// One element of `pool`, uniformly.
  mutating func element<T>(of pool: [T]) -> T { pool[below(pool.count)] }

  /// An amount between `low` and `high` cents whose logarithm is roughly uniform.
  ///
  /// Payment amounts spread over orders of magnitude: small buys are common, large ones rare but
  /// present. The range is cut into bands that each double, one band is chosen uniformly, then a
  /// value inside it, which needs no floating point.
  mutating func logUniformCents(_ low: Int64, _ high: Int64) -> Int64 {
    var bands = 1
    var edge = low
    while edge * 2 < high {
      edge *= 2
      bands += 1
    }
    let band = below(bands)
    let bandLow = low << band
    let bandHigh = min(high, bandLow * 2)
    return within(bandLow...bandHigh)
  }
}

extension UInt64 {
  @inline(__always)
  fileprivate func rotatedLeft(by count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
