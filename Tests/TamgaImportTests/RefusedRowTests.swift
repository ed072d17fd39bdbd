import TamgaImport
import Foundation
import Testing

@Suite struct RefusedRowTests {
  @Test func aTransactionWithAnUnknownNodeIsRefusedWithItsLineAndTheOthersAreKept() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(nodes: SmallSimulation.nodes, transactions: SmallSimulation.transactions)
    let summary = try scratch.run()

    #expect(
      summary.refusedRows == [
        RefusedRow(file: "transactions.csv", line: 5, column: "value", reason: .badNumber),
        RefusedRow(file: "transactions.csv", line: 6, column: "targetNodeId", reason: .unknownNode),
      ])
    #expect(summary.transactions == 4)
  }

  @Test func badAccountRowsAreRefusedAndTransactionsNamingThemWithThem() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: """
        nodeid,isFraud,init_balance,fraudStep
        1,0,1.00,-1
        x7,0,1.00,-1
        1,1,1.00,-1
        2,yes,1.00,-1
        3,0,1.00,soon
        4,0,1.00
        ,0,1.00,-1
        5,TRUE,1.00,12

        """,
      transactions: """
        sourceNodeId,targetNodeId,value,time
        1,5,1.00,1
        1,2,1.00,1
        3,1,1.00,1

        """)
    let summary = try scratch.run()

    #expect(
      summary.refusedRows == [
        RefusedRow(file: "nodes.csv", line: 3, column: "nodeid", reason: .badNodeID),
        RefusedRow(file: "nodes.csv", line: 4, column: "nodeid", reason: .duplicateNode),
        RefusedRow(file: "nodes.csv", line: 5, column: "isFraud", reason: .badValue),
        RefusedRow(file: "nodes.csv", line: 6, column: "fraudStep", reason: .badStep),
        RefusedRow(file: "nodes.csv", line: 7, column: nil, reason: .wrongFieldCount),
        RefusedRow(file: "nodes.csv", line: 8, column: "nodeid", reason: .missingValue),
        RefusedRow(file: "transactions.csv", line: 3, column: "targetNodeId", reason: .unknownNode),
        RefusedRow(file: "transactions.csv", line: 4, column: "sourceNodeId", reason: .unknownNode),
      ])
    // The first row for node 1 is kept, and `TRUE` counts as fraud.
    #expect(try scratch.lines("truth.csv") == [TamgaHeaders.truth, "amlsim-1,false,", "amlsim-5,true,12"])
    #expect(summary.transactions == 1)
  }

  @Test func badStepsAreRefused() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes,
      transactions: "sourceNodeId,targetNodeId,value,time\n1,2,1.00,1.5\n1,2,1.00,-1\n1,2,1.00,\n1,2,1.00,x\n1,2,1.00,4\n")
    let summary = try scratch.run()

    #expect(summary.refusedRows.map(\.reason) == [.badStep, .badStep, .missingValue, .badStep])
    #expect(summary.refusedRows.map(\.line) == [2, 3, 4, 5])
    #expect(summary.transactions == 1)
  }

  @Test func aStepWhoseDayWouldFallAfterTheYear9999IsRefused() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes,
      transactions: "sourceNodeId,targetNodeId,value,time\n1,2,1.00,999999999999\n1,2,1.00,1\n1,2,1.00,2\n")
    let summary = try scratch.run()

    #expect(summary.refusedRows == [RefusedRow(file: "transactions.csv", line: 2, column: "time", reason: .badStep)])
    #expect(summary.transactions == 2)
    #expect(summary.lastDay == CalendarDay(year: 2026, month: 3, day: 2))
  }

  @Test func rowsThatCannotBeSplitIntoFieldsAreRefusedAndReadingGoesOn() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes,
      transactions: """
        sourceNodeId,targetNodeId,value,time
        1,2,1.00
        1,2,1.00,1,extra
        "1"x,2,1.00,1
        "1","2","3.00","1"
        1,2,"4.00
        """)
    let summary = try scratch.run()

    #expect(
      summary.refusedRows == [
        RefusedRow(file: "transactions.csv", line: 2, column: nil, reason: .wrongFieldCount),
        RefusedRow(file: "transactions.csv", line: 3, column: nil, reason: .wrongFieldCount),
        RefusedRow(file: "transactions.csv", line: 4, column: nil, reason: .malformedQuote),
        RefusedRow(file: "transactions.csv", line: 6, column: nil, reason: .malformedQuote),  // never closed
      ])
    // The quoted row is an ordinary row, and its number counts the refused rows before it.
    #expect(try scratch.lines("transfers.csv").dropFirst().map { $0.split(separator: ",")[0] } == ["amlsim-4-out", "amlsim-4-in"])
  }

  @Test func aRowLongerThan64KiBIsRefusedAndTheNextLineIsRead() throws {
    let scratch = try ScratchFolder()
    let long = "1,2,1.00," + String(repeating: "9", count: 70_000)
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes, transactions: "sourceNodeId,targetNodeId,value,time\n\(long)\n1,2,2.00,1\n")
    let summary = try scratch.run()

    #expect(summary.refusedRows == [RefusedRow(file: "transactions.csv", line: 2, column: nil, reason: .lineTooLong)])
    #expect(try scratch.lines("transfers.csv").dropFirst().map { $0.split(separator: ",")[0] } == ["amlsim-2-out", "amlsim-2-in"])
  }

  @Test func rowNumbersCountRefusedRowsButNotBlankLines() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes,
      transactions: "sourceNodeId,targetNodeId,value,time\n\n1,2,bad,1\n\n\n1,2,1.00,1\n")
    let summary = try scratch.run()

    #expect(summary.refusedRows.map(\.line) == [3])
    #expect(try scratch.lines("transfers.csv").dropFirst().map { $0.split(separator: ",")[0] } == ["amlsim-2-out", "amlsim-2-in"])
  }

  @Test func aRefusalNamesThePlaceAndTheReasonButNeverTheValue() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes, transactions: "sourceNodeId,targetNodeId,value,time\n1,2,12.345,1\n")
    let summary = try scratch.run()

    let refusal = try #require(summary.refusedRows.first)
    #expect(refusal.description == "transactions.csv line 2, column value: bad_number (not a decimal with at most two decimals)")
    #expect(!summary.description.contains("12.345"))
  }

  @Test func everyRefusalIsCountedWhileTheListStopsAtItsLimit() throws {
    let scratch = try ScratchFolder()
    var transactions = "sourceNodeId,targetNodeId,value,time\n"
    for _ in 0..<(ImportSummary.refusedRowsListed + 5) { transactions += "1,2,x,1\n" }
    try scratch.writeSimulation(nodes: SmallSimulation.nodes, transactions: transactions)
    let summary = try scratch.run()

    #expect(summary.refusedRowCount == ImportSummary.refusedRowsListed + 5)
    #expect(summary.refusedRows.count == ImportSummary.refusedRowsListed)
    #expect(summary.refusedRows.last?.line == ImportSummary.refusedRowsListed + 1)
  }
}
