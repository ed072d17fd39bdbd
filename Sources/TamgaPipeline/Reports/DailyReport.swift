public import TamgaModel
public import TamgaStore

/// The day's monitoring at a glance, for the MLRO and the board: alerts by rule and severity,
/// cases opened and closed, overdue work, and how far the day's retail-cap breaches went over,
/// as JSON and as one self-contained HTML page.
///
/// The page draws its charts as inline SVG, with no script and nothing fetched, so it can be
/// mailed or archived as it is; each chart is followed by a table of the same numbers, and
/// the JSON holds those numbers too.
public struct DailyReport: Sendable {
  public let figures: DailyFigures
  /// The Almaty calendar day the figures are of.
  public let day: CivilDate
  public let generatedAt: Timestamp

  public init(figures: DailyFigures, day: CivilDate, generatedAt: Timestamp) {
    self.figures = figures
    self.day = day
    self.generatedAt = generatedAt
  }

  /// From the day's local midnight to the next.
  public var bounds: Range<Timestamp> { AlmatyCalendar.bounds(day: day) }

  /// Most severe first, as a reader scans them.
  static let severities: [Severity] = [.severe, .high, .medium, .low]
  static let priorities = (1...4).map { CasePriority(rawValue: $0) }

  /// What the cap section counts, said in both the JSON and the page: a reader must not take
  /// it for how many customers are over their caps, or for how much of the caps is used.
  static let capNote =
    "Counts the AIFC retail-cap breaches on this day: each buy dated this day that left a customer's monthly "
    + "or annual purchases above the limit is one breach (one alert), banded by the total after the buy "
    + "divided by the limit. Not customers, and not breaches of other days."

  static let overdueNote =
    "Undecided cases (open or waiting for approval) due before the day's end, by priority, as the cases "
    + "stand when the report was generated."

  /// One line for the command line.
  public var summary: String {
    let alerts = figures.alertCount
    let breaches = figures.capBreachCount
    let opened = figures.casesOpened
    return "\(day): \(alerts) alert\(alerts == 1 ? "" : "s") (\(breaches) cap breach\(breaches == 1 ? "" : "es")), "
      + "\(opened) case\(opened == 1 ? "" : "s") opened, \(figures.casesClosed) closed, "
      + "\(figures.overdueCount) overdue at the day's end, \(figures.casesEscalatedOverdue) escalated as overdue"
  }

  // MARK: - JSON

  /// One count per key, in `order` (absent keys count 0), so every day's JSON has the same keys.
  private static func counts<Key: Hashable>(
    _ counts: [Key: Int], in order: [Key], named name: (Key) -> String
  ) -> Explanation {
    var out = Explanation()
    for key in order { out.append(name(key), .integer(Int64(counts[key] ?? 0))) }
    return out
  }

  /// The figures as JSON, keys in a fixed order, so the same store and day give the same bytes.
  public var json: String {
    var root = Explanation([
      "kind": .text("daily-report"), "day": .text(day.description), "time_zone": .text("Asia/Almaty"),
      "from": .time(bounds.lowerBound), "until": .time(bounds.upperBound), "generated_at": .time(generatedAt),
    ])
    root.append(
      "alerts",
      .object(
        Explanation([
          "total": .integer(Int64(figures.alertCount)),
          "by_rule": .list(figures.alertsByRule.map { Self.ruleCount($0, as: "alerts") }),
          "by_severity": .object(Self.counts(figures.alertsBySeverity, in: Self.severities, named: \.rawValue)),
        ])))
    root.append(
      "cases",
      .object(
        Explanation([
          "opened": .integer(Int64(figures.casesOpened)), "closed": .integer(Int64(figures.casesClosed)),
          "closed_by_disposition": .object(
            Self.counts(figures.closedByDisposition, in: Disposition.allCases, named: \.rawValue)),
          "closed_with_four_eyes": .integer(Int64(figures.closedWithApproval)),
        ])))
    root.append(
      "overdue",
      .object(
        Explanation([
          "note": .text(Self.overdueNote), "due_before": .time(bounds.upperBound),
          "total": .integer(Int64(figures.overdueCount)),
          "by_priority": .object(Self.counts(figures.overdueByPriority, in: Self.priorities, named: \.description)),
          "escalated_overdue_in_day": .integer(Int64(figures.casesEscalatedOverdue)),
        ])))
    root.append(
      "cap_breaches",
      .object(
        Explanation([
          "note": .text(Self.capNote), "total": .integer(Int64(figures.capBreachCount)),
          "by_rule": .list(figures.capBreachesByRule.map { Self.ruleCount($0, as: "breaches") }),
          "by_excess": .list(
            DailyFigures.CapExcess.allCases.map { band in
              var entry = Explanation([
                "band": .text(band.rawValue), "from_percent": .integer(Int64(band.percentRange.lower)),
              ])
              if let upper = band.percentRange.upper { entry.append("below_percent", .integer(Int64(upper))) }
              entry.append("breaches", .integer(Int64(figures.capBreachesByExcess[band] ?? 0)))
              return .object(entry)
            }),
          "unmeasured": .integer(Int64(figures.capBreachesUnmeasured)),
        ])))
    return root.json + "\n"
  }

  static func ruleCount(_ count: DailyFigures.RuleCount, as name: String) -> Explanation.Value {
    .object(Explanation(["rule": .text(count.rule.rawValue), name: .integer(Int64(count.count))]))
  }

  // MARK: - HTML

  /// One page, no script, nothing fetched: charts as inline SVG, each followed by its table.
  public var html: String {
    let hours = AlmatyCalendar.offsetSeconds(at: bounds.lowerBound) / 3600
    let offset = "UTC+" + (hours < 10 ? "0" : "") + "\(hours):00"
    var page = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>Daily monitoring report: \(day)</title>
      <style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;max-width:60em;color:#222}
      table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left}
      th{background:#f3f3f3}h2{margin-top:1.5em;border-bottom:1px solid #ddd}svg{display:block;margin:.5em 0}
      svg text{font:12px system-ui,sans-serif;fill:#222}.note{background:#fff6d6;padding:.5em 1em}</style></head><body>
      <h1>Daily monitoring report: \(day)</h1>
      <p>The Almaty calendar day \(day) (\(offset)), from \(bounds.lowerBound) to \(bounds.upperBound).
      Generated \(generatedAt).</p>

      """
    page += ReportDraft.table(
      [
        ["alerts", String(figures.alertCount)], ["retail-cap breaches", String(figures.capBreachCount)],
        ["cases opened", String(figures.casesOpened)], ["cases closed", String(figures.casesClosed)],
        ["overdue at the day's end", String(figures.overdueCount)],
        ["escalated as overdue", String(figures.casesEscalatedOverdue)],
      ], header: ["in the day", "count"])

    page += "<h2>Alerts by rule</h2>\n"
    if figures.alertsByRule.isEmpty {
      page += "<p>No alerts on this day.</p>\n"
    } else {
      page += Self.barChart(
        "Alerts by rule", figures.alertsByRule.map { Bar(label: $0.rule.rawValue, value: $0.count, colour: "#4a6fa5") })
      page += ReportDraft.table(
        figures.alertsByRule.map { [$0.rule.rawValue, String($0.count)] } + [["total", String(figures.alertCount)]],
        header: ["rule", "alerts"])
    }

    page += "<h2>Alerts by severity</h2>\n"
    let severityBars = Self.severities.map {
      Bar(
        label: $0.rawValue, value: figures.alertsBySeverity[$0] ?? 0,
        colour: Self.colour(of: CasePriority(severity: $0)))
    }
    page += Self.barChart("Alerts by severity", severityBars)
    page += ReportDraft.table(severityBars.map { [$0.label, String($0.value)] }, header: ["severity", "alerts"])

    page += "<h2>Cases opened and closed</h2>\n"
    let caseBars = [
      Bar(label: "opened", value: figures.casesOpened, colour: "#4a6fa5"),
      Bar(label: "closed", value: figures.casesClosed, colour: "#2b8a3e"),
    ]
    page += Self.barChart("Cases opened and closed", caseBars)
    page += ReportDraft.table(caseBars.map { [$0.label, String($0.value)] }, header: ["cases", "count"])
    page += "<p>The closed cases by disposition, and how many a second user approved (four-eyes):</p>\n"
    page += ReportDraft.table(
      Disposition.allCases.map { [$0.flag, String(figures.closedByDisposition[$0] ?? 0)] }
        + [["four-eyes (approved by a second user)", String(figures.closedWithApproval)]],
      header: ["closed as", "cases"])

    page += "<h2>Overdue work at the end of the day</h2>\n<p>\(ReportDraft.escape(Self.overdueNote))</p>\n"
    let overdueBars = Self.priorities.map {
      Bar(label: $0.description, value: figures.overdueByPriority[$0] ?? 0, colour: Self.colour(of: $0))
    }
    page += Self.barChart("Overdue cases by priority", overdueBars)
    page += ReportDraft.table(
      overdueBars.map { [$0.label, String($0.value)] } + [["total", String(figures.overdueCount)]],
      header: ["priority", "overdue cases"])
    page += "<p>Cases escalated for being overdue during the day: \(figures.casesEscalatedOverdue).</p>\n"

    page += "<h2>Retail-cap breaches on this day</h2>\n<p class=\"note\">\(ReportDraft.escape(Self.capNote))</p>\n"
    let capBars = DailyFigures.CapExcess.allCases.enumerated().map { index, band in
      Bar(label: band.label, value: figures.capBreachesByExcess[band] ?? 0, colour: Self.bandColours[index])
    }
    page += Self.barChart("Retail-cap breaches on this day by total after the buy as a share of the limit", capBars)
    page += ReportDraft.table(
      capBars.map { [$0.label + " of the limit", String($0.value)] }
        + [["unmeasured (no decimal total_after or limit)", String(figures.capBreachesUnmeasured)]],
      header: ["total after the buy", "breaches"])
    page += ReportDraft.table(
      figures.capBreachesByRule.map { [$0.rule.rawValue, String($0.count)] } + [
        ["total", String(figures.capBreachCount)]
      ],
      header: ["cap rule", "breaches"])
    return page + "</body></html>\n"
  }

  /// A bar of a chart.
  struct Bar {
    var label: String
    var value: Int
    var colour: String
  }

  /// Light to dark as the breach grows.
  static let bandColours = ["#f0a202", "#e8590c", "#c92a2a", "#7d0a0a"]

  static func colour(of priority: CasePriority) -> String {
    switch priority.rawValue {
    case 1: "#7d0a0a"
    case 2: "#d9480f"
    case 3: "#f0a202"
    default: "#6c8ebf"
    }
  }

  /// A horizontal bar chart as inline SVG: a label, a bar scaled to the largest value (in
  /// integer pixels), and the value itself.
  static func barChart(_ title: String, _ bars: [Bar]) -> String {
    let rowHeight = 24
    let barRoom = 360
    // About 7 px a character at 12 px; long rule ids get the room they need, up to a limit.
    let labelRoom = min(max((bars.map(\.label.count).max() ?? 0) * 7 + 16, 80), 340)
    let width = labelRoom + barRoom + 60
    let height = bars.count * rowHeight + 8
    let largest = max(bars.map(\.value).max() ?? 0, 1)
    let name = ReportDraft.escape(title)
    var svg =
      "<svg width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" "
      + "role=\"img\" aria-label=\"\(name)\"><title>\(name)</title>"
    for (index, bar) in bars.enumerated() {
      let top = 4 + index * rowHeight
      // A value that is not zero always shows, however small beside the largest.
      let length = bar.value == 0 ? 0 : max(1, bar.value * barRoom / largest)
      svg +=
        "<text x=\"\(labelRoom - 8)\" y=\"\(top + 16)\" text-anchor=\"end\">\(ReportDraft.escape(bar.label))</text>"
      svg += "<rect x=\"\(labelRoom)\" y=\"\(top + 3)\" width=\"\(length)\" height=\"\(rowHeight - 6)\" "
        + "fill=\"\(bar.colour)\"/>"
      svg += "<text x=\"\(labelRoom + length + 6)\" y=\"\(top + 16)\">\(bar.value)</text>"
    }
    return svg + "</svg>\n"
  }
}
