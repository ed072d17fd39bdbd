public import TamgaModel

/// The configuration of every rule, with documented defaults.
public struct RulesConfiguration: Sendable, Equatable {
  public var retailCaps = RetailCapPolicy()
  public init() {}
}

/// Runs the rules over events in order, on one thread, deterministically.
///
/// It holds all per-customer state (statuses, period totals) in flat arrays. The state carries
/// across runs through ``snapshot()`` and ``init(restoring:configuration:)``: replaying day 1
/// and then day 2 gives the alerts of one run over both days.
public struct Engine: Sendable {
  public private(set) var customers = CustomerBook()
  public private(set) var retailCaps: RetailCapRule

  public init(configuration: RulesConfiguration = RulesConfiguration()) {
    retailCaps = RetailCapRule(policy: configuration.retailCaps)
  }

  /// Every rule id the engine can raise.
  public var ruleIDs: [RuleID] { retailCaps.ruleIDs }

  /// Takes in an onboarding or KYC-refresh record.
  @discardableResult
  public mutating func apply(_ record: CustomerRecord) -> Int32 { customers.apply(record) }

  /// Looks up a batch of customers at once (-1 for unknown), so the cache misses overlap.
  public func customers(
    _ keys: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>>, into ids: UnsafeMutableBufferPointer<Int32>
  ) {
    customers.customers(keys, into: ids)
  }

  /// The dense id of a customer, from the bytes of its `customer_id`.
  @inline(__always)
  public func customer(_ id: Span<UInt8>) -> Int32? { customers.customer(id) }

  /// Reads a customer's state ahead of ``evaluate(_:into:)`` and returns a value derived from
  /// it.
  ///
  /// Per-customer state is scattered over megabytes, so each first touch is a cache miss. A
  /// caller that looks up and touches a batch of customers in one loop lets those misses
  /// overlap, instead of paying them one after another inside evaluation. The result only
  /// keeps the loads from being optimised away.
  @inline(__always)
  public func touch(_ customer: Int32) -> Int64 {
    customers.touch(customer) &+ retailCaps.touch(customer)
  }

  /// Evaluates one transfer with every rule.
  /// - Complexity: O(1); allocates nothing unless a rule fires.
  @inline(__always)
  public mutating func evaluate(_ event: TransferEvent, into sink: inout some FindingSink) -> Unevaluable? {
    // The status is read first, so the rules take a small value rather than the whole book.
    let status = customers.status(of: event.customer, at: event.timestamp)
    return retailCaps.evaluate(event, status: status, into: &sink)
  }

  public func headroom(of customer: Int32, at instant: Timestamp) -> Headroom {
    retailCaps.headroom(of: customer, at: instant, customers: customers)
  }

  // MARK: - Snapshots

  static let magic: [UInt8] = Array("TAMGA-ENGINE".utf8)
  static let formatVersion: UInt32 = 1
  /// The snapshot format this build writes, stored beside the bytes.
  public static var snapshotFormat: UInt32 { formatVersion }

  /// The engine's whole state as bytes, to store with the batch that produced it.
  public func snapshot() -> [UInt8] {
    var out = BinaryWriter()
    out.buffer.reserveCapacity(customers.count * 96 + 64)
    out.bytes(Self.magic)
    out.u32(Self.formatVersion)
    let count = customers.count
    out.u32(UInt32(count))
    let ids = customers.ids.storedForm
    out.bytes(ids.arena)
    for end in ids.ends { out.u32(UInt32(end)) }
    out.plain(customers.packed)
    let refreshed = customers.earlier.keys.sorted()
    out.u32(UInt32(refreshed.count))
    for customer in refreshed {
      let history = customers.earlier[customer] ?? []
      out.u32(UInt32(customer))
      out.u32(UInt32(history.count))
      for status in history { out.status(status) }
    }
    out.plain(retailCaps.totals)
    return out.buffer
  }

  /// Restores a snapshot taken by ``snapshot()``, under this run's configuration.
  public init(restoring bytes: [UInt8], configuration: RulesConfiguration) throws(SnapshotError) {
    self.init(configuration: configuration)
    var input = BinaryReader(bytes)
    guard try input.bytes() == Self.magic else { throw SnapshotError("not an engine snapshot") }
    let version = try input.u32()
    guard version == Self.formatVersion else {
      throw SnapshotError("engine snapshot format \(version); this build reads format \(Self.formatVersion)")
    }
    let count = Int(try input.u32())
    let arena = try input.bytes()
    var ends = [Int]()
    ends.reserveCapacity(count)
    var previous = 0
    for _ in 0..<count {
      let end = Int(try input.u32())
      guard end >= previous, end <= arena.count else { throw SnapshotError("engine snapshot has a damaged customer table") }
      ends.append(end)
      previous = end
    }
    guard (ends.last ?? 0) == arena.count else { throw SnapshotError("engine snapshot has a damaged customer table") }
    let packed = try input.plain(PackedStatus.self)
    guard packed.count == count else { throw SnapshotError("engine snapshot has a damaged status table") }
    var earlier: [Int32: [CustomerStatus]] = [:]
    for _ in 0..<Int(try input.u32()) {
      let customer = Int32(try input.u32())
      var history: [CustomerStatus] = []
      for _ in 0..<Int(try input.u32()) { history.append(try input.status()) }
      earlier[customer] = history
    }
    customers = CustomerBook(ids: InternTable(arena: arena, ends: ends), packed: packed, earlier: earlier)
    retailCaps.totals = try input.plain(CapTotals.self)
    guard retailCaps.totals.count <= count else {
      throw SnapshotError("engine snapshot tracks more customers than it names")
    }
    guard input.isAtEnd else { throw SnapshotError("engine snapshot has trailing bytes") }
  }
}

/// A stored engine snapshot that cannot be read.
public struct SnapshotError: Error, Sendable, CustomStringConvertible {
  public var description: String
  init(_ description: String) { self.description = description }
}

extension CustomerBook {
  init(ids: InternTable, packed: [PackedStatus], earlier: [Int32: [CustomerStatus]]) {
    self.init()
    self.restore(ids: ids, packed: packed, earlier: earlier)
  }
}
