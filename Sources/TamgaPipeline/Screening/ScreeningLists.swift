public import TamgaModel
import TamgaRules
public import TamgaScreening
public import TamgaStore

/// What a hit on a list means, from the snapshot the list was loaded as.
///
/// Why it matters: a sanctions hit freezes a relationship, a PEP hit calls for enhanced due
/// diligence, a watch-list hit for a second look; the alert's rule id and severity say which.
public enum ListPurpose: String, Sendable, CaseIterable {
  case sanctions, pep, watchlist
  /// Address labels (`labels.csv`): a counterparty address carrying one is direct exposure to its
  /// categories. Labels name services and markets, not customers' namesakes: they are never
  /// screened against customers' names or declared wallets.
  case exposure

  /// Whether customers' names and declared wallets are screened against the list.
  var screensCustomers: Bool { self != .exposure }

  /// A potential name match needs a person's review: high on a sanctions list, medium on others.
  var nameMatchSeverity: Severity { self == .sanctions ? .high : .medium }
  /// An address is the party's own: severe on a sanctions list, high on others.
  var addressSeverity: Severity { self == .sanctions ? .severe : .high }
}

/// The lists screened against: the newest snapshot of each name in the store, with the name
/// index and the address book built from their entries.
///
/// Built once per replay or list load, from the store, never from the original files: what
/// was screened against is exactly what `tamga lists show` lists.
public struct ScreeningLists: Sendable {
  /// A snapshot the entries come from.
  public struct Source: Sendable, Hashable {
    public var snapshotID: Int64
    public var name: String
    public var purpose: ListPurpose
    public var sha256: String
  }

  public let sources: [Source]
  /// The entries, snapshot after snapshot in name order; `entrySources[i]` indexes `sources`.
  public let entries: [ListEntry]
  let entrySources: [Int]
  /// Each entry's fingerprint as stored (computing it again would cost a JSON encoding).
  let entryFingerprints: [String]
  /// Where each entry is, by its reference ("list:id").
  let entryPositions: [String: Int]
  /// The name index, built only when names are screened (customers files, list loads).
  public let names: ScreeningIndex?
  public let addresses: AddressBook

  /// How much of the active lists to read.
  public enum Scope: Int, Sendable, Comparable {
    /// The entries that name wallet addresses, read from their address rows (kind, aliases and
    /// the rest left out), for the address book: what a transfers file needs.
    case addresses
    /// Every entry, without the name index.
    case entries
    /// Every entry and the name index: what screening names needs.
    case names

    public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  /// What was read.
  public let scope: Scope

  /// Nothing to screen against.
  public static let none = ScreeningLists(sources: [], entries: [], entrySources: [], fingerprints: [], scope: .names)

  init(sources: [Source], entries: [ListEntry], entrySources: [Int], fingerprints: [String], scope: Scope) {
    // The entries screened against customers first, labels after: the name index is built from
    // the first part alone, so its entry positions are positions here too.
    let order = entries.indices.filter { sources[entrySources[$0]].purpose.screensCustomers }
      + entries.indices.filter { !sources[entrySources[$0]].purpose.screensCustomers }
    let screenedCount = order.prefix { sources[entrySources[$0]].purpose.screensCustomers }.count
    self.scope = scope
    self.sources = sources
    self.entries = order.map { entries[$0] }
    self.entrySources = order.map { entrySources[$0] }
    self.entryFingerprints = order.map { fingerprints[$0] }
    var positions: [String: Int] = [:]
    for (position, entry) in self.entries.enumerated() { positions[entry.reference] = position }
    entryPositions = positions
    names = scope == .names && screenedCount > 0 ? ScreeningIndex(entries: Array(self.entries.prefix(screenedCount))) : nil
    addresses = AddressBook(entries: self.entries, fingerprints: self.entryFingerprints)
    var labels = [UInt16](repeating: 0, count: addresses.count)
    for id in labels.indices {
      for listed in addresses.hits(Int32(id)) {
        guard let position = entryPositions[listed.entryReference], sources[self.entrySources[position]].purpose == .exposure
        else { continue }
        for category in listed.programs.compactMap(ExposureCategory.init(rawValue:)) { labels[id] |= category.bit }
      }
    }
    exposureLabelsByAddress = labels
  }

  /// The label categories (`ExposureCategory.bit`) of each address book id, from the labels
  /// snapshots: what a transfer with that counterparty carries into the exposure graph.
  let exposureLabelsByAddress: [UInt16]

  /// The label categories of the address book's id `listed` (0 when no labels snapshot names it).
  @inline(__always)
  func exposureLabels(ofListedAddress listed: Int32) -> UInt16 { exposureLabelsByAddress[Int(listed)] }

  /// Whether transfers and chain edges move value through `engine`'s exposure graph: only with
  /// exposure on and a labels snapshot active. With no labels nothing can be tainted, so
  /// exposure counts value from the first labels snapshot on, and a store without labels pays
  /// nothing for it.
  func feedsExposure(of engine: Engine) -> Bool {
    engine.exposure.policy.isEnabled && sources.contains { $0.purpose == .exposure }
  }

  /// No entry was read (no list is loaded, or, for `.addresses`, none names an address).
  public var isEmpty: Bool { entries.isEmpty }

  /// The active snapshots of `store`, read as far as `scope` asks: decoding every entry and
  /// building the name index costs a second for the largest lists, which a transfers file,
  /// needing only the few entries with addresses, should not pay.
  public static func active(in store: CaseStore, scope: Scope) throws -> ScreeningLists {
    var sources: [Source] = []
    var entries: [ListEntry] = []
    var entrySources: [Int] = []
    var fingerprints: [String] = []
    for snapshot in try store.activeListSnapshots() {
      let source = Source(
        snapshotID: snapshot.id, name: snapshot.name, purpose: ListPurpose(rawValue: snapshot.purpose) ?? .sanctions,
        sha256: snapshot.sha256)
      sources.append(source)
      if scope == .addresses {
        // Only what an address alert names, from the address rows: no entry is decoded.
        for row in try store.listAddresses(snapshot: snapshot.id) {
          entries.append(
            ListEntry(
              list: row.list, id: row.entryID, kind: .unknown, primaryName: row.entryName, programs: row.programs,
              walletAddresses: row.addresses.map {
                WalletAddress(chain: $0.chain, asset: $0.asset, original: $0.original, normalized: $0.normalized)
              }))
          entrySources.append(sources.count - 1)
          fingerprints.append(row.fingerprint)
        }
        continue
      }
      for stored in try store.listEntries(snapshot: snapshot.id) {
        guard let entry = ListEntry(canonicalJSON: stored.body) else {
          throw StoreError(.incompatible, "list snapshot \(snapshot.id) holds an entry that cannot be read: \(stored.list):\(stored.entryID)")
        }
        entries.append(entry)
        entrySources.append(sources.count - 1)
        fingerprints.append(stored.fingerprint)
      }
    }
    return ScreeningLists(
      sources: sources, entries: entries, entrySources: entrySources, fingerprints: fingerprints, scope: scope)
  }

  /// Just `entries` of one snapshot: what a list load screens the customer base against again.
  static func changed(_ entries: [FingerprintedEntry], source: Source) -> ScreeningLists {
    ScreeningLists(
      sources: [source], entries: entries.map(\.entry), entrySources: Array(repeating: 0, count: entries.count),
      fingerprints: entries.map(\.fingerprint), scope: .names)
  }

  /// A clearance of `customerID` against the active entry `reference` ("list:id"), bound to the
  /// entry as it is now (its fingerprint), with the entry; nil when no active snapshot holds it.
  public func clearance(
    of customerID: String, against reference: String, analyst: String, reason: String, at clearedAt: Timestamp
  ) -> (clearance: ScreeningClearance, entry: ListEntry)? {
    guard let position = position(of: reference) else { return nil }
    let entry = entries[position]
    return (
      ScreeningClearance(
        customerID: customerID, list: entry.list, entryID: entry.id, fingerprint: fingerprint(ofEntry: position),
        analyst: analyst, reason: reason, clearedAt: clearedAt),
      entry
    )
  }

  /// The snapshot entry `position` (an index into `entries`) comes from.
  public func source(ofEntry position: Int) -> Source { sources[entrySources[position]] }
  /// The fingerprint entry `position` was stored under.
  public func fingerprint(ofEntry position: Int) -> String { entryFingerprints[position] }
  /// Where the entry "list:id" is in `entries`.
  public func position(of reference: String) -> Int? { entryPositions[reference] }
}
