internal import Foundation

/// One output file in the making: rows are assembled as bytes in a reused buffer and written, a
/// megabyte at a time, to a hidden file beside the destination, which replaces the destination
/// only when every file of the import is complete.
///
/// The rename is atomic on one file system, so a reader (or Tamga) sees either the old file or the
/// whole new one; a failure part-way leaves the previous files untouched and the staging file
/// removed. Rows are written straight as ASCII bytes because the transfers file holds a quarter
/// of a million of them: building each as a `String` would allocate several times per row.
struct StagedFile {
  let destination: URL
  private let staging: URL
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private static let flushThreshold = 1 << 20

  /// Creates the staging file `.<name>.partial-<process id>` in the destination's folder: the
  /// same folder, so the final rename never crosses file systems.
  init(destination: URL) throws(ImportError) {
    self.destination = destination
    staging = destination.deletingLastPathComponent().appendingPathComponent(
      ".\(destination.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
    guard FileManager.default.createFile(atPath: staging.path, contents: nil) else {
      throw ImportError(.outputNotWritable, path: staging.path, detail: "cannot create the file")
    }
    do {
      handle = try FileHandle(forWritingTo: staging)
    } catch {
      try? FileManager.default.removeItem(at: staging)
      throw ImportError(.outputNotWritable, path: staging.path, detail: error.localizedDescription)
    }
    buffer.reserveCapacity(Self.flushThreshold + 4096)
  }

  // MARK: - Building rows

  @inline(__always)
  mutating func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

  mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { buffer.append(contentsOf: $0) }
  }

  @inline(__always)
  mutating func comma() { buffer.append(.comma) }

  /// Appends a non-negative integer in decimal, zero-padded to `width` digits.
  @inline(__always)
  mutating func appendDigits(_ value: Int, width: Int = 1) { buffer.appendDigits(value, width: width) }

  /// Appends cents as dollars with exactly two decimals (`1234` → `12.34`, `10` → `0.10`).
  mutating func appendCents(_ cents: Int64) {
    buffer.appendDigits(Int(cents / 100))
    buffer.append(UInt8(ascii: "."))
    buffer.appendDigits(Int(cents % 100), width: 2)
  }

  /// Ends a row; writes the buffer out once it passes a megabyte.
  mutating func endRow() throws(ImportError) {
    buffer.append(.newline)
    if buffer.count >= Self.flushThreshold { try flush() }
  }

  // MARK: - Finishing

  /// Writes what is buffered and makes it durable before the rename, so that after a crash the
  /// destination holds either the old file or the complete new one, never an empty one.
  mutating func finish() throws(ImportError) {
    try flush()
    do {
      try handle.synchronize()
      try handle.close()
    } catch {
      throw ImportError(.outputNotWritable, path: staging.path, detail: error.localizedDescription)
    }
  }

  /// Moves the finished staging file over the destination in one atomic rename.
  func commit() throws(ImportError) {
    guard rename(staging.path, destination.path) == 0 else {
      let reason = String(cString: strerror(errno))
      throw ImportError(.outputNotWritable, path: destination.path, detail: reason)
    }
  }

  /// Removes the staging file after a failure; the destination is left as it was.
  func discard() {
    try? handle.close()
    try? FileManager.default.removeItem(at: staging)
  }

  private mutating func flush() throws(ImportError) {
    guard !buffer.isEmpty else { return }
    do {
      try handle.write(contentsOf: buffer)
    } catch {
      throw ImportError(.outputNotWritable, path: staging.path, detail: error.localizedDescription)
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
