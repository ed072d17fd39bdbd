#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import CZlib

// MARK: - Errors and the sink protocol

/// A file that could not be created, written or finished, with the path and the system's reason.
///
/// Sinks fail for operational reasons only (missing directory, full disk, permissions), so one
/// message for an operator is all a caller needs; it names the file, never the data being written.
public struct SinkError: Error, Sendable, CustomStringConvertible {
  /// What failed and where, for example "cannot create /tmp/out/a.csv.gz: No such file or directory".
  public var message: String

  /// Wraps an operator-facing message.
  public init(message: String) { self.message = message }

  /// The message itself, so that `print(error)` reads well on a terminal.
  public var description: String { message }
}

/// A destination for bytes that must be closed to be complete.
///
/// The synthesiser and exporters write plain and gzip files through this one protocol, so the choice
/// of compression is made once, where the file is opened.
public protocol ByteSink: AnyObject {
  /// The file being written, for messages.
  var path: String { get }

  /// Appends `bytes`; they may stay buffered until a later write or `close()`.
  func write(_ bytes: UnsafeRawBufferPointer) throws

  /// Flushes what is buffered, finishes the format and closes the file.
  ///
  /// A sink that is not closed leaves an incomplete file behind. Closing twice does nothing.
  func close() throws
}

extension ByteSink {
  /// Appends the bytes of an array; a convenience over `write(_: UnsafeRawBufferPointer)`.
  public func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try write($0) }
  }
}

// MARK: - Plain files

/// Writes bytes to a file as they are, through a 1 MiB buffer.
///
/// Many small writes (one CSV row each) cost one system call per megabyte, not one per row.
public final class PlainFileWriter: ByteSink {
  /// The file being written.
  public let path: String
  private var file: OutputFile
  private let buffer: UnsafeMutableRawBufferPointer
  private var pending = 0
  private var isClosed = false

  /// Creates or truncates the file at `path`.
  ///
  /// - Throws: `SinkError` naming the path when the file cannot be created.
  public init(path: String) throws {
    self.path = path
    file = try OutputFile(creating: path)
    buffer = .allocate(byteCount: 1 << 20, alignment: 16)
  }

  deinit {
    if !isClosed { file.closeQuietly() }
    buffer.deallocate()
  }

  /// Appends `bytes` to the buffer, writing the buffer out whenever it fills.
  public func write(_ bytes: UnsafeRawBufferPointer) throws {
    guard !isClosed else { throw SinkError(message: "cannot write to \(path): already closed") }
    guard !bytes.isEmpty else { return }
    if pending + bytes.count > buffer.count {
      try flush()
      // Anything as large as the buffer gains nothing from a copy.
      if bytes.count >= buffer.count {
        try file.writeAll(bytes)
        return
      }
    }
    UnsafeMutableRawBufferPointer(rebasing: buffer[pending..<(pending + bytes.count)]).copyMemory(from: bytes)
    pending += bytes.count
  }

  /// Writes out what is buffered and closes the file.
  public func close() throws {
    guard !isClosed else { return }
    isClosed = true
    do {
      try flush()
    } catch {
      file.closeQuietly()
      throw error
    }
    try file.close()
  }

  private func flush() throws {
    guard pending > 0 else { return }
    try file.writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<pending]))
    pending = 0
  }
}

// MARK: - Gzip files

/// Compresses bytes with zlib's `deflate` into a gzip file (RFC 1952) as they arrive.
///
/// Streaming keeps memory flat however large the file grows: only zlib's window and a 256 KiB output
/// buffer are held. Window bits 31 (15 + 16) ask zlib for the gzip header and CRC-32 trailer, so
/// `gzip -d` and Tamga's own reader both accept the result.
public final class GzipFileWriter: ByteSink {
  /// The file being written.
  public let path: String
  private var file: OutputFile
  private let stream: UnsafeMutablePointer<z_stream>
  private let output: UnsafeMutablePointer<Bytef>
  private let outputCapacity = 1 << 18
  private var pending = 0
  private var isClosed = false

  /// Creates or truncates the file at `path` and starts a gzip stream.
  ///
  /// - Parameter level: zlib's compression level, 0 (store) to 9 (smallest); 6 is zlib's own
  ///   default and its usual balance of speed and size.
  /// - Throws: `SinkError` naming the path when the file cannot be created or zlib cannot start.
  public init(path: String, level: Int32 = 6) throws {
    precondition((0...9).contains(level), "gzip level must be 0...9")
    self.path = path
    var file = try OutputFile(creating: path)
    // zlib keeps a pointer back to the stream, so it needs an address that never moves.
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    let status = tamga_deflateInit2(stream, level, 31)
    guard status == Z_OK else {
      stream.deinitialize(count: 1)
      stream.deallocate()
      file.closeQuietly()
      throw SinkError(message: "cannot start gzip stream for \(path): zlib status \(status)")
    }
    self.file = file
    self.stream = stream
    output = .allocate(capacity: outputCapacity)
  }

  deinit {
    if !isClosed {
      deflateEnd(stream)
      file.closeQuietly()
    }
    stream.deinitialize(count: 1)
    stream.deallocate()
    output.deallocate()
  }

  /// Compresses `bytes`; compressed output reaches the file each time 256 KiB of it are ready.
  public func write(_ bytes: UnsafeRawBufferPointer) throws {
    guard !isClosed else { throw SinkError(message: "cannot write to \(path): already closed") }
    guard var base = bytes.baseAddress, !bytes.isEmpty else { return }
    var remaining = bytes.count
    // `avail_in` is 32 bits wide; larger inputs go in slices.
    while remaining > 0 {
      let slice = min(remaining, 1 << 30)
      stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
      stream.pointee.avail_in = uInt(slice)
      try deflatePending(flush: Z_NO_FLUSH)
      base += slice
      remaining -= slice
    }
  }

  /// Finishes the gzip stream (the CRC-32 and length trailer), writes it out and closes the file.
  public func close() throws {
    guard !isClosed else { return }
    isClosed = true
    do {
      stream.pointee.next_in = nil
      stream.pointee.avail_in = 0
      try deflatePending(flush: Z_FINISH)
      if pending > 0 { try file.writeAll(UnsafeRawBufferPointer(start: output, count: pending)) }
      pending = 0
    } catch {
      deflateEnd(stream)
      file.closeQuietly()
      throw error
    }
    deflateEnd(stream)
    try file.close()
  }

  /// Runs `deflate` until the input is consumed (or, for `Z_FINISH`, the stream has ended),
  /// writing the output buffer whenever it fills.
  private func deflatePending(flush: Int32) throws {
    while true {
      stream.pointee.next_out = output + pending
      stream.pointee.avail_out = uInt(outputCapacity - pending)
      let status = deflate(stream, flush)
      pending = outputCapacity - Int(stream.pointee.avail_out)
      if status == Z_STREAM_ERROR {
        throw SinkError(message: "cannot compress \(path): zlib stream error")
      }
      if pending == outputCapacity {
        try file.writeAll(UnsafeRawBufferPointer(start: output, count: pending))
        pending = 0
        continue
      }
      if flush == Z_FINISH {
        if status == Z_STREAM_END { return }
        // Room was left in the buffer, yet zlib neither finished nor made progress.
        if status == Z_BUF_ERROR {
          throw SinkError(message: "cannot finish gzip stream for \(path): zlib buffer error")
        }
      } else if stream.pointee.avail_in == 0 {
        return
      }
    }
  }
}

// MARK: - The file descriptor under both writers

/// An open, write-only POSIX file descriptor with its path for messages.
///
/// A plain struct rather than an owner with `deinit`: the writers above decide when it closes.
private struct OutputFile {
  let path: String
  private(set) var descriptor: Int32

  init(creating path: String) throws {
    self.path = path
    var fd: Int32
    repeat {
      fd = openForWriting(path)
    } while fd < 0 && errno == EINTR
    guard fd >= 0 else { throw SinkError(message: "cannot create \(path): \(systemReason(errno))") }
    descriptor = fd
  }

  /// Writes every byte, retrying short writes and interrupted calls.
  func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
    guard var base = bytes.baseAddress else { return }
    var remaining = bytes.count
    while remaining > 0 {
      let written = writeDescriptor(descriptor, base, remaining)
      if written < 0 {
        if errno == EINTR { continue }
        throw SinkError(message: "cannot write to \(path): \(systemReason(errno))")
      }
      base += written
      remaining -= written
    }
  }

  /// Closes the descriptor; a failure here can mean data never reached the disk (NFS, quotas).
  mutating func close() throws {
    guard descriptor >= 0 else { return }
    let status = closeDescriptor(descriptor)
    descriptor = -1
    if status != 0 { throw SinkError(message: "cannot finish \(path): \(systemReason(errno))") }
  }

  /// Closes the descriptor on a path that is already failing, where a second error adds nothing.
  mutating func closeQuietly() {
    guard descriptor >= 0 else { return }
    _ = closeDescriptor(descriptor)
    descriptor = -1
  }
}

// The C library's own names (`write`, `close`) are taken by the writers' methods, hence these.
private func openForWriting(_ path: String) -> Int32 {
  open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
}

private func writeDescriptor(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    Glibc.write(fd, bytes, count)
  #elseif canImport(Musl)
    Musl.write(fd, bytes, count)
  #else
    Darwin.write(fd, bytes, count)
  #endif
}

private func closeDescriptor(_ fd: Int32) -> Int32 {
  #if canImport(Glibc)
    Glibc.close(fd)
  #elseif canImport(Musl)
    Musl.close(fd)
  #else
    Darwin.close(fd)
  #endif
}

private func systemReason(_ code: Int32) -> String {
  String(cString: strerror(code))
}
