import Foundation

/// A fixed set of byte buffers passed between the reader thread and the parsing thread.
///
/// The reader fills a free buffer and hands it over; the parser hands it back when done, so in
/// steady state nothing is allocated. Each buffer keeps `carryRoom` bytes in front of its data,
/// where the parser copies the unfinished record from the previous buffer: records that cross a
/// buffer boundary are stitched together without copying the buffers themselves.
final class ChunkPipe: @unchecked Sendable {  // every mutable field is guarded by `condition`
  struct Filled {
    var buffer: Int
    var count: Int
  }

  let carryRoom: Int
  let chunkSize: Int
  let buffers: [UnsafeMutablePointer<UInt8>]
  private let condition = NSCondition()
  private var free: [Int]
  /// How many holders each buffer has: the parser, and any batch still pointing into it.
  private var holders: [Int]
  private var filled: [Filled] = []
  private var filledHead = 0
  private var isFinished = false
  private var isCancelled = false
  private var failure: IngestError?

  init(bufferCount: Int, chunkSize: Int, carryRoom: Int) {
    self.carryRoom = carryRoom
    self.chunkSize = chunkSize
    buffers = (0..<bufferCount).map { _ in
      UnsafeMutablePointer<UInt8>.allocate(capacity: carryRoom + chunkSize)
    }
    free = Array(0..<bufferCount)
    holders = Array(repeating: 0, count: bufferCount)
    filled.reserveCapacity(bufferCount)
    free.reserveCapacity(bufferCount)
  }

  deinit { buffers.forEach { $0.deallocate() } }

  /// Reader side: waits for a free buffer; `nil` when the parser has stopped listening.
  func takeFree() -> Int? {
    condition.lock()
    defer { condition.unlock() }
    while free.isEmpty && !isCancelled { condition.wait() }
    return isCancelled ? nil : free.removeLast()
  }

  func deliver(buffer: Int, count: Int) {
    condition.lock()
    holders[buffer] = 1  // the parser's hold
    filled.append(Filled(buffer: buffer, count: count))
    condition.signal()
    condition.unlock()
  }

  func finish(failure: IngestError?) {
    condition.lock()
    isFinished = true
    self.failure = failure
    condition.broadcast()
    condition.unlock()
  }

  /// Parser side: the next filled buffer, `nil` at the end of the stream.
  /// - Throws: the reader's error (a corrupt gzip stream, a read error) once it is reached.
  func takeFilled() throws(IngestError) -> Filled? {
    condition.lock()
    defer { condition.unlock() }
    while filledHead == filled.count && !isFinished { condition.wait() }
    if filledHead < filled.count {
      let next = filled[filledHead]
      filledHead += 1
      if filledHead == filled.count {
        filled.removeAll(keepingCapacity: true)
        filledHead = 0
      }
      return next
    }
    if let failure { throw failure }
    return nil
  }

  /// Adds a holder to a filled buffer: it is not reused until every holder released it.
  func retain(buffer: Int) {
    condition.lock()
    holders[buffer] += 1
    condition.unlock()
  }

  func release(buffer: Int) {
    condition.lock()
    holders[buffer] -= 1
    if holders[buffer] <= 0 {
      holders[buffer] = 0
      free.append(buffer)
      condition.broadcast()
    }
    condition.unlock()
  }

  /// The parser stops early (an error of its own): the reader must not wait forever.
  func cancel() {
    condition.lock()
    isCancelled = true
    condition.broadcast()
    condition.unlock()
  }
}

/// A hold on a reader buffer, so that records pointing into it stay valid on another thread.
///
/// Release it exactly once, when nothing points into the buffer any more.
public struct BufferHold: @unchecked Sendable {  // the pipe is thread-safe; the index is a value
  let pipe: ChunkPipe
  let buffer: Int

  public func release() { pipe.release(buffer: buffer) }
}
