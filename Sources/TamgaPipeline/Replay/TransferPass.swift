import Foundation
import TamgaIngest
import TamgaModel
import TamgaRules
import TamgaScreening
import TamgaStore

/// What the rules made of a batch's rows: written on the rules' thread, read on the store's.
///
/// Only rows the store has something to do for get a verdict (an unknown customer, a listed
/// counterparty address, a late event, or findings), so a quiet row costs the store nothing.
struct BatchVerdicts {
  struct Verdict {
    /// The row's index in its batch.
    var row: Int
    /// Its findings in ``findings``.
    var findings: Range<Int>
    /// Why the rules refused the row, if they did.
    var lateEvent: Unevaluable?
  }

  var verdicts: [Verdict] = []
  var findings: [Finding] = []
  /// The rows the rules accepted.
  var accepted = AcceptedRows()

  mutating func note(_ row: Int, findings raised: inout FindingBuffer, lateEvent: Unevaluable? = nil) {
    let start = findings.count
    findings.append(contentsOf: raised.findings)
    raised.clear()
    verdicts.append(Verdict(row: row, findings: start..<findings.count, lateEvent: lateEvent))
  }

  mutating func reset() {
    verdicts.removeAll(keepingCapacity: true)
    findings.removeAll(keepingCapacity: true)
    accepted = AcceptedRows()
  }
}

/// The rules' side of a transfers file: evaluates rows and leaves verdicts for the store.
///
/// Rows arrive decoded and with their customers looked up, in batches, from a ``Framer``. Each
/// batch is evaluated in runs of 128 rows: first the state of the run's customers is touched in
/// a tight loop, so the cache misses of a large customer base overlap instead of stalling every
/// row; then the rows are evaluated in file order, so the alerts are those of row-at-a-time
/// evaluation. Nothing here touches the store, so a plain file's rules run on a thread of their
/// own (``TransferPipeline``) while the replay's thread stores the alerts of earlier batches.
///
/// A struct with mutating methods rather than closures over captured variables, so the per-row
/// path touches plain stored properties: no boxes, no dynamic exclusivity checks.
struct TransferEvaluation {
  var engine: Engine
  /// What the framer's address book hits point to.
  let lists: ScreeningLists
  /// Whether deposits and withdrawals move value through the exposure graph.
  let tracksExposure: Bool
  /// The Travel Rule messages and wallet ownership proofs that covered transfers are checked
  /// against; inactive until the store has received a Travel Rule file.
  var travelRule: TravelRuleBook
  var findings = FindingBuffer()
  /// Keeps the state touches from being optimised away.
  var touched: Int64 = 0
  /// Whether the engine's per-customer tables were sized for the file: done with the first
  /// batch, on the thread that evaluates, so the pages it faults in do not hold up the others.
  private var isStateReserved = false

  /// Rows per run: enough for many cache misses in flight, few enough that the run's state
  /// stays in the L1 cache.
  static let runLength = 128

  init(engine: Engine, lists: ScreeningLists, travelRule: TravelRuleBook) {
    self.tracksExposure = lists.feedsExposure(of: engine)
    self.engine = engine
    self.lists = lists
    self.travelRule = travelRule
  }

  /// Evaluates a batch's rows in file order, filling its verdicts.
  mutating func evaluate(_ decoded: DecodedBatch) {
    if !isStateReserved {
      engine.reserveStateForCustomers()
      isStateReserved = true
    }
    // Work on local arrays: the batch is an object, and each access to its properties would
    // be checked and counted.
    var verdicts = BatchVerdicts()
    swap(&verdicts, &decoded.verdicts)
    defer { swap(&verdicts, &decoded.verdicts) }
    let escapedTransferIDs = decoded.escapedTransferIDs
    decoded.rows.withUnsafeBufferPointer { rows in
      var start = 0
      while start < rows.count {
        let end = min(start + Self.runLength, rows.count)
        touch(rows, start..<end)
        for index in start..<end {
          // Through the buffer's address: a row is a few hundred bytes, not worth copying.
          evaluate(
            rows[index], at: index, transferID: escapedTransferIDs.isEmpty ? nil : escapedTransferIDs[index],
            into: &verdicts)
        }
        start = end
      }
    }
  }

  /// Touches the state of a run's customers (looked up by the framer) in one loop, so their
  /// cache misses overlap.
  /// - Complexity: O(run length); allocates nothing.
  private mutating func touch(_ rows: UnsafeBufferPointer<DecodedBatch.Row>, _ run: Range<Int>) {
    var touched = self.touched
    for index in run where rows[index].customer >= 0 {
      touched &+= engine.touch(rows[index].customer)
    }
    self.touched = touched
  }

  /// - Complexity: O(1); allocates nothing unless the row needs the store or a rule fires.
  @inline(__always)
  private mutating func evaluate(
    _ row: DecodedBatch.Row, at index: Int, transferID: String?, into verdicts: inout BatchVerdicts
  ) {
    // An unknown customer is the store's to reject; a listed counterparty is reported even
    // when the rules then refuse the row as a late event.
    guard row.customer >= 0 else { return verdicts.note(index, findings: &findings) }
    let fields = row.fields
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
    if let problem { return verdicts.note(index, findings: &findings, lateEvent: problem) }
    engine.evaluatePacks(event, asset: row.asset.span, into: &findings)
    engine.countMinerSale(event, baseUnits: fields.amount.baseUnits, asset: row.asset.span)
    if travelRule.isActive, let regime = engine.travelRuleRegime(of: event) {
      checkTravelRule(row, event: event, regime: regime, transferID: transferID)
    }
    verdicts.accepted.accept(at: fields.timestamp)
    if !findings.isEmpty || row.listedAddress >= 0 { verdicts.note(index, findings: &findings) }
  }

  /// Looks up what the firm holds for a transfer the Travel Rule covers, and raises the finding
  /// when that falls short.
  /// - Complexity: one hash lookup; allocates only when the rule fires.
  private mutating func checkTravelRule(
    _ row: DecodedBatch.Row, event: TransferEvent, regime: Regime, transferID: String?
  ) {
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
}

/// The store's side of a transfers file: the rejections, address hits and alerts of evaluated
/// batches, in file order, in the file's transaction.
struct TransferPass: RejectingPass {
  let batch: IngestBatch
  let ingest: Int64
  let file: String
  /// The customer book as the file found it (a transfers file adds no customer): read only.
  let customers: CustomerBook
  /// What the framer's address book hits point to.
  let lists: ScreeningLists
  /// Which direct exposure to labelled addresses alerts.
  let exposure: ExposureConfiguration
  var counts: PassCounts

  init(
    batch: IngestBatch, ingest: Int64, file: String, customers: CustomerBook, lists: ScreeningLists,
    exposure: ExposureConfiguration, meter: ProgressMeter
  ) {
    self.batch = batch
    self.ingest = ingest
    self.file = file
    self.customers = customers
    self.lists = lists
    self.exposure = exposure
    counts = PassCounts(meter: meter)
  }

  /// Stores what an evaluated batch left: the decoder's rejections and the rows' verdicts,
  /// merged back into file order.
  mutating func store(_ decoded: DecodedBatch) throws {
    let rows = decoded.rows
    let rejections = decoded.rejections
    let verdicts = decoded.verdicts
    var nextRejection = 0
    for verdict in verdicts.verdicts {
      while nextRejection < rejections.count && rejections[nextRejection].before <= verdict.row {
        try reject(rejections[nextRejection].rejection)
        nextRejection += 1
      }
      let row = rows[verdict.row]
      let escaped = decoded.escapedTransferIDs.isEmpty ? nil : decoded.escapedTransferIDs[verdict.row]
      guard row.customer >= 0 else {
        try reject(row, column: .customerID, .unknownCustomer, "customer_id is not in any customers file replayed into this store")
        continue
      }
      if row.listedAddress >= 0 { try storeAddressHits(of: row, transferID: escaped) }
      if let late = verdict.lateEvent {
        try reject(row, column: .timestamp, .lateEvent, late.message)
        continue
      }
      if !verdict.findings.isEmpty {
        try storeFindings(verdicts.findings[verdict.findings], of: row, transferID: escaped)
      }
    }
    while nextRejection < rejections.count {
      try reject(rejections[nextRejection].rejection)
      nextRejection += 1
    }
    counts.accept(verdicts.accepted)
  }

  /// Turns the findings of a row into stored alerts.
  private mutating func storeFindings(
    _ findings: ArraySlice<Finding>, of row: DecodedBatch.Row, transferID escaped: String?
  ) throws {
    let transferID = escaped ?? String(decoding: row.transferID, as: UTF8.self)
    let customerID = customers.customerID(row.customer)
    for finding in findings {
      let alert = Alert(finding: finding, customerID: customerID, transferID: transferID)
      if try batch.insert(alert, ingest: ingest) { counts.alerted() }
    }
  }

  /// One alert per list entry that names the transfer's counterparty address.
  private mutating func storeAddressHits(of row: DecodedBatch.Row, transferID escaped: String?) throws {
    let transferID = escaped ?? String(decoding: row.transferID, as: UTF8.self)
    let customerID = customers.customerID(row.customer)
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

/// A plain transfers file in three stages on three threads: framing (``TransferFraming``), the
/// rules (here), and the store (the replay's thread, which holds the file's transaction).
///
/// Why three: the rules and storing the alerts each take about as long as the other on a
/// busy day, and SQLite must stay on the thread that opened the transaction, so the rules move
/// instead. Batches go round: framed → evaluated → stored → recycled to the framer, so in
/// steady state nothing is allocated, and the store sees them in file order.
final class TransferPipeline: @unchecked Sendable {  // `evaluation` is touched by the rules' thread until `finish` has waited for it
  let framed: BatchQueue
  let evaluated: BatchQueue
  private var evaluation: TransferEvaluation
  private let framing: DispatchSemaphore
  private let rules = DispatchSemaphore(value: 0)

  /// Starts framing `reader` and evaluating with `evaluation` on threads of their own.
  init(
    _ reader: RecordReader, customers: CustomerBook, addresses: AddressBook, reference: RegulatoryReference,
    evaluation: TransferEvaluation
  ) {
    framed = BatchQueue(batches: 16, rowsPerBatch: TransferFraming.rowsPerBatch)
    evaluated = BatchQueue(batches: 0, rowsPerBatch: 0)
    self.evaluation = evaluation
    framing = TransferFraming.start(reader, customers: customers, addresses: addresses, reference: reference, into: framed)
    let thread = Thread { [self] in
      evaluate()
      rules.signal()
    }
    thread.name = "tamga-rules"
    thread.stackSize = 1 << 20
    thread.start()
  }

  private func evaluate() {
    do {
      while let batch = try framed.takeReady() {
        evaluation.evaluate(batch)
        evaluated.send(batch)
      }
      evaluated.finish(fingerprint: framed.fingerprint, failure: nil)
    } catch {
      evaluated.finish(fingerprint: nil, failure: error)
    }
  }

  /// Runs `store` on each evaluated batch in file order, on the caller's thread; returns the
  /// rules' state and the file's fingerprint once the last batch is stored.
  /// - Throws: what framing or `store` threw, after both threads have stopped.
  func drain(into store: (DecodedBatch) throws -> Void) throws -> (TransferEvaluation, SourceFingerprint) {
    var inHand: DecodedBatch?
    do {
      while let batch = try evaluated.takeReady() {
        inHand = batch
        try store(batch)
        inHand = nil
        framed.recycle(batch)
      }
    } catch {
      // Let the reader have its buffer back, or framing would wait for it forever.
      inHand?.hold?.release()
      inHand?.hold = nil
      framed.cancel()
      evaluated.cancel()
      framing.wait()
      rules.wait()
      throw error
    }
    framing.wait()
    rules.wait()
    guard let fingerprint = evaluated.fingerprint else { preconditionFailure("framing ended without a fingerprint") }
    return (evaluation, fingerprint)
  }
}
