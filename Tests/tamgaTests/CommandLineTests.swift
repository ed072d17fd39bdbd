import Foundation
import Testing
import TamgaModel
import TamgaStore
import TamgaSynth
import TamgaTestSupport
import TamgaIngest

/// The built `tamga` binary, beside the test bundle.
let tamgaBinary: String = {
  let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tamga")
  if FileManager.default.isExecutableFile(atPath: beside.path) { return beside.path }
  var root = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { root.deleteLastPathComponent() }
  return root.appendingPathComponent(".build/debug/tamga").path
}()

struct Run {
  var status: Int32
  var output: String
  var error: String
}

/// Runs `tamga` with `arguments` in `directory` and waits for it.
func tamga(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> Run {
  let process = try start(arguments, in: directory, environment: environment)
  let output = process.outPipe.fileHandleForReading.readDataToEndOfFile()
  let error = process.errPipe.fileHandleForReading.readDataToEndOfFile()
  process.process.waitUntilExit()
  return Run(status: process.process.terminationStatus, output: String(decoding: output, as: UTF8.self), error: String(decoding: error, as: UTF8.self))
}

struct Started {
  var process: Process
  var outPipe: Pipe
  var errPipe: Pipe
}

func start(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> Started {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: tamgaBinary)
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  var env = ProcessInfo.processInfo.environment
  env["TAMGA_STORE"] = nil
  env["TAMGA_CONFIG"] = nil
  for (key, value) in environment { env[key] = value }
  process.environment = env
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  return Started(process: process, outPipe: out, errPipe: err)
}

@Suite struct ExitCodeTests {
  @Test func aMissingRequiredColumnExits65WithOneLineNamingFileAndColumn() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write("t.csv", "transfer_id,timestamp\nT1,2026-03-01T00:00:00Z\n")
    let run = try tamga(["replay", "--store", folder.file("s.db"), path])
    #expect(run.status == 65)
    #expect(run.error == "tamga: error: \(path): line 1: the header lacks the required columns customer_id, kind, asset, amount, usd_value of the transfers format\n")
    #expect(run.output.isEmpty)
  }

  @Test func aMissingFileExits66AndAMissingStoreToo() throws {
    let folder = try TemporaryDirectory()
    let run = try tamga(["replay", "--store", folder.file("s.db"), folder.file("absent.csv")])
    #expect(run.status == 66)
    #expect(run.error.hasPrefix("tamga: error: \(folder.file("absent.csv")): cannot open"))
    let alerts = try tamga(["alerts", "--store", folder.file("none.db")])
    #expect(alerts.status == 66)
    #expect(alerts.error.contains("no store at"))
    #expect(!FileManager.default.fileExists(atPath: folder.file("none.db")))
  }

  @Test func aBadConfigurationExits78() throws {
    let folder = try TemporaryDirectory()
    try folder.write("tamga.yaml", "retail_caps:\n  monthly_limit_usd: many\n")
    let run = try tamga(["config", "show"], in: folder.path)
    #expect(run.status == 78)
    #expect(run.error.contains("tamga.yaml: retail_caps.monthly_limit_usd must be"))
  }

  @Test func aBadCommandLineExits64() throws {
    #expect(try tamga(["replay"]).status == 64)
    #expect(try tamga(["alerts", "--format", "xml"]).status == 64)
  }

  @Test func rejectedRowsExit3OnlyWhenAsked() throws {
    let folder = try TemporaryDirectory()
    let customers = try folder.write("c.csv", Fixture.customersCSV([Fixture.customerRow("C1")]))
    let transfers = try folder.write("t.csv", Fixture.transfersCSV([
      Fixture.transferRow("T1", at: "2026-03-01T00:00:00Z", customer: "C1", kind: "gift"),
    ]))
    let strict = try tamga(["replay", "--store", folder.file("a.db"), "--customers", customers, transfers, "--fail-on-reject"])
    #expect(strict.status == 3)
    let lenient = try tamga(["replay", "--store", folder.file("b.db"), "--customers", customers, transfers])
    #expect(lenient.status == 0)
    #expect(lenient.output.contains("0 transfers accepted, 1 rejected"))
    let rejects = try tamga(["rejects", "--store", folder.file("b.db"), "--format", "csv"])
    #expect(rejects.output == """
      file,line,column,reason,message,raw
      \(transfers),2,kind,unknown_kind,"kind must be deposit, withdrawal, buy, sell or convert","T1,2026-03-01T00:00:00Z,C1,gift,USDT,tron,100,100.00,,,"

      """)
  }

  @Test func configShowPrintsDefaultsThatReadBack() throws {
    let folder = try TemporaryDirectory()
    let run = try tamga(["config", "show"], in: folder.path)
    #expect(run.status == 0)
    #expect(run.output.contains("monthly_limit_usd: \"1000.00\""))
    #expect(run.output.contains("# from: built-in defaults"))
    let initRun = try tamga(["init"], in: folder.path)
    #expect(initRun.status == 0)
    #expect(FileManager.default.fileExists(atPath: folder.file("tamga.db")))
    let shown = try tamga(["config", "show"], in: folder.path)
    #expect(shown.output.contains("# from: tamga.yaml"))
  }
}

/// A day big enough that a replay takes a while in a debug build.
struct BigDay {
  let folder: TemporaryDirectory
  let files: SynthesisResult

  init(transfers: Int = 150_000) throws {
    folder = try TemporaryDirectory()
    var plan = SynthesisPlan()
    plan.customers = 5_000
    plan.transfersPerDay = transfers
    plan.days = 2
    plan.seed = 11
    files = try Synthesizer.write(plan, to: folder.path)
  }

  var replayArguments: [String] { ["--customers", files.customersFile] + files.transferFiles }

  /// Alerts and ledger of a store, as comparable text.
  func state(of store: String) throws -> [String] {
    let opened = try CaseStore(readingExisting: store)
    let alerts = try opened.alerts().map { "\($0.id) \($0.explanation.json)" }
    let ledger = try opened.ledger().map { "\($0.fileName) \($0.sha256) \($0.rowsAccepted) \($0.rowsRejected) \($0.alertsRaised)" }
    let state = try opened.engineState().sorted { $0.key < $1.key }.map { "\($0.key) \(SHA256Digest.hex(of: $0.value.bytes))" }
    return alerts + ledger + state
  }
}

@Suite(.serialized) struct CrashSafetyTests {
  @Test func aRunKilledAtAnyPointAndRunAgainEndsAsAnUninterruptedRun() throws {
    let day = try BigDay()
    let reference = day.folder.file("reference.db")
    let whole = try tamga(["replay", "--store", reference] + day.replayArguments)
    #expect(whole.status == 0)
    let expected = try day.state(of: reference)
    #expect(expected.count > 3)
    for (attempt, delay) in [0.05, 0.4, 1.0, 2.0].enumerated() {
      let store = day.folder.file("killed-\(attempt).db")
      let child = try start(["replay", "--store", store] + day.replayArguments)
      Thread.sleep(forTimeInterval: delay)
      kill(child.process.processIdentifier, SIGKILL)
      child.process.waitUntilExit()
      let again = try tamga(["replay", "--store", store] + day.replayArguments)
      #expect(again.status == 0, "\(again.error)")
      #expect(try day.state(of: store) == expected, "killed after \(delay) s")
    }
  }

  @Test func aReaderListsAlertsWhileAReplayWrites() throws {
    let day = try BigDay(transfers: 300_000)
    let store = day.folder.file("busy.db")
    // Commit the customers first, so the store exists for the reader.
    #expect(try tamga(["replay", "--store", store, "--customers", day.files.customersFile]).status == 0)
    let writer = try start(["replay", "--store", store] + day.files.transferFiles)
    var readerRuns: [Run] = []
    while writer.process.isRunning && readerRuns.count < 5 {
      readerRuns.append(try tamga(["alerts", "--store", store, "--format", "csv"]))
      readerRuns.append(try tamga(["ledger", "--store", store]))
    }
    writer.process.waitUntilExit()
    #expect(writer.process.terminationStatus == 0)
    #expect(!readerRuns.isEmpty)
    for run in readerRuns { #expect(run.status == 0, "\(run.error)") }
  }
}
