/// Decimal numbers read straight from bytes into integers at a fixed scale.
///
/// Shared by USD values (scale 2) and asset amounts (the asset's decimals), so that no amount
/// ever passes through floating point.
public enum DecimalText {
  /// Reads `[-+]digits[.digits]` and returns the value times 10^`scale`.
  ///
  /// - Parameters:
  ///   - rounding: when `true`, extra fraction digits round half away from zero; when
  ///     `false`, a non-zero digit beyond `scale` makes the text invalid (an asset amount
  ///     finer than its smallest unit is an error, not something to round away).
  /// - Returns: `nil` when the text is empty, malformed, or overflows `Int128`.
  /// - Complexity: O(*n*) in the text length; allocates nothing.
  public static func scaled(_ text: Span<UInt8>, to scale: Int, rounding: Bool) -> Int128? {
    // Fast path: up to 18 kept digits fit a UInt64, which is several times cheaper per digit
    // than Int128 with overflow checks. Anything longer, signed or to be rounded takes the
    // general path below.
    let count = text.count
    guard count > 0, count <= 19, scale <= 38 else { return scaledInGeneral(text, to: scale, rounding: rounding) }
    var value: UInt64 = 0
    var fractionDigits = -1
    var sawDigit = false
    for index in 0..<count {
      let byte = text[index]
      if byte == UInt8(ascii: ".") {
        guard fractionDigits < 0 else { return nil }
        fractionDigits = 0
        continue
      }
      let digit = byte &- UInt8(ascii: "0")
      guard digit < 10 else { return scaledInGeneral(text, to: scale, rounding: rounding) }
      if fractionDigits >= 0 {
        if fractionDigits == scale { return scaledInGeneral(text, to: scale, rounding: rounding) }
        fractionDigits += 1
      }
      sawDigit = true
      value = value &* 10 &+ UInt64(digit)
    }
    guard sawDigit else { return nil }
    let (result, overflow) = Int128(value).multipliedReportingOverflow(by: powerOfTen(scale - max(fractionDigits, 0)))
    return overflow ? nil : result
  }

  /// 10^`exponent` for 0...38. A loop, not a table: a global table costs a lazy-initialisation
  /// check on every call.
  @inline(__always)
  static func powerOfTen(_ exponent: Int) -> Int128 {
    var power: UInt64 = 1
    for _ in 0..<min(exponent, 19) { power &*= 10 }
    var result = Int128(power)
    for _ in 19..<max(exponent, 19) { result &*= 10 }
    return result
  }

  static func scaledInGeneral(_ text: Span<UInt8>, to scale: Int, rounding: Bool) -> Int128? {
    var index = 0
    let count = text.count
    guard count > 0 else { return nil }
    var negative = false
    if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
      negative = text[0] == UInt8(ascii: "-")
      index = 1
    }
    var value: Int128 = 0
    var sawDigit = false
    var fractionDigits = -1  // -1: no point seen yet
    var roundUp = false
    while index < count {
      let byte = text[index]
      index += 1
      if byte == UInt8(ascii: ".") {
        guard fractionDigits < 0 else { return nil }
        fractionDigits = 0
        continue
      }
      let digit = byte &- UInt8(ascii: "0")
      guard digit < 10 else { return nil }
      sawDigit = true
      if fractionDigits >= 0 {
        if fractionDigits == scale {
          // The first digit past the scale decides rounding; later ones cannot change it.
          if rounding {
            roundUp = digit >= 5
            fractionDigits += 1
          } else if digit != 0 {
            return nil
          }
          continue
        } else if fractionDigits > scale {
          if !rounding && digit != 0 { return nil }
          continue
        }
        fractionDigits += 1
      }
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(Int128(digit))
      guard !o1, !o2 else { return nil }
      value = sum
    }
    guard sawDigit else { return nil }
    var missing = scale - max(fractionDigits, 0)
    if fractionDigits > scale { missing = 0 }
    while missing > 0 {
      let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
      guard !overflow else { return nil }
      value = times10
      missing -= 1
    }
    if roundUp {
      let (sum, overflow) = value.addingReportingOverflow(1)
      guard !overflow else { return nil }
      value = sum
    }
    return negative ? -value : value
  }

  /// Formats `value / 10^scale` with exactly `scale` fraction digits, trailing zeros trimmed.
  public static func format(_ value: Int128, scale: Int) -> String {
    let negative = value < 0
    let magnitude = value.magnitude
    var divisor: UInt128 = 1
    for _ in 0..<scale { divisor *= 10 }
    let whole = magnitude / divisor
    var fraction = String(magnitude % divisor)
    if scale > 0 {
      fraction = String(repeating: "0", count: scale - fraction.count) + fraction
      while fraction.hasSuffix("0") { fraction.removeLast() }
    }
    return (negative ? "-" : "") + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
  }
}
