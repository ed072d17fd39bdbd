import Foundation
public import TamgaIngest
public import TamgaModel
import TamgaScreening
import TamgaTravelRule

/// One record of a Travel Rule file: a message exchanged for a transfer, or a customer's proof
/// that it controls a self-hosted wallet.
public enum TravelRuleRecord: Sendable, Hashable {
  case message(TravelRuleMessage)
  case ownershipProof(WalletOwnershipProof)
}

/// Decodes Travel Rule files: what the firm's Travel Rule solution exports, one record a line.
///
/// - A **message** (NDJSON only, since the payload is a nested object): `transfer_id`, `sent_at`
///   (RFC 3339) and `ivms101`, the IVMS101 identity payload. It is checked here, once, against
///   the standard's constraints and the Travel Rule's completeness with full originator
///   information (only transfers at or above the threshold are checked against it); what is
///   missing is stored with it as problem codes and paths, never values.
/// - An **ownership proof** (NDJSON or CSV): `customer_id`, `chain`, `address`, `method` (how
///   control was shown: `signed_message`, `satoshi_test`, …) and `verified_at`.
///
/// A line that is neither, or whose fields cannot be used, is rejected with what and where. A
/// payload that is not IVMS101 at all is not a rejection: the counterparty sent it, so the
/// message is kept with the problem `ivms101.unreadable` and the transfer is alerted on.
public struct TravelRuleDecoder: Sendable {
  public enum Column: Int, CaseIterable {
    case transferID, sentAt, customerID, chain, address, method, verifiedAt, payload
  }

  /// No column is required of the file as a whole: a file may hold only messages or only
  /// proofs. Each record is checked for what its kind needs.
  public static let schema = Schema(
    name: "travel_rule",
    columns: [
      .init("transfer_id", required: false), .init("sent_at", required: false), .init("customer_id", required: false),
      .init("chain", required: false), .init("address", required: false), .init("method", required: false),
      .init("verified_at", required: false), .init(payloadKey, required: false, object: true),
    ])

  /// The key under which a message carries its payload, an object the framer keeps raw.
  public static let payloadKey = "ivms101"

  public init() {}

  public func decode(_ record: borrowing Record, format: RecordFormat) -> Result<TravelRuleRecord, Rejection> {
    func text(_ column: Column) -> String { record.text(column.rawValue).trimmingCharacters(in: .whitespaces) }
    func reject(_ column: Column?, _ code: Rejection.Code, _ message: String) -> Result<TravelRuleRecord, Rejection> {
      .failure(record.rejection(column: column?.rawValue, code, message))
    }
    let file = (record.file as NSString).lastPathComponent
    let transferID = text(.transferID)
    let customerID = text(.customerID)
    let address = text(.address)
    switch (transferID.isEmpty, customerID.isEmpty && address.isEmpty) {
    case (true, true):
      return reject(
        nil, .missingValue,
        "a Travel Rule record names a transfer_id (a message) or a customer_id and address (an ownership proof); this one names neither")
    case (false, false):
      return reject(
        .transferID, .badValue,
        "a Travel Rule record is a message (transfer_id) or an ownership proof (customer_id, address), not both")
    case (false, true):
      guard format == .ndjson else {
        return reject(.transferID, .badValue, "a message needs NDJSON: its ivms101 payload is a nested object")
      }
      guard let sentAt = Timestamp(rfc3339: text(.sentAt)) else {
        return reject(.sentAt, text(.sentAt).isEmpty ? .missingValue : .badTimestamp, "sent_at is not an RFC 3339 date-time")
      }
      guard !record.isEmpty(Column.payload.rawValue) else {
        return reject(nil, .missingValue, "the message has no \(Self.payloadKey) object (the IVMS101 identity payload)")
      }
      guard record.isObject(Column.payload.rawValue) else {
        return reject(nil, .malformedJSON, "\(Self.payloadKey) is not a JSON object")
      }
      let payload = Data(UnsafeRawBufferPointer(record.bytes(Column.payload.rawValue)))
      return .success(.message(Self.message(transferID: transferID, sentAt: sentAt, payload: payload, file: file, line: record.line)))
    case (true, false):
      guard !customerID.isEmpty else { return reject(.customerID, .missingValue, "an ownership proof needs the customer_id") }
      guard !address.isEmpty else { return reject(.address, .missingValue, "an ownership proof needs the wallet's address") }
      let method = text(.method)
      guard !method.isEmpty else {
        return reject(.method, .missingValue, "method is empty; say how control was shown (signed_message, satoshi_test, …)")
      }
      guard let verifiedAt = Timestamp(rfc3339: text(.verifiedAt)) else {
        return reject(
          .verifiedAt, text(.verifiedAt).isEmpty ? .missingValue : .badTimestamp, "verified_at is not an RFC 3339 date-time")
      }
      let chain = text(.chain)
      return .success(
        .ownershipProof(
          WalletOwnershipProof(
            customerID: customerID, chain: chain, address: address,
            addressKey: WalletAddress.normalize(address, chainHint: chain.isEmpty ? nil : chain), method: method,
            verifiedAt: verifiedAt, file: file, line: record.line)))
    }
  }

  /// A message with what the standard and the Travel Rule find missing in its payload, judged
  /// at `sentAt` with full originator information required.
  static func message(transferID: String, sentAt: Timestamp, payload: Data, file: String, line: Int) -> TravelRuleMessage {
    let text = String(decoding: payload, as: UTF8.self)
    let identity: IdentityPayload
    do {
      identity = try IdentityPayload(parsing: payload)
    } catch {
      return TravelRuleMessage(
        transferID: transferID, sentAt: sentAt, payload: text,
        problems: [TravelRuleProblem(code: "ivms101.unreadable", path: Self.payloadKey, message: "\(error)")],
        originatorAccounts: [], beneficiaryAccounts: [], file: file, line: line)
    }
    let now = Date(timeIntervalSince1970: Double(sentAt.millisecondsSinceEpoch) / 1000)
    // Threshold 0: the message is only ever checked for transfers at or above the threshold.
    let found = IVMS101Check(now: now).problems(in: identity)
      + TravelRuleCheck(thresholdInUSDCents: 0).problems(in: identity, transferValueInUSDCents: 0, now: now)
    func keys(_ accounts: [String]) -> [String] {
      accounts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.map { WalletAddress.normalize($0, chainHint: nil) }
    }
    return TravelRuleMessage(
      transferID: transferID, sentAt: sentAt, payload: text,
      problems: found.map { TravelRuleProblem(code: $0.code.rawValue, path: $0.path, message: $0.message) },
      originatorAccounts: keys(identity.originator.accountNumber),
      beneficiaryAccounts: keys(identity.beneficiary.accountNumber), file: file, line: line)
  }
}
