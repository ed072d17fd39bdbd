/// Places AMLSim's steps on calendar days and seconds, and puts the transactions in output order.
///
/// The rules, chosen so that the result depends only on the file and the start date:
///
/// - **Step to day.** Day = start date + (step − smallest step in the file) days. AMLSim numbers
///   steps from 1 in the sample but from 0 in some configurations; anchoring on the file's own
///   smallest step puts the first simulated day on the start date either way. (Importing a slice
///   that begins at step 50 therefore also starts on the start date.)
/// - **Time of day.** AMLSim has no time within a step, and Tamga evaluates a day's transfers in
///   order, so the file order is kept: the n-th transaction of a day (n from 0, in file order) is
///   at 00:00:00 + n seconds.
/// - **Over 86,400 in a day.** RFC 3339 timestamps here carry whole seconds, so the 86,400th and
///   later transactions of a day all take 23:59:59; their order is kept by sorting on the row
///   number in the transfer id. They are counted in ``ImportSummary/transactionsAtEndOfDay``.
///
/// Output order is by day, then by row: since seconds rise with file order within a day, that is
/// exactly "by timestamp, then by row number", computed with a counting sort in linear time.
struct DayPlacement {
  /// A transaction with its place in time.
  struct Placed {
    let transaction: SimulatedTransaction
    /// Days after the start date.
    let dayOffset: Int
    /// Seconds after midnight UTC, 0…86,399.
    let second: Int
  }

  static let secondsPerDay = 86_400

  /// Every placed transaction, by timestamp then row.
  private(set) var ordered: [Placed] = []
  /// The smallest step, which lands on the start date; `nil` when there are no transactions.
  private(set) var minimumStep: Int?
  /// The largest day offset in use, or `nil` when there are no transactions.
  private(set) var lastDayOffset: Int?
  /// Transactions that took 23:59:59 because their day was full.
  private(set) var atEndOfDay = 0

  /// Places `transactions` (in file order) from `startDate`; a step whose day would fall after
  /// 9999-12-31 is refused into `refusals` against `stepColumn`, since RFC 3339 cannot write it.
  init(
    _ transactions: [SimulatedTransaction], from startDate: CalendarDay, stepColumn: String,
    refusals: inout RefusalLog
  ) {
    guard let minimumStep = transactions.lazy.map(\.step).min() else { return }
    self.minimumStep = minimumStep
    let latestOffset = CalendarDay.last.daysSinceEpoch - startDate.daysSinceEpoch

    // Pass 1: how many transactions each day holds.
    var perDay: [Int] = []
    for transaction in transactions {
      let offset = transaction.step - minimumStep
      guard offset <= latestOffset else {
        refusals.refuse(TransactionsFile.fileName, line: transaction.line, column: stepColumn, .badStep)
        continue
      }
      if offset >= perDay.count { perDay.append(contentsOf: repeatElement(0, count: offset - perDay.count + 1)) }
      perDay[offset] += 1
    }
    lastDayOffset = perDay.indices.last

    // Pass 2: each transaction's slot is its day's first slot plus its rank within the day, which
    // is also its second of the day. Filling slots in file order keeps file order within a day.
    var dayStart: [Int] = []
    dayStart.reserveCapacity(perDay.count)
    var running = 0
    for count in perDay {
      dayStart.append(running)
      running += count
    }
    var filled = [Int](repeating: 0, count: perDay.count)
    var slots = [Placed?](repeating: nil, count: running)
    for transaction in transactions {
      let offset = transaction.step - minimumStep
      guard offset <= latestOffset else { continue }
      let rank = filled[offset]
      filled[offset] += 1
      if rank >= Self.secondsPerDay { atEndOfDay += 1 }
      slots[dayStart[offset] + rank] = Placed(
        transaction: transaction, dayOffset: offset, second: min(rank, Self.secondsPerDay - 1))
    }
    ordered = slots.compactMap { $0 }  // every slot is filled: the counts came from the same loop
  }
}
