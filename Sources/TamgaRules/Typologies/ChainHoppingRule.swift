public import TamgaModel

/// The configuration of the chain-hopping typology, with documented defaults.
public struct ChainHoppingPolicy: Sendable, Equatable {
  /// Whether the typology runs. Default true.
  public var isEnabled = true
  /// How many conversions within the window fire. Default 3.
  public var minimumConversions = 3
  /// The window, in hours. Default 24.
  public var windowHours = 24
  /// The least value of a conversion that counts. Default USD 1,000.00: small swaps are how
  /// people pay fees.
  public var minimumValue = USD(dollars: 1_000)
  /// Whether a conversion into a privacy asset fires on its own, whatever its value and count.
  /// Default true.
  public var flagsConversionsIntoPrivacyAssets = true

  public init() {}
}

/// Chain-hopping: `typology.chain-hopping`, value converted from asset to asset in quick
/// succession.
///
/// **What fires.** The `minimumConversions`-th `convert` of at least `minimumValue` within
/// `windowHours`. Medium severity: FATF's *Virtual Assets Red Flag Indicators* (2020) name
/// "converting between multiple types of virtual assets" with no business reason, paying fees
/// for nothing but a broken trail, as a layering technique; chain-hopping across bridges is its
/// on-chain form. After firing, the count starts again.
///
/// **How.** The times of each customer's last `minimumConversions` counted conversions (as
/// structuring keeps its transfers): 8 bytes per customer per counted conversion, O(1) per
/// transfer, no allocation.
///
/// **Into a privacy asset.** `typology.chain-hopping.privacy-asset`, high: one `convert` whose
/// asset (the asset converted into) is on the privacy-asset reference list, whatever its value:
/// FATF's red flags name the move into an anonymity-enhanced asset as chain-hopping's purpose.
/// It needs no state; `flagsConversionsIntoPrivacyAssets` turns it off.
///
/// **What it misses, deliberately.** Conversions made as a `sell` then a `buy`; hops made on
/// chain, outside the exchange (chain-edge files carry value, not conversions); a conversion
/// out of a privacy asset, because a `convert` row names only the asset received.
///
/// **Explanation**: the conversions counted, the window, the first counted conversion's time,
/// the minimum value and this conversion's value; into a privacy asset, the asset, what makes
/// it private, the value and the privacy list's provenance.
public struct ChainHoppingRule: Sendable {
  public static let ruleID: RuleID = "typology.chain-hopping"
  public static let privacyAssetRuleID: RuleID = "typology.chain-hopping.privacy-asset"

  public var policy: ChainHoppingPolicy {
    didSet {
      if policy.minimumConversions != oldValue.minimumConversions { recent = RecentTimes(width: policy.minimumConversions) }
    }
  }
  /// Per customer, the times of its last `minimumConversions` counted conversions.
  var recent: RecentTimes

  public init(policy: ChainHoppingPolicy = ChainHoppingPolicy()) {
    self.policy = policy
    recent = RecentTimes(width: policy.minimumConversions)
  }

  public var ruleIDs: [RuleID] { [Self.ruleID, Self.privacyAssetRuleID] }

  /// A conversion into a privacy asset.
  /// - Parameter asset: the asset's ticker as the row spells it, for the explanation.
  /// - Complexity: O(1); allocates only when it fires.
  func evaluateConversion(
    _ event: TransferEvent, intoAsset asset: Span<UInt8>, reference: RegulatoryReference,
    into sink: inout some FindingSink
  ) {
    guard event.kind == .convert, event.assetProfile.contains(.privacy), policy.flagsConversionsIntoPrivacyAssets
    else { return }
    let ticker = RegulatoryPackRule.ticker(asset)
    var explanation = Explanation()
    explanation.append("asset", .text(ticker))
    explanation.append("privacy_feature", .text(reference.privacyAssets[ticker.uppercased()] ?? ""))
    if let usd = event.usdValue { explanation.append("usd_value", .usd(usd)) }
    explanation.append("privacy_assets", RegulatoryPackRule.describe(reference.privacyAssetsSource))
    sink.raise(
      Finding(
        ruleID: Self.privacyAssetRuleID, severity: .high, customer: event.customer, eventAt: event.timestamp,
        summary: "conversion into the privacy asset \(ticker)", explanation: explanation))
  }

  mutating func evaluate(_ event: TransferEvent, into sink: inout some FindingSink) {
    guard event.kind == .convert, let usd = event.usdValue, usd >= policy.minimumValue, policy.isEnabled else { return }
    guard var explanation = recent.complete(event, windowHours: policy.windowHours, countedKey: "conversions_counted")
    else { return }
    let count = policy.minimumConversions
    explanation.append("minimum_usd", .usd(policy.minimumValue))
    explanation.append("usd_value", .usd(usd))
    sink.raise(
      Finding(
        ruleID: Self.ruleID, severity: .medium, customer: event.customer, eventAt: event.timestamp,
        summary: "\(count) conversions of USD \(policy.minimumValue.plain) or more within \(policy.windowHours) hours",
        explanation: explanation))
  }
}
