import Foundation
import TamgaModel
import TamgaSynth
import Testing

@Suite struct WatchListTests {
  @Test func theWatchListNamesCustomersAndCounterpartiesOfTheFlowsAndIsTheSameEachTime() throws {
    let first = try ScratchDirectory()
    let second = try ScratchDirectory()
    let a = try Synthesizer.write(SynthesizerTests.smallPlan(), to: first.path)
    let b = try Synthesizer.write(SynthesizerTests.smallPlan(), to: second.path)
    let list = try String(contentsOfFile: a.watchListFile, encoding: .utf8)
    #expect(list == (try String(contentsOfFile: b.watchListFile, encoding: .utf8)))
    #expect(a.watchListFile.hasSuffix("/watch.list.csv"))
    #expect(a.listedCustomers >= 2)
    #expect(a.listedAddresses == 8)

    let rows = list.split(separator: "\n").dropFirst()
    #expect(rows.count == a.listedCustomers + a.listedAddresses + 40)
    // Each listed customer's surname appears, upper-cased, first: "LAST, First".
    let customers = try String(contentsOfFile: a.customersFile, encoding: .utf8)
    let listedPeople = rows.prefix(a.listedCustomers)
    for row in listedPeople {
      let name = row.split(separator: ",", omittingEmptySubsequences: false)[3...4].joined(separator: ",")
      let surname = name.dropFirst().prefix { $0 != "," }
      #expect(surname == surname.uppercased())
      #expect(customers.lowercased().contains(surname.lowercased()))
    }
    // The listed addresses are counterparties of the flows (case aside: EVM is mixed-case on the list).
    let transfers = try a.transferFiles.map { try String(contentsOfFile: $0, encoding: .utf8) }.joined().lowercased()
    let addresses = rows.dropFirst(a.listedCustomers).prefix(a.listedAddresses).map { row in
      row.split(separator: ",", omittingEmptySubsequences: false)[7].split(separator: ":")[1].lowercased()
    }
    #expect(addresses.filter { transfers.contains($0) }.count >= 4)
    #expect(addresses.contains { $0.hasPrefix("0x") })
  }
}
