public import Foundation

/// What one import wrote and what it left out: the three files, how many customers and transfers
/// they hold, the dates the simulation was placed on, and every row refused with its reason.
///
/// An analyst evaluating detection on simulated data needs to know the data is whole before
/// trusting a recall figure: `refusedRowCount` of zero means every AMLSim row made it into Tamga's
/// files, and any other number comes with the file, line and column of each refused row.
public struct ImportSummary: Sendable, CustomStringConvertible {
  /// `customers.csv`: one customer per AMLSim account.
  public let customersFile: URL
  /// `transfers.csv`: two rows per AMLSim transaction, the sender's withdrawal and the
  /// receiver's deposit.
  public let transfersFile: URL
  /// `truth.csv`: which customers AMLSim made fraudulent, for scoring detection afterwards. Tamga
  /// never reads it.
  public let truthFile: URL

  /// Customers written, one per accepted row of `nodes.csv`.
  public let customers: Int
  /// Customers that AMLSim labels as fraud (`isFraud` = 1).
  public let fraudCustomers: Int
  /// AMLSim transactions written; each is two rows of `transfers.csv`.
  public let transactions: Int
  /// Rows of `transfers.csv` (twice `transactions`).
  public var transferRows: Int { transactions * 2 }

  /// The smallest AMLSim step among the accepted transactions: it lands on the start date.
  /// `nil` when no transaction was accepted.
  public let minimumStep: Int?
  /// The day of the earliest transfer (the start date), or `nil` when there is none.
  public let firstDay: CalendarDay?
  /// The day of the latest transfer, or `nil` when there is none.
  public let lastDay: CalendarDay?
  /// Transactions stamped 23:59:59 only because their day already held 86,399 earlier ones.
  ///
  /// Within a day each transaction is one second after the previous; a day has 86,400 seconds,
  /// so from the 86,400th transaction on they share the day's last second and keep their order
  /// through the row number in their transfer ids. Zero for the AMLSim sample (at most 1,373 a day).
  public let transactionsAtEndOfDay: Int

  /// Rows of either input file that were refused, all of them counted.
  public let refusedRowCount: Int
  /// The refused rows, by file (nodes first) and line; at most ``refusedRowsListed`` of them, so
  /// a file of garbage cannot exhaust memory. `refusedRowCount` counts them all.
  public let refusedRows: [RefusedRow]
  /// How many refused rows are listed in `refusedRows` at most.
  public static let refusedRowsListed = 10_000

  /// A few lines for a terminal: counts, dates and the first refused rows.
  public var description: String {
    var lines = [
      "customers:      \(customers) (\(fraudCustomers) labelled fraud) -> \(customersFile.path)",
      "transactions:   \(transactions) -> \(transferRows) transfer rows -> \(transfersFile.path)",
      "ground truth:   \(truthFile.path)",
    ]
    if let firstDay, let lastDay, let minimumStep {
      lines.append("days:           \(firstDay) (step \(minimumStep)) to \(lastDay)")
    }
    if transactionsAtEndOfDay > 0 {
      lines.append("at 23:59:59:    \(transactionsAtEndOfDay) transactions on days with over 86,399")
    }
    lines.append("refused rows:   \(refusedRowCount)")
    for row in refusedRows.prefix(20) { lines.append("  \(row)") }
    if refusedRowCount > 20 { lines.append("  … and \(refusedRowCount - 20) more") }
    return lines.joined(separator: "\n")
  }
}

/// One input row left out of the import, and why.
///
/// It names the place (file, line, column) and a reason code, never the row's values: the habit
/// that keeps personal data out of logs when the same code reads real customer files.
public struct RefusedRow: Sendable, Hashable, CustomStringConvertible {
  /// The input file's name, `nodes.csv` or `transactions.csv`.
  public let file: String
  /// The physical line (1-based) where the row starts, as an editor shows it.
  public let line: Int
  /// The offending column as the file's header spells it, or `nil` when the problem is the
  /// row as a whole (wrong number of fields, a broken quote, an over-long line).
  public let column: String?
  /// Why the row was refused.
  public let reason: RefusalReason

  /// A refused row; public so that tests and callers can state the rows they expect.
  public init(file: String, line: Int, column: String?, reason: RefusalReason) {
    self.file = file
    self.line = line
    self.column = column
    self.reason = reason
  }

  /// `transactions.csv line 17, column value: bad_number (…)`.
  public var description: String {
    let place = column.map { "\(file) line \(line), column \($0)" } ?? "\(file) line \(line)"
    return "\(place): \(reason.rawValue) (\(reason.explanation))"
  }
}

/// Why a row was refused. The raw values are the codes Tamga itself uses for rejected rows where
/// the meaning is the same, so one vocabulary serves both.
public enum RefusalReason: String, Sendable, Hashable, CaseIterable {
  /// The row has more or fewer fields than the header.
  case wrongFieldCount = "wrong_field_count"
  /// Text after a closing quote, or a quote never closed.
  case malformedQuote = "malformed_quote"
  /// The row is longer than 65,536 bytes; reading resumes on the next line.
  case lineTooLong = "line_too_long"
  /// A needed field is empty.
  case missingValue = "missing_value"
  /// A node id that is not a whole number from 0 up (AMLSim numbers accounts 0, 1, 2, …).
  case badNodeID = "bad_node_id"
  /// A node id already given by an earlier row of `nodes.csv`; the first row is kept.
  case duplicateNode = "duplicate_node"
  /// A transaction between accounts of which one is not in `nodes.csv` (or was refused there):
  /// without a customer, Tamga would reject the leg anyway.
  case unknownNode = "unknown_node"
  /// A value that is not a plain decimal with at most two non-zero decimals (no exponent, no
  /// sign, no thousands separator): it cannot become whole cents without rounding.
  case badNumber = "bad_number"
  /// A value below zero; AMLSim transfers move money one way, so the sign has no meaning here.
  case negativeAmount = "negative_amount"
  /// A step that is not a whole number from 0 up, or so large that its day falls after 9999-12-31.
  case badStep = "bad_step"
  /// An `isFraud` flag other than `0`, `1`, `true` or `false`.
  case badValue = "bad_value"

  /// A sentence for the analyst reading the refusal list.
  public var explanation: String {
    switch self {
    case .wrongFieldCount: "more or fewer fields than the header"
    case .malformedQuote: "text after a closing quote, or a quote never closed"
    case .lineTooLong: "row longer than 65,536 bytes"
    case .missingValue: "empty field"
    case .badNodeID: "not a whole number from 0 up"
    case .duplicateNode: "node id already given on an earlier line"
    case .unknownNode: "no such node in nodes.csv"
    case .badNumber: "not a decimal with at most two decimals"
    case .negativeAmount: "negative value"
    case .badStep: "not a whole number from 0 up, or beyond 9999-12-31"
    case .badValue: "not 0, 1, true or false"
    }
  }
}
