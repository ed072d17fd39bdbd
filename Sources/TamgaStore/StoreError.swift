/// The case store could not do what was asked: it will not open, is busy, or is damaged.
public struct StoreError: Error, Sendable, CustomStringConvertible {
  public enum Code: String, Sendable {
    /// No store at the path (read-only commands do not create one).
    case missing
    /// The file is not a Tamga store or its schema is newer than this build.
    case incompatible
    /// Another process holds the write lock longer than the wait allows.
    case busy
    /// SQLite reported an error.
    case database
    /// A case changed since the command read it (another analyst acted first).
    case conflict
  }

  public var code: Code
  public var message: String

  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  public var description: String { message }
}
