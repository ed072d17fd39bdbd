/// Why an import stopped before writing anything: a file that is missing or cannot be read, a
/// header without a column the mapping needs, or an output folder that cannot be written.
///
/// This is the module's one error. It is thrown only for problems with a whole file; a single bad
/// row is never an error but a ``RefusedRow`` in the ``ImportSummary``, so one typo cannot cost
/// the other 118,000 transactions. The message names the file, and for header problems the
/// header as found, so the analyst can fix the input without opening a debugger. It never holds
/// a row's values.
public struct ImportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong with the file.
  ///
  /// A closed list, so a caller (or a test) can react to one kind of failure without matching
  /// message text.
  public enum Problem: Sendable, Equatable {
    /// No file at the path: for inputs, AMLSim's `nodes.csv` or `transactions.csv` is not in
    /// the folder given.
    case fileMissing
    /// The path names a folder, not a file.
    case notAFile
    /// The file exists but reading it failed; `detail` holds the system's reason.
    case unreadable
    /// The file holds no header line at all (empty, or only blank lines).
    case empty
    /// The file is gzip-compressed. The import reads plain CSV only: `gunzip` it first.
    case compressed
    /// The header line is not UTF-8 text, or is not a well-formed CSV line.
    case unreadableHeader
    /// The header has no column with this name (compared ignoring case and surrounding spaces).
    case missingColumn(String)
    /// The header names this needed column more than once, so which one holds the data is a guess.
    case duplicateColumn(String)
    /// The output folder could not be created, or a file in it could not be written or renamed
    /// into place; `detail` holds the system's reason.
    case outputNotWritable
  }

  /// What went wrong.
  public let problem: Problem
  /// The path of the file (or output folder) concerned.
  public let path: String
  /// The header's column names as found, for header problems; empty otherwise.
  public let header: [String]
  /// The system's own explanation, when the failure came from the file system; otherwise empty.
  public let detail: String

  /// An error about the file at `path`.
  ///
  /// Public so that code wrapping the import (a command line, a pipeline stage) can report its
  /// own file problems in the same shape.
  public init(_ problem: Problem, path: String, header: [String] = [], detail: String = "") {
    self.problem = problem
    self.path = path
    self.header = header
    self.detail = detail
  }

  /// One line for a log or a terminal: the file, what is wrong, and (for header problems) the
  /// header that was found.
  public var description: String {
    var text = "\(path): "
    switch problem {
    case .fileMissing: text += "no such file"
    case .notAFile: text += "is a folder, not a file"
    case .unreadable: text += "cannot be read"
    case .empty: text += "is empty: no header line"
    case .compressed: text += "is gzip-compressed; the AMLSim import reads plain CSV (gunzip it first)"
    case .unreadableHeader: text += "the header line is not UTF-8 CSV text"
    case .missingColumn(let name): text += "the header has no column \"\(name)\""
    case .duplicateColumn(let name): text += "the header has the column \"\(name)\" more than once"
    case .outputNotWritable: text += "cannot be written"
    }
    if !header.isEmpty { text += " (header: \(header.joined(separator: ",")))" }
    if !detail.isEmpty { text += " (\(detail))" }
    return text
  }
}
