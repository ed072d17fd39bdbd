public import TamgaModel

/// The values of one transfer row that the rules need, parsed from bytes.
///
/// Identifiers stay in the record's buffer: `transfer_id` becomes a `String` only when an
/// alert names it.
public struct TransferFields: Sendable {
  public var timestamp = Timestamp(millisecondsSinceEpoch: 0)
  public var kind = TransferKind.deposit
  /// `nil` when the file left `usd_value` empty (allowed for everything but `buy`).
  public var usdValue: USD?
  public var amount = AssetAmount(baseUnits: 0, decimals: 0)
  /// The asset, interned by the decoder: see ``TransferDecoder/assetTicker(_:)``.
  public var asset: Int32 = 0
  /// What the regulatory reference lists say about the asset (approved, privacy).
  public var assetProfile: AssetProfile = []
  /// The counterparty VASP's position in the reference directory, -1 when the row names none
  /// or one the directory does not know.
  public var counterpartyVASP: Int32 = -1
  /// Whether the row names a counterparty VASP at all, known to the directory or not.
  public var namesCounterpartyVASP = false

  public init() {}
}

/// Decodes transfer records (`transfers.csv` of DESIGN.md).
public struct TransferDecoder: Sendable {
  public enum Column: Int, CaseIterable {
    case transferID, timestamp, customerID, kind, asset, chain, amount, usdValue
    case counterpartyAddress, counterpartyVASP, txHash
  }

  public static let schema = Schema(
    name: "transfers",
    columns: [
      .init("transfer_id", required: true), .init("timestamp", required: true),
      .init("customer_id", required: true), .init("kind", required: true),
      .init("asset", required: true), .init("chain", required: false),
      .init("amount", required: true), .init("usd_value", required: true),
      .init("counterparty_address", required: false), .init("counterparty_vasp", required: false),
      .init("tx_hash", required: false),
    ])

  private var assets = AssetTickers()
  private var days = DayCache()
  /// The reference lists' verdict on each interned asset, looked up once per ticker.
  private var assetProfiles: [AssetProfile] = []
  /// Counterparty VASP names as spelt in the file, and each spelling's directory position.
  private var vaspSpellings = InternTable(capacity: 64)
  private var vaspPositions: [Int32] = []
  private let reference: RegulatoryReference

  /// - Parameter reference: the lists that give each asset its profile and each counterparty
  ///   VASP its directory position; without them every row gets an empty profile and no VASP.
  public init(reference: RegulatoryReference = .empty) {
    self.reference = reference
  }

  public func assetTicker(_ id: Int32) -> String { assets.ticker(id) }

  /// Parses the row's timestamp, kind, asset, amount and USD value.
  ///
  /// - Returns: `nil` when the row is good, else the rejection to record.
  /// - Complexity: O(row length); allocates nothing for a good row once its asset is known.
  public mutating func decode(_ record: borrowing Record, into fields: inout TransferFields) -> Rejection? {
    if let rejection = record.requireValue(Column.transferID.rawValue) { return rejection }
    if let rejection = record.requireValue(Column.customerID.rawValue) { return rejection }
    if let rejection = record.parseTimestamp(Column.timestamp.rawValue, cache: &days, into: &fields.timestamp) {
      return rejection
    }
    guard let kind = TransferKind(parsing: record.bytes(Column.kind.rawValue).span) else {
      return record.rejection(
        column: Column.kind.rawValue, .unknownKind, "kind must be deposit, withdrawal, buy, sell or convert")
    }
    fields.kind = kind
    let (rejection, isNew) = record.internAsset(Column.asset.rawValue, in: &assets, into: &fields.asset)
    if let rejection { return rejection }
    let asset = fields.asset
    if isNew { assetProfiles.append(reference.profile(ofAsset: assets.ticker(asset))) }
    fields.assetProfile = assetProfiles[Int(asset)]
    fields.counterpartyVASP = -1
    let vasp = record.bytes(Column.counterpartyVASP.rawValue)
    fields.namesCounterpartyVASP = !vasp.isEmpty
    if !vasp.isEmpty, !reference.vasps.isEmpty {
      // One hash probe per row; the directory's own lookup (which allocates) once per spelling.
      if let spelling = vaspSpellings.id(of: vasp.span) {
        fields.counterpartyVASP = vaspPositions[Int(spelling)]
      } else {
        _ = vaspSpellings.intern(vasp.span)
        let position = reference.vasp(named: vasp) ?? -1
        vaspPositions.append(position)
        fields.counterpartyVASP = position
      }
    }
    if let rejection = record.parseAmount(Column.amount.rawValue, of: asset, in: assets, into: &fields.amount) {
      return rejection
    }
    let usdBytes = record.bytes(Column.usdValue.rawValue)
    if usdBytes.isEmpty {
      if kind == .buy {
        return record.rejection(
          column: Column.usdValue.rawValue, .missingValue, "usd_value is empty; a buy needs it for the retail caps")
      }
      fields.usdValue = nil
    } else {
      var usd = USD(cents: 0)
      if let rejection = record.parseUSD(Column.usdValue.rawValue, into: &usd) { return rejection }
      fields.usdValue = usd
    }
    return nil
  }
}
