import Foundation
import TamgaIngest

#if canImport(Glibc)
  import Glibc
#endif

/// Quick facts about a file for the ledger's duplicate check.
enum FileProbe {
  struct Head {
    var sha256: String
    var byteCount: Int64
    /// The gzip magic bytes open the file.
    var isGzip: Bool
  }

  static let headBytes = 1 << 20

  /// Size and SHA-256 of the first MiB (the whole file when smaller).
  static func head(of source: SourceFile) throws -> Head {
    let fd = open(source.path, O_RDONLY)
    guard fd >= 0 else {
      throw IngestError(.unreadableSource, file: source.path, "cannot open: \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    var status = stat()
    fstat(fd, &status)
    var buffer = [UInt8](repeating: 0, count: headBytes)
    var filled = 0
    while filled < headBytes {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, headBytes - filled) }
      if n <= 0 { break }
      filled += n
    }
    let sha = buffer.withUnsafeBytes { SHA256Digest.hex(of: UnsafeRawBufferPointer(rebasing: $0[0..<filled])) }
    return Head(sha256: sha, byteCount: Int64(status.st_size), isGzip: filled >= 2 && buffer[0] == 0x1f && buffer[1] == 0x8b)
  }

  /// SHA-256 of the whole file as stored.
  static func sha256(of source: SourceFile) throws -> String {
    let fd = open(source.path, O_RDONLY)
    guard fd >= 0 else {
      throw IngestError(.unreadableSource, file: source.path, "cannot open: \(String(cString: strerror(errno)))")
    }
    defer { close(fd) }
    var digest = SHA256Digest()
    var buffer = [UInt8](repeating: 0, count: 4 << 20)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
      if n < 0 {
        throw IngestError(.unreadableSource, file: source.path, "read failed: \(String(cString: strerror(errno)))")
      }
      if n == 0 { break }
      buffer.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }
    return digest.hex()
  }
}
