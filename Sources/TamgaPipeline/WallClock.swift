import Foundation
public import TamgaModel

extension Timestamp {
  /// The wall clock now, to the millisecond: for records of when something was run or decided (a
  /// ledger entry, a list load, a clearance), never for rules, which run on the events' own times.
  public static func wallClock() -> Timestamp {
    Timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))
  }
}
