import TamgaIngest
import TamgaModel

/// A synthetic watch list in Tamga's list format (`watch.list.csv`) that the population and the
/// flows meet: what screening needs to have something to find in a demo or a benchmark.
///
/// - About one individual customer in 400 (at least two) is listed under the name written the
///   way sanctions lists write it ("LAST, First", upper-case surname) with the year of birth:
///   name matches at onboarding.
/// - Two recurring counterparties per chain are listed as entities with their addresses, the
///   Ethereum one in checksum-style mixed case: address hits on transfers that use them.
/// - Made-up persons and entities that no customer resembles fill the list out.
///
/// Drawn from its own random stream, so adding the list changed no customer or transfer.
enum WatchListFile {
  static let header = "list,entry_id,kind,name,aliases,date_of_birth,countries,addresses,programs,listed_on\n"

  struct Written {
    var entries = 0
    var listedCustomers = 0
    var listedAddresses = 0
  }

  static func write(
    _ population: Population, counterparties: CounterpartyBook, to sink: any ByteSink
  ) throws -> Written {
    var random = SeededGenerator(seed: population.plan.seed, stream: Population.Stream.watchList)
    var written = Written()
    var text = header
    func entry(_ kind: String, _ name: String, dob: String = "", country: String = "", addresses: String = "") {
      written.entries += 1
      text += "synthetic-watch,SW-\(written.entries),\(kind),\(csv(name)),,\(dob),\(country),\(addresses),SYNTHETIC,2026-01-15\n"
    }

    let individuals = population.records.indices.filter { population.records[$0].personType == .individual }
    let wanted = max(2, individuals.count / 400)
    var listed = Set<Int>()
    while listed.count < min(wanted, individuals.count) { listed.insert(individuals[random.below(individuals.count)]) }
    for index in listed.sorted() {
      let record = population.records[index]
      let words = record.fullName.split(separator: " ")
      guard let last = words.last else { continue }
      let listedName = "\(last.uppercased()), \(words.dropLast().joined(separator: " "))"
      entry("person", listedName, dob: record.dateOfBirth.map { String($0.year) } ?? "", country: record.nationality)
      written.listedCustomers += 1
    }

    for chain in Chain.allCases {
      for slot in 0..<2 {
        let address = counterparties.recurring(on: chain, at: population.records.count / 3 + slot * 7)
        var printed = String(decoding: address, as: UTF8.self)
        if chain == .ethereum { printed = checksumStyle(printed) }
        let chainName = chain.name.prefix(1).uppercased() + chain.name.dropFirst()
        entry("entity", "Synthetic \(chainName) Mixer \(slot + 1)", addresses: "\(chain.name):\(printed)")
        written.listedAddresses += 1
      }
    }

    for number in 1...20 {
      entry("person", "ZHELEZNYAKOV-\(number), Vsevolod Platonovich", dob: String(1950 + number), country: "RU")
      entry("entity", "Far Horizon Trading \(number) FZE", country: "AE")
    }
    let bytes = Array(text.utf8)
    try bytes.withUnsafeBytes { try sink.write($0) }
    return written
  }

  /// Upper-cases every other hex letter, as EIP-55 checksums mix case: the list and the flows
  /// then print the same address differently, as real ones do.
  static func checksumStyle(_ address: String) -> String {
    var flip = false
    return String(address.enumerated().map { offset, character -> Character in
      guard offset >= 2, character.isLetter else { return character }
      flip.toggle()
      return flip ? Character(character.uppercased()) : character
    })
  }

  static func csv(_ text: String) -> String {
    guard text.contains(",") || text.contains("\"") else { return text }
    return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
  }
}
