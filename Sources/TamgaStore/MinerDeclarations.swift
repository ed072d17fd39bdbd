import GRDB
public import TamgaModel

// Licensed miners' declarations of output, kept until the replay has seen their period end and
// checked them against the miner's sales.

extension IngestBatch {
  /// Stores a declaration, unchecked; the same declaration again (same customer, asset, period
  /// and time of declaring) replaces it.
  public func insert(_ declaration: MinerDeclaration, line: Int, ingest: Int64) throws {
    try db.cachedStatement(
      sql: """
        INSERT OR REPLACE INTO miner_declaration (customer_id, asset, period_start, period_end, declared_at,
          period_ends_at, mined_base_units, sold_elsewhere_base_units, decimals, line, ingest_id, checked_ingest_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
        """
    ).execute(
      arguments: [
        declaration.customerID, declaration.asset, declaration.periodStart.description,
        declaration.periodEnd.description, declaration.declaredAt.millisecondsSinceEpoch,
        declaration.periodEndsAt.millisecondsSinceEpoch, String(declaration.mined.baseUnits),
        String(declaration.soldElsewhere.baseUnits), Int(declaration.mined.decimals), line, ingest,
      ])
  }

  /// The declarations not yet checked whose period ended at or before `instant`, in the order
  /// their periods ended, then by customer, asset and time of declaring.
  public func uncheckedMinerDeclarations(endedBy instant: Timestamp) throws -> [MinerDeclaration] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT * FROM miner_declaration WHERE checked_ingest_id IS NULL AND period_ends_at <= ?
        ORDER BY period_ends_at, customer_id, asset, period_start, declared_at
        """,
      arguments: [instant.millisecondsSinceEpoch]
    ).map { row in
      guard let declaration = MinerDeclaration(row: row) else {
        let customer: String = row["customer_id"]
        throw StoreError(.incompatible, "miner_declaration row for customer \(customer) does not read back: the store was edited by hand")
      }
      return declaration
    }
  }

  /// Records that a declaration was checked during this file, so it is not checked again.
  public func markChecked(_ declaration: MinerDeclaration, ingest: Int64) throws {
    try db.execute(
      sql: """
        UPDATE miner_declaration SET checked_ingest_id = ?
        WHERE customer_id = ? AND asset = ? AND period_start = ? AND period_end = ? AND declared_at = ?
        """,
      arguments: [
        ingest, declaration.customerID, declaration.asset, declaration.periodStart.description,
        declaration.periodEnd.description, declaration.declaredAt.millisecondsSinceEpoch,
      ])
  }

  /// The latest event time of the transfers files in the ledger, this transaction's included.
  public func latestTransferTime() throws -> Timestamp? {
    try Int64.fetchOne(db, sql: "SELECT max(last_event_at) FROM ingest WHERE kind = 'transfers'")
      .map(Timestamp.init(millisecondsSinceEpoch:))
  }

  /// A customer's records, oldest first, this transaction's included.
  public func customerRecords(_ customerID: String) throws -> [CustomerRecord] {
    try CustomerRecord.fetchAll(db, customerID: customerID)
  }
}

extension CustomerRecord {
  /// Every stored record of a customer, oldest first.
  static func fetchAll(_ db: Database, customerID: String) throws -> [CustomerRecord] {
    try Row.fetchAll(
      db, sql: "SELECT * FROM customer_record WHERE customer_id = ? ORDER BY recorded_at", arguments: [customerID]
    ).map(CustomerRecord.init(row:))
  }
}

extension MinerDeclaration {
  /// Nil for a row whose amounts or dates do not read back: only a hand-edited store has one.
  init?(row: Row) {
    let decimals: Int = row["decimals"]
    let mined: String = row["mined_base_units"]
    let elsewhere: String = row["sold_elsewhere_base_units"]
    let start: String = row["period_start"]
    let end: String = row["period_end"]
    guard let mined = Int128(mined), let elsewhere = Int128(elsewhere), let start = CivilDate(iso: start),
      let end = CivilDate(iso: end), let decimals = UInt8(exactly: decimals)
    else { return nil }
    self.init(
      customerID: row["customer_id"], asset: row["asset"], periodStart: start, periodEnd: end,
      mined: AssetAmount(baseUnits: mined, decimals: decimals),
      soldElsewhere: AssetAmount(baseUnits: elsewhere, decimals: decimals),
      declaredAt: Timestamp(millisecondsSinceEpoch: row["declared_at"]))
  }
}
