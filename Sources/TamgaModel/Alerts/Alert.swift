/// How urgently an alert needs a person.
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
  case low, medium, high, severe

  var rank: Int {
    switch self {
    case .low: 0
    case .medium: 1
    case .high: 2
    case .severe: 3
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A rule's stable identifier (`aifc.retail-cap.monthly`). Alerts, cases and auditors rely on
/// it, so an id is never reused for a different rule.
public struct RuleID: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
  public var rawValue: String
  public init(_ rawValue: String) { self.rawValue = rawValue }
  public init(stringLiteral value: String) { self.rawValue = value }
  public var description: String { rawValue }
  public static func < (lhs: RuleID, rhs: RuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Something a rule found, with everything that made it fire.
public struct Alert: Hashable, Sendable {
  /// Stable across replays: a hash of the rule, the subject and the event that fired it.
  public var id: String
  public var ruleID: RuleID
  public var severity: Severity
  /// The customer the alert is about.
  public var customerID: String
  /// The event time that fired the rule (not the time Tamga ran).
  public var eventAt: Timestamp
  /// One sentence for the queue.
  public var summary: String
  /// The values that made the rule fire, in a fixed order.
  public var explanation: Explanation

  public init(
    id: String, ruleID: RuleID, severity: Severity, customerID: String, eventAt: Timestamp,
    summary: String, explanation: Explanation
  ) {
    self.id = id
    self.ruleID = ruleID
    self.severity = severity
    self.customerID = customerID
    self.eventAt = eventAt
    self.summary = summary
    self.explanation = explanation
  }

  /// The stable id for what `rule` found about `subject` at `trigger`: "A-" and 32 hex digits
  /// of FNV-1a-128 over the three, separated by a byte that cannot occur in text.
  ///
  /// 128 bits make a collision (which would merge two alerts) negligible at any volume a store
  /// holds; the hash needs no library, so every module computes the same id.
  public static func stableID(rule: RuleID, subject: String, trigger: String) -> String {
    var hash = FNV1a128()
    hash.combine(rule.rawValue)
    hash.combine(subject)
    hash.combine(trigger)
    return hash.hex(prefix: "A-")
  }
}

/// FNV-1a over 128 bits (http://www.isthe.com/chongo/tech/comp/fnv/).
public struct FNV1a128: Sendable {
  private static let prime: UInt128 = 0x0000_0000_0100_0000_0000_0000_0000_013B
  public private(set) var value: UInt128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d

  public init() {}

  public mutating func combine(_ text: String) {
    for byte in text.utf8 {
      value ^= UInt128(byte)
      value = value &* Self.prime
    }
    value ^= 0xFF  // separator: 0xFF never appears in UTF-8
    value = value &* Self.prime
  }

  /// The 32 lower-case hex digits of the value, after `prefix` (ASCII).
  ///
  /// Written digit by digit into the string's own storage: every stored alert has an id, and
  /// the standard library's generic `UInt128` formatting cost more than hashing its inputs.
  public func hex(prefix: StaticString = "") -> String {
    let head = prefix.utf8CodeUnitCount
    return String(unsafeUninitializedCapacity: head + 32) { buffer in
      for index in 0..<head { buffer[index] = prefix.utf8Start[index] }
      var rest = value
      for index in stride(from: head + 31, through: head, by: -1) {
        let digit = UInt8(truncatingIfNeeded: rest & 0xF)
        buffer[index] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") - 10 + digit
        rest >>= 4
      }
      return head + 32
    }
  }
}
