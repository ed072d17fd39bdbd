import ArgumentParser
import Foundation
import TamgaModel
import TamgaPipeline
import TamgaStore

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "The day's monitoring report: alerts, cases, overdue work and retail-cap breaches, as HTML and JSON.",
    discussion: """
      The day is an Almaty calendar day, from its local midnight to the next. Alerts count by
      their event time; overdue work is the undecided cases due before the day's end as they
      stand now. The HTML page is self-contained (inline SVG charts, no script), each chart
      followed by a table of the same numbers the JSON holds.
      """)

  @OptionGroup var options: StoreOptions
  @Option(help: "The Almaty calendar day (YYYY-MM-DD).") var day: String
  @Option(help: "Write the HTML page here.") var html: String?
  @Option(help: "Write the JSON here.") var json: String?

  func run() throws {
    try reporting {
      guard let date = CivilDate(iso: day) else {
        throw Failure(.usage, "--day must be a date (YYYY-MM-DD), not \(day)")
      }
      guard html != nil || json != nil else { throw Failure(.usage, "give --html FILE, --json FILE or both") }
      let store = try options.openForReading()
      let report = DailyReport(figures: try store.dailyFigures(day: date), day: date, generatedAt: store.clock())
      for (path, text) in [(json, report.json), (html, report.html)] {
        guard let path else { continue }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
          throw Failure(.general, "\(path): cannot write the report")
        }
        print("wrote \(path)")
      }
      print(report.summary)
    }
  }
}
