public import TamgaStore

/// What happened to one file of a replay.
public struct FileOutcome: Sendable {
  public var path: String
  public var kind: LedgerEntry.Kind
  /// The ledger entry written now, or the earlier one when the file was already ingested.
  public var entry: LedgerEntry
  /// The same bytes were in the ledger: nothing was done.
  public var wasAlreadyIngested: Bool
}

/// The result of a replay run.
public struct ReplaySummary: Sendable {
  public var files: [FileOutcome] = []
  public var elapsed: Duration = .zero
  /// What the escalation did: cases opened and grown by the files' alerts, and overdue cases
  /// escalated before the files were read.
  public var cases = EscalationOutcome()

  public init() {}

  private var replayed: [FileOutcome] { files.filter { !$0.wasAlreadyIngested } }
  public var rowsAccepted: Int { replayed.reduce(0) { $0 + $1.entry.rowsAccepted } }
  public var rowsRejected: Int { replayed.reduce(0) { $0 + $1.entry.rowsRejected } }
  public var alertsRaised: Int { replayed.reduce(0) { $0 + $1.entry.alertsRaised } }
}

/// A progress report during a replay.
public struct ReplayProgress: Sendable {
  public var file: String
  /// Rows read so far in this run (accepted and rejected).
  public var rows: Int
  public var rejected: Int
  public var alerts: Int
  public var elapsed: Duration
  public var isFinal: Bool

  /// Rows per second so far.
  public var rowsPerSecond: Int {
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return seconds > 0 ? Int(Double(rows) / seconds) : 0
  }
}

/// Counts rows and reports progress at most every quarter second, checking the clock only
/// every 65,536 rows so the hot path pays nothing.
struct ProgressMeter {
  let file: String
  let report: ((ReplayProgress) -> Void)?
  let clock = ContinuousClock()
  let started: ContinuousClock.Instant
  var lastReport: ContinuousClock.Instant
  var rows = 0
  var rejected = 0
  var alerts = 0
  let baseRows: Int

  init(file: String, base: ReplaySummary, report: ((ReplayProgress) -> Void)?) {
    self.file = file
    self.report = report
    started = clock.now
    lastReport = started
    baseRows = base.rowsAccepted + base.rowsRejected
    rejected = base.rowsRejected
    alerts = base.alertsRaised
  }

  @inline(__always)
  mutating func tick() { tick(by: 1) }

  /// Counts `count` rows; every 65,536th looks at the clock.
  @inline(__always)
  mutating func tick(by count: Int) {
    let before = rows
    rows += count
    if before >> 16 != rows >> 16, report != nil { maybeReport() }
  }

  private mutating func maybeReport() {
    let now = clock.now
    guard now - lastReport >= .milliseconds(250) else { return }
    lastReport = now
    send(isFinal: false)
  }

  mutating func finish() { send(isFinal: true) }

  private func send(isFinal: Bool) {
    report?(
      ReplayProgress(
        file: file, rows: baseRows + rows + rejected, rejected: rejected, alerts: alerts,
        elapsed: clock.now - started, isFinal: isFinal))
  }
}
