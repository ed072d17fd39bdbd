/// A row that could not be used, kept with where it was and why.
///
/// Rejections never stop a run: the analyst sees them in `tamga rejects`, raw line included,
/// and the run's summary counts them.
public struct Rejection: Sendable, Hashable {
  /// Why a row was rejected; `code` is stable for filtering, `message` says what and where.
  public struct Reason: Sendable, Hashable {
    public var code: Code
    public var message: String
    public init(_ code: Code, _ message: String) {
      self.code = code
      self.message = message
    }
  }

  public enum Code: String, Sendable, CaseIterable {
    case badNumber = "bad_number"
    case badTimestamp = "bad_timestamp"
    case badDate = "bad_date"
    case badValue = "bad_value"
    case unknownKind = "unknown_kind"
    case wrongFieldCount = "wrong_field_count"
    case invalidUTF8 = "invalid_utf8"
    case lineTooLong = "line_too_long"
    case missingValue = "missing_value"
    case malformedQuote = "malformed_quote"
    case malformedJSON = "malformed_json"
    case unknownCustomer = "unknown_customer"
    case negativeAmount = "negative_amount"
    case lateEvent = "late_event"
  }

  /// The file as the user named it.
  public var file: String
  /// 1-based physical line where the record starts.
  public var line: Int
  /// The column name, when one column is at fault.
  public var column: String?
  public var reason: Reason
  /// The record's bytes as read (at most ``Rejection/rawLimit`` of them), not decoded.
  public var raw: [UInt8]

  /// Longer raw lines are cut here: enough to recognise the row, not a copy of a broken file.
  public static let rawLimit = 4096

  public init(file: String, line: Int, column: String?, reason: Reason, raw: [UInt8]) {
    self.file = file
    self.line = line
    self.column = column
    self.reason = reason
    self.raw = raw
  }
}
