internal import Foundation
public import TamgaModel

/// The reference lists the regulatory packs check against, each a small CSV file that opens with
/// its provenance:
///
/// ```
/// # published_on: 2025-06-13
/// # source: FATF, "High-Risk Jurisdictions subject to a Call for Action" …
/// country,listing,name
/// KP,call_for_action,Democratic People's Republic of Korea
/// ```
///
/// A copy of each ships inside the binary (`Sources/TamgaScreening/Reference/`); the
/// configuration can name the user's own file instead. Unlike sanctions lists, a reference file
/// with one bad row is refused whole: a dropped row would silently take a country or an asset
/// off a regulator's list.
public enum ReferenceList: String, Sendable, CaseIterable {
  case fatfJurisdictions = "fatf_jurisdictions"
  case approvedAssets = "approved_assets"
  case privacyAssets = "privacy_assets"
  case counterpartyVASPs = "counterparty_vasps"
  case usdKZTRates = "usd_kzt_rates"

  /// The shipped file's name.
  public var builtInFile: String {
    switch self {
    case .fatfJurisdictions: "fatf-jurisdictions.csv"
    case .approvedAssets: "approved-assets.csv"
    case .privacyAssets: "privacy-assets.csv"
    case .counterpartyVASPs: "counterparty-vasps.csv"
    case .usdKZTRates: "usd-kzt-rates.csv"
    }
  }

  /// The columns a file must have, in any order (others are ignored).
  public var columns: [String] {
    switch self {
    case .fatfJurisdictions: ["country", "listing"]
    case .approvedAssets: ["asset"]
    case .privacyAssets: ["asset", "privacy_feature"]
    case .counterpartyVASPs: ["vasp", "country", "standing"]
    case .usdKZTRates: ["date", "kzt_per_usd"]
    }
  }

  var builtInBytes: [UInt8] {
    switch self {
    case .fatfJurisdictions: PackageResources.fatf_jurisdictions_csv
    case .approvedAssets: PackageResources.approved_assets_csv
    case .privacyAssets: PackageResources.privacy_assets_csv
    case .counterpartyVASPs: PackageResources.counterparty_vasps_csv
    case .usdKZTRates: PackageResources.usd_kzt_rates_csv
    }
  }

  /// The provenance of the list in `reference`.
  public func source(in reference: RegulatoryReference) -> ReferenceSource {
    switch self {
    case .fatfJurisdictions: reference.jurisdictionsSource
    case .approvedAssets: reference.approvedAssetsSource
    case .privacyAssets: reference.privacyAssetsSource
    case .counterpartyVASPs: reference.vaspsSource
    case .usdKZTRates: reference.tengeRatesSource
    }
  }

  /// How many entries the list in `reference` holds.
  public func count(in reference: RegulatoryReference) -> Int {
    switch self {
    case .fatfJurisdictions: reference.jurisdictions.count
    case .approvedAssets: reference.approvedAssets.count
    case .privacyAssets: reference.privacyAssets.count
    case .counterpartyVASPs: reference.vasps.count
    case .usdKZTRates: reference.tengeRates.count
    }
  }
}

extension RegulatoryReference {
  /// Every list as shipped in the binary.
  public static let builtIn: RegulatoryReference = {
    var reference = RegulatoryReference()
    for list in ReferenceList.allCases {
      do {
        try reference.read(list, bytes: list.builtInBytes, file: "built-in:\(list.builtInFile)")
      } catch {
        preconditionFailure("the shipped \(list.builtInFile) does not load: \(error)")
      }
    }
    return reference
  }()

  /// Replaces one list with the file at `path`.
  /// - Throws: ``ListLoadError`` naming the file, the line and what is wrong.
  public mutating func load(_ list: ReferenceList, path: String) throws(ListLoadError) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw FileManager.default.fileExists(atPath: path)
        ? .fileUnreadable(path: path, reason: "cannot be read") : .fileMissing(path: path)
    }
    try read(list, bytes: Array(data), file: path)
  }

  /// Replaces one list with `bytes`, read as `file`; on an error the lists stay as they were.
  public mutating func read(_ list: ReferenceList, bytes: [UInt8], file: String) throws(ListLoadError) {
    var replaced = self
    try replaced.replace(list, bytes: bytes, file: file)
    self = replaced
  }

  private mutating func replace(_ list: ReferenceList, bytes: [UInt8], file: String) throws(ListLoadError) {
    let (provenance, body, bodyLine) = try Self.provenance(of: bytes, file: file)
    let records = ListCSVReader.parse(body).filter { !ListCSVReader.isBlank($0) }
    guard let header = records.first else { throw .headerInvalid(file: file, reason: "no header row after the provenance lines") }
    var position: [String: Int] = [:]
    for (index, name) in header.fields.enumerated() {
      position[name.trimmingCharacters(in: .whitespaces).lowercased()] = index
    }
    if let missing = list.columns.first(where: { position[$0] == nil }) {
      throw .headerInvalid(file: file, reason: "no \(missing) column (\(list.rawValue) needs \(list.columns.joined(separator: ", ")))")
    }
    let source = ReferenceSource(file: file, publishedOn: provenance.publishedOn, source: provenance.source)
    switch list {
    case .fatfJurisdictions:
      jurisdictions = [:]
      jurisdictionsSource = source
    case .approvedAssets:
      approvedAssets = [:]
      approvedAssetsSource = source
    case .privacyAssets:
      privacyAssets = [:]
      privacyAssetsSource = source
    case .counterpartyVASPs:
      removeVASPs()
      vaspsSource = source
    case .usdKZTRates:
      tengeRatesSource = source
    }
    var rates: [Int64: Int64] = [:]
    for record in records.dropFirst() {
      let line = bodyLine + record.line - 1
      func field(_ name: String) -> String {
        guard let index = position[name], index < record.fields.count else { return "" }
        return record.fields[index].trimmingCharacters(in: .whitespaces)
      }
      func invalid(_ reason: String) -> ListLoadError { .documentInvalid(file: file, reason: "line \(line): \(reason)") }
      if record.unterminatedQuote { throw invalid("a quoted field is not closed") }
      switch list {
      case .fatfJurisdictions:
        let country = try Self.country(field("country"), column: "country", invalid)
        guard let listing = FATFListing(rawValue: field("listing")) else {
          throw invalid("listing must be call_for_action or increased_monitoring")
        }
        jurisdictions[country] = listing
      case .approvedAssets, .privacyAssets:
        let ticker = field("asset").uppercased()
        guard !ticker.isEmpty, ticker.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
          throw invalid("asset must be a ticker without spaces")
        }
        if list == .approvedAssets {
          approvedAssets[ticker] = field("name")
        } else {
          privacyAssets[ticker] = field("privacy_feature")
        }
      case .counterpartyVASPs:
        let name = field("vasp")
        guard !CounterpartyVASP.matchingKey(name.utf8).isEmpty else { throw invalid("vasp must name the VASP in letters or digits") }
        let country = field("country").isEmpty ? "" : try Self.country(field("country"), column: "country", invalid)
        guard let standing = CounterpartyVASP.Standing(rawValue: field("standing")) else {
          throw invalid("standing must be licensed, warning_list or unverified")
        }
        add(CounterpartyVASP(name: name, country: country, standing: standing, reference: field("reference")))
      case .usdKZTRates:
        guard let date = CivilDate(iso: field("date")) else { throw invalid("date must be YYYY-MM-DD") }
        var text = field("kzt_per_usd")
        guard let scaled = text.withUTF8({ DecimalText.scaled($0.span, to: 4, rounding: false) }), scaled > 0,
          let rate = Int64(exactly: scaled)
        else {
          throw invalid("kzt_per_usd must be a positive number of tenge with at most four decimals")
        }
        // Two rates for one day would make a threshold report depend on row order.
        guard rates.updateValue(rate, forKey: date.daysSinceEpoch) == nil else {
          throw invalid("a second rate for \(date)")
        }
      }
    }
    if list == .usdKZTRates { tengeRates = TengeRates(rates) }
  }

  /// The `# published_on:` and `# source:` lines that open a reference file, and the rest.
  private static func provenance(
    of bytes: [UInt8], file: String
  ) throws(ListLoadError) -> (ReferenceSource, body: [UInt8], bodyLine: Int) {
    var start = 0
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
    var publishedOn: String?
    var source: String?
    var line = 1
    while start < bytes.count, bytes[start] == UInt8(ascii: "#") {
      let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
      let text = String(decoding: bytes[(start + 1)..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      if let colon = text.firstIndex(of: ":") {
        let key = text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        if key == "published_on" { publishedOn = value }
        if key == "source" { source = value }
      }
      start = min(end + 1, bytes.count)
      line += 1
    }
    guard let publishedOn, let date = CivilDate(iso: publishedOn) else {
      throw .headerInvalid(file: file, reason: "the file must open with a '# published_on: YYYY-MM-DD' line")
    }
    guard let source, !source.isEmpty else {
      throw .headerInvalid(file: file, reason: "the file must open with a '# source: …' line saying whose list it is")
    }
    return (ReferenceSource(file: file, publishedOn: date.description, source: source), Array(bytes[start...]), line)
  }

  private static func country(
    _ text: String, column: String, _ invalid: (String) -> ListLoadError
  ) throws(ListLoadError) -> String {
    let upper = text.uppercased()
    guard upper.utf8.count == 2, CountryCodes.code(of: upper) == upper else {
      throw invalid("\(column) must be an ISO 3166 alpha-2 code")
    }
    return upper
  }
}
