public import ArgumentParser
import Foundation
import TamgaModel
import TamgaPipeline
import TamgaScreening
import TamgaStore

extension ListFormat: ExpressibleByArgument {}
extension ListPurpose: ExpressibleByArgument {}

struct ListsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lists",
    abstract: "Load sanctions, PEP and watch lists as versioned snapshots; show and compare them.",
    subcommands: [LoadList.self, ShowLists.self, DiffLists.self])
}

struct LoadList: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "load",
    abstract: "Load a list file as a new snapshot and screen the customer base against what changed.",
    discussion: """
      KIND is one of: \(ListFormat.allCases.map(\.rawValue).joined(separator: ", ")).
      ofac-sdn and ofac-consolidated read OFAC's folder of legacy CSV files; ofac-advanced reads
      sdn_advanced.xml (or .xml.bz2, unpacked with the system's bunzip2); un the UN consolidated
      XML; opensanctions-ftm FollowTheMoney JSON lines; opensanctions-simple targets.simple.csv;
      tamga a *.list.csv file or a folder of them; labels a labels.csv of address labels
      (chain, address, category, entity, source), loaded for exposure.

      The newest snapshot of each name is screened against. A file with the same SHA-256 as the
      newest snapshot of its name is not loaded again.
      """)

  @OptionGroup var options: StoreOptions
  @Argument(help: "The list format.") var kind: ListFormat
  @Argument(help: "The list file or folder.") var path: String
  @Option(help: "The snapshot's name (default: the format's name).") var name: String?
  @Option(help: "What a hit means: sanctions, pep or watchlist (default: sanctions; exposure for labels).")
  var purpose: ListPurpose?
  @Option(help: "Record the load, and date its re-screen alerts, at this RFC 3339 time (default: now).") var at: String?

  func validate() throws {
    if let purpose, let problem = kind.problem(with: purpose) { throw ValidationError(problem) }
  }

  func run() throws {
    try reporting {
      let configuration = try options.loadConfiguration()
      let store = try options.openForWriting()
      let outcome = try ListUpdate.load(
        kind, path: path, name: name, purpose: purpose, into: store, configuration: configuration,
        at: try at.map { try parseTime($0, flag: "--at") } ?? .wallClock())
      let snapshot = outcome.snapshot
      if outcome.wasAlreadyLoaded {
        print("\(path): already loaded as snapshot \(snapshot.id) (\(snapshot.name), same SHA-256); nothing changed")
        return
      }
      print(
        "loaded \(snapshot.name) snapshot \(snapshot.id) from \(path): \(grouped(snapshot.entryCount)) entries, "
          + "\(grouped(snapshot.addressCount)) wallet addresses, \(grouped(snapshot.rejectionCount)) rows refused")
      print("  sha256 \(snapshot.sha256)")
      if let previous = outcome.previous {
        print(
          "  since snapshot \(previous.id): \(grouped(snapshot.addedCount)) added, \(grouped(snapshot.changedCount)) changed, "
            + "\(grouped(snapshot.removedCount)) removed")
      }
      print(
        "  re-screened \(grouped(snapshot.customersScreened)) customers against \(grouped(snapshot.addedCount + snapshot.changedCount)) "
          + "new or changed entries: \(grouped(snapshot.alertsRaised)) new alert\(snapshot.alertsRaised == 1 ? "" : "s")")
      if let cases = CaseLine.render(outcome.cases, store: store.path) { print("  " + cases) }
      for rejection in outcome.rejections.prefix(10) { printError("  refused \(rejection)") }
      if outcome.rejections.count > 10 { printError("  … and \(outcome.rejections.count - 10) more (tamga lists show \(snapshot.id) --refused)") }
    }
  }
}

struct ShowLists: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "List the snapshots, or one snapshot's entries (or the rows its reader refused).")

  @OptionGroup var options: StoreOptions
  @Argument(help: "A snapshot number or name (the newest of that name); omit for every snapshot.") var snapshot: String?
  @Flag(help: "With a snapshot: the rows its reader refused instead of its entries.") var refused = false
  @Option(help: "table, json or csv.") var format: OutputFormat = .table

  func run() throws {
    try reporting {
      let store = try options.openForReading()
      guard let reference = snapshot else { return try showSnapshots(store) }
      guard let found = try store.listSnapshot(reference) else { throw Failure(.general, "no list snapshot \(reference)") }
      if refused {
        var listing = Listing(columns: ["file", "line", "column", "reason"])
        for rejection in try store.listRejections(snapshot: found.id) {
          listing.rows.append([
            .text(rejection.file), .number(Int64(rejection.line)), .text(rejection.column.map(String.init) ?? ""),
            .text(rejection.reason),
          ])
        }
        print(listing.render(format), terminator: "")
        return
      }
      var listing = Listing(columns: ["list", "entry_id", "kind", "name", "aliases", "date_of_birth", "countries", "programs", "addresses"])
      for stored in try ListUpdate.storedEntries(of: found, in: store) {
        let entry = stored.entry
        listing.rows.append([
          .text(entry.list), .text(entry.id), .text(entry.kind.rawValue), .text(entry.primaryName),
          .text(entry.aliases.map(\.name).joined(separator: "; ")), .text(entry.birthDates.map(describe).joined(separator: "; ")),
          .text(entry.countries.joined(separator: "; ")), .text(entry.programs.joined(separator: "; ")),
          .text(entry.walletAddresses.map { "\($0.chain):\($0.original)" }.joined(separator: "; ")),
        ])
      }
      print(listing.render(format), terminator: "")
      if format == .table { print("\(grouped(listing.rows.count)) entries in snapshot \(found.id) (\(found.name))") }
    }
  }

  private func showSnapshots(_ store: CaseStore) throws {
    let active = Set(try store.activeListSnapshots().map(\.id))
    var listing = Listing(columns: [
      "id", "name", "active", "format", "purpose", "entries", "addresses", "refused", "added", "changed", "removed",
      "screened", "alerts", "loaded_at", "sha256", "source",
    ])
    listing.wideColumns = ["source"]
    for snapshot in try store.listSnapshots() {
      listing.rows.append([
        .number(snapshot.id), .text(snapshot.name), .text(active.contains(snapshot.id) ? "yes" : "no"), .text(snapshot.format),
        .text(snapshot.purpose), .number(Int64(snapshot.entryCount)), .number(Int64(snapshot.addressCount)),
        .number(Int64(snapshot.rejectionCount)), .number(Int64(snapshot.addedCount)), .number(Int64(snapshot.changedCount)),
        .number(Int64(snapshot.removedCount)), .number(Int64(snapshot.customersScreened)), .number(Int64(snapshot.alertsRaised)),
        .text(snapshot.loadedAt.description), .text(snapshot.sha256), .text(snapshot.source),
      ])
    }
    print(listing.render(format), terminator: "")
  }
}

struct DiffLists: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "What changed between two snapshots: entries added, removed and changed (with the fields that changed).")

  @OptionGroup var options: StoreOptions
  @Argument(help: "The older snapshot (number, or name for its newest).") var older: String
  @Argument(help: "The newer snapshot.") var newer: String
  @Option(help: "table, json or csv.") var format: OutputFormat = .table

  func run() throws {
    try reporting {
      let store = try options.openForReading()
      guard let first = try store.listSnapshot(older) else { throw Failure(.general, "no list snapshot \(older)") }
      guard let second = try store.listSnapshot(newer) else { throw Failure(.general, "no list snapshot \(newer)") }
      let changes = ListChanges(
        from: try ListUpdate.storedEntries(of: first, in: store), to: try ListUpdate.storedEntries(of: second, in: store))
      var listing = Listing(columns: ["change", "list", "entry_id", "kind", "name", "fields"])
      for item in changes.added {
        listing.rows.append([.text("added"), .text(item.entry.list), .text(item.entry.id), .text(item.entry.kind.rawValue), .text(item.entry.primaryName), .text("")])
      }
      for item in changes.removed {
        listing.rows.append([.text("removed"), .text(item.entry.list), .text(item.entry.id), .text(item.entry.kind.rawValue), .text(item.entry.primaryName), .text("")])
      }
      for (before, after) in changes.changed {
        listing.rows.append([
          .text("changed"), .text(after.entry.list), .text(after.entry.id), .text(after.entry.kind.rawValue),
          .text(after.entry.primaryName), .text(ListChanges.changedFields(before.entry, after.entry).joined(separator: ", ")),
        ])
      }
      print(listing.render(format), terminator: "")
      if format == .table {
        print(
          "snapshot \(first.id) → \(second.id): \(grouped(changes.added.count)) added, \(grouped(changes.removed.count)) removed, "
            + "\(grouped(changes.changed.count)) changed, \(grouped(changes.unchangedCount)) unchanged")
      }
    }
  }
}

/// A list date of birth as an analyst reads it: "1970-05-12", "1970", "1965 to 1968", "circa 1970".
func describe(_ date: BirthDate) -> String {
  func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
  switch date {
  case .exact(let year, let month, let day): return "\(year)-\(two(month))-\(two(day))"
  case .yearMonth(let year, let month): return "\(year)-\(two(month))"
  case .year(let year): return "\(year)"
  case .range(let from, let to): return "\(from) to \(to)"
  case .approximate(let year): return "circa \(year)"
  }
}
