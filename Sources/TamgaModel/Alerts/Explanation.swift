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
    var out: [UInt8] = []
    // Room for a typical explanation, so the bytes are not copied as they grow.
    out.reserveCapacity(40 * entries.count + 2)
    append(to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends ``json``'s bytes.
  public func append(to out: inout [UInt8]) {
    if let storedJSON { return ASCIIText.append(storedJSON, to: &out) }
    out.append(UInt8(ascii: "{"))
    for (index, entry) in entries.enumerated() {
      if index > 0 { out.append(UInt8(ascii: ",")) }
      JSONText.appendString(entry.key, to: &out)
      out.append(UInt8(ascii: ":"))
      Self.append(entry.value, to: &out)
    }
    out.append(UInt8(ascii: "}"))
  }

  static func append(_ value: Value, to out: inout [UInt8]) {
    switch value {
    case .text(let text): JSONText.appendString(text, to: &out)
    case .integer(let number): ASCIIText.append(number, to: &out)
    case .usd(let usd):
      out.append(UInt8(ascii: "\""))
      usd.appendPlain(to: &out)
      out.append(UInt8(ascii: "\""))
    case .time(let time):
      out.append(UInt8(ascii: "\""))
      time.appendRFC3339(to: &out)
      out.append(UInt8(ascii: "\""))
    case .flag(let flag): ASCIIText.append(flag ? "true" : "false", to: &out)
    case .list(let values):
      out.append(UInt8(ascii: "["))
      for (index, element) in values.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        append(element, to: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let nested): nested.append(to: &out)
    }
  }
}

/// Minimal JSON string escaping, shared by everything that writes JSON by hand.
public enum JSONText {
  /// A control character, a quote or a backslash: bytes a JSON string cannot hold as they are.
  @inline(__always)
  static func needsEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }

  public static func appendString(_ text: String, to out: inout String) {
    out += "\""
    // Most text needs no escaping: append it whole.
    if !text.utf8.contains(where: needsEscape) {
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

  /// ``appendString(_:to:)`` into bytes: the common case, text needing no escapes, is one copy.
  public static func appendString(_ text: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
      guard !bytes.contains(where: needsEscape) else {
        return false
      }
      out.append(contentsOf: bytes)
      return true
    }
    if plain != true {
      var escaped = ""
      appendString(text, to: &escaped)
      // `escaped` carries its own quotes; the opening one is already written.
      ASCIIText.append(String(escaped.dropFirst()), to: &out)
      return
    }
    out.append(UInt8(ascii: "\""))
  }

  public static func quoted(_ text: String) -> String {
    var out = ""
    appendString(text, to: &out)
    return out
  }
}
