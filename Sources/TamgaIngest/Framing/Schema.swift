/// The columns a file format names, in a fixed order that decoders index by.
///
/// Files may hold the columns in any order, with extra columns (ignored); the header row
/// (CSV) or each object's keys (NDJSON) are mapped to these by name, once per file.
public struct Schema: Sendable {
  public struct Column: Sendable {
    public var name: String
    public var isRequired: Bool
    /// NDJSON: whether the value may be a JSON object, kept as its raw bytes (an IVMS101
    /// payload inside a Travel Rule record). Under any other column an object is refused.
    public var holdsObject: Bool
    public init(_ name: String, required: Bool, object: Bool = false) {
      self.name = name
      self.isRequired = required
      self.holdsObject = object
    }
  }

  public var name: String
  public var columns: [Column]
  let nameBytes: [[UInt8]]

  public init(name: String, columns: [Column]) {
    self.name = name
    self.columns = columns
    nameBytes = columns.map { Array($0.name.utf8) }
  }

  /// The column whose name is exactly `key`, ignoring ASCII case.
  /// - Complexity: O(columns × key length); allocates nothing.
  @inline(__always)
  func column(named key: UnsafeBufferPointer<UInt8>) -> Int? {
    outer: for (index, name) in nameBytes.enumerated() where name.count == key.count {
      for i in 0..<key.count {
        var byte = key[i]
        if byte &- UInt8(ascii: "A") < 26 { byte |= 0x20 }
        if byte != name[i] { continue outer }
      }
      return index
    }
    return nil
  }
}

/// File formats by content: a name ending in `.ndjson`, `.jsonl` or `.json` (before any
/// `.gz`) is NDJSON, anything else CSV.
public enum RecordFormat: String, Sendable {
  case csv
  case ndjson

  public init(path: String) {
    var name = path.lowercased()
    if name.hasSuffix(".gz") { name.removeLast(3) }
    self = name.hasSuffix(".ndjson") || name.hasSuffix(".jsonl") || name.hasSuffix(".json") ? .ndjson : .csv
  }
}
