import TamgaImport
import Foundation
import Testing

@Suite struct InputFileTests {
  /// Runs the import expecting it to stop, and returns the error.
  private func stoppedImport(_ scratch: ScratchFolder) throws -> ImportError {
    do {
      _ = try scratch.run()
    } catch {
      return error
    }
    Issue.record("the import did not stop")
    return ImportError(.empty, path: "")
  }

  // MARK: - Files that stop the import

  @Test func aMissingFileStopsTheImportBeforeAnythingIsWritten() throws {
    let scratch = try ScratchFolder()
    try FileManager.default.createDirectory(at: scratch.input, withIntermediateDirectories: true)
    try Data(SmallSimulation.nodes.utf8).write(to: scratch.input.appendingPathComponent("nodes.csv"))

    let error = try stoppedImport(scratch)
    #expect(error.problem == .fileMissing)
    #expect(error.path.hasSuffix("/amlsim/transactions.csv"))
    #expect(!FileManager.default.fileExists(atPath: scratch.output.path))
  }

  @Test func aMissingColumnIsNamedWithItsFileAndTheHeaderFound() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes, transactions: "sourceNodeId,targetNodeId,value,step\n1,2,1.00,1\n")

    let error = try stoppedImport(scratch)
    #expect(error.problem == .missingColumn("time"))
    #expect(error.path.hasSuffix("transactions.csv"))
    #expect(error.header == ["sourceNodeId", "targetNodeId", "value", "step"])
    #expect(error.description.hasSuffix(
      "transactions.csv: the header has no column \"time\" (header: sourceNodeId,targetNodeId,value,step)"))
    #expect(!FileManager.default.fileExists(atPath: scratch.output.path))
  }

  @Test func aMissingColumnInNodesStopsTheImportEvenWhenTransactionsAreFine() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: "nodeid,init_balance,fraudStep\n1,1.00,-1\n", transactions: SmallSimulation.transactions)

    let error = try stoppedImport(scratch)
    #expect(error.problem == .missingColumn("isFraud"))
    #expect(error.path.hasSuffix("nodes.csv"))
  }

  @Test func aStoppedImportLeavesTheFilesOfAnEarlierImportUntouched() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(nodes: SmallSimulation.nodes, transactions: SmallSimulation.transactions)
    _ = try scratch.run()
    let before = try Data(contentsOf: scratch.output.appendingPathComponent("transfers.csv"))

    try scratch.writeSimulation(nodes: SmallSimulation.nodes, transactions: "sourceNodeId,targetNodeId,value\n1,2,3\n")
    #expect(try stoppedImport(scratch).problem == .missingColumn("time"))
    #expect(try Data(contentsOf: scratch.output.appendingPathComponent("transfers.csv")) == before)
    #expect(try scratch.outputFolderContents() == ["customers.csv", "transfers.csv", "truth.csv"])
  }

  @Test func aColumnGivenTwiceStopsTheImport() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes, transactions: "sourceNodeId,targetNodeId,value,time,TIME\n1,2,1.00,1,2\n")

    #expect(try stoppedImport(scratch).problem == .duplicateColumn("time"))
  }

  @Test func anEmptyFileStopsTheImport() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(nodes: "\n\r\n", transactions: SmallSimulation.transactions)

    let error = try stoppedImport(scratch)
    #expect(error.problem == .empty)
    #expect(error.path.hasSuffix("nodes.csv"))
  }

  @Test func aGzipFileIsRecognisedAndRefusedWithTheRemedy() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: Data(SmallSimulation.nodes.utf8), transactions: Data([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00]))

    let error = try stoppedImport(scratch)
    #expect(error.problem == .compressed)
    #expect(error.description.contains("gunzip"))
  }

  @Test func aHeaderThatIsNotUTF8StopsTheImport() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: Data(SmallSimulation.nodes.utf8), transactions: Data([0x66, 0xFF, 0x2C, 0x0A]) + Data("1,2\n".utf8))

    #expect(try stoppedImport(scratch).problem == .unreadableHeader)
  }

  @Test func aFolderWhereAFileShouldBeStopsTheImport() throws {
    let scratch = try ScratchFolder()
    try FileManager.default.createDirectory(
      at: scratch.input.appendingPathComponent("nodes.csv"), withIntermediateDirectories: true)

    #expect(try stoppedImport(scratch).problem == .notAFile)
  }

  @Test func anOutputPathThatIsAFileStopsTheImport() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(nodes: SmallSimulation.nodes, transactions: SmallSimulation.transactions)
    try Data("not a folder".utf8).write(to: scratch.output)

    let error = try stoppedImport(scratch)
    #expect(error.problem == .outputNotWritable)
    #expect(try Data(contentsOf: scratch.output) == Data("not a folder".utf8))
  }

  // MARK: - Files read the same whatever their layout

  @Test func columnsAreFoundByNameInAnyOrderWithExtraColumnsIgnored() throws {
    let plain = try ScratchFolder()
    try plain.writeSimulation(nodes: SmallSimulation.nodes, transactions: SmallSimulation.transactions)
    _ = try plain.run()

    let shuffled = try ScratchFolder()
    try shuffled.writeSimulation(
      nodes: """
        FraudStep,comment, NodeID ,isfraud
        -1,first,1,0
        3,second,2,1
        -1,third,3,0

        """,
      transactions: """
        time,value,TARGETNODEID,alertID,sourceNodeId
        2,10.5,2,,1
        1,0.1,3,,2
        2,7,1,,3
        1,12.345,3,,1
        1,5.00,9,,1
        1,1.00,1,,2

        """)
    let summary = try shuffled.run()

    for name in ["customers.csv", "transfers.csv", "truth.csv"] {
      #expect(try shuffled.lines(name) == plain.lines(name), "\(name)")
    }
    // Refusals name the column as the file spells it.
    #expect(summary.refusedRows.map { $0.column } == ["value", "TARGETNODEID"])
  }

  @Test func crlfLineEndsAByteOrderMarkAndBlankLinesReadLikePlainLines() throws {
    let plain = try ScratchFolder()
    try plain.writeSimulation(nodes: SmallSimulation.nodes, transactions: SmallSimulation.transactions)
    _ = try plain.run()

    let windows = try ScratchFolder()
    func windowsStyle(_ text: String) -> Data {
      Data([0xEF, 0xBB, 0xBF]) + Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) + Data("\r\n\r\n\n".utf8)
    }
    try windows.writeSimulation(
      nodes: windowsStyle(SmallSimulation.nodes), transactions: windowsStyle(SmallSimulation.transactions))
    let summary = try windows.run()

    for name in ["customers.csv", "transfers.csv", "truth.csv"] {
      #expect(
        try Data(contentsOf: windows.output.appendingPathComponent(name))
          == Data(contentsOf: plain.output.appendingPathComponent(name)), "\(name)")
    }
    #expect(summary.refusedRows.map(\.line) == [5, 6])
  }

  @Test func quotedFieldsMayHoldCommasQuotesAndLineBreaksInIgnoredColumns() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes,
      transactions: "sourceNodeId,targetNodeId,value,time,memo\n1,2,1.00,1,\"rent, \"\"March\"\"\r\nsecond line\"\n2,1,2.00,1,\n")
    let summary = try scratch.run()

    #expect(summary.refusedRowCount == 0)
    #expect(summary.transactions == 2)
  }
}
