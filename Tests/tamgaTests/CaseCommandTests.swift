import Foundation
import GRDB
import Testing
import TamgaTestSupport

/// The case commands end to end on the sanctioned-customer scenario: two name hits become two
/// cases, worked by two analysts and the MLRO. Output is pinned by the files in `Golden/`
/// (TAMGA_UPDATE_GOLDEN=1 rewrites them after a deliberate change).
@Suite struct CaseCommandTests {
  static let root: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url
  }()
  static let scenario = root.appendingPathComponent("Scenarios/08-sanctioned-customer").path
  static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  /// A store holding the scenario's two cases, with the clock pinned at Monday 2 March 2026,
  /// 09:00 in Almaty, and a configuration naming the users.
  struct Desk {
    let folder: TemporaryDirectory
    var environment: [String: String]

    init(users: Bool = true) throws {
      folder = try TemporaryDirectory()
      _ = try folder.write(
        "tamga.yaml", users ? "version: 1\nusers:\n  alice: analyst\n  bob: analyst\n  mia: mlro\n" : "version: 1\n")
      environment = ["TAMGA_CLOCK": "2026-03-02T04:00:00Z"]
      try run(["lists", "load", "tamga", "\(CaseCommandTests.scenario)/afm.list.csv", "--name", "kz-afm", "--at", "2026-03-01T00:00:00Z"])
      try run(["replay", "--customers", "\(CaseCommandTests.scenario)/customers.csv"])
    }

    /// Runs `tamga` in the folder as `user`, expecting `status`; returns standard output.
    @discardableResult
    func run(_ arguments: [String], as user: String? = nil, status: Int32 = 0) throws -> String {
      var environment = environment
      if let user { environment["TAMGA_USER"] = user }
      let result = try tamga(arguments + ["--store", folder.file("tamga.db")], in: folder.path, environment: environment)
      #expect(result.status == status, "tamga \(arguments.joined(separator: " ")): \(result.error)")
      return status == 0 ? result.output : result.error
    }
  }

  static func expectGolden(_ name: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = golden.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["TAMGA_UPDATE_GOLDEN"] == "1" {
      try text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(text == expected, "differs from Golden/\(name)", sourceLocation: sourceLocation)
  }

  @Test func theQueueAndACaseReadAsPinned() throws {
    let desk = try Desk()
    try Self.expectGolden("queue.txt", try desk.run(["queue"]))
    try Self.expectGolden("queue.csv", try desk.run(["queue", "--format", "csv"]))
    try Self.expectGolden("case-1.txt", try desk.run(["case", "show", "1"]))
    try Self.expectGolden("case-1.json", try desk.run(["case", "show", "1", "--format", "json"]))
  }

  @Test func aCaseWorkedThroughFourEyesAndTheMLROsDecision() throws {
    let desk = try Desk()
    var transcript = ""
    func step(_ arguments: [String], as user: String, status: Int32 = 0) throws {
      let shown = arguments.map { $0.contains(" ") ? "'\($0)'" : $0 }
      transcript += "$ TAMGA_USER=\(user) tamga \(shown.joined(separator: " "))\n"
      transcript += try desk.run(arguments, as: user, status: status)
    }
    try step(["case", "claim", "1"], as: "alice")
    try step(["case", "claim", "1"], as: "bob", status: 77)
    try step(["case", "close", "1", "--disposition", "false-positive"], as: "alice", status: 64)
    try step(["case", "close", "1", "--disposition", "false-positive", "--reason", "born 1980, but another town and father"], as: "alice")
    try step(["case", "approve", "1"], as: "alice", status: 77)
    try step(["case", "approve", "1", "--reason", "passport copy checked"], as: "bob")
    try step(["case", "reopen", "1", "--reason", "new list entry"], as: "bob", status: 77)
    try step(["case", "claim", "2"], as: "bob")
    try step(["case", "note", "2", "the company's director is on the list too"], as: "bob")
    try step(["case", "close", "2", "--disposition", "suspicious", "--reason", "listed entity under its Kazakh name", "--report", "file"], as: "bob", status: 77)
    try step(["case", "close", "2", "--disposition", "suspicious", "--reason", "listed entity under its Kazakh name"], as: "bob")
    try step(["case", "approve", "2", "--report", "file", "--reason", "a TF-listed entity: report and freeze"], as: "mia")
    try step(["queue", "--status", "all"], as: "mia")
    try step(["audit", "verify"], as: "mia")
    try Self.expectGolden("workflow.txt", transcript)

    let drafts = desk.folder.file("drafts")
    try desk.run(["case", "report", "2", "--out", drafts])
    let json = try String(contentsOfFile: drafts + "/str-case-2.json", encoding: .utf8)
    try Self.expectGolden("str-case-2.json", json)
    let html = try String(contentsOfFile: drafts + "/str-case-2.html", encoding: .utf8)
    #expect(html.contains("ТОО «Степь Логистикс»") && html.contains("a TF-listed entity: report and freeze"))
    #expect(try desk.run(["case", "report", "1", "--out", drafts], status: 64).contains("not closed as suspicious"))
  }

  @Test func refusalsHaveTheirOwnExitCodes() throws {
    let desk = try Desk()
    #expect(try desk.run(["case", "claim", "1"], status: 77).contains("give --as USER or set TAMGA_USER"))
    #expect(try desk.run(["case", "claim", "1", "--as", "mallory"], status: 77).contains("mallory is not a configured user"))
    #expect(try desk.run(["case", "claim", "9", "--as", "alice"], status: 1).contains("there is no case 9"))
    #expect(try desk.run(["case", "show", "9"], status: 1).contains("there is no case 9"))
    try desk.run(["case", "note", "1", "first look"], as: "bob")
    let conflict = try desk.run(["case", "claim", "1", "--if-version", "1"], as: "alice", status: 4)
    #expect(conflict.contains("case 1 changed since you read it (version 1, now 2: noted by bob"))
    #expect(try desk.run(["queue", "--priority", "P9"], status: 64).contains("--priority must be"))
    #expect(try desk.run(["queue", "--mine"], status: 64).contains("--mine needs the acting user"))
    #expect(try desk.run(["queue", "--mine"], as: "alice").contains("0 cases"))

    let unconfigured = try Desk(users: false)
    #expect(try unconfigured.run(["case", "claim", "1", "--as", "alice"], status: 77).contains("no users are configured"))
  }

  /// Two `tamga case claim` processes started together: one case, one owner, one refusal.
  @Test func twoProcessesClaimingAtOnceGetOneOwnerAndOneRefusal() throws {
    let desk = try Desk()
    var environment = desk.environment
    let store = desk.folder.file("tamga.db")
    let started = try ["alice", "bob"].map { user in
      environment["TAMGA_USER"] = user
      return try start(["case", "claim", "1", "--store", store], in: desk.folder.path, environment: environment)
    }
    var statuses: [Int32] = []
    var errors = ""
    for process in started {
      _ = process.outPipe.fileHandleForReading.readDataToEndOfFile()
      errors += String(decoding: process.errPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.process.waitUntilExit()
      statuses.append(process.process.terminationStatus)
    }
    #expect(statuses.sorted() == [0, 77])
    #expect(errors.contains("case 1 is assigned to"))
    #expect(try desk.run(["audit", "verify"]).hasPrefix("audit chain intact"))
  }

  @Test func auditVerifyExitsTwoNamingTheFirstBrokenLink() throws {
    let desk = try Desk()
    try desk.run(["case", "note", "1", "checked"], as: "alice")
    var configuration = Configuration()
    configuration.foreignKeysEnabled = false
    let queue = try DatabaseQueue(path: desk.folder.file("tamga.db"), configuration: configuration)
    try queue.writeWithoutTransaction { db in
      try db.execute(sql: "DROP TRIGGER audit_event_append_only")
      try db.execute(sql: "UPDATE audit_event SET actor = 'bob' WHERE action = 'noted'")
    }
    let output = try tamga(["audit", "verify", "--store", desk.folder.file("tamga.db")], in: desk.folder.path)
    #expect(output.status == 2)
    #expect(output.output.contains("audit chain BROKEN"))
    #expect(output.error.contains("first: event 5 (noted) was edited"))
  }

  @Test func theSweepEscalatesOverdueCases() throws {
    var desk = try Desk()
    desk.environment["TAMGA_CLOCK"] = "2026-03-05T04:00:00Z"
    #expect(try desk.run(["cases", "sweep"]) == "escalated 2 overdue cases\n")
    #expect(try desk.run(["queue", "--overdue"]).contains("0 cases, 0 overdue"))
    #expect(try desk.run(["queue", "--priority", "P1"]).contains("2 cases, 0 overdue"))
    desk.environment["TAMGA_CLOCK"] = "yesterday"
    #expect(try desk.run(["queue"], status: 78).contains("TAMGA_CLOCK must be an RFC 3339 time"))
  }
}
