public import TamgaModel
public import TamgaRules
import Foundation
public import TamgaScreening
import Yams

/// Everything a run can be configured with, defaults included.
///
/// Read from a YAML file by ``init(yaml:)``; keys left out keep their defaults, unknown keys
/// are an error (a misspelt limit must not silently fall back to the default).
public struct TamgaConfiguration: Sendable, Equatable {
  /// The configuration format this build writes and reads.
  public static let currentVersion = 1

  public var version = currentVersion
  /// The longest record accepted in an input file, in bytes. Default 65,536: far above any
  /// real transfer or customer row, small enough that a file without line breaks is caught.
  public var maxRecordBytes = 65_536
  public var rules = RulesConfiguration()
  public var screening = ScreeningConfiguration()
  public var exposure = ExposureConfiguration()
  /// The reference lists read from the user's files instead of the shipped ones, by list, as
  /// the configuration names them.
  public var referenceFiles: [ReferenceList: String] = [:]
  /// How alerts become cases, their priorities and due times, and what needs four eyes.
  public var escalation = EscalationPolicy()
  /// Who works cases, by user name, and in what role. Default none: case commands refuse to
  /// act until the firm names its analysts and MLRO.
  public var users: [String: Role] = [:]

  public init() {
    rules.regulatory.reference = .builtIn
  }

  /// Reads a configuration file's text.
  ///
  /// - Parameter directory: where relative paths in it (reference files) are taken from: the
  ///   configuration file's own folder, so the file and its lists move together.
  public init(yaml text: String, source: String = "configuration", directory: String? = nil) throws(ConfigurationError) {
    self.init()
    let loaded: Any?
    do {
      // Without YAML's timestamps: an unquoted 2026-03-08 (a holiday) stays the text it is,
      // rather than becoming a Date whose description is no longer a calendar date.
      loaded = try Yams.load(yaml: text, Resolver.default.removing(.timestamp))
    } catch {
      throw ConfigurationError("\(source): not valid YAML: \(error)")
    }
    guard let loaded else { return }
    guard let root = loaded as? [String: Any] else { throw ConfigurationError("\(source): expected a mapping at the top") }
    try Self.checkKeys(
      root,
      allowed: ["version", "ingest", "retail_caps", "screening", "exposure", "typologies", "regulatory", "escalation", "users"],
      at: "",
      source: source)
    if let value = root["version"] {
      guard let number = value as? Int else { throw ConfigurationError("\(source): version must be a whole number") }
      guard number <= Self.currentVersion else {
        throw ConfigurationError("\(source): configuration version \(number) is newer than this build's \(Self.currentVersion)")
      }
      version = number
    }
    if let ingest = root["ingest"] {
      guard let ingest = ingest as? [String: Any] else { throw ConfigurationError("\(source): ingest must be a mapping") }
      try Self.checkKeys(ingest, allowed: ["max_record_bytes"], at: "ingest.", source: source)
      if let value = ingest["max_record_bytes"] {
        maxRecordBytes = try Self.wholeNumber(value, "ingest.max_record_bytes", in: 256...(16 << 20), source)
      }
    }
    if let caps = root["retail_caps"] {
      guard let caps = caps as? [String: Any] else { throw ConfigurationError("\(source): retail_caps must be a mapping") }
      try Self.checkKeys(
        caps,
        allowed: ["enabled", "monthly_limit_usd", "annual_limit_usd", "income_share_percent",
                  "net_worth_share_percent", "knowledge_test_counts_as_verified"],
        at: "retail_caps.", source: source)
      var policy = rules.retailCaps
      if let value = caps["enabled"] { policy.isEnabled = try Self.flag(value, "retail_caps.enabled", source) }
      if let value = caps["monthly_limit_usd"] { policy.monthlyLimit = try Self.usd(value, "retail_caps.monthly_limit_usd", source) }
      if let value = caps["annual_limit_usd"] { policy.annualLimit = try Self.usd(value, "retail_caps.annual_limit_usd", source) }
      if let value = caps["income_share_percent"] {
        policy.incomeShareBasisPoints = try Self.basisPoints(value, "retail_caps.income_share_percent", source)
      }
      if let value = caps["net_worth_share_percent"] {
        policy.netWorthShareBasisPoints = try Self.basisPoints(value, "retail_caps.net_worth_share_percent", source)
      }
      if let value = caps["knowledge_test_counts_as_verified"] {
        policy.knowledgeTestCountsAsVerified = try Self.flag(value, "retail_caps.knowledge_test_counts_as_verified", source)
      }
      rules.retailCaps = policy
    }
    if let section = root["screening"] {
      guard let section = section as? [String: Any] else { throw ConfigurationError("\(source): screening must be a mapping") }
      try Self.checkKeys(section, allowed: ["enabled", "name_threshold", "hits_per_name"], at: "screening.", source: source)
      if let value = section["enabled"] { screening.isEnabled = try Self.flag(value, "screening.enabled", source) }
      if let value = section["name_threshold"] {
        var text = Self.decimalText(value)
        guard let scaled = text.withUTF8({ DecimalText.scaled($0.span, to: 2, rounding: false) }), (50...100).contains(scaled) else {
          throw ConfigurationError("\(source): screening.name_threshold must be a score from 0.50 to 1.00 with at most two decimals")
        }
        screening.nameThresholdPercent = Int(scaled)
      }
      if let value = section["hits_per_name"] {
        screening.hitsPerName = try Self.wholeNumber(value, "screening.hits_per_name", in: 1...100, source)
      }
    }
    if let section = root["exposure"] {
      guard let section = section as? [String: Any] else { throw ConfigurationError("\(source): exposure must be a mapping") }
      try Self.checkKeys(
        section, allowed: ["direct_alert_classes", "enabled", "hop_limit", "decay_percent", "indirect_threshold_percent"],
        at: "exposure.", source: source)
      var policy = rules.exposure
      if let value = section["enabled"] { policy.isEnabled = try Self.flag(value, "exposure.enabled", source) }
      if let value = section["hop_limit"] { policy.hopLimit = try Self.wholeNumber(value, "exposure.hop_limit", in: 1...8, source) }
      if let value = section["decay_percent"] {
        policy.decayPercent = try Self.wholeNumber(value, "exposure.decay_percent", in: 0...100, source)
      }
      if let value = section["indirect_threshold_percent"] {
        let key = "exposure.indirect_threshold_percent"
        for (riskClass, percent) in try Self.mapping(value, key, keys: ExposureRiskClass.allCases, source) {
          policy.thresholdBasisPoints[riskClass] = Int(try Self.basisPoints(percent, "\(key).\(riskClass.rawValue)", source))
        }
      }
      rules.exposure = policy
      if let value = section["direct_alert_classes"] {
        exposure.directAlertClasses = try Self.choices(value, "exposure.direct_alert_classes", source)
      }
    }
    if let section = root["typologies"] {
      guard let section = section as? [String: Any] else { throw ConfigurationError("\(source): typologies must be a mapping") }
      try Self.checkKeys(section, allowed: Set(TypologySection.names), at: "typologies.", source: source)
      func typology(_ name: String, keys: Set<String>) throws(ConfigurationError) -> TypologySection? {
        guard let rule = section[name] else { return nil }
        let prefix = "typologies.\(name)"
        guard let rule = rule as? [String: Any] else { throw ConfigurationError("\(source): \(prefix) must be a mapping") }
        try Self.checkKeys(rule, allowed: keys.union(["enabled"]), at: prefix + ".", source: source)
        return TypologySection(rule: rule, prefix: prefix, source: source)
      }
      if let rule = try typology("new_account_large_deposit", keys: ["minimum_usd", "new_account_days"]) {
        try rule.flag("enabled", into: &rules.newAccountDeposits.isEnabled)
        try rule.usd("minimum_usd", into: &rules.newAccountDeposits.minimumDeposit)
        try rule.whole("new_account_days", 1...3_650, into: &rules.newAccountDeposits.newAccountDays)
      }
      if let rule = try typology("new_account_full_drain", keys: ["minimum_usd", "new_account_days", "drained_percent"]) {
        try rule.flag("enabled", into: &rules.newAccountDrains.isEnabled)
        try rule.usd("minimum_usd", into: &rules.newAccountDrains.minimumDeposited)
        try rule.whole("new_account_days", 1...3_650, into: &rules.newAccountDrains.newAccountDays)
        try rule.whole("drained_percent", 1...100, into: &rules.newAccountDrains.drainedPercent)
      }
      if let rule = try typology("dormant_account_reactivated", keys: ["minimum_usd", "dormant_days"]) {
        try rule.flag("enabled", into: &rules.dormantAccounts.isEnabled)
        try rule.usd("minimum_usd", into: &rules.dormantAccounts.minimumValue)
        try rule.whole("dormant_days", 1...3_650, into: &rules.dormantAccounts.dormantDays)
      }
      if let rule = try typology(
        "structuring", keys: ["thresholds_usd", "margin_percent", "minimum_transfers", "window_hours"])
      {
        var policy = rules.structuring
        try rule.flag("enabled", into: &policy.isEnabled)
        if let value = rule.rule["thresholds_usd"] {
          guard let items = value as? [Any], !items.isEmpty else {
            throw ConfigurationError("\(source): \(rule.prefix).thresholds_usd must be a list of amounts")
          }
          var thresholds: [USD] = []
          for item in items { thresholds.append(try Self.usd(item, "\(rule.prefix).thresholds_usd", source)) }
          policy.thresholds = thresholds.sorted()
        }
        try rule.whole("margin_percent", 1...50, into: &policy.marginPercent)
        try rule.whole("minimum_transfers", 2...20, into: &policy.minimumTransfers)
        try rule.whole("window_hours", 1...720, into: &policy.windowHours)
        rules.structuring = policy
      }
      if let rule = try typology(
        "rapid_pass_through", keys: ["minimum_usd", "window_hours", "withdrawn_percent", "traded_percent"])
      {
        try rule.flag("enabled", into: &rules.rapidPassThrough.isEnabled)
        try rule.usd("minimum_usd", into: &rules.rapidPassThrough.minimumDeposited)
        try rule.whole("window_hours", 1...720, into: &rules.rapidPassThrough.windowHours)
        try rule.whole("withdrawn_percent", 1...100, into: &rules.rapidPassThrough.withdrawnPercent)
        try rule.whole("traded_percent", 0...100, into: &rules.rapidPassThrough.tradedPercent)
      }
      if let rule = try typology("high_value_burst", keys: ["minimum_usd", "minimum_transfers", "window_hours"]) {
        try rule.flag("enabled", into: &rules.highValueBursts.isEnabled)
        try rule.usd("minimum_usd", into: &rules.highValueBursts.minimumValue)
        try rule.whole("minimum_transfers", 2...20, into: &rules.highValueBursts.minimumTransfers)
        try rule.whole("window_hours", 1...720, into: &rules.highValueBursts.windowHours)
      }
      if let rule = try typology(
        "chain_hopping", keys: ["minimum_usd", "minimum_conversions", "window_hours", "into_privacy_asset"])
      {
        try rule.flag("enabled", into: &rules.chainHopping.isEnabled)
        try rule.flag("into_privacy_asset", into: &rules.chainHopping.flagsConversionsIntoPrivacyAssets)
        try rule.usd("minimum_usd", into: &rules.chainHopping.minimumValue)
        try rule.whole("minimum_conversions", 2...20, into: &rules.chainHopping.minimumConversions)
        try rule.whole("window_hours", 1...720, into: &rules.chainHopping.windowHours)
      }
      if let rule = try typology(
        "fan_in", keys: ["minimum_usd", "minimum_senders", "window_hours", "consolidated_percent"])
      {
        try rule.flag("enabled", into: &rules.fanIn.isEnabled)
        try rule.usd("minimum_usd", into: &rules.fanIn.minimumReceived)
        try rule.whole("minimum_senders", 2...20, into: &rules.fanIn.minimumSenders)
        try rule.whole("window_hours", 1...720, into: &rules.fanIn.windowHours)
        try rule.whole("consolidated_percent", 0...100, into: &rules.fanIn.consolidatedPercent)
      }
      if let rule = try typology("fan_out", keys: ["minimum_usd", "minimum_recipients", "window_hours"]) {
        try rule.flag("enabled", into: &rules.fanOut.isEnabled)
        try rule.usd("minimum_usd", into: &rules.fanOut.minimumSent)
        try rule.whole("minimum_recipients", 2...20, into: &rules.fanOut.minimumRecipients)
        try rule.whole("window_hours", 1...720, into: &rules.fanOut.windowHours)
      }
      if let rule = try typology(
        "shared_external_address", keys: ["minimum_customers", "window_hours", "counts_vasp_addresses"])
      {
        try rule.flag("enabled", into: &rules.sharedExternalAddress.isEnabled)
        try rule.flag("counts_vasp_addresses", into: &rules.sharedExternalAddress.countsVASPAddresses)
        try rule.whole("minimum_customers", 2...20, into: &rules.sharedExternalAddress.minimumCustomers)
        try rule.whole("window_hours", 1...2_160, into: &rules.sharedExternalAddress.windowHours)
      }
      if let rule = try typology("round_tripping", keys: ["minimum_usd", "returned_percent", "window_hours"]) {
        try rule.flag("enabled", into: &rules.roundTripping.isEnabled)
        try rule.usd("minimum_usd", into: &rules.roundTripping.minimumReturned)
        try rule.whole("returned_percent", 1...100, into: &rules.roundTripping.returnedPercent)
        try rule.whole("window_hours", 1...720, into: &rules.roundTripping.windowHours)
      }
    }
    if let section = root["regulatory"] {
      try readRegulatory(section, source: source, directory: directory)
    }
    try readCaseWork(root, source: source)
  }

  /// The `regulatory:` section: which packs run for which regimes, and the reference files.
  private mutating func readRegulatory(_ section: Any, source: String, directory: String?) throws(ConfigurationError) {
    guard let section = section as? [String: Any] else { throw ConfigurationError("\(source): regulatory must be a mapping") }
    let checks = [
      "unapproved_asset", "privacy_asset", "warning_list_platform", "high_risk_jurisdictions", "travel_rule",
      "threshold_report", "miner_sale_through",
    ]
    try Self.checkKeys(section, allowed: Set(checks + ["reference"]), at: "regulatory.", source: source)
    var policy = rules.regulatory
    func check(_ name: String, _ check: inout RegulatoryCheck, extra: Set<String> = []) throws(ConfigurationError) -> [String: Any]? {
      guard let given = section[name] else { return nil }
      let prefix = "regulatory.\(name)"
      guard let map = given as? [String: Any] else { throw ConfigurationError("\(source): \(prefix) must be a mapping") }
      try Self.checkKeys(map, allowed: extra.union(["enabled", "regimes"]), at: prefix + ".", source: source)
      if let value = map["enabled"] { check.isEnabled = try Self.flag(value, "\(prefix).enabled", source) }
      if let value = map["regimes"] { check.regimes = try Self.choices(value, "\(prefix).regimes", source) }
      return map
    }
    _ = try check("unapproved_asset", &policy.unapprovedAsset)
    _ = try check("privacy_asset", &policy.privacyAsset)
    _ = try check("warning_list_platform", &policy.warningListPlatform)
    if let map = try check("high_risk_jurisdictions", &policy.highRiskJurisdictions, extra: ["listings"]),
      let value = map["listings"]
    {
      policy.jurisdictionListings = try Self.choices(value, "regulatory.high_risk_jurisdictions.listings", source)
    }
    if let map = try check("travel_rule", &policy.travelRule.check, extra: ["threshold_usd", "requires_ownership_proof"]) {
      if let value = map["threshold_usd"] {
        policy.travelRule.threshold = try Self.usd(value, "regulatory.travel_rule.threshold_usd", source)
      }
      if let value = map["requires_ownership_proof"] {
        policy.travelRule.requiresOwnershipProof = try Self.flag(
          value, "regulatory.travel_rule.requires_ownership_proof", source)
      }
    }
    if let map = try check("threshold_report", &policy.thresholdReport.check, extra: ["threshold_kzt"]),
      let value = map["threshold_kzt"]
    {
      let text = Self.decimalText(value)
      guard let tenge = Int64(text), tenge > 0 else {
        throw ConfigurationError("\(source): regulatory.threshold_report.threshold_kzt must be a whole number of tenge above 0")
      }
      policy.thresholdReport.thresholdKZT = tenge
    }
    if let map = try check("miner_sale_through", &policy.minerSaleThrough.check, extra: ["required_share_percent"]),
      let value = map["required_share_percent"]
    {
      policy.minerSaleThrough.requiredSharePercent = try Self.wholeNumber(
        value, "regulatory.miner_sale_through.required_share_percent", in: 1...100, source)
    }
    if let given = section["reference"] {
      guard let map = given as? [String: Any] else {
        throw ConfigurationError("\(source): regulatory.reference must be a mapping of list names to files")
      }
      try Self.checkKeys(map, allowed: Set(ReferenceList.allCases.map(\.rawValue)), at: "regulatory.reference.", source: source)
      for list in ReferenceList.allCases {
        guard let value = map[list.rawValue] else { continue }
        guard let path = value as? String, !path.isEmpty else {
          throw ConfigurationError("\(source): regulatory.reference.\(list.rawValue) must be a file path or built-in")
        }
        // The shipped copy is what every configuration starts from.
        if path == Self.builtInReference { continue }
        let resolved = path.hasPrefix("/") || directory == nil ? path : URL(fileURLWithPath: directory!).appendingPathComponent(path).path
        do {
          try policy.reference.load(list, path: resolved)
        } catch {
          throw ConfigurationError("\(source): regulatory.reference.\(list.rawValue): \(error)")
        }
        referenceFiles[list] = path
      }
    }
    rules.regulatory = policy
  }

  /// The word that names the shipped copy of a reference list.
  static let builtInReference = "built-in"

  /// One typology's mapping in the configuration, read key by key into its policy.
  private struct TypologySection {
    /// Every typology the `typologies:` section may name.
    static let names = [
      "new_account_large_deposit", "new_account_full_drain", "dormant_account_reactivated", "structuring",
      "rapid_pass_through", "high_value_burst", "chain_hopping", "fan_in", "fan_out", "shared_external_address",
      "round_tripping",
    ]

    let rule: [String: Any]
    let prefix: String
    let source: String

    func flag(_ key: String, into value: inout Bool) throws(ConfigurationError) {
      if let given = rule[key] { value = try TamgaConfiguration.flag(given, "\(prefix).\(key)", source) }
    }

    func usd(_ key: String, into value: inout USD) throws(ConfigurationError) {
      if let given = rule[key] { value = try TamgaConfiguration.usd(given, "\(prefix).\(key)", source) }
    }

    func whole(_ key: String, _ range: ClosedRange<Int>, into value: inout Int) throws(ConfigurationError) {
      if let given = rule[key] { value = try TamgaConfiguration.wholeNumber(given, "\(prefix).\(key)", in: range, source) }
    }
  }

  // MARK: - Values

  static func checkKeys(_ map: [String: Any], allowed: Set<String>, at prefix: String, source: String) throws(ConfigurationError) {
    if let unknown = map.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw ConfigurationError("\(source): unknown key \(prefix)\(unknown) (known: \(allowed.sorted().joined(separator: ", ")))")
    }
  }

  /// A list of an enumeration's names (`[severe, high]`), as a set; an empty list is allowed.
  private static func choices<Choice: RawRepresentable & CaseIterable & Hashable>(
    _ value: Any, _ key: String, _ source: String
  ) throws(ConfigurationError) -> Set<Choice> where Choice.RawValue == String {
    let known = Choice.allCases.map(\.rawValue).joined(separator: ", ")
    guard let items = value as? [Any] else { throw ConfigurationError("\(source): \(key) must be a list of \(known)") }
    var chosen: Set<Choice> = []
    for item in items {
      guard let text = item as? String, let choice = Choice(rawValue: text) else {
        throw ConfigurationError("\(source): \(key) holds something that is not one of \(known)")
      }
      chosen.insert(choice)
    }
    return chosen
  }

  /// A mapping keyed by an enumeration's names (`{severe: 5, high: 10}`): the keys it holds with
  /// their values, in the order of `keys`, which is also the order the error names them in; an
  /// unknown key is refused.
  static func mapping<Choice: RawRepresentable>(
    _ value: Any, _ key: String, keys: [Choice], _ source: String
  ) throws(ConfigurationError) -> [(Choice, Any)] where Choice.RawValue == String {
    let names = keys.map(\.rawValue)
    guard let map = value as? [String: Any] else {
      throw ConfigurationError("\(source): \(key) must be a mapping of \(names.joined(separator: ", "))")
    }
    try checkKeys(map, allowed: Set(names), at: "\(key).", source: source)
    return keys.compactMap { choice in map[choice.rawValue].map { (choice, $0) } }
  }

  static func flag(_ value: Any, _ key: String, _ source: String) throws(ConfigurationError) -> Bool {
    guard let flag = value as? Bool else { throw ConfigurationError("\(source): \(key) must be true or false") }
    return flag
  }

  static func wholeNumber(
    _ value: Any, _ key: String, in range: ClosedRange<Int>, _ source: String
  ) throws(ConfigurationError) -> Int {
    guard let number = value as? Int, range.contains(number) else {
      throw ConfigurationError("\(source): \(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
    }
    return number
  }

  /// Dollars written as a number or a string ("1000", "1000.00"); read as decimal text, never
  /// through floating point.
  private static func usd(_ value: Any, _ key: String, _ source: String) throws(ConfigurationError) -> USD {
    let text = decimalText(value)
    guard let usd = USD(parsing: text), usd.cents >= 0 else {
      throw ConfigurationError("\(source): \(key) must be a non-negative amount of dollars, such as \"1000.00\"")
    }
    return usd
  }

  private static func basisPoints(_ value: Any, _ key: String, _ source: String) throws(ConfigurationError) -> Int64 {
    var text = decimalText(value)
    guard let scaled = text.withUTF8({ DecimalText.scaled($0.span, to: 2, rounding: false) }), scaled >= 0, scaled <= 10_000 else {
      throw ConfigurationError("\(source): \(key) must be a percentage from 0 to 100 with at most two decimals")
    }
    return Int64(scaled)
  }

  private static func decimalText(_ value: Any) -> String {
    switch value {
    case let text as String: return text
    case let number as Int: return String(number)
    // YAML reads 1000.50 as a float; its shortest description gives back the digits written.
    case let number as Double: return number.description
    default: return "\(value)"
    }
  }

  // MARK: - Writing

  /// The effective configuration as YAML, every key with its meaning and default, ready to be
  /// saved and edited (`tamga init` writes it, `tamga config show` prints it).
  public var yaml: String {
    let caps = rules.retailCaps
    let defaults = RetailCapPolicy()
    func percent(_ basisPoints: Int64) -> String {
      basisPoints % 100 == 0 ? "\(basisPoints / 100)" : "\"\(DecimalText.format(Int128(basisPoints), scale: 2))\""
    }
    func thresholdText(_ riskClass: ExposureRiskClass) -> String {
      DecimalText.format(Int128(rules.exposure.thresholdBasisPoints[riskClass] ?? 0), scale: 2)
    }
    return """
      # Tamga configuration. Keys left out keep the defaults shown in the comments.
      version: \(version)

      ingest:
        # Longest record accepted, in bytes; longer ones are rejected as line_too_long.
        # Default 65536.
        max_record_bytes: \(maxRecordBytes)

      # AIFC retail investment caps (rules aifc.retail-cap.monthly and aifc.retail-cap.annual).
      # Individual retail clients in the aifc regime only; professional clients, market
      # counterparties, legal persons and the national regime are exempt. Periods are calendar
      # months and years in Asia/Almaty time.
      retail_caps:
        # Default true.
        enabled: \(caps.isEnabled)
        # Purchases per calendar month without verification. Default "\(defaults.monthlyLimit.plain)".
        monthly_limit_usd: "\(caps.monthlyLimit.plain)"
        # Purchases per calendar year once income is verified. Default "\(defaults.annualLimit.plain)".
        annual_limit_usd: "\(caps.annualLimit.plain)"
        # The annual limit is lowered to this share of declared annual income. Default 10.
        income_share_percent: \(percent(caps.incomeShareBasisPoints))
        # ...and to this share of declared net worth, whichever is less. Default 5.
        net_worth_share_percent: \(percent(caps.netWorthShareBasisPoints))
        # Whether a passed knowledge test alone earns the annual limit. Default false.
        knowledge_test_counts_as_verified: \(caps.knowledgeTestCountsAsVerified)

      # Sanctions, PEP and watch-list screening against the lists of `tamga lists load`:
      # customer names and wallets at every onboarding or KYC-refresh record, counterparty
      # addresses on every transfer, the customer base again whenever a list changes.
      screening:
        # Default true.
        enabled: \(screening.isEnabled)
        # The least score (0.50 to 1.00) of a name that raises an alert, after date of birth
        # and country have nudged it. Default "0.\(ScreeningConfiguration().nameThresholdPercent)".
        name_threshold: "\(screening.nameThresholdText)"
        # At most this many list entries are reported for one screened name. Default 5.
        hits_per_name: \(screening.hitsPerName)

      # Exposure to the address labels of `tamga lists load labels` (rules exposure.direct.*):
      # a transfer whose counterparty address carries a label is direct exposure to its
      # categories. Severe: sanctions, terrorist_financing, darknet_market, ransomware,
      # stolen_funds. High: mixer, scam, unlicensed_exchange. Medium: gambling,
      # high_risk_exchange, p2p_exchange.
      # Indirect exposure (rules exposure.indirect.*): every deposit and withdrawal moves value
      # through a graph of addresses and customers' accounts by the haircut method, and a
      # transfer whose counterparty's received value is exposed above a threshold alerts.
      exposure:
        # The risk classes whose direct exposure raises an alert. Default [severe].
        direct_alert_classes: [\(ExposureRiskClass.allCases.filter { exposure.directAlertClasses.contains($0) }.map(\.rawValue).joined(separator: ", "))]
        # Default true.
        enabled: \(rules.exposure.isEnabled)
        # Hops from a labelled address carried (1 to 8); fixed when a store first replays. Default 3.
        hop_limit: \(rules.exposure.hopLimit)
        # What each further hop counts, in percent of the one before. Default 50.
        decay_percent: \(rules.exposure.decayPercent)
        # The least weighted share of a counterparty's received value that alerts, by class.
        # Defaults: severe "0.5", high "5", medium "25".
        indirect_threshold_percent:
          severe: "\(thresholdText(.severe))"
          high: "\(thresholdText(.high))"
          medium: "\(thresholdText(.medium))"

      # Typologies: FATF's virtual-asset red flags made computable.
      typologies:
        # A new account's first deposit that is large (rule typology.new-account-large-deposit).
        new_account_large_deposit:
          # Default true.
          enabled: \(rules.newAccountDeposits.isEnabled)
          # The least first deposit that alerts. Default "\(NewAccountDepositPolicy().minimumDeposit.plain)".
          minimum_usd: "\(rules.newAccountDeposits.minimumDeposit.plain)"
          # Days after onboarding an account counts as new. Default 30.
          new_account_days: \(rules.newAccountDeposits.newAccountDays)
        # A transfer after a long silence (rule typology.dormant-account-reactivated).
        dormant_account_reactivated:
          # Default true.
          enabled: \(rules.dormantAccounts.isEnabled)
          # Days without any transfer that make an account dormant. Default 180.
          dormant_days: \(rules.dormantAccounts.dormantDays)
          # The least value of the reactivating transfer that alerts. Default "\(DormantAccountPolicy().minimumValue.plain)".
          minimum_usd: "\(rules.dormantAccounts.minimumValue.plain)"
        # Several deposits or withdrawals just below a threshold (rule typology.structuring).
        structuring:
          # Default true.
          enabled: \(rules.structuring.isEnabled)
          # The thresholds transfers are kept under. Default ["1000.00", "10000.00"].
          thresholds_usd: [\(rules.structuring.thresholds.map { "\"\($0.plain)\"" }.joined(separator: ", "))]
          # How far below a threshold counts as just below it, in percent. Default 10.
          margin_percent: \(rules.structuring.marginPercent)
          # How many such transfers within the window alert. Default 3.
          minimum_transfers: \(rules.structuring.minimumTransfers)
          # The window, in hours. Default 24.
          window_hours: \(rules.structuring.windowHours)
        # Deposits withdrawn again within hours, with little trading (rule typology.rapid-pass-through).
        rapid_pass_through:
          # Default true.
          enabled: \(rules.rapidPassThrough.isEnabled)
          # The least value deposited in the window. Default "\(RapidPassThroughPolicy().minimumDeposited.plain)".
          minimum_usd: "\(rules.rapidPassThrough.minimumDeposited.plain)"
          # The window from its first deposit, in hours. Default 24.
          window_hours: \(rules.rapidPassThrough.windowHours)
          # The share of the deposits withdrawn that alerts, in percent. Default 90.
          withdrawn_percent: \(rules.rapidPassThrough.withdrawnPercent)
          # Trades at or above this share of the deposits keep it quiet, in percent. Default 10.
          traded_percent: \(rules.rapidPassThrough.tradedPercent)
        # A new account emptied (rule typology.new-account-full-drain).
        new_account_full_drain:
          # Default true.
          enabled: \(rules.newAccountDrains.isEnabled)
          # The least value deposited while new. Default "\(NewAccountDrainPolicy().minimumDeposited.plain)".
          minimum_usd: "\(rules.newAccountDrains.minimumDeposited.plain)"
          # Days after onboarding an account counts as new. Default 30.
          new_account_days: \(rules.newAccountDrains.newAccountDays)
          # The share of the deposits withdrawn that alerts, in percent. Default 95.
          drained_percent: \(rules.newAccountDrains.drainedPercent)
        # Many high-value deposits or withdrawals in a short time (rule typology.high-value-burst).
        high_value_burst:
          # Default true.
          enabled: \(rules.highValueBursts.isEnabled)
          # The least value of a transfer that counts. Default "\(HighValueBurstPolicy().minimumValue.plain)".
          minimum_usd: "\(rules.highValueBursts.minimumValue.plain)"
          # How many within the window alert. Default 5.
          minimum_transfers: \(rules.highValueBursts.minimumTransfers)
          # The window, in hours. Default 24.
          window_hours: \(rules.highValueBursts.windowHours)
        # Conversion after conversion (rule typology.chain-hopping).
        chain_hopping:
          # Default true.
          enabled: \(rules.chainHopping.isEnabled)
          # The least value of a conversion that counts. Default "\(ChainHoppingPolicy().minimumValue.plain)".
          minimum_usd: "\(rules.chainHopping.minimumValue.plain)"
          # How many within the window alert. Default 3.
          minimum_conversions: \(rules.chainHopping.minimumConversions)
          # The window, in hours. Default 24.
          window_hours: \(rules.chainHopping.windowHours)
          # Whether one conversion into a privacy asset alerts on its own, whatever its value
          # (rule typology.chain-hopping.privacy-asset). Default true.
          into_privacy_asset: \(rules.chainHopping.flagsConversionsIntoPrivacyAssets)
        # Deposits from many addresses consolidated into one withdrawal (rule typology.fan-in).
        fan_in:
          # Default true.
          enabled: \(rules.fanIn.isEnabled)
          # How many distinct sending addresses count as many. Default 5.
          minimum_senders: \(rules.fanIn.minimumSenders)
          # The least value received from them. Default "\(FanInPolicy().minimumReceived.plain)".
          minimum_usd: "\(rules.fanIn.minimumReceived.plain)"
          # The share of it one withdrawal must move on, in percent; 0 alerts on the collection
          # alone, without awaiting a withdrawal. Default 80.
          consolidated_percent: \(rules.fanIn.consolidatedPercent)
          # The window, in hours. Default 72.
          window_hours: \(rules.fanIn.windowHours)
        # Withdrawals to many addresses (rule typology.fan-out).
        fan_out:
          # Default true.
          enabled: \(rules.fanOut.isEnabled)
          # How many distinct receiving addresses count as many. Default 5.
          minimum_recipients: \(rules.fanOut.minimumRecipients)
          # The least value sent to them. Default "\(FanOutPolicy().minimumSent.plain)".
          minimum_usd: "\(rules.fanOut.minimumSent.plain)"
          # The window, in hours. Default 72.
          window_hours: \(rules.fanOut.windowHours)
        # One external address used by several customers (rule typology.shared-external-address);
        # alerts each customer once per address while the sharing goes on.
        shared_external_address:
          # Default true.
          enabled: \(rules.sharedExternalAddress.isEnabled)
          # How many distinct customers, the one transferring included, make an address shared
          # (2 to 20; each address keeps this many). Default 3.
          minimum_customers: \(rules.sharedExternalAddress.minimumCustomers)
          # The window, in hours. Default 720 (30 days).
          window_hours: \(rules.sharedExternalAddress.windowHours)
          # Whether the address of a transfer that names its counterparty_vasp counts; a VASP's
          # address is shared by its many customers by design. Default false.
          counts_vasp_addresses: \(rules.sharedExternalAddress.countsVASPAddresses)
        # A deposit from an address the customer withdrew to shortly before (rule typology.round-tripping).
        round_tripping:
          # Default true.
          enabled: \(rules.roundTripping.isEnabled)
          # The least value that makes the round trip (the lesser of what went out and what came
          # back). Default "\(RoundTrippingPolicy().minimumReturned.plain)".
          minimum_usd: "\(rules.roundTripping.minimumReturned.plain)"
          # The least share of what went out that comes back, in percent. Default 80.
          returned_percent: \(rules.roundTripping.returnedPercent)
          # How long after the latest withdrawal to the address, in hours. Default 72.
          window_hours: \(rules.roundTripping.windowHours)

      # Regulatory packs (rules regulatory.*), each for the regimes listed, against reference
      # lists that ship inside Tamga with their source and date (`tamga reference show`).
      regulatory:
        # A transfer in an asset outside the approved-asset list. Default aifc only.
        unapproved_asset: \(Self.yaml(rules.regulatory.unapprovedAsset))
        # A deposit, withdrawal, buy or sell of a privacy asset. Default both regimes.
        privacy_asset: \(Self.yaml(rules.regulatory.privacyAsset))
        # A deposit from or withdrawal to a counterparty VASP on a warning list. Default both.
        warning_list_platform: \(Self.yaml(rules.regulatory.warningListPlatform))
        # Customers' nationality and residence, and counterparty VASPs' countries, on FATF's
        # lists: call_for_action is high, increased_monitoring medium. Default both regimes and
        # both listings.
        high_risk_jurisdictions: \(Self.yaml(rules.regulatory.highRiskJurisdictions, listings: rules.regulatory.jurisdictionListings))
        # The Travel Rule on deposits and withdrawals at or above threshold_usd (default
        # 1000.00): a complete IVMS101 message with a counterparty VASP, a proof of ownership
        # with a self-hosted wallet (requires_ownership_proof, default true). Checked from the
        # first Travel Rule file replayed into the store on (`tamga replay --travel-rule`).
        travel_rule: \(Self.yaml(rules.regulatory.travelRule))
        # Threshold reports in tenge (rule national.threshold-report): every transfer whose USD
        # value, at the official USD/KZT rate of its day (reference list usd_kzt_rates, shipped
        # empty), is at or above threshold_kzt, in whole tenge. No default: the amount is the
        # one the law sets for the operations you report; state it, with your rates file, and
        # the check starts. Default regimes: national.
        threshold_report: \(Self.yaml(rules.regulatory.thresholdReport))
        # Licensed miners (customers with a mining_licence) selling less than
        # required_share_percent (default 75) of the output they declare for a period
        # (`tamga replay --miner-declarations`), counting their sales here and those they declare
        # elsewhere. Default both regimes.
        miner_sale_through: \(Self.yaml(rules.regulatory.minerSaleThrough))
        # Your own files instead of the shipped lists: a path (relative to this file) or
        # built-in. Each file opens with '# published_on: YYYY-MM-DD' and '# source: …' lines.
        reference:
      \(ReferenceList.allCases.map { "    \($0.rawValue): \(referenceFiles[$0].map { "\"\($0)\"" } ?? Self.builtInReference)" }.joined(separator: "\n"))

      """ + caseWorkYAML
  }

  /// The Travel Rule's settings as one YAML flow mapping.
  private static func yaml(_ travelRule: TravelRulePolicy) -> String {
    String(yaml(travelRule.check).dropLast())
      + ", threshold_usd: \"\(travelRule.threshold.plain)\", requires_ownership_proof: \(travelRule.requiresOwnershipProof)}"
  }

  /// The threshold reports' settings as one YAML flow mapping; the threshold only when set.
  private static func yaml(_ thresholdReport: ThresholdReportPolicy) -> String {
    guard let threshold = thresholdReport.thresholdKZT else { return yaml(thresholdReport.check) }
    return String(yaml(thresholdReport.check).dropLast()) + ", threshold_kzt: \(threshold)}"
  }

  /// The miners' sale-through settings as one YAML flow mapping.
  private static func yaml(_ minerSaleThrough: MinerSaleThroughPolicy) -> String {
    String(yaml(minerSaleThrough.check).dropLast()) + ", required_share_percent: \(minerSaleThrough.requiredSharePercent)}"
  }

  /// A regulatory check as one YAML flow mapping.
  private static func yaml(_ check: RegulatoryCheck, listings: Set<FATFListing>? = nil) -> String {
    let regimes = Regime.allCases.filter { check.regimes.contains($0) }.map(\.rawValue).joined(separator: ", ")
    var text = "{enabled: \(check.isEnabled), regimes: [\(regimes)]"
    if let listings {
      text += ", listings: [\(FATFListing.allCases.filter { listings.contains($0) }.map(\.rawValue).joined(separator: ", "))]"
    }
    return text + "}"
  }
}

/// How names and addresses are screened against the loaded lists.
public struct ScreeningConfiguration: Sendable, Equatable {
  /// Whether replays and list loads screen at all.
  public var isEnabled = true
  /// The name threshold in hundredths: 85 is a score of 0.85. An integer so that the
  /// configuration reads back exactly as written.
  public var nameThresholdPercent = 85
  /// At most this many entries are reported for one screened name.
  public var hitsPerName = 5

  public init() {}

  /// The threshold as the scorer takes it.
  public var nameThreshold: Double { Double(nameThresholdPercent) / 100 }

  /// "0.85", "1.00".
  public var nameThresholdText: String {
    "\(nameThresholdPercent / 100).\(nameThresholdPercent % 100 < 10 ? "0" : "")\(nameThresholdPercent % 100)"
  }
}

/// How exposure to labelled addresses is alerted.
public struct ExposureConfiguration: Sendable, Equatable {
  /// The risk classes whose direct exposure raises an alert. Default: severe only, as KYT
  /// vendors do: a transfer with a gambling site or a P2P exchange is the business of many
  /// lawful customers, one with a darknet market or a ransomware wallet is never.
  public var directAlertClasses: Set<ExposureRiskClass> = [.severe]

  public init() {}
}

/// A configuration file that cannot be used, with what and where.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}
