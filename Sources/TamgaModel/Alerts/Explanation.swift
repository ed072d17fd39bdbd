/// The values that made a rule fire, in the order the rule wrote them.
///
/// An ordered list rather than a dictionary so that the stored JSON is the same bytes on every
/// replay: "same inputs, same alerts, byte for byte".
public struct Explanation: Hashable, Sendable {
  public enum Value: Hashable, Sendable {
    case text(String)
    case integer(Int64)
    case usd(USD)
    case time(Timestamp)
    case flag(Bool)
    case list([Value])
    case object(Explanation)
  }

  public private(set) var entries: [(key: String, value: Value)]
  /// The JSON as read back from the store, kept verbatim so a stored alert prints the bytes it
  /// was stored with.
  private var storedJSON: String?

  public init() { entries = [] }

  /// An explanation read back from its stored JSON. Its ``entries`` are empty; ``json`` is the
  /// stored text.
  public init(storedJSON: String) {
    entries = []
    self.storedJSON = storedJSON
  }

  public init(_ entries: KeyValuePairs<String, Value>) {
    self.entries = entries.map { ($0.key, $0.value) }
  }

  public mutating func append(_ key: String, _ value: Value) { entries.append((key, value)) }

  public subscript(key: String) -> Value? { entries.first { $0.key == key }?.value }

  public static func == (lhs: Explanation, rhs: Explanation) -> Bool {
    if lhs.storedJSON != nil || rhs.storedJSON != nil { return lhs.json == rhs.json }
    return lhs.entries.count == rhs.entries.count
      && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
  }

  public func hash(into hasher: inout Hasher) {
    if storedJSON != nil { return hasher.combine(json) }
    for entry in entries {
      hasher.combine(entry.key)
      hasher.combine(entry.value)
    }
  }

  /// Compact JSON with keys in rule order; USD as a string of dollars ("1000.00") so that no
  /// reader turns it into a float, times as RFC 3339 UTC.
  public var json: String {
    if let storedJSON { return storedJSON }
    var out = "{"
    // Room for a typical explanation, so the text is not copied as it grows.
    out.reserveCapacity(32 * entries.count)
    for (index, entry) in entries.enumerated() {
      if index > 0 { out += "," }
      JSONText.appendString(entry.key, to: &out)
      out += ":"
      Self.append(entry.value, to: &out)
    }
    return out + "}"
  }

  static func append(_ value: Value, to out: inout String) {
    switch value {
    case .text(let text): JSONText.appendString(text, to: &out)
    case .integer(let number): out += String(number)
    case .usd(let usd): JSONText.appendString(usd.plain, to: &out)
    case .time(let time): JSONText.appendString(time.description, to: &out)
    case .flag(let flag): out += flag ? "true" : "false"
    case .list(let values):
      out += "["
      for (index, element) in values.enumerated() {
        if index > 0 { out += "," }
        append(element, to: &out)
      }
      out += "]"
    case .object(let nested): out += nested.json
    }
  }
}

/// Minimal JSON string escaping, shared by everything that writes JSON by hand.
public enum JSONText {
  public static func appendString(_ text: String, to out: inout String) {
    out += "\""
    // Most text needs no escaping: append it whole.
    if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      out += text
      out += "\""
      return
    }
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }

  public static func quoted(_ text: String) -> String {
    var out = ""
    appendString(text, to: &out)
    return out
  }
}
