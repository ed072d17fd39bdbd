public import TamgaModel

/// Asset tickers as spelt in a file, interned once each with the decimals their amounts are
/// scaled by: shared by the decoders of every file that moves an asset (transfers, chain edges).
struct AssetTickers: Sendable {
  private var table = InternTable(capacity: 64)
  private var decimals: [UInt8] = []

  /// The ticker's id, and whether this row is the first to name it (so a decoder can look up
  /// what else it keeps per asset once).
  /// - Complexity: one hash probe; allocates only for a ticker not seen before.
  @inline(__always)
  mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (id: Int32, isNew: Bool) {
    if let known = table.id(of: bytes.span) { return (known, false) }
    let id = table.intern(bytes.span)
    decimals.append(AssetDecimals.decimals(for: table.key(id)))
    return (id, true)
  }

  func ticker(_ id: Int32) -> String { table.key(id) }

  @inline(__always)
  func decimals(of id: Int32) -> UInt8 { decimals[Int(id)] }
}

extension Record {
  /// Parses the column as a non-negative amount of `asset`, scaled to its decimals.
  ///
  /// - Returns: `nil` when the amount is good, else the rejection to record.
  /// - Complexity: O(field length); allocates only for a rejection.
  @inline(__always)
  func parseAmount(
    _ column: Int, of asset: Int32, in tickers: AssetTickers, into amount: inout AssetAmount
  ) -> Rejection? {
    let decimals = tickers.decimals(of: asset)
    let bytes = self.bytes(column)
    guard let baseUnits = DecimalText.scaled(bytes.span, to: Int(decimals), rounding: false) else {
      if DecimalText.scaled(bytes.span, to: Int(decimals), rounding: true) != nil {
        return rejection(
          column: column, .badNumber, "amount has more than the \(decimals) decimals of \(tickers.ticker(asset))")
      }
      return rejection(column: column, .badNumber, "amount is not a decimal number")
    }
    guard baseUnits >= 0 else { return rejection(column: column, .negativeAmount, "amount is negative") }
    amount = AssetAmount(baseUnits: baseUnits, decimals: decimals)
    return nil
  }

  /// Parses a non-empty column as non-negative dollars, rounded half-up to the cent.
  ///
  /// - Returns: `nil` when the value is good, else the rejection to record.
  /// - Complexity: O(field length); allocates only for a rejection.
  @inline(__always)
  func parseUSD(_ column: Int, into value: inout USD) -> Rejection? {
    guard let usd = USD(parsing: bytes(column).span) else {
      return rejection(column: column, .badNumber, "\(name(column)) is not a decimal number")
    }
    guard usd.cents >= 0 else { return rejection(column: column, .negativeAmount, "\(name(column)) is negative") }
    value = usd
    return nil
  }
}
