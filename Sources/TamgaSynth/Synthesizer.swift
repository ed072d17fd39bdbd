#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif
import TamgaIngest
import TamgaModel

/// Deterministic synthetic customers and transfers for benchmarks, demos and end-to-end tests.
///
/// The population mirrors a Kazakh exchange's book (mostly AIFC retail individuals, Kazakh and
/// Russian names, a few companies and professionals) and the flows mix purchases, sales, deposits,
/// withdrawals and conversions over an Almaty working day. Every capped retail customer stays under
/// their limit except the few steered over it, which `SynthesisResult.injectedBreaches` counts, and a
/// few steered onto exactly USD 1,000.00 in a month, which must not alert.
public enum Synthesizer {
  /// Writes `customers.csv` and one `transfers-YYYY-MM-DD.csv` per day (each with `.gz` when
  /// `plan.gzip`) and a watch list, `watch.list.csv` (see `WatchListFile`), into `directory`,
  /// creating it if missing.
  ///
  /// Transfers stream to disk as they are generated: memory holds the population, not the flows.
  /// - Precondition: `plan.customers >= 1`, `plan.days >= 1`, `plan.transfersPerDay >= 0`.
  /// - Throws: `SinkError` naming the path when the directory or a file cannot be written.
  public static func write(_ plan: SynthesisPlan, to directory: String) throws -> SynthesisResult {
    precondition(plan.customers >= 1, "a plan needs at least one customer")
    precondition(plan.days >= 1, "a plan needs at least one day")
    precondition(plan.transfersPerDay >= 0, "transfers per day cannot be negative")
    try createDirectory(directory)
    let suffix = plan.gzip ? ".csv.gz" : ".csv"
    let population = Population(plan: plan)

    let customersFile = directory + "/customers" + suffix
    let customers = try openSink(customersFile, gzip: plan.gzip)
    _ = try CustomerFile.write(population, to: customers)
    try customers.close()

    var flows = FlowWriter(population: population)
    let watchListFile = directory + "/watch.list.csv"
    let watchSink = try PlainFileWriter(path: watchListFile)
    let watchList = try WatchListFile.write(population, counterparties: flows.counterparties, to: watchSink)
    try watchSink.close()
    var transferFiles: [String] = []
    var transferCount = 0
    for day in 0..<plan.days {
      let date = CivilDate(daysSinceEpoch: plan.startDate.daysSinceEpoch + Int64(day))
      let path = directory + "/transfers-" + date.description + suffix
      let sink = try openSink(path, gzip: plan.gzip)
      transferCount += try flows.writeDay(day, to: sink)
      try sink.close()
      transferFiles.append(path)
    }
    return SynthesisResult(
      customersFile: customersFile, transferFiles: transferFiles, customerCount: plan.customers,
      transferCount: transferCount, injectedBreaches: population.injectedBreaches, watchListFile: watchListFile,
      listedCustomers: watchList.listedCustomers, listedAddresses: watchList.listedAddresses)
  }

  /// `mkdir -p`: creates each missing component of `path`.
  private static func createDirectory(_ path: String) throws {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      prefix += component + "/"
      if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
        throw SinkError(message: "cannot create directory \(prefix): \(String(cString: strerror(errno)))")
      }
    }
  }

  /// Level 1: random addresses and hashes keep level 6 only about a tenth smaller, at twice the
  /// time (measured here: 1M transfers in 2.7 s at level 1), and benchmarks wait on generation.
  private static func openSink(_ path: String, gzip: Bool) throws -> any ByteSink {
    gzip ? try GzipFileWriter(path: path, level: 1) : try PlainFileWriter(path: path)
  }
}
