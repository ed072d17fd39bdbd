public import TamgaModel

/// What the rules need to know of a customer at a point in time.
///
/// Raw facts, not derived limits: limits are computed from these at evaluation with the
/// configuration of the run, so a changed configuration applies to the next replay.
public struct CustomerStatus: Sendable, Hashable {
  /// From when this status holds (the record's `recorded_at`).
  public var since: Timestamp
  public var personType: PersonType
  public var clientClass: ClientClass
  public var regime: Regime
  public var verification: Verification
  public var annualIncome: USD?
  public var netWorth: USD?

  public init(_ record: CustomerRecord) {
    since = record.recordedAt
    personType = record.personType
    clientClass = record.clientClass
    regime = record.regime
    verification = record.verification
    annualIncome = record.annualIncome
    netWorth = record.netWorth
  }
}

/// Every known customer, interned to a dense id, with the history of their status.
///
/// Most customers have one record; the latest status sits in a flat array for the hot path and
/// earlier ones, for customers whose KYC was refreshed, in a side table consulted only when a
/// transfer predates the latest record.
public struct CustomerBook: Sendable {
  public private(set) var ids = InternTable(capacity: 1024)
  /// The status with the latest `since`, per customer.
  public private(set) var latest: [CustomerStatus] = []
  /// Earlier statuses, oldest first, for customers with more than one record.
  public private(set) var earlier: [Int32: [CustomerStatus]] = [:]

  public init() {}

  public var count: Int { latest.count }

  /// - Complexity: O(id length); allocates nothing.
  @inline(__always)
  public func customer(_ id: Span<UInt8>) -> Int32? { ids.id(of: id) }

  public func customer(_ id: String) -> Int32? { ids.id(of: id) }

  public func customerID(_ customer: Int32) -> String { ids.key(customer) }

  /// Adds an onboarding or KYC-refresh record. Records may come in any order: each holds from
  /// its `recorded_at` until the next one. A second record with the same `recorded_at` replaces
  /// the first (the file's later row wins).
  @discardableResult
  public mutating func apply(_ record: CustomerRecord) -> Int32 {
    let status = CustomerStatus(record)
    let customer = ids.intern(record.customerID)
    if Int(customer) == latest.count {
      latest.append(status)
      return customer
    }
    var history = earlier[customer] ?? []
    history.append(latest[Int(customer)])
    if let same = history.firstIndex(where: { $0.since == status.since }) {
      history[same] = status
    } else {
      history.append(status)
    }
    history.sort { $0.since < $1.since }
    latest[Int(customer)] = history.removeLast()
    earlier[customer] = history.isEmpty ? nil : history
    return customer
  }

  /// The status in force at `instant`: the latest record at or before it. A transfer before
  /// the customer's first record is judged by that first record (onboarding files often lag
  /// the first deposit by minutes).
  /// - Complexity: O(1) unless the customer's KYC was refreshed after `instant`.
  @inline(__always)
  public func status(of customer: Int32, at instant: Timestamp) -> CustomerStatus {
    let current = latest[Int(customer)]
    if current.since <= instant { return current }
    return statusBeforeLatest(customer, at: instant) ?? current
  }

  @inline(__always)
  func touch(_ customer: Int32) -> Int64 { latest[Int(customer)].since.millisecondsSinceEpoch }

  private func statusBeforeLatest(_ customer: Int32, at instant: Timestamp) -> CustomerStatus? {
    guard let history = earlier[customer] else { return nil }
    return history.last { $0.since <= instant } ?? history.first
  }

  /// Every status of a customer, oldest first.
  public func history(of customer: Int32) -> [CustomerStatus] {
    (earlier[customer] ?? []) + [latest[Int(customer)]]
  }
}

extension CustomerBook {
  mutating func restore(ids: InternTable, latest: [CustomerStatus], earlier: [Int32: [CustomerStatus]]) {
    self.ids = ids
    self.latest = latest
    self.earlier = earlier
  }
}
