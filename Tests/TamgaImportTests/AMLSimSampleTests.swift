import TamgaImport
import Foundation
import Testing

/// The IBM AMLSim sample (20,000 accounts, 118,250 transactions, 200 fan-in patterns), imported
/// once and checked from the files it produced.
@Suite(.enabled(if: AMLSimSample.isAvailable, "needs ../shared/data/flows/amlsim-20k-fanin200 beside the package"))
struct AMLSimSampleTests {
  @Test func theSampleBecomes20000CustomersAnd236500TransferRowsWithNothingRefused() throws {
    let summary = try AMLSimSample.imported.get().summary

    #expect(summary.customers == 20_000)
    #expect(summary.transactions == 118_250)
    #expect(summary.transferRows == 236_500)
    #expect(summary.refusedRowCount == 0)
    #expect(summary.refusedRows.isEmpty)
    #expect(summary.minimumStep == 1)
    #expect(summary.firstDay == CalendarDay("2026-03-01"))
    #expect(summary.lastDay == CalendarDay("2026-07-27"))  // step 149
    #expect(summary.transactionsAtEndOfDay == 0)
  }

  @Test func truthHoldsTheFraudNodesThatTheSamplesMetadataAnnounces() throws {
    let imported = try AMLSimSample.imported.get()
    // metadata.txt says "nodes: 20,000 (954 fraud nodes)"; read the figure rather than trust a copy.
    let metadata = try String(contentsOf: AMLSimSample.folder.appendingPathComponent("metadata.txt"), encoding: .utf8)
    let announced = try #require(
      metadata.split(separator: "(").dropFirst().first?.split(separator: " ").first.flatMap { Int($0) })

    let truth = OutputTable(imported.truth)
    #expect(truth.header == TamgaHeaders.truth.split(separator: ",").map(String.init))
    #expect(truth.rows.count == 20_000)
    #expect(truth.rows.count { $0[1] == "true" } == announced)
    #expect(imported.summary.fraudCustomers == announced)
    #expect(truth.rows.allSatisfy { $0[1] == "true" || ($0[1] == "false" && $0[2].isEmpty) })
  }

  @Test func theFilesParseBackWithTamgasHeadersAndConsistentRows() throws {
    let imported = try AMLSimSample.imported.get()
    let customers = OutputTable(imported.customers)
    let transfers = OutputTable(imported.transfers)

    #expect(customers.header.joined(separator: ",") == TamgaHeaders.customers)
    #expect(transfers.header.joined(separator: ",") == TamgaHeaders.transfers)
    #expect(customers.rows.count == 20_000)
    #expect(transfers.rows.count == 236_500)
    #expect(customers.rows.allSatisfy { $0.count == customers.header.count })
    #expect(transfers.rows.allSatisfy { $0.count == transfers.header.count })

    let customerIDs = Set(customers.rows.map { $0[0] })
    let wallets = customers.rows.map { $0[15] }
    let addresses = Set(wallets.map { $0.dropFirst("ethereum:".count) })
    #expect(wallets.allSatisfy { $0.hasPrefix("ethereum:0x") && $0.count == "ethereum:".count + 42 })
    #expect(addresses.count == 20_000, "wallet addresses are unique")

    var previous: Substring = ""
    var outOfOrder = 0
    var unknown = 0
    var unpaired = 0
    for index in stride(from: 0, to: transfers.rows.count, by: 2) {
      let out = transfers.rows[index]
      let into = transfers.rows[index + 1]
      // Timestamps never go back; the two legs of a transaction are adjacent, out then in.
      if out[1] < previous { outOfOrder += 1 }
      previous = out[1]
      let row = out[0].dropLast("-out".count)
      if out[0] != "\(row)-out" || into[0] != "\(row)-in" || out[1] != into[1] || out[10] != into[10]
        || out[6] != into[6] || out[3] != "withdrawal" || into[3] != "deposit"
      {
        unpaired += 1
      }
      if !customerIDs.contains(out[2]) || !customerIDs.contains(into[2]) || !addresses.contains(out[8])
        || !addresses.contains(into[8])
      {
        unknown += 1
      }
    }
    #expect(outOfOrder == 0)
    #expect(unpaired == 0)
    #expect(unknown == 0)
  }

  @Test func everyCentOfTheSampleArrivesOnBothLegs() throws {
    let imported = try AMLSimSample.imported.get()
    // An independent reading of AMLSim's values: split at the point and pad to two decimals.
    let source = OutputTable(try Data(contentsOf: AMLSimSample.folder.appendingPathComponent("transactions.csv")))
    let valueColumn = source.column("value")
    func cents(_ text: Substring) -> Int {
      let parts = text.split(separator: ".", omittingEmptySubsequences: false)
      let fraction = parts.count > 1 ? String(parts[1]).padding(toLength: 2, withPad: "0", startingAt: 0) : "00"
      return Int(parts[0])! * 100 + Int(fraction)!
    }
    #expect(source.rows.count == 118_250)
    let expected = source.rows.reduce(0) { $0 + cents($1[valueColumn]) }

    let transfers = OutputTable(imported.transfers)
    let withdrawn = transfers.rows.filter { $0[3] == "withdrawal" }.reduce(0) { $0 + cents($1[6]) }
    let deposited = transfers.rows.filter { $0[3] == "deposit" }.reduce(0) { $0 + cents($1[7]) }
    #expect(withdrawn == expected)
    #expect(deposited == expected)
    #expect(transfers.rows.allSatisfy { $0[6].split(separator: ".").last?.count == 2 })
  }
}
