import TamgaIngest
import TamgaModel

/// Writes the customers file: every onboarding record in customer order, then the KYC refreshes.
///
/// Refreshes come last, so the file is deliberately not in `recorded_at` order: a reader must apply
/// a later record from its own `recorded_at`, not from its position in the file.
enum CustomerFile {
  /// The header row of the customers format.
  static let header: StaticString = """
    customer_id,recorded_at,person_type,full_name,aliases,date_of_birth,nationality,residence,\
    client_class,regime,verification,annual_income_usd,net_worth_usd,pep_declared,risk_rating,wallets

    """

  /// Writes the header and one row per record; returns how many rows were written.
  static func write(_ population: Population, to sink: any ByteSink) throws -> Int {
    var row = RowBuffer(sink: sink)
    row.append(header)
    for record in population.records { try append(record, to: &row) }
    for record in population.refreshes { try append(record, to: &row) }
    try row.flush()
    return population.records.count + population.refreshes.count
  }

  private static func append(_ record: CustomerRecord, to row: inout RowBuffer) throws {
    row.appendField(record.customerID)
    row.comma()
    row.appendField(record.recordedAt.description)
    row.comma()
    row.appendField(record.personType.rawValue)
    row.comma()
    row.appendField(record.fullName)
    row.comma()
    row.appendField(record.aliases.joined(separator: ";"))
    row.comma()
    row.appendField(record.dateOfBirth?.description ?? "")
    row.comma()
    row.appendField(record.nationality)
    row.comma()
    row.appendField(record.residence)
    row.comma()
    row.appendField(record.clientClass.rawValue)
    row.comma()
    row.appendField(record.regime.rawValue)
    row.comma()
    row.appendField(record.verification.rawValue)
    row.comma()
    row.appendField(record.annualIncome?.plain ?? "")
    row.comma()
    row.appendField(record.netWorth?.plain ?? "")
    row.comma()
    row.appendField(record.isPEPDeclared ? "true" : "false")
    row.comma()
    row.appendField(record.riskRating.rawValue)
    row.comma()
    row.appendField(record.wallets.map { $0.chain + ":" + $0.address }.joined(separator: ";"))
    try row.endRow()
  }
}
