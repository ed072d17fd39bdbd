/// The rules' state as stored: its runs of zero bytes taken out.
///
/// Why: the rules' part of the engine state is rewritten with every transfers file, and most
/// of it is empty window slots (on the synthetic day, 78% of its 46 MB are zeros). SQLite
/// copies a blob into its pages, then into the WAL, then back into the database at the
/// checkpoint, so every byte left out is saved three times. A general compressor (zlib at
/// level 1) would shrink it further but costs about as much time as it saves; this finds zero
/// words at memory speed.
///
/// Layout: the magic, the decoded length (LEB128), then pieces to the end: a literal length,
/// that many bytes, and a count of zero bytes (both LEB128). Only runs of 16 or more zero
/// bytes on 8-byte boundaries of the input are taken out, so a piece costs less than it saves.
public enum ZeroRuns {
  /// Begins every encoded state. A plain engine snapshot begins with its magic's length
  /// (`0C 00 00 00`), so the two are told apart by their first bytes.
  static let magic: [UInt8] = Array("TAMGA-ZERO-RUNS".utf8)
  static let shortestRun = 16

  /// `bytes` with their runs of zero bytes taken out.
  /// - Complexity: O(n); one pass reading 8 bytes at a time.
  public static func encode(_ bytes: [UInt8]) -> [UInt8] {
    var out = BinaryWriter()
    out.buffer.reserveCapacity(bytes.count / 4 + 64)
    out.buffer.append(contentsOf: magic)
    out.varint(UInt64(bytes.count))
    bytes.withUnsafeBytes { input in
      let count = input.count
      @inline(__always) func word(_ offset: Int) -> UInt64 { input.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
      var literalStart = 0
      var offset = 0
      while offset + 8 <= count {
        guard word(offset) == 0 else {
          offset += 8
          continue
        }
        var end = offset + 8
        while end + 8 <= count && word(end) == 0 { end += 8 }
        if end - offset >= shortestRun {
          out.varint(UInt64(offset - literalStart))
          out.buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[literalStart..<offset]))
          out.varint(UInt64(end - offset))
          literalStart = end
        }
        offset = end
      }
      if literalStart < count {
        out.varint(UInt64(count - literalStart))
        out.buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[literalStart..<count]))
        out.varint(0)
      }
    }
    return out.buffer
  }

  /// The bytes `stored` holds: decoded if ``encode(_:)`` wrote them, as they are otherwise
  /// (a state saved before this encoding existed).
  /// - Throws: ``SnapshotError`` when the pieces do not add up to the stated length.
  public static func decode(_ stored: [UInt8]) throws(SnapshotError) -> [UInt8] {
    guard stored.starts(with: magic) else { return stored }
    var input = BinaryReader(stored)
    input.offset = magic.count
    let length = try input.varint()
    // Each piece restores at most what its bytes plus a run could: a length beyond that is damage.
    guard length <= UInt64(Int.max), length <= UInt64(stored.count) &* 1 << 20 else {
      throw SnapshotError("engine state has a damaged zero-run length")
    }
    let total = Int(length)
    var decoded = [UInt8](repeating: 0, count: total)
    var filled = 0
    while !input.isAtEnd {
      let literal = try input.varint()
      guard literal <= UInt64(total - filled) else { throw SnapshotError("engine state has a damaged zero run") }
      let bytes = try input.take(Int(literal))
      decoded.withUnsafeMutableBytes { target in
        bytes.withUnsafeBytes { source in
          UnsafeMutableRawBufferPointer(rebasing: target[filled..<filled + source.count]).copyMemory(from: source)
        }
      }
      filled += Int(literal)
      let zeros = try input.varint()
      guard zeros <= UInt64(total - filled) else { throw SnapshotError("engine state has a damaged zero run") }
      // `decoded` starts as zeros: a run only moves on.
      filled += Int(zeros)
    }
    guard filled == total else { throw SnapshotError("engine state is truncated: \(filled) of \(total) bytes") }
    return decoded
  }
}
