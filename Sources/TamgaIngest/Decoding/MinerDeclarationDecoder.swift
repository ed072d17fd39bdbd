public import TamgaModel

/// Decodes licensed miners' declarations of output (`miner-declarations.csv`):
/// `customer_id,asset,period_start,period_end,mined_amount,declared_at`, with an optional
/// `sold_elsewhere` (what the miner declares it sold on other licensed venues in the period).
///
/// Dates are the period's first and last local (Asia/Almaty) days, inclusive. Amounts are in
/// whole units of the asset (`1.25` BTC), with at most the asset's decimals. Declarations are
/// few, so this decoder makes `String`s freely.
public struct MinerDeclarationDecoder: Sendable {
  public enum Column: Int, CaseIterable {
    case customerID, asset, periodStart, periodEnd, minedAmount, declaredAt, soldElsewhere
  }

  public static let schema = Schema(
    name: "miner declarations",
    columns: [
      .init("customer_id", required: true), .init("asset", required: true),
      .init("period_start", required: true), .init("period_end", required: true),
      .init("mined_amount", required: true), .init("declared_at", required: true),
      .init("sold_elsewhere", required: false),
    ])

  public init() {}

  /// - Returns: the declaration, or the rejection to store.
  public func decode(_ record: borrowing Record) -> Result<MinerDeclaration, Rejection> {
    func text(_ column: Column) -> String { record.text(column.rawValue).trimmingSpaces }
    func reject(_ column: Column, _ code: Rejection.Code, _ message: String) -> Result<MinerDeclaration, Rejection> {
      .failure(record.rejection(column: column.rawValue, code, message))
    }
    let customerID = text(.customerID)
    guard !customerID.isEmpty else { return reject(.customerID, .missingValue, "customer_id is empty") }
    let asset = text(.asset).uppercased()
    guard !asset.isEmpty else { return reject(.asset, .missingValue, "asset is empty") }
    guard let start = CivilDate(iso: text(.periodStart)) else {
      return reject(.periodStart, .badDate, "period_start is not a YYYY-MM-DD date")
    }
    guard let end = CivilDate(iso: text(.periodEnd)) else {
      return reject(.periodEnd, .badDate, "period_end is not a YYYY-MM-DD date")
    }
    guard start <= end else { return reject(.periodEnd, .badDate, "period_end is before period_start") }
    let decimals = AssetDecimals.decimals(for: asset)
    func amount(_ column: Column, required: Bool) -> Result<AssetAmount, Rejection> {
      let raw = text(column)
      let name = record.name(column.rawValue)
      if raw.isEmpty {
        return required
          ? .failure(record.rejection(column: column.rawValue, .missingValue, "\(name) is empty"))
          : .success(AssetAmount(baseUnits: 0, decimals: decimals))
      }
      var amount = AssetAmount(baseUnits: 0, decimals: decimals)
      let rejection = Array(raw.utf8).withUnsafeBufferPointer { text in
        record.parseAmount(text.span, column: column.rawValue, decimals: decimals, ticker: asset, into: &amount)
      }
      return rejection.map { .failure($0) } ?? .success(amount)
    }
    do throws(Rejection) {
      let mined = try amount(.minedAmount, required: true).get()
      guard let declaredAt = Timestamp(rfc3339: text(.declaredAt)) else {
        return reject(.declaredAt, .badTimestamp, "declared_at is not an RFC 3339 date-time")
      }
      let soldElsewhere = try amount(.soldElsewhere, required: false).get()
      return .success(
        MinerDeclaration(
          customerID: customerID, asset: asset, periodStart: start, periodEnd: end, mined: mined,
          soldElsewhere: soldElsewhere, declaredAt: declaredAt))
    } catch {
      return .failure(error)
    }
  }
}
