import TamgaImport
import Foundation

/// A fresh folder under the system's temporary folder, removed when the test is done with it.
final class ScratchFolder {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("amlsim-import-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// The AMLSim input folder inside the scratch folder.
  var input: URL { url.appendingPathComponent("amlsim", isDirectory: true) }
  /// Where the import writes.
  var output: URL { url.appendingPathComponent("tamga", isDirectory: true) }

  /// Writes AMLSim's two files into `input`, byte for byte as given.
  func writeSimulation(nodes: String, transactions: String) throws {
    try writeSimulation(nodes: Data(nodes.utf8), transactions: Data(transactions.utf8))
  }

  func writeSimulation(nodes: Data, transactions: Data) throws {
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    try nodes.write(to: input.appendingPathComponent("nodes.csv"))
    try transactions.write(to: input.appendingPathComponent("transactions.csv"))
  }

  /// Imports `input` into `output`.
  func run(startDate: CalendarDay = AMLSimImport.defaultStartDate) throws(ImportError) -> ImportSummary {
    try AMLSimImport.run(input: input, output: output, startDate: startDate)
  }

  /// The lines of an output file, without line ends.
  func lines(_ name: String) throws -> [String] {
    try OutputTable.lines(of: Data(contentsOf: output.appendingPathComponent(name)))
  }

  /// Every name in the output folder, hidden ones included (to spot leftover staging files).
  func outputFolderContents() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
  }
}

/// An output file read back: a header and rows of fields. The import never quotes a field, so
/// splitting on commas is exact; the tests check that no field would have needed quotes.
struct OutputTable {
  let header: [String]
  let rows: [[Substring]]

  init(_ data: Data) {
    let lines = OutputTable.lines(of: data)
    header = lines.first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
    rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
  }

  /// The position of column `name`, or -1 so a test fails on the lookup rather than crashes.
  func column(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }

  static func lines(of data: Data) -> [String] {
    let text = String(decoding: data, as: UTF8.self)
    // Swift reads "\r\n" as one Character, so both line ends are named (AMLSim's files use CRLF).
    var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }
}

/// The two headers of Tamga's contract, spelled out independently of the module under test.
enum TamgaHeaders {
  static let customers = """
    customer_id,recorded_at,person_type,full_name,aliases,date_of_birth,nationality,residence,\
    client_class,regime,verification,annual_income_usd,net_worth_usd,pep_declared,risk_rating,wallets
    """
  static let transfers =
    "transfer_id,timestamp,customer_id,kind,asset,chain,amount,usd_value,counterparty_address,counterparty_vasp,tx_hash"
  static let truth = "customer_id,is_fraud,fraud_step"
}

/// A small simulation written by hand: three accounts, six transactions over two steps, of which
/// two are refused (row 4 has three decimals, row 5 names node 9, which does not exist).
enum SmallSimulation {
  static let nodes = """
    nodeid,isFraud,init_balance,fraudStep
    1,0,100.00,-1
    2,1,50.00,3
    3,0,75.5,-1

    """
  static let transactions = """
    sourceNodeId,targetNodeId,value,time
    1,2,10.5,2
    2,3,0.1,1
    3,1,7,2
    1,3,12.345,1
    1,9,5.00,1
    2,1,1.00,1

    """
}

/// Where the IBM AMLSim sample lives: `<package root>/../shared/data/flows/amlsim-20k-fanin200`,
/// outside the package, so tests that need it skip cleanly where it is absent.
enum AMLSimSample {
  /// This file is Tests/AMLSimImportTests/TestSupport.swift: three levels up is the package root,
  /// four its parent, which holds `shared/`.
  static let folder: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
    .appendingPathComponent("shared/data/flows/amlsim-20k-fanin200", isDirectory: true)

  static var isAvailable: Bool {
    FileManager.default.fileExists(atPath: folder.appendingPathComponent("nodes.csv").path)
      && FileManager.default.fileExists(atPath: folder.appendingPathComponent("transactions.csv").path)
  }

  /// The import's result and the bytes of its three files.
  struct Imported: Sendable {
    let summary: ImportSummary
    let customers: Data
    let transfers: Data
    let truth: Data
  }

  /// The sample imported once for every test that needs it (a debug build takes a moment), into a
  /// scratch folder that is removed straight away; the files' bytes are kept.
  static let imported: Result<Imported, any Error> = Result {
    let scratch = try ScratchFolder()
    let summary = try AMLSimImport.run(input: folder, output: scratch.output)
    return Imported(
      summary: summary,
      customers: try Data(contentsOf: summary.customersFile),
      transfers: try Data(contentsOf: summary.transfersFile),
      truth: try Data(contentsOf: summary.truthFile))
  }
}
