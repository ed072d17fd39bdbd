/// A purchase placed at a chosen time to steer a customer onto or over their limit.
struct ScriptedBuy {
  /// Seconds after the day's UTC midnight.
  var secondOfDay: Int
  var customer: Int
  var cents: Int64
  /// Index into `PricedAsset.traded`.
  var asset: Int
}
