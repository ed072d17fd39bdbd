/// How large a customer's transfers run, by the kind of client they are.
enum AmountTier: UInt8 {
  /// Individuals buying USD 10 to 400 at a time.
  case retail
  /// Professional individuals: thousands to tens of thousands.
  case professional
  /// Companies and market counterparties: tens of thousands upward.
  case institutional

  /// The range of a buy, sell or convert, in cents.
  var tradeCents: (low: Int64, high: Int64) {
    switch self {
    case .retail: (1_000, 40_000)
    case .professional: (50_000, 5_000_000)
    case .institutional: (500_000, 50_000_000)
    }
  }

  /// The range of a deposit or withdrawal, in cents.
  var movementCents: (low: Int64, high: Int64) {
    switch self {
    case .retail: (2_000, 300_000)
    case .professional: (100_000, 10_000_000)
    case .institutional: (500_000, 100_000_000)
    }
  }
}
