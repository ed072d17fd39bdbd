import TamgaImport
import Foundation
import Testing

@Suite struct TransferMappingTests {
  private func address(_ node: Int) -> String { AMLSimImport.walletAddress(forNode: node) }
  private func hash(_ row: Int) -> String { AMLSimImport.transactionHash(forRow: row) }

  // MARK: - Two legs per transaction

  @Test func eachTransactionBecomesTheSendersWithdrawalAndTheReceiversDeposit() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(nodes: SmallSimulation.nodes, transactions: SmallSimulation.transactions)
    let summary = try scratch.run()

    // Step 1 is the smallest step, so it is 1 March; rows 4 and 5 are refused and take no second.
    let expected = [
      TamgaHeaders.transfers,
      "amlsim-2-out,2026-03-01T00:00:00Z,amlsim-2,withdrawal,USDT,ethereum,0.10,0.10,\(address(3)),,\(hash(2))",
      "amlsim-2-in,2026-03-01T00:00:00Z,amlsim-3,deposit,USDT,ethereum,0.10,0.10,\(address(2)),,\(hash(2))",
      "amlsim-6-out,2026-03-01T00:00:01Z,amlsim-2,withdrawal,USDT,ethereum,1.00,1.00,\(address(1)),,\(hash(6))",
      "amlsim-6-in,2026-03-01T00:00:01Z,amlsim-1,deposit,USDT,ethereum,1.00,1.00,\(address(2)),,\(hash(6))",
      "amlsim-1-out,2026-03-02T00:00:00Z,amlsim-1,withdrawal,USDT,ethereum,10.50,10.50,\(address(2)),,\(hash(1))",
      "amlsim-1-in,2026-03-02T00:00:00Z,amlsim-2,deposit,USDT,ethereum,10.50,10.50,\(address(1)),,\(hash(1))",
      "amlsim-3-out,2026-03-02T00:00:01Z,amlsim-3,withdrawal,USDT,ethereum,7.00,7.00,\(address(1)),,\(hash(3))",
      "amlsim-3-in,2026-03-02T00:00:01Z,amlsim-1,deposit,USDT,ethereum,7.00,7.00,\(address(3)),,\(hash(3))",
    ]
    #expect(try scratch.lines("transfers.csv") == expected)
    #expect(summary.transactions == 4)
    #expect(summary.transferRows == 8)
    #expect(summary.refusedRowCount == 2)
  }

  @Test func customersArePlainProfessionalCustomersWithOneWalletEach() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(nodes: SmallSimulation.nodes, transactions: SmallSimulation.transactions)
    let summary = try scratch.run()

    let fixed = ",,,KZ,KZ,professional,aifc,income_verified,,,false,low,ethereum:"
    #expect(
      try scratch.lines("customers.csv") == [
        TamgaHeaders.customers,
        "amlsim-1,2026-03-01T00:00:00Z,individual,AMLSim Account 1\(fixed)\(address(1))",
        "amlsim-2,2026-03-01T00:00:00Z,individual,AMLSim Account 2\(fixed)\(address(2))",
        "amlsim-3,2026-03-01T00:00:00Z,individual,AMLSim Account 3\(fixed)\(address(3))",
      ])
    #expect(summary.customers == 3)
  }

  @Test func truthLabelsEveryCustomerWithAMLSimsFraudFlagAndStep() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(nodes: SmallSimulation.nodes, transactions: SmallSimulation.transactions)
    let summary = try scratch.run()

    // AMLSim's -1 ("no step") becomes an empty field.
    #expect(
      try scratch.lines("truth.csv") == [
        TamgaHeaders.truth, "amlsim-1,false,", "amlsim-2,true,3", "amlsim-3,false,",
      ])
    #expect(summary.fraudCustomers == 1)
  }

  @Test func aTransferToOnesOwnAccountGivesBothLegsToTheSameCustomer() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes, transactions: "sourceNodeId,targetNodeId,value,time\n2,2,3.00,1\n")
    _ = try scratch.run()

    let rows = try scratch.lines("transfers.csv").dropFirst().map { $0.split(separator: ",").map(String.init) }
    #expect(rows.map { $0[2] } == ["amlsim-2", "amlsim-2"])
    #expect(rows.map { $0[3] } == ["withdrawal", "deposit"])
  }

  // MARK: - Steps and timestamps

  @Test func stepsBecomeDaysCountedFromTheSmallestStepInTheFile() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes,
      transactions: "sourceNodeId,targetNodeId,value,time\n1,2,1.00,3\n1,2,1.00,0\n1,2,1.00,31\n")
    let summary = try scratch.run()

    let timestamps = try scratch.lines("transfers.csv").dropFirst().map { $0.split(separator: ",")[1] }
    #expect(
      timestamps == [
        "2026-03-01T00:00:00Z", "2026-03-01T00:00:00Z",  // step 0, the smallest
        "2026-03-04T00:00:00Z", "2026-03-04T00:00:00Z",  // step 3
        "2026-04-01T00:00:00Z", "2026-04-01T00:00:00Z",  // step 31, across the month end
      ])
    #expect(summary.minimumStep == 0)
    #expect(summary.firstDay == CalendarDay(year: 2026, month: 3, day: 1))
    #expect(summary.lastDay == CalendarDay(year: 2026, month: 4, day: 1))
  }

  @Test func theStartDateMovesEveryTimestampAndTheCustomersRecordDate() throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes,
      transactions: "sourceNodeId,targetNodeId,value,time\n1,2,1.00,5\n1,2,1.00,7\n")
    let start = try #require(CalendarDay("2024-02-28"))
    _ = try scratch.run(startDate: start)

    let timestamps = try scratch.lines("transfers.csv").dropFirst().map { $0.split(separator: ",")[1] }
    #expect(timestamps == ["2024-02-28T00:00:00Z", "2024-02-28T00:00:00Z", "2024-03-01T00:00:00Z", "2024-03-01T00:00:00Z"])
    #expect(try scratch.lines("customers.csv")[1].split(separator: ",")[1] == "2024-02-28T00:00:00Z")
  }

  @Test func transactionsOfOneDayKeepFileOrderOneSecondApart() throws {
    let scratch = try ScratchFolder()
    // Two days interleaved in the file: each day counts its own seconds, in file order.
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes,
      transactions: """
        sourceNodeId,targetNodeId,value,time
        1,2,1.00,2
        2,3,2.00,1
        3,1,3.00,2
        1,3,4.00,1
        2,1,5.00,1

        """)
    _ = try scratch.run()

    let rows = try scratch.lines("transfers.csv").dropFirst().map { $0.split(separator: ",") }
    #expect(
      rows.map { "\($0[0]) \($0[1])" } == [
        "amlsim-2-out 2026-03-01T00:00:00Z", "amlsim-2-in 2026-03-01T00:00:00Z",
        "amlsim-4-out 2026-03-01T00:00:01Z", "amlsim-4-in 2026-03-01T00:00:01Z",
        "amlsim-5-out 2026-03-01T00:00:02Z", "amlsim-5-in 2026-03-01T00:00:02Z",
        "amlsim-1-out 2026-03-02T00:00:00Z", "amlsim-1-in 2026-03-02T00:00:00Z",
        "amlsim-3-out 2026-03-02T00:00:01Z", "amlsim-3-in 2026-03-02T00:00:01Z",
      ])
  }

  @Test func aDayWithMoreThan86400TransactionsEndsAt235959InRowOrder() throws {
    let scratch = try ScratchFolder()
    var transactions = "sourceNodeId,targetNodeId,value,time\n"
    transactions.reserveCapacity(1_000_000)
    for _ in 0..<86_402 { transactions += "1,2,1.00,1\n" }
    transactions += "2,1,1.00,2\n"
    try scratch.writeSimulation(nodes: SmallSimulation.nodes, transactions: transactions)
    let summary = try scratch.run()

    let lines = try scratch.lines("transfers.csv")
    let lastOfTheFullDay = lines[(2 * 86_398 + 1)...(2 * 86_402)].map { $0.split(separator: ",") }
    #expect(
      lastOfTheFullDay.map { "\($0[0]) \($0[1])" } == [
        "amlsim-86399-out 2026-03-01T23:59:58Z", "amlsim-86399-in 2026-03-01T23:59:58Z",
        "amlsim-86400-out 2026-03-01T23:59:59Z", "amlsim-86400-in 2026-03-01T23:59:59Z",
        "amlsim-86401-out 2026-03-01T23:59:59Z", "amlsim-86401-in 2026-03-01T23:59:59Z",
        "amlsim-86402-out 2026-03-01T23:59:59Z", "amlsim-86402-in 2026-03-01T23:59:59Z",
      ])
    #expect(lines.last?.split(separator: ",")[1] == "2026-03-02T00:00:00Z")
    #expect(summary.transactionsAtEndOfDay == 2)
  }

  // MARK: - Amounts

  /// AMLSim values and what Tamga's files say, or `nil` for a refused value with its reason.
  static let values: [(written: String, amount: String?, reason: RefusalReason?)] = [
    ("0.1", "0.10", nil),
    ("7", "7.00", nil),
    ("0.01", "0.01", nil),
    ("007.5", "7.50", nil),
    ("12.340", "12.34", nil),  // exactly 1,234 cents: the extra zero loses nothing
    ("92233720368547758.07", "92233720368547758.07", nil),  // Int64.max cents
    ("12.345", nil, .badNumber),  // would need rounding
    ("92233720368547758.08", nil, .badNumber),  // beyond Int64 cents
    ("1e3", nil, .badNumber),
    ("+5", nil, .badNumber),
    (" 5", nil, .badNumber),
    ("5.", nil, .badNumber),
    (".5", nil, .badNumber),
    ("-1.00", nil, .negativeAmount),
    ("", nil, .missingValue),
  ]

  @Test(arguments: values)
  func valuesBecomeExactCentsOrAreRefused(_ value: (written: String, amount: String?, reason: RefusalReason?)) throws {
    let scratch = try ScratchFolder()
    try scratch.writeSimulation(
      nodes: SmallSimulation.nodes, transactions: "sourceNodeId,targetNodeId,value,time\n1,2,\(value.written),1\n")
    let summary = try scratch.run()

    let rows = try scratch.lines("transfers.csv").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    if let amount = value.amount {
      #expect(rows.map { "\($0[6]) \($0[7])" } == ["\(amount) \(amount)", "\(amount) \(amount)"])
      #expect(summary.refusedRowCount == 0)
    } else {
      #expect(rows.isEmpty)
      #expect(summary.refusedRows == [RefusedRow(file: "transactions.csv", line: 2, column: "value", reason: value.reason!)])
    }
  }
}
