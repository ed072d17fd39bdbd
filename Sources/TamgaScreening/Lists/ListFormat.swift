public import Foundation

/// The published list formats Tamga reads, as `tamga lists load KIND PATH` names them.
///
/// Why one enum: the store records which reader made a snapshot, and the command line, the
/// tests and the scenarios all load lists the same way.
public enum ListFormat: String, Sendable, CaseIterable {
  /// OFAC's legacy SDN CSV set: a folder holding sdn.csv, add.csv, alt.csv and sdn_comments.csv.
  case ofacSDN = "ofac-sdn"
  /// OFAC's Consolidated (non-SDN) CSV set: a folder holding cons_prim.csv, cons_add.csv,
  /// cons_alt.csv and cons_comments.csv.
  case ofacConsolidated = "ofac-consolidated"
  /// OFAC's SDN Advanced XML (sdn_advanced.xml).
  case ofacAdvanced = "ofac-advanced"
  /// The UN Security Council consolidated list XML.
  case un
  /// OpenSanctions FollowTheMoney entities, one JSON object a line.
  case openSanctionsFtM = "opensanctions-ftm"
  /// OpenSanctions `targets.simple.csv`.
  case openSanctionsSimple = "opensanctions-simple"
  /// Tamga's own list CSV (`*.list.csv`), or a folder of them.
  case tamga
  /// Address labels (`labels.csv`): addresses a KYT vendor attributes to a category of risk.
  case labels

  /// The list name entries get when the command line gives none.
  public var defaultListName: String {
    switch self {
    case .ofacSDN, .ofacAdvanced: "ofac-sdn"
    case .ofacConsolidated: "ofac-consolidated"
    case .un: "un-consolidated"
    case .openSanctionsFtM, .openSanctionsSimple: "opensanctions"
    case .tamga: "tamga"
    case .labels: "labels"
    }
  }

  /// Whether the source is a folder of files rather than one file.
  public var readsFolder: Bool { self == .ofacSDN || self == .ofacConsolidated }

  /// Loads the list at `url` (a folder for the OFAC CSV sets and, optionally, Tamga lists).
  ///
  /// `listName` replaces the list name of every entry, except for Tamga list files, whose rows
  /// name their own list.
  public func load(_ url: URL, listName: String? = nil) throws(ListLoadError) -> ListLoad {
    let name = listName ?? defaultListName
    switch self {
    case .ofacSDN: return try OFACLegacyLoader.load(directory: url, prefix: "", listName: name)
    case .ofacConsolidated: return try OFACLegacyLoader.load(directory: url, prefix: "cons_", listName: name)
    case .ofacAdvanced: return try OFACAdvancedLoader.load(file: url, listName: name)
    case .un: return try UNListLoader.load(file: url, listName: name)
    case .openSanctionsFtM: return try OpenSanctionsLoader.loadEntities(file: url, listName: name)
    case .openSanctionsSimple: return try OpenSanctionsLoader.loadTargetsCSV(file: url, listName: name)
    case .labels: return try AddressLabelsLoader.load(file: url, listName: name)
    case .tamga:
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
        throw .fileMissing(path: url.path)
      }
      return isFolder.boolValue ? try TamgaListLoader.load(directory: url) : try TamgaListLoader.load(file: url)
    }
  }
}
