import TamgaModel

// Choosing the customers whose purchases are steered onto or over their limits, and scripting
// those purchases into days of the plan.

extension Population {
  /// Steers about 1% of unverified AIFC retail individuals and 0.5% of income-verified ones over
  /// their limit, and a few unverified ones onto exactly USD 1,000.00 in a month.
  mutating func steerCustomers(using random: inout SeededGenerator) {
    var unverified: [Int] = []
    var verified: [Int] = []
    for index in records.indices {
      switch limits[index] {
      case .monthly where records[index].verification == .none: unverified.append(index)
      case .yearly: verified.append(index)
      default: break
      }
    }
    let breachingUnverified = unverified.isEmpty ? 0 : max(1, (unverified.count + 50) / 100)
    let breachingVerified = verified.isEmpty ? 0 : max(1, (verified.count + 100) / 200)
    let exactlyAtCap = min(unverified.count - breachingUnverified, max(2, unverified.count / 250))
    Self.shuffleFront(&unverified, count: breachingUnverified + exactlyAtCap, using: &random)
    Self.shuffleFront(&verified, count: breachingVerified, using: &random)

    // Half of each day stays organic however many customers are steered.
    var budget = Array(repeating: plan.transfersPerDay / 2, count: plan.days)
    for (offset, customer) in unverified.prefix(breachingUnverified + exactlyAtCap).enumerated() {
      let isBreach = offset < breachingUnverified
      let dollars = isBreach ? 1_000 + random.within(1...1_500) : 1_000
      let parts = isBreach ? Int(random.within(3...8)) : Int(random.within(2...5))
      script(customer, role: isBreach ? .breach : .exactlyAtCap, dollars: dollars, parts: parts,
             budget: &budget, using: &random)
    }
    for customer in verified.prefix(breachingVerified) {
      guard case .yearly(let capCents) = limits[customer] else { continue }
      let capDollars = capCents / 100
      let dollars = capDollars + random.within(1...max(1, capDollars / 5))
      script(customer, role: .breach, dollars: dollars, parts: Int(random.within(3...6)),
             budget: &budget, using: &random)
    }
    for day in scriptedBuys.indices {
      scriptedBuys[day].sort { ($0.secondOfDay, $0.customer) < ($1.secondOfDay, $1.customer) }
    }
  }

  /// Splits `dollars` into `parts` purchases on one day, between 01:00 and 18:00 UTC so that every
  /// one of them falls on the same Almaty date (06:00 to 23:00 at UTC+5), and so in one month.
  /// A customer for whom no day has room stays organic.
  private mutating func script(
    _ customer: Int, role: SteeringRole, dollars: Int64, parts: Int, budget: inout [Int],
    using random: inout SeededGenerator
  ) {
    let days = plan.days
    let firstChoice = random.below(days)
    guard let day = (0..<days).lazy.map({ (firstChoice + $0) % days }).first(where: { budget[$0] >= parts })
    else { return }
    budget[day] -= parts

    // Shares of 1 to 10 keep every part at least a sixty-fourth of the total, over USD 15.
    let shares = (0..<parts).map { _ in random.within(1...10) }
    let totalShares = shares.reduce(0, +)
    var remaining = dollars
    for (index, share) in shares.enumerated() {
      let part = index == parts - 1 ? remaining : dollars * share / totalShares
      remaining -= part
      scriptedBuys[day].append(
        ScriptedBuy(
          secondOfDay: Int(random.within(3_600...64_799)), customer: customer, cents: part * 100,
          asset: random.index(weightedBy: PricedAsset.traded.map(\.weight))))
    }
    roles[customer] = role
    if role == .breach { injectedBreaches += 1 }
  }

  /// Moves a uniform random choice of `count` elements to the front (a partial Fisher–Yates).
  private static func shuffleFront(_ items: inout [Int], count: Int, using random: inout SeededGenerator) {
    for index in 0..<min(count, items.count) {
      items.swapAt(index, index + random.below(items.count - index))
    }
  }
}
