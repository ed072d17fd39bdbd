public import TamgaModel

/// Decodes onboarding and KYC-refresh records (`customers.csv` of DESIGN.md).
///
/// Customer files are small beside transfers, so this decoder makes `String`s freely.
public struct CustomerDecoder: Sendable {
  public enum Column: Int, CaseIterable {
    case customerID, recordedAt, personType, fullName, aliases, dateOfBirth, nationality, residence
    case clientClass, regime, verification, annualIncome, netWorth, pepDeclared, riskRating, wallets
    case miningLicence
  }

  public static let schema = Schema(
    name: "customers",
    columns: [
      .init("customer_id", required: true), .init("recorded_at", required: true),
      .init("person_type", required: true), .init("full_name", required: true),
      .init("aliases", required: false), .init("date_of_birth", required: false),
      .init("nationality", required: false), .init("residence", required: false),
      .init("client_class", required: true), .init("regime", required: true),
      .init("verification", required: true), .init("annual_income_usd", required: false),
      .init("net_worth_usd", required: false), .init("pep_declared", required: false),
      .init("risk_rating", required: false), .init("wallets", required: false),
      .init("mining_licence", required: false),
    ])

  public init() {}

  /// - Returns: the record, or the rejection to store.
  public func decode(_ record: borrowing Record) -> Result<CustomerRecord, Rejection> {
    func text(_ column: Column) -> String { record.text(column.rawValue).trimmingSpaces }
    func reject(_ column: Column, _ code: Rejection.Code, _ message: String) -> Result<CustomerRecord, Rejection> {
      .failure(record.rejection(column: column.rawValue, code, message))
    }
    func choice<T: RawRepresentable<String> & CaseIterable>(_ column: Column, _ type: T.Type, default value: T?)
      -> Result<T, Rejection>
    {
      let raw = text(column).lowercased()
      if raw.isEmpty, let value { return .success(value) }
      if let parsed = T(rawValue: raw) { return .success(parsed) }
      let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
      let message = raw.isEmpty ? "\(record.name(column.rawValue)) is empty; one of \(allowed)"
        : "\(record.name(column.rawValue)) must be one of \(allowed)"
      return .failure(record.rejection(column: column.rawValue, raw.isEmpty ? .missingValue : .badValue, message))
    }
    func usd(_ column: Column) -> Result<USD?, Rejection> {
      let raw = text(column)
      if raw.isEmpty { return .success(nil) }
      guard let value = USD(parsing: raw), value.cents >= 0 else {
        return .failure(record.rejection(column: column.rawValue, .badNumber, "\(record.name(column.rawValue)) is not a non-negative decimal number"))
      }
      return .success(value)
    }

    let customerID = text(.customerID)
    guard !customerID.isEmpty else { return reject(.customerID, .missingValue, "customer_id is empty") }
    guard let recordedAt = Timestamp(rfc3339: record.bytes(Column.recordedAt.rawValue).span) else {
      return reject(.recordedAt, .badTimestamp, "recorded_at is not an RFC 3339 date-time")
    }
    do throws(Rejection) {
      let personType = try choice(.personType, PersonType.self, default: nil).get()
      let fullName = text(.fullName)
      guard !fullName.isEmpty else { return reject(.fullName, .missingValue, "full_name is empty") }
      var dateOfBirth: CivilDate?
      let dob = text(.dateOfBirth)
      if !dob.isEmpty {
        guard let parsed = CivilDate(iso: dob) else {
          return reject(.dateOfBirth, .badDate, "date_of_birth is not a YYYY-MM-DD date")
        }
        dateOfBirth = parsed
      }
      let clientClass = try choice(.clientClass, ClientClass.self, default: nil).get()
      let regime = try choice(.regime, Regime.self, default: nil).get()
      let verification = try choice(.verification, Verification.self, default: nil).get()
      let income = try usd(.annualIncome).get()
      let netWorth = try usd(.netWorth).get()
      let pep: Bool
      switch text(.pepDeclared).lowercased() {
      case "", "false", "0", "no": pep = false
      case "true", "1", "yes": pep = true
      default: return reject(.pepDeclared, .badValue, "pep_declared must be true or false")
      }
      let risk = try choice(.riskRating, RiskRating.self, default: .low).get()
      var wallets: [Wallet] = []
      for item in Self.list(text(.wallets)) {
        guard let colon = item.firstIndex(of: ":"), colon != item.startIndex, item.index(after: colon) != item.endIndex else {
          return reject(.wallets, .badValue, "wallets must be chain:address items separated by ;")
        }
        wallets.append(Wallet(chain: String(item[..<colon]).lowercased(), address: String(item[item.index(after: colon)...])))
      }
      let licence = text(.miningLicence)
      return .success(
        CustomerRecord(
          customerID: customerID, recordedAt: recordedAt, personType: personType, fullName: fullName,
          aliases: Self.list(text(.aliases)), dateOfBirth: dateOfBirth,
          nationality: text(.nationality).uppercased(), residence: text(.residence).uppercased(),
          clientClass: clientClass, regime: regime, verification: verification, annualIncome: income,
          netWorth: netWorth, isPEPDeclared: pep, riskRating: risk, wallets: wallets,
          miningLicence: licence.isEmpty ? nil : licence))
    } catch {
      return .failure(error)
    }
  }

  /// The items of a `;`-separated field, trimmed, empty ones dropped. Works on the UTF-8
  /// bytes: splitting by `Character` was most of the cost of reading a customers file.
  static func list(_ text: String) -> [String] {
    guard !text.isEmpty else { return [] }
    var items: [String] = []
    var text = text
    text.withUTF8 { bytes in
      var start = 0
      for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: ";") {
        var lower = start
        var upper = index
        while lower < upper && (bytes[lower] == 32 || bytes[lower] == 9) { lower += 1 }
        while upper > lower && (bytes[upper - 1] == 32 || bytes[upper - 1] == 9) { upper -= 1 }
        if upper > lower { items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)) }
        start = index + 1
      }
    }
    return items
  }
}

extension Rejection: Error {}

extension String {
  /// Without leading and trailing spaces and tabs, trimmed on the UTF-8 bytes.
  var trimmingSpaces: String {
    let bytes = utf8
    guard let first = bytes.first, let last = bytes.last,
      first == 32 || first == 9 || last == 32 || last == 9
    else { return self }
    var lower = bytes.startIndex
    var upper = bytes.endIndex
    while lower < upper && (bytes[lower] == 32 || bytes[lower] == 9) { lower = bytes.index(after: lower) }
    while upper > lower {
      let before = bytes.index(before: upper)
      guard bytes[before] == 32 || bytes[before] == 9 else { break }
      upper = before
    }
    return String(Substring(bytes[lower..<upper]))
  }
}
