/// An amount of US dollars in integer cents.
///
/// Money is never a `Double` in Tamga: caps compare cents exactly, and the same inputs always
/// give the same totals.
public struct USD: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The amount in cents. Negative only for differences (headroom below zero).
  public var cents: Int64

  public init(cents: Int64) { self.cents = cents }

  /// Whole dollars, for limits written in code and configuration.
  public init(dollars: Int64) { self.cents = dollars * 100 }

  public static let zero = USD(cents: 0)

  public static func < (lhs: USD, rhs: USD) -> Bool { lhs.cents < rhs.cents }
  public static func + (lhs: USD, rhs: USD) -> USD { USD(cents: lhs.cents + rhs.cents) }
  public static func - (lhs: USD, rhs: USD) -> USD { USD(cents: lhs.cents - rhs.cents) }

  /// Reads a decimal amount of dollars ("1000", "1000.5", "999.995"), rounding to the nearest
  /// cent with halves away from zero, the way a price feed's fractions of a cent are settled.
  ///
  /// - Returns: `nil` for anything but an optional sign, digits and one `.`, or on overflow.
  public init?(parsing text: Span<UInt8>) {
    guard let value = DecimalText.scaled(text, to: 2, rounding: true),
      let cents = Int64(exactly: value)
    else { return nil }
    self.cents = cents
  }

  public init?(parsing text: String) {
    var text = text
    guard let usd = text.withUTF8({ USD(parsing: $0.span) }) else { return nil }
    self = usd
  }

  /// "1,234.56", with a leading "-" for negative amounts.
  public var formatted: String {
    let magnitude = cents.magnitude
    let whole = String(magnitude / 100)
    var grouped = ""
    for (offset, character) in whole.enumerated() {
      if offset > 0 && (whole.count - offset) % 3 == 0 { grouped.append(",") }
      grouped.append(character)
    }
    let fraction = magnitude % 100
    return (cents < 0 ? "-" : "") + grouped + "." + (fraction < 10 ? "0" : "") + String(fraction)
  }

  /// "1234.56": the plain form used in JSON and CSV output.
  public var plain: String {
    var text: [UInt8] = []
    text.reserveCapacity(24)
    appendPlain(to: &text)
    return String(decoding: text, as: UTF8.self)
  }

  /// Appends ``plain``'s text.
  public func appendPlain(to out: inout [UInt8]) {
    if cents < 0 { out.append(UInt8(ascii: "-")) }
    ASCIIText.append(cents.magnitude / 100, width: 1, to: &out)
    out.append(UInt8(ascii: "."))
    ASCIIText.append(cents.magnitude % 100, width: 2, to: &out)
  }

  public var description: String { "USD " + formatted }
}
