internal import Foundation
import TamgaModel

/// How a list entry is kept in the case store and compared between snapshots.
///
/// Why a canonical form: `tamga lists diff` and the re-screen after a list update must tell a
/// changed entry from an unchanged one, and a cleared (customer, entry) pair stays quiet only
/// while the entry is the same. Both compare the fingerprint of this one JSON form (keys sorted,
/// values in the list's order), so the same entry gives the same bytes in every snapshot.
extension ListEntry {
  /// The entry as canonical JSON (sorted keys, no whitespace).
  public var canonicalJSON: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Every field is a string, number, array or nested value of those: encoding cannot fail.
    guard let data = try? encoder.encode(self) else { preconditionFailure("a list entry always encodes") }
    return String(decoding: data, as: UTF8.self)
  }

  /// 32 hex digits of FNV-1a-128 over `canonicalJSON`: equal exactly when the entries are.
  public var fingerprint: String { Self.fingerprint(ofCanonicalJSON: canonicalJSON) }

  /// The fingerprint of an entry's canonical JSON, for callers that keep the JSON too.
  static func fingerprint(ofCanonicalJSON json: String) -> String {
    var hash = FNV1a128()
    hash.combine(json)
    return hash.hex()
  }

  /// Reads an entry back from `canonicalJSON`; nil when the text is not one.
  public init?(canonicalJSON text: String) {
    guard let entry = try? JSONDecoder().decode(ListEntry.self, from: Data(text.utf8)) else { return nil }
    self = entry
  }

  /// "list:id", the key an entry is known by across snapshots and in alerts.
  public var reference: String { "\(list):\(id)" }
}

/// A list entry with its canonical JSON and fingerprint, computed once.
///
/// Why: encoding an entry costs far more than comparing two fingerprints, and a list load both
/// stores the JSON and compares fingerprints with the previous snapshot.
public struct FingerprintedEntry: Sendable {
  public let entry: ListEntry
  public let canonicalJSON: String
  public let fingerprint: String

  public init(_ entry: ListEntry) {
    self.entry = entry
    canonicalJSON = entry.canonicalJSON
    fingerprint = ListEntry.fingerprint(ofCanonicalJSON: canonicalJSON)
  }

  /// An entry read back from the store with the fingerprint it was stored under.
  public init?(canonicalJSON: String, fingerprint: String) {
    guard let entry = ListEntry(canonicalJSON: canonicalJSON) else { return nil }
    self.entry = entry
    self.canonicalJSON = canonicalJSON
    self.fingerprint = fingerprint
  }
}

/// What changed between two snapshots of the same lists, by entry reference ("list:id").
///
/// Why by reference: OFAC and the UN keep an entry's id when they amend it (a new alias, a wallet
/// address added), so "changed" means same reference, different fingerprint.
public struct ListChanges: Sendable {
  /// Entries only the newer snapshot has, in its order.
  public var added: [FingerprintedEntry] = []
  /// Entries only the older snapshot has, in its order.
  public var removed: [FingerprintedEntry] = []
  /// Entries both have with different content: (older, newer), in the newer snapshot's order.
  public var changed: [(older: FingerprintedEntry, newer: FingerprintedEntry)] = []
  /// How many entries are the same in both.
  public var unchangedCount = 0

  /// Compares two snapshots' entries; a reference given twice in one snapshot counts once, as
  /// its last occurrence.
  public init(from older: [FingerprintedEntry], to newer: [FingerprintedEntry]) {
    var olderByReference: [String: FingerprintedEntry] = [:]
    for item in older { olderByReference[item.entry.reference] = item }
    var newerByReference: [String: Int] = [:]
    for (position, item) in newer.enumerated() { newerByReference[item.entry.reference] = position }
    for (position, item) in newer.enumerated() where newerByReference[item.entry.reference] == position {
      guard let previous = olderByReference[item.entry.reference] else {
        added.append(item)
        continue
      }
      if previous.fingerprint == item.fingerprint {
        unchangedCount += 1
      } else {
        changed.append((previous, item))
      }
    }
    var removedSeen: Set<String> = []
    for item in older where newerByReference[item.entry.reference] == nil && removedSeen.insert(item.entry.reference).inserted {
      removed.append(item)
    }
  }

  /// The entries a customer base must be screened against again: added and changed.
  public var toScreen: [FingerprintedEntry] { added + changed.map(\.newer) }

  /// The fields that differ between two versions of an entry, by their list-file names.
  public static func changedFields(_ older: ListEntry, _ newer: ListEntry) -> [String] {
    var fields: [String] = []
    if older.kind != newer.kind { fields.append("kind") }
    if older.primaryName != newer.primaryName { fields.append("name") }
    if older.aliases != newer.aliases { fields.append("aliases") }
    if older.birthDates != newer.birthDates { fields.append("date_of_birth") }
    if older.countries != newer.countries { fields.append("countries") }
    if older.programs != newer.programs { fields.append("programs") }
    if older.walletAddresses != newer.walletAddresses { fields.append("addresses") }
    if older.remarks != newer.remarks { fields.append("remarks") }
    if older.listedOn != newer.listedOn { fields.append("listed_on") }
    return fields
  }
}
