/// Numbers written as ASCII straight into a byte buffer.
///
/// Why: an alert's explanation is a few hundred bytes of JSON, built for every alert a replay
/// raises. Grown from `String` pieces (`String(value)`, `+`), each step allocates or checks the
/// text it appends; written into one byte buffer, it is a copy per digit.
public enum ASCIIText {
  /// `value` in decimal, with a leading `-` when negative.
  @inline(__always)
  public static func append(_ value: Int64, to out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    append(value.magnitude, width: 1, to: &out)
  }

  /// `value` in decimal, zero-padded to at least `width` digits.
  public static func append(_ value: UInt64, width: Int, to out: inout [UInt8]) {
    precondition(width <= 20, "at most 20 digits")
    // 20 digits hold any UInt64.
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    var count = 0
    var rest = value
    withUnsafeMutableBytes(of: &digits) { scratch in
      repeat {
        scratch[23 - count] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
        count += 1
      } while rest > 0 || count < width
      out.append(contentsOf: scratch[(24 - count)...])
    }
  }

  @inline(__always)
  public static func append(_ value: Int, width: Int, to out: inout [UInt8]) {
    if value < 0 { out.append(UInt8(ascii: "-")) }
    append(UInt64(value.magnitude), width: width, to: &out)
  }

  /// `text`'s UTF-8 bytes, in one copy when the string is stored contiguously (as native ones are).
  @inline(__always)
  public static func append(_ text: String, to out: inout [UInt8]) {
    if text.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
      out.append(contentsOf: text.utf8)
    }
  }
}
