internal import CZlib

#if canImport(Glibc)
  import Glibc
#endif

/// zlib inflating a gzip file into one reused buffer, with nothing else: the floor a gzip
/// replay is measured against (`Benchmarks/`). Not used by replays.
public enum InflateBaseline {
  /// Inflates the whole file and returns how many bytes it held.
  public static func inflatedByteCount(of path: String, bufferSize: Int = 4 << 20) throws -> Int {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { throw IngestError(.unreadableSource, file: path, "cannot open") }
    defer { close(fd) }
    let input = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 20)
    let output = UnsafeMutablePointer<UInt8>.allocate(capacity: bufferSize)
    defer {
      input.deallocate()
      output.deallocate()
    }
    var stream = z_stream()
    guard tamga_inflateInit2(&stream, 15 + 32) == Z_OK else {
      throw IngestError(.corruptGzip, file: path, "zlib could not start inflating")
    }
    defer { inflateEnd(&stream) }
    var total = 0
    while true {
      let n = read(fd, input, 1 << 20)
      if n <= 0 { break }
      stream.next_in = input
      stream.avail_in = UInt32(n)
      while stream.avail_in > 0 {
        stream.next_out = output
        stream.avail_out = UInt32(bufferSize)
        let status = inflate(&stream, Z_NO_FLUSH)
        total += bufferSize - Int(stream.avail_out)
        if status == Z_STREAM_END {
          if stream.avail_in > 0 { inflateReset(&stream) } else { break }
        } else if status != Z_OK && status != Z_BUF_ERROR {
          throw IngestError(.corruptGzip, file: path, "corrupt gzip")
        }
      }
    }
    return total
  }
}
