import Foundation
import Testing
import TamgaIngest

@Suite struct GzipFileWriterTests {
  @Test func compressedFileInflatesToTheBytesWritten() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.file("sample.txt.gz")
    // Several output buffers' worth of text that does not compress to nothing, in uneven writes.
    var expected: [UInt8] = []
    var state: UInt64 = 42
    for line in 0..<60_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      expected.append(contentsOf: Array("row \(line),\(state >> 11)\n".utf8))
    }
    let writer = try GzipFileWriter(path: path)
    var offset = 0
    var step = 1
    while offset < expected.count {
      let end = min(expected.count, offset + step)
      try writer.write(Array(expected[offset..<end]))
      offset = end
      step = step * 3 % 70_001 + 1
    }
    try writer.close()
    try writer.close()  // closing twice does nothing

    #expect(try gunzip(path) == Data(expected))
  }

  @Test func emptyStreamIsStillAValidGzipFile() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.file("empty.gz")
    let writer = try GzipFileWriter(path: path, level: 9)
    try writer.close()
    #expect(try gunzip(path).isEmpty)
  }

  @Test func missingDirectoryIsReportedWithThePath() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.file("no-such-directory/transfers.csv.gz")
    let error = try #require(throws: SinkError.self) { try GzipFileWriter(path: path) }
    #expect(error.message.contains(path))
    #expect(error.description.contains("No such file or directory"))
  }

  @Test func plainWriterPassesBytesThroughUnchanged() throws {
    let scratch = try ScratchDirectory()
    let path = scratch.file("plain.csv")
    let writer = try PlainFileWriter(path: path)
    let small = Array("a,b\n".utf8)
    let large = [UInt8](repeating: UInt8(ascii: "x"), count: 3 << 20)
    try writer.write(small)
    try writer.write(large)
    try writer.write(small)
    try writer.close()
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(small + large + small))
  }

  @Test func writingAfterCloseThrows() throws {
    let scratch = try ScratchDirectory()
    let writer = try GzipFileWriter(path: scratch.file("closed.gz"))
    try writer.close()
    #expect(throws: SinkError.self) { try writer.write([1, 2, 3]) }
  }
}

/// Decompresses with the system's `gzip`, an implementation independent of the writer under test.
func gunzip(_ path: String) throws -> Data {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/gzip")
  process.arguments = ["-dc", path]
  let output = Pipe()
  process.standardOutput = output
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  #expect(process.terminationStatus == 0, "gzip -dc \(path) failed")
  return data
}
