import ArgumentParser
import Foundation
import TamgaImport

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Turn public AML datasets into Tamga's customers and transfers files.",
    subcommands: [ImportAMLSim.self])
}

struct ImportAMLSim: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "amlsim",
    abstract: "Convert IBM AMLSim output (nodes.csv, transactions.csv) into customers.csv, transfers.csv and truth.csv.",
    discussion: """
      Each account becomes a customer (amlsim-<id>, professional, aifc) with one Ethereum wallet;
      each transaction becomes a withdrawal by its source and a deposit to its target, in USDT at
      its value, dated the start date plus (step − first step) days, seconds apart in file order.
      truth.csv keeps AMLSim's fraud labels for evaluating detection; the pipeline never reads it.
      Rows that cannot be read are listed and skipped; a missing file or column stops the import
      before anything is written. The same input always gives the same bytes.
      """)

  @Argument(help: "The AMLSim output folder.") var folder: String
  @Option(help: "Output folder.") var out: String
  @Option(help: "The day of the first step, YYYY-MM-DD.") var start = "2026-03-01"

  func validate() throws {
    guard CalendarDay(start) != nil else { throw ValidationError("--start must be a YYYY-MM-DD date") }
  }

  func run() throws {
    guard let startDate = CalendarDay(start) else { throw ValidationError("--start must be a YYYY-MM-DD date") }
    do {
      let summary = try AMLSimImport.run(
        input: URL(fileURLWithPath: folder, isDirectory: true), output: URL(fileURLWithPath: out, isDirectory: true),
        startDate: startDate)
      print(summary)
    } catch {
      let kind: Failure.Kind =
        switch error.problem {
        case .fileMissing, .notAFile: .missingInput
        case .outputNotWritable: .general
        default: .unusableInput
        }
      Self.exit(with: Failure(kind, "\(error)"))
    }
  }
}
