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
  /// A rejection when the column is empty: "`name` is empty".
  @inline(__always)
  func requireValue(_ column: Int) -> Rejection? {
    isEmpty(column) ? rejection(column: column, .missingValue, "\(name(column)) is empty") : nil
  }

  /// Parses the column as an RFC 3339 date-time.
  ///
  /// - Returns: `nil` when the time is good, else the rejection to record.
  /// - Complexity: O(field length), less when the date is the cache's; allocates only for a rejection.
  @inline(__always)
  func parseTimestamp(_ column: Int, cache: inout DayCache, into timestamp: inout Timestamp) -> Rejection? {
    guard let parsed = Timestamp(rfc3339: bytes(column).span, cache: &cache) else {
      return rejection(column: column, .badTimestamp, "\(name(column)) is not an RFC 3339 date-time")
    }
    timestamp = parsed
    return nil
  }

  /// Interns the column's asset ticker, or a rejection when it is empty.
  @inline(__always)
  func internAsset(_ column: Int, in tickers: inout AssetTickers, into asset: inout Int32) -> (rejection: Rejection?, isNew: Bool) {
    if let rejection = requireValue(column) { return (rejection, false) }
    let (id, isNew) = tickers.intern(bytes(column))
    asset = id
    return (nil, isNew)
  }

  /// Parses the column as a non-negative amount of `asset`, scaled to its decimals.
  ///
  /// - Returns: `nil` when the amount is good, else the rejection to record.
  /// - Complexity: O(field length); allocates only for a rejection.
  @inline(__always)
  func parseAmount(
    _ column: Int, of asset: Int32, in tickers: AssetTickers, into amount: inout AssetAmount
  ) -> Rejection? {
    parseAmount(
      bytes(column).span, column: column, decimals: tickers.decimals(of: asset), ticker: tickers.ticker(asset),
      into: &amount)
  }

  /// Parses `text`, the column's value (trimmed, if the caller trims), as a non-negative amount
  /// scaled to `decimals`; a rejection names the column and, for too many decimals, `ticker`.
  ///
  /// - Returns: `nil` when the amount is good, else the rejection to record.
  /// - Complexity: O(field length); allocates only for a rejection.
  @inline(__always)
  func parseAmount(
    _ text: Span<UInt8>, column: Int, decimals: UInt8, ticker: @autoclosure () -> String,
    into amount: inout AssetAmount
  ) -> Rejection? {
    guard let baseUnits = DecimalText.scaled(text, to: Int(decimals), rounding: false) else {
      if DecimalText.scaled(text, to: Int(decimals), rounding: true) != nil {
        return rejection(
          column: column, .badNumber, "\(name(column)) has more than the \(decimals) decimals of \(ticker())")
      }
      return rejection(column: column, .badNumber, "\(name(column)) is not a decimal number")
    }
    guard baseUnits >= 0 else { return rejection(column: column, .negativeAmount, "\(name(column)) is negative") }
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
