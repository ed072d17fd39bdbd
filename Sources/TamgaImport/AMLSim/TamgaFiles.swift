/// The three files Tamga's side of the import consists of, written row by row as bytes.
///
/// Every field written is digits, ASCII words or hex, none holds a comma, quote or line break,
/// so no field needs CSV quoting. Line ends are `\n`.
enum TamgaFiles {
  /// Tamga's customers header, column for column as its DESIGN.md gives it.
  static let customersHeader: StaticString = """
    customer_id,recorded_at,person_type,full_name,aliases,date_of_birth,nationality,residence,\
    client_class,regime,verification,annual_income_usd,net_worth_usd,pep_declared,risk_rating,wallets
    """
  /// Tamga's transfers header.
  static let transfersHeader: StaticString = """
    transfer_id,timestamp,customer_id,kind,asset,chain,amount,usd_value,\
    counterparty_address,counterparty_vasp,tx_hash
    """
  /// The ground-truth header, for scoring detection; Tamga never reads this file.
  static let truthHeader: StaticString = "customer_id,is_fraud,fraud_step"

  /// The encoded pieces of each account, made once and reused on every leg that touches it.
  struct EncodedAccounts {
    /// `amlsim-<node>` per account.
    let customerIDs: [[UInt8]]
    /// `0x…` per account.
    let addresses: [[UInt8]]

    init(_ register: AccountRegister) {
      customerIDs = register.accounts.map { Array(AMLSimImport.customerID(forNode: $0.node).utf8) }
      addresses = register.accounts.map { AMLSimImport.walletAddressBytes(forNode: $0.node) }
    }
  }

  /// One customer per account, in `nodes.csv` order, all recorded at `recordedAt` 00:00:00Z.
  ///
  /// The fixed values make simulated accounts plain, unremarkable customers, so that whatever
  /// Tamga flags is due to the flows and not to the profile:
  /// - `full_name` `AMLSim Account <node>`: a placeholder no sanctions list will match.
  /// - `nationality` and `residence` `KZ`, `regime` `aifc`: Tamga's home setting.
  /// - `client_class` `professional`: professional clients are exempt from the AIFC retail caps,
  ///   which would otherwise fire on every simulated account's volume.
  /// - `verification` `income_verified`, `pep_declared` `false`, `risk_rating` `low`; no aliases,
  ///   birth date, income or net worth, since AMLSim has none.
  /// - `wallets`: the one synthetic address `ethereum:<walletAddress(forNode:)>`.
  static func writeCustomers(
    _ register: AccountRegister, encoded: EncodedAccounts, recordedAt day: CalendarDay, to file: inout StagedFile
  ) throws(ImportError) {
    file.append(customersHeader)
    try file.endRow()
    let recordedAt = day.isoBytes + Array("T00:00:00Z".utf8)
    for (position, account) in register.accounts.enumerated() {
      file.append(encoded.customerIDs[position])
      file.comma()
      file.append(recordedAt)
      file.append(",individual,AMLSim Account ")
      file.appendDigits(account.node)
      file.append(",,,KZ,KZ,professional,aifc,income_verified,,,false,low,ethereum:")
      file.append(encoded.addresses[position])
      try file.endRow()
    }
  }

  /// Two rows per transaction, in the order `DayPlacement` gives: the sender's withdrawal to the
  /// receiver's address, then the receiver's deposit from the sender's address.
  ///
  /// Both legs carry the same timestamp, amount and hash; `asset` is `USDT` on `ethereum` with
  /// `amount` and `usd_value` both the AMLSim value (a dollar-pegged token makes the two equal);
  /// `counterparty_vasp` is empty because AMLSim has no notion of one.
  static func writeTransfers(
    _ placement: DayPlacement, encoded: EncodedAccounts, startDate: CalendarDay, to file: inout StagedFile
  ) throws(ImportError) {
    file.append(transfersHeader)
    try file.endRow()
    var currentOffset = -1
    var dayPrefix: [UInt8] = []
    var timestamp: [UInt8] = []
    timestamp.reserveCapacity(20)
    for placed in placement.ordered {
      if placed.dayOffset != currentOffset {
        currentOffset = placed.dayOffset
        dayPrefix = CalendarDay(daysSinceEpoch: startDate.daysSinceEpoch + currentOffset).isoBytes
        dayPrefix.append(UInt8(ascii: "T"))
      }
      timestamp.removeAll(keepingCapacity: true)
      timestamp.append(contentsOf: dayPrefix)
      timestamp.appendDigits(placed.second / 3600, width: 2)
      timestamp.append(UInt8(ascii: ":"))
      timestamp.appendDigits(placed.second / 60 % 60, width: 2)
      timestamp.append(UInt8(ascii: ":"))
      timestamp.appendDigits(placed.second % 60, width: 2)
      timestamp.append(UInt8(ascii: "Z"))

      let transaction = placed.transaction
      let hash = AMLSimImport.transactionHashBytes(forRow: transaction.row)
      let sender = Int(transaction.source)
      let receiver = Int(transaction.target)

      // The two legs of the transaction, out then in: each customer's side, against the other's wallet.
      func leg(_ suffix: StaticString, customer: Int, kind: StaticString, counterparty: Int) throws(ImportError) {
        file.append("amlsim-")
        file.appendDigits(transaction.row)
        file.append(suffix)
        file.append(timestamp)
        file.comma()
        file.append(encoded.customerIDs[customer])
        file.append(kind)
        file.appendCents(transaction.cents)
        file.comma()
        file.appendCents(transaction.cents)
        file.comma()
        file.append(encoded.addresses[counterparty])
        file.append(",,")
        file.append(hash)
        try file.endRow()
      }
      try leg("-out,", customer: sender, kind: ",withdrawal,USDT,ethereum,", counterparty: receiver)
      try leg("-in,", customer: receiver, kind: ",deposit,USDT,ethereum,", counterparty: sender)
    }
  }

  /// One row per customer, in `nodes.csv` order: `is_fraud` `true`/`false`, and `fraud_step` the
  /// AMLSim step as written, empty when AMLSim gives none (`-1`, as for 478 of the sample's 954
  /// fraud nodes).
  ///
  /// The step is kept in AMLSim's numbering rather than as a date, so it can be checked against
  /// the simulation's own files; the summary's `minimumStep` maps it to a day.
  static func writeTruth(
    _ register: AccountRegister, encoded: EncodedAccounts, to file: inout StagedFile
  ) throws(ImportError) {
    file.append(truthHeader)
    try file.endRow()
    for (position, account) in register.accounts.enumerated() {
      file.append(encoded.customerIDs[position])
      file.append(account.isFraud ? ",true," : ",false,")
      if let step = account.fraudStep { file.appendDigits(step) }
      try file.endRow()
    }
  }
}
