/// How scores and name sources read in alerts, listings and batch results: one spelling
/// everywhere, so an analyst can compare an alert with a `tamga screen` result.
public enum ScoreText {
  /// A score in 0...1 with three decimals, as text: "0.962". Text rather than a JSON number,
  /// so no reader turns it into a float with more digits than were meant.
  public static func format(_ value: Double) -> String {
    let thousandths = Int((min(1, max(0, value)) * 1000).rounded())
    let fraction = String(thousandths % 1000)
    return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
  }
}

extension ListNameSource: CustomStringConvertible {
  /// "primary", or the alias's quality and relation: "weak alias (formerlyKnownAs)".
  public var description: String {
    switch self {
    case .primary: "primary"
    case .alias(_, let quality, let relation): "\(quality.rawValue) alias (\(relation.rawValue))"
    }
  }
}
