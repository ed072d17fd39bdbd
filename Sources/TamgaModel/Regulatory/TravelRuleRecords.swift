/// One thing the IVMS101 standard or the Travel Rule finds missing or wrong in a message: a
/// stable code, the element's path, and what to do. It never holds the personal values.
public struct TravelRuleProblem: Sendable, Hashable, Codable {
  /// `ivms101.C1` … `ivms101.C11` for the standard's constraints, `travelRule.*` for FATF
  /// Recommendation 16's completeness.
  public var code: String
  public var path: String
  public var message: String

  public init(code: String, path: String, message: String) {
    self.code = code
    self.path = path
    self.message = message
  }
}

/// The Travel Rule data exchanged with the counterparty VASP for one transfer, as the firm's
/// Travel Rule solution recorded it: the IVMS101 identity payload, and what was found missing in
/// it when it was read.
public struct TravelRuleMessage: Sendable, Hashable {
  /// The transfer (`transfer_id` of the transfers file) the message is for.
  public var transferID: String
  /// When the message was sent or received; dates of birth are judged at this time.
  public var sentAt: Timestamp
  /// The IVMS101 identity payload as JSON: personal data.
  public var payload: String
  public var problems: [TravelRuleProblem]
  /// The originator's and the beneficiary's account numbers (wallet addresses), by the address
  /// book's matching key, so a message can be checked against the transfer's counterparty.
  public var originatorAccounts: [String]
  public var beneficiaryAccounts: [String]
  /// Where it was read: the file's name and the 1-based line.
  public var file: String
  public var line: Int

  public init(
    transferID: String, sentAt: Timestamp, payload: String, problems: [TravelRuleProblem], originatorAccounts: [String],
    beneficiaryAccounts: [String], file: String, line: Int
  ) {
    self.transferID = transferID
    self.sentAt = sentAt
    self.payload = payload
    self.problems = problems
    self.originatorAccounts = originatorAccounts
    self.beneficiaryAccounts = beneficiaryAccounts
    self.file = file
    self.line = line
  }
}

/// A customer's proof that it controls a self-hosted wallet: what the Travel Rule asks of a
/// transfer to or from an unhosted wallet at or above the threshold.
public struct WalletOwnershipProof: Sendable, Hashable {
  public var customerID: String
  public var chain: String
  /// The address as given, and by the address book's matching key.
  public var address: String
  public var addressKey: String
  /// How control was shown: `signed_message`, `satoshi_test`, … as the firm records it.
  public var method: String
  /// From when the proof holds.
  public var verifiedAt: Timestamp
  public var file: String
  public var line: Int

  public init(
    customerID: String, chain: String, address: String, addressKey: String, method: String, verifiedAt: Timestamp,
    file: String, line: Int
  ) {
    self.customerID = customerID
    self.chain = chain
    self.address = address
    self.addressKey = addressKey
    self.method = method
    self.verifiedAt = verifiedAt
    self.file = file
    self.line = line
  }
}
