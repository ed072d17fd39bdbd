import Foundation
public import TamgaModel

/// Reads a CSV or NDJSON file record by record, straight from the reader thread's buffers.
///
/// Records are framed with a maximum length, fields are split on byte ranges and mapped to the
/// schema's columns by name; a record that cannot be framed (wrong field count, bad quoting,
/// invalid UTF-8, too long, not a JSON object) becomes a ``Rejection`` and reading goes on.
/// A file that cannot be read at all throws ``IngestError``. A reader reads its file once:
/// line numbers and the header mapping are its state.
public final class RecordReader {
  public let source: SourceFile
  public let schema: Schema
  public let format: RecordFormat
  /// Longest record accepted, in bytes, line ending excluded.
  public let maxRecordBytes: Int
  /// Bytes per buffer handed from the reader thread; megabytes amortise the hand-over, small
  /// values let tests put record boundaries anywhere.
  public let chunkSize: Int
  /// Buffers in flight between the reader thread and the callers.
  public let bufferCount: Int

  private let slots: UnsafeMutablePointer<FieldSlot>
  private let columnCount: Int
  /// CSV: for each field position of the header, the schema column it fills, or -1. A raw
  /// buffer, not an array, so the per-field lookup retains nothing.
  private var columnOfField = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)
  private var headerFieldCount = 0
  private var nextLine = 1
  private var skipping: SkippedRecord?
  /// While reading: the stream and the buffer being scanned, for ``holdCurrentBuffer()``.
  private var stream: ByteStream?
  private var currentBuffer = -1
  /// A stream started by ``prepare()`` and not yet read.
  private var prepared: ByteStream?
  private var isFirstWindow = true

  private struct SkippedRecord {
    var line: Int
    var raw: [UInt8]
  }

  public init(
    source: SourceFile, schema: Schema, format: RecordFormat? = nil, maxRecordBytes: Int = 65_536,
    chunkSize: Int = 4 << 20, bufferCount: Int = 4
  ) {
    self.chunkSize = chunkSize
    self.bufferCount = max(bufferCount, 3)
    self.source = source
    self.schema = schema
    self.format = format ?? RecordFormat(path: source.path)
    self.maxRecordBytes = maxRecordBytes
    columnCount = schema.columns.count
    slots = .allocate(capacity: schema.columns.count)
    slots.initialize(repeating: .empty, count: schema.columns.count)
  }

  deinit {
    prepared?.cancel()
    slots.deallocate()
    columnOfField.deallocate()
  }

  /// Reads the whole file, calling `record` for each framed record and `reject` for each
  /// record that could not be framed, in file order.
  ///
  /// - Returns: the file's fingerprint (SHA-256 of its bytes as stored, size, gzip or not).
  /// - Throws: ``IngestError`` when the file cannot be read; whatever the callbacks throw.
  /// - Parameter windowEnd: called after the records of each buffer were handed out and
  ///   before that buffer is reused. Until then the bytes of every ``Record`` of the buffer stay
  ///   where they are, so a caller may keep their addresses to work on records in batches.
  public func read(
    record: (borrowing Record) throws -> Void,
    reject: (Rejection) throws -> Void,
    windowEnd: () throws -> Void = {}
  ) throws -> SourceFingerprint {
    let stream = try prepared ?? ByteStream(source, chunkSize: chunkSize, carryRoom: maxRecordBytes + 4, bufferCount: bufferCount)
    prepared = nil
    self.stream = stream
    defer {
      self.stream = nil
      currentBuffer = -1
    }
    do {
      try pump(stream, record: record, reject: reject, windowEnd: windowEnd)
    } catch {
      stream.cancel()
      throw error
    }
    return try stream.fingerprint()
  }

  /// Starts reading (and inflating) the file on the reader thread now, so that its buffers
  /// fill while the caller gets ready; ``read(record:reject:windowEnd:)`` then takes them.
  /// A reader prepared but never read stops its thread when it goes away.
  public func prepare() throws {
    guard prepared == nil else { return }
    prepared = try ByteStream(source, chunkSize: chunkSize, carryRoom: maxRecordBytes + 4, bufferCount: bufferCount)
  }

  /// Keeps the buffer that the current record lies in from being reused until the returned
  /// hold is released: for callers that hand records to another thread. Call only from the
  /// `record` or `windowEnd` callback of ``read(record:reject:windowEnd:)``.
  public func holdCurrentBuffer() -> BufferHold {
    guard let stream, currentBuffer >= 0 else { preconditionFailure("holdCurrentBuffer() outside a read") }
    stream.pipe.retain(buffer: currentBuffer)
    return BufferHold(pipe: stream.pipe, buffer: currentBuffer)
  }

  /// Reads the header (CSV) or first record (NDJSON) only, to fail fast on a file that cannot
  /// be used before any file of a run is replayed.
  public static func checkReadable(_ source: SourceFile, schema: Schema, format: RecordFormat? = nil) throws {
    // Small buffers: only the first record is read.
    let reader = RecordReader(source: source, schema: schema, format: format, chunkSize: 1 << 16)
    struct Enough: Error {}
    do {
      _ = try reader.read(record: { _ in throw Enough() }, reject: { _ in throw Enough() })
    } catch is Enough {
      return
    }
  }

  private func pump(
    _ stream: ByteStream, record: (borrowing Record) throws -> Void, reject: (Rejection) throws -> Void,
    windowEnd: () throws -> Void
  ) throws {
    let pipe = stream.pipe
    var previous: ChunkPipe.Filled?
    var carry = 0
    while true {
      guard let next = try pipe.takeFilled() else { break }
      let base = pipe.buffers[next.buffer] + pipe.carryRoom
      if let previous {
        if carry > 0 {
          let previousEnd = pipe.buffers[previous.buffer] + pipe.carryRoom + previous.count
          (base - carry).update(from: previousEnd - carry, count: carry)
        }
        pipe.release(buffer: previous.buffer)
      }
      let window = UnsafeBufferPointer(start: UnsafePointer(base - carry), count: carry + next.count)
      currentBuffer = next.buffer
      let consumed = try scan(window, atEnd: false, record: record, reject: reject)
      try windowEnd()
      carry = window.count - consumed
      previous = next
    }
    if let previous {
      let end = pipe.buffers[previous.buffer] + pipe.carryRoom + previous.count
      if carry > 0 || skipping != nil {
        currentBuffer = previous.buffer
        let window = UnsafeBufferPointer(start: UnsafePointer(end - carry), count: carry)
        _ = try scan(window, atEnd: true, record: record, reject: reject)
        try windowEnd()
      }
      pipe.release(buffer: previous.buffer)
    } else if format == .csv {
      throw IngestError(.emptyFile, file: source.path, "the file is empty: a CSV file needs a header row")
    }
    if format == .csv && headerFieldCount == 0 {
      throw IngestError(.emptyFile, file: source.path, "no header row")
    }
  }

  /// Frames every complete record in `window`; returns how many bytes were consumed (the rest
  /// is an unfinished record, carried into the next window).
  private func scan(
    _ window: UnsafeBufferPointer<UInt8>, atEnd: Bool,
    record: (borrowing Record) throws -> Void, reject: (Rejection) throws -> Void
  ) throws -> Int {
    guard let base = window.baseAddress else { return 0 }
    let end = window.count
    var position = 0
    if isFirstWindow {
      isFirstWindow = false
      // A UTF-8 byte order mark, as spreadsheet exports write it, is not part of the header.
      if end >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { position = 3 }
    }
    while position < end || (atEnd && skipping != nil) {
      if var skipped = skipping {
        // Inside a record longer than the limit: drop bytes up to the next line feed.
        var i = position
        while i < end && base[i] != 10 { i += 1 }
        if skipped.raw.count < Rejection.rawLimit {
          skipped.raw.append(contentsOf: UnsafeBufferPointer(start: base + position, count: min(i - position, Rejection.rawLimit - skipped.raw.count)))
        }
        if i == end && !atEnd {
          skipping = skipped
          return end
        }
        skipping = nil
        nextLine += 1
        try reject(
          Rejection(
            file: source.path, line: skipped.line, column: nil,
            reason: .init(.lineTooLong, "record is longer than the \(maxRecordBytes)-byte limit"),
            raw: skipped.raw))
        position = min(i + 1, end)
        continue
      }
      let outcome: Outcome
      switch format {
      case .csv: outcome = scanCSV(base, from: position, end: end, atEnd: atEnd)
      case .ndjson: outcome = scanNDJSON(base, from: position, end: end, atEnd: atEnd)
      }
      switch outcome {
      case .incomplete:
        if end - position > maxRecordBytes {
          let kept = min(end - position, Rejection.rawLimit)
          skipping = SkippedRecord(line: nextLine, raw: Array(UnsafeBufferPointer(start: base + position, count: kept)))
          return end
        }
        return position
      case .blank(let next):
        nextLine += 1
        position = next
      case .framed(let recordEnd, let next, let extraLines, let nonASCII):
        let line = nextLine
        nextLine += 1 + extraLines
        position = next
        let raw = UnsafeBufferPointer(start: UnsafePointer(base + recordEnd.lowerBound), count: recordEnd.count)
        if raw.count > maxRecordBytes {
          try reject(rejection(line: line, raw: raw, column: nil, .lineTooLong, "record is longer than the \(maxRecordBytes)-byte limit"))
          continue
        }
        if format == .csv && headerFieldCount == 0 {
          if nonASCII, firstInvalidUTF8(raw) != nil {
            throw IngestError(.badHeader, file: source.path, "line \(line): the header row is not valid UTF-8")
          }
          try takeHeader(raw, line: line)
          continue
        }
        if nonASCII, let bad = firstInvalidUTF8(raw) {
          try reject(rejection(line: line, raw: raw, column: column(containing: bad, of: raw), .invalidUTF8, "invalid UTF-8 at byte \(bad + 1) of the record"))
          continue
        }
        if case .failed(let column, let code, let message) = fieldsOutcome {
          try reject(rejection(line: line, raw: raw, column: column, code, message))
          continue
        }
        try record(Record(slots: slots, columnCount: columnCount, raw: raw, line: line, reader: self))
      }
    }
    return position
  }

  private func rejection(line: Int, raw: UnsafeBufferPointer<UInt8>, column: Int?, _ code: Rejection.Code, _ message: String) -> Rejection {
    Rejection(
      file: source.path, line: line, column: column.map { schema.columns[$0].name },
      reason: .init(code, message), raw: Array(raw.prefix(Rejection.rawLimit)))
  }

  // MARK: - Framing outcomes

  enum Outcome {
    /// The window ends inside a record.
    case incomplete
    /// An empty line, skipped.
    case blank(next: Int)
    /// A record at `recordEnd` (line ending excluded); `next` is where the following one starts.
    case framed(recordEnd: Range<Int>, next: Int, extraLines: Int, nonASCII: Bool)
  }

  /// Whether the fields of the last framed record fit the schema.
  enum FieldsOutcome {
    case ok
    case failed(column: Int?, Rejection.Code, String)
  }

  private var fieldsOutcome: FieldsOutcome = .ok

  /// The schema column whose field holds byte `offset` of the record, for UTF-8 messages.
  private func column(containing offset: Int, of raw: UnsafeBufferPointer<UInt8>) -> Int? {
    guard let base = raw.baseAddress else { return nil }
    let target = base + offset
    for column in 0..<schema.columns.count {
      let slot = slots[column]
      guard let start = slot.start, slot.flags & FieldSlot.present != 0 else { continue }
      if target >= start && target < start + max(slot.count, 1) { return column }
    }
    return nil
  }

  // MARK: - CSV

  private func takeHeader(_ raw: UnsafeBufferPointer<UInt8>, line: Int) throws {
    var names: [String] = []
    var i = 0
    var field: [UInt8] = []
    var quoted = false
    while i <= raw.count {
      let byte: UInt8? = i < raw.count ? raw[i] : nil
      if let byte, byte == UInt8(ascii: "\"") {
        if quoted && i + 1 < raw.count && raw[i + 1] == UInt8(ascii: "\"") {
          field.append(byte)
          i += 1
        } else {
          quoted.toggle()
        }
      } else if byte == nil || (byte == UInt8(ascii: ",") && !quoted) {
        names.append(String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased())
        field.removeAll()
      } else if let byte {
        field.append(byte)
      }
      i += 1
    }
    headerFieldCount = names.count
    let mapping = names.map { name in schema.columns.firstIndex { $0.name == name } ?? -1 }
    columnOfField.deallocate()
    columnOfField = .allocate(capacity: mapping.count)
    _ = columnOfField.initialize(from: mapping)
    let missing = schema.columns.indices.filter { column in
      schema.columns[column].isRequired && !mapping.contains(column)
    }
    guard missing.isEmpty else {
      let list = missing.map { schema.columns[$0].name }.joined(separator: ", ")
      throw IngestError(
        .missingColumn, file: source.path,
        "line \(line): the header lacks the required column\(missing.count > 1 ? "s" : "") \(list) of the \(schema.name) format")
    }
    for column in 0..<schema.columns.count { slots[column] = .empty }
  }

  /// Frames one CSV record (RFC 4180: quoted fields may hold commas, quotes doubled, and line
  /// breaks) and fills the schema's slots.
  /// - Complexity: O(record length); allocates nothing.
  @inline(__always)
  private func scanCSV(_ p: UnsafePointer<UInt8>, from start: Int, end: Int, atEnd: Bool) -> Outcome {
    if p[start] == 10 { return .blank(next: start + 1) }
    if p[start] == 13 && start + 1 < end && p[start + 1] == 10 { return .blank(next: start + 2) }
    let isHeader = headerFieldCount == 0
    var i = start
    var field = 0
    var extraLines = 0
    var highBits: UInt8 = 0
    var failure: FieldsOutcome = .ok
    let fieldCount = headerFieldCount
    while true {
      var fieldStart = i
      var fieldEnd: Int
      var flags = FieldSlot.present
      if i < end && p[i] == UInt8(ascii: "\"") {
        i += 1
        fieldStart = i
        while true {
          if i >= end {
            if !atEnd { return .incomplete }
            if case .ok = failure { failure = .failed(column: nil, .malformedQuote, "a quoted field is not closed before the end of the file") }
            return finish(start, end, next: end, extraLines, highBits, isHeader, failure, field)
          }
          let byte = p[i]
          if byte == UInt8(ascii: "\"") {
            if i + 1 >= end && !atEnd { return .incomplete }
            if i + 1 < end && p[i + 1] == UInt8(ascii: "\"") {
              flags |= FieldSlot.doubledQuotes
              i += 2
              continue
            }
            break
          }
          if byte == 10 { extraLines += 1 }
          highBits |= byte
          i += 1
        }
        fieldEnd = i
        i += 1  // the closing quote
        if i < end, p[i] != UInt8(ascii: ","), p[i] != 10,
          !(p[i] == 13 && (i + 1 >= end || p[i + 1] == 10))
        {
          if i + 1 >= end && !atEnd && p[i] == 13 { return .incomplete }
          if case .ok = failure {
            failure = .failed(column: nil, .malformedQuote, "text after the closing quote of field \(field + 1)")
          }
          while i < end && p[i] != UInt8(ascii: ",") && p[i] != 10 {
            highBits |= p[i]
            i += 1
          }
        } else if i < end && p[i] == 13 {
          i += 1
        }
      } else {
        // Eight bytes at a time: a word with no comma and no line feed is skipped whole.
        let raw = UnsafeRawPointer(p)
        while i + 8 <= end {
          let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
          let stops = Self.zeroBytes(word ^ 0x2C2C_2C2C_2C2C_2C2C) | Self.zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
          if stops == 0 {
            highBits |= Self.highBits(word)
            i += 8
            continue
          }
          // The lowest flagged byte is exact; bytes before it belong to the field.
          let before = stops.trailingZeroBitCount / 8
          if before > 0 { highBits |= Self.highBits(word & (UInt64.max >> UInt64(64 - 8 * before))) }
          i += before
          break
        }
        while i < end {
          let byte = p[i]
          if byte == UInt8(ascii: ",") || byte == 10 { break }
          highBits |= byte
          i += 1
        }
        fieldEnd = i
        if i < end && p[i] == 10 && fieldEnd > fieldStart && p[fieldEnd - 1] == 13 { fieldEnd -= 1 }
      }
      if i >= end && !atEnd { return .incomplete }
      if !isHeader && field < fieldCount {
        let column = columnOfField[field]
        if column >= 0 { slots[column] = FieldSlot(start: p + fieldStart, count: fieldEnd - fieldStart, flags: flags) }
      }
      field += 1
      if i < end && p[i] == UInt8(ascii: ",") {
        i += 1
        if i >= end && !atEnd { return .incomplete }
        if i >= end || p[i] == 10 || (p[i] == 13 && i + 1 < end && p[i + 1] == 10) {
          // A trailing comma: one more, empty, field.
          if !isHeader && field < fieldCount {
            let column = columnOfField[field]
            if column >= 0 { slots[column] = FieldSlot(start: p + i, count: 0, flags: FieldSlot.present) }
          }
          field += 1
          let recordEnd = i
          let next = i >= end ? end : (p[i] == 10 ? i + 1 : i + 2)
          return finish(start, recordEnd, next: next, extraLines, highBits, isHeader, failure, field)
        }
        continue
      }
      // At a line feed or the end of the file.
      var recordEnd = i
      if i < end && i > start && p[i - 1] == 13 { recordEnd -= 1 }
      return finish(start, recordEnd, next: min(i + 1, end), extraLines, highBits, isHeader, failure, field)
    }
  }

  /// The high bit of each byte of `word` that is zero (the lowest flagged byte is exact).
  @inline(__always)
  static func zeroBytes(_ word: UInt64) -> UInt64 {
    (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
  }

  /// The OR of a word's bytes' high bits, in the low byte: whether any byte is non-ASCII.
  @inline(__always)
  static func highBits(_ word: UInt64) -> UInt8 {
    (word & 0x8080_8080_8080_8080) == 0 ? 0 : 0x80
  }

  @inline(__always)
  private func finish(
    _ start: Int, _ recordEnd: Int, next: Int, _ extraLines: Int, _ highBits: UInt8, _ isHeader: Bool,
    _ failure: FieldsOutcome, _ fields: Int
  ) -> Outcome {
    if case .failed = failure {
      fieldsOutcome = failure
    } else if !isHeader && fields != headerFieldCount {
      fieldsOutcome = .failed(
        column: nil, .wrongFieldCount, "expected \(headerFieldCount) fields as in the header, found \(fields)")
    } else {
      fieldsOutcome = .ok
    }
    return .framed(recordEnd: start..<recordEnd, next: next, extraLines: extraLines, nonASCII: highBits & 0x80 != 0)
  }

  // MARK: - NDJSON

  /// Frames one NDJSON line and maps the object's keys to the schema's slots.
  /// - Complexity: O(line length); allocates nothing.
  private func scanNDJSON(_ p: UnsafePointer<UInt8>, from start: Int, end: Int, atEnd: Bool) -> Outcome {
    var lineEnd = start
    if let found = memchr(p + start, 10, end - start) {
      lineEnd = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - p
    } else {
      if !atEnd { return .incomplete }
      lineEnd = end
    }
    let next = min(lineEnd + 1, end)
    var recordEnd = lineEnd
    if recordEnd > start && p[recordEnd - 1] == 13 { recordEnd -= 1 }
    var i = start
    while i < recordEnd && (p[i] == 32 || p[i] == 9) { i += 1 }
    if i == recordEnd { return .blank(next: next) }
    for column in 0..<columnCount { slots[column] = .empty }
    var parser = JSONObjectScanner(p: p, i: i, end: recordEnd)
    fieldsOutcome = parser.scan(schema: schema, into: slots)
    return .framed(recordEnd: start..<recordEnd, next: next, extraLines: 0, nonASCII: parser.highBits & 0x80 != 0)
  }
}

/// The byte offset of the first invalid UTF-8 sequence, or `nil` when the bytes are valid.
func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
  var i = 0
  let n = bytes.count
  while i < n {
    let b = bytes[i]
    if b < 0x80 {
      i += 1
      continue
    }
    let length: Int
    var minimum: UInt32
    var scalar: UInt32
    switch b {
    case 0xC2...0xDF: (length, minimum, scalar) = (2, 0x80, UInt32(b & 0x1F))
    case 0xE0...0xEF: (length, minimum, scalar) = (3, 0x800, UInt32(b & 0x0F))
    case 0xF0...0xF4: (length, minimum, scalar) = (4, 0x10000, UInt32(b & 0x07))
    default: return i
    }
    guard i + length <= n else { return i }
    for j in 1..<length {
      let c = bytes[i + j]
      guard c & 0xC0 == 0x80 else { return i }
      scalar = scalar << 6 | UInt32(c & 0x3F)
    }
    guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return i }
    minimum = 0
    i += length
  }
  return nil
}
