import ArgumentParser
import Foundation
import TamgaModel
import TamgaTravelRule

struct TravelRuleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "travel-rule",
    abstract: "Check Travel Rule identity data (IVMS101).",
    subcommands: [CheckTravelRule.self])
}

struct CheckTravelRule: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Check an IVMS101 identity payload against the standard and the Travel Rule.",
    discussion: """
      FILE holds one IVMS101 IdentityPayload (originator, beneficiary, originating and
      beneficiary VASPs) as JSON, in the standard's names or their protobuf spellings. Every
      problem is listed with its code (ivms101.C1 … C11 for the standard's constraints,
      travelRule.* for FATF Recommendation 16's completeness at --usd), the element's path and
      what to do; personal values are never printed. At or above USD 1,000 (the AIFC threshold)
      the originator needs an address, a customer id, a national id, or a date and place of birth.

      Exit codes: 0 no problem; 1 problems found; 65 the file is not an IVMS101 payload; 66 missing.
      """)

  @Argument(help: "The IVMS101 payload, a JSON file.") var file: String
  @Option(help: "The transfer's value in USD (decimal), which decides what the Travel Rule requires.") var usd = "1000.00"
  @Option(help: "The threshold in USD at which full originator information is required.") var threshold = "1000.00"
  @Option(help: "Dates of birth must be before this RFC 3339 time (default: now).") var at: String?
  @Option(help: "table, json or csv.") var format: OutputFormat = .table

  func validate() throws {
    guard USD(parsing: usd) != nil else { throw ValidationError("--usd must be a decimal amount of dollars") }
    guard USD(parsing: threshold) != nil else { throw ValidationError("--threshold must be a decimal amount of dollars") }
  }

  func run() throws {
    try reporting {
      guard let value = USD(parsing: usd), let limit = USD(parsing: threshold) else {
        throw Failure(.general, "--usd and --threshold must be decimal amounts of dollars")
      }
      let now = try at.map { try parseTime($0, flag: "--at") }.map { Date(timeIntervalSince1970: Double($0.millisecondsSinceEpoch) / 1000) } ?? Date()
      guard let data = FileManager.default.contents(atPath: file) else {
        throw Failure(.missingInput, "\(file): cannot read the file")
      }
      let payload: IdentityPayload
      do {
        payload = try IdentityPayload(parsing: data)
      } catch {
        throw Failure(.unusableInput, "\(file): \(error)")
      }
      let problems =
        IVMS101Check(now: now).problems(in: payload)
        + TravelRuleCheck(thresholdInUSDCents: Int(limit.cents)).problems(
          in: payload, transferValueInUSDCents: Int(value.cents), now: now)
      var listing = Listing(columns: ["code", "path", "problem"])
      for problem in problems {
        listing.rows.append([.text(problem.code.rawValue), .text(problem.path), .text(problem.message)])
      }
      print(listing.render(format), terminator: "")
      if format == .table {
        print(problems.isEmpty ? "no problems at USD \(value.plain)" : "\(grouped(problems.count)) problem\(problems.count == 1 ? "" : "s") at USD \(value.plain)")
      }
      if !problems.isEmpty { throw ExitCode(1) }
    }
  }
}
