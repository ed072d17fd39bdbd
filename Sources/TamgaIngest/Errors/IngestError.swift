/// A file that cannot be read at all: the run stops before anything is written.
///
/// Problems inside single rows are not errors: they become ``Rejection``s and the run goes on.
public struct IngestError: Error, Sendable, CustomStringConvertible {
  /// What went wrong, as a closed set callers can switch on.
  public enum Code: String, Sendable {
    /// Missing, a directory, or not readable.
    case unreadableSource = "unreadable_source"
    /// The gzip stream is damaged or truncated.
    case corruptGzip = "corrupt_gzip"
    /// The CSV header lacks a column the format requires.
    case missingColumn = "missing_column"
    /// The file has no header row (CSV) or no bytes at all.
    case emptyFile = "empty_file"
    /// The header itself is not valid UTF-8 or is malformed.
    case badHeader = "bad_header"
  }

  public var code: Code
  /// The file, as the user named it.
  public var file: String
  /// What and where, for an operator; never a customer's data.
  public var message: String

  public init(_ code: Code, file: String, _ message: String) {
    self.code = code
    self.file = file
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}
