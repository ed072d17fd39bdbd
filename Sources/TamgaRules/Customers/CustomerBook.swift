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
  /// Whether the record holds a digital-mining licence: the miner's sales are counted toward
  /// its sale-through share.
  public var isLicensedMiner: Bool

  public init(
    since: Timestamp, personType: PersonType, clientClass: ClientClass, regime: Regime,
    verification: Verification, annualIncome: USD?, netWorth: USD?, isLicensedMiner: Bool = false
  ) {
    self.since = since
    self.personType = personType
    self.clientClass = clientClass
    self.regime = regime
    self.verification = verification
    self.annualIncome = annualIncome
    self.netWorth = netWorth
    self.isLicensedMiner = isLicensedMiner
  }

  public init(_ record: CustomerRecord) {
    since = record.recordedAt
    personType = record.personType
    clientClass = record.clientClass
    regime = record.regime
    verification = record.verification
    annualIncome = record.annualIncome
    netWorth = record.netWorth
    isLicensedMiner = record.miningLicence != nil
  }
}

/// A ``CustomerStatus`` in 32 bytes, so the flat array holds two per cache line and reading
/// one costs a single miss.
struct PackedStatus: Sendable, Hashable {
  var since: Int64
  /// Cents, or -1 when not declared.
  var annualIncome: Int64
  var netWorth: Int64
  var personType: UInt8
  var clientClass: UInt8
  var regime: UInt8
  var verification: UInt8
  /// Bit 0: a licensed digital miner. Zero in snapshots before format 9, which knew no miners.
  var flags: UInt8
  /// Explicit zeros where the compiler would leave padding: snapshots copy these bytes whole,
  /// and the same state must give the same bytes.
  var reserved: UInt8 = 0
  var reserved2: UInt16 = 0

  init(_ status: CustomerStatus) {
    since = status.since.millisecondsSinceEpoch
    annualIncome = status.annualIncome?.cents ?? -1
    netWorth = status.netWorth?.cents ?? -1
    personType = status.personType == .individual ? 0 : 1
    clientClass = UInt8(ClientClass.allCases.firstIndex(of: status.clientClass) ?? 0)
    regime = status.regime == .aifc ? 0 : 1
    verification = UInt8(Verification.allCases.firstIndex(of: status.verification) ?? 0)
    flags = status.isLicensedMiner ? 1 : 0
  }

  @inline(__always)
  var status: CustomerStatus {
    CustomerStatus(
      since: Timestamp(millisecondsSinceEpoch: since), personType: personType == 0 ? .individual : .legal,
      clientClass: clientClass == 0 ? .retail : (clientClass == 1 ? .professional : .marketCounterparty),
      regime: regime == 0 ? .aifc : .national,
      verification: verification == 0 ? .none : (verification == 1 ? .incomeVerified : .knowledgeTest),
      annualIncome: annualIncome < 0 ? nil : USD(cents: annualIncome),
      netWorth: netWorth < 0 ? nil : USD(cents: netWorth), isLicensedMiner: flags & 1 != 0)
  }
}

/// Every known customer, interned to a dense id, with the history of their status.
///
/// Most customers have one record; the latest status sits in a flat array for the hot path and
/// earlier ones, for customers whose KYC was refreshed, in a side table consulted only when a
/// transfer predates the latest record.
public struct CustomerBook: Sendable {
  public private(set) var ids = InternTable(capacity: 1024)
  /// The status with the latest `since`, per customer, packed.
  private(set) var packed: [PackedStatus] = []
  /// Earlier statuses, oldest first, for customers with more than one record.
  public private(set) var earlier: [Int32: [CustomerStatus]] = [:]

  public init() {}

  public var count: Int { packed.count }

  /// The latest status of every customer, in id order.
  public var latest: [CustomerStatus] { packed.map(\.status) }

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
    if Int(customer) == packed.count {
      packed.append(PackedStatus(status))
      return customer
    }
    var history = earlier[customer] ?? []
    history.append(packed[Int(customer)].status)
    if let same = history.firstIndex(where: { $0.since == status.since }) {
      history[same] = status
    } else {
      history.append(status)
    }
    history.sort { $0.since < $1.since }
    packed[Int(customer)] = PackedStatus(history.removeLast())
    earlier[customer] = history.isEmpty ? nil : history
    return customer
  }

  /// The status in force at `instant`: the latest record at or before it. A transfer before
  /// the customer's first record is judged by that first record (onboarding files often lag
  /// the first deposit by minutes).
  /// - Complexity: O(1) unless the customer's KYC was refreshed after `instant`.
  @inline(__always)
  /// When the customer was onboarded: the `recorded_at` of its earliest record.
  public func onboarding(of customer: Int32) -> Timestamp {
    earlier[customer]?.first?.since ?? Timestamp(millisecondsSinceEpoch: packed[Int(customer)].since)
  }

  public func status(of customer: Int32, at instant: Timestamp) -> CustomerStatus {
    let current = packed[Int(customer)]
    if current.since <= instant.millisecondsSinceEpoch { return current.status }
    return statusBeforeLatest(customer, at: instant) ?? current.status
  }

  /// Both ends of the packed status, which may straddle two cache lines.
  @inline(__always)
  func touch(_ customer: Int32) -> Int64 {
    let status = packed[Int(customer)]
    return status.since &+ Int64(status.verification)
  }

  private func statusBeforeLatest(_ customer: Int32, at instant: Timestamp) -> CustomerStatus? {
    guard let history = earlier[customer] else { return nil }
    return history.last { $0.since <= instant } ?? history.first
  }

  /// Every status of a customer, oldest first.
  public func history(of customer: Int32) -> [CustomerStatus] {
    (earlier[customer] ?? []) + [packed[Int(customer)].status]
  }
}

extension CustomerBook {
  mutating func restore(ids: InternTable, packed: [PackedStatus], earlier: [Int32: [CustomerStatus]]) {
    self.ids = ids
    self.packed = packed
    self.earlier = earlier
  }

  /// Looks up a batch of customers at once; see ``InternTable/ids(of:into:)``.
  public func customers(
    _ keys: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, into ids: UnsafeMutableBufferPointer<Int32>
  ) {
    self.ids.ids(of: keys, into: ids)
  }
}
