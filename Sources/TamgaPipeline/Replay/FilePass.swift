import TamgaIngest
import TamgaModel
import TamgaRules
import TamgaScreening
import TamgaStore

/// The rules' side of a transfers file: evaluate, store what fired.
///
/// Rows arrive decoded and with their customers looked up, in batches, from a ``Framer``. Each
/// batch is evaluated in runs of 128 rows: first the state of the run's customers is touched in
/// a tight loop, so the cache misses of a large customer base overlap instead of stalling every
/// row; then the rows are evaluated in file order, so the alerts are those of row-at-a-time
/// evaluation.
///
/// A struct with mutating methods rather than closures over captured variables, so the per-row
/// path touches plain stored properties: no boxes, no dynamic exclusivity checks.
struct TransferPass: RejectingPass {
  var engine: Engine
  let batch: IngestBatch
  let ingest: Int64
  let file: String
  /// What the framer's address book hits point to.
  let lists: ScreeningLists
  /// Which direct exposure to labelled addresses alerts.
  let exposure: ExposureConfiguration
  /// Whether deposits and withdrawals move value through the exposure graph.
  let tracksExposure: Bool
  /// The Travel Rule messages and wallet ownership proofs that covered transfers are checked
  /// against; inactive until the store has received a Travel Rule file.
  var travelRule: TravelRuleBook
  var findings = FindingBuffer()
  var counts: PassCounts
  /// Keeps the state touches from being optimised away.
  var touched: Int64 = 0

  /// Rows per run: enough for many cache misses in flight, few enough that the run's state
  /// stays in the L1 cache.
  static let runLength = 128

  init(
    engine: Engine, batch: IngestBatch, ingest: Int64, file: String, lists: ScreeningLists,
    exposure: ExposureConfiguration, travelRule: TravelRuleBook, meter: ProgressMeter
  ) {
    self.exposure = exposure
    self.travelRule = travelRule
    self.tracksExposure = lists.feedsExposure(of: engine)
    self.engine = engine
    self.batch = batch
    self.ingest = ingest
    self.file = file
    self.lists = lists
    counts = PassCounts(meter: meter)
  }

  /// Evaluates a batch: its rejections and rows, in file order.
  mutating func evaluate(_ decoded: DecodedBatch) throws {
    // Work on local arrays: the batch is an object, and each access to its properties would
    // be checked and counted.
    var rows: [DecodedBatch.Row] = []
    swap(&rows, &decoded.rows)
    defer { swap(&rows, &decoded.rows) }
    let rejections = decoded.rejections
    let escapedTransferIDs = decoded.escapedTransferIDs
    var nextRejection = 0
    var start = 0
    while start < rows.count || nextRejection < rejections.count {
      let end = min(start + Self.runLength, rows.count)
      touch(&rows, start..<end)
      for index in start..<end {
        while nextRejection < rejections.count && rejections[nextRejection].before <= index {
          try reject(rejections[nextRejection].rejection)
          nextRejection += 1
        }
        try evaluate(rows[index], transferID: escapedTransferIDs.isEmpty ? nil : escapedTransferIDs[index])
      }
      if end == rows.count {
        while nextRejection < rejections.count {
          try reject(rejections[nextRejection].rejection)
          nextRejection += 1
        }
      }
      start = end
    }
  }

  /// Touches the state of a run's customers (looked up by the framer) in one loop, so their
  /// cache misses overlap.
  /// - Complexity: O(run length); allocates nothing.
  private mutating func touch(_ rows: inout [DecodedBatch.Row], _ run: Range<Int>) {
    var touched = self.touched
    for index in run where rows[index].customer >= 0 {
      touched &+= engine.touch(rows[index].customer)
    }
    self.touched = touched
  }

  /// - Complexity: O(1); allocates nothing unless the row is rejected or a rule fires.
  @inline(__always)
  private mutating func evaluate(_ row: DecodedBatch.Row, transferID: String?) throws {
    guard row.customer >= 0 else {
      return try reject(row, column: .customerID, .unknownCustomer, "customer_id is not in any customers file replayed into this store")
    }
    let fields = row.fields
    // Address screening before the rules: a sanctioned counterparty is reported even when the
    // rules then refuse the row as a late event.
    if row.listedAddress >= 0 { try storeAddressHits(of: row, transferID: transferID) }
    let event = TransferEvent(
      customer: row.customer, timestamp: fields.timestamp, kind: fields.kind, usdValue: fields.usdValue,
      assetProfile: fields.assetProfile, counterpartyVASP: fields.counterpartyVASP,
      namesCounterpartyVASP: fields.namesCounterpartyVASP)
    let problem: Unevaluable?
    if fields.kind == .deposit || fields.kind == .withdrawal, !row.counterpartyAddress.isEmpty {
      // The counterparty by the address book's own matching key, so "0xAB…" and "0xab…" are one
      // address to fan-in, fan-out and the exposure graph.
      let labels = row.listedAddress >= 0 ? lists.exposureLabels(ofListedAddress: row.listedAddress) : 0
      let tracksExposure = tracksExposure
      problem = AddressKey.withKey(of: row.counterpartyAddress, chain: row.chain) { key in
        engine.evaluate(event, counterparty: key.span, labels: labels, tracksExposure: tracksExposure, into: &findings)
      }
    } else {
      problem = engine.evaluate(event, into: &findings)
    }
    if let problem {
      return try reject(row, column: .timestamp, .lateEvent, problem.message)
    }
    engine.evaluatePacks(event, asset: row.asset.span, into: &findings)
    engine.countMinerSale(event, baseUnits: fields.amount.baseUnits, asset: row.asset.span)
    if travelRule.isActive, let regime = engine.travelRuleRegime(of: event) {
      checkTravelRule(row, event: event, regime: regime, transferID: transferID)
    }
    counts.accept(at: fields.timestamp)
    if !findings.isEmpty { try storeFindings(of: row, transferID: transferID) }
  }

  /// Looks up what the firm holds for a transfer the Travel Rule covers, and raises the finding
  /// when that falls short.
  /// - Complexity: one hash lookup; allocates only when the rule fires.
  private mutating func checkTravelRule(_ row: DecodedBatch.Row, event: TransferEvent, regime: Regime, transferID: String?) {
    let evidence = AddressKey.withKey(of: row.counterpartyAddress, chain: row.chain) { key in
      travelRule.evidence(for: event, transferID: row.transferID, escapedTransferID: transferID, counterpartyKey: key)
    }
    guard !evidence.meetsTheRule else { return }
    func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
    if let finding = engine.travelRuleFinding(
      event, regime: regime, evidence: evidence, asset: text(row.asset), counterpartyVASP: text(row.counterpartyVASP),
      counterpartyAddress: text(row.counterpartyAddress))
    {
      findings.raise(finding)
    }
  }

  /// Turns the findings of a row into stored alerts.
  private mutating func storeFindings(of row: DecodedBatch.Row, transferID escaped: String?) throws {
    let transferID = escaped ?? String(decoding: row.transferID, as: UTF8.self)
    let customerID = engine.customers.customerID(row.customer)
    for finding in findings.findings {
      let alert = Alert(finding: finding, customerID: customerID, transferID: transferID)
      if try batch.insert(alert, ingest: ingest) { counts.alerted() }
    }
    findings.clear()
  }

  /// One alert per list entry that names the transfer's counterparty address.
  private mutating func storeAddressHits(of row: DecodedBatch.Row, transferID escaped: String?) throws {
    let transferID = escaped ?? String(decoding: row.transferID, as: UTF8.self)
    let customerID = engine.customers.customerID(row.customer)
    let address = String(decoding: row.counterpartyAddress, as: UTF8.self)
    let chain = String(decoding: row.chain, as: UTF8.self)
    for listed in lists.addresses.hits(row.listedAddress) {
      guard let position = lists.position(of: listed.entryReference) else { continue }
      let source = lists.source(ofEntry: position)
      let alerts =
        source.purpose == .exposure
        ? DirectExposureAlert.alerts(
          address, chain: chain, fields: row.fields, listed: listed, remarks: lists.entries[position].remarks,
          customerID: customerID, transferID: transferID, source: source, fingerprint: lists.fingerprint(ofEntry: position),
          configuration: exposure)
        : [
          ScreeningAlert.counterpartyAddress(
            address, chain: chain, fields: row.fields, listed: listed, customerID: customerID, transferID: transferID,
            source: source, fingerprint: lists.fingerprint(ofEntry: position))
        ]
      for alert in alerts where try batch.insert(alert, ingest: ingest) { counts.alerted() }
    }
  }

  private mutating func reject(
    _ row: DecodedBatch.Row, column: TransferDecoder.Column, _ code: Rejection.Code, _ message: String
  ) throws {
    try reject(
      Rejection(
        file: file, line: row.line, column: TransferDecoder.schema.columns[column.rawValue].name,
        reason: .init(code, message), raw: Array(row.raw.prefix(Rejection.rawLimit))))
  }
}

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
  var accepted = 0
  var rejections = 0
  var alerts = 0
  var first = Timestamp(millisecondsSinceEpoch: .max)
  var last = Timestamp(millisecondsSinceEpoch: .min)
  var meter: ProgressMeter

  init(meter: ProgressMeter) { self.meter = meter }

  @inline(__always)
  mutating func accept(at time: Timestamp) {
    accepted += 1
    if time < first { first = time }
    if time > last { last = time }
    meter.tick()
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
    entry.rowsAccepted = accepted
    entry.rowsRejected = rejections
    entry.alertsRaised = alerts
    entry.firstEventAt = accepted > 0 ? first : nil
    entry.lastEventAt = accepted > 0 ? last : nil
  }
}
