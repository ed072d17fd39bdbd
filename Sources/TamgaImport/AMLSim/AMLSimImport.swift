public import Foundation

/// Converts an IBM AMLSim simulation into the files Tamga replays: `customers.csv`,
/// `transfers.csv`, and `truth.csv` with AMLSim's fraud labels for scoring detection afterwards.
///
/// AMLSim simulates bank accounts and transfers between them, with money-laundering patterns
/// (such as fan-in: many accounts paying into one) injected and labelled. Tamga monitors crypto
/// customers, so each account becomes a customer with one synthetic Ethereum wallet, and each
/// transfer becomes a USDT withdrawal by the sender and a deposit to the receiver. Running Tamga
/// over the result, then comparing its alerts with `truth.csv`, measures how well it finds the
/// patterns AMLSim planted.
///
/// Input: a folder holding AMLSim's `nodes.csv` (`nodeid,isFraud,init_balance,fraudStep`) and
/// `transactions.csv` (`sourceNodeId,targetNodeId,value,time`), columns in any order, extra
/// columns ignored, plain CSV (gzip is recognised and refused: gunzip first).
///
/// The mapping, fixed so that the same simulation always gives the same bytes:
/// - **Accounts.** Node *n* becomes customer `amlsim-n` with the wallet
///   `ethereum:<walletAddress(forNode: n)>`, recorded at 00:00:00Z on the start date.
/// - **Days.** Step *t* falls on start date + (*t* − the smallest step in the file) days, so the
///   first simulated day is the start date whether AMLSim counted from 0 or from 1.
/// - **Times.** AMLSim has no time within a step; the n-th accepted transaction of a day (from 0,
///   in file order) is stamped 00:00:00Z + n seconds, so Tamga sees the day in file order. From the
///   86,400th on, a day's transactions all take 23:59:59 and keep file order through their row.
/// - **Legs.** The transaction on data row *r* (1-based, header and blank lines not counted) from
///   A to B becomes `amlsim-r-out`, A's `withdrawal` to B's address, then `amlsim-r-in`, B's
///   `deposit` from A's address: USDT on Ethereum, the value in exact cents as both `amount` and
///   `usd_value`, and one shared `tx_hash`.
/// - **Order.** Rows are sorted by timestamp, then by row number; the two legs stay adjacent.
public enum AMLSimImport {
  /// The start date used when none is given: 2026-03-01, the first day of Tamga's sample data.
  public static let defaultStartDate = CalendarDay(year: 2026, month: 3, day: 1)!

  /// AMLSim's accounts file, looked for in the input folder.
  public static let nodesFileName = AccountRegister.fileName
  /// AMLSim's transfers file, looked for in the input folder.
  public static let transactionsFileName = TransactionsFile.fileName
  /// Tamga's customers file, written to the output folder.
  public static let customersFileName = "customers.csv"
  /// Tamga's transfers file, written to the output folder.
  public static let transfersFileName = "transfers.csv"
  /// The ground-truth labels, written to the output folder.
  public static let truthFileName = "truth.csv"

  /// Imports the AMLSim simulation in the folder `input` into `output` (created if need be),
  /// placing the simulation's first step on `startDate`.
  ///
  /// Both input headers are checked before a row is read, and nothing is written until both
  /// files are read: a missing file or column throws ``ImportError`` and leaves `output`
  /// untouched. A bad row is refused and listed in the returned summary; every other row is
  /// kept. The three files are written beside their destinations and renamed into place only when
  /// all three are complete, so a failure never leaves a half-written file, and existing files
  /// from an earlier import are replaced whole. The same input and start date give the same
  /// bytes every time.
  ///
  /// - Parameters:
  ///   - input: The folder holding `nodes.csv` and `transactions.csv`.
  ///   - output: The folder to write `customers.csv`, `transfers.csv` and `truth.csv` to.
  ///   - startDate: The day of the smallest step in `transactions.csv`; customers are recorded
  ///     at 00:00:00Z on it.
  /// - Returns: Counts, dates and refused rows.
  /// - Throws: ``ImportError`` for a missing or unreadable file, a missing column, or an output
  ///   folder that cannot be written.
  public static func run(
    input: URL, output: URL, startDate: CalendarDay = defaultStartDate
  ) throws(ImportError) -> ImportSummary {
    var nodesReader = try CSVRecordReader(url: input.appendingPathComponent(nodesFileName))
    let nodeColumns = try HeaderColumns(
      finding: AccountRegister.neededColumns, in: nodesReader.readHeader(), path: nodesReader.path)
    var transactionsReader = try CSVRecordReader(url: input.appendingPathComponent(transactionsFileName))
    let transactionColumns = try HeaderColumns(
      finding: TransactionsFile.neededColumns, in: transactionsReader.readHeader(), path: transactionsReader.path)

    var refusals = RefusalLog()
    let register = try AccountRegister(reading: &nodesReader, columns: nodeColumns, refusals: &refusals)
    let transactions = try TransactionsFile.read(
      &transactionsReader, columns: transactionColumns, accounts: register, refusals: &refusals)
    let placement = DayPlacement(
      transactions, from: startDate, stepColumn: transactionColumns.spelledNames[3], refusals: &refusals)

    try write(register: register, placement: placement, startDate: startDate, to: output)

    let refusedRows = refusals.listed.sorted { left, right in
      // nodes.csv before transactions.csv, then by line: the order an analyst works through them.
      (left.file == nodesFileName ? 0 : 1, left.line) < (right.file == nodesFileName ? 0 : 1, right.line)
    }
    return ImportSummary(
      customersFile: output.appendingPathComponent(customersFileName),
      transfersFile: output.appendingPathComponent(transfersFileName),
      truthFile: output.appendingPathComponent(truthFileName),
      customers: register.accounts.count,
      fraudCustomers: register.accounts.count(where: \.isFraud),
      transactions: placement.ordered.count,
      minimumStep: placement.minimumStep,
      firstDay: placement.lastDayOffset == nil ? nil : startDate,
      lastDay: placement.lastDayOffset.flatMap { startDate.adding(days: $0) },
      transactionsAtEndOfDay: placement.atEndOfDay,
      refusedRowCount: refusals.count,
      refusedRows: refusedRows)
  }

  /// Writes the three files to staging files, then renames them all into place.
  private static func write(
    register: AccountRegister, placement: DayPlacement, startDate: CalendarDay, to output: URL
  ) throws(ImportError) {
    do {
      try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    } catch {
      throw ImportError(.outputNotWritable, path: output.path, detail: error.localizedDescription)
    }
    let encoded = TamgaFiles.EncodedAccounts(register)
    var staged: [StagedFile] = []
    do {
      var customers = try StagedFile(destination: output.appendingPathComponent(customersFileName))
      staged.append(customers)
      try TamgaFiles.writeCustomers(register, encoded: encoded, recordedAt: startDate, to: &customers)
      try customers.finish()

      var transfers = try StagedFile(destination: output.appendingPathComponent(transfersFileName))
      staged.append(transfers)
      try TamgaFiles.writeTransfers(placement, encoded: encoded, startDate: startDate, to: &transfers)
      try transfers.finish()

      var truth = try StagedFile(destination: output.appendingPathComponent(truthFileName))
      staged.append(truth)
      try TamgaFiles.writeTruth(register, encoded: encoded, to: &truth)
      try truth.finish()

      for file in staged { try file.commit() }
    } catch {
      for file in staged { file.discard() }
      throw error
    }
  }
}
