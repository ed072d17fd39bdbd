public import TamgaModel

/// The national regime's threshold reports: which transfers, from what amount in tenge.
public struct ThresholdReportPolicy: Sendable, Equatable {
  /// `national.threshold-report`. Default: on, for the `national` regime only (the AIFC has its
  /// own reporting to the AFSA).
  public var check = RegulatoryCheck(regimes: [.national])
  /// The amount, in whole tenge, from which (inclusive) a transfer is reported. Default: none,
  /// and the check stays silent until it is set. The amount is set by Kazakhstan's AML/CFT law
  /// and the Agency for Financial Monitoring's rules for each kind of operation; Tamga does not
  /// guess it, the firm's MLRO states it.
  public var thresholdKZT: Int64?

  public init() {}
}

/// Transfers that a firm under the national regime reports to the Agency for Financial
/// Monitoring because of their size: every deposit, withdrawal, buy, sell or conversion whose
/// value in tenge is at or above the configured threshold.
///
/// **What fires.** `national.threshold-report`, low: not a suspicion, a report the firm owes.
/// The transfer's USD value is turned into tenge at the official USD/KZT rate of its local
/// (Asia/Almaty) day, or of the latest earlier day in the rates file (weekends and holidays keep
/// the last published rate). The comparison is exact: cents times the rate against the
/// threshold, in integers; the tenge amount shown is rounded half up to the tiyn.
///
/// **Parameters.** `threshold_kzt` (no default, see ``ThresholdReportPolicy/thresholdKZT``),
/// `regimes` (default `national`), and the rates: the `usd_kzt_rates` reference list, shipped
/// empty.
///
/// **What it misses, deliberately.** A transfer without a USD value, and one dated before the
/// first rate in the file: no tenge amount can be stated for them. A rates file that stops early
/// is not detected: its last rate goes on being used, and each alert names the rate's date.
/// Linked operations that reach the threshold only together are the structuring typology's.
///
/// **Explanation**: the kind, asset, USD value, the rate and its date, the tenge value, the
/// threshold, the regime and the rates file's provenance.
public struct ThresholdReportRule: Sendable {
  public static let thresholdReport: RuleID = "national.threshold-report"

  public let policy: ThresholdReportPolicy
  let rates: TengeRates
  let ratesSource: ReferenceSource
  /// Below this many cents no transfer can reach the threshold at the highest rate on file:
  /// Int64.max when the check cannot fire at all (off, no threshold, no rates).
  let leastCents: Int64

  public init(policy: ThresholdReportPolicy, reference: RegulatoryReference) {
    self.policy = policy
    rates = reference.tengeRates
    ratesSource = reference.tengeRatesSource
    if policy.check.isEnabled, !policy.check.regimes.isEmpty, let threshold = policy.thresholdKZT,
      rates.highestRate > 0
    {
      // The least cents c with c × highest rate ≥ threshold × 10^6 (tenge to ten-thousandths of
      // tiyn), rounded up.
      let scaled = Int128(threshold) * 1_000_000
      let least = (scaled + Int128(rates.highestRate) - 1) / Int128(rates.highestRate)
      leastCents = Int64(clamping: least)
    } else {
      leastCents = .max
    }
  }

  public var ruleIDs: [RuleID] { [Self.thresholdReport] }

  /// Whether the transfer could be reported: false for almost every transfer, at one compare.
  @inline(__always)
  func mayReport(_ event: TransferEvent) -> Bool {
    guard let usd = event.usdValue else { return false }
    return usd.cents >= leastCents
  }

  /// Checks one transfer that ``mayReport(_:)`` let through.
  /// - Parameter asset: the asset's ticker as the row spells it, for the explanation.
  func evaluate(_ event: TransferEvent, regime: Regime, asset: Span<UInt8>, into sink: inout some FindingSink) {
    guard policy.check.applies(to: regime), let threshold = policy.thresholdKZT, let usd = event.usdValue,
      let (rateDay, rate) = rates.rate(onDay: AlmatyCalendar.localDayNumber(of: event.timestamp))
    else { return }
    guard Int128(usd.cents) * Int128(rate) >= Int128(threshold) * 1_000_000 else { return }
    let tiyn = TengeRates.tiyn(cents: usd.cents, rate: rate)
    let ticker = RegulatoryPackRule.ticker(asset)
    var explanation = Explanation()
    explanation.append("kind", .text(event.kind.name))
    explanation.append("asset", .text(ticker))
    explanation.append("usd_value", .usd(usd))
    explanation.append("kzt_per_usd", .text(TengeRates.format(rate: rate)))
    explanation.append("rate_date", .text(CivilDate(daysSinceEpoch: rateDay).description))
    explanation.append("kzt_value", .text(TengeRates.format(tiyn: tiyn)))
    explanation.append("threshold_kzt", .text(String(threshold)))
    explanation.append("regime", .text(regime.rawValue))
    explanation.append("usd_kzt_rates", RegulatoryPackRule.describe(ratesSource))
    sink.raise(
      Finding(
        ruleID: Self.thresholdReport, severity: .low, customer: event.customer, eventAt: event.timestamp,
        summary:
          "\(event.kind.name) in \(ticker) worth KZT \(TengeRates.format(tiyn: tiyn)) (USD \(usd.formatted) at \(TengeRates.format(rate: rate))): at or above the KZT \(threshold) threshold report amount",
        explanation: explanation))
  }
}
