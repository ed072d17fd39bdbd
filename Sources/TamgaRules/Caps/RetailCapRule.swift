public import TamgaModel

/// AIFC retail investment caps: `aifc.retail-cap.monthly` and `aifc.retail-cap.annual`.
///
/// **What fires.** A `buy` by an individual retail client in the `aifc` regime whose purchases
/// in the calendar period, this one included, exceed the client's limit: USD 1,000 a month when
/// unverified (or knowledge-tested only), USD 100,000 a year when income-verified, lowered to
/// 10% of declared annual income or 5% of declared net worth when smaller (see
/// ``RetailCapPolicy``). Every buy that leaves the total above the limit is its own alert, the
/// first one marked `crossed_limit: true`; a total exactly at the limit does not fire.
///
/// **Periods** are calendar months and years in Asia/Almaty time (``AlmatyCalendar``).
/// Purchases count toward both totals whatever the client's status, and the limit in force at
/// each purchase's own time applies: a KYC refresh that verifies income mid-month moves the
/// client to the annual limit from its `recorded_at`, with the year's earlier purchases
/// counted.
///
/// **Late purchases.** Transfers are evaluated in file order. A buy dated before the client's
/// latest one is counted in its own period as long as that is one of the two most recent
/// periods with purchases; an older one is reported as unevaluable (a `late_event` rejection)
/// because its period's total is gone.
///
/// **What it misses, deliberately.** Sells do not restore headroom (the limit is on money put
/// in); conversions between assets are not purchases; professional clients, market
/// counterparties, legal persons and the national regime are exempt.
///
/// **Explanation**: period, its bounds, the limit and its basis, total before, the purchase,
/// total after, the excess, the verification in force and since when.
///
/// - Complexity: O(1) per transfer; allocates only when it fires.
public struct RetailCapRule: TransferRule {
  public static let monthlyID: RuleID = "aifc.retail-cap.monthly"
  public static let annualID: RuleID = "aifc.retail-cap.annual"

  public var policy: RetailCapPolicy
  /// Purchases per customer by calendar month and year, indexed by customer id; month and
  /// year side by side so a purchase touches one cache line.
  var totals: [CapTotals] = []
  /// The local day of the last purchase and its period keys: most purchases share a day.
  var lastDay: Int64 = .min
  var lastKeys: (month: Int32, year: Int32) = (0, 0)

  public init(policy: RetailCapPolicy = RetailCapPolicy()) { self.policy = policy }

  public var ruleIDs: [RuleID] { [Self.monthlyID, Self.annualID] }

  public mutating func evaluate(
    _ event: TransferEvent, status: CustomerStatus, into sink: inout some FindingSink
  ) -> Unevaluable? {
    guard event.kind == .buy, let usd = event.usdValue else { return nil }
    let customer = Int(event.customer)
    if customer >= totals.count { grow(to: customer + 1) }
    let localDay = AlmatyCalendar.localDayNumber(of: event.timestamp)
    if localDay != lastDay {
      lastKeys = AlmatyCalendar.periodKeys(of: event.timestamp)
      lastDay = localDay
    }
    let (monthKey, yearKey) = lastKeys
    guard let monthBefore = totals[customer].month.total(in: monthKey),
      let yearBefore = totals[customer].year.total(in: yearKey)
    else {
      return Unevaluable(
        "a buy dated \(event.timestamp) arrived after two later calendar months of purchases; its month's total is no longer held")
    }
    totals[customer].month.add(usd.cents, in: monthKey)
    totals[customer].year.add(usd.cents, in: yearKey)
    let cap = policy.cap(for: status)
    switch cap {
    case .exempt:
      return nil
    case .monthly(let limit):
      let after = monthBefore + usd.cents
      if after > limit.cents {
        sink.raise(
          finding(
            Self.monthlyID, event, status, limit: limit, basis: policy.basis(of: cap), before: monthBefore, after: after,
            period: AlmatyCalendar.label(monthKey: monthKey), bounds: AlmatyCalendar.bounds(monthKey: monthKey),
            word: "monthly"))
      }
    case .annual(let limit, _):
      let after = yearBefore + usd.cents
      if after > limit.cents {
        sink.raise(
          finding(
            Self.annualID, event, status, limit: limit, basis: policy.basis(of: cap), before: yearBefore, after: after,
            period: String(yearKey), bounds: AlmatyCalendar.bounds(yearKey: yearKey), word: "annual"))
      }
    }
    return nil
  }

  private func finding(
    _ rule: RuleID, _ event: TransferEvent, _ status: CustomerStatus, limit: USD, basis: String, before: Int64,
    after: Int64, period: String, bounds: Range<Timestamp>, word: String
  ) -> Finding {
    let purchase = USD(cents: after - before)
    let crossed = before <= limit.cents
    var explanation = Explanation()
    explanation.append("period", .text(period))
    explanation.append("time_zone", .text("Asia/Almaty"))
    explanation.append("period_start", .time(bounds.lowerBound))
    explanation.append("period_end", .time(bounds.upperBound))
    explanation.append("limit", .usd(limit))
    explanation.append("limit_basis", .text(basis))
    explanation.append("total_before", .usd(USD(cents: before)))
    explanation.append("purchase", .usd(purchase))
    explanation.append("total_after", .usd(USD(cents: after)))
    explanation.append("over_limit_by", .usd(USD(cents: after - limit.cents)))
    explanation.append("crossed_limit", .flag(crossed))
    explanation.append("verification", .text(status.verification.rawValue))
    explanation.append("status_since", .time(status.since))
    let summary =
      (crossed ? "Crossed the \(word) retail cap: " : "Bought again above the \(word) retail cap: ")
      + "a buy of \(purchase) took purchases in \(period) to \(USD(cents: after)) against a limit of \(limit)"
    return Finding(
      ruleID: rule, severity: .high, customer: event.customer, eventAt: event.timestamp, summary: summary,
      explanation: explanation)
  }

  @inline(__always)
  func touch(_ customer: Int32) -> Int64 {
    Int(customer) < totals.count ? totals[Int(customer)].month.current : 0
  }

  mutating func reserve(customers count: Int) { totals.growExactly(toHold: count, filling: CapTotals()) }

  mutating func grow(to count: Int) {
    totals.reserveCapacity(max(count, totals.count * 2, 1024))
    while totals.count < count { totals.append(CapTotals()) }
  }

  // MARK: - Headroom

  /// What a customer may still buy at `instant` without a cap alert.
  public func headroom(of customer: Int32, at instant: Timestamp, customers: CustomerBook) -> Headroom {
    let status = customers.status(of: customer, at: instant)
    let cap = policy.cap(for: status)
    let index = Int(customer)
    switch cap {
    case .exempt:
      return Headroom(status: status, cap: cap, basis: policy.basis(of: cap), period: nil, used: nil)
    case .monthly:
      let key = AlmatyCalendar.monthKey(of: instant)
      let used = index < totals.count ? totals[index].month.total(in: key) : 0
      return Headroom(
        status: status, cap: cap, basis: policy.basis(of: cap), period: AlmatyCalendar.label(monthKey: key),
        used: used.map { USD(cents: $0) })
    case .annual:
      let key = AlmatyCalendar.yearKey(of: instant)
      let used = index < totals.count ? totals[index].year.total(in: key) : 0
      return Headroom(
        status: status, cap: cap, basis: policy.basis(of: cap), period: String(key), used: used.map { USD(cents: $0) })
    }
  }
}

/// A customer's remaining room under the retail caps.
public struct Headroom: Sendable, Equatable {
  public var status: CustomerStatus
  public var cap: Cap
  /// Why the limit is what it is, or why the client is exempt.
  public var basis: String
  /// "2026-03" or "2026"; `nil` when exempt.
  public var period: String?
  /// Purchases so far in the period; `nil` when exempt or when the period is too old to know.
  public var used: USD?

  /// The limit minus what was used, never below zero; `nil` when exempt or unknown.
  public var remaining: USD? {
    guard let used, let limit = cap.limit else { return nil }
    return max(.zero, limit - used)
  }
}

