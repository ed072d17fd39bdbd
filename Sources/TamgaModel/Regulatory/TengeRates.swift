/// The official US dollar to tenge rates, one a day, that turn a transfer's USD value into the
/// tenge amount the national regime's threshold is written in.
///
/// Rates are integers in ten-thousandths of a tenge per dollar (the National Bank of Kazakhstan
/// publishes two decimals; four are accepted), so conversions and threshold comparisons are
/// exact. A day without a row takes the latest earlier rate (weekends and holidays keep the last
/// working day's), and the alert names the date of the rate it used.
public struct TengeRates: Sendable, Equatable {
  /// Local (Asia/Almaty) day numbers, ascending, without repeats.
  public private(set) var days: [Int64] = []
  /// Ten-thousandths of a tenge per US dollar, one for each of ``days``.
  public private(set) var rates: [Int64] = []
  /// The highest rate held, zero when none: no transfer worth less than a threshold at this
  /// rate can reach it at any rate, which lets most transfers be passed over with one compare.
  public private(set) var highestRate: Int64 = 0

  public init() {}

  /// One rate a day: `rates` maps a local day number to ten-thousandths of a tenge per dollar.
  public init(_ rates: [Int64: Int64]) {
    for (day, rate) in rates.sorted(by: { $0.key < $1.key }) {
      days.append(day)
      self.rates.append(rate)
      highestRate = max(highestRate, rate)
    }
  }

  public var count: Int { days.count }

  /// The rate in force on local day `day` and the day it was published for: the latest row at
  /// or before `day`, nil before the first.
  /// - Complexity: O(log n); allocates nothing.
  public func rate(onDay day: Int64) -> (day: Int64, rate: Int64)? {
    var low = 0
    var high = days.count
    while low < high {
      let middle = (low + high) / 2
      if days[middle] <= day { low = middle + 1 } else { high = middle }
    }
    return low == 0 ? nil : (days[low - 1], rates[low - 1])
  }

  /// `cents` of a dollar in tiyn (hundredths of a tenge) at `rate`, rounded half up.
  public static func tiyn(cents: Int64, rate: Int64) -> Int128 {
    (Int128(cents) * Int128(rate) + 5_000) / 10_000
  }

  /// A rate as the National Bank writes it ("512.34"; up to four decimals when given).
  public static func format(rate: Int64) -> String {
    let text = DecimalText.format(Int128(rate), scale: 4)
    guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
    let decimals = text.distance(from: dot, to: text.endIndex) - 1
    return decimals >= 2 ? text : text + String(repeating: "0", count: 2 - decimals)
  }

  /// Tiyn as tenge with two decimals ("5123400.00").
  public static func format(tiyn: Int128) -> String {
    let magnitude = tiyn.magnitude
    let fraction = magnitude % 100
    return (tiyn < 0 ? "-" : "") + String(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
  }
}
