import TamgaIngest
import TamgaModel
import TamgaRules
import TamgaStore

/// One pass over a transfers file: decode, look up the customer, evaluate, store what fired.
///
/// Rows are decoded as they come and evaluated a buffer at a time (see
/// ``RecordReader/read(record:reject:windowEnd:)``): between the two, the customers of the
/// whole batch are looked up and their state touched in one tight loop, so the cache misses of
/// a large customer base overlap instead of stalling every row. Evaluation still runs in file
/// order, so alerts are the same as row-at-a-time evaluation.
///
/// A struct with mutating methods rather than closures over captured variables, so the per-row
/// path touches plain stored properties: no boxes, no dynamic exclusivity checks.
struct TransferPass {
  /// A decoded row waiting for evaluation; its byte ranges point into the reader's buffer,
  /// valid until the window ends.
  struct Pending {
    var line: Int
    var raw: UnsafeBufferPointer<UInt8>
    var customerKey: UnsafeBufferPointer<UInt8>
    var transferID: UnsafeBufferPointer<UInt8>
    var fields: TransferFields
    /// The customer's id once looked up; -1 before, -2 when unknown.
    var customer: Int32
  }

  var engine: Engine
  let batch: IngestBatch
  let ingest: Int64
  let file: String
  var decoder = TransferDecoder()
  var fields = TransferFields()
  var findings = FindingBuffer()
  var pending: [Pending] = []
  /// The batch's customer keys and their ids, for ``Engine/customers(_:into:)``.
  var keys: [UnsafeBufferPointer<UInt8>] = []
  var ids: [Int32] = []
  var counts: PassCounts
  /// Keeps the state touches of ``flush()`` from being optimised away.
  var touched: Int64 = 0

  init(engine: Engine, batch: IngestBatch, ingest: Int64, file: String, meter: ProgressMeter) {
    self.engine = engine
    self.batch = batch
    self.ingest = ingest
    self.file = file
    counts = PassCounts(meter: meter)
    pending.reserveCapacity(Self.batchSize)
    keys.reserveCapacity(Self.batchSize)
    ids = [Int32](repeating: -1, count: Self.batchSize)
  }

  /// Decodes a row into the pending batch, or rejects it.
  /// - Complexity: O(row length); allocates nothing unless the row is rejected.
  @inline(__always)
  mutating func take(_ record: borrowing Record) throws {
    if let rejection = decoder.decode(record, into: &fields) {
      return try reject(rejection)
    }
    let customerColumn = TransferDecoder.Column.customerID.rawValue
    var customer: Int32 = -1
    if record.isEscaped(customerColumn) {
      // A quoted id with doubled quotes: rare enough to look up by its text at once.
      customer = engine.customers.customer(record.text(customerColumn)) ?? -2
    }
    pending.append(
      Pending(
        line: record.line, raw: record.raw, customerKey: record.bytes(customerColumn),
        transferID: record.bytes(TransferDecoder.Column.transferID.rawValue), fields: fields, customer: customer))
    if pending.count == Self.batchSize { try flush() }
  }

  /// Rows per batch: enough for many cache misses in flight, few enough that the batch itself
  /// stays in the L1 cache.
  static let batchSize = 128

  /// Evaluates the pending rows in file order.
  mutating func flush() throws {
    guard !pending.isEmpty else { return }
    keys.removeAll(keepingCapacity: true)
    for row in pending { keys.append(row.customerKey) }
    keys.withUnsafeBufferPointer { keys in
      ids.withUnsafeMutableBufferPointer { ids in engine.customers(keys, into: ids) }
    }
    for index in pending.indices where pending[index].customer == -1 {
      pending[index].customer = ids[index] >= 0 ? ids[index] : -2
    }
    var touched = self.touched
    for index in pending.indices where pending[index].customer >= 0 {
      touched &+= engine.touch(pending[index].customer)
    }
    self.touched = touched
    for index in pending.indices {
      let row = pending[index]
      guard row.customer >= 0 else {
        try reject(row, column: .customerID, .unknownCustomer, "customer_id is not in any customers file replayed into this store")
        continue
      }
      let fields = row.fields
      let event = TransferEvent(customer: row.customer, timestamp: fields.timestamp, kind: fields.kind, usdValue: fields.usdValue)
      if let problem = engine.evaluate(event, into: &findings) {
        try reject(row, column: .timestamp, .lateEvent, problem.message)
        continue
      }
      counts.accept(at: fields.timestamp)
      if !findings.isEmpty { try storeFindings(of: row) }
    }
    pending.removeAll(keepingCapacity: true)
  }

  /// Turns the findings of a row into stored alerts.
  private mutating func storeFindings(of row: Pending) throws {
    let transferID = Self.text(row.transferID, escapedIn: row.raw)
    let customerID = engine.customers.customerID(row.customer)
    for finding in findings.findings {
      let alert = Alert(finding: finding, customerID: customerID, transferID: transferID)
      if try batch.insert(alert, ingest: ingest) { counts.alerted() }
    }
    findings.clear()
  }

  /// A field's text; a quoted field with doubled quotes is undone here, as ``Record/text(_:)``
  /// would.
  static func text(_ bytes: UnsafeBufferPointer<UInt8>, escapedIn raw: UnsafeBufferPointer<UInt8>) -> String {
    let text = String(decoding: bytes, as: UTF8.self)
    return text.contains("\"\"") ? text.split(separator: "\"\"", omittingEmptySubsequences: false).joined(separator: "\"") : text
  }

  private mutating func reject(
    _ row: Pending, column: TransferDecoder.Column, _ code: Rejection.Code, _ message: String
  ) throws {
    try reject(
      Rejection(
        file: file, line: row.line, column: TransferDecoder.schema.columns[column.rawValue].name,
        reason: .init(code, message), raw: Array(row.raw.prefix(Rejection.rawLimit))))
  }

  mutating func reject(_ rejection: Rejection) throws {
    try batch.insert(rejection, ingest: ingest)
    counts.rejected()
  }
}

/// One pass over a customers file: each record updates the engine and the store.
struct CustomerPass {
  var engine: Engine
  let batch: IngestBatch
  let ingest: Int64
  let decoder = CustomerDecoder()
  var counts: PassCounts

  init(engine: Engine, batch: IngestBatch, ingest: Int64, meter: ProgressMeter) {
    self.engine = engine
    self.batch = batch
    self.ingest = ingest
    counts = PassCounts(meter: meter)
  }

  mutating func take(_ record: borrowing Record) throws {
    switch decoder.decode(record) {
    case .success(let customer):
      engine.apply(customer)
      try batch.insert(customer, ingest: ingest)
      counts.accept(at: customer.recordedAt)
    case .failure(let rejection):
      try reject(rejection)
    }
  }

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
