import TamgaModel

/// How a day's transfers spread over its seconds: busy in Almaty's working day and evening,
/// quiet at night.
enum DaytimeProfile {
  /// Relative activity by Almaty local hour, midnight first.
  static let weightByLocalHour = [3, 2, 1, 1, 1, 2, 4, 7, 10, 12, 13, 13, 13, 13, 13, 13, 13, 12, 12, 12, 11, 9, 7, 5]

  /// How many of `count` transfers fall in each second of the UTC day starting at `midnight`.
  ///
  /// Counting per second instead of drawing and sorting timestamps gives transfers in time order
  /// with one pass and 86,400 small counters.
  static func transfersPerSecond(
    count: Int, utcMidnight midnight: Timestamp, using random: inout SeededGenerator
  ) -> [Int32] {
    let offsetHours = Int(AlmatyCalendar.offsetSeconds(at: midnight) / 3600)
    let weightByUTCHour = (0..<24).map { weightByLocalHour[($0 + offsetHours) % 24] }
    var perSecond = [Int32](repeating: 0, count: 86_400)
    for _ in 0..<count {
      let hour = random.index(weightedBy: weightByUTCHour)
      perSecond[hour * 3600 + random.below(3600)] += 1
    }
    return perSecond
  }
}
