/// Picks the customer behind each transfer in proportion to their activity weight.
///
/// A running total of weights and a binary search: O(log n) per pick and one array of memory,
/// however skewed the weights are.
struct ActivityTable {
  private let runningTotals: [Int]

  init(weights: [Int]) {
    var total = 0
    runningTotals = weights.map { weight in
      total += weight
      return total
    }
  }

  /// A customer index; `weights` must not have been empty.
  /// - Complexity: O(log *n*) in the number of customers.
  func pick(using random: inout SeededGenerator) -> Int {
    guard let total = runningTotals.last else { preconditionFailure("no customers to pick from") }
    let draw = random.below(total)
    var low = 0
    var high = runningTotals.count - 1
    while low < high {
      let middle = (low + high) / 2
      if runningTotals[middle] > draw { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
