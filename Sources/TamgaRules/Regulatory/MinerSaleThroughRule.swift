public import TamgaModel

/// Which miners' declarations are checked, and the share of declared output they must sell.
public struct MinerSaleThroughPolicy: Sendable, Equatable {
  /// `regulatory.miner-sale-through`. Default: on, both regimes: the duty is the miner's under
  /// Kazakhstan's Law on Digital Assets wherever it sells, and it is silent for a customer that
  /// holds no mining licence or declares nothing.
  public var check = RegulatoryCheck(regimes: [.aifc, .national])
  /// The least share of each period's declared output, in whole percent, to be sold on licensed
  /// venues. Default: 75.
  public var requiredSharePercent = 75

  public init() {}
}

/// Each licensed miner's sales on this venue, per asset and local day: what the sale-through
/// check counts when a declaration for a period arrives, usually after the period.
///
/// Kept only for customers whose record holds a mining licence, from that record on, so a
/// customer base of millions adds nothing; a miner adds one entry per asset and day it sells.
/// Nothing is dropped: a declaration can come late, and a miner's years of daily totals are a
/// few kilobytes.
public struct MinerSales: Sendable, Equatable {
  /// One miner's sales of one asset, day by day, days ascending.
  struct AssetSales: Sendable, Equatable {
    /// The ticker, upper-case ASCII bytes.
    var ticker: [UInt8]
    var days: [Int32] = []
    var baseUnits: [Int128] = []

    /// Adds to the day's total, keeping days ascending: a sale dated before the latest (rows
    /// out of time order) is put in its place.
    mutating func add(_ units: Int128, onDay day: Int32) {
      guard let last = days.last, last >= day else {
        days.append(day)
        baseUnits.append(units)
        return
      }
      var low = 0
      var high = days.count
      while low < high {
        let middle = (low + high) / 2
        if days[middle] >= day { high = middle } else { low = middle + 1 }
      }
      if days[low] == day {
        baseUnits[low] += units
      } else {
        days.insert(day, at: low)
        baseUnits.insert(units, at: low)
      }
    }
  }

  /// Per miner (the dense customer id), per asset.
  private(set) var sales: [Int32: [AssetSales]] = [:]

  public init() {}

  public var isEmpty: Bool { sales.isEmpty }

  /// Adds a sale.
  /// - Complexity: O(assets the miner sold); allocates only for the miner's first sale of an
  ///   asset or on a new day.
  mutating func record(customer: Int32, ticker: Span<UInt8>, day: Int32, baseUnits: Int128) {
    let index: Int
    if let known = sales[customer]?.firstIndex(where: { Self.sameTicker($0.ticker, ticker) }) {
      index = known
    } else {
      var upper: [UInt8] = []
      for position in ticker.indices { upper.append(Self.upper(ticker[position])) }
      sales[customer, default: []].append(AssetSales(ticker: upper))
      index = sales[customer]!.count - 1
    }
    sales[customer]![index].add(baseUnits, onDay: day)
  }

  /// What the miner sold of the asset on local days `first...last`, in base units.
  public func sold(customer: Int32, asset: String, days: ClosedRange<Int64>) -> Int128 {
    let ticker = Array(asset.utf8)
    guard let sales = sales[customer]?.first(where: { $0.ticker == ticker }) else { return 0 }
    var total: Int128 = 0
    for (day, units) in zip(sales.days, sales.baseUnits) where days.contains(Int64(day)) { total += units }
    return total
  }

  private static func sameTicker(_ stored: [UInt8], _ ticker: Span<UInt8>) -> Bool {
    guard stored.count == ticker.count else { return false }
    for index in ticker.indices where upper(ticker[index]) != stored[index] { return false }
    return true
  }

  @inline(__always)
  private static func upper(_ byte: UInt8) -> UInt8 { byte >= 97 && byte <= 122 ? byte - 32 : byte }

  /// For snapshots: every miner's sales, miners and assets in a fixed order.
  var ordered: [(customer: Int32, assets: [AssetSales])] {
    sales.keys.sorted().map { ($0, sales[$0] ?? []) }
  }

  init(restoring entries: [(customer: Int32, assets: [AssetSales])]) {
    for entry in entries { sales[entry.customer] = entry.assets }
  }
}

/// Licensed digital miners selling too little of what they mined on licensed venues.
///
/// Kazakhstan's Law on Digital Assets requires a licensed digital miner to sell a share of the
/// digital assets it mines through crypto exchanges licensed in the AIFC. An exchange sees its
/// own miner customers' sales; the miner declares its output per period, and, if it also sells
/// on other licensed venues, what it sold there.
///
/// **What fires.** `regulatory.miner-sale-through`, medium: for a declaration by a customer
/// whose record holds a `mining_licence`, the miner's `sell` transfers of the declared asset on
/// the period's local days, plus what it declares sold elsewhere, are less than the required
/// share of the declared output. Exact: `sold × 100 < mined × share`, in base units. A
/// declaration is checked once the replay has seen a transfer after its period's end (so the
/// period's last day is in), and checked once; a corrected declaration, made later, is checked
/// again, and its alert names it.
///
/// **Parameters.** `required_share_percent` (default 75), `regimes` (default both): the
/// customer's regime at the end of the period.
///
/// **What it misses, deliberately.**
/// - Conversions: the transfers format names only the asset converted into, so a conversion
///   out of the mined asset cannot be told from any other.
/// - Sales before the customer's record held the licence: they were not counted; the
///   explanation's `sales_counted_from` says from when, if that is inside the period.
/// - What the miner declares sold elsewhere is taken as declared: the firm cannot see other
///   venues' books.
///
/// **Explanation**: the asset, the period, the declared output and when it was declared, the
/// sales here and elsewhere, the share sold and the share required, the shortfall, the licence
/// and the regime.
public struct MinerSaleThroughRule: Sendable {
  public static let saleThrough: RuleID = "regulatory.miner-sale-through"

  public let policy: MinerSaleThroughPolicy

  public init(policy: MinerSaleThroughPolicy) { self.policy = policy }

  public var ruleIDs: [RuleID] { [Self.saleThrough] }

  /// Checks one declaration against the sales counted for its period.
  /// - Parameters:
  ///   - soldHere: the miner's sales of the asset on the period's days, in base units.
  ///   - status: the customer's status at the end of the period.
  ///   - countedFrom: when the customer's sales began to be counted (its licence's record).
  ///   - licence: the licence number, for the explanation.
  public func finding(
    for declaration: MinerDeclaration, customer: Int32, soldHere: Int128, status: CustomerStatus,
    countedFrom: Timestamp?, licence: String
  ) -> Finding? {
    guard policy.check.applies(to: status.regime) else { return nil }
    let mined = declaration.mined.baseUnits
    let sold = soldHere + declaration.soldElsewhere.baseUnits
    let share = Int128(policy.requiredSharePercent)
    guard sold * 100 < mined * share else { return nil }
    let decimals = Int(declaration.mined.decimals)
    func amount(_ units: Int128) -> Explanation.Value { .text(DecimalText.format(units, scale: decimals)) }
    // The least amount that meets the share, rounded up to the base unit.
    let required = (mined * share + 99) / 100
    var explanation = Explanation()
    explanation.append("asset", .text(declaration.asset))
    explanation.append("period_start", .text(declaration.periodStart.description))
    explanation.append("period_end", .text(declaration.periodEnd.description))
    explanation.append("declared_at", .time(declaration.declaredAt))
    explanation.append("mined", amount(mined))
    explanation.append("sold_here", amount(soldHere))
    explanation.append("sold_elsewhere", amount(declaration.soldElsewhere.baseUnits))
    explanation.append("sold_share_percent", .text(Self.percent(sold, of: mined)))
    explanation.append("required_share_percent", .integer(Int64(policy.requiredSharePercent)))
    explanation.append("required", amount(required))
    explanation.append("shortfall", amount(required - sold))
    let periodStartsAt = AlmatyCalendar.localMidnight(declaration.periodStart)
    if let countedFrom, countedFrom > periodStartsAt { explanation.append("sales_counted_from", .time(countedFrom)) }
    explanation.append("mining_licence", .text(licence))
    explanation.append("regime", .text(status.regime.rawValue))
    let eventAt = max(declaration.periodEndsAt, declaration.declaredAt)
    return Finding(
      ruleID: Self.saleThrough, severity: .medium, customer: customer, eventAt: eventAt,
      summary:
        "miner sold \(Self.percent(sold, of: mined))% of the \(DecimalText.format(mined, scale: decimals)) "
        + "\(declaration.asset) it declared for \(declaration.periodStart)..\(declaration.periodEnd), "
        + "below the required \(policy.requiredSharePercent)%",
      explanation: explanation)
  }

  /// `part` as a percentage of `whole`, to two decimals, rounded down (so a share shown as 75.00
  /// is never one that fell short).
  static func percent(_ part: Int128, of whole: Int128) -> String {
    guard whole > 0 else { return "0.00" }
    let hundredths = part * 10_000 / whole
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}

extension BinaryWriter {
  /// Miners in id order, each with its assets in the order first sold.
  mutating func minerSales(_ sales: MinerSales) {
    let miners = sales.ordered
    u32(UInt32(miners.count))
    for miner in miners {
      u32(UInt32(miner.customer))
      u32(UInt32(miner.assets.count))
      for asset in miner.assets {
        bytes(asset.ticker)
        plain(asset.days)
        plain(asset.baseUnits)
      }
    }
  }
}

extension BinaryReader {
  mutating func minerSales(customers: Int) throws(SnapshotError) -> MinerSales {
    var miners: [(customer: Int32, assets: [MinerSales.AssetSales])] = []
    for _ in 0..<Int(try u32()) {
      let customer = Int32(bitPattern: try u32())
      guard customer >= 0, Int(customer) < customers else { throw SnapshotError("engine snapshot has a damaged miners' table") }
      var assets: [MinerSales.AssetSales] = []
      for _ in 0..<Int(try u32()) {
        let ticker = try bytes()
        let days = try plain(Int32.self)
        let baseUnits = try plain(Int128.self)
        guard days.count == baseUnits.count, zip(days, days.dropFirst()).allSatisfy({ $0 < $1 }) else {
          throw SnapshotError("engine snapshot has a damaged miners' table")
        }
        assets.append(MinerSales.AssetSales(ticker: ticker, days: days, baseUnits: baseUnits))
      }
      miners.append((customer, assets))
    }
    return MinerSales(restoring: miners)
  }
}
