/// Where a reference list came from: the regulator's or standard-setter's publication, its date,
/// and the file it was read from. Every regulatory alert carries it, so an examiner can see which
/// edition of a list made it fire.
public struct ReferenceSource: Sendable, Hashable {
  /// The file read (`built-in:fatf-jurisdictions.csv` for the copy shipped in the binary).
  public var file: String
  /// The publication's date, as its rows state it (`YYYY-MM-DD`).
  public var publishedOn: String
  /// The publication: a URL or a description of who issued it.
  public var source: String

  public init(file: String, publishedOn: String, source: String) {
    self.file = file
    self.publishedOn = publishedOn
    self.source = source
  }

  /// No list: the check that needs it stays silent.
  public static let none = ReferenceSource(file: "", publishedOn: "", source: "")
}

/// FATF's two public statements on high-risk and other monitored jurisdictions.
public enum FATFListing: String, Sendable, CaseIterable, Hashable {
  /// "High-risk jurisdictions subject to a call for action" (the black list).
  case callForAction = "call_for_action"
  /// "Jurisdictions under increased monitoring" (the grey list).
  case increasedMonitoring = "increased_monitoring"

  /// The listing's name as FATF words it, for explanations.
  public var title: String {
    switch self {
    case .callForAction: "high-risk jurisdiction subject to a call for action"
    case .increasedMonitoring: "jurisdiction under increased monitoring"
    }
  }
}

/// What the reference lists say about one asset ticker.
public struct AssetProfile: OptionSet, Sendable, Hashable {
  public var rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// The asset is on the approved-asset list.
  public static let approved = AssetProfile(rawValue: 1 << 0)
  /// The asset is an anonymity-enhanced ("privacy") asset.
  public static let privacy = AssetProfile(rawValue: 1 << 1)
  /// An approved-asset list is loaded at all: without one, nothing can be outside it.
  public static let approvalKnown = AssetProfile(rawValue: 1 << 2)
}

/// A counterparty VASP as the firm's directory of counterparties knows it.
public struct CounterpartyVASP: Sendable, Hashable {
  /// Where the directory says a VASP stands.
  public enum Standing: String, Sendable, CaseIterable, Hashable {
    /// Licensed or registered where it operates.
    case licensed
    /// Named on a regulator's warning list of unlicensed platforms.
    case warningList = "warning_list"
    /// Known, with no licence confirmed.
    case unverified
  }

  /// The name as the directory writes it.
  public var name: String
  /// ISO 3166 alpha-2 of its home jurisdiction, upper case; empty when unknown.
  public var country: String
  public var standing: Standing
  /// The warning or licence the standing rests on (a URL, a register number).
  public var reference: String

  public init(name: String, country: String, standing: Standing, reference: String) {
    self.name = name
    self.country = country
    self.standing = standing
    self.reference = reference
  }

  /// The key two spellings of one VASP's name share: ASCII letters and digits, lower-cased, the
  /// rest dropped (`"ATAIX Eurasia"`, `"ataix-eurasia"` and `"ATAIX  EURASIA"` are one VASP).
  public static func matchingKey<Bytes: Collection<UInt8>>(_ name: Bytes) -> [UInt8] {
    var key: [UInt8] = []
    key.reserveCapacity(name.count)
    for byte in name {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): key.append(byte)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): key.append(byte + 32)
      default: break
      }
    }
    return key
  }
}

/// The reference lists the regulatory packs check against: FATF's listed jurisdictions, the
/// approved-asset list, the privacy assets, the firm's directory of counterparty VASPs, and the
/// official USD/KZT rates.
///
/// Built by the screening module's loader from the files shipped in the binary or the user's own;
/// each list keeps its ``ReferenceSource``. Lookups by ticker or name happen once per distinct
/// spelling (the transfer decoder caches them by interned id), never per transfer.
public struct RegulatoryReference: Sendable, Equatable {
  /// FATF's listings by ISO 3166 alpha-2 code, upper case.
  public var jurisdictions: [String: FATFListing] = [:]
  public var jurisdictionsSource = ReferenceSource.none
  /// Approved tickers, upper case, with their names. Empty with a source of `.none`: no list.
  public var approvedAssets: [String: String] = [:]
  public var approvedAssetsSource = ReferenceSource.none
  /// Privacy tickers, upper case, with what makes each one private.
  public var privacyAssets: [String: String] = [:]
  public var privacyAssetsSource = ReferenceSource.none
  /// The counterparty VASP directory, in file order.
  public var vasps: [CounterpartyVASP] = []
  public var vaspsSource = ReferenceSource.none
  /// The official USD/KZT rates by day. Empty with a source of `.none`: no rates, and the
  /// national regime's threshold reports stay silent.
  public var tengeRates = TengeRates()
  public var tengeRatesSource = ReferenceSource.none
  /// Directory positions by ``CounterpartyVASP/matchingKey(_:)``.
  var vaspPositions: [[UInt8]: Int32] = [:]

  public init() {}

  /// No lists at all: every regulatory check stays silent.
  public static let empty = RegulatoryReference()

  /// Adds a directory entry; a later entry for the same matching key replaces the earlier one.
  public mutating func add(_ vasp: CounterpartyVASP) {
    let key = CounterpartyVASP.matchingKey(vasp.name.utf8)
    if let position = vaspPositions[key] {
      vasps[Int(position)] = vasp
    } else {
      vaspPositions[key] = Int32(vasps.count)
      vasps.append(vasp)
    }
  }

  /// Empties the VASP directory (before a replacement is read in).
  public mutating func removeVASPs() {
    vasps = []
    vaspPositions = [:]
  }

  /// What the lists say about `ticker` (case is ignored).
  public func profile(ofAsset ticker: String) -> AssetProfile {
    let upper = ticker.uppercased()
    var profile: AssetProfile = []
    if approvedAssetsSource != .none {
      profile.insert(.approvalKnown)
      if approvedAssets[upper] != nil { profile.insert(.approved) }
    }
    if privacyAssets[upper] != nil { profile.insert(.privacy) }
    return profile
  }

  /// The directory position of the VASP named `name` (any spelling with the same matching key).
  public func vasp<Bytes: Collection<UInt8>>(named name: Bytes) -> Int32? {
    vaspPositions.isEmpty ? nil : vaspPositions[CounterpartyVASP.matchingKey(name)]
  }

  /// FATF's listing of a country code, if any (case is ignored).
  public func listing(of country: String) -> FATFListing? {
    country.isEmpty ? nil : jurisdictions[country.uppercased()]
  }
}
