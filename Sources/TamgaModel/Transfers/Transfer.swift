/// What a transfer row records. Only `buy` counts toward the retail investment caps.
public enum TransferKind: UInt8, Sendable, CaseIterable {
  case deposit, withdrawal, buy, sell, convert

  public var name: String {
    switch self {
    case .deposit: "deposit"
    case .withdrawal: "withdrawal"
    case .buy: "buy"
    case .sell: "sell"
    case .convert: "convert"
    }
  }

  /// Reads the lower-case kind names of the transfers format.
  /// - Complexity: O(1); allocates nothing.
  public init?(parsing text: Span<UInt8>) {
    switch text.count {
    case 3:
      guard text[0] == UInt8(ascii: "b"), text[1] == UInt8(ascii: "u"), text[2] == UInt8(ascii: "y") else { return nil }
      self = .buy
    case 4:
      guard text[0] == UInt8(ascii: "s"), text[1] == UInt8(ascii: "e"), text[2] == UInt8(ascii: "l"),
        text[3] == UInt8(ascii: "l") else { return nil }
      self = .sell
    case 7:
      guard Self.matches(text, "deposit") || Self.matches(text, "convert") else { return nil }
      self = text[0] == UInt8(ascii: "d") ? .deposit : .convert
    case 10:
      guard Self.matches(text, "withdrawal") else { return nil }
      self = .withdrawal
    default:
      return nil
    }
  }

  @inline(__always)
  static func matches(_ text: Span<UInt8>, _ word: StaticString) -> Bool {
    guard text.count == word.utf8CodeUnitCount else { return false }
    let bytes = word.utf8Start
    for i in 0..<text.count where text[i] != bytes[i] { return false }
    return true
  }
}
