import Testing
import TamgaModel
@testable import TamgaRules

/// Sizing the per-customer tables before a transfers file is for speed only: it must change no
/// finding and no saved byte.
@Suite struct ReservedStateTests {
  /// 3,000 customers, past the tables' first 1,024 slots and two of their doublings, each with
  /// a deposit from an address other customers also use, two buys and five withdrawals: retail
  /// caps, fan-out and shared addresses fire. An engine whose tables were sized up front and one
  /// that grew them raise the same findings and save the same state.
  @Test func sizingTheTablesUpFrontChangesNoFindingAndNoSavedByte() {
    func replay(reserving: Bool) -> (findings: [String], rules: [UInt8]) {
      var engine = Engine()
      let onboarded = Timestamp(rfc3339: "2026-01-05T00:00:00Z")!
      for customer in 0..<3_000 {
        engine.apply(CustomerRecord(customerID: "C\(customer)", recordedAt: onboarded))
      }
      if reserving { engine.reserveStateForCustomers() }
      var sink = FindingList()
      let start = Timestamp(rfc3339: "2026-03-02T00:00:00Z")!.millisecondsSinceEpoch
      // Customers in a scattered order, so the tables grow in jumps, the last one included.
      for step in 0..<3_000 {
        let customer = Int32((step * 1_237) % 3_000)
        func at(_ minutes: Int64) -> Timestamp { Timestamp(millisecondsSinceEpoch: start + Int64(step) * 1_000 + minutes * 60_000) }
        func move(_ kind: TransferKind, _ dollars: Int64, _ address: String, _ minutes: Int64) {
          let event = TransferEvent(customer: customer, timestamp: at(minutes), kind: kind, usdValue: USD(dollars: dollars))
          var key = Array(address.utf8)
          _ = key.withUnsafeMutableBufferPointer { buffer in
            engine.evaluate(event, counterparty: UnsafeBufferPointer(buffer).span, labels: 0, tracksExposure: false, into: &sink)
          }
        }
        move(.deposit, 8_000, "0xshared\(customer % 40)", 0)
        for minutes: Int64 in [10, 20] {
          _ = engine.evaluate(TransferEvent(customer: customer, timestamp: at(minutes), kind: .buy, usdValue: USD(dollars: 600)), into: &sink)
        }
        for recipient in 0..<5 { move(.withdrawal, 1_200, "0xout\(customer)-\(recipient)", 30 + Int64(recipient)) }
      }
      return (sink.findings.map { "\($0.ruleID.rawValue) \($0.customer) \($0.summary) \($0.explanation.json)" }, engine.rulesSnapshot())
    }
    let grown = replay(reserving: false)
    let reserved = replay(reserving: true)
    let fired = Set(grown.findings.map { $0.prefix { $0 != " " } })
    #expect(fired.isSuperset(of: ["aifc.retail-cap.monthly", "typology.fan-out", "typology.shared-external-address"]))
    // Compared without printing megabytes when they differ.
    #expect(reserved.findings.count == grown.findings.count)
    let firstDifference = zip(reserved.findings, grown.findings).first { $0 != $1 }
    #expect(firstDifference == nil)
    let savesTheSameState = reserved.rules == grown.rules
    #expect(savesTheSameState, "the rules' state differs: \(reserved.rules.count) bytes against \(grown.rules.count)")
  }
}
