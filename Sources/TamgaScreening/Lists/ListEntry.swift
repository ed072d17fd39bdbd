// The shared shape of every sanctions / PEP list Tamga reads. Each loader (OFAC legacy CSV,
// Tamga's own list CSV, UN XML) maps its source onto these plain values, so that screening
// never needs to know where an entry came from.

/// What kind of party a list entry designates.
///
/// Screening treats people and organisations differently (dates of birth only make sense for
/// people, vessels are matched on names and IMO numbers), so the kind is kept as given.
public enum ListEntryKind: String, Sendable, Hashable, CaseIterable, Codable {
  case person
  case entity
  case vessel
  case aircraft
  /// The source did not say, or said something Tamga does not recognise.
  case unknown
}

/// How much an alias can be trusted as an identifier of the listed party.
///
/// Lists flag some aliases as "weak" or "low quality" (short nicknames, common words); a hit on a
/// weak alias alone should not raise the same alert as a hit on the primary name.
public enum AliasQuality: String, Sendable, Hashable, Codable {
  case strong
  case weak
}

/// How an alias relates to the listed party in time.
///
/// A former name ("f.k.a.") or a new name ("n.k.a.") is still the same party, but an analyst
/// reviewing a hit wants to see which one matched.
public enum AliasRelation: String, Sendable, Hashable, Codable {
  case alsoKnownAs
  case formerlyKnownAs
  case nowKnownAs
}

/// One alternative name of a listed party.
///
/// Kept with its quality and relation because both change how much weight a name match deserves.
public struct ListAlias: Sendable, Hashable, Codable {
  public var name: String
  public var quality: AliasQuality
  public var relation: AliasRelation

  public init(name: String, quality: AliasQuality = .strong, relation: AliasRelation = .alsoKnownAs) {
    self.name = name
    self.quality = quality
    self.relation = relation
  }
}

/// A date of birth as precise as the list gives it.
///
/// Lists rarely give a full date: many give a year, "circa" a year, or a range of years. Keeping
/// the precision lets screening compare a customer's date of birth fairly instead of inventing
/// 1 January.
public enum BirthDate: Sendable, Hashable, Codable {
  /// A full calendar date.
  case exact(year: Int, month: Int, day: Int)
  /// Only a month and year ("DOB Jul 1963").
  case yearMonth(year: Int, month: Int)
  /// Only a year ("DOB 1970").
  case year(Int)
  /// A range of years, both ends included ("DOB 1965 to 1968").
  case range(from: Int, to: Int)
  /// An approximate year ("DOB circa 1970").
  case approximate(year: Int)

  /// Whether a known birth year is compatible with this date, allowing `tolerance` years
  /// around approximate dates.
  ///
  /// Screening uses this to keep or discount a name hit when the customer's year of birth is known.
  public func admits(year other: Int, tolerance: Int = 2) -> Bool {
    switch self {
    case .exact(let year, _, _), .yearMonth(let year, _), .year(let year):
      return year == other
    case .range(let from, let to):
      return from <= other && other <= to
    case .approximate(let year):
      return abs(year - other) <= tolerance
    }
  }
}

/// One designated party on a list, in Tamga's own terms.
///
/// Every loader produces these, so screening, reporting and storage handle OFAC, UN and Tamga
/// lists alike. Values are copied as given by the list (upper-case OFAC names stay upper-case):
/// name preparation belongs to the matcher, not the loader.
public struct ListEntry: Sendable, Hashable, Codable {
  /// The list this entry comes from, e.g. "ofac-sdn", "ofac-consolidated", "un-consolidated".
  public var list: String
  /// The list's own identifier (OFAC ent_num, UN reference number, Tamga entry_id).
  public var id: String
  public var kind: ListEntryKind
  public var primaryName: String
  public var aliases: [ListAlias]
  public var birthDates: [BirthDate]
  /// Nationalities, citizenships and address countries, as the list spells them, without duplicates.
  public var countries: [String]
  /// Sanctions programmes, e.g. "SDGT", "CYBER2".
  public var programs: [String]
  public var walletAddresses: [WalletAddress]
  /// The list's free-text remarks, joined with any continuation, for the analyst to read.
  public var remarks: String?
  /// The listing date as ISO "YYYY-MM-DD" when the source gives one.
  public var listedOn: String?

  public init(
    list: String, id: String, kind: ListEntryKind, primaryName: String,
    aliases: [ListAlias] = [], birthDates: [BirthDate] = [], countries: [String] = [],
    programs: [String] = [], walletAddresses: [WalletAddress] = [], remarks: String? = nil,
    listedOn: String? = nil
  ) {
    self.list = list
    self.id = id
    self.kind = kind
    self.primaryName = primaryName
    self.aliases = aliases
    self.birthDates = birthDates
    self.countries = countries
    self.programs = programs
    self.walletAddresses = walletAddresses
    self.remarks = remarks
    self.listedOn = listedOn
  }
}

/// A source row a loader refused, with where it was and why.
///
/// Lists arrive damaged (truncated downloads, wrong files, stray bytes); a loader must never crash
/// or invent a party from a bad row, and the analyst must be able to see what was skipped. The
/// reason names the field, never its value: list rows hold personal data (names, dates of birth,
/// wallets) that must not leak into logs.
public struct ListRejection: Sendable, Hashable, CustomStringConvertible {
  /// The file name (last path component) the row came from.
  public var file: String
  /// The 1-based line on which the rejected record starts (0 when the problem is file-wide).
  public var line: Int
  /// The 1-based field (CSV column) at fault, nil when the whole row is wrong (e.g. field count).
  public var column: Int?
  public var reason: String

  public init(file: String, line: Int, column: Int? = nil, reason: String) {
    self.file = file
    self.line = line
    self.column = column
    self.reason = reason
  }

  public var description: String {
    "\(file):\(line)\(column.map { ":\($0)" } ?? ""): \(reason)"
  }
}

/// The result of loading one list: the entries, the rows refused, and the files read.
///
/// Returned together so that a load is never reported as clean when rows were skipped.
public struct ListLoad: Sendable {
  public var entries: [ListEntry]
  public var rejections: [ListRejection]
  /// Paths of the files read, for the audit trail.
  public var sourceFiles: [String]

  public init(entries: [ListEntry], rejections: [ListRejection], sourceFiles: [String]) {
    self.entries = entries
    self.rejections = rejections
    self.sourceFiles = sourceFiles
  }
}

/// Why a whole list file could not be loaded.
///
/// Distinct from a `ListRejection`: these stop the load, because continuing would silently screen
/// against an incomplete list.
public enum ListLoadError: Swift.Error, Sendable, Hashable, CustomStringConvertible {
  case fileMissing(path: String)
  case fileUnreadable(path: String, reason: String)
  case headerInvalid(file: String, reason: String)
  case documentInvalid(file: String, reason: String)

  public var description: String {
    switch self {
    case .fileMissing(let path): "list file missing: \(path)"
    case .fileUnreadable(let path, let reason): "list file unreadable: \(path): \(reason)"
    case .headerInvalid(let file, let reason): "list header invalid in \(file): \(reason)"
    case .documentInvalid(let file, let reason): "list document invalid in \(file): \(reason)"
    }
  }
}
