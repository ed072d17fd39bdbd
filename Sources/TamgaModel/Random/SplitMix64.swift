/// SplitMix64 (Steele, Lea and Flood, 2014): a 64-bit counter passed through an invertible mix.
///
/// One copy for every deterministic draw in Tamga: expanding a synthetic population's seed into
/// its generator's state, fingerprinting imported accounts into wallet addresses (the output
/// mix is a bijection, so the first output is an injective function of the starting state), and
/// drawing the screening evaluation's cases. Short enough to check by eye; not for anything that
/// needs to be unpredictable.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public var state: UInt64

  public init(state: UInt64) { self.state = state }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
