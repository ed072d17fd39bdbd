// Measures the exposure graph's memory per tracked address: N withdrawal addresses (default 10
// million, EVM-shaped keys of 42 bytes), each receiving value from one of 100 customers' accounts,
// one of which holds darknet value, so 1% of the addresses carry a tainted row.
//
// Usage: swift run -c release ExposureMemory [addresses]

import Foundation
import TamgaModel
import TamgaRules

let count = Int(CommandLine.arguments.dropFirst().first ?? "10000000") ?? 10_000_000
var graph = ExposureGraph(hopLimit: 3)
graph.flow(from: nil, to: .customer(0), cents: 1_000_000, labels: ExposureCategory.darknetMarket.bit)
let hex = Array("0123456789abcdef".utf8)
var key = [UInt8](repeating: UInt8(ascii: "0"), count: 42)
key[1] = UInt8(ascii: "x")
let start = ContinuousClock.now
for i in 0..<count {
  var value = UInt64(i) &* 0x9E37_79B9_7F4A_7C15
  for position in stride(from: 41, through: 26, by: -1) {
    key[position] = hex[Int(value & 15)]
    value >>= 4
  }
  let node = key.withUnsafeBufferPointer { graph.address($0.span) }
  graph.flow(from: .customer(Int32(i % 100)), to: node, cents: 10_000, labels: 0)
}
let elapsed = ContinuousClock.now - start
let usage = try String(contentsOfFile: "/proc/self/status", encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("VmRSS") || $0.hasPrefix("VmHWM") }
print("addresses \(graph.addresses.count), graph bytes \(graph.memoryBytes), per address \(graph.memoryBytes / max(1, graph.addresses.count)) B, \(elapsed)")
print(usage.joined(separator: "; "))
