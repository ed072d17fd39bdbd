import ArgumentParser
import Foundation
import TamgaModel
import TamgaPipeline
import TamgaScreening
import TamgaStore

struct ScreenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "screen",
    abstract: "Screen names and addresses against the loaded lists, ranked and explained; clear a customer's hit.",
    subcommands: [ScreenName.self, ScreenAddress.self, ScreenBatch.self, ClearHit.self])
}

/// The threshold and result count shared by the name screens.
struct NameScreenOptions: ParsableArguments {
  @Option(help: "The least score reported, 0.50 to 1.00 (default: screening.name_threshold of the configuration).")
  var threshold: Double?
  @Option(help: "At most this many entries per name.") var limit: Int = 10

  func threshold(_ configuration: TamgaConfiguration) throws -> Double {
    guard let threshold else { return configuration.screening.nameThreshold }
    guard (0.5...1).contains(threshold) else { throw Failure(.general, "--threshold must be from 0.50 to 1.00") }
    return threshold
  }
}

struct ScreenName: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "name", abstract: "Screen one name; each hit says which words met and what the date of birth and country said.")

  @OptionGroup var options: StoreOptions
  @OptionGroup var screen: NameScreenOptions
  @Argument(help: "The name, in any script.") var name: String
  @Option(help: "Date of birth: YYYY, YYYY-MM or YYYY-MM-DD.") var dob: String?
  @Option(help: "Country: an ISO code or a name.") var country: String?
  @Option(help: "table or json.") var format: OutputFormat = .table

  func run() throws {
    try reporting {
      let configuration = try options.loadConfiguration()
      let birthDate = try dob.map { text in
        guard let date = BirthDate(iso: text) else { throw Failure(.general, "--dob must be YYYY, YYYY-MM or YYYY-MM-DD") }
        return date
      }
      let lists = try ScreeningLists.active(in: options.openForReading(), scope: .names)
      guard let index = lists.names else { throw Failure(.general, "no list is loaded: run `tamga lists load` first") }
      let matches = index.search(
        name, dateOfBirth: birthDate, country: country, threshold: try screen.threshold(configuration), limit: screen.limit)
      print(render(matches, lists: lists), terminator: "")
    }
  }

  private func render(_ matches: [PotentialMatch], lists: ScreeningLists) -> String {
    var listing = Listing(columns: [
      "rank", "score", "name_score", "list", "entry_id", "kind", "matched_name", "name_source", "date_of_birth", "country",
      "word_pairs", "snapshot",
    ])
    for (rank, match) in matches.enumerated() {
      let pairs = match.nameMatch.pairings.map { pairing -> String in
        "\(pairing.queryToken)~\(pairing.candidateToken ?? "-") \(ScoreText.format(pairing.similarity))"
      }
      let source = lists.source(ofEntry: match.entryIndex)
      listing.rows.append([
        .number(Int64(rank + 1)), .text(ScoreText.format(match.score)), .text(ScoreText.format(match.nameScore)), .text(match.list),
        .text(match.entryID), .text(match.kind.rawValue), .text(match.matchedName), .text(match.matchedNameSource.description),
        .text(match.dateOfBirth.rawValue), .text(match.country.rawValue),
        format == .json
          ? .json("[" + match.nameMatch.pairings.map { pairing in
            "{\"name\":\(JSONText.quoted(pairing.queryToken)),\"list\":\(JSONText.quoted(pairing.candidateToken ?? "")),\"similarity\":\(ScoreText.format(pairing.similarity))}"
          }.joined(separator: ",") + "]")
          : .text(pairs.joined(separator: ", ")),
        .text("\(source.snapshotID) \(source.name)"),
      ])
    }
    var out = listing.render(format == .csv ? .csv : format)
    if format == .table { out += matches.isEmpty ? "no entry scored at or above the threshold\n" : "" }
    return out
  }
}

struct ScreenAddress: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "address", abstract: "Screen one wallet address (EVM hex and bech32 in any case, base58 exactly).")

  @OptionGroup var options: StoreOptions
  @Argument(help: "The address.") var address: String
  @Option(help: "The chain, when it matters (bitcoin-cash addresses without their prefix).") var chain: String?
  @Option(help: "table or json.") var format: OutputFormat = .table

  func run() throws {
    try reporting {
      let lists = try ScreeningLists.active(in: options.openForReading(), scope: .addresses)
      guard !lists.sources.isEmpty else { throw Failure(.general, "no list is loaded: run `tamga lists load` first") }
      var listing = Listing(columns: ["list", "entry_id", "entry_name", "listed_address", "chain", "programs", "snapshot"])
      for listed in lists.addresses.hits(address: address, chain: chain) {
        let source = lists.position(of: listed.entryReference).map { lists.source(ofEntry: $0) }
        listing.rows.append([
          .text(listed.list), .text(listed.entryID), .text(listed.entryName), .text(listed.address.original),
          .text(listed.address.chain), .text(listed.programs.joined(separator: "; ")),
          .text(source.map { "\($0.snapshotID) \($0.name)" } ?? ""),
        ])
      }
      print(listing.render(format), terminator: "")
      if format == .table && listing.rows.isEmpty { print("not on any loaded list") }
    }
  }
}

struct ScreenBatch: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch",
    abstract: "Screen a CSV file of names (name, date_of_birth, country, id) or addresses (address, chain, id).",
    discussion: """
      Writes one result per input row, in input order: JSON lines ({"id", "line", "hits": [{"list",
      "entry_id", "score", "matched_name"}]}) or CSV (id, line, hit_count, hits as
      list:entry_id:score separated by ";"). Rows that cannot be screened are reported on standard
      error with their line and reason; the others are screened.
      """)

  @OptionGroup var options: StoreOptions
  @OptionGroup var screen: NameScreenOptions
  @Argument(help: "The CSV file.") var file: String
  @Option(help: "Write results here instead of standard output.") var out: String?
  @Option(help: "jsonl or csv.") var format: BatchFormat = .jsonl

  enum BatchFormat: String, ExpressibleByArgument { case jsonl, csv }

  func run() throws {
    try reporting {
      let configuration = try options.loadConfiguration()
      let input = try ScreeningBatchInput.read(URL(fileURLWithPath: file))
      let store = try options.openForReading()
      var results: [(id: String, line: Int, hits: [(list: String, entryID: String, score: Double, name: String)])] = []
      let started = ContinuousClock.now
      switch input.rows {
      case .names(let queries):
        let lists = try ScreeningLists.active(in: store, scope: .names)
        guard let index = lists.names else { throw Failure(.general, "no list is loaded: run `tamga lists load` first") }
        let threshold = try screen.threshold(configuration)
        for query in queries {
          let matches = index.search(
            query.name, dateOfBirth: query.dateOfBirth, country: query.country, threshold: threshold, limit: screen.limit)
          results.append((query.id, query.line, matches.map { ($0.list, $0.entryID, $0.score, $0.matchedName) }))
        }
      case .addresses(let queries):
        let lists = try ScreeningLists.active(in: store, scope: .addresses)
        guard !lists.sources.isEmpty else { throw Failure(.general, "no list is loaded: run `tamga lists load` first") }
        for query in queries {
          let hits = lists.addresses.hits(address: query.address, chain: query.chain)
          results.append((query.id, query.line, hits.map { ($0.list, $0.entryID, 1.0, $0.address.original) }))
        }
      }
      let elapsed = ContinuousClock.now - started
      var text = format == .csv ? "id,line,hit_count,hits\n" : ""
      for result in results {
        switch format {
        case .jsonl:
          let hits = result.hits.map { hit in
            "{\"list\":\(JSONText.quoted(hit.list)),\"entry_id\":\(JSONText.quoted(hit.entryID)),\"score\":\(ScoreText.format(hit.score)),\"matched_name\":\(JSONText.quoted(hit.name))}"
          }
          text += "{\"id\":\(JSONText.quoted(result.id)),\"line\":\(result.line),\"hits\":[\(hits.joined(separator: ","))]}\n"
        case .csv:
          let hits = result.hits.map { "\($0.list):\($0.entryID):\(ScoreText.format($0.score))" }.joined(separator: ";")
          text += "\(Listing.csvField(result.id)),\(result.line),\(result.hits.count),\(Listing.csvField(hits))\n"
        }
      }
      if let out {
        guard FileManager.default.createFile(atPath: out, contents: Data(text.utf8)) else {
          throw Failure(.general, "\(out): cannot write the results")
        }
      } else {
        print(text, terminator: "")
      }
      for rejection in input.rejections { printError("refused \(rejection)") }
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      let flagged = results.filter { !$0.hits.isEmpty }.count
      printError(
        "screened \(grouped(results.count)) rows in \(String(format: "%.2f", seconds)) s: \(grouped(flagged)) with hits, "
          + "\(grouped(input.rejections.count)) refused")
    }
  }
}

struct ClearHit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clear",
    abstract: "Record that a customer is not a listed party; the pair stays quiet until the entry changes.")

  @OptionGroup var options: StoreOptions
  @Argument(help: "The customer id.") var customer: String
  @Argument(help: "The entry, as list:entry_id (e.g. ofac-sdn:12345).") var entry: String
  @Option(help: "Why the hit is not the customer.") var reason: String
  @Option(help: "Who decided (default: $USER).") var analyst: String?

  func run() throws {
    try reporting {
      let store = try options.openForWriting()
      guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw Failure(.general, "--reason must say why") }
      let who = analyst ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
      guard
        let cleared = try ScreeningLists.active(in: store, scope: .entries).clearance(
          of: customer, against: entry, analyst: who, reason: reason, at: .wallClock())
      else { throw Failure(.general, "\(entry) is not an entry of any active list snapshot") }
      try store.clear(cleared.clearance)
      print("cleared \(customer) against \(entry) (\(cleared.entry.primaryName)) while the entry is unchanged")
    }
  }
}
