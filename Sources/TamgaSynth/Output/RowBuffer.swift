import TamgaIngest

/// CSV rows assembled as bytes in one reusable buffer and handed to a sink in large writes.
///
/// The transfers file runs to millions of rows: building each field as a `String` would allocate
/// several times per row, while appending ASCII digits and pre-encoded bytes to one array does not
/// allocate at all once the buffer has grown to its working size.
struct RowBuffer {
  private(set) var bytes: [UInt8] = []
  private let sink: any ByteSink
  private let flushThreshold: Int

  init(sink: any ByteSink, flushThreshold: Int = 1 << 20) {
    self.sink = sink
    self.flushThreshold = flushThreshold
    bytes.reserveCapacity(flushThreshold + 4096)
  }

  // MARK: - Row boundaries

  /// Ends a row; writes the buffer to the sink once it passes the threshold.
  @inline(__always)
  mutating func endRow() throws {
    bytes.append(UInt8(ascii: "\n"))
    if bytes.count >= flushThreshold { try flush() }
  }

  mutating func flush() throws {
    guard !bytes.isEmpty else { return }
    try sink.write(bytes)
    bytes.removeAll(keepingCapacity: true)
  }

  // MARK: - Raw bytes

  @inline(__always)
  mutating func comma() { bytes.append(UInt8(ascii: ",")) }

  @inline(__always)
  mutating func append(_ byte: UInt8) { bytes.append(byte) }

  @inline(__always)
  mutating func append(_ encoded: [UInt8]) { bytes.append(contentsOf: encoded) }

  mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  // MARK: - Text fields

  /// Appends `text` as one CSV field, quoted (inner quotes doubled) only when it holds a comma,
  /// a quote or a line break, as RFC 4180 asks.
  mutating func appendField(_ text: String) {
    var text = text
    text.withUTF8 { utf8 in
      let needsQuotes = utf8.contains { byte in
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n")
          || byte == UInt8(ascii: "\r")
      }
      guard needsQuotes else {
        bytes.append(contentsOf: utf8)
        return
      }
      bytes.append(UInt8(ascii: "\""))
      for byte in utf8 {
        if byte == UInt8(ascii: "\"") { bytes.append(byte) }
        bytes.append(byte)
      }
      bytes.append(UInt8(ascii: "\""))
    }
  }

  // MARK: - Numbers

  /// Appends a non-negative integer in decimal, padded with leading zeros to at least `width` digits.
  mutating func appendDigits(_ value: UInt64, width: Int = 1) {
    var digits = 1
    var rest = value / 10
    while rest > 0 {
      digits += 1
      rest /= 10
    }
    let count = max(digits, width)
    let start = bytes.count
    bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
    var value = value
    var position = start + count - 1
    while value > 0 {
      bytes[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value % 10)
      value /= 10
      position -= 1
    }
  }

  /// Appends cents as dollars with exactly two decimals: `1234.05`.
  mutating func appendDollars(cents: Int64) {
    precondition(cents >= 0, "only non-negative amounts are synthesised")
    appendDigits(UInt64(cents / 100))
    bytes.append(UInt8(ascii: "."))
    appendDigits(UInt64(cents % 100), width: 2)
  }

  /// Appends `baseUnits / 10^scale` with trailing fraction zeros trimmed (`0.5`, `12`), the
  /// shortest form that still states the amount exactly.
  mutating func appendScaled(_ baseUnits: Int128, scale: Int, unit: Int128) {
    precondition(baseUnits >= 0 && scale <= 19, "amounts are non-negative and scales fit in 64 bits")
    appendDigits(UInt64(baseUnits / unit))
    let fraction = UInt64(baseUnits % unit)
    guard fraction > 0 else { return }
    bytes.append(UInt8(ascii: "."))
    appendDigits(fraction, width: scale)
    while bytes.last == UInt8(ascii: "0") { bytes.removeLast() }
  }

  /// Appends a time of day as `HH:MM:SS`.
  mutating func appendClock(secondOfDay: Int) {
    appendDigits(UInt64(secondOfDay / 3600), width: 2)
    bytes.append(UInt8(ascii: ":"))
    appendDigits(UInt64(secondOfDay / 60 % 60), width: 2)
    bytes.append(UInt8(ascii: ":"))
    appendDigits(UInt64(secondOfDay % 60), width: 2)
  }
}
