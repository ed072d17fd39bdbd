import TamgaModel

/// Each capped customer's purchases so far in the current Almaty month and year, in cents.
///
/// The flows consult it before every organic purchase by a capped customer, so that only steered
/// customers ever go over a limit. Flows run in time order, so a period that has ended never
/// comes back and one key per customer is enough.
struct CapLedger {
  private var monthKeys: [Int32]
  private var monthCents: [Int64]
  private var yearKeys: [Int32]
  private var yearCents: [Int64]

  init(customers: Int) {
    monthKeys = Array(repeating: -1, count: customers)
    monthCents = Array(repeating: 0, count: customers)
    yearKeys = Array(repeating: -1, count: customers)
    yearCents = Array(repeating: 0, count: customers)
  }

  /// Records a purchase if it keeps the customer within `limit`, and says whether it did.
  /// - Complexity: O(1).
  mutating func admit(_ cents: Int64, by customer: Int, at instant: Timestamp, within limit: RetailCap) -> Bool {
    roll(customer, to: instant)
    switch limit {
    case .exempt: break
    case .monthly(let cap): guard monthCents[customer] + cents <= cap else { return false }
    case .yearly(let cap): guard yearCents[customer] + cents <= cap else { return false }
    }
    monthCents[customer] += cents
    yearCents[customer] += cents
    return true
  }

  /// Records a purchase whatever the limit (a steered one).
  mutating func record(_ cents: Int64, by customer: Int, at instant: Timestamp) {
    roll(customer, to: instant)
    monthCents[customer] += cents
    yearCents[customer] += cents
  }

  /// Starts new totals when `instant` falls in a later Almaty month or year than the last purchase.
  private mutating func roll(_ customer: Int, to instant: Timestamp) {
    let month = AlmatyCalendar.monthKey(of: instant)
    if month != monthKeys[customer] {
      monthKeys[customer] = month
      monthCents[customer] = 0
      let year = month / 12
      if year != yearKeys[customer] {
        yearKeys[customer] = year
        yearCents[customer] = 0
      }
    }
  }
}
