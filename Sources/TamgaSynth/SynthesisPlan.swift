public import TamgaModel

/// What to synthesise: how many customers, how many days of transfers and how many per day,
/// from which seed and start date, and whether to gzip the files.
///
/// The same plan always produces byte-identical files, so a plan is all a benchmark or a bug
/// report needs to reproduce its data.
public struct SynthesisPlan: Sendable, Equatable {
  /// Customers in the population, at least 1. Default 1,000.
  public var customers = 1_000
  /// Days of transfers, one file each, from `startDate` on; at least 1. Default 1.
  public var days = 1
  /// Transfers in each day's file, at least 0. Default 20,000, a busy day for a mid-sized exchange.
  public var transfersPerDay = 20_000
  /// The seed every random choice derives from. Default 1.
  public var seed: UInt64 = 1
  /// The first day of transfers (UTC); every onboarding record is dated before it.
  /// Default 2026-03-01, the first day of an Almaty calendar month.
  public var startDate = CivilDate(year: 2026, month: 3, day: 1)
  /// Whether to write `.csv.gz` files instead of `.csv`. Default `false`.
  public var gzip = false

  /// The default plan: 1,000 customers and one day of 20,000 transfers.
  public init() {}
}
