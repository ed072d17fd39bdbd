import Foundation
import TamgaIngest
import TamgaModel
import TamgaScreening
import TamgaStore

/// Screens a customer record against the lists: every name (full name and aliases) through the
/// name index, every declared wallet through the address book.
///
/// Runs at each onboarding or KYC-refresh record of a customers file, and over the whole
/// customer base when a list load changes entries.
///
/// An alert's id is the rule, the customer, the entry with its fingerprint, and the occasion
/// (the customer record's `recorded_at`, or the list snapshot that changed the entry): replaying
/// the same files finds the alert already stored, while a KYC refresh that still matches an
/// entry raises it again, because the hit is still open. A name match an analyst cleared stays
/// quiet on every later occasion until the entry's fingerprint changes. A declared wallet on a
/// list is never cleared that way: the address is the party's, whatever the name says.
struct CustomerScreener {
  let lists: ScreeningLists
  let configuration: ScreeningConfiguration
  /// Cleared pairs: "customer \u{1F} list:id" → the entry fingerprint when cleared.
  let clearances: [String: String]

  init(lists: ScreeningLists, configuration: ScreeningConfiguration, clearances: [ScreeningClearance]) {
    self.lists = lists
    self.configuration = configuration
    var cleared: [String: String] = [:]
    for clearance in clearances {
      cleared[Self.pairKey(clearance.customerID, "\(clearance.list):\(clearance.entryID)")] = clearance.fingerprint
    }
    self.clearances = cleared
  }

  static func pairKey(_ customerID: String, _ reference: String) -> String { customerID + "\u{1F}" + reference }

  var isActive: Bool { configuration.isEnabled && !lists.isEmpty }

  /// The alerts for `record`, screened at `eventAt` on `occasion` ("record <ms>" or "snapshot
  /// <id>"), in a fixed order: name hits best first, then wallet hits in the record's order.
  func alerts(for record: CustomerRecord, at eventAt: Timestamp, occasion: String) -> [Alert] {
    guard isActive else { return [] }
    var alerts: [Alert] = []
    for hit in nameHits(for: record) {
      let position = hit.match.entryIndex
      guard !isCleared(record.customerID, position) else { continue }
      alerts.append(
        ScreeningAlert.nameMatch(
          hit, customerID: record.customerID, at: eventAt, occasion: occasion, lists: lists, configuration: configuration))
    }
    for wallet in record.wallets {
      for listed in lists.addresses.hits(address: wallet.address, chain: wallet.chain) {
        guard let position = lists.position(of: listed.entryReference),
          lists.source(ofEntry: position).purpose.screensCustomers
        else { continue }
        alerts.append(
          ScreeningAlert.customerWallet(
            wallet, listed: listed, customerID: record.customerID, at: eventAt, occasion: occasion,
            source: lists.source(ofEntry: position),
            fingerprint: lists.fingerprint(ofEntry: position)))
      }
    }
    return alerts
  }

  /// The alerts of each record of a run, in the run's order, screened by two workers taking
  /// alternate records; `moment` gives each record's event time and occasion.
  ///
  /// Why two workers: screening a name costs far more than storing a record, and the two
  /// cores would otherwise take turns.
  func alerts(
    forRun records: [CustomerRecord], moment: @Sendable (CustomerRecord) -> (Timestamp, String)
  ) -> [[Alert]] {
    guard isActive else { return Array(repeating: [], count: records.count) }
    let results = RunResults(count: records.count)
    DispatchQueue.concurrentPerform(iterations: 2) { worker in
      for index in stride(from: worker, to: records.count, by: 2) {
        let (eventAt, occasion) = moment(records[index])
        results.store(alerts(for: records[index], at: eventAt, occasion: occasion), at: index)
      }
    }
    return results.collected()
  }

  /// A name of the customer and the best match an entry had against any of them.
  struct NameHit {
    var screenedName: String
    var screenedAs: String
    var match: PotentialMatch
  }

  static let personKinds: Set<ListEntryKind> = [.person, .unknown]
  static let organisationKinds: Set<ListEntryKind> = [.entity, .vessel, .aircraft, .unknown]

  /// The best match per entry over the customer's names, best first (ties: list order).
  ///
  /// A natural person is screened against listed persons, a legal person against entities,
  /// vessels and aircraft (entries of unknown kind against both): a customer who shares words
  /// with a listed company's name is not that company.
  func nameHits(for record: CustomerRecord) -> [NameHit] {
    guard let index = lists.names else { return [] }
    let birthDate = record.dateOfBirth.map { BirthDate.exact(year: $0.year, month: $0.month, day: $0.day) }
    let country = record.nationality.isEmpty ? nil : record.nationality
    let kinds = record.personType == .individual ? Self.personKinds : Self.organisationKinds
    var best: [Int: NameHit] = [:]
    let names = [(record.fullName, "full_name")] + record.aliases.map { ($0, "alias") }
    for (name, role) in names where !name.isEmpty {
      // More than kept, so that entries of the other kind do not crowd out those of this one.
      let matches = index.search(
        name, dateOfBirth: record.personType == .individual ? birthDate : nil, country: country,
        threshold: configuration.nameThreshold, limit: 4 * configuration.hitsPerName
      ).filter { kinds.contains($0.kind) }
      for match in matches {
        if let kept = best[match.entryIndex], kept.match.score >= match.score { continue }
        best[match.entryIndex] = NameHit(screenedName: name, screenedAs: role, match: match)
      }
    }
    return best.values.sorted {
      $0.match.score != $1.match.score ? $0.match.score > $1.match.score : $0.match.entryIndex < $1.match.entryIndex
    }.prefix(configuration.hitsPerName).map { $0 }
  }

  func isCleared(_ customerID: String, _ position: Int) -> Bool {
    guard let fingerprint = clearances[Self.pairKey(customerID, lists.entries[position].reference)] else { return false }
    return fingerprint == lists.fingerprint(ofEntry: position)
  }
}

/// One slot per record of a run, each written by exactly one worker; read after both finished.
private final class RunResults: @unchecked Sendable {  // disjoint slots, joined before reading
  private let slots: UnsafeMutableBufferPointer<[Alert]>

  init(count: Int) {
    slots = .allocate(capacity: count)
    slots.initialize(repeating: [])
  }

  deinit {
    slots.deinitialize()
    slots.deallocate()
  }

  func store(_ alerts: [Alert], at index: Int) { slots[index] = alerts }
  func collected() -> [[Alert]] { Array(slots) }
}

/// The alerts screening raises, each with the values that made it fire.
enum ScreeningAlert {
  static func ruleID(_ purpose: ListPurpose, _ what: String) -> RuleID { RuleID("screening.\(purpose.rawValue).\(what)") }

  /// A customer's name is close to a listed name.
  static func nameMatch(
    _ hit: CustomerScreener.NameHit, customerID: String, at eventAt: Timestamp, occasion: String,
    lists: ScreeningLists, configuration: ScreeningConfiguration
  ) -> Alert {
    let match = hit.match
    let source = lists.source(ofEntry: match.entryIndex)
    let fingerprint = lists.fingerprint(ofEntry: match.entryIndex)
    let entry = lists.entries[match.entryIndex]
    let rule = ruleID(source.purpose, "name-match")
    var explanation = Explanation()
    explanation.append("screened_name", .text(hit.screenedName))
    explanation.append("screened_as", .text(hit.screenedAs))
    explanation.append("list", .text(entry.list))
    explanation.append("entry_id", .text(entry.id))
    explanation.append("entry_kind", .text(entry.kind.rawValue))
    explanation.append("entry_name", .text(entry.primaryName))
    explanation.append("matched_name", .text(match.matchedName))
    explanation.append("matched_name_source", .text(match.matchedNameSource.description))
    explanation.append("programs", .list(entry.programs.map { .text($0) }))
    explanation.append("score", .text(ScoreText.format(match.score)))
    explanation.append("name_score", .text(ScoreText.format(match.nameScore)))
    explanation.append("threshold", .text(configuration.nameThresholdText))
    explanation.append("date_of_birth", .text(match.dateOfBirth.rawValue))
    explanation.append("country", .text(match.country.rawValue))
    // Which Latin spellings met: "as written" unless a side was transliterated from Cyrillic.
    explanation.append("customer_spelling", .text(match.nameMatch.queryVariant.scheme?.rawValue ?? "as written"))
    explanation.append("list_spelling", .text(match.nameMatch.candidateVariant.scheme?.rawValue ?? "as written"))
    explanation.append(
      "word_pairs",
      .list(
        match.nameMatch.pairings.map { pairing in
          .object(
            Explanation([
              "customer": .text(pairing.queryToken), "list": .text(pairing.candidateToken ?? ""),
              "similarity": .text(ScoreText.format(pairing.similarity)),
            ]))
        }))
    explanation.append("unpaired_list_words", .list(match.nameMatch.unpairedCandidateTokens.map { .text($0) }))
    appendSnapshot(source, fingerprint: fingerprint, to: &explanation)
    return Alert(
      id: Alert.stableID(rule: rule, subject: customerID, trigger: "\(entry.reference)@\(fingerprint)@\(occasion)"),
      ruleID: rule, severity: source.purpose.nameMatchSeverity, customerID: customerID, eventAt: eventAt,
      summary: "\(hit.screenedAs == "alias" ? "alias" : "name") \"\(hit.screenedName)\" may be \(entry.list) \(entry.id) "
        + "\"\(entry.primaryName)\" (score \(ScoreText.format(match.score)), date of birth \(match.dateOfBirth.rawValue))",
      explanation: explanation)
  }

  /// A wallet the customer declared is on a list.
  static func customerWallet(
    _ wallet: Wallet, listed: ListedAddress, customerID: String, at eventAt: Timestamp, occasion: String,
    source: ScreeningLists.Source, fingerprint: String
  ) -> Alert {
    let rule = ruleID(source.purpose, "customer-wallet")
    var explanation = Explanation()
    explanation.append("wallet_chain", .text(wallet.chain))
    explanation.append("wallet_address", .text(wallet.address))
    appendListed(listed, to: &explanation)
    appendSnapshot(source, fingerprint: fingerprint, to: &explanation)
    return Alert(
      id: Alert.stableID(
        rule: rule, subject: customerID,
        trigger: "\(wallet.chain):\(wallet.address)@\(listed.entryReference)@\(fingerprint)@\(occasion)"),
      ruleID: rule, severity: source.purpose.addressSeverity, customerID: customerID, eventAt: eventAt,
      summary: "declared wallet \(wallet.address) is listed by \(listed.list) \(listed.entryID) \"\(listed.entryName)\"",
      explanation: explanation)
  }

  /// A transfer's counterparty address is on a list.
  static func counterpartyAddress(
    _ address: String, chain: String, fields: TransferFields, listed: ListedAddress, customerID: String,
    transferID: String, source: ScreeningLists.Source, fingerprint: String
  ) -> Alert {
    let rule = ruleID(source.purpose, "counterparty-address")
    var explanation = Explanation()
    appendTransfer(transferID, fields: fields, counterparty: address, chain: chain, to: &explanation)
    appendListed(listed, to: &explanation)
    appendSnapshot(source, fingerprint: fingerprint, to: &explanation)
    let direction = fields.kind == .withdrawal ? "to" : fields.kind == .deposit ? "from" : "with"
    return Alert(
      id: Alert.stableID(rule: rule, subject: customerID, trigger: "\(transferID)@\(listed.entryReference)"),
      ruleID: rule, severity: source.purpose.addressSeverity, customerID: customerID, eventAt: fields.timestamp,
      summary: "\(fields.kind.name) \(direction) \(address), listed by \(listed.list) \(listed.entryID) \"\(listed.entryName)\"",
      explanation: explanation)
  }

  /// The transfer an address alert is about: id, time, kind, the counterparty as the row wrote
  /// it, the chain and the USD value.
  static func appendTransfer(
    _ transferID: String, fields: TransferFields, counterparty address: String, chain: String,
    to explanation: inout Explanation
  ) {
    explanation.append("transfer_id", .text(transferID))
    explanation.append("transfer_at", .time(fields.timestamp))
    explanation.append("kind", .text(fields.kind.name))
    explanation.append("counterparty_address", .text(address))
    explanation.append("chain", .text(chain))
    if let usd = fields.usdValue { explanation.append("usd_value", .usd(usd)) }
  }

  static func appendListed(_ listed: ListedAddress, to explanation: inout Explanation) {
    explanation.append("listed_address", .text(listed.address.original))
    explanation.append("listed_chain", .text(listed.address.chain))
    explanation.append("list", .text(listed.list))
    explanation.append("entry_id", .text(listed.entryID))
    explanation.append("entry_name", .text(listed.entryName))
    explanation.append("programs", .list(listed.programs.map { .text($0) }))
  }

  static func appendSnapshot(_ source: ScreeningLists.Source, fingerprint: String, to explanation: inout Explanation) {
    explanation.append("list_snapshot", .integer(source.snapshotID))
    explanation.append("list_snapshot_name", .text(source.name))
    explanation.append("list_snapshot_sha256", .text(source.sha256))
    explanation.append("entry_fingerprint", .text(fingerprint))
  }
}
