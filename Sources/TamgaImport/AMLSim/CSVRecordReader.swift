internal import Foundation

/// Reads a CSV file one record at a time, a megabyte at a time, as bytes.
///
/// The transactions file is read in fixed chunks and each record's fields land in one reused byte
/// buffer, so memory stays flat however long the file is and no row becomes a `String`. It follows
/// RFC 4180 as Tamga does: quoted fields may hold commas, doubled quotes and line breaks; CRLF
/// line ends, a UTF-8 byte order mark and blank lines (anywhere, including at the end) are accepted.
/// A record it cannot split is reported with its line and read past, never fatal.
struct CSVRecordReader {
  /// What `next()` found.
  enum Next: Equatable {
    /// A record, whose fields are now available through `field(_:)`; `line` is the physical line
    /// it starts on.
    case record(line: Int)
    /// A record that could not be split into fields; reading continues after it.
    case unsplittable(line: Int, RefusalReason)
    /// The end of the file.
    case end
  }

  /// Rows longer than this are refused: AMLSim rows are about 30 bytes, so a longer one means a
  /// missing line break or a binary file, and buffering it whole could exhaust memory.
  static let maximumRecordBytes = 65_536

  let path: String
  private let handle: FileHandle
  private var chunk: [UInt8] = []
  private var position = 0
  private var isAtEnd = false
  private var hasReadFirstChunk = false
  /// The physical line the next byte belongs to.
  private var line = 1

  /// The current record's field contents, back to back (quotes removed, doubled quotes undone).
  private var content: [UInt8] = []
  /// Where each field of the current record ends in `content`.
  private var fieldEnds: [Int] = []

  /// Opens the file at `url`, or explains why it cannot be read.
  init(url: URL) throws(ImportError) {
    path = url.path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw ImportError(.fileMissing, path: path)
    }
    guard !isFolder.boolValue else { throw ImportError(.notAFile, path: path) }
    do {
      handle = try FileHandle(forReadingFrom: url)
    } catch {
      throw ImportError(.unreadable, path: path, detail: "\(error.localizedDescription)")
    }
    content.reserveCapacity(256)
    fieldEnds.reserveCapacity(16)
  }

  /// The number of fields in the current record.
  var fieldCount: Int { fieldEnds.count }

  /// The bytes of field `index` of the current record; valid until the next call to `next()`.
  func field(_ index: Int) -> ArraySlice<UInt8> {
    content[(index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]]
  }

  /// Reads the header: the first non-blank record, decoded as UTF-8 column names with
  /// surrounding spaces removed.
  ///
  /// A gzip file is named as such rather than reported as "not UTF-8", because compressed
  /// AMLSim output is common and the fix (`gunzip`) is then obvious.
  mutating func readHeader() throws(ImportError) -> [String] {
    try fill()
    if chunk.count >= 2, chunk[0] == 0x1F, chunk[1] == 0x8B { throw ImportError(.compressed, path: path) }
    switch try next() {
    case .end: throw ImportError(.empty, path: path)
    case .unsplittable: throw ImportError(.unreadableHeader, path: path)
    case .record:
      var names: [String] = []
      for index in 0..<fieldCount {
        guard let name = String(validating: field(index), as: UTF8.self) else {
          throw ImportError(.unreadableHeader, path: path)
        }
        names.append(name.trimmingCharacters(in: .whitespaces))
      }
      return names
    }
  }

  /// Reads the next non-blank record.
  mutating func next() throws(ImportError) -> Next {
    while true {
      content.removeAll(keepingCapacity: true)
      fieldEnds.removeAll(keepingCapacity: true)
      let startLine = line
      var state = State.fieldStart
      var problem: RefusalReason?
      var hasBytes = false
      var hasQuotedField = false

      record: while true {
        guard let byte = try nextByte() else {
          guard hasBytes else { return .end }
          if state == .quoted { problem = problem ?? .malformedQuote }
          break record
        }
        hasBytes = true
        if content.count > Self.maximumRecordBytes {
          // Drop the rest of the physical line; the next record starts after it.
          problem = .lineTooLong
          var skipped: UInt8? = byte
          while let current = skipped, current != .newline { skipped = try nextByte() }
          line += 1
          break record
        }
        switch state {
        case .fieldStart, .unquoted:
          switch byte {
          case .quote where state == .fieldStart:
            state = .quoted
            hasQuotedField = true
          case .comma:
            fieldEnds.append(content.count)
            state = .fieldStart
          case .newline:
            line += 1
            // The CR of a CRLF line end belongs to no field.
            if state == .unquoted, content.last == .carriageReturn { content.removeLast() }
            break record
          default:
            content.append(byte)
            state = .unquoted
          }
        case .quoted:
          if byte == .quote {
            state = .afterQuote
          } else {
            if byte == .newline { line += 1 }
            content.append(byte)
          }
        case .afterQuote:
          switch byte {
          case .quote:
            content.append(.quote)
            state = .quoted
          case .comma:
            fieldEnds.append(content.count)
            state = .fieldStart
          case .newline:
            line += 1
            break record
          case .carriageReturn:
            break
          default:
            // Text after a closing quote: keep reading to the record's end, then refuse it.
            problem = problem ?? .malformedQuote
            content.append(byte)
            state = .unquoted
          }
        }
      }
      fieldEnds.append(content.count)
      if problem == nil, !hasQuotedField, fieldEnds.count == 1, content.isEmpty { continue }  // a blank line
      if let problem { return .unsplittable(line: startLine, problem) }
      return .record(line: startLine)
    }
  }

  private enum State {
    case fieldStart, unquoted, quoted, afterQuote
  }

  // MARK: - Bytes

  @inline(__always)
  private mutating func nextByte() throws(ImportError) -> UInt8? {
    if position == chunk.count {
      try fill()
      if position == chunk.count { return nil }
    }
    let byte = chunk[position]
    position += 1
    return byte
  }

  /// Reads the next megabyte when the current chunk is used up; skips a byte order mark at the
  /// very start of the file.
  private mutating func fill() throws(ImportError) {
    guard position == chunk.count, !isAtEnd else { return }
    let data: Data?
    do {
      data = try handle.read(upToCount: 1 << 20)
    } catch {
      throw ImportError(.unreadable, path: path, detail: "\(error.localizedDescription)")
    }
    guard let data, !data.isEmpty else {
      isAtEnd = true
      try? handle.close()
      return
    }
    chunk = [UInt8](data)
    position = 0
    if !hasReadFirstChunk {
      hasReadFirstChunk = true
      if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }
  }
}
