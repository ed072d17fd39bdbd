public import TamgaModel

/// The configuration of every rule, with documented defaults.
public struct RulesConfiguration: Sendable, Equatable {
  public var retailCaps = RetailCapPolicy()
  public var exposure = ExposurePolicy()
  public var newAccountDeposits = NewAccountDepositPolicy()
  public var dormantAccounts = DormantAccountPolicy()
  public var structuring = StructuringPolicy()
  public var rapidPassThrough = RapidPassThroughPolicy()
  public var newAccountDrains = NewAccountDrainPolicy()
  public var highValueBursts = HighValueBurstPolicy()
  public var chainHopping = ChainHoppingPolicy()
  public var fanIn = FanInPolicy()
  public var fanOut = FanOutPolicy()
  public var sharedExternalAddress = SharedExternalAddressPolicy()
  public var roundTripping = RoundTrippingPolicy()
  public var regulatory = RegulatoryPackPolicy()
  public init() {}
}

/// Runs the rules over events in order, on one thread, deterministically.
///
/// It holds all per-customer state (statuses, period totals) in flat arrays. The state carries
/// across runs through ``snapshot()`` and ``init(restoring:configuration:)``: replaying day 1
/// and then day 2 gives the alerts of one run over both days.
///
/// The methods called for every transfer (``touch(_:)``, the `evaluate` family,
/// ``evaluatePacks(_:asset:into:)``, ``travelRuleRegime(of:)``) are `mutating` even where they
/// only read. Called from another module on an engine held in a `var`, a non-mutating method made
/// Swift copy the whole struct (1.5 kB) before each call, four times per transfer; a mutating
/// one is passed the engine's address.
public struct Engine: Sendable {
  public private(set) var customers = CustomerBook()
  public private(set) var retailCaps: RetailCapRule
  public private(set) var exposure: IndirectExposureRule
  public private(set) var newAccountDeposits: NewAccountDepositRule
  public private(set) var dormantAccounts: DormantAccountRule
  public private(set) var structuring: StructuringRule
  public private(set) var rapidPassThrough: RapidPassThroughRule
  public private(set) var newAccountDrains: NewAccountDrainRule
  public private(set) var highValueBursts: HighValueBurstRule
  public private(set) var chainHopping: ChainHoppingRule
  public private(set) var fanIn: FanInRule
  public private(set) var fanOut: FanOutRule
  public private(set) var sharedExternalAddress: SharedExternalAddressRule
  public private(set) var roundTripping: RoundTrippingRule
  public private(set) var regulatory: RegulatoryPackRule
  /// Licensed miners' sales, day by day, for their sale-through share.
  public private(set) var minerSales = MinerSales()

  public init(configuration: RulesConfiguration = RulesConfiguration()) {
    retailCaps = RetailCapRule(policy: configuration.retailCaps)
    exposure = IndirectExposureRule(policy: configuration.exposure)
    newAccountDeposits = NewAccountDepositRule(policy: configuration.newAccountDeposits)
    dormantAccounts = DormantAccountRule(policy: configuration.dormantAccounts)
    structuring = StructuringRule(policy: configuration.structuring)
    rapidPassThrough = RapidPassThroughRule(policy: configuration.rapidPassThrough)
    newAccountDrains = NewAccountDrainRule(policy: configuration.newAccountDrains)
    highValueBursts = HighValueBurstRule(policy: configuration.highValueBursts)
    chainHopping = ChainHoppingRule(policy: configuration.chainHopping)
    fanIn = FanInRule(policy: configuration.fanIn)
    fanOut = FanOutRule(policy: configuration.fanOut)
    sharedExternalAddress = SharedExternalAddressRule(policy: configuration.sharedExternalAddress)
    roundTripping = RoundTrippingRule(policy: configuration.roundTripping)
    regulatory = RegulatoryPackRule(policy: configuration.regulatory)
  }

  /// Applies another configuration to the rules from now on; the state is kept. The exposure
  /// graph keeps the hop limit it was built with: its stored hops cannot be re-cut.
  public mutating func reconfigure(_ configuration: RulesConfiguration) {
    retailCaps.policy = configuration.retailCaps
    newAccountDeposits.policy = configuration.newAccountDeposits
    dormantAccounts.policy = configuration.dormantAccounts
    structuring.policy = configuration.structuring
    rapidPassThrough.policy = configuration.rapidPassThrough
    newAccountDrains.policy = configuration.newAccountDrains
    highValueBursts.policy = configuration.highValueBursts
    chainHopping.policy = configuration.chainHopping
    fanIn.policy = configuration.fanIn
    fanOut.policy = configuration.fanOut
    sharedExternalAddress.policy = configuration.sharedExternalAddress
    roundTripping.policy = configuration.roundTripping
    regulatory.policy = configuration.regulatory
    exposure.policy = configuration.exposure
    exposure.policy.hopLimit = exposure.graph.hopLimit
  }

  /// Every rule id the engine can raise.
  public var ruleIDs: [RuleID] {
    retailCaps.ruleIDs + newAccountDeposits.ruleIDs + newAccountDrains.ruleIDs + dormantAccounts.ruleIDs
      + structuring.ruleIDs + rapidPassThrough.ruleIDs + highValueBursts.ruleIDs + chainHopping.ruleIDs
      + fanIn.ruleIDs + fanOut.ruleIDs + sharedExternalAddress.ruleIDs + roundTripping.ruleIDs + exposure.ruleIDs
      + regulatory.ruleIDs
  }

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
  public mutating func touch(_ customer: Int32) -> Int64 {
    customers.touch(customer) &+ retailCaps.touch(customer) &+ newAccountDeposits.touch(customer)
      &+ dormantAccounts.touch(customer) &+ rapidPassThrough.touch(customer) &+ fanIn.senders.touch(customer)
      &+ fanOut.recipients.touch(customer) &+ roundTripping.destinations.touch(customer)
  }

  /// Sizes the per-customer tables that nearly every transfer touches for all the customers on
  /// record; call before a transfers file.
  ///
  /// Why: grown as customers first appear, a table doubles for every power of two they pass,
  /// each time copying itself and faulting in fresh pages; on a first day of a million
  /// transfers that cost the rules' thread more than a tenth of its time. The tables of rules
  /// that only rare transfers reach (structuring, bursts, chain-hopping, new-account drains) and
  /// of disabled rules are left to grow as they did, so as not to hold state for nobody.
  /// - Complexity: O(customers) once; nothing when the tables are already sized.
  public mutating func reserveStateForCustomers() {
    let count = customers.count
    retailCaps.reserve(customers: count)
    newAccountDeposits.reserve(customers: count)
    dormantAccounts.reserve(customers: count)
    if rapidPassThrough.policy.isEnabled { rapidPassThrough.reserve(customers: count) }
    if fanIn.policy.isEnabled { fanIn.senders.reserve(customers: count) }
    if fanOut.policy.isEnabled { fanOut.recipients.reserve(customers: count) }
    if roundTripping.policy.isEnabled { roundTripping.destinations.reserve(customers: count) }
  }

  /// Evaluates one transfer with every rule.
  /// - Complexity: O(1); allocates nothing unless a rule fires.
  @inline(__always)
  public mutating func evaluate(_ event: TransferEvent, into sink: inout some FindingSink) -> Unevaluable? {
    // The status is read first, so the rules take a small value rather than the whole book.
    let status = customers.status(of: event.customer, at: event.timestamp)
    if let problem = retailCaps.evaluate(event, status: status, into: &sink) { return problem }
    newAccountDeposits.evaluate(event, customers: customers, into: &sink)
    dormantAccounts.evaluate(event, into: &sink)
    structuring.evaluate(event, into: &sink)
    rapidPassThrough.evaluate(event, into: &sink)
    newAccountDrains.evaluate(event, customers: customers, into: &sink)
    highValueBursts.evaluate(event, into: &sink)
    chainHopping.evaluate(event, into: &sink)
    return nil
  }

  /// Evaluates one deposit or withdrawal with every rule, its counterparty address included:
  /// fan-in and fan-out count the addresses, the shared-external-address typology counts the
  /// address's customers, round-tripping matches deposits to earlier withdrawals, and exposure
  /// moves with the value.
  ///
  /// - Parameters:
  ///   - counterparty: the counterparty address's matching key (EVM hex and bech32 lower-cased).
  ///   - labels: the categories the counterparty address is labelled with (`ExposureCategory.bit`).
  ///   - tracksExposure: whether the exposure graph follows this transfer (only while address
  ///     labels are loaded: without them there is nothing to carry).
  /// - Complexity: O(1); allocates nothing unless a rule fires, a withdrawal's address is new
  ///   to the exposure graph, or the shared-external-address table grows.
  @inline(__always)
  public mutating func evaluate(
    _ event: TransferEvent, counterparty: Span<UInt8>, labels: UInt16, tracksExposure: Bool = true,
    into sink: inout some FindingSink
  ) -> Unevaluable? {
    if let problem = evaluate(event, into: &sink) { return problem }
    let fingerprint = counterparty.withUnsafeBufferPointer { InternTable.fingerprint($0) }
    fanIn.evaluate(event, counterparty: fingerprint, into: &sink)
    fanOut.evaluate(event, counterparty: fingerprint, into: &sink)
    sharedExternalAddress.evaluate(event, counterparty: fingerprint, address: counterparty, customers: customers, into: &sink)
    roundTripping.evaluate(event, counterparty: fingerprint, address: counterparty, into: &sink)
    if tracksExposure { exposure.evaluate(event, counterparty: counterparty, labels: labels, into: &sink) }
    return nil
  }

  /// Moves the value of a chain edge (a transfer between two outside addresses, seen on chain)
  /// through the exposure graph by the haircut method; no rule fires on it.
  ///
  /// - Parameters:
  ///   - source: the sending address's matching key (EVM hex and bech32 lower-cased).
  ///   - target: the receiving address's matching key.
  ///   - labels: the categories the sending address is labelled with (`ExposureCategory.bit`).
  /// - Complexity: O(1) for an untainted sender; allocates only when the target is new to the
  ///   graph or first tainted.
  @inline(__always)
  public mutating func follow(edgeFrom source: Span<UInt8>, to target: Span<UInt8>, usd: USD, labels: UInt16) {
    exposure.follow(edgeFrom: source, to: target, usd: usd, labels: labels)
  }

  /// Runs the checks that need the asset's ticker for their explanation: the regulatory packs
  /// (unapproved and privacy assets, warning-listed and FATF-listed counterparty VASPs, the
  /// national regime's threshold reports) and conversions into a privacy asset. Call after
  /// ``evaluate(_:into:)`` accepted the transfer.
  ///
  /// - Parameter asset: the asset's ticker as the row spells it.
  /// - Complexity: O(log r) in the days of USD/KZT rates for a transfer that may be reported,
  ///   O(1) otherwise; allocates nothing unless a check fires. A transfer in an approved,
  ///   ordinary asset with no known counterparty VASP, below the tenge threshold at any rate,
  ///   costs a few compares.
  @inline(__always)
  public mutating func evaluatePacks(_ event: TransferEvent, asset: Span<UInt8>, into sink: inout some FindingSink) {
    let mayReport = regulatory.thresholdReport.mayReport(event)
    guard mayReport || RegulatoryPackRule.mayFire(event) else { return }
    evaluatePacks(event, mayReport: mayReport, asset: asset, into: &sink)
  }

  /// The packs for a transfer that may fire one: out of line, so that the common transfer,
  /// which stops at the compares above, does not pay for the copies this part makes.
  @inline(never)
  private mutating func evaluatePacks(
    _ event: TransferEvent, mayReport: Bool, asset: Span<UInt8>, into sink: inout some FindingSink
  ) {
    let status = customers.status(of: event.customer, at: event.timestamp)
    if mayReport { regulatory.thresholdReport.evaluate(event, regime: status.regime, asset: asset, into: &sink) }
    guard RegulatoryPackRule.mayFire(event) else { return }
    regulatory.evaluate(event, status: status, asset: asset, into: &sink)
    chainHopping.evaluateConversion(event, intoAsset: asset, reference: regulatory.policy.reference, into: &sink)
  }

  /// Counts a sale toward the seller's sale-through share when its record, at the sale's time,
  /// holds a mining licence; every other transfer passes at one compare.
  ///
  /// - Parameters:
  ///   - baseUnits: the amount sold, in the asset's base units.
  ///   - asset: the asset's ticker as the row spells it.
  /// - Complexity: O(1) for a customer that is not a licensed miner; allocates only for a
  ///   miner's first sale of an asset or on a day.
  @inline(__always)
  public mutating func countMinerSale(_ event: TransferEvent, baseUnits: Int128, asset: Span<UInt8>) {
    guard event.kind == .sell, customers.status(of: event.customer, at: event.timestamp).isLicensedMiner else { return }
    minerSales.record(
      customer: event.customer, ticker: asset, day: Int32(AlmatyCalendar.localDayNumber(of: event.timestamp)),
      baseUnits: baseUnits)
  }

  /// The regime of a transfer's customer when the Travel Rule covers the transfer (a deposit or
  /// withdrawal at or above the threshold), nil when it does not: the caller then looks up the
  /// transfer's message or the wallet's ownership proof, and passes it to
  /// ``travelRuleFinding(_:regime:evidence:asset:counterpartyVASP:counterpartyAddress:)``.
  /// - Complexity: O(1); allocates nothing.
  @inline(__always)
  public mutating func travelRuleRegime(of event: TransferEvent) -> Regime? {
    let travelRule = regulatory.travelRule
    guard travelRule.mayCover(event) else { return nil }
    let regime = customers.status(of: event.customer, at: event.timestamp).regime
    return travelRule.covers(regime: regime) ? regime : nil
  }

  /// What the Travel Rule finds wrong with a covered transfer, given what the firm holds for it.
  public func travelRuleFinding(
    _ event: TransferEvent, regime: Regime, evidence: TravelRuleEvidence, asset: String, counterpartyVASP: String,
    counterpartyAddress: String
  ) -> Finding? {
    regulatory.travelRule.finding(
      for: event, regime: regime, evidence: evidence, asset: asset, counterpartyVASP: counterpartyVASP,
      counterpartyAddress: counterpartyAddress)
  }

  /// A customer record's nationality and residence against FATF's lists
  /// (`regulatory.high-risk-jurisdiction.customer`), each with the trigger its alert is named
  /// after.
  public func jurisdictionFindings(for record: CustomerRecord, customer: Int32) -> [(trigger: String, finding: Finding)] {
    regulatory.findings(for: record, customer: customer)
  }

  public func headroom(of customer: Int32, at instant: Timestamp) -> Headroom {
    retailCaps.headroom(of: customer, at: instant, customers: customers)
  }

  // MARK: - Snapshots

  static let magic: [UInt8] = Array("TAMGA-ENGINE".utf8)
  /// 2 added the exposure graph to the rules' part; 3 moved it to parts of its own, a checkpoint
  /// and per-file deltas; 4 added which customers have deposited (the new-account typology); 5
  /// each customer's latest transfer (the dormant-account typology); 6 the times of each
  /// customer's latest just-below transfers (structuring); 7 the windows of rapid pass-through,
  /// new-account drains, high-value bursts, chain-hopping, fan-in and fan-out; 8 the
  /// shared-external-address tables (addresses' customers, and the pairs alerted), and each
  /// customer's recent withdrawal addresses (round-tripping); 9 whether a customer is a licensed
  /// miner, and the miners' daily sales. Formats 1 to 8 still restore, with what they lack empty.
  static let formatVersion: UInt32 = 9
  /// The snapshot format this build writes, stored beside the bytes.
  public static var snapshotFormat: UInt32 { formatVersion }

  /// The engine's state as bytes, in two parts: the customer book, which only customer files
  /// change, and the rules' per-customer state, which every transfer file changes. A replay
  /// stores each part with the file that changed it.
  public func snapshot() -> EngineSnapshot {
    EngineSnapshot(customers: customersSnapshot(), rules: rulesSnapshot(), exposure: exposureCheckpoint())
  }

  /// The whole exposure graph, to be saved as the checkpoint that later deltas build on.
  public func exposureCheckpoint() -> [UInt8] {
    var out = BinaryWriter()
    out.bytes(Self.magic)
    out.u32(Self.formatVersion)
    out.exposure(exposure.graph)
    return out.buffer
  }

  /// What the exposure graph changed by since it was last saved (``exposureSaved()``).
  public func exposureDelta() -> [UInt8] {
    var out = BinaryWriter()
    out.bytes(Self.magic)
    out.u32(Self.formatVersion)
    out.bytes(exposure.graph.delta())
    return out.buffer
  }

  /// Whether the exposure graph changed since it was last saved.
  public var exposureHasChanges: Bool { exposure.graph.hasChanges }

  /// Marks the exposure graph saved (after the checkpoint or delta was committed).
  public mutating func exposureSaved() { exposure.graph.markSaved() }

  public func customersSnapshot() -> [UInt8] {
    var out = BinaryWriter()
    out.buffer.reserveCapacity(customers.count * 48 + 64)
    out.bytes(Self.magic)
    out.u32(Self.formatVersion)
    out.u32(UInt32(customers.count))
    let ids = customers.ids.storedForm
    out.bytes(ids.arena)
    out.plain(ids.ends.map { UInt32(truncatingIfNeeded: $0) })
    out.plain(customers.packed)
    let refreshed = customers.earlier.keys.sorted()
    out.u32(UInt32(refreshed.count))
    for customer in refreshed {
      let history = customers.earlier[customer] ?? []
      out.u32(UInt32(customer))
      out.u32(UInt32(history.count))
      for status in history { out.status(status) }
    }
    return out.buffer
  }

  public func rulesSnapshot() -> [UInt8] {
    var out = BinaryWriter()
    out.buffer.reserveCapacity(retailCaps.totals.count * 48 + 64)
    out.bytes(Self.magic)
    out.u32(Self.formatVersion)
    out.totals(retailCaps.totals)
    // The typologies' tables, cut at the last customer (they grow by doubling).
    let count = customers.count
    out.plain(newAccountDeposits.hasDeposited, upTo: (count + 63) / 64)
    out.plain(dormantAccounts.lastActivity, upTo: count)
    out.recentTimes(structuring.recent, customers: count)
    out.plain(rapidPassThrough.windows, upTo: count * 4)
    out.plain(newAccountDrains.flows, upTo: count * 2)
    out.recentTimes(highValueBursts.recent, customers: count)
    out.recentTimes(chainHopping.recent, customers: count)
    out.counterparties(fanIn.senders, customers: count)
    out.counterparties(fanOut.recipients, customers: count)
    // Keyed by address (and by customer and address), not customer: their entries in use.
    out.addressCustomers(sharedExternalAddress.addresses)
    out.addressCustomers(sharedExternalAddress.alerted)
    out.counterparties(roundTripping.destinations, customers: count)
    out.minerSales(minerSales)
    return out.buffer
  }

  /// Restores a snapshot taken by ``snapshot()``, under this run's configuration.
  public init(restoring snapshot: EngineSnapshot, configuration: RulesConfiguration) throws(SnapshotError) {
    self.init(configuration: configuration)
    var input = BinaryReader(snapshot.customers)
    let customersVersion = try Self.readHeader(&input)
    let count = Int(try input.u32())
    let arena = try input.bytes()
    let storedEnds = try input.plain(UInt32.self)
    guard storedEnds.count == count else { throw SnapshotError("engine snapshot has a damaged customer table") }
    var ends = [Int]()
    ends.reserveCapacity(count)
    var previous = 0
    for stored in storedEnds {
      let end = Int(stored)
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
      for _ in 0..<Int(try input.u32()) { history.append(try input.status(format: customersVersion)) }
      guard customer >= 0, Int(customer) < count else { throw SnapshotError("engine snapshot has a damaged history") }
      earlier[customer] = history
    }
    guard input.isAtEnd else { throw SnapshotError("engine snapshot has trailing bytes") }
    customers = CustomerBook(ids: InternTable(arena: arena, ends: ends), packed: packed, earlier: earlier)

    var rules = BinaryReader(snapshot.rules)
    let rulesVersion = try Self.readHeader(&rules)
    retailCaps.totals = try rules.totals()
    if rulesVersion == 2 {
      exposure.graph = try rules.exposure()
      exposure.policy.hopLimit = exposure.graph.hopLimit
    }
    if rulesVersion >= 4 { newAccountDeposits.hasDeposited = try rules.plain(UInt64.self) }
    if rulesVersion >= 5 { dormantAccounts.lastActivity = try rules.plain(Int64.self) }
    if rulesVersion >= 6 {
      // Kept only if counted for the same number of transfers as now configured.
      structuring.recent = try rules.recentTimes(width: structuring.policy.minimumTransfers)
    }
    if rulesVersion >= 7 {
      rapidPassThrough.windows = try rules.plain(Int64.self)
      newAccountDrains.flows = try rules.plain(Int64.self)
      highValueBursts.recent = try rules.recentTimes(width: highValueBursts.policy.minimumTransfers)
      chainHopping.recent = try rules.recentTimes(width: chainHopping.policy.minimumConversions)
      fanIn.senders = try rules.counterparties(width: fanIn.policy.minimumSenders)
      fanOut.recipients = try rules.counterparties(width: fanOut.policy.minimumRecipients)
      guard rapidPassThrough.windows.count % 4 == 0, newAccountDrains.flows.count % 2 == 0 else {
        throw SnapshotError("engine snapshot has a damaged typology table")
      }
    }
    if rulesVersion >= 8 {
      sharedExternalAddress.addresses = try rules.addressCustomers(width: sharedExternalAddress.policy.minimumCustomers)
      sharedExternalAddress.alerted = try rules.addressCustomers(width: 1)
      roundTripping.destinations = try rules.counterparties(width: RoundTrippingRule.trackedAddresses)
    }
    if rulesVersion >= 9 { minerSales = try rules.minerSales(customers: count) }
    guard retailCaps.totals.count <= count else {
      throw SnapshotError("engine snapshot tracks more customers than it names")
    }
    guard rules.isAtEnd else { throw SnapshotError("engine snapshot has trailing bytes") }
    if let checkpoint = snapshot.exposure {
      var input = BinaryReader(checkpoint)
      _ = try Self.readHeader(&input)
      exposure.graph = try input.exposure()
      exposure.policy.hopLimit = exposure.graph.hopLimit
      guard input.isAtEnd else { throw SnapshotError("engine snapshot has trailing bytes") }
    }
    for delta in snapshot.exposureDeltas {
      var input = BinaryReader(delta)
      _ = try Self.readHeader(&input)
      try exposure.graph.apply(delta: try input.bytes())
      guard input.isAtEnd else { throw SnapshotError("engine snapshot has trailing bytes") }
    }
  }

  /// Reads the magic and the format, which this build reads from 1 to ``formatVersion``.
  private static func readHeader(_ input: inout BinaryReader) throws(SnapshotError) -> UInt32 {
    guard try input.bytes() == magic else { throw SnapshotError("not an engine snapshot") }
    let version = try input.u32()
    guard (1...formatVersion).contains(version) else {
      throw SnapshotError("engine snapshot format \(version); this build reads formats 1 to \(formatVersion)")
    }
    return version
  }
}

/// The engine's state as stored: the customer book and the rules' state, apart.
public struct EngineSnapshot: Sendable, Equatable {
  public static let customersPart = "customers"
  public static let rulesPart = "rules"
  /// The exposure graph as of its last checkpoint.
  public static let exposurePart = "exposure"
  /// What the graph changed by since the checkpoint, one part per file, in file order: the part
  /// name carries the ingest id, zero-padded so that name order is file order.
  public static let exposureDeltaPrefix = "exposure-delta-"

  public static func exposureDeltaPart(ingest: Int64) -> String {
    let digits = String(ingest)
    return exposureDeltaPrefix + String(repeating: "0", count: max(0, 16 - digits.count)) + digits
  }

  public var customers: [UInt8]
  public var rules: [UInt8]
  /// The graph's checkpoint (nil: none saved), and the deltas after it in order.
  public var exposure: [UInt8]?
  public var exposureDeltas: [[UInt8]]

  public init(customers: [UInt8], rules: [UInt8], exposure: [UInt8]? = nil, exposureDeltas: [[UInt8]] = []) {
    self.customers = customers
    self.rules = rules
    self.exposure = exposure
    self.exposureDeltas = exposureDeltas
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
