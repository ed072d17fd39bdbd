import Foundation
import GRDB
public import TamgaModel

// The Travel Rule's records: the messages exchanged with counterparty VASPs, and the proofs that
// customers control their self-hosted wallets. Both are personal data, read back only by the
// transfers pass (to check transfers against them) and by an analyst.

extension IngestBatch {
  /// Stores a message; a later message for the same transfer replaces the earlier one (a
  /// corrected resend), and is checked afresh against a transfer not yet replayed.
  public func insert(_ message: TravelRuleMessage, ingest: Int64) throws {
    // A cached statement: a Travel Rule file holds a message for most transfers of a day.
    try db.cachedStatement(
      sql: """
        INSERT OR REPLACE INTO travel_rule_message (transfer_id, sent_at, payload, problems, originator_accounts,
          beneficiary_accounts, line, ingest_id, matched_ingest_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
        """
    ).execute(
      arguments: [
        message.transferID, message.sentAt.millisecondsSinceEpoch, message.payload, try Self.json(message.problems),
        try Self.json(message.originatorAccounts), try Self.json(message.beneficiaryAccounts), message.line, ingest,
      ])
  }

  /// Stores a proof; a later proof for the same customer and address replaces the earlier one.
  public func insert(_ proof: WalletOwnershipProof, ingest: Int64) throws {
    try db.cachedStatement(
      sql: """
        INSERT OR REPLACE INTO wallet_ownership_proof (customer_id, address_key, chain, address, method, verified_at,
          line, ingest_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """
    ).execute(
      arguments: [
        proof.customerID, proof.addressKey, proof.chain, proof.address, proof.method,
        proof.verifiedAt.millisecondsSinceEpoch, proof.line, ingest,
      ])
  }

  /// Marks messages as used by a transfer of this file, so that later transfers files do not
  /// read them again: what stays in memory during a replay is only the messages still waiting
  /// for their transfer.
  public func markTravelRuleMessagesMatched(_ transferIDs: [String], ingest: Int64) throws {
    let statement = try db.makeStatement(
      sql: "UPDATE travel_rule_message SET matched_ingest_id = ? WHERE transfer_id = ?")
    for transferID in transferIDs { try statement.execute(arguments: [ingest, transferID]) }
  }

  private static func json(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}

extension CaseStore {
  /// Whether any Travel Rule file was ever replayed into the store: until one is, the Travel
  /// Rule check has nothing to check against and stays silent.
  public func hasTravelRuleRecords() throws(StoreError) -> Bool {
    try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ingest WHERE kind = 'travel_rule')") ?? false }
  }

  /// The messages no transfer has used yet, without their payloads (the check needs only what
  /// was found in them).
  public func unmatchedTravelRuleMessages() throws(StoreError) -> [TravelRuleMessage] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT m.transfer_id, m.sent_at, m.problems, m.originator_accounts, m.beneficiary_accounts, m.line, i.file_name
          FROM travel_rule_message m JOIN ingest i ON i.id = m.ingest_id
          WHERE m.matched_ingest_id IS NULL ORDER BY m.transfer_id
          """
      ).map(TravelRuleMessage.init(row:))
    }
  }

  /// The message stored for a transfer, payload included: for an analyst.
  public func travelRuleMessage(transferID: String) throws(StoreError) -> TravelRuleMessage? {
    try read { db in
      try Row.fetchOne(
        db,
        sql: """
          SELECT m.*, i.file_name FROM travel_rule_message m JOIN ingest i ON i.id = m.ingest_id WHERE m.transfer_id = ?
          """,
        arguments: [transferID]
      ).map(TravelRuleMessage.init(row:))
    }
  }

  /// Every wallet ownership proof on record: a few per customer at most.
  public func walletOwnershipProofs() throws(StoreError) -> [WalletOwnershipProof] {
    try read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT p.*, i.file_name FROM wallet_ownership_proof p JOIN ingest i ON i.id = p.ingest_id
          ORDER BY p.customer_id, p.address_key
          """
      ).map { row in
        WalletOwnershipProof(
          customerID: row["customer_id"], chain: row["chain"], address: row["address"], addressKey: row["address_key"],
          method: row["method"], verifiedAt: Timestamp(millisecondsSinceEpoch: row["verified_at"]),
          file: row["file_name"], line: row["line"])
      }
    }
  }

}

extension TravelRuleMessage {
  /// A stored message; its payload is empty when the query left the column out.
  init(row: Row) throws {
    func decode<T: Decodable>(_ column: String) throws -> T { try JSONDecoder().decode(T.self, from: Data((row[column] as String).utf8)) }
    self.init(
      transferID: row["transfer_id"], sentAt: Timestamp(millisecondsSinceEpoch: row["sent_at"]),
      payload: row["payload"] ?? "", problems: try decode("problems"), originatorAccounts: try decode("originator_accounts"),
      beneficiaryAccounts: try decode("beneficiary_accounts"), file: row["file_name"], line: row["line"])
  }
}
