/// The columns of one input file that the import needs, found by name in its header.
///
/// AMLSim versions and hand-made exports order columns differently and add their own, so columns
/// are matched by name, ignoring case and surrounding spaces, and every other column is ignored.
struct HeaderColumns {
  /// Each needed column's position in a record.
  let positions: [Int]
  /// Each needed column's name as the file spells it, for refusals.
  let spelledNames: [String]
  /// How many fields every record must have: the header's count.
  let fieldCount: Int

  /// Finds `needed` in `header`, or throws naming the first one missing (or given twice).
  init(finding needed: [String], in header: [String], path: String) throws(ImportError) {
    let lowered = header.map { $0.lowercased() }
    var positions: [Int] = []
    for name in needed {
      let matches = lowered.indices.filter { lowered[$0] == name.lowercased() }
      guard let first = matches.first else { throw ImportError(.missingColumn(name), path: path, header: header) }
      guard matches.count == 1 else { throw ImportError(.duplicateColumn(name), path: path, header: header) }
      positions.append(first)
    }
    self.positions = positions
    spelledNames = positions.map { header[$0] }
    fieldCount = header.count
  }
}

/// Refused rows as they are found: all counted, the first ``ImportSummary/refusedRowsListed``
/// kept for the summary.
struct RefusalLog {
  private(set) var count = 0
  private(set) var listed: [RefusedRow] = []

  mutating func refuse(_ file: String, line: Int, column: String?, _ reason: RefusalReason) {
    count += 1
    if listed.count < ImportSummary.refusedRowsListed {
      listed.append(RefusedRow(file: file, line: line, column: column, reason: reason))
    }
  }
}

// MARK: - nodes.csv

/// One AMLSim account: a row of `nodes.csv`. Its initial balance is not carried over, since
/// Tamga's customer records have no balance.
struct SimulatedAccount {
  let node: Int
  let isFraud: Bool
  /// The step AMLSim gives for the account's fraud, or `nil` for none (AMLSim's `-1`).
  let fraudStep: Int?
}

/// The accounts of `nodes.csv` in file order, with a lookup from node id to position so that each
/// transaction leg finds its customer in constant time.
struct AccountRegister {
  static let fileName = "nodes.csv"
  static let neededColumns = ["nodeid", "isFraud", "fraudStep"]

  private(set) var accounts: [SimulatedAccount] = []
  private var positionByNode: [Int: Int32] = [:]

  /// The position in `accounts` of node `node`, if `nodes.csv` introduced it.
  func position(of node: Int) -> Int32? { positionByNode[node] }

  /// Reads every record of `reader` (whose header has been read), keeping each valid account and
  /// refusing the rest into `refusals`.
  init(reading reader: inout CSVRecordReader, columns: HeaderColumns, refusals: inout RefusalLog) throws(ImportError) {
    let file = Self.fileName
    let (idColumn, fraudColumn, stepColumn) = (columns.positions[0], columns.positions[1], columns.positions[2])
    let names = columns.spelledNames
    while true {
      let line: Int
      switch try reader.next() {
      case .end: return
      case .unsplittable(let at, let reason):
        refusals.refuse(file, line: at, column: nil, reason)
        continue
      case .record(let at): line = at
      }
      guard reader.fieldCount == columns.fieldCount else {
        refusals.refuse(file, line: line, column: nil, .wrongFieldCount)
        continue
      }
      let node: Int
      switch FieldParsing.nodeID(reader.field(idColumn)) {
      case .value(let value): node = value
      case .refused(let reason):
        refusals.refuse(file, line: line, column: names[0], reason)
        continue
      }
      let isFraud: Bool
      switch FieldParsing.fraudFlag(reader.field(fraudColumn)) {
      case .value(let value): isFraud = value
      case .refused(let reason):
        refusals.refuse(file, line: line, column: names[1], reason)
        continue
      }
      let fraudStep: Int?
      switch FieldParsing.fraudStep(reader.field(stepColumn)) {
      case .value(let value): fraudStep = value
      case .refused(let reason):
        refusals.refuse(file, line: line, column: names[2], reason)
        continue
      }
      guard positionByNode[node] == nil else {
        refusals.refuse(file, line: line, column: names[0], .duplicateNode)
        continue
      }
      positionByNode[node] = Int32(accounts.count)
      accounts.append(SimulatedAccount(node: node, isFraud: isFraud, fraudStep: fraudStep))
    }
  }
}

// MARK: - transactions.csv

/// One AMLSim transaction that passed every check: a row of `transactions.csv`.
struct SimulatedTransaction {
  /// The 1-based data row: the n-th record after the header, refused ones included and blank
  /// lines not, so that ids do not shift when a neighbouring row is refused.
  let row: Int
  /// The physical line the record starts on, for a refusal found later (a step beyond 9999).
  let line: Int
  /// Positions in `AccountRegister.accounts` of sender and receiver.
  let source: Int32
  let target: Int32
  let cents: Int64
  let step: Int
}

/// Reads `transactions.csv` into compact rows.
///
/// The file is streamed; what is kept is 40 bytes per transaction (4.7 MB for the 118,250 of the
/// sample), because placing a step on a day needs the smallest step of the whole file first.
enum TransactionsFile {
  static let fileName = "transactions.csv"
  static let neededColumns = ["sourceNodeId", "targetNodeId", "value", "time"]

  static func read(
    _ reader: inout CSVRecordReader, columns: HeaderColumns, accounts: AccountRegister, refusals: inout RefusalLog
  ) throws(ImportError) -> [SimulatedTransaction] {
    let file = fileName
    let names = columns.spelledNames
    let positions = columns.positions
    var transactions: [SimulatedTransaction] = []
    var row = 0

    /// The account of a sender or receiver field, or the reason to refuse the row.
    func account(_ field: ArraySlice<UInt8>) -> FieldParsing.Parsed<Int32> {
      switch FieldParsing.nodeID(field) {
      case .refused(let reason): .refused(reason)
      case .value(let node): accounts.position(of: node).map { .value($0) } ?? .refused(.unknownNode)
      }
    }

    while true {
      let line: Int
      switch try reader.next() {
      case .end: return transactions
      case .unsplittable(let at, let reason):
        row += 1
        refusals.refuse(file, line: at, column: nil, reason)
        continue
      case .record(let at):
        row += 1
        line = at
      }
      guard reader.fieldCount == columns.fieldCount else {
        refusals.refuse(file, line: line, column: nil, .wrongFieldCount)
        continue
      }
      let source: Int32
      switch account(reader.field(positions[0])) {
      case .value(let value): source = value
      case .refused(let reason):
        refusals.refuse(file, line: line, column: names[0], reason)
        continue
      }
      let target: Int32
      switch account(reader.field(positions[1])) {
      case .value(let value): target = value
      case .refused(let reason):
        refusals.refuse(file, line: line, column: names[1], reason)
        continue
      }
      let cents: Int64
      switch FieldParsing.cents(reader.field(positions[2])) {
      case .value(let value): cents = value
      case .refused(let reason):
        refusals.refuse(file, line: line, column: names[2], reason)
        continue
      }
      let step: Int
      switch FieldParsing.step(reader.field(positions[3])) {
      case .value(let value): step = value
      case .refused(let reason):
        refusals.refuse(file, line: line, column: names[3], reason)
        continue
      }
      transactions.append(
        SimulatedTransaction(row: row, line: line, source: source, target: target, cents: cents, step: step))
    }
  }
}
