import Foundation
import Testing
import TamgaTestSupport

@Suite struct DailyReportCommandTests {
  @Test func refusesABadDayWith64AndWritesBothFilesForAnEmptyStore() throws {
    let folder = try TemporaryDirectory()
    let bad = try tamga(["report", "--day", "2026-13-01", "--html", "x"], in: folder.path)
    #expect(bad.status == 64)
    #expect(bad.error == "tamga: error: --day must be a date (YYYY-MM-DD), not 2026-13-01\n")
    #expect(!FileManager.default.fileExists(atPath: folder.file("x")))

    let store = folder.file("s.db")
    #expect(try tamga(["init", "--store", store], in: folder.path).status == 0)
    #expect(try tamga(["report", "--store", store, "--day", "2026-03-02"], in: folder.path).status == 64)
    let run = try tamga(
      [
        "report", "--store", store, "--day", "2026-03-02", "--html", folder.file("day.html"), "--json",
        folder.file("day.json"),
      ],
      in: folder.path, environment: ["TAMGA_CLOCK": "2026-03-02T20:00:00Z"])
    #expect(run.status == 0)
    #expect(
      run.output == """
        wrote \(folder.file("day.json"))
        wrote \(folder.file("day.html"))
        2026-03-02: 0 alerts (0 cap breaches), 0 cases opened, 0 closed, 0 overdue at the day's end, 0 escalated as overdue

        """)
    let json = try String(contentsOfFile: folder.file("day.json"), encoding: .utf8)
    #expect(json.contains(#""generated_at":"2026-03-02T20:00:00Z","alerts":{"total":0,"by_rule":[]"#))
    let html = try String(contentsOfFile: folder.file("day.html"), encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<svg "))
  }
}
