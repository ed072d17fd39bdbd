public import TamgaModel

/// Where one field of the current record lies in the reader's buffer.
struct FieldSlot {
  var start: UnsafePointer<UInt8>?
  var count: Int
  var flags: UInt8

  static let present: UInt8 = 1
  /// CSV: quoted with doubled quotes inside, to be undone when the text is made.
  static let doubledQuotes: UInt8 = 2
  /// NDJSON: a string with backslash escapes.
  static let jsonEscapes: UInt8 = 4
  /// NDJSON: an array of strings, kept raw.
  static let jsonArray: UInt8 = 8
  /// NDJSON: an object under a column that holds one, kept raw.
  static let jsonObject: UInt8 = 16

  static var empty: FieldSlot { FieldSlot(start: nil, count: 0, flags: 0) }
}

/// The current record of a file, valid only inside the reader's callback.
///
/// Fields are byte ranges in the reader's buffer, indexed by the schema's columns; nothing is
/// copied unless a decoder asks for ``text(_:)``.
public struct Record: ~Copyable {
  let slots: UnsafeMutablePointer<FieldSlot>
  let columnCount: Int
  /// The record's bytes as read, without its line ending.
  public let raw: UnsafeBufferPointer<UInt8>
  /// 1-based physical line where the record starts.
  public let line: Int
  /// Unowned so that making a record per row retains nothing: a record never outlives the
  /// reader's callback.
  unowned(unsafe) let reader: RecordReader

  /// The file, as the user named it.
  public var file: String { reader.source.path }
  var schema: Schema { reader.schema }

  /// The field's bytes (quotes removed, escapes still in place), empty when absent.
  /// - Complexity: O(1); allocates nothing.
  @inline(__always)
  public func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8> {
    let slot = slots[column]
    return UnsafeBufferPointer(start: slot.start, count: slot.count)
  }

  /// Whether the file had this column (CSV) or this key (NDJSON) for the record.
  public func isPresent(_ column: Int) -> Bool { slots[column].flags & FieldSlot.present != 0 }

  public func isEmpty(_ column: Int) -> Bool { slots[column].count == 0 }

  /// Whether the field is a JSON object (only under a column that ``Schema/Column/holdsObject``);
  /// its ``bytes(_:)`` are then the object's JSON text, braces included.
  public func isObject(_ column: Int) -> Bool { slots[column].flags & FieldSlot.jsonObject != 0 }

  /// Whether the field needs unescaping before its bytes mean what they say.
  @inline(__always)
  public func isEscaped(_ column: Int) -> Bool {
    slots[column].flags & (FieldSlot.doubledQuotes | FieldSlot.jsonEscapes | FieldSlot.jsonArray) != 0
  }

  /// The field as text, with CSV quotes or JSON escapes undone. Allocates: for fields a
  /// decoder keeps, not for the hot path. Invalid UTF-8 has been rejected before this point.
  public func text(_ column: Int) -> String {
    let slot = slots[column]
    let bytes = UnsafeBufferPointer(start: slot.start, count: slot.count)
    if slot.flags & FieldSlot.doubledQuotes != 0 {
      var out = [UInt8]()
      out.reserveCapacity(bytes.count)
      var i = 0
      while i < bytes.count {
        out.append(bytes[i])
        i += bytes[i] == UInt8(ascii: "\"") ? 2 : 1
      }
      return String(decoding: out, as: UTF8.self)
    }
    if slot.flags & FieldSlot.jsonArray != 0 {
      return JSONStrings.arrayElements(bytes).joined(separator: ";")
    }
    if slot.flags & FieldSlot.jsonEscapes != 0 {
      return JSONStrings.unescape(bytes)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The schema name of a column, for messages.
  public func name(_ column: Int) -> String { schema.columns[column].name }

  /// A rejection of this record, with its position and raw bytes.
  public func rejection(column: Int?, _ code: Rejection.Code, _ message: String) -> Rejection {
    Rejection(
      file: file, line: line, column: column.map { schema.columns[$0].name },
      reason: Rejection.Reason(code, message), raw: Array(raw.prefix(Rejection.rawLimit)))
  }
}

/// JSON string helpers for NDJSON fields.
enum JSONStrings {
  /// Undoes backslash escapes, including `\uXXXX` surrogate pairs; a malformed escape becomes
  /// U+FFFD rather than failing, because the record was already checked when it was framed.
  static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    var scalars = String.UnicodeScalarView()
    var utf8 = [UInt8]()
    func flush() {
      if !utf8.isEmpty {
        scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
        utf8.removeAll(keepingCapacity: true)
      }
    }
    var i = 0
    func hex4(_ at: Int) -> UInt32? {
      guard at + 4 <= bytes.count else { return nil }
      var value: UInt32 = 0
      for j in at..<(at + 4) {
        let b = bytes[j]
        let digit: UInt8
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
        default: return nil
        }
        value = value << 4 | UInt32(digit)
      }
      return value
    }
    while i < bytes.count {
      let b = bytes[i]
      guard b == UInt8(ascii: "\\"), i + 1 < bytes.count else {
        utf8.append(b)
        i += 1
        continue
      }
      let e = bytes[i + 1]
      i += 2
      switch e {
      case UInt8(ascii: "n"): utf8.append(10)
      case UInt8(ascii: "t"): utf8.append(9)
      case UInt8(ascii: "r"): utf8.append(13)
      case UInt8(ascii: "b"): utf8.append(8)
      case UInt8(ascii: "f"): utf8.append(12)
      case UInt8(ascii: "u"):
        flush()
        guard var code = hex4(i) else {
          scalars.append("\u{FFFD}")
          continue
        }
        i += 4
        if (0xD800..<0xDC00).contains(code), i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"),
          bytes[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2), (0xDC00..<0xE000).contains(low)
        {
          code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          i += 6
        }
        scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
      default: utf8.append(e)  // \" \\ \/
      }
    }
    flush()
    return String(scalars)
  }

  /// The string elements of a JSON array of strings (other elements are skipped).
  static func arrayElements(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
    var elements: [String] = []
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "\"") {
        let start = i + 1
        var j = start
        var escaped = false
        while j < bytes.count && bytes[j] != UInt8(ascii: "\"") {
          if bytes[j] == UInt8(ascii: "\\") {
            escaped = true
            j += 1
          }
          j += 1
        }
        let element = UnsafeBufferPointer(rebasing: bytes[start..<min(j, bytes.count)])
        elements.append(escaped ? unescape(element) : String(decoding: element, as: UTF8.self))
        i = j + 1
      } else {
        i += 1
      }
    }
    return elements
  }
}
