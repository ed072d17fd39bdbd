public import TamgaModel

/// How indirect exposure is carried and when it alerts, with documented defaults.
public struct ExposurePolicy: Sendable, Equatable {
  /// Whether transfers move exposure and raise indirect exposure alerts. Default true.
  public var isEnabled = true
  /// Hops from a labelled address that are carried. Default 3: the counterparty received from
  /// the labelled address itself (1), through one intermediary (2) or through two (3); beyond
  /// that, attribution is more noise than evidence.
  public var hopLimit = 3
  /// What each hop beyond the first counts, in percent of the one before. Default 50: value two
  /// hops from a darknet market weighs half, three hops a quarter.
  public var decayPercent = 50
  /// The least weighted share of a counterparty's received value, in basis points, that raises
  /// an indirect alert, by risk class. Defaults: severe 0.5% (50), high 5% (500), medium 25%
  /// (2,500), the thresholds KYT vendors apply.
  public var thresholdBasisPoints: [ExposureRiskClass: Int] = [.severe: 50, .high: 500, .medium: 2_500]

  public init() {}

  /// The weighted share of `received` that `tainted` (per hop, hop 1 first) amounts to, in basis
  /// points, rounded down: Σ decay^(h−1) × tainted[h] ÷ received. Integer arithmetic throughout.
  public func shareBasisPoints(tainted: [Int64], received: Int64) -> Int {
    guard received > 0, !tainted.isEmpty else { return 0 }
    let hops = tainted.count
    var scale: Int128 = 1
    for _ in 1..<max(hops, 1) { scale *= 100 }
    // Σ tainted[h] × decay^(h−1) × 100^(hops − h), over received × 100^(hops − 1).
    var weighted: Int128 = 0
    var decay: Int128 = 1
    var remaining = scale
    for hop in 0..<hops {
      weighted += Int128(tainted[hop]) * decay * remaining
      decay *= Int128(decayPercent)
      remaining /= 100
    }
    return Int(weighted * 10_000 / (Int128(received) * scale))
  }
}

/// Indirect exposure: `exposure.indirect.<category>` (`exposure.indirect.darknet_market`, …).
///
/// **What fires.** A deposit from, or a withdrawal to, a counterparty address whose received
/// value came, by the weighted share ``ExposurePolicy/shareBasisPoints(tainted:received:)``,
/// from addresses labelled with a category at or above its risk class's threshold (defaults:
/// severe 0.5%, high 5%, medium 25%). One alert per category over its threshold, on every such
/// transfer, severity the class's. The share is the counterparty's before the transfer: what
/// the customer could have known when it happened.
///
/// **What moves exposure.** Every deposit (the counterparty's value into the customer's account)
/// and withdrawal (the customer's value out to the counterparty) with a USD value, by the
/// haircut method of ``ExposureGraph``; labelled addresses (from the labels snapshots) are the
/// sources. Value flows between customers' accounts through the addresses they send to: a
/// customer who withdraws darknet-tainted value to an address makes that address exposed for the
/// next customer who deposits from it.
///
/// Transfers between outside addresses seen on chain (chain-edge files) move value the same
/// way, address to address, and raise nothing themselves: their effect is the share a later
/// deposit or withdrawal meets (see ``follow(edgeFrom:to:usd:labels:)``).
///
/// **What it misses, deliberately.** Trades (`buy`, `sell`, `convert`) move no value between
/// parties; a transfer without a USD value cannot be weighed and moves nothing; direct exposure
/// (the counterparty is itself labelled) is the business of `exposure.direct.*`; value beyond
/// the hop limit is dropped; the graph knows only the flows it has seen.
///
/// **Explanation**: the counterparty, the category and its class, the weighted share and the
/// threshold (basis points), the counterparty's received cents and its tainted cents per hop,
/// the hop limit and the decay.
///
/// - Complexity: O(categories × hops) per transfer; allocates only when it fires or a node is new.
public struct IndirectExposureRule: Sendable {
  public var policy: ExposurePolicy
  public internal(set) var graph: ExposureGraph

  public init(policy: ExposurePolicy = ExposurePolicy()) {
    self.policy = policy
    graph = ExposureGraph(hopLimit: policy.hopLimit)
  }

  public static func ruleID(_ category: ExposureCategory) -> RuleID { RuleID("exposure.indirect.\(category.rawValue)") }

  public var ruleIDs: [RuleID] { ExposureCategory.allCases.map(Self.ruleID) }

  /// The weighted share per category of what `node` received, hop by hop.
  public func exposure(of node: ExposureGraph.Node) -> [(category: ExposureCategory, tainted: [Int64], basisPoints: Int)] {
    let received = graph.received(node)
    return ExposureCategory.allCases.compactMap { category in
      let tainted = (1...graph.hopLimit).map { graph.tainted(node, category, hop: $0) }
      guard tainted.contains(where: { $0 > 0 }) else { return nil }
      return (category, tainted, policy.shareBasisPoints(tainted: tainted, received: received))
    }
  }

  /// Evaluates a transfer with a counterparty address (its matching key), then moves its value
  /// through the graph. A deposit's counterparty is only looked up: an address the graph never
  /// saw receive value has no shares and needs no node.
  mutating func evaluate(
    _ event: TransferEvent, counterparty key: Span<UInt8>, labels: UInt16, into sink: inout some FindingSink
  ) {
    guard policy.isEnabled, let usd = event.usdValue else { return }
    let customer = ExposureGraph.Node.customer(event.customer)
    switch event.kind {
    case .deposit:
      let counterparty = graph.existingAddress(key)
      if let counterparty, graph.row(of: counterparty) != nil {
        raiseAlerts(event, counterparty: counterparty, usd: usd, into: &sink)
      }
      graph.flow(from: counterparty, to: customer, cents: usd.cents, labels: labels)
    case .withdrawal:
      let counterparty = graph.address(key)
      if graph.row(of: counterparty) != nil { raiseAlerts(event, counterparty: counterparty, usd: usd, into: &sink) }
      graph.flow(from: customer, to: counterparty, cents: usd.cents, labels: 0)
    default:
      return
    }
  }

  /// Moves a chain edge's value from one outside address to another: the target receives it
  /// with the source's shares one hop further, or at hop 1 for each category the source is
  /// labelled with. Raises nothing: neither address is a customer's.
  ///
  /// - Parameters:
  ///   - source: the sending address's matching key; looked up only, as a deposit's counterparty
  ///     is: an address the graph never saw receive value has no shares and needs no node.
  ///   - target: the receiving address's matching key; added on first sight.
  ///   - labels: the categories `source` is labelled with (`ExposureCategory.bit`).
  /// - Complexity: O(categories × hops) when the source is tainted or labelled, O(1) otherwise;
  ///   allocates only when the target is new to the graph or first tainted.
  mutating func follow(edgeFrom source: Span<UInt8>, to target: Span<UInt8>, usd: USD, labels: UInt16) {
    guard policy.isEnabled, usd.cents > 0 else { return }
    // An address paying itself receives nothing new; without this check a source the graph has
    // not seen would be added as a target that received its own value.
    let isSelf = source.withUnsafeBufferPointer { from in target.withUnsafeBufferPointer { from.elementsEqual($0) } }
    guard !isSelf else { return }
    graph.flow(from: graph.existingAddress(source), to: graph.address(target), cents: usd.cents, labels: labels)
  }

  private func raiseAlerts(_ event: TransferEvent, counterparty: ExposureGraph.Node, usd: USD, into sink: inout some FindingSink) {
    let received = graph.received(counterparty)
    for (category, tainted, share) in exposure(of: counterparty) {
      let threshold = policy.thresholdBasisPoints[category.riskClass] ?? Int.max
      guard share >= threshold else { continue }
      var explanation = Explanation()
      if case .address(let id) = counterparty {
        explanation.append("counterparty_address", .text(graph.addresses.key(id)))
      }
      explanation.append("category", .text(category.rawValue))
      explanation.append("risk_class", .text(category.riskClass.rawValue))
      explanation.append("share_basis_points", .integer(Int64(share)))
      explanation.append("threshold_basis_points", .integer(Int64(threshold)))
      explanation.append("counterparty_received", .usd(USD(cents: received)))
      explanation.append("counterparty_tainted_by_hop", .list(tainted.map { .usd(USD(cents: $0)) }))
      explanation.append("hop_limit", .integer(Int64(policy.hopLimit)))
      explanation.append("decay_percent", .integer(Int64(policy.decayPercent)))
      explanation.append("usd_value", .usd(usd))
      let direction = event.kind == .deposit ? "from" : "to"
      sink.raise(
        Finding(
          ruleID: Self.ruleID(category), severity: Self.severity(category.riskClass), customer: event.customer,
          eventAt: event.timestamp,
          summary: "\(event.kind.name) \(direction) a counterparty whose received value is "
            + "\(Self.percentText(share)) \(category.rawValue) (threshold \(Self.percentText(threshold)))",
          explanation: explanation))
    }
  }

  static func severity(_ riskClass: ExposureRiskClass) -> Severity {
    switch riskClass {
    case .severe: .severe
    case .high: .high
    case .medium: .medium
    }
  }

  /// Basis points as a percentage with two decimals: 1234 → "12.34%".
  static func percentText(_ basisPoints: Int) -> String {
    let fraction = basisPoints % 100
    return "\(basisPoints / 100).\(fraction < 10 ? "0" : "")\(fraction)%"
  }
}
