public import TamgaModel

/// The configuration of the rapid pass-through typology, with documented defaults.
public struct RapidPassThroughPolicy: Sendable, Equatable {
  /// Whether the typology runs. Default true.
  public var isEnabled = true
  /// The window from the first deposit, in hours. Default 24.
  public var windowHours = 24
  /// The least value deposited within the window for a pass-through to count. Default
  /// USD 5,000.00: small sums moved on the same day are an everyday use of an exchange.
  public var minimumDeposited = USD(dollars: 5_000)
  /// The share of the deposits withdrawn within the window that fires, in percent. Default 90.
  public var withdrawnPercent = 90
  /// Trading within the window at or above this share of the deposits, in percent, explains the
  /// visit and keeps the typology quiet. Default 10.
  public var tradedPercent = 10

  public init() {}
}

/// Rapid pass-through: `typology.rapid-pass-through`, deposited and withdrawn again within
/// hours with little trading between.
///
/// **What fires.** The withdrawal that brings a customer's withdrawals, since the first deposit
/// of a window of `windowHours`, to at least `withdrawnPercent` of what was deposited in it,
/// when the deposits reach `minimumDeposited` and the trades (buys, sells, conversions) in the
/// window stay under `tradedPercent` of them. High severity: FATF's *Virtual Assets Red Flag
/// Indicators* (2020) name "funds deposited and promptly withdrawn, with no apparent business
/// purpose" as the mark of an account used as a transit point, a mule's or a layering hop.
/// After firing, the window closes; the next deposit opens another.
///
/// **How.** Per customer, the window's start and the cents deposited, withdrawn and traded in
/// it: 32 bytes, O(1) per transfer, no allocation. A deposit after the window has run out opens
/// a new one; a transfer dated before the window's start is left out of it.
///
/// **What it misses, deliberately.** Value passed through in pieces spread over more than one
/// window; transfers without a USD value; a pass-through hidden behind enough trading (the
/// chain-hopping typology watches conversions).
///
/// **Explanation**: the window's first deposit time, the cents deposited, withdrawn and traded
/// in it, the shares withdrawn and traded, the thresholds and the window.
public struct RapidPassThroughRule: Sendable {
  public static let ruleID: RuleID = "typology.rapid-pass-through"

  public var policy: RapidPassThroughPolicy
  /// Four values per customer: the window's start in milliseconds (Int64.min: no window), and
  /// the cents deposited, withdrawn and traded in it.
  var windows: [Int64] = []

  public init(policy: RapidPassThroughPolicy = RapidPassThroughPolicy()) { self.policy = policy }

  public var ruleIDs: [RuleID] { [Self.ruleID] }

  @inline(__always)
  func touch(_ customer: Int32) -> Int64 { Int(customer) * 4 < windows.count ? windows[Int(customer) * 4] : 0 }

  mutating func reserve(customers count: Int) { appendWindows(upTo: count) }

  /// Appends empty windows (no start, nothing deposited, withdrawn or traded) until there is one
  /// for each of `customers`.
  private mutating func appendWindows(upTo customers: Int) {
    guard customers * 4 > windows.count else { return }
    windows.reserveCapacity(customers * 4)
    for _ in windows.count / 4..<customers {
      windows.append(.min)
      for _ in 0..<3 { windows.append(0) }
    }
  }

  mutating func evaluate(_ event: TransferEvent, into sink: inout some FindingSink) {
    guard policy.isEnabled, let usd = event.usdValue else { return }
    let base = Int(event.customer) * 4
    if base + 4 > windows.count { appendWindows(upTo: max(Int(event.customer) + 1, windows.count / 2, 1024)) }
    let now = event.timestamp.millisecondsSinceEpoch
    let start = windows[base]
    let isOpen = start != .min && now >= start && now - start <= Int64(policy.windowHours) * 3_600_000
    switch event.kind {
    case .deposit:
      if isOpen {
        windows[base + 1] &+= usd.cents
      } else if start == .min || now > start {
        windows[base] = now
        windows[base + 1] = usd.cents
        windows[base + 2] = 0
        windows[base + 3] = 0
      }
    case .buy, .sell, .convert:
      if isOpen { windows[base + 3] &+= usd.cents }
    case .withdrawal:
      guard isOpen else { return }
      windows[base + 2] &+= usd.cents
      let deposited = windows[base + 1]
      let withdrawn = windows[base + 2]
      let traded = windows[base + 3]
      guard deposited >= policy.minimumDeposited.cents,
        withdrawn.multipliedReportingOverflow(by: 100).partialValue >= deposited * Int64(policy.withdrawnPercent),
        traded.multipliedReportingOverflow(by: 100).partialValue < deposited * Int64(policy.tradedPercent)
      else { return }
      windows[base] = .min
      var explanation = Explanation()
      explanation.append("first_deposit_at", .time(Timestamp(millisecondsSinceEpoch: start)))
      explanation.append("deposited_usd", .usd(USD(cents: deposited)))
      explanation.append("withdrawn_usd", .usd(USD(cents: withdrawn)))
      explanation.append("withdrawn_percent", .integer(withdrawn * 100 / deposited))
      explanation.append("minimum_withdrawn_percent", .integer(Int64(policy.withdrawnPercent)))
      explanation.append("traded_usd", .usd(USD(cents: traded)))
      explanation.append("traded_percent", .integer(traded * 100 / deposited))
      explanation.append("maximum_traded_percent", .integer(Int64(policy.tradedPercent)))
      explanation.append("minimum_deposited_usd", .usd(policy.minimumDeposited))
      explanation.append("window_hours", .integer(Int64(policy.windowHours)))
      let hours = (now - start) / 3_600_000
      sink.raise(
        Finding(
          ruleID: Self.ruleID, severity: .high, customer: event.customer, eventAt: event.timestamp,
          summary: "USD \(USD(cents: withdrawn).plain) of USD \(USD(cents: deposited).plain) deposited withdrawn within \(hours) hours",
          explanation: explanation))
    }
  }
}
