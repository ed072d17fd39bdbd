/// What a licensed miner declared it mined of one asset in one period.
public struct MinerDeclaration: Sendable, Equatable {
  public var customerID: String
  /// The asset's ticker, upper-case.
  public var asset: String
  /// The period's first and last local (Asia/Almaty) days, inclusive.
  public var periodStart: CivilDate
  public var periodEnd: CivilDate
  /// The declared output, in the asset's base units.
  public var mined: AssetAmount
  /// What the miner declares it sold on other licensed venues in the period: sales this firm
  /// cannot see.
  public var soldElsewhere: AssetAmount
  public var declaredAt: Timestamp

  public init(
    customerID: String, asset: String, periodStart: CivilDate, periodEnd: CivilDate, mined: AssetAmount,
    soldElsewhere: AssetAmount, declaredAt: Timestamp
  ) {
    self.customerID = customerID
    self.asset = asset
    self.periodStart = periodStart
    self.periodEnd = periodEnd
    self.mined = mined
    self.soldElsewhere = soldElsewhere
    self.declaredAt = declaredAt
  }

  /// The instant the period ends: midnight in Almaty after its last day.
  public var periodEndsAt: Timestamp {
    AlmatyCalendar.localMidnight(CivilDate(daysSinceEpoch: periodEnd.daysSinceEpoch + 1))
  }

  /// The period's last millisecond: the customer's record in force then says whether it was a
  /// licensed miner, and in which regime.
  public var periodLastInstant: Timestamp {
    Timestamp(millisecondsSinceEpoch: periodEndsAt.millisecondsSinceEpoch - 1)
  }

  /// What the declaration's alert is named after: a corrected declaration, made later, is a
  /// declaration of its own and is checked again.
  public var trigger: String {
    "\(asset) \(periodStart)..\(periodEnd) declared \(declaredAt.millisecondsSinceEpoch)"
  }
}
