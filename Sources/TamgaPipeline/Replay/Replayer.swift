import Foundation
public import TamgaModel
import TamgaIngest
public import TamgaRules
import TamgaScreening
public import TamgaStore

/// Replays a day's files into the case store: ingest → engine → store, one file at a time.
///
/// Each file is one transaction with its ledger entry and the engine state after it, so:
/// a file already in the ledger (same SHA-256) is skipped and said so; a run killed at any
/// point leaves the store exactly as before that file, and running again replays it whole; and
/// replaying day 1 and day 2 in two runs gives the alerts of one run over both.
public final class Replayer {
  public let store: CaseStore
  public let configuration: TamgaConfiguration
  /// The engine as the store left it; read when first needed, so that it is restored while
  /// the first file's reader thread already fills its buffers.
  private var restored: Engine?
  /// The lists screened against, read from the store once per run: the entries with addresses
  /// for transfers files, every entry and the name index once a customers file needs them.
  private var screeningLists: ScreeningLists?

  /// Opens the replay on `store`; the engine state the store holds is restored when first
  /// needed.
  public init(store: CaseStore, configuration: TamgaConfiguration = TamgaConfiguration()) throws {
    self.store = store
    self.configuration = configuration
  }

  private func engine() throws -> Engine {
    if let restored { return restored }
    let engine = try Self.savedEngine(in: store, configuration: configuration)
    restored = engine
    return engine
  }

  /// The store's active list snapshots; `.none` when screening is off.
  private func lists(_ scope: ScreeningLists.Scope) throws -> ScreeningLists {
    guard configuration.screening.isEnabled else { return .none }
    if let lists = screeningLists, lists.scope >= scope { return lists }
    let lists = try ScreeningLists.active(in: store, scope: scope)
    screeningLists = lists
    return lists
  }

  /// The engine as the store's last committed file left it (a new engine for a store that
  /// holds no state yet).
  public static func savedEngine(in store: CaseStore, configuration: TamgaConfiguration) throws -> Engine {
    let parts = try store.engineState()
    guard let customers = parts[EngineSnapshot.customersPart], let rules = parts[EngineSnapshot.rulesPart] else {
      return Engine(configuration: configuration.rules)
    }
    let deltas = parts.keys.filter { $0.hasPrefix(EngineSnapshot.exposureDeltaPrefix) }.sorted().compactMap { parts[$0]?.bytes }
    return try Engine(
      restoring: EngineSnapshot(
        customers: customers.bytes, rules: try ZeroRuns.decode(rules.bytes), exposure: parts[EngineSnapshot.exposurePart]?.bytes,
        exposureDeltas: deltas),
      configuration: configuration.rules)
  }

  /// The engine-state part that records what the customers on record were last checked against
  /// for FATF's lists (``RegulatoryPackRule/customerCheckFingerprint``).
  static let customerCheckPart = "fatf-customer-check"

  /// Re-checks every customer's newest record against FATF's lists when they, or the check's
  /// regimes or listings, differ from what the store's customers were last checked against;
  /// returns the alerts raised.
  ///
  /// Why: a customer is checked when its records are replayed, and FATF revises its lists three
  /// times a year. Without this, a customer onboarded before a country was listed would never
  /// be alerted. The alerts keep the triggers of a record's check, so a listing already alerted
  /// is not alerted again; they are dated no earlier than the list's publication and belong to
  /// the file during whose replay the change was found. A store written before this re-checks
  /// once: its customers' alerts are kept, and only listings not yet alerted are raised. A store
  /// that held no customers before this file has nothing to re-check: this file's records were
  /// checked as they were read.
  ///
  /// - Parameter customersBefore: how many customers the store held before this file.
  static func recheckCustomersIfTheFATFListChanged(
    rule: RegulatoryPackRule, customers: CustomerBook, customersBefore: Int, batch: IngestBatch, ingest: Int64
  ) throws -> Int {
    let fingerprint = rule.customerCheckFingerprint
    let recorded = try batch.engineState(part: customerCheckPart)
    guard recorded != fingerprint else { return 0 }
    var raised = 0
    if recorded != nil || customersBefore > 0 {
      try batch.forEachCurrentCustomerRecord { record in
        for (trigger, finding) in rule.recheckFindings(for: record, customer: customers.customer(record.customerID) ?? -1) {
          let alert = Alert(finding: finding, customerID: record.customerID, trigger: trigger)
          if try batch.insert(alert, ingest: ingest) { raised += 1 }
        }
      }
    }
    try batch.saveEngineState(part: customerCheckPart, fingerprint, format: Int(Engine.snapshotFormat), ingest: ingest)
    return raised
  }

  /// Saves what the exposure graph changed by in this file: a delta part, or, when the deltas
  /// would outgrow the checkpoint (or there is none yet), a new checkpoint that folds them in.
  ///
  /// Why: the graph grows with every new address; rewritten whole after every file it would
  /// cost more each day. A delta is about the size of the file's new addresses, and a checkpoint
  /// is rewritten only when the deltas since it have grown as large, so the bytes written stay
  /// within twice what the graph holds.
  static func saveExposure(of engine: inout Engine, in batch: IngestBatch, ingest: Int64, format: Int) throws {
    let sizes = try batch.engineStateSizes(prefix: EngineSnapshot.exposurePart)
    let checkpointSize = sizes[EngineSnapshot.exposurePart]
    guard engine.exposureHasChanges || (checkpointSize == nil && !engine.exposure.graph.isEmpty) else { return }
    let delta = engine.exposureDelta()
    let deltaSizes = sizes.filter { $0.key.hasPrefix(EngineSnapshot.exposureDeltaPrefix) }.values.reduce(0, +)
    if let checkpointSize, deltaSizes + delta.count <= checkpointSize {
      try batch.saveEngineState(part: EngineSnapshot.exposureDeltaPart(ingest: ingest), delta, format: format, ingest: ingest)
    } else {
      try batch.saveEngineState(part: EngineSnapshot.exposurePart, engine.exposureCheckpoint(), format: format, ingest: ingest)
      try batch.deleteEngineState(partsWithPrefix: EngineSnapshot.exposureDeltaPrefix)
    }
    engine.exposureSaved()
  }

  /// Replays customer files, then Travel Rule files, chain-edge files, transfer files and
  /// miners' declarations, each in the order given.
  ///
  /// Chain edges come before transfers so that a day's on-chain flows have tainted the
  /// addresses its deposits come from (see ``ChainEdgePass`` for what edges do and do not do).
  /// Declarations come after, so that a period ending with the transfers replayed beside them
  /// is checked with all its sales.
  /// Every file is checked to be readable (header, required columns, compression) before the
  /// first one is replayed.
  /// - Throws: ``IngestError`` for a file that cannot be read (nothing of that file, or of any
  ///   file after it, is written); ``StoreError`` when the store fails.
  public func replay(
    customers: [String] = [], travelRule: [String] = [], chainEdges: [String] = [], transfers: [String] = [],
    minerDeclarations: [String] = [], progress: ((ReplayProgress) -> Void)? = nil
  ) throws -> ReplaySummary {
    // Travel Rule records before the transfers they cover: a message travels with its transfer.
    let plan = customers.map { (SourceFile(path: $0), LedgerEntry.Kind.customers) }
      + travelRule.map { (SourceFile(path: $0), LedgerEntry.Kind.travelRule) }
      + chainEdges.map { (SourceFile(path: $0), LedgerEntry.Kind.chainEdges) }
      + transfers.map { (SourceFile(path: $0), LedgerEntry.Kind.transfers) }
      + minerDeclarations.map { (SourceFile(path: $0), LedgerEntry.Kind.minerDeclarations) }
    for (source, kind) in plan {
      try RecordReader.checkReadable(source, schema: Self.schema(of: kind))
    }
    var summary = ReplaySummary()
    let clock = ContinuousClock()
    let started = clock.now
    // Before the new files: what was overdue since the last run escalates; a case these files
    // open is due from now and gets its chance until the next replay or sweep.
    summary.cases += try sweepOverdueCases()
    for (source, kind) in plan {
      let head = try FileProbe.head(of: source)
      if let earlier = try alreadyIngested(source, head: head) {
        summary.files.append(FileOutcome(path: source.path, kind: kind, entry: earlier, wasAlreadyIngested: true))
        continue
      }
      var cases = EscalationOutcome()
      let entry = try replayFile(
        source, head: head, kind: kind, progress: progress, runningTotals: summary, cases: &cases)
      summary.files.append(FileOutcome(path: source.path, kind: kind, entry: entry, wasAlreadyIngested: false))
      summary.cases += cases
    }
    summary.elapsed = clock.now - started
    return summary
  }

  /// The columns of the files a replay reads.
  static func schema(of kind: LedgerEntry.Kind) -> Schema {
    switch kind {
    case .customers: CustomerDecoder.schema
    case .transfers: TransferDecoder.schema
    case .travelRule: TravelRuleDecoder.schema
    case .chainEdges: ChainEdgeDecoder.schema
    case .minerDeclarations: MinerDeclarationDecoder.schema
    }
  }

  /// The ledger entry of a file with the same bytes, if any. Only a file whose size and first
  /// MiB match an entry is hashed in full here; a new file is hashed while it is replayed.
  func alreadyIngested(_ source: SourceFile, head: FileProbe.Head) throws -> LedgerEntry? {
    let candidates = try store.ledgerCandidates(headSHA256: head.sha256, byteCount: head.byteCount)
    guard !candidates.isEmpty else { return nil }
    let full = try FileProbe.sha256(of: source)
    return candidates.first { $0.sha256 == full }
  }

  private func replayFile(
    _ source: SourceFile, head: FileProbe.Head, kind: LedgerEntry.Kind, progress: ((ReplayProgress) -> Void)?,
    runningTotals: ReplaySummary, cases: inout EscalationOutcome
  ) throws -> LedgerEntry {
    let format = RecordFormat(path: source.path)
    var entry = LedgerEntry(
      fileName: source.name, path: source.path, kind: kind, format: format.rawValue,
      // A placeholder until the whole file is hashed, unique to this size and head.
      sha256: "pending:\(head.sha256):\(head.byteCount)", headSHA256: head.sha256, byteCount: head.byteCount,
      ingestedAt: .wallClock())
    // Transfers: more, smaller buffers, because decoded batches keep theirs held until they
    // are stored, while the framing thread reads on. Customers and chain edges are taken
    // record by record in the reader's callback, which holds no buffer.
    let isBatched = kind == .transfers
    let reader = RecordReader(
      source: source, schema: Self.schema(of: kind), format: format, maxRecordBytes: configuration.maxRecordBytes,
      chunkSize: isBatched ? 2 << 20 : 4 << 20, bufferCount: isBatched ? 8 : 4)
    // Reading (and inflating) starts now and overlaps restoring the engine.
    try reader.prepare()
    let meter = ProgressMeter(file: source.path, base: runningTotals, report: progress)
    let lists = try self.lists(kind == .customers ? .names : .addresses)
    let screener = CustomerScreener(
      lists: lists, configuration: configuration.screening,
      clearances: kind == .customers && !lists.isEmpty ? try store.screeningClearances() : [])
    // The pass takes the engine over rather than sharing it, so its arrays are not copied on
    // the first write. If the file fails, its transaction rolls back and the engine is read
    // back from the store as that transaction left it.
    var engine = try self.engine()
    restored = nil
    defer { restored = engine }
    let travelRule =
      kind == .transfers
      ? try TravelRuleBook(store: store, customers: engine.customers, policy: configuration.rules.regulatory.travelRule)
      : .inactive
    do {
      return try replay(
        source, kind: kind, reader: reader, isGzip: head.isGzip, entry: &entry, meter: meter, screener: screener,
        travelRule: travelRule, engine: &engine, cases: &cases)
    } catch {
      engine = try Self.savedEngine(in: store, configuration: configuration)
      throw error
    }
  }

  private func replay(
    _ source: SourceFile, kind: LedgerEntry.Kind, reader: RecordReader, isGzip: Bool, entry: inout LedgerEntry,
    meter: ProgressMeter, screener: CustomerScreener, travelRule: TravelRuleBook, engine: inout Engine,
    cases: inout EscalationOutcome
  ) throws -> LedgerEntry {
    let lists = screener.lists
    let customersBefore = engine.customers.count
    return try store.write { batch in
      entry.id = try batch.beginIngest(entry)
      let fingerprint: SourceFingerprint
      switch kind {
      case .customers:
        var pass = CustomerPass(engine: engine, batch: batch, ingest: entry.id, screener: screener, meter: meter)
        engine = Engine()
        fingerprint = try reader.read(record: { try pass.take($0) }, reject: { try pass.reject($0) })
        try pass.flush()
        engine = pass.engine
        pass.counts.complete(&entry)
        pass.counts.meter.finish()
      case .transfers:
        let customers = engine.customers
        var pass = TransferPass(
          batch: batch, ingest: entry.id, file: source.path, customers: customers, lists: lists,
          exposure: configuration.exposure, meter: meter)
        let evaluation = TransferEvaluation(engine: engine, lists: lists, travelRule: travelRule)
        let reference = configuration.rules.regulatory.reference
        engine = Engine()
        var evaluated: TransferEvaluation
        if isGzip {
          // Inflating keeps one core busy: frame, evaluate and store on this thread, on the other.
          var framer = Framer(
            reader: reader, customers: customers, addresses: lists.addresses, reference: reference,
            sink: InlineSink(evaluation: evaluation, pass: pass))
          fingerprint = try reader.read(
            record: { try framer.take($0) }, reject: { framer.reject($0) }, windowEnd: { try framer.ship() })
          try framer.ship()
          evaluated = framer.sink.evaluation
          pass = framer.sink.pass
        } else {
          // Framing and the rules on threads of their own; this one, holding the transaction, stores.
          let pipeline = TransferPipeline(
            reader, customers: customers, addresses: lists.addresses, reference: reference, evaluation: evaluation)
          (evaluated, fingerprint) = try pipeline.drain { try pass.store($0) }
        }
        engine = evaluated.engine
        try batch.markTravelRuleMessagesMatched(evaluated.travelRule.usedTransferIDs, ingest: entry.id)
        pass.counts.complete(&entry)
        pass.counts.meter.finish()
      case .travelRule:
        var pass = TravelRulePass(batch: batch, ingest: entry.id, format: reader.format, meter: meter)
        fingerprint = try reader.read(record: { try pass.take($0) }, reject: { try pass.reject($0) })
        pass.counts.complete(&entry)
        pass.counts.meter.finish()
      case .chainEdges:
        var pass = ChainEdgePass(engine: engine, batch: batch, ingest: entry.id, lists: lists, meter: meter)
        engine = Engine()
        fingerprint = try reader.read(record: { try pass.take($0) }, reject: { try pass.reject($0) })
        engine = pass.engine
        pass.counts.complete(&entry)
        pass.counts.meter.finish()
      case .minerDeclarations:
        var pass = MinerDeclarationPass(customers: engine.customers, batch: batch, ingest: entry.id, meter: meter)
        fingerprint = try reader.read(record: { try pass.take($0) }, reject: { try pass.reject($0) })
        pass.counts.complete(&entry)
        pass.counts.meter.finish()
      }
      if kind == .transfers || kind == .minerDeclarations {
        entry.alertsRaised += try MinerSaleThroughCheck.run(
          engine: engine, batch: batch, ingest: entry.id, latestTransfer: kind == .transfers ? entry.lastEventAt : nil)
      }
      entry.alertsRaised += try Self.recheckCustomersIfTheFATFListChanged(
        rule: engine.regulatory, customers: engine.customers, customersBefore: customersBefore, batch: batch,
        ingest: entry.id)
      // The engine is final now. A Travel Rule or declarations file leaves it untouched: its
      // state needs no saving. A transfers file leaves the customer book as it was: only the
      // rules' part is rewritten. A chain-edge file changes only the exposure graph, but the
      // engine is restored only from a store holding both other parts: the first file a store
      // ever takes writes them too.
      let savesState = kind != .travelRule && kind != .minerDeclarations
      let isFirstState = try kind == .chainEdges && batch.engineStateSizes(prefix: EngineSnapshot.rulesPart).isEmpty
      // Mostly empty window slots, rewritten with every file: stored without their zero runs,
      // and laid out on the idle core while this thread groups the alerts into cases.
      let settled = engine
      let rulesState =
        savesState && (kind != .chainEdges || isFirstState)
        ? OnItsOwnThread(named: "tamga-rules-state") { ZeroRuns.encode(settled.rulesSnapshot()) } : nil
      // In the same transaction: a file's alerts are never committed without their cases.
      cases = try Escalation(policy: configuration.escalation).group(batch.storedAlerts, in: batch.cases)
      entry.sha256 = fingerprint.sha256
      entry.byteCount = fingerprint.byteCount
      try batch.finishIngest(entry)
      guard savesState else { return entry }
      let format = Int(Engine.snapshotFormat)
      if kind == .customers || isFirstState {
        try batch.saveEngineState(part: EngineSnapshot.customersPart, engine.customersSnapshot(), format: format, ingest: entry.id)
      }
      if let rulesState {
        try batch.saveEngineState(part: EngineSnapshot.rulesPart, rulesState.value(), format: format, ingest: entry.id)
      }
      try Self.saveExposure(of: &engine, in: batch, ingest: entry.id, format: format)
      return entry
    }
  }

  /// Escalates the undecided cases past their due time (`tamga cases sweep` does the same).
  public func sweepOverdueCases() throws -> EscalationOutcome {
    let escalation = Escalation(policy: configuration.escalation)
    guard escalation.policy.isEnabled else { return EscalationOutcome() }
    return try store.caseWork { try escalation.sweep(in: $0) }
  }

  /// An address's exposure as the stored engine state holds it, and the labels that name it:
  /// what `tamga exposure ADDRESS` prints. Nil when the graph never saw value flow into the
  /// address and no labels snapshot names it.
  public func exposure(ofAddress address: String) throws -> AddressExposure? {
    let engine = try engine()
    let lists = try ScreeningLists.active(in: store, scope: .addresses)
    let labels = lists.addresses.hits(address: address).compactMap { listed -> AddressExposure.Label? in
      guard let position = lists.position(of: listed.entryReference) else { return nil }
      let source = lists.source(ofEntry: position)
      guard source.purpose == .exposure else { return nil }
      return AddressExposure.Label(
        categories: listed.programs.compactMap(ExposureCategory.init(rawValue:)), entity: listed.entryName,
        snapshot: source.name)
    }
    let key = WalletAddress.normalize(address, chainHint: nil)
    guard let node = engine.exposure.graph.existingAddress(key) else {
      return labels.isEmpty ? nil : AddressExposure(address: key, labels: labels, received: .zero, categories: [], policy: engine.exposure.policy)
    }
    return AddressExposure(
      address: key, labels: labels, received: USD(cents: engine.exposure.graph.received(node)),
      categories: engine.exposure.exposure(of: node).map {
        AddressExposure.Share(category: $0.category, taintedByHop: $0.tainted.map(USD.init(cents:)), basisPoints: $0.basisPoints)
      },
      policy: engine.exposure.policy)
  }

  /// What a retail client may still buy at `instant`, from the engine state in the store.
  public func headroom(customerID: String, at instant: Timestamp) throws -> Headroom? {
    let engine = try engine()
    guard let customer = engine.customers.customer(customerID) else { return nil }
    return engine.headroom(of: customer, at: instant)
  }
}

/// Findings of one transfer, kept in a reused array so a quiet transfer allocates nothing.
struct FindingBuffer: FindingSink {
  var findings: [Finding] = []
  var isEmpty: Bool { findings.isEmpty }
  mutating func raise(_ finding: Finding) { findings.append(finding) }
  mutating func clear() { findings.removeAll(keepingCapacity: true) }
}

extension Alert {
  /// The stored alert for a rule's finding on a transfer: the transfer id leads the
  /// explanation, and the id is stable across replays (rule, customer, transfer id).
  init(finding: Finding, customerID: String, transferID: String) {
    var explanation = Explanation()
    explanation.append("transfer_id", .text(transferID))
    explanation.append("transfer_at", .time(finding.eventAt))
    for entry in finding.explanation.entries { explanation.append(entry.key, entry.value) }
    self.init(
      id: Alert.stableID(rule: finding.ruleID, subject: customerID, trigger: transferID),
      ruleID: finding.ruleID, severity: finding.severity, customerID: customerID, eventAt: finding.eventAt,
      summary: finding.summary, explanation: explanation)
  }

  /// An alert about a customer record rather than a transfer, named after `trigger`.
  init(finding: Finding, customerID: String, trigger: String) {
    self.init(
      id: Alert.stableID(rule: finding.ruleID, subject: customerID, trigger: trigger),
      ruleID: finding.ruleID, severity: finding.severity, customerID: customerID, eventAt: finding.eventAt,
      summary: finding.summary, explanation: finding.explanation)
  }
}


/// One address's exposure: the labels that name it (direct) and the value it received, with the
/// share of each category hop by hop (indirect).
public struct AddressExposure: Sendable {
  public struct Label: Sendable {
    public var categories: [ExposureCategory]
    public var entity: String
    public var snapshot: String
  }

  public struct Share: Sendable {
    public var category: ExposureCategory
    /// Tainted value received, hop 1 first.
    public var taintedByHop: [USD]
    /// The weighted share of all value received, in basis points.
    public var basisPoints: Int
  }

  /// The address as matched (EVM hex and bech32 lower-cased).
  public var address: String
  public var labels: [Label]
  public var received: USD
  public var categories: [Share]
  /// The hop limit, decay and thresholds the shares and alerts use.
  public var policy: ExposurePolicy
}
