/// The field readers for AMLSim's columns, on raw bytes.
///
/// Each returns the value or the reason to refuse the row. They are strict on purpose: a field
/// that is not exactly what AMLSim writes is refused with its line and column rather than guessed
/// at, so the analyst sees every row that did not make it into Tamga's files.
enum FieldParsing {
  /// A field's value, or why its row is refused.
  enum Parsed<Value> {
    case value(Value)
    case refused(RefusalReason)
  }

  /// 18 digits always fit in `Int` (64-bit), so no digit loop below can overflow.
  private static let maximumDigits = 18

  /// A node id: a whole number from 0 up, as AMLSim numbers its accounts. Leading zeros are
  /// allowed and dropped (`007` is node 7), so a padded export still matches its transactions.
  static func nodeID(_ field: ArraySlice<UInt8>) -> Parsed<Int> {
    if field.isEmpty { return .refused(.missingValue) }
    return wholeNumber(field).map { .value($0) } ?? .refused(.badNodeID)
  }

  /// A step: a whole number from 0 up. AMLSim's `time` column counts days of the simulation.
  static func step(_ field: ArraySlice<UInt8>) -> Parsed<Int> {
    if field.isEmpty { return .refused(.missingValue) }
    return wholeNumber(field).map { .value($0) } ?? .refused(.badStep)
  }

  /// The step of a node's fraud, or `nil` for none: AMLSim writes `-1` (any negative whole
  /// number is read the same way), and an empty field means the same.
  static func fraudStep(_ field: ArraySlice<UInt8>) -> Parsed<Int?> {
    if field.isEmpty { return .value(nil) }
    if field.first == UInt8(ascii: "-") {
      return wholeNumber(field.dropFirst()) == nil ? .refused(.badStep) : .value(nil)
    }
    return wholeNumber(field).map { .value($0) } ?? .refused(.badStep)
  }

  /// AMLSim's `isFraud`: `1` or `0`, and `true` or `false` in any case for exports that wrote
  /// booleans.
  static func fraudFlag(_ field: ArraySlice<UInt8>) -> Parsed<Bool> {
    if field.isEmpty { return .refused(.missingValue) }
    let lowered = field.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }
    switch lowered {
    case Array("1".utf8), Array("true".utf8): return .value(true)
    case Array("0".utf8), Array("false".utf8): return .value(false)
    default: return .refused(.badValue)
    }
  }

  /// A transfer value as whole cents, read digit by digit from the text so that no amount ever
  /// passes through floating point.
  ///
  /// Accepted: digits, then optionally `.` and at least one more digit (`0.1` is 10 cents, `7` is
  /// 700). Decimals beyond the second are accepted only when they are zeros (`12.340` is exactly
  /// 1,234 cents); `12.345` is refused, because writing it with two decimals would mean rounding
  /// someone's money. Refused as `bad_number`: an exponent, a `+`, spaces, thousands separators,
  /// more than 18 integer digits, a value beyond `Int64` cents. A leading `-` is `negative_amount`.
  static func cents(_ field: ArraySlice<UInt8>) -> Parsed<Int64> {
    if field.isEmpty { return .refused(.missingValue) }
    if field.first == UInt8(ascii: "-") {
      return unsignedCents(field.dropFirst()) == nil ? .refused(.badNumber) : .refused(.negativeAmount)
    }
    return unsignedCents(field).map { .value($0) } ?? .refused(.badNumber)
  }

  private static func unsignedCents(_ field: ArraySlice<UInt8>) -> Int64? {
    let point = field.firstIndex(of: UInt8(ascii: "."))
    let integerPart = field[field.startIndex..<(point ?? field.endIndex)]
    guard let units = wholeNumber(integerPart) else { return nil }
    var fraction = 0
    if let point {
      let decimals = field[(point + 1)...]
      guard !decimals.isEmpty, decimals.allSatisfy(isDigit) else { return nil }
      for (offset, digit) in decimals.enumerated() {
        let value = Int(digit - UInt8(ascii: "0"))
        if offset < 2 {
          fraction += value * (offset == 0 ? 10 : 1)
        } else if value != 0 {
          return nil
        }
      }
    }
    let (hundreds, overflow) = Int64(units).multipliedReportingOverflow(by: 100)
    guard !overflow else { return nil }
    let (total, overflowAgain) = hundreds.addingReportingOverflow(Int64(fraction))
    return overflowAgain ? nil : total
  }

  /// A run of 1 to 18 ASCII digits as a number; anything else is `nil`.
  private static func wholeNumber(_ field: ArraySlice<UInt8>) -> Int? {
    // Leading zeros do not count toward the 18 digits: they add nothing to the value.
    let significant = field.drop { $0 == UInt8(ascii: "0") }
    guard !field.isEmpty, significant.count <= maximumDigits, field.allSatisfy(isDigit) else { return nil }
    var value = 0
    for digit in significant { value = value * 10 + Int(digit - UInt8(ascii: "0")) }
    return value
  }

  private static func isDigit(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }
}
