import ArgumentParser
import Foundation
import TamgaModel
import TamgaPipeline
import TamgaStore

struct Replay: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Replay a day's customer, chain-edge, transfer and miners' declaration files into the case store.",
    discussion: """
      Customer files are replayed first, then Travel Rule files, then chain-edge files, then
      transfer files, then miners' declarations, each in the order given. Chain edges (from_address, to_address, asset, amount, usd_value, timestamp,
      optional chain) are transfers between outside addresses seen on chain: they move exposure
      through the graph while address labels are loaded, and raise no alerts themselves. A file
      already in the ledger (same SHA-256) is skipped. Each file commits whole or not at all:
      a run that is killed can simply be run again. Files may be CSV or NDJSON (.ndjson,
      .jsonl), plain or gzip. Customer records are screened against the lists loaded with
      `tamga lists load` (names and declared wallets), and every transfer's counterparty address
      against their addresses.

      Travel Rule files (--travel-rule, NDJSON) hold the IVMS101 messages exchanged for transfers
      and customers' proofs that they control self-hosted wallets; they are replayed after the
      customer files and before the transfer files they cover. From the first one on, deposits
      and withdrawals at or above USD 1,000 are checked against them.

      Miners' declarations (--miner-declarations: customer_id, asset, period_start, period_end,
      mined_amount, declared_at, optional sold_elsewhere) state what a customer whose record holds
      a mining_licence mined in a period. Once a transfer file shows the period has ended, its
      sales here and those declared elsewhere are checked against the required share of it.
      """)

  @OptionGroup var options: StoreOptions

  @Option(name: .long, help: "A customers file (onboarding and KYC-refresh records); repeatable.")
  var customers: [String] = []

  @Option(name: .long, help: "A Travel Rule file (IVMS101 messages, wallet ownership proofs); repeatable.")
  var travelRule: [String] = []

  @Option(name: .long, help: "A chain-edge file (transfers between outside addresses, seen on chain); repeatable.")
  var chainEdges: [String] = []

  @Option(name: .long, help: "A file of licensed miners' declarations of output; repeatable.")
  var minerDeclarations: [String] = []

  @Argument(help: "Transfer files.")
  var files: [String] = []

  @Flag(name: .long, help: "Exit with code 3 when any row was rejected.")
  var failOnReject = false

  @Flag(name: .long, help: "No progress line, even on a terminal.")
  var quiet = false

  func validate() throws {
    guard !files.isEmpty || !customers.isEmpty || !travelRule.isEmpty || !chainEdges.isEmpty || !minerDeclarations.isEmpty
    else {
      throw ValidationError(
        "name at least one transfer file, --customers, --travel-rule, --chain-edges or --miner-declarations file")
    }
  }

  func run() throws {
    try reporting {
      let configuration = try options.loadConfiguration()
      let store = try options.openForWriting()
      let replayer = try Replayer(store: store, configuration: configuration)
      let showProgress = isTerminal && !quiet
      let summary = try replayer.replay(
        customers: customers, travelRule: travelRule, chainEdges: chainEdges, transfers: files,
        minerDeclarations: minerDeclarations, progress: showProgress ? { progress in ProgressLine.show(progress) } : nil)
      if showProgress { ProgressLine.clear() }
      print(SummaryText.render(summary, store: store.path))
      if failOnReject && summary.rowsRejected > 0 {
        throw Failure(.rejectedRows, "\(summary.rowsRejected) rows were rejected: see `tamga rejects`")
      }
    }
  }
}

/// The one-line progress display on a terminal.
enum ProgressLine {
  static func show(_ progress: ReplayProgress) {
    let text = "\r\u{1B}[K\((progress.file as NSString).lastPathComponent): \(grouped(progress.rows)) rows, "
      + "\(grouped(progress.rowsPerSecond)) rows/s, \(grouped(progress.alerts)) alerts, \(grouped(progress.rejected)) rejects"
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func clear() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
}

func grouped(_ value: Int) -> String {
  let digits = String(value.magnitude)
  var out = ""
  for (offset, character) in digits.enumerated() {
    if offset > 0 && (digits.count - offset) % 3 == 0 { out.append(",") }
    out.append(character)
  }
  return (value < 0 ? "-" : "") + out
}

/// What the escalation did, in one line; nil when it did nothing.
enum CaseLine {
  static func render(_ cases: EscalationOutcome, store: String) -> String? {
    guard cases != EscalationOutcome() else { return nil }
    var parts = ["\(grouped(cases.casesOpened)) opened", "\(grouped(cases.casesGrown)) took new alerts"]
    if cases.proposalsWithdrawn > 0 { parts.append("\(grouped(cases.proposalsWithdrawn)) proposals withdrawn for new alerts") }
    if cases.casesEscalated > 0 { parts.append("\(grouped(cases.casesEscalated)) overdue escalated") }
    return "cases: " + parts.joined(separator: ", ") + "; see the work with: tamga queue --store \(store)"
  }
}

/// The end-of-run summary.
enum SummaryText {
  static func render(_ summary: ReplaySummary, store: String) -> String {
    var lines: [String] = []
    for file in summary.files {
      let entry = file.entry
      if file.wasAlreadyIngested {
        lines.append("\(file.path): already in the ledger (sha256 \(entry.sha256.prefix(12))…, ingested as #\(entry.id)); nothing to do")
      } else {
        var line = "\(file.path): \(grouped(entry.rowsAccepted)) \(rowNoun(file.kind)) accepted, "
          + "\(grouped(entry.rowsRejected)) rejected, \(grouped(entry.alertsRaised)) alerts"
        if let first = entry.firstEventAt, let last = entry.lastEventAt { line += " (\(first) to \(last))" }
        lines.append(line)
      }
    }
    let seconds = Double(summary.elapsed.components.seconds) + Double(summary.elapsed.components.attoseconds) / 1e18
    let rows = summary.rowsAccepted + summary.rowsRejected
    let rate = seconds > 0 ? Int(Double(rows) / seconds) : 0
    lines.append(
      "replayed \(grouped(rows)) rows in \(String(format: "%.2f", seconds)) s (\(grouped(rate)) rows/s): "
        + "\(grouped(summary.alertsRaised)) alerts, \(grouped(summary.rowsRejected)) rejects → \(store)")
    if let cases = CaseLine.render(summary.cases, store: store) { lines.append(cases) }
    if summary.rowsRejected > 0 { lines.append("see the rejected rows with: tamga rejects --store \(store)") }
    return lines.joined(separator: "\n")
  }

  /// What a file's rows are, in the analyst's words.
  static func rowNoun(_ kind: LedgerEntry.Kind) -> String {
    switch kind {
    case .customers: "records"
    case .transfers: "transfers"
    case .chainEdges: "edges"
    case .travelRule: "records"
    case .minerDeclarations: "declarations"
    }
  }
}
