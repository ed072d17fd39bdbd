public import TamgaModel

/// Whether one regulatory check runs, and for which regimes' customers.
public struct RegulatoryCheck: Sendable, Equatable {
  public var isEnabled = true
  /// The regimes whose customers the check applies to.
  public var regimes: Set<Regime>

  public init(isEnabled: Bool = true, regimes: Set<Regime>) {
    self.isEnabled = isEnabled
    self.regimes = regimes
  }

  @inline(__always)
  func applies(to regime: Regime) -> Bool { isEnabled && regimes.contains(regime) }
}

/// The configuration of the regulatory packs, with documented defaults, and the reference lists
/// they check against.
public struct RegulatoryPackPolicy: Sendable, Equatable {
  /// FATF's listed jurisdictions, the approved and privacy assets, the counterparty VASP
  /// directory. Default: none here; the pipeline's configuration starts from the lists shipped
  /// in the binary.
  public var reference = RegulatoryReference.empty
  /// `regulatory.unapproved-asset`. Default: on, for the `aifc` regime (AFSA approves the
  /// assets an AIFC firm may deal in; the national regime has no such list).
  public var unapprovedAsset = RegulatoryCheck(regimes: [.aifc])
  /// `regulatory.privacy-asset`. Default: on, both regimes.
  public var privacyAsset = RegulatoryCheck(regimes: [.aifc, .national])
  /// `regulatory.warning-list-platform`. Default: on, both regimes.
  public var warningListPlatform = RegulatoryCheck(regimes: [.aifc, .national])
  /// `regulatory.high-risk-jurisdiction.customer` and `.counterparty`. Default: on, both
  /// regimes.
  public var highRiskJurisdictions = RegulatoryCheck(regimes: [.aifc, .national])
  /// The FATF listings that alert. Default both: a call for action is high, increased
  /// monitoring medium.
  public var jurisdictionListings: Set<FATFListing> = Set(FATFListing.allCases)
  /// The Travel Rule on replayed transfers: see ``TravelRuleRule``.
  public var travelRule = TravelRulePolicy()
  /// The national regime's threshold reports in tenge: see ``ThresholdReportRule``.
  public var thresholdReport = ThresholdReportPolicy()
  /// Licensed miners' sale-through share: see ``MinerSaleThroughRule``.
  public var minerSaleThrough = MinerSaleThroughPolicy()

  public init() {}
}

/// The regulatory packs' checks on each transfer and on each customer record: what a
/// Kazakhstan-licensed firm is examined on, beyond the typologies.
///
/// **What fires.**
/// - `regulatory.unapproved-asset`: a transfer in an asset that is not on the approved-asset
///   list, for a customer in a regime the check covers (default `aifc`). High for a `buy`,
///   `sell` or `convert` (the firm dealt in it), medium for a `deposit` or `withdrawal` (it
///   moved through the firm's wallets). Silent when no approved-asset list is loaded.
/// - `regulatory.privacy-asset`: a deposit, withdrawal, buy or sell of an anonymity-enhanced
///   asset (FATF, *Virtual Assets Red Flag Indicators*, 2020, §4: "anonymity-enhanced
///   cryptocurrencies"). High. A conversion into one is the chain-hopping typology's
///   `typology.chain-hopping.privacy-asset`, so one row raises one alert. Mixers are addresses,
///   not assets: labels in the `mixer` category raise direct exposure.
/// - `regulatory.warning-list-platform`: a deposit from or withdrawal to a counterparty VASP that
///   the firm's directory marks `warning_list` (a regulator has warned it operates unlicensed).
///   High.
/// - `regulatory.high-risk-jurisdiction.counterparty`: a deposit or withdrawal whose counterparty
///   VASP's home country is on a FATF list: high for a call for action, medium for increased
///   monitoring (FATF Recommendation 19 and the Interpretive Note to Recommendation 15, §7).
/// - `regulatory.high-risk-jurisdiction.customer`: a customer record whose nationality or
///   residence is on a FATF list, same severities; a later record with the same countries and
///   listings raises nothing new.
///
/// **How.** Stateless: the transfer decoder gives each asset its profile and each counterparty
/// VASP its directory position once per distinct spelling, so a transfer costs a few compares.
///
/// **What it misses, deliberately.** A counterparty VASP the directory does not know (an empty
/// `counterparty_vasp`, or a name not in it) is neither licensed nor warned: the Travel Rule
/// check asks who it is. Countries are ISO 3166 alpha-2 as given; a customer's other countries
/// (birth, documents) are not in the customers format.
///
/// **Explanation**: the asset or VASP or country, the transfer's kind and value, the regime, and
/// the reference list's file, publication date and source.
public struct RegulatoryPackRule: Sendable {
  public static let unapprovedAsset: RuleID = "regulatory.unapproved-asset"
  public static let privacyAsset: RuleID = "regulatory.privacy-asset"
  public static let warningListPlatform: RuleID = "regulatory.warning-list-platform"
  public static let counterpartyJurisdiction: RuleID = "regulatory.high-risk-jurisdiction.counterparty"
  public static let customerJurisdiction: RuleID = "regulatory.high-risk-jurisdiction.customer"

  public var policy: RegulatoryPackPolicy {
    didSet { thresholdReport = ThresholdReportRule(policy: policy.thresholdReport, reference: policy.reference) }
  }
  /// The national regime's threshold reports, kept with the policy they are built from: they
  /// work out once the least USD value that could reach the threshold at the rates held.
  public private(set) var thresholdReport: ThresholdReportRule

  public init(policy: RegulatoryPackPolicy = RegulatoryPackPolicy()) {
    self.policy = policy
    thresholdReport = ThresholdReportRule(policy: policy.thresholdReport, reference: policy.reference)
  }

  public var ruleIDs: [RuleID] {
    [Self.unapprovedAsset, Self.privacyAsset, Self.warningListPlatform, Self.counterpartyJurisdiction,
     Self.customerJurisdiction] + TravelRuleRule.ruleIDs + [ThresholdReportRule.thresholdReport, MinerSaleThroughRule.saleThrough]
  }

  /// The Travel Rule, which needs the records the pipeline looks up for each transfer.
  var travelRule: TravelRuleRule { TravelRuleRule(policy: policy.travelRule) }

  /// The miners' sale-through check, run on declarations rather than transfers.
  public var minerSaleThrough: MinerSaleThroughRule { MinerSaleThroughRule(policy: policy.minerSaleThrough) }

  /// Whether a transfer with this profile and counterparty could make a check fire: false for
  /// the common case (an approved, ordinary asset and no known VASP), which then costs nothing.
  @inline(__always)
  static func mayFire(_ event: TransferEvent) -> Bool {
    event.counterpartyVASP >= 0 || event.assetProfile.contains(.privacy)
      || (event.assetProfile.contains(.approvalKnown) && !event.assetProfile.contains(.approved))
  }

  /// Checks one transfer.
  /// - Parameter asset: the asset's ticker as the row spells it, for the explanation.
  /// - Complexity: O(1); allocates only when a check fires.
  func evaluate(
    _ event: TransferEvent, status: CustomerStatus, asset: Span<UInt8>, into sink: inout some FindingSink
  ) {
    let regime = status.regime
    let profile = event.assetProfile
    if profile.contains(.approvalKnown), !profile.contains(.approved), policy.unapprovedAsset.applies(to: regime) {
      let ticker = Self.ticker(asset)
      let dealt = event.kind == .buy || event.kind == .sell || event.kind == .convert
      var explanation = transferFacts(event, regime: regime, asset: ticker)
      explanation.append("approved_assets", Self.describe(policy.reference.approvedAssetsSource))
      sink.raise(
        Finding(
          ruleID: Self.unapprovedAsset, severity: dealt ? .high : .medium, customer: event.customer,
          eventAt: event.timestamp,
          summary: "\(event.kind.name) in \(ticker), which is not on the approved-asset list",
          explanation: explanation))
    }
    if profile.contains(.privacy), event.kind != .convert, policy.privacyAsset.applies(to: regime) {
      let ticker = Self.ticker(asset)
      var explanation = transferFacts(event, regime: regime, asset: ticker)
      explanation.append("privacy_feature", .text(policy.reference.privacyAssets[ticker.uppercased()] ?? ""))
      explanation.append("privacy_assets", Self.describe(policy.reference.privacyAssetsSource))
      sink.raise(
        Finding(
          ruleID: Self.privacyAsset, severity: .high, customer: event.customer, eventAt: event.timestamp,
          summary: "\(event.kind.name) in the privacy asset \(ticker)", explanation: explanation))
    }
    guard event.counterpartyVASP >= 0, event.kind == .deposit || event.kind == .withdrawal else { return }
    let vasp = policy.reference.vasps[Int(event.counterpartyVASP)]
    if vasp.standing == .warningList, policy.warningListPlatform.applies(to: regime) {
      var explanation = transferFacts(event, regime: regime, asset: Self.ticker(asset))
      explanation.append("counterparty_vasp", .text(vasp.name))
      explanation.append("standing", .text(vasp.standing.rawValue))
      explanation.append("warning", .text(vasp.reference))
      explanation.append("vasp_directory", Self.describe(policy.reference.vaspsSource))
      sink.raise(
        Finding(
          ruleID: Self.warningListPlatform, severity: .high, customer: event.customer, eventAt: event.timestamp,
          summary: "\(event.kind.name) \(event.kind == .deposit ? "from" : "to") \(vasp.name), on a warning list of unlicensed platforms",
          explanation: explanation))
    }
    if let listing = policy.reference.listing(of: vasp.country), policy.jurisdictionListings.contains(listing),
      policy.highRiskJurisdictions.applies(to: regime)
    {
      var explanation = transferFacts(event, regime: regime, asset: Self.ticker(asset))
      explanation.append("counterparty_vasp", .text(vasp.name))
      explanation.append("country", .text(vasp.country))
      explanation.append("fatf_listing", .text(listing.rawValue))
      explanation.append("fatf_list", Self.describe(policy.reference.jurisdictionsSource))
      sink.raise(
        Finding(
          ruleID: Self.counterpartyJurisdiction, severity: Self.severity(of: listing), customer: event.customer,
          eventAt: event.timestamp,
          summary: "\(event.kind.name) \(event.kind == .deposit ? "from" : "to") \(vasp.name), based in \(vasp.country): FATF \(listing.title)",
          explanation: explanation))
    }
  }

  /// A customer record's nationality and residence against FATF's lists: one finding per
  /// listed country field, with the trigger its alert is named after.
  ///
  /// The trigger is the field, the country and the listing (`nationality KP call_for_action`):
  /// a refresh that changes neither raises nothing new, a move from one list to the other does.
  public func findings(for record: CustomerRecord, customer: Int32) -> [(trigger: String, finding: Finding)] {
    guard policy.highRiskJurisdictions.applies(to: record.regime) else { return [] }
    var found: [(trigger: String, finding: Finding)] = []
    for (field, country) in [("nationality", record.nationality), ("residence", record.residence)] {
      guard let listing = policy.reference.listing(of: country), policy.jurisdictionListings.contains(listing) else {
        continue
      }
      var explanation = Explanation()
      explanation.append("recorded_at", .time(record.recordedAt))
      explanation.append("field", .text(field))
      explanation.append("country", .text(country.uppercased()))
      explanation.append("fatf_listing", .text(listing.rawValue))
      explanation.append("regime", .text(record.regime.rawValue))
      explanation.append("fatf_list", Self.describe(policy.reference.jurisdictionsSource))
      found.append(
        ("\(field) \(country.uppercased()) \(listing.rawValue)",
         Finding(
          ruleID: Self.customerJurisdiction, severity: Self.severity(of: listing), customer: customer,
          eventAt: record.recordedAt,
          summary: "\(field == "nationality" ? "national of" : "resident in") \(country.uppercased()): FATF \(listing.title)",
          explanation: explanation)))
    }
    return found
  }

  /// What the customer check's outcome depends on, as canonical text: its regimes, the
  /// listings that alert, and every listed country with its listing, sorted. Stored after each
  /// file, so that a replay under another FATF list (or another choice of regimes) re-checks the
  /// customers already on record.
  public var customerCheckFingerprint: [UInt8] {
    guard policy.highRiskJurisdictions.isEnabled else { return Array("off".utf8) }
    var text = "regimes " + Regime.allCases.filter { policy.highRiskJurisdictions.regimes.contains($0) }.map(\.rawValue)
      .joined(separator: ",")
    text += "\nlistings " + FATFListing.allCases.filter { policy.jurisdictionListings.contains($0) }.map(\.rawValue)
      .joined(separator: ",")
    for (country, listing) in policy.reference.jurisdictions.sorted(by: { $0.key < $1.key }) {
      text += "\n\(country) \(listing.rawValue)"
    }
    return Array(text.utf8)
  }

  /// A customer's newest record re-checked because the FATF list changed: the findings of
  /// ``findings(for:customer:)``, dated no earlier than the list's publication (midnight in
  /// Almaty) and saying which edition found them. Their triggers are the same as at the record,
  /// so a listing the customer was already alerted for is not alerted again.
  public func recheckFindings(for record: CustomerRecord, customer: Int32) -> [(trigger: String, finding: Finding)] {
    let source = policy.reference.jurisdictionsSource
    let published = CivilDate(iso: source.publishedOn).map(AlmatyCalendar.localMidnight) ?? record.recordedAt
    return findings(for: record, customer: customer).map { found in
      var finding = found.finding
      finding.eventAt = max(finding.eventAt, published)
      finding.explanation.append("rechecked_when_list_changed", .text(source.publishedOn))
      return (found.trigger, finding)
    }
  }

  // MARK: - Explanations

  private func transferFacts(_ event: TransferEvent, regime: Regime, asset: String) -> Explanation {
    var explanation = Explanation()
    explanation.append("kind", .text(event.kind.name))
    explanation.append("asset", .text(asset))
    if let usd = event.usdValue { explanation.append("usd_value", .usd(usd)) }
    explanation.append("regime", .text(regime.rawValue))
    return explanation
  }

  static func severity(of listing: FATFListing) -> Severity { listing == .callForAction ? .high : .medium }

  static func ticker(_ asset: Span<UInt8>) -> String {
    asset.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
  }

  /// A reference list's provenance, as an alert stores it.
  static func describe(_ source: ReferenceSource) -> Explanation.Value {
    .object(
      Explanation([
        "file": .text(source.file), "published_on": .text(source.publishedOn), "source": .text(source.source),
      ]))
  }
}
