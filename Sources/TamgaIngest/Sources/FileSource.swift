import Foundation
import Synchronization
internal import CZlib

#if canImport(Glibc)
  import Glibc
#endif

/// Where a day's file comes from and how its bytes are packed.
public struct SourceFile: Sendable, Hashable {
  /// The path as the user gave it, used in every message.
  public var path: String
  public init(path: String) { self.path = path }

  /// The file name without folders, as stored in the ledger.
  public var name: String { (path as NSString).lastPathComponent }
}

/// What the reader thread learned about the raw bytes once the stream ended.
public struct SourceFingerprint: Sendable, Hashable {
  /// SHA-256 of the file as stored (compressed bytes for gzip).
  public var sha256: String
  public var byteCount: Int64
  public var isGzip: Bool
}

/// Streams a file's bytes, inflating gzip, on a thread of its own.
///
/// Inflate is the slowest stage of a gzip replay (about 250 to 300 MB/s of output here), so it
/// runs on its own core while parsing and the rules run on the caller's. The raw bytes are
/// hashed on the same thread as they are read, so the ledger fingerprint costs no extra pass.
final class ByteStream {
  let pipe: ChunkPipe
  let source: SourceFile
  let isGzip: Bool
  private let state: ReaderState
  private let thread: Thread
  /// For gzip files: the SHA-256 of the compressed bytes, computed on a thread of its own.
  private let hasher: FileHasher?

  /// - Parameters:
  ///   - chunkSize: bytes of (inflated) data per buffer.
  ///   - carryRoom: room for an unfinished record in front of each buffer: the longest record.
  init(_ source: SourceFile, chunkSize: Int = 4 << 20, carryRoom: Int, bufferCount: Int = 4) throws(IngestError) {
    self.source = source
    var status = stat()
    guard stat(source.path, &status) == 0 else {
      throw IngestError(.unreadableSource, file: source.path, "cannot open: \(String(cString: strerror(errno)))")
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      throw IngestError(.unreadableSource, file: source.path, "not a regular file")
    }
    let fd = open(source.path, O_RDONLY)
    guard fd >= 0 else {
      throw IngestError(.unreadableSource, file: source.path, "cannot open: \(String(cString: strerror(errno)))")
    }
    var magic: (UInt8, UInt8) = (0, 0)
    let peeked = withUnsafeMutableBytes(of: &magic) { pread(fd, $0.baseAddress, 2, 0) }
    isGzip = peeked == 2 && magic.0 == 0x1f && magic.1 == 0x8b
    pipe = ChunkPipe(bufferCount: bufferCount, chunkSize: chunkSize, carryRoom: carryRoom)
    // Inflating sets the pace of a gzip replay; hashing the compressed bytes beside it would
    // lengthen that thread by a tenth, so a low-priority thread hashes them from the same open
    // file, in the gaps the two busy threads leave. A plain file's reader hashes as it reads.
    hasher = isGzip ? FileHasher(fd: dup(fd), path: source.path) : nil
    state = ReaderState(fd: fd, path: source.path, isGzip: isGzip, hashesInput: !isGzip, pipe: pipe)
    let state = self.state
    thread = Thread { state.run() }
    thread.name = "tamga-reader"
    thread.stackSize = 1 << 20
    thread.start()
  }

  /// Waits for the reader thread to end and returns what it saw. Call after the last chunk.
  func fingerprint() throws(IngestError) -> SourceFingerprint {
    state.done.wait()
    var sha256 = state.sha256
    if let hasher {
      hasher.done.wait()
      guard let hashed = hasher.sha256 else {
        throw IngestError(.unreadableSource, file: source.path, "read failed while hashing: \(hasher.failure)")
      }
      sha256 = hashed
    }
    return SourceFingerprint(sha256: sha256, byteCount: state.byteCount, isGzip: isGzip)
  }

  /// Stops the reader early and waits for it.
  func cancel() {
    pipe.cancel()
    hasher?.isCancelled.store(true, ordering: .relaxed)
    state.done.wait()
    hasher?.done.wait()
  }
}

/// The reader thread's own state; only that thread touches it until `done` is signalled.
private final class ReaderState: @unchecked Sendable {
  let fd: Int32
  let path: String
  let isGzip: Bool
  /// Whether this thread hashes the bytes it reads (see ``FileHasher``).
  let hashesInput: Bool
  let pipe: ChunkPipe
  let done = DispatchSemaphore(value: 0)
  var sha256 = ""
  var byteCount: Int64 = 0

  init(fd: Int32, path: String, isGzip: Bool, hashesInput: Bool, pipe: ChunkPipe) {
    self.fd = fd
    self.path = path
    self.isGzip = isGzip
    self.hashesInput = hashesInput
    self.pipe = pipe
  }

  func run() {
    var digest = SHA256Digest()
    let failure: IngestError? = isGzip ? inflateAll(&digest) : copyAll(&digest)
    sha256 = digest.hex()
    close(fd)
    pipe.finish(failure: failure)
    done.signal()
  }

  private func readSome(into pointer: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
    while true {
      let n = read(fd, pointer, count)
      if n < 0 && errno == EINTR { continue }
      return n
    }
  }

  private func copyAll(_ digest: inout SHA256Digest) -> IngestError? {
    while let buffer = pipe.takeFree() {
      let start = pipe.buffers[buffer] + pipe.carryRoom
      var filled = 0
      while filled < pipe.chunkSize {
        let n = readSome(into: start + filled, count: pipe.chunkSize - filled)
        if n < 0 {
          pipe.release(buffer: buffer)
          return IngestError(.unreadableSource, file: path, "read failed: \(String(cString: strerror(errno)))")
        }
        if n == 0 { break }
        filled += n
      }
      if hashesInput { digest.update(UnsafeRawBufferPointer(start: start, count: filled)) }
      byteCount += Int64(filled)
      if filled == 0 {
        pipe.release(buffer: buffer)
        return nil
      }
      pipe.deliver(buffer: buffer, count: filled)
    }
    return nil
  }

  private func inflateAll(_ digest: inout SHA256Digest) -> IngestError? {
    let inputSize = 1 << 20
    let input = UnsafeMutablePointer<UInt8>.allocate(capacity: inputSize)
    defer { input.deallocate() }
    var stream = z_stream()
    guard tamga_inflateInit2(&stream, 15 + 32) == Z_OK else {  // +32: gzip or zlib header, detected
      return IngestError(.corruptGzip, file: path, "zlib could not start inflating")
    }
    defer { inflateEnd(&stream) }
    var inputEnded = false
    var memberEnded = false
    func corrupt(_ what: String) -> IngestError {
      IngestError(.corruptGzip, file: path, "corrupt gzip: \(what) after \(stream.total_out) bytes of data")
    }
    while let buffer = pipe.takeFree() {
      let start = pipe.buffers[buffer] + pipe.carryRoom
      stream.next_out = start
      stream.avail_out = UInt32(pipe.chunkSize)
      while stream.avail_out > 0 {
        if stream.avail_in == 0 && !inputEnded {
          let n = readSome(into: input, count: inputSize)
          if n < 0 {
            pipe.release(buffer: buffer)
            return IngestError(.unreadableSource, file: path, "read failed: \(String(cString: strerror(errno)))")
          }
          if n == 0 {
            inputEnded = true
          } else {
            if hashesInput { digest.update(UnsafeRawBufferPointer(start: input, count: n)) }
            byteCount += Int64(n)
            stream.next_in = input
            stream.avail_in = UInt32(n)
          }
        }
        if stream.avail_in == 0 && inputEnded {
          let produced = pipe.chunkSize - Int(stream.avail_out)
          if !memberEnded {
            pipe.release(buffer: buffer)
            return corrupt("the stream ends before its end marker (truncated file?)")
          }
          if produced > 0 { pipe.deliver(buffer: buffer, count: produced) } else { pipe.release(buffer: buffer) }
          return nil
        }
        if memberEnded {
          // Another gzip member follows (concatenated .gz files are one valid stream).
          guard inflateReset(&stream) == Z_OK else { return corrupt("cannot start the next member") }
          memberEnded = false
        }
        let status = inflate(&stream, Z_NO_FLUSH)
        switch status {
        case Z_OK, Z_BUF_ERROR: break
        case Z_STREAM_END: memberEnded = true
        default:
          pipe.release(buffer: buffer)
          let reason = stream.msg.map { String(cString: $0) } ?? "inflate error \(status)"
          return corrupt(reason)
        }
      }
      pipe.deliver(buffer: buffer, count: pipe.chunkSize)
    }
    return nil
  }
}

/// Hashes a file's bytes as stored, on a thread of its own at the lowest priority, reading with
/// `pread` from its own descriptor of the file the reader has open.
private final class FileHasher: @unchecked Sendable {  // fields are written before `done` is signalled
  let done = DispatchSemaphore(value: 0)
  private(set) var sha256: String?
  private(set) var failure = ""
  /// Set when the read stops early (a header check, an error): the hash is not needed.
  let isCancelled = Atomic<Bool>(false)

  init(fd: Int32, path: String) {
    let thread = Thread { [self] in
      // On Linux the nice value is per thread, and `who` 0 names the calling thread.
      setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
      hash(fd)
      close(fd)
      done.signal()
    }
    thread.name = "tamga-hasher"
    thread.stackSize = 1 << 20
    thread.start()
  }

  private func hash(_ fd: Int32) {
    guard fd >= 0 else {
      failure = String(cString: strerror(errno))
      return
    }
    let size = 1 << 20
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
    defer { buffer.deallocate() }
    var digest = SHA256Digest()
    var offset: off_t = 0
    while !isCancelled.load(ordering: .relaxed) {
      let n = pread(fd, buffer, size, offset)
      if n < 0 {
        if errno == EINTR { continue }
        failure = String(cString: strerror(errno))
        return
      }
      if n == 0 { break }
      digest.update(UnsafeRawBufferPointer(start: buffer, count: n))
      offset += off_t(n)
    }
    if isCancelled.load(ordering: .relaxed) {
      failure = "cancelled"
      return
    }
    sha256 = digest.hex()
  }
}
