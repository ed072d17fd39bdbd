public import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Loads OFAC's SDN "Advanced" XML (sdn_advanced.xml) into `ListEntry` values.
///
/// The Advanced format carries what the legacy CSV only prints in remarks: digital currency
/// addresses and dates of birth as structured features, and names in every script. The file is
/// 120 MB, so it is streamed from disk, one DistinctParty at a time, never held as a tree.
///
/// Mapping:
/// - The entry id is the DistinctParty FixedRef (the same number as the legacy ent_num).
/// - The kind comes from the Profile's PartySubTypeID resolved through ReferenceValueSets:
///   Vessel and Aircraft sub-types, else the party type (Individual → person, Entity → entity).
/// - The first DocumentedName of the Primary alias is the primary name (its parts joined with a
///   space, in document order); its other DocumentedNames (other scripts) are strong aliases.
///   Other aliases are weak when LowQuality="true"; F.K.A. and N.K.A. keep their relation.
/// - "Digital Currency Address - LABEL" features give wallet addresses (label from the feature
///   type, address from VersionDetail); "Birthdate" features give dates of birth from DatePeriod.
/// - SanctionsEntries (after all parties in the file) give programmes (SanctionsMeasure of type
///   "Program") and the listing date (first EntryEvent date).
public enum OFACAdvancedLoader {
  /// Loads the Advanced XML at `file` as list `listName`.
  ///
  /// Throws when the file is missing, unreadable or not well-formed XML, including a file cut off
  /// mid-document (a truncated list must not pass for a whole one); parties without an id or a
  /// name are rejected and the rest load.
  public static func load(file: URL, listName: String = "ofac-sdn") throws(ListLoadError) -> ListLoad {
    let reader = OFACAdvancedXMLReader(listName: listName, fileName: file.lastPathComponent)
    try ListXML.parse(file, with: reader)
    return ListLoad(entries: reader.finish(), rejections: reader.rejections, sourceFiles: [file.path])
  }
}

/// The parser delegate: reads the reference tables, then one DistinctParty at a time, then the
/// sanctions entries, which are joined to the parties at the end.
///
/// Lives only for the duration of one synchronous `parse()` call on one thread.
private final class OFACAdvancedXMLReader: NSObject, ListXMLReader {
  let listName: String
  let fileName: String
  var rejections: [ListRejection] = []
  var parseFailure: String?
  var sawRoot = false
  var depth = 0
  var lastOpen: String?
  var unclosedElement: String? { depth == 0 ? nil : (lastOpen ?? "document") }

  private var entries: [ListEntry] = []
  private var indexByProfile: [String: Int] = [:]

  // Reference values, by ID.
  private var subTypeParty: [String: String] = [:]
  private var subTypeName: [String: String] = [:]
  private var partyTypeName: [String: String] = [:]
  private var featureTypeName: [String: String] = [:]
  private var aliasTypeName: [String: String] = [:]
  private var sanctionsTypeName: [String: String] = [:]
  private var referenceID: String?

  private var text = ""
  private var collectText = false

  private struct Draft {
    var line: Int
    var id: String
    var profileID = ""
    var kind: ListEntryKind = .unknown
    var primaryName = ""
    var aliases: [ListAlias] = []
    var birthDates: [BirthDate] = []
    var wallets: [WalletAddress] = []
  }
  private var draft: Draft?
  private var alias: (primary: Bool, weak: Bool, relation: AliasRelation, names: Int)?
  private var nameParts: [String] = []
  private var featureType: String?
  private var datePeriod: [String: Int] = [:]
  private var dateSide = ""
  private var approximate = false

  private var sanction: (profile: String, programs: [String], listedOn: String?)?
  private var measureIsProgram = false
  private var eventDate: [String: Int]?
  private var sanctionsByProfile: [String: (programs: [String], listedOn: String?)] = [:]

  init(listName: String, fileName: String) {
    self.listName = listName
    self.fileName = fileName
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes: [String: String] = [:]
  ) {
    depth += 1
    lastOpen = elementName
    sawRoot = true
    text = ""
    collectText = false
    switch elementName {
    case "PartySubType", "PartyType", "FeatureType", "AliasType", "SanctionsType":
      referenceID = attributes["ID"]
      if elementName == "PartySubType", let id = attributes["ID"], let party = attributes["PartyTypeID"] {
        subTypeParty[id] = party
      }
      collectText = true
    case "DistinctParty":
      draft = Draft(line: parser.lineNumber, id: attributes["FixedRef"] ?? "")
    case "Profile":
      draft?.profileID = attributes["ID"] ?? ""
      draft?.kind = kind(subType: attributes["PartySubTypeID"])
    case "Alias":
      let relation: AliasRelation =
        switch attributes["AliasTypeID"].flatMap({ aliasTypeName[$0] })?.uppercased() {
        case "F.K.A.": .formerlyKnownAs
        case "N.K.A.": .nowKnownAs
        default: .alsoKnownAs
        }
      alias = (attributes["Primary"] == "true", attributes["LowQuality"] == "true", relation, 0)
    case "DocumentedName": nameParts = []
    case "NamePartValue", "VersionDetail", "Year", "Month", "Day", "Comment": collectText = true
    case "Feature":
      featureType = attributes["FeatureTypeID"].flatMap { featureTypeName[$0] }
      datePeriod = [:]
      approximate = false
    case "Start", "End":
      dateSide = elementName
      if attributes["Approximate"] == "true" { approximate = true }
    case "From", "To": dateSide = (dateSide.hasPrefix("End") ? "End" : "Start") + elementName
    case "SanctionsEntry": sanction = (attributes["ProfileID"] ?? "", [], nil)
    case "SanctionsMeasure":
      measureIsProgram = attributes["SanctionsTypeID"].flatMap { sanctionsTypeName[$0] } == "Program"
    case "EntryEvent": eventDate = [:]
    default: break
    }
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Swift.Error) {
    parseFailure = String(describing: parseError)
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if collectText { text += string }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    depth -= 1
    let value = collectText ? text.trimmingCharacters(in: .whitespacesAndNewlines) : ""
    text = ""
    collectText = false
    switch elementName {
    case "PartySubType": if let id = referenceID { subTypeName[id] = value }
    case "PartyType": if let id = referenceID { partyTypeName[id] = value }
    case "FeatureType": if let id = referenceID { featureTypeName[id] = value }
    case "AliasType": if let id = referenceID { aliasTypeName[id] = value }
    case "SanctionsType": if let id = referenceID { sanctionsTypeName[id] = value }
    case "NamePartValue": if !value.isEmpty { nameParts.append(value) }
    case "DocumentedName":
      let name = nameParts.joined(separator: " ")
      nameParts = []
      guard !name.isEmpty, var current = alias, draft != nil else { return }
      if current.primary, current.names == 0, draft?.primaryName.isEmpty == true {
        draft?.primaryName = name
      } else if name != draft?.primaryName, draft?.aliases.contains(where: { $0.name == name }) == false {
        let quality: AliasQuality = current.weak && !current.primary ? .weak : .strong
        draft?.aliases.append(ListAlias(name: name, quality: quality, relation: current.relation))
      }
      current.names += 1
      alias = current
    case "Alias": alias = nil
    case "VersionDetail":
      let marker = "Digital Currency Address - "
      if let type = featureType, type.hasPrefix(marker), !value.isEmpty {
        let address = WalletAddress(label: String(type.dropFirst(marker.count)), address: value)
        if draft?.wallets.contains(address) == false { draft?.wallets.append(address) }
      }
    case "Year", "Month", "Day":
      if let number = Int(value) {
        if eventDate != nil, sanction != nil {
          eventDate?[elementName] = number
        } else if featureType == "Birthdate" {
          datePeriod[dateSide + elementName] = number
        }
      }
    case "Feature":
      if featureType == "Birthdate", let date = birthDate() { draft?.birthDates.append(date) }
      featureType = nil
    case "DistinctParty":
      if let draft { finish(draft) }
      draft = nil
    case "Comment":
      if measureIsProgram, !value.isEmpty { sanction?.programs.append(value) }
    case "SanctionsMeasure": measureIsProgram = false
    case "EntryEvent":
      if let date = eventDate, sanction?.listedOn == nil, let year = date["Year"], let month = date["Month"],
        let day = date["Day"]
      {
        sanction?.listedOn = String(format: "%04d-%02d-%02d", year, month, day)
      }
      eventDate = nil
    case "SanctionsEntry":
      if let sanction {
        var known = sanctionsByProfile[sanction.profile] ?? ([], nil)
        known.programs += sanction.programs
        if known.listedOn == nil { known.listedOn = sanction.listedOn }
        sanctionsByProfile[sanction.profile] = known
      }
      sanction = nil
    default: break
    }
  }

  /// Joins the sanctions entries read after the parties onto their entries.
  func finish() -> [ListEntry] {
    for (profile, sanction) in sanctionsByProfile {
      guard let index = indexByProfile[profile] else { continue }
      entries[index].programs = ListText.unique(entries[index].programs + sanction.programs)
      if entries[index].listedOn == nil { entries[index].listedOn = sanction.listedOn }
    }
    return entries
  }

  private func finish(_ draft: Draft) {
    guard !draft.id.isEmpty, !draft.primaryName.isEmpty else {
      let what = draft.id.isEmpty ? "DistinctParty without FixedRef" : "DistinctParty without primary name"
      rejections.append(ListRejection(file: fileName, line: draft.line, reason: what))
      return
    }
    indexByProfile[draft.profileID.isEmpty ? draft.id : draft.profileID] = entries.count
    entries.append(
      ListEntry(
        list: listName, id: draft.id, kind: draft.kind, primaryName: draft.primaryName,
        aliases: draft.aliases, birthDates: draft.birthDates, walletAddresses: draft.wallets))
  }

  private func kind(subType: String?) -> ListEntryKind {
    guard let subType else { return .unknown }
    switch subTypeName[subType]?.lowercased() {
    case "vessel": return .vessel
    case "aircraft": return .aircraft
    default: break
    }
    switch subTypeParty[subType].flatMap({ partyTypeName[$0] })?.lowercased() {
    case "individual": return .person
    case "entity": return .entity
    default: return .unknown
    }
  }

  /// A birth date from one DatePeriod: the earliest start and the latest end give the span; a
  /// single day is exact, a whole month or year keeps that precision, several years are a range.
  private func birthDate() -> BirthDate? {
    guard let fromYear = datePeriod["StartFromYear"] ?? datePeriod["EndFromYear"],
      let toYear = datePeriod["EndToYear"] ?? datePeriod["StartToYear"]
    else { return nil }
    let fromMonth = datePeriod["StartFromMonth"] ?? 1
    let fromDay = datePeriod["StartFromDay"] ?? 1
    let toMonth = datePeriod["EndToMonth"] ?? 12
    let toDay = datePeriod["EndToDay"] ?? 31
    if fromYear != toYear {
      return .range(from: min(fromYear, toYear), to: max(fromYear, toYear))
    }
    if approximate { return .approximate(year: fromYear) }
    if fromMonth == toMonth, fromDay == toDay { return .exact(year: fromYear, month: fromMonth, day: fromDay) }
    if fromMonth == 1, fromDay == 1, toMonth == 12, toDay == 31 { return .year(fromYear) }
    if fromMonth == toMonth, fromDay == 1 { return .yearMonth(year: fromYear, month: fromMonth) }
    return .year(fromYear)
  }
}
