import Foundation
import Testing
import TamgaModel
import TamgaTestSupport
@testable import TamgaIngest

/// Reads a file completely, returning the records' texts and the rejections.
func readAll(
  _ path: String, schema: Schema = TransferDecoder.schema, maxRecordBytes: Int = 65_536, chunkSize: Int = 4 << 20
) throws -> (records: [[String]], lines: [Int], rejections: [Rejection]) {
  let reader = RecordReader(
    source: SourceFile(path: path), schema: schema, maxRecordBytes: maxRecordBytes, chunkSize: chunkSize)
  var records: [[String]] = []
  var lines: [Int] = []
  var rejections: [Rejection] = []
  _ = try reader.read(
    record: { record in
      records.append((0..<schema.columns.count).map { record.text($0) })
      lines.append(record.line)
    }, reject: { rejections.append($0) })
  return (records, lines, rejections)
}

@Suite struct CSVFramingTests {
  let id = TransferDecoder.Column.transferID.rawValue
  let customer = TransferDecoder.Column.customerID.rawValue
  let vasp = TransferDecoder.Column.counterpartyVASP.rawValue

  @Test func mapsColumnsByNameInAnyOrderAndIgnoresExtras() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write(
      "t.csv",
      """
      note,usd_value,amount,chain,asset,kind,customer_id,timestamp,transfer_id
      x,10.00,10,tron,USDT,buy,C1,2026-03-01T09:00:00Z,T1

      """)
    let result = try readAll(path)
    #expect(result.rejections.isEmpty)
    #expect(result.records.count == 1)
    #expect(result.records[0][id] == "T1")
    #expect(result.records[0][customer] == "C1")
    #expect(result.records[0][vasp] == "")
  }

  @Test func readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write(
      "t.csv",
      Fixture.transfersHeader + "\n"
        + "T1,2026-03-01T09:00:00Z,C1,buy,USDT,tron,1,1.00,,\"Steppe, \"\"Best\"\" Exchange\",\n"
        + "T2,2026-03-01T09:00:00Z,C1,buy,USDT,tron,1,1.00,,\"two\nlines\",\n"
        + "T3,2026-03-01T09:00:00Z,C1,buy,USDT,tron,1,1.00,,,\n")
    for chunkSize in [3, 7, 64, 4 << 20] {
      let result = try readAll(path, chunkSize: chunkSize)
      #expect(result.rejections.isEmpty)
      #expect(result.records.map { $0[vasp] } == ["Steppe, \"Best\" Exchange", "two\nlines", ""])
      // T3 starts on line 5: the header, T1, and T2's two physical lines come before it.
      #expect(result.lines == [2, 3, 5])
    }
  }

  @Test func acceptsCRLFByteOrderMarkBlankLinesAndNoFinalNewline() throws {
    let folder = try TemporaryDirectory()
    let text = "\u{FEFF}" + Fixture.transfersHeader + "\r\n"
      + Fixture.transferRow("T1", at: "2026-03-01T09:00:00Z", customer: "C1") + "\r\n\r\n"
      + Fixture.transferRow("T2", at: "2026-03-01T09:00:00Z", customer: "C2")
    let path = try folder.write("t.csv", text)
    let result = try readAll(path, chunkSize: 5)
    #expect(result.rejections.isEmpty)
    #expect(result.records.map { $0[id] } == ["T1", "T2"])
    #expect(result.records.map { $0[TransferDecoder.Column.txHash.rawValue] } == ["", ""])
    #expect(result.lines == [2, 4])
  }

  @Test func rejectsWrongFieldCountAndKeepsGoing() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write(
      "t.csv",
      Fixture.transfersCSV([
        "T1,2026-03-01T09:00:00Z,C1,buy,USDT,tron,1,1.00",
        Fixture.transferRow("T2", at: "2026-03-01T09:00:00Z", customer: "C1"),
      ]))
    let result = try readAll(path)
    #expect(result.records.map { $0[id] } == ["T2"])
    let rejection = try #require(result.rejections.first)
    #expect(rejection.reason.code == .wrongFieldCount)
    #expect(rejection.line == 2)
    #expect(rejection.reason.message == "expected 11 fields as in the header, found 8")
    #expect(String(decoding: rejection.raw, as: UTF8.self) == "T1,2026-03-01T09:00:00Z,C1,buy,USDT,tron,1,1.00")
  }

  @Test func rejectsTextAfterAClosingQuoteAndAnUnclosedQuote() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write(
      "t.csv",
      Fixture.transfersHeader + "\n"
        + "T1,2026-03-01T09:00:00Z,C1,buy,USDT,tron,1,1.00,,\"a\"b,\n"
        + Fixture.transferRow("T2", at: "2026-03-01T09:00:00Z", customer: "C1") + "\n"
        + "T3,2026-03-01T09:00:00Z,C1,buy,USDT,tron,1,1.00,,\"never closed,\n")
    let result = try readAll(path)
    #expect(result.records.map { $0[id] } == ["T2"])
    #expect(result.rejections.map(\.reason.code) == [.malformedQuote, .malformedQuote])
    #expect(result.rejections.map(\.line) == [2, 4])
  }

  @Test func rejectsInvalidUTF8NamingTheColumn() throws {
    let folder = try TemporaryDirectory()
    var bytes = Array((Fixture.transfersHeader + "\nT1,2026-03-01T09:00:00Z,C").utf8)
    bytes += [0xC3, 0x28]  // a lead byte followed by a non-continuation byte
    bytes += Array(",buy,USDT,tron,1,1.00,,,\n".utf8)
    bytes += Array((Fixture.transferRow("T2", at: "2026-03-01T09:00:00Z", customer: "Ç2") + "\n").utf8)
    let path = try folder.write("t.csv", bytes: bytes)
    let result = try readAll(path)
    #expect(result.records.map { $0[id] } == ["T2"])
    #expect(result.records.first?[customer] == "Ç2")
    let rejection = try #require(result.rejections.first)
    #expect(rejection.reason.code == .invalidUTF8)
    #expect(rejection.column == "customer_id")
    #expect(rejection.raw.contains(0xC3))
  }

  @Test(arguments: [16, 100, 4 << 20])
  func rejectsALineOverTheMaximumAndResumesAtTheNext(chunkSize: Int) throws {
    let folder = try TemporaryDirectory()
    let long = "T1,2026-03-01T09:00:00Z,C1,buy,USDT,tron,1,1.00,,\(String(repeating: "x", count: 5000)),"
    let path = try folder.write(
      "t.csv",
      Fixture.transfersCSV([long, Fixture.transferRow("T2", at: "2026-03-01T09:00:00Z", customer: "C1")]))
    let result = try readAll(path, maxRecordBytes: 1024, chunkSize: chunkSize)
    #expect(result.records.map { $0[id] } == ["T2"])
    #expect(result.lines == [3])
    let rejection = try #require(result.rejections.first)
    #expect(rejection.reason.code == .lineTooLong)
    #expect(rejection.line == 2)
    #expect(rejection.raw.count <= Rejection.rawLimit)
    #expect(rejection.raw.starts(with: Array("T1,2026".utf8)))
  }
}

@Suite struct NDJSONFramingTests {
  @Test func readsObjectsWithAnyKeyOrderEscapesNumbersAndNulls() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write(
      "t.ndjson",
      """
      {"customer_id":"C1","transfer_id":"T1","timestamp":"2026-03-01T09:00:00Z","kind":"buy","asset":"USDT","amount":12.5,"usd_value":"12.50","counterparty_vasp":"Say \\"hi\\"\\n\\u00e9","extra":{"nested":[1,2]},"tx_hash":null}
        {"transfer_id":"T2","timestamp":"2026-03-01T09:00:00Z","customer_id":"C2","kind":"sell","asset":"BTC","amount":"0.1","usd_value":6000}

      """)
    let result = try readAll(path)
    #expect(result.rejections.isEmpty)
    #expect(result.records.count == 2)
    #expect(result.records[0][TransferDecoder.Column.counterpartyVASP.rawValue] == "Say \"hi\"\né")
    #expect(result.records[0][TransferDecoder.Column.amount.rawValue] == "12.5")
    #expect(result.records[1][TransferDecoder.Column.usdValue.rawValue] == "6000")
    #expect(result.lines == [1, 2])
  }

  /// A column that holds an object (a Travel Rule record's IVMS101 payload) keeps it as its
  /// JSON text, braces and escapes as written; its strings are checked for UTF-8 like the rest.
  @Test func keepsAnObjectRawUnderAColumnThatHoldsOne() throws {
    let schema = Schema(name: "t", columns: [.init("id", required: true), .init("payload", required: false, object: true)])
    let folder = try TemporaryDirectory()
    let path = try folder.write(
      "t.ndjson",
      #"""
      {"id":"A","payload":{"name":"Sa\"ule","list":[{"x":"}"}]},"other":{"skipped":true}}
      {"id":"B","payload":"not an object"}
      {"id":"C","payload":{"open":[}

      """#)
    let reader = RecordReader(source: SourceFile(path: path), schema: schema)
    var objects: [(text: String, isObject: Bool)] = []
    var rejections: [Rejection] = []
    _ = try reader.read(record: { objects.append(($0.text(1), $0.isObject(1))) }, reject: { rejections.append($0) })
    #expect(objects.map(\.text) == [#"{"name":"Sa\"ule","list":[{"x":"}"}]}"#, "not an object"])
    #expect(objects.map(\.isObject) == [true, false])
    #expect(rejections.map(\.line) == [3])
    let invalid = try folder.write(
      "u.ndjson", bytes: Array(#"{"id":"D","payload":{"n":""#.utf8) + [0xFF] + Array(#""}}"#.utf8) + [10])
    #expect(try readAll(invalid, schema: schema).rejections.map(\.reason.code) == [.invalidUTF8])
  }

  @Test func rejectsLinesThatAreNotFlatObjects() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write(
      "t.jsonl",
      """
      [1,2,3]
      {"transfer_id":"T1",
      {"transfer_id":"T2"} trailing
      {"transfer_id":{"a":1}}
      {"transfer_id":"T3","timestamp":"2026-03-01T09:00:00Z","customer_id":"C2","kind":"sell","asset":"BTC","amount":"0.1","usd_value":"1"}

      """)
    let result = try readAll(path)
    #expect(result.records.map { $0[0] } == ["T3"])
    #expect(result.rejections.map(\.reason.code) == [.malformedJSON, .malformedJSON, .malformedJSON, .badValue])
    #expect(result.rejections.map(\.line) == [1, 2, 3, 4])
  }
}

@Suite struct UnreadableFileTests {
  @Test func missingRequiredColumnStopsWithFileAndColumn() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write("t.csv", "transfer_id,timestamp,customer_id,kind,asset,amount\nT1,2026-03-01T09:00:00Z,C1,buy,USDT,1\n")
    let error = try #require(throws: IngestError.self) { try readAll(path) }
    #expect(error.code == .missingColumn)
    #expect(error.description == "\(path): line 1: the header lacks the required column usd_value of the transfers format")
  }

  @Test func corruptGzipStopsWithFileAndCause() throws {
    let folder = try TemporaryDirectory()
    let plain = try folder.write("t.csv", Fixture.transfersCSV((1...2000).map {
      Fixture.transferRow("T\($0)", at: "2026-03-01T09:00:00Z", customer: "C1")
    }))
    let gzipped = try gzip(plain)
    let truncated = Array(gzipped.prefix(gzipped.count / 2))
    let path = try folder.write("t.csv.gz", bytes: truncated)
    let error = try #require(throws: IngestError.self) { try readAll(path) }
    #expect(error.code == .corruptGzip)
    #expect(error.description.hasPrefix("\(path): corrupt gzip"))

    var damaged = gzipped
    damaged[gzipped.count / 2] ^= 0xFF
    let damagedPath = try folder.write("d.csv.gz", bytes: damaged)
    #expect(throws: IngestError.self) { try readAll(damagedPath) }
  }

  @Test func readsGzipExactlyAsThePlainFile() throws {
    let folder = try TemporaryDirectory()
    let plain = try folder.write("t.csv", Fixture.transfersCSV((1...5000).map {
      Fixture.transferRow("T\($0)", at: "2026-03-01T09:00:00Z", customer: "C\($0 % 7)")
    }))
    let gz = try folder.write("t.csv.gz", bytes: try gzip(plain))
    let fromPlain = try readAll(plain, chunkSize: 4096)
    let fromGzip = try readAll(gz, chunkSize: 4096)
    #expect(fromPlain.records.count == 5000)
    #expect(fromPlain.records == fromGzip.records)
    #expect(fromPlain.lines == fromGzip.lines)
  }

  @Test func aFolderOrAMissingPathIsNotAFile() throws {
    let folder = try TemporaryDirectory()
    let notAFile = try #require(throws: IngestError.self) { try readAll(folder.path) }
    #expect(notAFile.code == .unreadableSource)
    #expect(notAFile.description == "\(folder.path): not a regular file")
    let missing = try #require(throws: IngestError.self) { try readAll(folder.file("nope.csv")) }
    #expect(missing.code == .unreadableSource)
    #expect(missing.description.contains("No such file"))
  }

  @Test func anEmptyCSVFileHasNoHeader() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write("t.csv", "")
    let error = try #require(throws: IngestError.self) { try readAll(path) }
    #expect(error.code == .emptyFile)
  }

  @Test func fingerprintIsTheSHA256OfTheStoredBytes() throws {
    let folder = try TemporaryDirectory()
    let path = try folder.write("t.csv", Fixture.transfersCSV([]))
    let reader = RecordReader(source: SourceFile(path: path), schema: TransferDecoder.schema)
    let fingerprint = try reader.read(record: { _ in }, reject: { _ in })
    // sha256 of the header line and its newline, computed with `sha256sum`.
    let expected = SHA256Digest.hex(of: Array((Fixture.transfersHeader + "\n").utf8))
    #expect(fingerprint.sha256 == expected)
    #expect(fingerprint.byteCount == Int64(Fixture.transfersHeader.utf8.count + 1))
    #expect(SHA256Digest.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
  }
}

@Suite struct GzipFingerprintTests {
  @Test func aGzipFileIsIdentifiedByTheSHA256OfItsCompressedBytes() throws {
    let folder = try TemporaryDirectory()
    let plain = try folder.write("t.csv", Fixture.transfersCSV((1...3000).map {
      Fixture.transferRow("T\($0)", at: "2026-03-01T09:00:00Z", customer: "C1")
    }))
    let compressed = try gzip(plain)
    let path = try folder.write("t.csv.gz", bytes: compressed)
    let reader = RecordReader(source: SourceFile(path: path), schema: TransferDecoder.schema, chunkSize: 4096)
    var rows = 0
    let fingerprint = try reader.read(record: { _ in rows += 1 }, reject: { _ in })
    #expect(rows == 3000)
    #expect(fingerprint.isGzip)
    #expect(fingerprint.byteCount == Int64(compressed.count))
    #expect(fingerprint.sha256 == SHA256Digest.hex(of: compressed))
  }
}

@Suite struct ArbitraryBytesTests {
  /// Random bytes, half of them delimiters, never crash the framer and every line is either a
  /// record or a rejection.
  @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
  func neverCrashOnArbitraryBytes(seed: UInt64) throws {
    var state = seed &* 0x9E37_79B9_7F4A_7C15
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let alphabet: [UInt8] = Array(",\"\n\r{}[]:\\ a1.-".utf8) + [0xC3, 0xFF, 0x80]
    var bytes = Array((Fixture.transfersHeader + "\n").utf8)
    for _ in 0..<20_000 { bytes.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
    let folder = try TemporaryDirectory()
    for name in ["t.csv", "t.ndjson"] {
      let path = try folder.write(name, bytes: bytes)
      for chunkSize in [13, 4 << 20] {
        let result = try readAll(path, maxRecordBytes: 512, chunkSize: chunkSize)
        #expect(result.records.count + result.rejections.count > 0)
      }
    }
  }
}

/// gzip through the system's gzip, so the tests check Tamga's inflate against another tool.
func gzip(_ path: String) throws -> [UInt8] {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments = ["-c", "gzip -c \"$0\"", path]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return [UInt8](data)
}
