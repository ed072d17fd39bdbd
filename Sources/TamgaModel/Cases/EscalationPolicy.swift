/// How alerts become cases, how urgent they are, when they are due, and what needs a second
/// pair of eyes. Every value has a documented default; `tamga config show` prints them all.
public struct EscalationPolicy: Sendable, Equatable {
  /// Whether replays group alerts into cases at all. Default true.
  public var isEnabled = true
  /// An alert joins its customer's undecided case when it fired within this many hours of the
  /// case's latest alert; otherwise it opens a new case. Default 168 (a week): long enough to
  /// gather a typology that unfolds over days (a burst, then the pass-through, then the drain)
  /// into one investigation, short enough that a new episode months later is looked at afresh.
  public var groupingWindowHours = 168
  /// Business days from opening to the decision's due time, by the case's priority (named by
  /// the severity that gives it). Defaults: severe 1, high 2, medium 5, low 10.
  public var dueBusinessDays: [Severity: Int] = [.severe: 1, .high: 2, .medium: 5, .low: 10]
  /// Rules whose severe alerts are due at once, with a freeze recommendation: ids or prefixes
  /// (a prefix ends before a `.`). Default: sanctions screening hits, and direct exposure to
  /// sanctioned or terrorist-financing addresses. Funds of a listed person must be frozen
  /// without delay (FATF Recommendation 6), not in a business day.
  public var immediateRules: [String] = [
    "screening.sanctions", "exposure.direct.sanctions", "exposure.direct.terrorist_financing",
  ]
  /// Whether a customer rated high risk makes its case one priority more urgent. Default true:
  /// the same alert means more on a customer already under enhanced due diligence.
  public var highRiskRaisesPriority = true
  /// Days that are not business days besides Saturdays and Sundays (Almaty dates). Default
  /// none: the firm lists its own public holidays.
  public var holidays: Set<CivilDate> = []
  /// Closing a case holding an alert of this severity or higher needs a second user. Default
  /// high.
  public var fourEyesFrom: Severity = .high
  /// Clearing a hit of these rules (ids or prefixes) as a false positive needs a second user,
  /// whatever its severity. Default: sanctions and PEP screening, where a wrong clearance lets
  /// a listed person trade.
  public var fourEyesFalsePositiveRules: [String] = ["screening.sanctions", "screening.pep"]
  /// Years cases, alerts and their audit events are kept after a case is closed before
  /// `tamga retention purge` may remove them. Default 6, the longest record-keeping period a
  /// Kazakhstan-licensed firm is held to (FATF Recommendation 11 asks for at least five).
  public var retentionYears = 6

  public init() {}

  /// Whether `rule` is `pattern` or lies under it (`screening.sanctions` covers
  /// `screening.sanctions.name-match`).
  public static func rule(_ rule: String, matches pattern: String) -> Bool {
    rule == pattern || (rule.hasPrefix(pattern) && rule.utf8.dropFirst(pattern.utf8.count).first == UInt8(ascii: "."))
  }

  /// Whether a severe alert of `rule` is due at once, with a freeze recommendation.
  public func isImmediate(_ rule: RuleID, severity: Severity) -> Bool {
    severity == .severe && immediateRules.contains { Self.rule(rule.rawValue, matches: $0) }
  }

  /// The priority of a case holding alerts up to `severity` for a customer of `risk` rating.
  public func priority(highestSeverity severity: Severity, isImmediate: Bool, isHighRiskCustomer: Bool) -> CasePriority {
    if isImmediate { return CasePriority(rawValue: 1) }
    let base = CasePriority(severity: severity)
    return highRiskRaisesPriority && isHighRiskCustomer ? base.raised : base
  }

  /// When a case opened (or escalated) at `start` with `priority` is due: at the end of the
  /// priority's number of business days after that day, Almaty time; at once when immediate.
  public func due(from start: Timestamp, priority: CasePriority, isImmediate: Bool) -> Timestamp {
    if isImmediate { return start }
    var day = AlmatyCalendar.localDate(of: start).daysSinceEpoch
    var remaining = dueBusinessDays[priority.severity] ?? 5
    while remaining > 0 {
      day += 1
      if isBusinessDay(day) { remaining -= 1 }
    }
    // The end of that day is the next day's Almaty midnight.
    return AlmatyCalendar.localMidnight(CivilDate(daysSinceEpoch: day + 1))
  }

  /// Whether the Almaty date `day` (days since 1970-01-01) is a business day.
  public func isBusinessDay(_ day: Int64) -> Bool {
    // 1970-01-01 was a Thursday: with Monday as 0, it is weekday 3.
    let weekday = ((day + 3) % 7 + 7) % 7
    return weekday < 5 && !holidays.contains(CivilDate(daysSinceEpoch: day))
  }

  /// Whether deciding a case as `disposition`, holding alerts up to `severity` of `rules`,
  /// needs a second user.
  public func needsFourEyes(disposition: Disposition, highestSeverity severity: Severity, rules: [RuleID]) -> Bool {
    if disposition == .suspicious || severity >= fourEyesFrom { return true }
    guard disposition == .falsePositive else { return false }
    return rules.contains { rule in fourEyesFalsePositiveRules.contains { Self.rule(rule.rawValue, matches: $0) } }
  }
}
