import TamgaIngest
import TamgaModel
import TamgaRules
import TamgaStore

/// One pass over a file of licensed miners' declarations of output: each is checked to name a
/// customer whose record held a mining licence at the end of the period, and stored. Nothing
/// alerts here: a declaration is checked against the miner's sales by ``MinerSaleThroughCheck``
/// once the replay has seen its period end.
struct MinerDeclarationPass: RejectingPass {
  let customers: CustomerBook
  let batch: IngestBatch
  let ingest: Int64
  let decoder = MinerDeclarationDecoder()
  var counts: PassCounts

  init(customers: CustomerBook, batch: IngestBatch, ingest: Int64, meter: ProgressMeter) {
    self.customers = customers
    self.batch = batch
    self.ingest = ingest
    counts = PassCounts(meter: meter)
  }

  mutating func take(_ record: borrowing Record) throws {
    let declaration: MinerDeclaration
    switch decoder.decode(record) {
    case .success(let decoded): declaration = decoded
    case .failure(let rejection): return try reject(rejection)
    }
    let column = MinerDeclarationDecoder.Column.customerID.rawValue
    guard let customer = customers.customer(declaration.customerID) else {
      return try reject(
        record.rejection(
          column: column, .unknownCustomer, "customer_id is not in any customers file replayed into this store"))
    }
    guard customers.status(of: customer, at: declaration.periodLastInstant).isLicensedMiner else {
      // Sales are counted only for a licensed miner: checking anyone else would count nothing
      // and raise an alert on no evidence.
      return try reject(
        record.rejection(
          column: column, .badValue,
          "the customer's record at the end of the period holds no mining_licence, so its sales were not counted"))
    }
    try batch.insert(declaration, line: record.line, ingest: ingest)
    counts.accept(at: declaration.declaredAt)
  }
}

/// Checks the stored declarations whose period has ended against the miners' sales, once each:
/// see ``MinerSaleThroughRule`` for what fires.
///
/// A period has ended once a transfers file in the ledger holds an event after it: before that,
/// the period's last day may not be replayed yet. So a declaration made after its period (the
/// usual case) is checked when its file is replayed, and one made earlier waits for the first
/// transfers file past the period.
enum MinerSaleThroughCheck {
  /// - Parameter latestTransfer: the latest event of this file, when it is a transfers file not
  ///   yet in the ledger's totals.
  /// - Returns: the alerts raised.
  static func run(engine: Engine, batch: IngestBatch, ingest: Int64, latestTransfer: Timestamp?) throws -> Int {
    let rule = engine.regulatory.minerSaleThrough
    // Switched off, the declarations stay unchecked: switched on again, the check takes them.
    guard rule.policy.check.isEnabled else { return 0 }
    let clock = [try batch.latestTransferTime(), latestTransfer].compactMap { $0 }.max()
    guard let clock else { return 0 }
    var raised = 0
    for declaration in try batch.uncheckedMinerDeclarations(endedBy: clock) {
      if let finding = try finding(for: declaration, rule: rule, engine: engine, batch: batch) {
        let alert = Alert(finding: finding, customerID: declaration.customerID, trigger: declaration.trigger)
        if try batch.insert(alert, ingest: ingest) { raised += 1 }
      }
      try batch.markChecked(declaration, ingest: ingest)
    }
    return raised
  }

  /// What the rule finds for one declaration; nil when the miner met its share, or when the
  /// record in force at the end of the period no longer holds a licence (a record dated inside
  /// the period may have arrived after the declaration).
  private static func finding(
    for declaration: MinerDeclaration, rule: MinerSaleThroughRule, engine: Engine, batch: IngestBatch
  ) throws -> Finding? {
    guard let customer = engine.customers.customer(declaration.customerID) else { return nil }
    // The record in force at the end of the period, and the first record of its unbroken run of
    // licensed records: from then on the miner's sales were counted.
    let records = try batch.customerRecords(declaration.customerID).filter { $0.recordedAt < declaration.periodEndsAt }
    guard let last = records.last, let licence = last.miningLicence else { return nil }
    let countedFrom = records.reversed().prefix { $0.miningLicence != nil }.last?.recordedAt
    let sold = engine.minerSales.sold(
      customer: customer, asset: declaration.asset,
      days: declaration.periodStart.daysSinceEpoch...declaration.periodEnd.daysSinceEpoch)
    return rule.finding(
      for: declaration, customer: customer, soldHere: sold,
      status: engine.customers.status(of: customer, at: declaration.periodLastInstant), countedFrom: countedFrom,
      licence: licence)
  }
}
