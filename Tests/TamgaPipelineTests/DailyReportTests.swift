import Foundation
import Testing
import TamgaModel
import TamgaStore
@testable import TamgaPipeline

@Suite struct DailyReportTests {
  let day = CivilDate(year: 2026, month: 3, day: 2)
  let generatedAt = Timestamp(millisecondsSinceEpoch: 1_772_480_000_000)

  var figures: DailyFigures {
    var figures = DailyFigures()
    figures.alertCount = 12
    figures.alertsByRule = [
      .init(rule: "typology.structuring", count: 7), .init(rule: "aifc.retail-cap.monthly", count: 3),
      .init(rule: "custom.<script>&\"x\"", count: 2),
    ]
    figures.alertsBySeverity = [.severe: 1, .high: 4, .medium: 7, .low: 0]
    figures.casesOpened = 5
    figures.casesClosed = 3
    figures.closedByDisposition = [.falsePositive: 2, .noFurtherAction: 0, .suspicious: 1]
    figures.closedWithApproval = 1
    figures.overdueByPriority = [
      CasePriority(rawValue: 1): 0, CasePriority(rawValue: 2): 2, CasePriority(rawValue: 3): 0,
      CasePriority(rawValue: 4): 1,
    ]
    figures.casesEscalatedOverdue = 2
    figures.capBreachesByRule = [.init(rule: "aifc.retail-cap.monthly", count: 3)]
    figures.capBreachesByExcess = [.under110: 1, .under150: 0, .under200: 1, .atLeast200: 1]
    return figures
  }

  @Test func theJSONHoldsTheFiguresInAFixedOrder() {
    let report = DailyReport(figures: figures, day: day, generatedAt: generatedAt)
    let json = report.json
    #expect(json.hasPrefix(#"{"kind":"daily-report","day":"2026-03-02","time_zone":"Asia/Almaty","#))
    #expect(json.contains(#""from":"2026-03-01T19:00:00Z","until":"2026-03-02T19:00:00Z""#))
    #expect(
      json.contains(
        #""alerts":{"total":12,"by_rule":[{"rule":"typology.structuring","alerts":7},{"rule":"aifc.retail-cap.monthly","alerts":3},"#
          + #"{"rule":"custom.<script>&\"x\"","alerts":2}],"by_severity":{"severe":1,"high":4,"medium":7,"low":0}}"#))
    #expect(
      json.contains(
        #""cases":{"opened":5,"closed":3,"closed_by_disposition":{"false_positive":2,"no_further_action":0,"suspicious":1},"#
          + #""closed_with_four_eyes":1}"#))
    #expect(json.contains(#""total":3,"by_priority":{"P1":0,"P2":2,"P3":0,"P4":1},"escalated_overdue_in_day":2}"#))
    #expect(json.contains(#""by_rule":[{"rule":"aifc.retail-cap.monthly","breaches":3}]"#))
    #expect(
      json.contains(
        #"{"band":"150-200%","from_percent":150,"below_percent":200,"breaches":1},"#
          + #"{"band":">=200%","from_percent":200,"breaches":1}],"unmeasured":0}"#))
    #expect(json.contains("breaches on this day"))
    let parsed = try? JSONSerialization.jsonObject(with: Data(json.utf8))
    #expect(parsed is [String: Any])
    #expect(DailyReport(figures: figures, day: day, generatedAt: generatedAt).json == json)
  }

  @Test func theHTMLDrawsEachChartAsInlineSVGAndEscapesEveryName() {
    let html = DailyReport(figures: figures, day: day, generatedAt: generatedAt).html
    #expect(html.components(separatedBy: "<svg ").count - 1 == 5)
    #expect(html.contains("custom.&lt;script&gt;&amp;&quot;x&quot;"))
    #expect(!html.contains("<script"))
    #expect(!html.contains("http"))
    // The same numbers in the charts' tables as in the JSON.
    #expect(html.contains("<tr><td>typology.structuring</td><td>7</td></tr>"))
    #expect(html.contains("<tr><td>P2</td><td>2</td></tr>"))
    #expect(html.contains("<tr><td>≥ 200 % of the limit</td><td>1</td></tr>"))
    #expect(html.contains("Counts the AIFC retail-cap breaches on this day"))
    // The largest bar takes the whole width; the others scale in whole pixels.
    #expect(html.contains("width=\"360\" height=\"18\" fill=\"#4a6fa5\""))
    #expect(html.contains("width=\"154\" height=\"18\" fill=\"#4a6fa5\""))
  }
}
