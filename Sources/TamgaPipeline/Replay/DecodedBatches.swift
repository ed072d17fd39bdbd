import Foundation
import TamgaIngest
import TamgaModel
import TamgaRules
import TamgaScreening

/// Rows decoded on the framing thread, on their way to the rules and then the store.
///
/// The rows' byte ranges point into a reader buffer that `hold` keeps from being reused, so a
/// batch crosses threads without copying a single row.
final class DecodedBatch: @unchecked Sendable {  // owned by one thread at a time, handed over through BatchQueue
  /// A decoded row; its byte ranges are valid until `hold` is released.
  struct Row {
    var line: Int
    var raw: UnsafeBufferPointer<UInt8>
    var customerKey: UnsafeBufferPointer<UInt8>
    var transferID: UnsafeBufferPointer<UInt8>
    var fields: TransferFields
    /// The customer's id once looked up; -1 before, -2 when unknown.
    var customer: Int32
    var counterpartyAddress: UnsafeBufferPointer<UInt8>
    var chain: UnsafeBufferPointer<UInt8>
    /// The asset's ticker as spelt in the row, for the regulatory packs' explanations.
    var asset: UnsafeBufferPointer<UInt8>
    /// The counterparty VASP as spelt in the row (empty for a self-hosted wallet), for the
    /// Travel Rule's explanations.
    var counterpartyVASP: UnsafeBufferPointer<UInt8>
    /// The address book's id of the counterparty address when a list names it, else -1.
    var listedAddress: Int32
  }

  /// The text of transfer ids that were quoted or escaped in the file, by row index: rare,
  /// so kept aside rather than in every row.
  var escapedTransferIDs: [Int: String] = [:]

  var rows: [Row] = []
  /// Rows the decoder rejected, each with the number of good rows before it, so the store
  /// keeps rejections and rows in file order.
  var rejections: [(before: Int, rejection: Rejection)] = []
  var hold: BufferHold?
  /// What the rules made of the rows, once they have seen them.
  var verdicts = BatchVerdicts()

  init(capacity: Int) { rows.reserveCapacity(capacity) }

  func reset() {
    rows.removeAll(keepingCapacity: true)
    rejections.removeAll(keepingCapacity: true)
    verdicts.reset()
    escapedTransferIDs.removeAll()
    hold = nil
  }
}

/// A bounded hand-over of batches between two threads, with the spent batches coming back
/// for reuse: in steady state nothing is allocated.
final class BatchQueue: @unchecked Sendable {  // every mutable field is guarded by `condition`
  private let condition = NSCondition()
  private var spare: [DecodedBatch]
  private var ready: [DecodedBatch] = []
  private var readyHead = 0
  private var isFinished = false
  private var isCancelled = false
  private var failure: (any Error)?
  private(set) var fingerprint: SourceFingerprint?

  init(batches: Int, rowsPerBatch: Int) {
    spare = (0..<batches).map { _ in DecodedBatch(capacity: rowsPerBatch) }
    ready.reserveCapacity(batches)
  }

  struct Cancelled: Error {}

  /// Producer: an empty batch to fill. Throws when the consumer gave up.
  func takeSpare() throws -> DecodedBatch {
    condition.lock()
    defer { condition.unlock() }
    while spare.isEmpty && !isCancelled { condition.wait() }
    if isCancelled { throw Cancelled() }
    return spare.removeLast()
  }

  func send(_ batch: DecodedBatch) {
    condition.lock()
    if isCancelled {
      // Nobody will read it: let its buffer go, or the reader would wait for it forever.
      condition.unlock()
      batch.hold?.release()
      batch.hold = nil
      return
    }
    ready.append(batch)
    condition.signal()
    condition.unlock()
  }

  func finish(fingerprint: SourceFingerprint?, failure: (any Error)?) {
    condition.lock()
    self.fingerprint = fingerprint
    self.failure = failure
    isFinished = true
    condition.broadcast()
    condition.unlock()
  }

  /// Consumer: the next batch in file order, `nil` after the last.
  func takeReady() throws -> DecodedBatch? {
    condition.lock()
    defer { condition.unlock() }
    while readyHead == ready.count && !isFinished { condition.wait() }
    if readyHead < ready.count {
      let batch = ready[readyHead]
      readyHead += 1
      if readyHead == ready.count {
        ready.removeAll(keepingCapacity: true)
        readyHead = 0
      }
      return batch
    }
    if let failure { throw failure }
    return nil
  }

  func recycle(_ batch: DecodedBatch) {
    batch.hold?.release()
    batch.reset()
    condition.lock()
    spare.append(batch)
    condition.signal()
    condition.unlock()
  }

  /// The consumer stops early: the producer's next wait ends with ``Cancelled``.
  func cancel() {
    condition.lock()
    isCancelled = true
    let abandoned = ready[readyHead...]
    ready.removeAll()
    readyHead = 0
    condition.broadcast()
    condition.unlock()
    for batch in abandoned {
      batch.hold?.release()
      batch.hold = nil
    }
  }
}

/// Frames and decodes a transfers file on a thread of its own, sending batches of rows.
///
/// A plain file replays in four stages on two cores: reading on the reader thread (light),
/// framing, decoding and customer lookups here, the rules on a thread of their own, and the
/// store on the replay's thread (``TransferPipeline``). A gzip file keeps framing and the rules
/// on the replay's thread instead (``InlineSink``), because inflating already fills a core.
enum TransferFraming {
  static let rowsPerBatch = 1024

  /// Starts framing `reader`'s file into `queue`, looking customers up in `customers` (a
  /// transfers file adds none, so the book is only read) and counterparty addresses in
  /// `addresses`; returns a semaphore signalled when done.
  static func start(
    _ reader: RecordReader, customers: CustomerBook, addresses: AddressBook, reference: RegulatoryReference,
    into queue: BatchQueue
  ) -> DispatchSemaphore {
    let done = DispatchSemaphore(value: 0)
    let work = FramingWork(reader: reader, customers: customers, addresses: addresses, reference: reference, queue: queue)
    let thread = Thread {
      work.run()
      done.signal()
    }
    thread.name = "tamga-framer"
    thread.stackSize = 1 << 20
    thread.start()
    return done
  }
}

/// The framing thread's work: only that thread touches it while it runs.
private final class FramingWork: @unchecked Sendable {
  let reader: RecordReader
  let customers: CustomerBook
  let addresses: AddressBook
  let reference: RegulatoryReference
  let queue: BatchQueue

  init(
    reader: RecordReader, customers: CustomerBook, addresses: AddressBook, reference: RegulatoryReference,
    queue: BatchQueue
  ) {
    self.reader = reader
    self.customers = customers
    self.addresses = addresses
    self.reference = reference
    self.queue = queue
  }

  func run() {
    var framer = Framer(
      reader: reader, customers: customers, addresses: addresses, reference: reference, sink: QueueSink(queue: queue))
    do {
      let fingerprint = try reader.read(
        record: { try framer.take($0) }, reject: { framer.reject($0) }, windowEnd: { try framer.ship() })
      try framer.ship()
      queue.finish(fingerprint: fingerprint, failure: nil)
    } catch {
      queue.finish(fingerprint: nil, failure: error)
    }
  }
}

/// Where the framer sends its batches.
protocol BatchSink {
  /// An empty batch to fill.
  mutating func spare() throws -> DecodedBatch
  mutating func send(_ batch: DecodedBatch) throws
}

/// To the rules' thread, through a queue.
struct QueueSink: BatchSink {
  let queue: BatchQueue
  func spare() throws -> DecodedBatch { try queue.takeSpare() }
  func send(_ batch: DecodedBatch) { queue.send(batch) }
}

/// Straight to the rules and the store on the same thread. For gzip files: inflating already
/// keeps one core busy, and more busy threads would take a share of that core.
struct InlineSink: BatchSink {
  var evaluation: TransferEvaluation
  var pass: TransferPass
  let batch = DecodedBatch(capacity: TransferFraming.rowsPerBatch)

  func spare() -> DecodedBatch { batch }

  mutating func send(_ batch: DecodedBatch) throws {
    defer {
      batch.hold?.release()
      batch.reset()
    }
    evaluation.evaluate(batch)
    try pass.store(batch)
  }
}

/// Decodes rows into arrays of its own and swaps them into a batch when it ships one: the
/// per-row path touches plain stored properties of a struct, never a shared object.
struct Framer<Sink: BatchSink> {
  let reader: RecordReader
  let customers: CustomerBook
  /// The listed addresses; empty when no list is loaded, and then never consulted.
  let addresses: AddressBook
  var sink: Sink
  var decoder: TransferDecoder
  var fields = TransferFields()
  var rows: [DecodedBatch.Row] = []
  var rejections: [(before: Int, rejection: Rejection)] = []
  var escapedTransferIDs: [Int: String] = [:]
  var keys: [UnsafeBufferPointer<UInt8>] = []
  var ids: [Int32] = []

  init(
    reader: RecordReader, customers: CustomerBook, addresses: AddressBook, reference: RegulatoryReference, sink: Sink
  ) {
    self.reader = reader
    self.customers = customers
    self.addresses = addresses
    self.sink = sink
    decoder = TransferDecoder(reference: reference)
    rows.reserveCapacity(TransferFraming.rowsPerBatch)
    keys.reserveCapacity(TransferFraming.rowsPerBatch)
    ids = [Int32](repeating: -1, count: TransferFraming.rowsPerBatch)
  }

  /// Looks up the customers of the rows decoded so far, all at once so the misses overlap.
  mutating func lookUpCustomers() {
    keys.removeAll(keepingCapacity: true)
    for row in rows { keys.append(row.customerKey) }
    let customers = self.customers
    keys.withUnsafeBufferPointer { keys in
      ids.withUnsafeMutableBufferPointer { ids in customers.customers(keys, into: ids) }
    }
    for index in rows.indices where rows[index].customer == -1 {
      rows[index].customer = ids[index] >= 0 ? ids[index] : -2
    }
  }

  @inline(__always)
  mutating func take(_ record: borrowing Record) throws {
    if let rejection = decoder.decode(record, into: &fields) {
      return reject(rejection)
    }
    let customerColumn = TransferDecoder.Column.customerID.rawValue
    let transferColumn = TransferDecoder.Column.transferID.rawValue
    var customer: Int32 = -1
    if record.isEscaped(customerColumn) {
      // Quoted with doubled quotes, or JSON escapes: rare, so looked up by its text at once.
      customer = customers.customer(record.text(customerColumn)) ?? -2
    }
    if record.isEscaped(transferColumn) { escapedTransferIDs[rows.count] = record.text(transferColumn) }
    // Address screening: one hash probe, on this thread, so the rules' thread only reads the result.
    let counterparty = record.bytes(TransferDecoder.Column.counterpartyAddress.rawValue)
    let chain = record.bytes(TransferDecoder.Column.chain.rawValue)
    var listed: Int32 = -1
    if !addresses.isEmpty && !counterparty.isEmpty { listed = addresses.lookUp(counterparty, chain: chain) ?? -1 }
    rows.append(
      DecodedBatch.Row(
        line: record.line, raw: record.raw, customerKey: record.bytes(customerColumn),
        transferID: record.bytes(transferColumn), fields: fields, customer: customer, counterpartyAddress: counterparty,
        chain: chain, asset: record.bytes(TransferDecoder.Column.asset.rawValue),
        counterpartyVASP: record.bytes(TransferDecoder.Column.counterpartyVASP.rawValue), listedAddress: listed))
    if rows.count == TransferFraming.rowsPerBatch { try ship() }
  }

  mutating func reject(_ rejection: Rejection) {
    rejections.append((rows.count, rejection))
  }

  /// Sends what was decoded since the last batch, holding the buffer its rows point into.
  mutating func ship() throws {
    guard !rows.isEmpty || !rejections.isEmpty else { return }
    lookUpCustomers()
    let batch = try sink.spare()
    swap(&batch.rows, &rows)
    swap(&batch.rejections, &rejections)
    swap(&batch.escapedTransferIDs, &escapedTransferIDs)
    if !batch.rows.isEmpty { batch.hold = reader.holdCurrentBuffer() }
    try sink.send(batch)
  }
}
