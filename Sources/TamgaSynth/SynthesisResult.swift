/// What a synthesis run wrote: the files, their row counts and how many breaches it planted.
public struct SynthesisResult: Sendable {
  /// The customers file written (`customers.csv` or `customers.csv.gz`).
  public var customersFile: String
  /// The transfers files, one per day in day order (`transfers-2026-03-01.csv`, …).
  public var transferFiles: [String]
  /// Customers in the population (a refreshed customer counts once, not per record).
  public var customerCount: Int
  /// Transfers across all days.
  public var transferCount: Int
  /// Customers steered over their retail limit: the cap alerts a correct rule pack must raise,
  /// give or take none.
  public var injectedBreaches: Int
  /// The synthetic watch list (`watch.list.csv`, Tamga's list format), for `tamga lists load tamga`.
  public var watchListFile: String
  /// Customers the watch list names (name matches a correct screening must raise at onboarding).
  public var listedCustomers: Int
  /// Recurring counterparty addresses the watch list names.
  public var listedAddresses: Int
}
