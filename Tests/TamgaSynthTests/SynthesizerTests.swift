import Foundation
import TamgaModel
import TamgaSynth
import Testing

@Suite struct SynthesizerTests {
  static let customersHeader = """
    customer_id,recorded_at,person_type,full_name,aliases,date_of_birth,nationality,residence,\
    client_class,regime,verification,annual_income_usd,net_worth_usd,pep_declared,risk_rating,wallets
    """
  static let transfersHeader =
    "transfer_id,timestamp,customer_id,kind,asset,chain,amount,usd_value,counterparty_address,counterparty_vasp,tx_hash"

  /// Small enough for a debug build, large enough that every kind of customer and steering appears.
  static func smallPlan(seed: UInt64 = 11, gzip: Bool = false) -> SynthesisPlan {
    var plan = SynthesisPlan()
    plan.customers = 600
    plan.days = 2
    plan.transfersPerDay = 4_000
    plan.seed = seed
    plan.gzip = gzip
    return plan
  }

  // MARK: - Determinism

  @Test func samePlanWritesIdenticalBytes() throws {
    let first = try ScratchDirectory()
    let second = try ScratchDirectory()
    let a = try Synthesizer.write(Self.smallPlan(), to: first.path)
    let b = try Synthesizer.write(Self.smallPlan(), to: second.path)
    #expect(a.transferFiles.count == 2)
    for (left, right) in zip([a.customersFile] + a.transferFiles, [b.customersFile] + b.transferFiles) {
      #expect(URL(fileURLWithPath: left).lastPathComponent == URL(fileURLWithPath: right).lastPathComponent)
      #expect(try Data(contentsOf: URL(fileURLWithPath: left)) == Data(contentsOf: URL(fileURLWithPath: right)))
    }
  }

  @Test func differentSeedsWriteDifferentFiles() throws {
    let first = try ScratchDirectory()
    let second = try ScratchDirectory()
    let a = try Synthesizer.write(Self.smallPlan(seed: 1), to: first.path)
    let b = try Synthesizer.write(Self.smallPlan(seed: 2), to: second.path)
    for (left, right) in zip([a.customersFile] + a.transferFiles, [b.customersFile] + b.transferFiles) {
      #expect(try Data(contentsOf: URL(fileURLWithPath: left)) != Data(contentsOf: URL(fileURLWithPath: right)))
    }
  }

  @Test func gzipRunInflatesToThePlainRunsBytes() throws {
    let plain = try ScratchDirectory()
    let compressed = try ScratchDirectory()
    let a = try Synthesizer.write(Self.smallPlan(), to: plain.path)
    let b = try Synthesizer.write(Self.smallPlan(gzip: true), to: compressed.path)
    #expect(b.customersFile.hasSuffix("/customers.csv.gz"))
    #expect(b.transferFiles.map { URL(fileURLWithPath: $0).lastPathComponent }
      == ["transfers-2026-03-01.csv.gz", "transfers-2026-03-02.csv.gz"])
    for (left, right) in zip([a.customersFile] + a.transferFiles, [b.customersFile] + b.transferFiles) {
      #expect(try Data(contentsOf: URL(fileURLWithPath: left)) == gunzip(right))
    }
  }

  @Test func missingDirectoriesAreCreated() throws {
    let scratch = try ScratchDirectory()
    var plan = Self.smallPlan()
    plan.customers = 20
    plan.transfersPerDay = 50
    let result = try Synthesizer.write(plan, to: scratch.file("a/b"))
    #expect(FileManager.default.fileExists(atPath: result.customersFile))
    #expect(result.customersFile == scratch.file("a/b/customers.csv"))
  }

  // MARK: - Shape of the files

  @Test func filesHaveTheContractHeadersAndFieldCounts() throws {
    let scratch = try ScratchDirectory()
    let result = try Synthesizer.write(Self.smallPlan(), to: scratch.path)
    let customers = try CSVTable(path: result.customersFile)
    #expect(customers.header.joined(separator: ",") == Self.customersHeader)
    #expect(customers.rows.allSatisfy { $0.count == 16 })
    for file in result.transferFiles {
      let transfers = try CSVTable(path: file)
      #expect(transfers.header.joined(separator: ",") == Self.transfersHeader)
      #expect(transfers.rows.count == 4_000)
      #expect(transfers.rows.allSatisfy { $0.count == 11 })
    }
    #expect(result.transferCount == 8_000)
    #expect(result.customerCount == 600)
  }

  @Test func customerRecordsFollowTheFormat() throws {
    let scratch = try ScratchDirectory()
    let plan = Self.smallPlan()
    let result = try Synthesizer.write(plan, to: scratch.path)
    let customers = try CSVTable(path: result.customersFile)
    let start = Timestamp(millisecondsSinceEpoch: plan.startDate.daysSinceEpoch * 86_400_000)
    let end = Timestamp(millisecondsSinceEpoch: start.millisecondsSinceEpoch + Int64(plan.days) * 86_400_000)
    var seen: Set<String> = []
    var refreshes = 0
    for row in customers.rows {
      let recordedAt = try #require(Timestamp(rfc3339: row[1]))
      if seen.insert(row[0]).inserted {
        #expect(recordedAt < start, "onboarding of \(row[0]) is dated before the plan")
        #expect(refreshes == 0, "every onboarding record comes before the refreshes")
      } else {
        refreshes += 1
        #expect(recordedAt >= start && recordedAt < end, "refresh of \(row[0]) falls within the plan")
      }
      #expect(["individual", "legal"].contains(row[2]))
      #expect(row[2] == "legal" ? row[5].isEmpty : CivilDate(iso: row[5]) != nil)
      #expect(row[6].count == 2 && row[7].count == 2)
      #expect(["retail", "professional", "market_counterparty"].contains(row[8]))
      #expect(["aifc", "national"].contains(row[9]))
      #expect(["none", "income_verified", "knowledge_test"].contains(row[10]))
      #expect(row[11].isEmpty || USD(parsing: row[11]) != nil)
      #expect(row[12].isEmpty || USD(parsing: row[12]) != nil)
      #expect(["true", "false"].contains(row[13]))
      #expect(["low", "medium", "high"].contains(row[14]))
      let wallets = row[15].split(separator: ";")
      #expect((1...4).contains(wallets.count))
      for wallet in wallets {
        let parts = wallet.split(separator: ":")
        #expect(parts.count == 2)
        switch parts.first {
        case "bitcoin": #expect(parts[1].hasPrefix("bc1q") && parts[1].count == 42 && parts[1] == parts[1].lowercased())
        case "ethereum": #expect(parts[1].hasPrefix("0x") && parts[1].count == 42)
        case "tron": #expect(parts[1].hasPrefix("T") && parts[1].count == 34)
        case "solana": #expect(parts[1].count == 44)
        default: Issue.record("unexpected chain in \(wallet)")
        }
      }
    }
    #expect(seen.count == plan.customers)
    #expect(refreshes > 0)
    #expect(customers.rows.contains { $0[3].contains("\"") || $0[3].contains(",") },
            "some company names need CSV quoting")
  }

  @Test func transfersReferToKnownCustomersInTimeOrderWithExactAmounts() throws {
    let scratch = try ScratchDirectory()
    var plan = Self.smallPlan()
    plan.startDate = CivilDate(year: 2026, month: 3, day: 31)
    let result = try Synthesizer.write(plan, to: scratch.path)
    let customerIDs = Set(try CSVTable(path: result.customersFile).rows.map { $0[0] })
    #expect(result.transferFiles.map { URL(fileURLWithPath: $0).lastPathComponent }
      == ["transfers-2026-03-31.csv", "transfers-2026-04-01.csv"])
    var transferIDs: Set<String> = []
    var kinds: [String: Int] = [:]
    var amounts: [String: [(baseUnits: Int128, cents: Int128, decimals: UInt8)]] = [:]
    for (day, file) in result.transferFiles.enumerated() {
      let midnight = (plan.startDate.daysSinceEpoch + Int64(day)) * 86_400_000
      var previous = Int64.min
      for row in try CSVTable(path: file).rows {
        #expect(transferIDs.insert(row[0]).inserted, "transfer ids are unique")
        let time = try #require(Timestamp(rfc3339: row[1])).millisecondsSinceEpoch
        #expect(time >= midnight && time < midnight + 86_400_000)
        #expect(time >= previous)
        previous = time
        #expect(customerIDs.contains(row[2]))
        kinds[row[3], default: 0] += 1
        let decimals = try #require(AssetDecimals.known[row[4]])
        // Rejects any digit finer than the asset's smallest unit.
        let baseUnits = try #require(scaled(row[6], to: Int(decimals)), "amount \(row[6]) of \(row[4])")
        let dollars = row[7].split(separator: ".", omittingEmptySubsequences: false)
        #expect(dollars.count == 2 && dollars[1].count == 2)
        let cents = try #require(USD(parsing: row[7])).cents
        amounts[row[4], default: []].append((baseUnits, Int128(cents), decimals))
        let isMovement = row[3] == "deposit" || row[3] == "withdrawal"
        #expect(isMovement ? !row[8].isEmpty && !row[10].isEmpty : row[8].isEmpty && row[9].isEmpty && row[10].isEmpty)
      }
    }
    #expect(Set(kinds.keys) == ["buy", "sell", "deposit", "withdrawal", "convert"])

    // One fixed price per asset: read it off the largest row, where rounding matters least, then
    // every row's value must be its amount times that price, rounded to the cent.
    for (asset, rows) in amounts {
      let largest = try #require(rows.max { $0.baseUnits < $1.baseUnits })
      var unit: Int128 = 1
      for _ in 0..<largest.decimals { unit *= 10 }
      let price = (largest.cents * unit + largest.baseUnits / 2) / largest.baseUnits
      for row in rows {
        #expect((row.baseUnits * price * 2 + unit) / (2 * unit) == row.cents, "\(asset) at \(price) cents")
      }
    }
  }

  private func scaled(_ text: String, to scale: Int) -> Int128? {
    var text = text
    return text.withUTF8 { DecimalText.scaled($0.span, to: scale, rounding: false) }
  }

  // MARK: - Retail caps

  @Test func someUnverifiedRetailClientBuysOverUSD1000InAnAlmatyMonth() throws {
    let scratch = try ScratchDirectory()
    let result = try Synthesizer.write(Self.smallPlan(), to: scratch.path)
    let book = try CapBook(result)
    let overCap = book.monthlyTotals.filter { key, cents in
      book.onboarding[key.customer]?.isUnverifiedAIFCRetailIndividual == true && cents > 100_000
    }
    #expect(!overCap.isEmpty)
    #expect(result.injectedBreaches >= 1)
  }

  @Test func onlySteeredCustomersBreachAndSomeLandExactlyOnTheCap() throws {
    let scratch = try ScratchDirectory()
    var plan = Self.smallPlan(seed: 5)
    plan.customers = 1_500
    let result = try Synthesizer.write(plan, to: scratch.path)
    let book = try CapBook(result)
    var breaching: Set<String> = []
    var exactlyAtCap = 0
    for (key, cents) in book.monthlyTotals where !book.refreshed.contains(key.customer) {
      guard let customer = book.onboarding[key.customer], customer.isUnverifiedAIFCRetailIndividual else { continue }
      if cents > 100_000 { breaching.insert(key.customer) }
      if cents == 100_000 { exactlyAtCap += 1 }
    }
    for (key, cents) in book.yearlyTotals where !book.refreshed.contains(key.customer) {
      guard let customer = book.onboarding[key.customer], let cap = customer.verifiedYearlyCap else { continue }
      if cents > cap { breaching.insert(key.customer) }
    }
    #expect(breaching.count == result.injectedBreaches)
    #expect(exactlyAtCap >= 2)
  }
}

/// Purchase totals per customer and Almaty period, computed the way a cap rule would: integer cents,
/// calendar months and years at UTC+5.
struct CapBook {
  struct Period: Hashable {
    var customer: String
    var key: Int32
  }

  struct Onboarding {
    var row: [String]
    var isUnverifiedAIFCRetailIndividual: Bool {
      row[2] == "individual" && row[8] == "retail" && row[9] == "aifc" && row[10] == "none"
    }
    /// The income-verified yearly cap in cents: USD 100,000, lowered by declared income and net worth.
    var verifiedYearlyCap: Int64? {
      guard row[2] == "individual", row[8] == "retail", row[9] == "aifc", row[10] == "income_verified" else {
        return nil
      }
      var cap: Int64 = 10_000_000
      if let income = USD(parsing: row[11]) { cap = min(cap, income.cents / 10) }
      if let netWorth = USD(parsing: row[12]) { cap = min(cap, netWorth.cents / 20) }
      return cap
    }
  }

  var onboarding: [String: Onboarding] = [:]
  var refreshed: Set<String> = []
  var monthlyTotals: [Period: Int64] = [:]
  var yearlyTotals: [Period: Int64] = [:]

  init(_ result: SynthesisResult) throws {
    for row in try CSVTable(path: result.customersFile).rows {
      if onboarding[row[0]] == nil { onboarding[row[0]] = Onboarding(row: row) } else { refreshed.insert(row[0]) }
    }
    for file in result.transferFiles {
      for row in try CSVTable(path: file).rows where row[3] == "buy" {
        let instant = try #require(Timestamp(rfc3339: row[1]))
        let cents = try #require(USD(parsing: row[7])).cents
        monthlyTotals[Period(customer: row[2], key: AlmatyCalendar.monthKey(of: instant)), default: 0] += cents
        yearlyTotals[Period(customer: row[2], key: AlmatyCalendar.yearKey(of: instant)), default: 0] += cents
      }
    }
  }
}
