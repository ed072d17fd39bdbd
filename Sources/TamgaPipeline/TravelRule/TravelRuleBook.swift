import TamgaModel
import TamgaRules
import TamgaStore

/// The Travel Rule records a transfers pass checks its transfers against: the messages still
/// waiting for their transfer, and every wallet ownership proof, read from the store once per
/// transfers file.
///
/// Why only unmatched messages: a message is used by one transfer, and the store marks it when
/// that transfer's file commits, so what a replay holds in memory is the messages of transfers
/// not yet seen (a day or two of them), not every message ever received.
struct TravelRuleBook {
  /// Whether the check runs at all: the configuration enables it and the store has received a
  /// Travel Rule file. Until then every covered transfer would alert, for want of any data.
  let isActive: Bool
  private var messageIDs = InternTable(capacity: 16)
  private var messages: [TravelRuleMessage] = []
  /// Which messages a transfer of this file used, by position.
  private var used: [Bool] = []
  private var wallets = InternTable(capacity: 16)
  /// Per wallet (by `wallets` id), the customers that proved control of it.
  private var proofs: [[(customer: Int32, proof: WalletOwnershipProof)]] = []

  static let inactive = TravelRuleBook(isActive: false)

  private init(isActive: Bool) { self.isActive = isActive }

  /// The store's records, with proofs bound to the customers the engine knows (a proof for a
  /// customer not yet onboarded binds once its customers file is replayed).
  init(store: CaseStore, customers: CustomerBook, policy: TravelRulePolicy) throws {
    guard policy.check.isEnabled, try store.hasTravelRuleRecords() else {
      self.init(isActive: false)
      return
    }
    self.init(isActive: true)
    for message in try store.unmatchedTravelRuleMessages() {
      let id = Int(messageIDs.intern(message.transferID))
      if id == messages.count { messages.append(message) } else { messages[id] = message }
    }
    used = Array(repeating: false, count: messages.count)
    for proof in try store.walletOwnershipProofs() {
      guard let customer = customers.customer(proof.customerID) else { continue }
      let id = Int(wallets.intern(proof.addressKey))
      if id == proofs.count { proofs.append([]) }
      proofs[id].append((customer, proof))
    }
  }

  /// What the firm holds for a covered transfer.
  ///
  /// - Parameters:
  ///   - transferID: the row's transfer id bytes, or its unescaped text when the file quoted it.
  ///   - counterpartyKey: the counterparty address by its matching key; empty when none.
  /// - Complexity: one hash lookup; allocates only to return a message or proof it found.
  mutating func evidence(
    for event: TransferEvent, transferID: UnsafeBufferPointer<UInt8>, escapedTransferID: String?,
    counterpartyKey: UnsafeBufferPointer<UInt8>
  ) -> TravelRuleEvidence {
    guard event.namesCounterpartyVASP else { return ownership(of: counterpartyKey, customer: event.customer, at: event.timestamp) }
    let id = escapedTransferID.map { messageIDs.id(of: $0) } ?? messageIDs.id(of: transferID.span)
    guard let id else { return .noMessage }
    used[Int(id)] = true
    let message = messages[Int(id)]
    // A deposit comes from the originator's account, a withdrawal goes to the beneficiary's. A
    // message without accounts on that side already has that problem; nothing to compare.
    let accounts = event.kind == .deposit ? message.originatorAccounts : message.beneficiaryAccounts
    guard !counterpartyKey.isEmpty, !accounts.isEmpty else { return .message(message, accountMatches: nil) }
    let matches = accounts.contains { $0.utf8.elementsEqual(counterpartyKey) }
    return .message(message, accountMatches: matches)
  }

  private func ownership(of key: UnsafeBufferPointer<UInt8>, customer: Int32, at time: Timestamp) -> TravelRuleEvidence {
    guard !key.isEmpty, let id = wallets.id(of: key.span) else { return .noOwnershipProof(provedLater: nil) }
    var later: WalletOwnershipProof?
    for (owner, proof) in proofs[Int(id)] where owner == customer {
      if proof.verifiedAt <= time { return .ownershipProof(proof) }
      later = proof
    }
    return .noOwnershipProof(provedLater: later)
  }

  /// The transfer ids whose messages this file used, for the store to mark.
  var usedTransferIDs: [String] {
    used.indices.filter { used[$0] }.map { messages[$0].transferID }
  }
}
