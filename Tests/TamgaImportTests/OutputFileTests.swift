import TamgaImport
import Foundation
import Testing

@Suite struct OutputFileTests {
  @Test func theSameSimulationWritesTheSameBytes() throws {
    let first = try ScratchFolder()
    let second = try ScratchFolder()
    for scratch in [first, second] {
      try scratch.writeSimulation(nodes: SmallSimulation.nodes, transactions: SmallSimulation.transactions)
      _ = try scratch.run()
    }
    for name in ["customers.csv", "transfers.csv", "truth.csv"] {
      let left = try Data(contentsOf: first.output.appendingPathComponent(name))
      let right = try Data(contentsOf: second.output.appendingPathComponent(name))
      #expect(!left.isEmpty)
      #expect(left == right, "\(name)")
    }
  }

  @Test func importingAgainReplacesTheFilesWholeAndLeavesNoStagingFiles() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(nodes: SmallSimulation.nodes, transactions: SmallSimulation.transactions)
    _ = try scratch.run()
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes, transactions: "sourceNodeId,targetNodeId,value,time\n3,2,9.99,1\n")
    _ = try scratch.run()

    #expect(try scratch.lines("transfers.csv").count == 3)
    #expect(try scratch.outputFolderContents() == ["customers.csv", "transfers.csv", "truth.csv"])
  }

  @Test func aSimulationWithoutTransactionsWritesCustomersAndAnEmptyTransfersFile() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(nodes: SmallSimulation.nodes, transactions: "sourceNodeId,targetNodeId,value,time\n")
    let summary = try scratch.run()

    #expect(try scratch.lines("transfers.csv") == [TamgaHeaders.transfers])
    #expect(summary.customers == 3)
    #expect(summary.minimumStep == nil)
    #expect(summary.firstDay == nil)
    #expect(summary.lastDay == nil)
  }

  @Test func theSummaryTellsAnAnalystWhatWasWrittenAndWhatWasLeftOut() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(nodes: SmallSimulation.nodes, transactions: SmallSimulation.transactions)
    let summary = try scratch.run()

    let text = summary.description
    #expect(text.contains("customers:      3 (1 labelled fraud)"))
    #expect(text.contains("transactions:   4 -> 8 transfer rows"))
    #expect(text.contains("days:           2026-03-01 (step 1) to 2026-03-02"))
    #expect(text.contains("refused rows:   2"))
    #expect(text.contains("transactions.csv line 6, column targetNodeId: unknown_node"))
    #expect(summary.customersFile.lastPathComponent == "customers.csv")
    #expect(summary.transfersFile.lastPathComponent == "transfers.csv")
    #expect(summary.truthFile.lastPathComponent == "truth.csv")
  }
}
