import Foundation
import Synchronization

/// A result computed on a thread of its own while the caller goes on with other work.
///
/// Why: at the end of a transfers file the replay's thread groups alerts into cases and
/// commits, all in SQLite, while the other core sits idle; the rules' state to be saved (tens
/// of megabytes to lay out and encode) is made there meanwhile.
final class OnItsOwnThread<Value: Sendable>: Sendable {
  private let result = Mutex<Value?>(nil)
  private let done = DispatchSemaphore(value: 0)

  init(named name: String, _ work: @escaping @Sendable () -> Value) {
    let thread = Thread { [self] in
      let value = work()
      result.withLock { $0 = value }
      done.signal()
    }
    thread.name = name
    thread.start()
  }

  /// Waits for the value; call once.
  func value() -> Value {
    done.wait()
    guard let value = result.withLock({ $0.take() }) else { preconditionFailure("the work ended without a value") }
    return value
  }
}
