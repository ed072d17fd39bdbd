/// An instant in UTC, as milliseconds since 1970-01-01T00:00:00Z.
///
/// Rules never read the wall clock: every time in Tamga is an event's own timestamp.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var millisecondsSinceEpoch: Int64

  public init(millisecondsSinceEpoch: Int64) { self.millisecondsSinceEpoch = millisecondsSinceEpoch }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
  }

  /// The civil date and time in UTC shifted by `offsetSeconds`.
  public func civil(offsetSeconds: Int64 = 0) -> CivilDateTime {
    let shifted = millisecondsSinceEpoch + offsetSeconds * 1000
    let days = shifted.floorDivided(by: 86_400_000)
    let msOfDay = shifted - days * 86_400_000
    let date = CivilDate(daysSinceEpoch: days)
    let seconds = msOfDay / 1000
    return CivilDateTime(
      date: date, hour: Int(seconds / 3600), minute: Int(seconds / 60 % 60), second: Int(seconds % 60),
      millisecond: Int(msOfDay % 1000))
  }

  /// RFC 3339 in UTC: `2026-03-01T09:15:00Z`, with `.mmm` only when there are milliseconds.
  public var description: String {
    var text: [UInt8] = []
    text.reserveCapacity(24)
    appendRFC3339(to: &text)
    return String(decoding: text, as: UTF8.self)
  }

  /// Appends ``description``'s text.
  public func appendRFC3339(to out: inout [UInt8]) {
    let c = civil()
    c.date.appendISO(to: &out)
    out.append(UInt8(ascii: "T"))
    ASCIIText.append(c.hour, width: 2, to: &out)
    out.append(UInt8(ascii: ":"))
    ASCIIText.append(c.minute, width: 2, to: &out)
    out.append(UInt8(ascii: ":"))
    ASCIIText.append(c.second, width: 2, to: &out)
    if c.millisecond != 0 {
      out.append(UInt8(ascii: "."))
      ASCIIText.append(c.millisecond, width: 3, to: &out)
    }
    out.append(UInt8(ascii: "Z"))
  }

  /// Reads an RFC 3339 date-time (`2026-03-01T09:15:00Z`, `2026-03-01T14:15:00+05:00`,
  /// fractions of a second, `t`/`z` or a space as RFC 3339 allows).
  ///
  /// Fractions beyond milliseconds are truncated. A leap second (`:60`) is rejected.
  /// - Complexity: O(*n*); allocates nothing.
  public init?(rfc3339 text: Span<UInt8>) {
    var cache = DayCache()
    self.init(rfc3339: text, cache: &cache)
  }

  /// Reads an RFC 3339 date-time, reusing the day computed for the previous call when the date
  /// is the same: a day's file repeats one date a million times.
  @inline(__always)
  public init?(rfc3339 text: Span<UInt8>, cache: inout DayCache) {
    guard let value = text.withUnsafeBufferPointer({ Self.parse($0, cache: &cache) }) else { return nil }
    millisecondsSinceEpoch = value
  }

  @inline(__always)
  static func parse(_ text: UnsafeBufferPointer<UInt8>, cache: inout DayCache) -> Int64? {
    let count = text.count
    guard count >= 20, let base = text.baseAddress else { return nil }
    @inline(__always) func digits(_ start: Int, _ length: Int) -> Int? {
      var value = 0
      for i in start..<(start + length) {
        let d = base[i] &- UInt8(ascii: "0")
        guard d < 10 else { return nil }
        value = value &* 10 &+ Int(d)
      }
      return value
    }
    let raw = UnsafeRawPointer(base)
    let dateHead = raw.loadUnaligned(as: UInt64.self)
    let dateTail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
    let days: Int64
    if cache.isValid && cache.head == dateHead && cache.tail == dateTail {
      days = cache.days
    } else {
      guard let year = digits(0, 4), base[4] == UInt8(ascii: "-"), let month = digits(5, 2),
        base[7] == UInt8(ascii: "-"), let day = digits(8, 2),
        (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year)
      else { return nil }
      days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
      cache = DayCache(head: dateHead, tail: dateTail, days: days, isValid: true)
    }
    guard base[10] == UInt8(ascii: "T") || base[10] == UInt8(ascii: "t") || base[10] == UInt8(ascii: " "),
      let hour = digits(11, 2), base[13] == UInt8(ascii: ":"),
      let minute = digits(14, 2), base[16] == UInt8(ascii: ":"),
      let second = digits(17, 2), hour < 24, minute < 60, second < 60
    else { return nil }
    var index = 19
    var millis = 0
    if base[index] == UInt8(ascii: ".") {
      index += 1
      var fractionDigits = 0
      while index < count, base[index] &- UInt8(ascii: "0") < 10 {
        if fractionDigits < 3 { millis = millis * 10 + Int(base[index] &- UInt8(ascii: "0")) }
        fractionDigits += 1
        index += 1
      }
      guard fractionDigits > 0 else { return nil }
      for _ in min(fractionDigits, 3)..<3 { millis *= 10 }
    }
    guard index < count else { return nil }
    var offsetSeconds = 0
    let zone = base[index]
    if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
      index += 1
    } else if zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") {
      guard index + 6 == count, let oh = digits(index + 1, 2), base[index + 3] == UInt8(ascii: ":"),
        let om = digits(index + 4, 2), oh < 24, om < 60
      else { return nil }
      offsetSeconds = (oh * 3600 + om * 60) * (zone == UInt8(ascii: "-") ? -1 : 1)
      index += 6
    } else {
      return nil
    }
    guard index == count else { return nil }
    let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
    return seconds * 1000 + Int64(millis)
  }

  public init?(rfc3339 text: String) {
    var text = text
    guard let value = text.withUTF8({ Timestamp(rfc3339: $0.span) }) else { return nil }
    self = value
  }
}

/// The last date seen by a parser and its day number (see ``Timestamp/init(rfc3339:cache:)``).
public struct DayCache: Sendable {
  var head: UInt64 = 0
  var tail: UInt16 = 0
  var days: Int64 = 0
  var isValid = false

  public init() {}

  init(head: UInt64, tail: UInt16, days: Int64, isValid: Bool) {
    self.head = head
    self.tail = tail
    self.days = days
    self.isValid = isValid
  }
}

@inline(__always) func pad2(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }

extension Int64 {
  /// Division rounding toward negative infinity, as calendars need for instants before 1970.
  @inline(__always) public func floorDivided(by divisor: Int64) -> Int64 {
    let q = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
  }
}

/// A proleptic Gregorian calendar date.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  /// Howard Hinnant's days-from-civil: exact for every Gregorian date, no tables.
  public var daysSinceEpoch: Int64 {
    let y = Int64(month <= 2 ? year - 1 : year)
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let m = Int64(month)
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  public init(daysSinceEpoch days: Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.init(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
  }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Reads `YYYY-MM-DD`.
  public init?(iso text: Span<UInt8>) {
    guard text.count == 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-") else { return nil }
    var parts = [0, 0, 0]
    for (part, range) in [(0, 0..<4), (1, 5..<7), (2, 8..<10)] {
      for i in range {
        let d = text[i] &- UInt8(ascii: "0")
        guard d < 10 else { return nil }
        parts[part] = parts[part] * 10 + Int(d)
      }
    }
    guard (1...12).contains(parts[1]), parts[2] >= 1, parts[2] <= CivilDate.daysIn(month: parts[1], year: parts[0])
    else { return nil }
    self.init(year: parts[0], month: parts[1], day: parts[2])
  }

  public init?(iso text: String) {
    var text = text
    guard let value = text.withUTF8({ CivilDate(iso: $0.span) }) else { return nil }
    self = value
  }

  public var description: String {
    var text: [UInt8] = []
    text.reserveCapacity(10)
    appendISO(to: &text)
    return String(decoding: text, as: UTF8.self)
  }

  /// Appends ``description``'s text: `YYYY-MM-DD`.
  public func appendISO(to out: inout [UInt8]) {
    ASCIIText.append(year, width: 4, to: &out)
    out.append(UInt8(ascii: "-"))
    ASCIIText.append(month, width: 2, to: &out)
    out.append(UInt8(ascii: "-"))
    ASCIIText.append(day, width: 2, to: &out)
  }
}

public struct CivilDateTime: Hashable, Sendable {
  public var date: CivilDate
  public var hour: Int
  public var minute: Int
  public var second: Int
  public var millisecond: Int
}
