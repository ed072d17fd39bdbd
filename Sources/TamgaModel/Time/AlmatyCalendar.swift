/// Calendar periods in Kazakhstan's time, for limits that run "per calendar month" or "per
/// calendar year" as AFSA writes them.
///
/// Asia/Almaty kept UTC+6 from 2005 until 1 March 2024, when all of Kazakhstan moved to UTC+5
/// (IANA tzdata 2024a: clocks went back at 00:00 local on 1 March, 2024-02-29T18:00:00Z). The
/// offset is a table, not Foundation's `TimeZone`, because it runs per transfer and must give
/// the same answer on every machine whatever its tz database. Instants before 2005 use +06:00;
/// Tamga does not model the daylight-saving years before that.
public enum AlmatyCalendar {
  /// 2024-02-29T18:00:00Z in milliseconds: the first instant of UTC+5.
  static let utcPlusFiveSince: Int64 = 1_709_229_600_000

  /// Seconds east of UTC at `instant`.
  @inline(__always)
  public static func offsetSeconds(at instant: Timestamp) -> Int64 {
    instant.millisecondsSinceEpoch >= utcPlusFiveSince ? 5 * 3600 : 6 * 3600
  }

  /// The number of the local calendar day of `instant` (days since 1970-01-01 in Almaty).
  /// - Complexity: O(1); allocates nothing.
  @inline(__always)
  public static func localDayNumber(of instant: Timestamp) -> Int64 {
    (instant.millisecondsSinceEpoch + offsetSeconds(at: instant) * 1000).floorDivided(by: 86_400_000)
  }

  /// The local civil date of `instant`.
  public static func localDate(of instant: Timestamp) -> CivilDate {
    instant.civil(offsetSeconds: offsetSeconds(at: instant)).date
  }

  /// The calendar month containing `instant`, as `year * 12 + month - 1`: consecutive months
  /// are consecutive integers.
  /// - Complexity: O(1); allocates nothing.
  @inline(__always)
  public static func monthKey(of instant: Timestamp) -> Int32 {
    let date = localDate(of: instant)
    return Int32(date.year * 12 + date.month - 1)
  }

  /// The month and year keys of `instant` from one calendar computation.
  /// - Complexity: O(1); allocates nothing.
  @inline(__always)
  public static func periodKeys(of instant: Timestamp) -> (month: Int32, year: Int32) {
    let date = localDate(of: instant)
    return (Int32(date.year * 12 + date.month - 1), Int32(date.year))
  }

  @inline(__always)
  public static func yearKey(of instant: Timestamp) -> Int32 {
    Int32(localDate(of: instant).year)
  }

  /// "2026-03" for a month key, "2026" for a year key.
  public static func label(monthKey: Int32) -> String {
    let year = Int(monthKey) / 12
    return String(year) + "-" + pad2(Int(monthKey) % 12 + 1)
  }

  /// The first instant of a local calendar month, and of the month after it.
  public static func bounds(monthKey: Int32) -> Range<Timestamp> {
    let year = Int(monthKey) / 12
    let month = Int(monthKey) % 12 + 1
    let next = month == 12 ? (year + 1, 1) : (year, month + 1)
    return localMidnight(CivilDate(year: year, month: month, day: 1))
      ..< localMidnight(CivilDate(year: next.0, month: next.1, day: 1))
  }

  public static func bounds(yearKey: Int32) -> Range<Timestamp> {
    localMidnight(CivilDate(year: Int(yearKey), month: 1, day: 1))
      ..< localMidnight(CivilDate(year: Int(yearKey) + 1, month: 1, day: 1))
  }

  /// The first instant of a local calendar day, and of the day after it: 24 hours, except
  /// 29 February 2024, which ran 25 because the clocks went back at its end.
  public static func bounds(day: CivilDate) -> Range<Timestamp> {
    localMidnight(day) ..< localMidnight(CivilDate(daysSinceEpoch: day.daysSinceEpoch + 1))
  }

  /// The instant when a local date begins in Almaty.
  public static func localMidnight(_ date: CivilDate) -> Timestamp {
    let naive = date.daysSinceEpoch * 86_400_000
    // Try the later offset first; it is right whenever the result lands in its era.
    let asPlusFive = Timestamp(millisecondsSinceEpoch: naive - 5 * 3_600_000)
    if asPlusFive.millisecondsSinceEpoch >= utcPlusFiveSince { return asPlusFive }
    return Timestamp(millisecondsSinceEpoch: naive - 6 * 3_600_000)
  }
}
