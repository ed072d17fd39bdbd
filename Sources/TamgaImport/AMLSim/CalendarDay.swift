import TamgaModel

/// A date in the Gregorian calendar, with no time of day and no time zone: the day an AMLSim
/// step is placed on.
///
/// An AMLSim step is a whole day and Tamga's timestamps are UTC, so the import needs nothing more
/// than year, month and day with its own day arithmetic. Avoiding `Calendar` and the machine's
/// time-zone database means every machine maps a step to the same date, byte for byte.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// The year, 1 to 9999: RFC 3339 writes years with exactly four digits.
  public let year: Int
  /// The month, 1 (January) to 12.
  public let month: Int
  /// The day of the month, 1 to the month's length.
  public let day: Int

  /// The date `year`-`month`-`day`, or `nil` when no such date exists (30 February, month 13,
  /// a year outside 1…9999).
  ///
  /// Refusing impossible dates here, rather than rolling them over, keeps a typo in a start date
  /// from silently shifting every transfer of an import.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...CalendarDay.length(ofMonth: month, in: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// The date written as `YYYY-MM-DD` (as in `2026-03-01`), or `nil` for any other text or an
  /// impossible date.
  ///
  /// Only the one ISO 8601 form is accepted, so `3/1/2026` cannot be read as January 3rd on one
  /// desk and March 1st on another.
  public init?(_ text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for byte in bytes[range] {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        value = value * 10 + Int(byte - UInt8(ascii: "0"))
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
    self.init(year: year, month: month, day: day)
  }

  /// The date as `YYYY-MM-DD`.
  public var description: String {
    String(decoding: isoBytes, as: UTF8.self)
  }

  /// The date `days` later (earlier when negative), or `nil` when that leaves years 1…9999.
  ///
  /// Used to place AMLSim step *t* on start + (*t* − smallest step) days.
  public func adding(days: Int) -> CalendarDay? {
    let (sum, overflow) = daysSinceEpoch.addingReportingOverflow(days)
    guard !overflow, (CalendarDay.first.daysSinceEpoch...CalendarDay.last.daysSinceEpoch).contains(sum) else {
      return nil
    }
    return CalendarDay(daysSinceEpoch: sum)
  }

  /// Whether `left` comes before `right`.
  public static func < (left: CalendarDay, right: CalendarDay) -> Bool {
    (left.year, left.month, left.day) < (right.year, right.month, right.day)
  }

  // MARK: - Day arithmetic

  /// 0001-01-01 and 9999-12-31, the range RFC 3339 can write.
  static let first = CalendarDay(unchecked: 1, 1, 1)
  static let last = CalendarDay(unchecked: 9999, 12, 31)

  private init(unchecked year: Int, _ month: Int, _ day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Days since 1970-01-01 (negative before it): TamgaModel's `CivilDate` arithmetic (Howard
  /// Hinnant's `days_from_civil`), so the import and the pipeline count days the same way.
  var daysSinceEpoch: Int { Int(CivilDate(year: year, month: month, day: day).daysSinceEpoch) }

  /// The date `days` after 1970-01-01; callers keep `days` within years 1…9999.
  init(daysSinceEpoch days: Int) {
    let date = CivilDate(daysSinceEpoch: Int64(days))
    self.init(unchecked: date.year, date.month, date.day)
  }

  /// `YYYY-MM-DD` as ASCII bytes, the prefix of every timestamp written for this day.
  var isoBytes: [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(10)
    bytes.appendDigits(year, width: 4)
    bytes.append(UInt8(ascii: "-"))
    bytes.appendDigits(month, width: 2)
    bytes.append(UInt8(ascii: "-"))
    bytes.appendDigits(day, width: 2)
    return bytes
  }

  private static func length(ofMonth month: Int, in year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}
