import TamgaModel

/// Splits one NDJSON line (a flat JSON object) into the schema's slots, in place.
///
/// Values may be strings, numbers, `true`/`false`, `null` (an empty field) or arrays of strings
/// (aliases, wallets); a nested object is kept raw under a schema key that holds one, is a
/// rejection under any other schema key, and is skipped under any other key. Strings stay escaped until a decoder asks for their text.
struct JSONObjectScanner {
  let p: UnsafePointer<UInt8>
  var i: Int
  let end: Int
  var highBits: UInt8 = 0

  init(p: UnsafePointer<UInt8>, i: Int, end: Int) {
    self.p = p
    self.i = i
    self.end = end
  }

  private func fail(_ what: String) -> RecordReader.FieldsOutcome {
    .failed(column: nil, .malformedJSON, "\(what) at byte \(i + 1) of the line")
  }

  @inline(__always)
  private mutating func skipSpace() {
    while i < end && (p[i] == 32 || p[i] == 9 || p[i] == 13) { i += 1 }
  }

  /// Scans a string starting after its opening quote; leaves `i` after the closing quote.
  @inline(__always)
  private mutating func string() -> (start: Int, count: Int, escaped: Bool)? {
    let start = i
    var escaped = false
    while i < end {
      let byte = p[i]
      if byte == UInt8(ascii: "\"") {
        i += 1
        return (start, i - 1 - start, escaped)
      }
      if byte == UInt8(ascii: "\\") {
        escaped = true
        i += 2
        continue
      }
      if byte < 0x20 { return nil }  // raw control characters are not allowed in JSON strings
      highBits |= byte
      i += 1
    }
    return nil
  }

  /// Skips an array or object starting at its opening bracket; `nil` if it never closes.
  private mutating func skipNested() -> Bool {
    var depth = 0
    while i < end {
      let byte = p[i]
      if byte == UInt8(ascii: "\"") {
        i += 1
        guard string() != nil else { return false }
        continue
      }
      if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { depth += 1 }
      if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
        depth -= 1
        if depth == 0 {
          i += 1
          return true
        }
      }
      i += 1
    }
    return false
  }

  private mutating func literal(_ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard i + count <= end else { return false }
    for j in 0..<count where p[i + j] != word.utf8Start[j] { return false }
    i += count
    return true
  }

  mutating func scan(schema: Schema, into slots: UnsafeMutablePointer<FieldSlot>) -> RecordReader.FieldsOutcome {
    skipSpace()
    guard i < end, p[i] == UInt8(ascii: "{") else { return fail("expected a JSON object") }
    i += 1
    skipSpace()
    if i < end && p[i] == UInt8(ascii: "}") {
      i += 1
      return trailing()
    }
    while true {
      skipSpace()
      guard i < end, p[i] == UInt8(ascii: "\"") else { return fail("expected a key") }
      i += 1
      guard let key = string() else { return fail("unterminated key") }
      skipSpace()
      guard i < end, p[i] == UInt8(ascii: ":") else { return fail("expected ':'") }
      i += 1
      skipSpace()
      guard i < end else { return fail("missing value") }
      let column = key.escaped ? nil : schema.column(named: UnsafeBufferPointer(start: p + key.start, count: key.count))
      let byte = p[i]
      var slot = FieldSlot.empty
      switch byte {
      case UInt8(ascii: "\""):
        i += 1
        guard let value = string() else { return fail("unterminated string") }
        slot = FieldSlot(
          start: p + value.start, count: value.count,
          flags: FieldSlot.present | (value.escaped ? FieldSlot.jsonEscapes : 0))
      case UInt8(ascii: "["):
        let start = i
        guard skipNested() else { return fail("unterminated array") }
        slot = FieldSlot(start: p + start, count: i - start, flags: FieldSlot.present | FieldSlot.jsonArray)
        for j in start..<i { highBits |= p[j] }
      case UInt8(ascii: "{"):
        let start = i
        guard skipNested() else { return fail("unterminated object") }
        if let column {
          guard schema.columns[column].holdsObject else {
            return .failed(column: column, .badValue, "\(schema.columns[column].name) is an object, not a value")
          }
          slot = FieldSlot(start: p + start, count: i - start, flags: FieldSlot.present | FieldSlot.jsonObject)
        }
      case UInt8(ascii: "t"), UInt8(ascii: "f"):
        let start = i
        guard literal(byte == UInt8(ascii: "t") ? "true" : "false") else { return fail("unknown literal") }
        slot = FieldSlot(start: p + start, count: i - start, flags: FieldSlot.present)
      case UInt8(ascii: "n"):
        guard literal("null") else { return fail("unknown literal") }
        slot = FieldSlot(start: p + i, count: 0, flags: FieldSlot.present)
      default:
        let start = i
        while i < end {
          let c = p[i]
          guard c &- UInt8(ascii: "0") < 10 || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
            || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E")
          else { break }
          i += 1
        }
        guard i > start else { return fail("unexpected character") }
        slot = FieldSlot(start: p + start, count: i - start, flags: FieldSlot.present)
      }
      if let column { slots[column] = slot }
      skipSpace()
      guard i < end else { return fail("the object is not closed") }
      if p[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      guard p[i] == UInt8(ascii: "}") else { return fail("expected ',' or '}'") }
      i += 1
      return trailing()
    }
  }

  private mutating func trailing() -> RecordReader.FieldsOutcome {
    skipSpace()
    return i == end ? .ok : fail("text after the object")
  }
}
