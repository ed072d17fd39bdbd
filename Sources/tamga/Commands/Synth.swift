import ArgumentParser
import Foundation
import TamgaModel
import TamgaSynth

struct Synth: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write a synthetic population, its transfers and a watch list, with injected cap breaches and list hits.",
    discussion: "The same options and seed always give the same bytes.")

  @Option(help: "How many customers.") var customers = 1_000
  @Option(help: "How many days of transfers (one file per day).") var days = 1
  @Option(help: "Transfers per day.") var transfersPerDay = 20_000
  @Option(help: "Random seed.") var seed: UInt64 = 1
  @Option(help: "First day, YYYY-MM-DD.") var start = "2026-03-01"
  @Option(help: "Output folder.") var out: String
  @Flag(help: "Write .csv.gz files.") var gzip = false

  func validate() throws {
    guard customers > 0, days > 0, transfersPerDay >= 0 else {
      throw ValidationError("--customers and --days must be positive, --transfers-per-day not negative")
    }
    guard CivilDate(iso: start) != nil else { throw ValidationError("--start must be a YYYY-MM-DD date") }
  }

  func run() throws {
    try reporting {
      var plan = SynthesisPlan()
      plan.customers = customers
      plan.days = days
      plan.transfersPerDay = transfersPerDay
      plan.seed = seed
      plan.gzip = gzip
      if let date = CivilDate(iso: start) { plan.startDate = date }
      let result = try Synthesizer.write(plan, to: out)
      print("\(result.customersFile): \(grouped(result.customerCount)) customers")
      for file in result.transferFiles { print(file) }
      print("\(grouped(result.transferCount)) transfers; \(result.injectedBreaches) customers steered over a retail cap")
      print(
        "\(result.watchListFile): \(result.listedCustomers) customers and \(result.listedAddresses) counterparty addresses "
          + "listed (tamga lists load tamga \(result.watchListFile))")
    }
  }
}

struct Demo: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The main job on built-in defaults: synthesise a day, replay it into a fresh store, show the queue.")

  @Option(help: "Where to put the demo's files and store (default: a new temporary folder).") var dir: String?
  @Option(help: "How many customers.") var customers = 2_000
  @Option(help: "Transfers in the day.") var transfers = 50_000
  @Option(help: "Random seed.") var seed: UInt64 = 7
  @Option(help: "Alerts to show.") var show = 15

  func run() throws {
    try reporting {
      let folder = dir ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("tamga-demo-\(getpid())")
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      let storePath = (folder as NSString).appendingPathComponent("tamga.db")
      for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
      var plan = SynthesisPlan()
      plan.customers = customers
      plan.transfersPerDay = transfers
      plan.seed = seed
      let files = try Synthesizer.write(plan, to: folder)
      print("synthesised \(grouped(files.customerCount)) customers and \(grouped(files.transferCount)) transfers in \(folder)")
      // The synthetic watch list goes in first, so onboarding and every transfer are screened.
      try LoadList.parse(["tamga", files.watchListFile, "--name", "synthetic-watch", "--store", storePath]).run()
      var args = ["--store", storePath, "--customers", files.customersFile, "--quiet"]
      args += files.transferFiles
      let replay = try Replay.parse(args)
      try replay.run()
      print("")
      let alerts = try Alerts.parse(["--store", storePath, "--limit", String(show)])
      try alerts.run()
      print("""

        Explore the store with:
          tamga alerts --store \(storePath) --format json --limit 3
          tamga alerts --store \(storePath) --rule screening
          tamga screen name --store \(storePath) "NAME"
          tamga headroom --store \(storePath) CUSTOMER_ID
          tamga rejects --store \(storePath)
          tamga queue --store \(storePath)          # the alerts grouped into cases, most urgent first
          tamga case show --store \(storePath) 1
          tamga report --store \(storePath) --day 2026-03-01 --html day.html
        """)
    }
  }
}
