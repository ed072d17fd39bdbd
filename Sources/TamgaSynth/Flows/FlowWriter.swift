import TamgaIngest
import TamgaModel

/// Writes the transfers files, one day at a time, carrying each customer's limits across days.
///
/// Rows are generated in time order and written straight into a reusable byte buffer, so memory
/// stays at the population plus one megabyte however many transfers a day holds.
struct FlowWriter {
  private let population: Population
  private let activity: ActivityTable
  let counterparties: CounterpartyBook
  private var ledger: CapLedger

  private static let assets = PricedAsset.traded.map(\.asset)
  private static let assetWeights = PricedAsset.traded.map(\.weight)
  private static let chainNames = Chain.allCases.map { Array($0.name.utf8) }
  private static let kindNames = TransferKind.allCases.map { Array($0.name.utf8) }

  /// The header row of the transfers format.
  static let header: StaticString = """
    transfer_id,timestamp,customer_id,kind,asset,chain,amount,usd_value,\
    counterparty_address,counterparty_vasp,tx_hash

    """

  init(population: Population) {
    self.population = population
    activity = ActivityTable(weights: population.activityWeights)
    var random = SeededGenerator(seed: population.plan.seed, stream: Population.Stream.counterparties)
    counterparties = CounterpartyBook(perChain: max(256, population.records.count / 2), using: &random)
    ledger = CapLedger(customers: population.records.count)
  }

  /// Writes day `day` of the plan (0 for the start date) and returns how many transfers it holds.
  mutating func writeDay(_ day: Int, to sink: any ByteSink) throws -> Int {
    let plan = population.plan
    let date = CivilDate(daysSinceEpoch: plan.startDate.daysSinceEpoch + Int64(day))
    let midnight = Timestamp(millisecondsSinceEpoch: date.daysSinceEpoch * 86_400_000)
    var random = SeededGenerator(seed: plan.seed, stream: Population.Stream.day | UInt64(day))
    let scripted = population.scriptedBuys[day]
    let perSecond = DaytimeProfile.transfersPerSecond(
      count: plan.transfersPerDay - scripted.count, utcMidnight: midnight, using: &random)

    var row = RowBuffer(sink: sink)
    row.append(Self.header)
    let dateText = Array(date.description.utf8)
    let context = DayContext(
      midnight: midnight, timestampPrefix: dateText + [UInt8(ascii: "T")],
      idPrefix: [UInt8(ascii: "T")] + dateText.filter { $0 != UInt8(ascii: "-") } + [UInt8(ascii: "-")])
    var sequence = 0
    var nextScripted = 0
    for second in 0..<86_400 {
      while nextScripted < scripted.count && scripted[nextScripted].secondOfDay == second {
        let buy = scripted[nextScripted]
        nextScripted += 1
        sequence += 1
        let instant = context.instant(at: second)
        ledger.record(buy.cents, by: buy.customer, at: instant)
        let asset = Self.assets[buy.asset]
        let chain = asset.chains[random.index(weightedBy: asset.chainWeights)]
        try appendTransfer(
          sequence, second: second, customer: buy.customer, kind: .buy, asset: asset, chain: chain,
          cents: buy.cents, day: context, into: &row, using: &random)
      }
      for _ in 0..<perSecond[second] {
        sequence += 1
        try appendOrganicTransfer(sequence, second: second, day: context, into: &row, using: &random)
      }
    }
    try row.flush()
    return sequence
  }

  /// The prefixes shared by every row of one day, encoded once.
  private struct DayContext {
    let midnight: Timestamp
    let timestampPrefix: [UInt8]
    let idPrefix: [UInt8]

    func instant(at second: Int) -> Timestamp {
      Timestamp(millisecondsSinceEpoch: midnight.millisecondsSinceEpoch + Int64(second) * 1000)
    }
  }

  // MARK: - Organic transfers

  private mutating func appendOrganicTransfer(
    _ sequence: Int, second: Int, day: DayContext, into row: inout RowBuffer, using random: inout SeededGenerator
  ) throws {
    // buy 40%, sell 20%, deposit 20%, withdrawal 15%, convert 5%.
    let kindDraw = random.below(100)
    var kind: TransferKind =
      kindDraw < 40 ? .buy : kindDraw < 60 ? .sell : kindDraw < 80 ? .deposit : kindDraw < 95 ? .withdrawal : .convert
    let asset = Self.assets[random.index(weightedBy: Self.assetWeights)]
    let chain = asset.chains[random.index(weightedBy: asset.chainWeights)]
    var customer = 0
    var cents: Int64 = 0
    // A purchase that would break a limit goes to another customer instead, so that the mix of
    // kinds holds however many capped customers have used up their month; after a few refusals
    // it becomes a sale.
    for attempt in 0..<8 {
      customer = activity.pick(using: &random)
      let tier = population.tiers[customer]
      let range = kind == .deposit || kind == .withdrawal ? tier.movementCents : tier.tradeCents
      cents = random.logUniformCents(range.low, range.high)
      // People often buy round amounts: USD 50, 100, 250.
      if tier == .retail && random.chance(perMille: 300) { cents = max(1_000, cents / 1_000 * 1_000) }
      if kind != .buy || admitsPurchase(cents, by: customer, at: day.instant(at: second)) { break }
      if attempt == 7 { kind = .sell }
    }
    try appendTransfer(
      sequence, second: second, customer: customer, kind: kind, asset: asset, chain: chain, cents: cents,
      day: day, into: &row, using: &random)
  }

  /// Whether an organic purchase may go ahead, recording it if so.
  private mutating func admitsPurchase(_ cents: Int64, by customer: Int, at instant: Timestamp) -> Bool {
    switch population.roles[customer] {
    case .exactlyAtCap:
      // Their scripted purchases must be all they buy, or the month would not end on USD 1,000.00.
      return false
    case .breach:
      ledger.record(cents, by: customer, at: instant)
      return true
    case .organic:
      let limit =
        instant.millisecondsSinceEpoch >= population.limitChangesAt[customer]
        ? population.limitsAfterChange[customer] : population.limits[customer]
      if limit == .exempt { return true }
      return ledger.admit(cents, by: customer, at: instant, within: limit)
    }
  }

  // MARK: - Row layout

  private func appendTransfer(
    _ sequence: Int, second: Int, customer: Int, kind: TransferKind, asset: PricedAsset, chain: Chain,
    cents: Int64, day: DayContext, into row: inout RowBuffer, using random: inout SeededGenerator
  ) throws {
    row.append(day.idPrefix)
    row.appendDigits(UInt64(sequence), width: 7)
    row.comma()
    row.append(day.timestampPrefix)
    row.appendClock(secondOfDay: second)
    row.append(UInt8(ascii: "Z"))
    row.comma()
    row.append(UInt8(ascii: "C"))
    row.appendDigits(UInt64(customer + 1), width: 7)
    row.comma()
    row.append(Self.kindNames[Int(kind.rawValue)])
    row.comma()
    row.append(asset.ticker)
    row.comma()
    row.append(Self.chainNames[chain.rawValue])
    row.comma()
    row.appendScaled(asset.baseUnits(forCents: cents), scale: asset.decimals, unit: asset.unit)
    row.comma()
    row.appendDollars(cents: cents)
    row.comma()
    if kind == .deposit || kind == .withdrawal {
      appendCounterparty(customer: customer, kind: kind, chain: chain, into: &row, using: &random)
      row.comma()
      chain.appendRandomHash(to: &row, using: &random)
    } else {
      // Trades inside the exchange have no counterparty and no on-chain hash.
      row.comma()
      row.comma()
    }
    try row.endRow()
  }

  /// Writes `counterparty_address,counterparty_vasp`: for withdrawals sometimes the customer's own
  /// declared wallet, otherwise a recurring counterparty or, for a third of movements, a new address.
  private func appendCounterparty(
    customer: Int, kind: TransferKind, chain: Chain, into row: inout RowBuffer, using random: inout SeededGenerator
  ) {
    if kind == .withdrawal && random.chance(perMille: 300),
      let own = population.records[customer].wallets.first(where: { $0.chain == chain.name })
    {
      row.appendField(own.address)
      row.comma()
      return
    }
    if random.chance(perMille: 650) {
      let counterparty = counterparties.pick(on: chain, using: &random)
      row.append(counterparty.address)
      row.comma()
      row.append(counterparty.vasp)
    } else {
      row.append(chain.randomAddress(using: &random))
      row.comma()
    }
  }
}
