/// What an attribution vendor says an address is: the categories of `labels.csv`.
///
/// Why a closed set: each category carries a risk class that decides whether exposure to it
/// alerts and how severely, and an analyst filters the queue by these names; a misspelt category
/// in a vendor file must be refused, not silently treated as harmless.
public enum ExposureCategory: String, Sendable, CaseIterable, Codable, Comparable {
  case sanctions
  case terroristFinancing = "terrorist_financing"
  case darknetMarket = "darknet_market"
  case ransomware
  case stolenFunds = "stolen_funds"
  case mixer
  case scam
  case gambling
  case unlicensedExchange = "unlicensed_exchange"
  case highRiskExchange = "high_risk_exchange"
  case p2pExchange = "p2p_exchange"

  /// How grave exposure to the category is, in the three classes KYT vendors use.
  ///
  /// Severe: value that is itself the proceeds or instrument of a crime or a sanctions breach.
  /// High: services that break the trail or defraud (mixers, scams, unlicensed exchanges).
  /// Medium: lawful-but-risky counterparties (gambling, high-risk and P2P exchanges).
  public var riskClass: ExposureRiskClass {
    switch self {
    case .sanctions, .terroristFinancing, .darknetMarket, .ransomware, .stolenFunds: .severe
    case .mixer, .scam, .unlicensedExchange: .high
    case .gambling, .highRiskExchange, .p2pExchange: .medium
    }
  }

  /// The category's bit in a set of labels, in the documented order of `allCases`.
  public var bit: UInt16 { 1 << UInt16(ExposureCategory.allCases.firstIndex(of: self) ?? 0) }

  public static func < (lhs: ExposureCategory, rhs: ExposureCategory) -> Bool {
    allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
  }
}

/// The three risk classes of exposure categories, gravest first.
public enum ExposureRiskClass: String, Sendable, CaseIterable, Codable {
  case severe, high, medium
}
