/// The few byte-level helpers the readers and writers share: the output is ASCII throughout, so
/// numbers and hex are appended as bytes and no row is ever built as a `String`.
extension [UInt8] {
  /// Appends a non-negative integer in decimal ASCII, zero-padded to at least `width` digits.
  ///
  /// Every number in the output (ids, cents, clock fields) goes through here, so no row builds a
  /// `String` on the way to the file.
  mutating func appendDigits(_ value: Int, width: Int = 1) {
    precondition(value >= 0, "appendDigits takes non-negative values")
    var digits = 1
    var rest = value / 10
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    // Reserve the padded width as zeros, then write the digits into its tail, last digit first.
    append(contentsOf: repeatElement(UInt8(ascii: "0"), count: Swift.max(digits, width)))
    var remaining = value
    for index in stride(from: count - 1, through: count - digits, by: -1) {
      self[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
      remaining /= 10
    }
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Appends the top `digits` hex digits of `value`, most significant first, lower case.
  mutating func appendHex(_ value: UInt64, digits: Int) {
    for index in 0..<digits {
      let nibble = Int((value >> UInt64(60 - 4 * index)) & 0xF)
      append(Self.hexDigits[nibble])
    }
  }
}

/// The CSV punctuation, named.
extension UInt8 {
  static let comma = UInt8(ascii: ",")
  static let quote = UInt8(ascii: "\"")
  static let newline = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")
}
