import TamgaIngest
import TamgaModel
import TamgaRules
import TamgaScreening
import TamgaStore

/// One pass over a customers file: each record updates the engine and the store, and is
/// screened against the lists.
///
/// Screening a name costs far more than storing a record, so records are taken in runs of
/// `runLength` and the run's names are screened on both cores at once; the run is then applied
/// and stored in file order, so the engine, the store and the alerts are those of one record at
/// a time.
struct CustomerPass: RejectingPass {
  var engine: Engine
  let batch: IngestBatch
  let ingest: Int64
  let decoder = CustomerDecoder()
  /// Screens each record's names and wallets at its `recorded_at`.
  let screener: CustomerScreener
  var counts: PassCounts
  /// Records decoded but not yet screened, applied and stored.
  private var pending: [CustomerRecord] = []

  static let runLength = 256

  init(engine: Engine, batch: IngestBatch, ingest: Int64, screener: CustomerScreener, meter: ProgressMeter) {
    self.engine = engine
    self.batch = batch
    self.ingest = ingest
    self.screener = screener
    counts = PassCounts(meter: meter)
    pending.reserveCapacity(Self.runLength)
  }

  mutating func take(_ record: borrowing Record) throws {
    switch decoder.decode(record) {
    case .success(let customer):
      pending.append(customer)
      if pending.count == Self.runLength { try flush() }
    case .failure(let rejection):
      try reject(rejection)
    }
  }

  /// Screens, applies and stores the records taken since the last run; call once more after
  /// the file's last record.
  mutating func flush() throws {
    guard !pending.isEmpty else { return }
    let alerts = screener.alerts(forRun: pending) { record in
      (record.recordedAt, "record \(record.recordedAt.millisecondsSinceEpoch)")
    }
    for (customer, raised) in zip(pending, alerts) {
      let id = engine.apply(customer)
      try batch.insert(customer, ingest: ingest)
      counts.accept(at: customer.recordedAt)
      for alert in raised where try batch.insert(alert, ingest: ingest) { counts.alerted() }
      for (trigger, finding) in engine.jurisdictionFindings(for: customer, customer: id) {
        let alert = Alert(finding: finding, customerID: customer.customerID, trigger: trigger)
        if try batch.insert(alert, ingest: ingest) { counts.alerted() }
      }
    }
    pending.removeAll(keepingCapacity: true)
  }
}

/// A pass over one file that stores the rows it cannot use, with their reasons, in the file's
/// transaction and counts them.
protocol RejectingPass {
  var batch: IngestBatch { get }
  var ingest: Int64 { get }
  var counts: PassCounts { get set }
}

extension RejectingPass {
  mutating func reject(_ rejection: Rejection) throws {
    try batch.insert(rejection, ingest: ingest)
    counts.rejected()
  }
}

/// What a pass accepted, rejected and raised, and the span of event times it saw.
struct PassCounts {
  var accepted = AcceptedRows()
  var rejections = 0
  var alerts = 0
  var meter: ProgressMeter

  init(meter: ProgressMeter) { self.meter = meter }

  @inline(__always)
  mutating func accept(at time: Timestamp) {
    accepted.accept(at: time)
    meter.tick()
  }

  /// Rows accepted elsewhere (on the rules' thread), counted in one go.
  mutating func accept(_ rows: AcceptedRows) {
    accepted.add(rows)
    meter.tick(by: rows.count)
  }

  mutating func rejected() {
    rejections += 1
    meter.rejected += 1
    meter.tick()
  }

  mutating func alerted() {
    alerts += 1
    meter.alerts += 1
  }

  /// Fills a ledger entry's counts and time span.
  func complete(_ entry: inout LedgerEntry) {
    entry.rowsAccepted = accepted.count
    entry.rowsRejected = rejections
    entry.alertsRaised = alerts
    entry.firstEventAt = accepted.count > 0 ? accepted.first : nil
    entry.lastEventAt = accepted.count > 0 ? accepted.last : nil
  }
}

/// How many rows were accepted, and the span of their event times.
struct AcceptedRows {
  var count = 0
  var first = Timestamp(millisecondsSinceEpoch: .max)
  var last = Timestamp(millisecondsSinceEpoch: .min)

  @inline(__always)
  mutating func accept(at time: Timestamp) {
    count += 1
    if time < first { first = time }
    if time > last { last = time }
  }

  mutating func add(_ other: AcceptedRows) {
    count += other.count
    if other.first < first { first = other.first }
    if other.last > last { last = other.last }
  }
}
