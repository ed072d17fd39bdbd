public import Foundation
import TamgaModel

/// Loads address labels (`labels.csv`), the attribution data a KYT vendor sells, as list
/// entries, so that they are versioned, diffed and looked up exactly as list addresses are.
///
/// The file has a header row, mapped by name (columns in any order, extra columns ignored):
/// `chain, address, category, entity, source`. Each distinct (chain, address) becomes one entry
/// whose id is `chain:address` (the address as matched: EVM hex and bech32 lower-cased), whose
/// name is the entity ("Hydra Market"), whose programs are its categories (an address may carry
/// several, from several rows) and whose remarks name the sources. A row with an unknown category,
/// an empty address or chain, or an entity that contradicts an earlier row for the same address
/// is refused with its line and the good rows load.
public enum AddressLabelsLoader {
  /// The columns a labels file must have.
  public static let requiredColumns = ["chain", "address", "category"]

  /// Loads one labels file. Throws when it is missing, unreadable, or its header lacks a column.
  public static func load(file: URL, listName: String) throws(ListLoadError) -> ListLoad {
    let records = try ListCSVReader.read(contentsOf: file)
    var load = try load(records: records, fileName: file.lastPathComponent, listName: listName)
    load.sourceFiles = [file.path]
    return load
  }

  /// Loads labels text already in memory; `fileName` names it in rejections.
  public static func load(text: String, fileName: String, listName: String) throws(ListLoadError) -> ListLoad {
    try load(records: ListCSVReader.parse(text), fileName: fileName, listName: listName)
  }

  static func load(records: [ListCSVRecord], fileName: String, listName: String) throws(ListLoadError) -> ListLoad {
    let rows = records.filter { !ListCSVReader.isBlank($0) }
    guard let header = rows.first else {
      throw .headerInvalid(file: fileName, reason: "file is empty, expected a header row")
    }
    let names = header.fields.enumerated().map { position, name in
      let cleaned = name.trimmingCharacters(in: .whitespaces).lowercased()
      return position == 0 ? String(cleaned.unicodeScalars.drop { $0 == "\u{FEFF}" }) : cleaned
    }
    var column: [String: Int] = [:]
    for (position, name) in names.enumerated() where column[name] == nil { column[name] = position }
    let missing = requiredColumns.filter { column[$0] == nil }
    guard missing.isEmpty else {
      throw .headerInvalid(
        file: fileName,
        reason: "missing column(s) \(missing.joined(separator: ", ")); found \(names.joined(separator: ", "))")
    }

    // One entry per address, in the order addresses first appear; categories and sources gathered.
    var order: [String] = []
    var labelled: [String: (address: WalletAddress, entity: String, categories: Set<ExposureCategory>, sources: [String])] = [:]
    var rejections: [ListRejection] = []
    for record in rows.dropFirst() {
      func refuse(_ field: String?, _ reason: String) {
        rejections.append(
          ListRejection(file: fileName, line: record.line, column: field.flatMap { column[$0] }.map { $0 + 1 }, reason: reason))
      }
      if record.unterminatedQuote {
        refuse(nil, "quoted field not closed before end of file")
        continue
      }
      guard record.fields.count == names.count else {
        refuse(nil, "expected \(names.count) fields as in the header, found \(record.fields.count)")
        continue
      }
      func cell(_ name: String) -> String {
        column[name].map { record.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
      }
      let chainText = cell("chain")
      let printed = cell("address")
      guard !chainText.isEmpty else {
        refuse("chain", "chain is empty")
        continue
      }
      guard !printed.isEmpty else {
        refuse("address", "address is empty")
        continue
      }
      guard let category = ExposureCategory(rawValue: cell("category").lowercased()) else {
        refuse(
          "category",
          "category is not one of \(ExposureCategory.allCases.map(\.rawValue).joined(separator: ", "))")
        continue
      }
      let chain = WalletAddress.chain(forLabel: chainText, address: printed)
      let address = WalletAddress(chain: chain == "unknown" ? chainText.lowercased() : chain, asset: nil, original: printed)
      let key = address.chain + ":" + address.normalized
      let entity = cell("entity")
      let source = cell("source")
      if var known = labelled[key] {
        if !entity.isEmpty, !known.entity.isEmpty, entity != known.entity {
          refuse("entity", "entity differs from an earlier row for the same address; earlier kept")
          continue
        }
        if known.entity.isEmpty { known.entity = entity }
        known.categories.insert(category)
        if !source.isEmpty, !known.sources.contains(source) { known.sources.append(source) }
        labelled[key] = known
      } else {
        order.append(key)
        labelled[key] = (address, entity, [category], source.isEmpty ? [] : [source])
      }
    }

    let entries = order.compactMap { key -> ListEntry? in
      guard let label = labelled[key] else { return nil }
      return ListEntry(
        list: listName, id: key, kind: .entity,
        primaryName: label.entity.isEmpty ? label.address.original : label.entity,
        programs: label.categories.sorted().map(\.rawValue), walletAddresses: [label.address],
        remarks: label.sources.isEmpty ? nil : "source: " + label.sources.joined(separator: "; "))
    }
    return ListLoad(entries: entries, rejections: rejections, sourceFiles: [])
  }
}
