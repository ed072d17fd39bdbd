import Foundation
import GRDB
public import TamgaModel

/// One Almaty calendar day of monitoring in numbers: the alerts raised, the cases opened and
/// decided, the work left overdue, and the retail-cap breaches by how far they went over.
///
/// Counts only, each read with an aggregate query. The only amounts are the cap breaches'
/// totals and limits, compared in integer cents.
public struct DailyFigures: Sendable, Equatable {
  /// A rule and how many alerts it raised.
  public struct RuleCount: Hashable, Sendable {
    public var rule: RuleID
    public var count: Int

    public init(rule: RuleID, count: Int) {
      self.rule = rule
      self.count = count
    }
  }

  /// How far a retail-cap breach went over its limit: the total after the buy as a share of
  /// the limit. Each band holds its lower bound, so exactly 110 % is in ``under150``.
  public enum CapExcess: String, Sendable, CaseIterable {
    /// Over the limit by less than a tenth (the rule fires only above 100 %).
    case under110 = "100-110%"
    case under150 = "110-150%"
    case under200 = "150-200%"
    /// Twice the limit or more.
    case atLeast200 = ">=200%"

    /// The band of `totalAfter` against `limit`, in exact integer arithmetic. A limit of zero
    /// or less (a declared income of nothing) is exceeded without bound.
    public init(totalAfter: USD, limit: USD) {
      guard limit.cents > 0 else {
        self = .atLeast200
        return
      }
      // total / limit < p / 100  ⇔  total × 100 < limit × p; Int128 so neither side overflows.
      let total = Int128(totalAfter.cents) * 100
      let limit = Int128(limit.cents)
      if total < limit * 110 {
        self = .under110
      } else if total < limit * 150 {
        self = .under150
      } else if total < limit * 200 {
        self = .under200
      } else {
        self = .atLeast200
      }
    }

    /// The band's lower percentage, and its upper one (excluded); nil for the open band.
    public var percentRange: (lower: Int, upper: Int?) {
      switch self {
      case .under110: (100, 110)
      case .under150: (110, 150)
      case .under200: (150, 200)
      case .atLeast200: (200, nil)
      }
    }

    /// "100–110 %", "≥ 200 %": the band as a reader expects it.
    public var label: String {
      let range = percentRange
      guard let upper = range.upper else { return "≥ \(range.lower) %" }
      return "\(range.lower)–\(upper) %"
    }
  }

  /// The rule ids of the AIFC retail caps start with this (`aifc.retail-cap.monthly`, `.annual`).
  public static let capRulePrefix = "aifc.retail-cap."

  // MARK: - Alerts

  /// Alerts whose event time falls in the day.
  public var alertCount = 0
  /// The day's alerts by rule, most first, then by rule id.
  public var alertsByRule: [RuleCount] = []
  /// The day's alerts by severity; every severity is present, zero or not.
  public var alertsBySeverity = DailyFigures.zeros(Severity.allCases)

  // MARK: - Cases

  /// Cases opened in the day.
  public var casesOpened = 0
  /// Cases closed in the day (and closed still: a reopened case has no closing time).
  public var casesClosed = 0
  /// The closed cases by disposition; every disposition is present.
  public var closedByDisposition = DailyFigures.zeros(Disposition.allCases)
  /// The closed cases a second user approved (four-eyes).
  public var closedWithApproval = 0

  // MARK: - Overdue work

  /// Cases undecided (open or waiting for approval) and due before the day's end, by
  /// priority; P1 to P4 are all present.
  ///
  /// The cases as they stand when the figures are read: for a past day, a case decided since
  /// is not counted, and a case's priority and due time are its present ones.
  public var overdueByPriority = DailyFigures.zeros((1...4).map { CasePriority(rawValue: $0) })
  /// Cases escalated for being overdue in the day, each counted once however often.
  public var casesEscalatedOverdue = 0

  // MARK: - Retail-cap breaches

  /// The day's retail-cap alerts (breaches, not customers) by rule, in rule id order.
  public var capBreachesByRule: [RuleCount] = []
  /// The day's retail-cap breaches by how far over the limit the total went; every band is
  /// present.
  public var capBreachesByExcess = DailyFigures.zeros(CapExcess.allCases)
  /// Retail-cap breaches whose explanation lacks a decimal `total_after` or `limit`: counted
  /// by rule, in no band.
  public var capBreachesUnmeasured = 0

  public init() {}

  /// The undecided cases due before the day's end.
  public var overdueCount: Int { overdueByPriority.values.reduce(0, +) }
  /// The day's retail-cap breaches.
  public var capBreachCount: Int { capBreachesByRule.reduce(0) { $0 + $1.count } }

  static func zeros<Key: Hashable>(_ keys: [Key]) -> [Key: Int] {
    Dictionary(uniqueKeysWithValues: keys.map { ($0, 0) })
  }
}

extension CaseStore {
  /// The figures of one Almaty calendar day, from its local midnight to the next.
  ///
  /// Alerts count by event time (the transfer's, not the replay's), cases by when they were
  /// opened and closed, escalations by when they were recorded. Overdue work is read as the
  /// cases stand now (see ``DailyFigures/overdueByPriority``).
  public func dailyFigures(day: CivilDate) throws(StoreError) -> DailyFigures {
    let bounds = AlmatyCalendar.bounds(day: day)
    let from = bounds.lowerBound.millisecondsSinceEpoch
    let until = bounds.upperBound.millisecondsSinceEpoch
    let capPrefix = DailyFigures.capRulePrefix
    return try read { db in
      var figures = DailyFigures()

      // One pass over the day's slice of the time index gives both breakdowns.
      let alertRows = try Row.fetchAll(
        db,
        sql: """
          SELECT rule_id, severity, count(*) AS alerts FROM alert INDEXED BY alert_by_time
          WHERE event_at >= ? AND event_at < ? GROUP BY rule_id, severity
          """,
        arguments: [from, until])
      var byRule: [RuleID: Int] = [:]
      for row in alertRows {
        let count: Int = row["alerts"]
        figures.alertCount += count
        byRule[RuleID(row["rule_id"]), default: 0] += count
        // Tamga writes the four severities only; a row edited by hand counts in the total alone.
        if let severity = Severity(rawValue: row["severity"]) {
          figures.alertsBySeverity[severity, default: 0] += count
        }
      }
      figures.alertsByRule = byRule.map { DailyFigures.RuleCount(rule: $0.key, count: $0.value) }
        .sorted { $0.count != $1.count ? $0.count > $1.count : $0.rule < $1.rule }
      figures.capBreachesByRule = figures.alertsByRule.filter { $0.rule.rawValue.hasPrefix(capPrefix) }
        .sorted { $0.rule < $1.rule }

      // The amounts are decimal strings in the explanation; SQLite only picks them out (an
      // explanation that is not JSON gives NULL rather than failing the query), and Swift
      // reads them as cents. Grouped, as many breaches share a limit and a total.
      let capRows = try Row.fetchAll(
        db,
        sql: """
          WITH breach AS (
            SELECT CASE WHEN json_valid(explanation) THEN explanation END AS body
            FROM alert INDEXED BY alert_by_time
            WHERE event_at >= ? AND event_at < ? AND substr(rule_id, 1, ?) = ?)
          SELECT
            CASE json_type(body, '$.total_after') WHEN 'text' THEN json_extract(body, '$.total_after') END
              AS total_after,
            CASE json_type(body, '$.limit') WHEN 'text' THEN json_extract(body, '$.limit') END AS cap_limit,
            count(*) AS breaches
          FROM breach GROUP BY 1, 2
          """,
        arguments: [from, until, capPrefix.utf8.count, capPrefix])
      for row in capRows {
        let count: Int = row["breaches"]
        let totalAfter: String? = row["total_after"]
        let limit: String? = row["cap_limit"]
        guard let totalAfter = totalAfter.flatMap(USD.init(parsing:)), let limit = limit.flatMap(USD.init(parsing:))
        else {
          figures.capBreachesUnmeasured += count
          continue
        }
        figures.capBreachesByExcess[DailyFigures.CapExcess(totalAfter: totalAfter, limit: limit), default: 0] += count
      }

      figures.casesOpened =
        try Int.fetchOne(
          db, sql: "SELECT count(*) FROM case_file WHERE opened_at >= ? AND opened_at < ?", arguments: [from, until])
        ?? 0
      let closedRows = try Row.fetchAll(
        db,
        sql: """
          SELECT disposition, count(*) AS cases, count(approved_by) AS approved FROM case_file
          WHERE closed_at >= ? AND closed_at < ? GROUP BY disposition
          """,
        arguments: [from, until])
      for row in closedRows {
        let count: Int = row["cases"]
        figures.casesClosed += count
        figures.closedWithApproval += row["approved"] as Int
        let disposition: String? = row["disposition"]
        if let disposition = disposition.flatMap(Disposition.init(rawValue:)) {
          figures.closedByDisposition[disposition, default: 0] += count
        }
      }

      let overdueRows = try Row.fetchAll(
        db,
        sql: """
          SELECT priority, count(*) AS cases FROM case_file
          WHERE status IN ('open', 'pending_approval') AND due_at < ? GROUP BY priority
          """,
        arguments: [until])
      for row in overdueRows {
        figures.overdueByPriority[CasePriority(rawValue: row["priority"]), default: 0] += row["cases"] as Int
      }
      // The action the escalation sweep records (TamgaPipeline's `Escalation.sweep`).
      figures.casesEscalatedOverdue =
        try Int.fetchOne(
          db,
          sql: """
            SELECT count(DISTINCT case_id) FROM audit_event
            WHERE action = 'escalated-overdue' AND recorded_at >= ? AND recorded_at < ?
            """,
          arguments: [from, until]) ?? 0
      return figures
    }
  }
}
