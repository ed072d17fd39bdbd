import TamgaModel

/// The synthetic customer base: the records written to the customers file, and the per-customer
/// facts the flows need, kept in flat arrays indexed by customer number.
///
/// Each customer is drawn from its own random stream, so the first thousand customers are the same
/// whether the plan asks for a thousand or a million.
struct Population {
  /// Onboarding records, one per customer, in customer order.
  private(set) var records: [CustomerRecord] = []
  /// KYC refreshes recorded during the plan, written after all onboarding records.
  private(set) var refreshes: [CustomerRecord] = []
  private(set) var tiers: [AmountTier] = []
  private(set) var activityWeights: [Int] = []
  var roles: [SteeringRole] = []
  /// The limit the flows keep each customer under until `limitChangesAt`.
  private(set) var limits: [RetailCap] = []
  /// When a refresh changes a customer's limit, in milliseconds since the epoch; `Int64.max` if never.
  private(set) var limitChangesAt: [Int64] = []
  /// The limit from `limitChangesAt` on.
  private(set) var limitsAfterChange: [RetailCap] = []
  /// Steering purchases per day of the plan, each day's in time order.
  var scriptedBuys: [[ScriptedBuy]] = []
  /// Customers whose scripted purchases take them over their limit.
  var injectedBreaches = 0

  let plan: SynthesisPlan
  private let startMilliseconds: Int64

  init(plan: SynthesisPlan) {
    self.plan = plan
    startMilliseconds = plan.startDate.daysSinceEpoch * 86_400_000
    records.reserveCapacity(plan.customers)
    for index in 0..<plan.customers {
      var random = SeededGenerator(seed: plan.seed, stream: Stream.customer | UInt64(index))
      addCustomer(index: index, using: &random)
    }
    limitChangesAt = Array(repeating: Int64.max, count: plan.customers)
    limitsAfterChange = limits
    roles = Array(repeating: .organic, count: plan.customers)
    scriptedBuys = Array(repeating: [], count: plan.days)
    var steering = SeededGenerator(seed: plan.seed, stream: Stream.steering)
    steerCustomers(using: &steering)
    var refreshing = SeededGenerator(seed: plan.seed, stream: Stream.refreshes)
    refreshSomeCustomers(using: &refreshing)
  }

  /// Random stream numbers; days of flows use `Stream.day | day`.
  enum Stream {
    static let customer: UInt64 = 1 << 32
    static let day: UInt64 = 2 << 32
    static let steering: UInt64 = 1
    static let refreshes: UInt64 = 2
    static let counterparties: UInt64 = 3
    static let watchList: UInt64 = 4
  }

  // MARK: - Onboarding records

  private static let countries = ["KZ", "RU", "UZ", "KG", "CN", "TR", "GB", "US", "AE"]
  private static let countryWeights = [700, 100, 50, 40, 30, 30, 20, 20, 10]
  private static let walletChainWeights = [30, 35, 25, 10]  // in `Chain.allCases` order

  private mutating func addCustomer(index: Int, using random: inout SeededGenerator) {
    let isLegal = random.chance(perMille: 100)
    let nationality = Self.countries[random.index(weightedBy: Self.countryWeights)]
    var record = CustomerRecord(
      customerID: Self.customerID(index),
      recordedAt: Timestamp(
        millisecondsSinceEpoch: startMilliseconds - random.within(1...(3 * 365 * 86_400)) * 1000),
      personType: isLegal ? .legal : .individual,
      nationality: nationality,
      residence: nationality)
    if isLegal {
      (record.fullName, record.aliases) = CompanyName.make(country: nationality, using: &random)
      record.clientClass = [ClientClass.retail, .professional, .marketCounterparty][
        random.index(weightedBy: [400, 350, 250])]
      if random.chance(perMille: 400) {
        record.netWorth = USD(cents: random.logUniformCents(50_000_000, 5_000_000_000) / 100_000 * 100_000)
      }
    } else {
      let pool = Self.namePool(for: nationality, using: &random)
      (record.fullName, record.aliases) = pool.person(isFemale: random.chance(perMille: 480), using: &random)
      let age = Int(random.within(19...75))
      let birthMonth = Int(random.within(1...12))
      let birthYear = plan.startDate.year - age
      record.dateOfBirth = CivilDate(
        year: birthYear, month: birthMonth,
        day: Int(random.within(1...Int64(CivilDate.daysIn(month: birthMonth, year: birthYear)))))
      record.residence = Self.residence(nationality: nationality, using: &random)
      record.clientClass = [ClientClass.retail, .professional, .marketCounterparty][
        random.index(weightedBy: [900, 95, 5])]
      record.isPEPDeclared = random.chance(perMille: 10)
      Self.declareVerification(of: &record, using: &random)
    }
    record.regime = random.chance(perMille: 700) ? .aifc : .national
    record.riskRating =
      record.isPEPDeclared ? .high : [RiskRating.low, .medium, .high][random.index(weightedBy: [850, 120, 30])]
    let walletCount = random.index(weightedBy: [50, 35, 15]) + 1
    for _ in 0..<walletCount {
      let chain = Chain.allCases[random.index(weightedBy: Self.walletChainWeights)]
      record.wallets.append(
        Wallet(chain: chain.name, address: String(decoding: chain.randomAddress(using: &random), as: UTF8.self)))
    }

    let tier: AmountTier =
      isLegal || record.clientClass == .marketCounterparty
      ? .institutional : record.clientClass == .professional ? .professional : .retail
    // A few very active accounts and many quiet ones, as on any exchange.
    let activity = [1, 4, 16, 64][random.index(weightedBy: [600, 250, 110, 40])]
    records.append(record)
    tiers.append(tier)
    activityWeights.append(activity * (tier == .retail ? 1 : tier == .professional ? 2 : 4))
    limits.append(RetailCap(for: record))
  }

  /// `C0000001` for the first customer: seven digits, more once there are ten million.
  static func customerID(_ index: Int) -> String {
    let digits = String(index + 1)
    return "C" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
  }

  private static func namePool(for nationality: String, using random: inout SeededGenerator) -> NamePool {
    switch nationality {
    case "KZ": random.chance(perMille: 800) ? .kazakh : .russian
    case "RU": .russian
    case "UZ": .uzbek
    case "KG": .kyrgyz
    case "CN": .chinese
    case "TR": .turkish
    case "AE": .arabic
    default: .english
    }
  }

  private static func residence(nationality: String, using random: inout SeededGenerator) -> String {
    if nationality == "KZ" {
      return random.chance(perMille: 950) ? "KZ" : random.element(of: ["AE", "GB", "TR", "RU"])
    }
    // Foreign clients of a Kazakh exchange often live in Kazakhstan.
    return random.chance(perMille: 400) ? "KZ" : nationality
  }

  /// Sets verification, income and net worth the way onboarding records them for each class.
  private static func declareVerification(of record: inout CustomerRecord, using random: inout SeededGenerator) {
    switch record.clientClass {
    case .retail:
      record.verification = [Verification.none, .incomeVerified, .knowledgeTest][
        random.index(weightedBy: [600, 300, 100])]
      if record.verification == .incomeVerified {
        declareVerifiedWealth(of: &record, using: &random, netWorthPerMille: 850)
      } else if record.verification == .knowledgeTest && random.chance(perMille: 500) {
        record.annualIncome = USD(cents: random.logUniformCents(1_200_000, 20_000_000) / 10_000 * 10_000)
      }
    case .professional:
      record.verification = random.chance(perMille: 700) ? .incomeVerified : .knowledgeTest
      record.annualIncome = USD(cents: random.logUniformCents(10_000_000, 200_000_000) / 100_000 * 100_000)
      record.netWorth = USD(cents: random.logUniformCents(100_000_000, 5_000_000_000) / 100_000 * 100_000)
    case .marketCounterparty:
      record.verification = .none
    }
  }

  /// Verified income of USD 12,000 upward and, usually, net worth of USD 20,000 upward: both keep
  /// the derived yearly limit at USD 1,000 or more.
  static func declareVerifiedWealth(
    of record: inout CustomerRecord, using random: inout SeededGenerator, netWorthPerMille: Int
  ) {
    record.annualIncome = USD(cents: random.logUniformCents(1_200_000, 40_000_000) / 10_000 * 10_000)
    if random.chance(perMille: netWorthPerMille) {
      record.netWorth = USD(cents: random.logUniformCents(2_000_000, 500_000_000) / 100_000 * 100_000)
    }
  }

  // MARK: - KYC refreshes

  /// About 2% of organic customers get a second record during the plan: unverified retail clients
  /// verify their income (and move from the monthly to the yearly limit), others change risk
  /// rating or add a wallet.
  private mutating func refreshSomeCustomers(using random: inout SeededGenerator) {
    let periodSeconds = Int64(plan.days) * 86_400
    for index in records.indices where roles[index] == .organic && random.chance(perMille: 20) {
      var refreshed = records[index]
      refreshed.recordedAt = Timestamp(
        millisecondsSinceEpoch: startMilliseconds + random.within(0...(periodSeconds - 1)) * 1000)
      if limits[index] != .exempt && refreshed.verification == .none {
        refreshed.verification = .incomeVerified
        Self.declareVerifiedWealth(of: &refreshed, using: &random, netWorthPerMille: 850)
        limitChangesAt[index] = refreshed.recordedAt.millisecondsSinceEpoch
        limitsAfterChange[index] = RetailCap(for: refreshed)
      } else if random.chance(perMille: 500) {
        refreshed.riskRating = refreshed.riskRating == .low ? .medium : .high
      } else {
        let chain = Chain.allCases[random.index(weightedBy: Self.walletChainWeights)]
        refreshed.wallets.append(
          Wallet(chain: chain.name, address: String(decoding: chain.randomAddress(using: &random), as: UTF8.self)))
      }
      refreshes.append(refreshed)
    }
  }
}
