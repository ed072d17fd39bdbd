public import TamgaModel

/// The configuration of the round-tripping typology, with documented defaults.
public struct RoundTrippingPolicy: Sendable, Equatable {
  /// Whether the typology runs. Default true.
  public var isEnabled = true
  /// How long after the latest withdrawal to an address a deposit from it counts as a return,
  /// in hours. Default 72: long enough for value to pass through another wallet or service and
  /// come back, short enough that it is still the same value.
  public var windowHours = 72
  /// The least share of what went out to the address that must come back, in percent. Default
  /// 80: what comes back is often less, by fees and by what a laundering service keeps.
  public var returnedPercent = 80
  /// The least value that must make the round trip. Default USD 1,000.00: small amounts sent to
  /// a wallet and back are how people test their own wallets.
  public var minimumReturned = USD(dollars: 1_000)

  public init() {}
}

/// Round-tripping: `typology.round-tripping`, value returning to its origin through a cycle of
/// transfers, in the form an exchange's own transfers can show.
///
/// **What fires.** A deposit from an external address that the customer withdrew to within the
/// previous `windowHours` (default 72), when the value that made the round trip, the lesser of
/// the deposit and what was withdrawn to that address, is at least `minimumReturned` (default
/// USD 1,000.00) and at least `returnedPercent` (default 80) of what was withdrawn. So a deposit
/// of 800.00 after a withdrawal of 1,000.00 fires, and one of 5,000.00 after a test withdrawal
/// of 10.00 does not. Medium severity: FATF's *Virtual Assets Red Flag Indicators* (2020) count
/// transfers with no logical business explanation among the red flags of transaction patterns,
/// and value sent out and taken back within days is one: it manufactures turnover and a history
/// of transfers, or marks a layering hop whose laundered value returns (round-tripping). A
/// customer moving value to its own wallet and back, or a refund, looks the same, so it asks
/// for a look. After firing, what went out to the address is accounted for: a further deposit
/// from it fires only after another withdrawal to it.
///
/// **How.** Per customer, the last 4 addresses it withdrew to (slots of 32-bit fingerprint of
/// the address's matching key, latest withdrawal time and the cents withdrawn to it since it
/// took the slot: 16 bytes each, 64 a customer), the kind of window fan-out keeps. O(4) per
/// deposit or withdrawal, no allocation once the customer's slots exist, unless it fires.
/// Withdrawals to the same address add up while no gap between them exceeds the window.
///
/// **What it misses, deliberately.** Cycles through other addresses (withdrawn to X, returned
/// from Y, with X → Y on chain): seeing those needs chain-edge data, which Tamga does not read
/// for this rule; value returned to another customer's account (a cycle through the exchange,
/// which the exposure graph follows but this rule does not); a return in several deposits,
/// none large enough alone; a customer withdrawing to more than 4 addresses within the window
/// forgets the oldest; transfers without a counterparty address or a USD value.
///
/// **Explanation**: the address (its matching key), what was withdrawn to it and its latest
/// withdrawal's time, the deposit's value, the share returned and its minimum, the value that
/// made the round trip and its minimum, the hours between, and the window.
public struct RoundTrippingRule: Sendable {
  public static let ruleID: RuleID = "typology.round-tripping"
  /// How many withdrawal addresses each customer remembers.
  static let trackedAddresses = 4

  public var policy: RoundTrippingPolicy
  /// Per customer, the addresses it most recently withdrew to.
  var destinations = CounterpartyWindow(width: trackedAddresses)

  public init(policy: RoundTrippingPolicy = RoundTrippingPolicy()) { self.policy = policy }

  public var ruleIDs: [RuleID] { [Self.ruleID] }

  /// - Parameters:
  ///   - counterparty: the fingerprint of the counterparty address's matching key.
  ///   - address: that matching key, for the explanation.
  mutating func evaluate(
    _ event: TransferEvent, counterparty: UInt64, address: Span<UInt8>, into sink: inout some FindingSink
  ) {
    guard policy.isEnabled, let usd = event.usdValue else { return }
    let now = event.timestamp.millisecondsSinceEpoch
    let window = Int64(policy.windowHours) * 3_600
    switch event.kind {
    case .withdrawal:
      destinations.record(event.customer, fingerprint: counterparty, at: now, cents: usd.cents, window: window)
    case .deposit:
      guard usd.cents >= policy.minimumReturned.cents,
        let out = destinations.slot(event.customer, fingerprint: counterparty, at: now, window: window),
        out.cents > 0, out.seconds <= CounterpartyWindow.seconds(now)
      else { return }
      let roundTrip = min(usd.cents, out.cents)
      guard roundTrip >= policy.minimumReturned.cents,
        roundTrip.multipliedReportingOverflow(by: 100).partialValue >= out.cents * Int64(policy.returnedPercent)
      else { return }
      destinations.clear(slot: out.index)
      let text = address.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
      let hours = (CounterpartyWindow.seconds(now) - out.seconds) / 3_600
      var explanation = Explanation()
      explanation.append("counterparty_address", .text(text))
      explanation.append("withdrawn_usd", .usd(USD(cents: out.cents)))
      explanation.append("last_withdrawal_at", .time(Timestamp(millisecondsSinceEpoch: out.seconds * 1000)))
      explanation.append("returned_usd", .usd(usd))
      explanation.append("returned_percent", .integer(usd.cents.multipliedReportingOverflow(by: 100).partialValue / out.cents))
      explanation.append("minimum_returned_percent", .integer(Int64(policy.returnedPercent)))
      explanation.append("round_trip_usd", .usd(USD(cents: roundTrip)))
      explanation.append("minimum_round_trip_usd", .usd(policy.minimumReturned))
      explanation.append("hours_between", .integer(hours))
      explanation.append("window_hours", .integer(Int64(policy.windowHours)))
      sink.raise(
        Finding(
          ruleID: Self.ruleID, severity: .medium, customer: event.customer, eventAt: event.timestamp,
          summary: "USD \(usd.plain) returned from \(text) within \(hours) hours of USD \(USD(cents: out.cents).plain) withdrawn to it",
          explanation: explanation))
    default:
      return
    }
  }
}
