public import TamgaModel

/// Where value came from, for every address and customer account seen moving it: the value each
/// received, and how much of that came, hop by hop, from addresses labelled with each category.
///
/// The haircut method: a node that received `r` cents of which `t` came from darknet markets
/// one hop back passes `t / r` of everything it sends on as darknet value one hop further. A
/// labelled address is the source itself: all it sends carries its categories at hop 1. So a
/// customer who deposits 100 from an address that had received 1,000, 50 of them straight from a
/// ransomware wallet, receives 5 of ransomware value at hop 2. The amounts are whole cents,
/// rounded down at each step (integer arithmetic, the same on every machine); nothing beyond
/// `hopLimit` hops is carried, so value going round a cycle stops counting after that many hops
/// and never loops.
///
/// Shares are of value *received*: sending does not change the sender's shares (its history
/// does not become cleaner by spending). Storage is contiguous and per node: the value received
/// (8 bytes) and the row of its tainted amounts, which only nodes with any tainted value have
/// (`categories × hopLimit` cents, 8 bytes each). Addresses are interned by their matching key.
///
/// - Complexity: a flow costs O(categories × hops) when the sender is tainted, O(1) otherwise;
///   it allocates only when a node is first seen or first tainted (amortised growth).
public struct ExposureGraph: Sendable {
  public static let categoryCount = ExposureCategory.allCases.count

  /// Hops carried: 1 keeps only value received straight from labelled addresses.
  public let hopLimit: Int
  /// Addresses by their matching key (EVM hex and bech32 lower-cased, base58 exact).
  public internal(set) var addresses = InternTable(capacity: 1024)
  /// Per address node, then per customer node: cents received, and the taint row or -1.
  var addressReceived: [Int64] = []
  var addressRow: [Int32] = []
  var customerReceived: [Int64] = []
  var customerRow: [Int32] = []
  /// Tainted cents, row-major: row × (categories × hops) + category × hops + (hop − 1).
  var taint: [Int64] = []

  // What changed since the state was last saved, so a save writes only that (see `delta()`).
  /// Addresses at or past this id were added since the last save.
  var savedAddressCount = 0
  var addressDirty: [Bool] = []
  var customerDirty: [Bool] = []
  var dirtyAddresses: [Int32] = []
  var dirtyCustomers: [Int32] = []

  public init(hopLimit: Int = 3) {
    precondition((1...8).contains(hopLimit), "hop limit must be 1 to 8")
    self.hopLimit = hopLimit
  }

  /// One node of the graph: an address outside the exchange or a customer's account within it.
  public enum Node: Sendable, Hashable {
    case address(Int32)
    case customer(Int32)
  }

  var rowWidth: Int { Self.categoryCount * hopLimit }

  /// The node of an address key, added on first sight.
  public mutating func address(_ key: Span<UInt8>) -> Node {
    let id = addresses.intern(key)
    if Int(id) >= addressReceived.count {
      addressReceived.append(0)
      addressRow.append(-1)
      addressDirty.append(false)
    }
    return .address(id)
  }

  /// The node of an address key if it was ever seen.
  public func existingAddress(_ key: String) -> Node? { addresses.id(of: key).map(Node.address) }

  /// The node of an address key if value ever flowed into it, without adding one: an address
  /// that only ever sends has no received value, so no shares, and needs no node.
  public func existingAddress(_ key: Span<UInt8>) -> Node? { addresses.id(of: key).map(Node.address) }

  /// Cents `node` has received in all.
  public func received(_ node: Node) -> Int64 {
    switch node {
    case .address(let id): Int(id) < addressReceived.count ? addressReceived[Int(id)] : 0
    case .customer(let id): Int(id) < customerReceived.count ? customerReceived[Int(id)] : 0
    }
  }

  /// Cents of what `node` received that came from `category`, `hop` hops from a labelled address.
  public func tainted(_ node: Node, _ category: ExposureCategory, hop: Int) -> Int64 {
    guard let row = row(of: node), (1...hopLimit).contains(hop) else { return 0 }
    return taint[row * rowWidth + Self.index(category) * hopLimit + hop - 1]
  }

  /// Moves `cents` from `source` to `target`: the target's received value grows, and it takes
  /// the source's tainted shares one hop further, plus the source's own labels at hop 1.
  ///
  /// - Parameter labels: the categories `source` itself is labelled with (`ExposureCategory.bit`).
  /// - Parameter source: nil for an address that never received value (it may still be labelled).
  public mutating func flow(from source: Node?, to target: Node, cents: Int64, labels: UInt16) {
    guard cents > 0, source != target else { return }
    let sourceRow = source.flatMap(row(of:))
    let sourceReceived = source.map(received) ?? 0
    addReceived(cents, to: target)
    guard labels != 0 || sourceRow != nil else { return }
    let targetRow = ensureRow(of: target)
    let width = rowWidth
    let hops = hopLimit
    let sourceStart = sourceRow.map { $0 * width }
    let targetStart = targetRow * width
    taint.withUnsafeMutableBufferPointer { taint in
      for category in 0..<Self.categoryCount {
        let base = category * hops
        // A labelled source is that category through and through: all it sends counts at hop 1,
        // and its own received history of the category adds nothing more.
        if labels & (1 << UInt16(category)) != 0 {
          taint[targetStart + base] += cents
          continue
        }
        guard let sourceStart, sourceReceived > 0 else { continue }
        // Hop h of the source becomes hop h + 1 of the target; the last hop goes no further.
        for hop in stride(from: hops - 1, to: 0, by: -1) {
          let carried = taint[sourceStart + base + hop - 1]
          guard carried > 0 else { continue }
          taint[targetStart + base + hop] += Int64(Int128(cents) * Int128(carried) / Int128(sourceReceived))
        }
      }
    }
  }

  /// The node's tainted row, if it has one.
  func row(of node: Node) -> Int? {
    let row: Int32
    switch node {
    case .address(let id): row = Int(id) < addressRow.count ? addressRow[Int(id)] : -1
    case .customer(let id): row = Int(id) < customerRow.count ? customerRow[Int(id)] : -1
    }
    return row < 0 ? nil : Int(row)
  }

  private mutating func addReceived(_ cents: Int64, to node: Node) {
    switch node {
    case .address(let id):
      addressReceived[Int(id)] += cents
      if !addressDirty[Int(id)] {
        addressDirty[Int(id)] = true
        dirtyAddresses.append(id)
      }
    case .customer(let id):
      if Int(id) >= customerReceived.count { growCustomers(to: Int(id) + 1) }
      customerReceived[Int(id)] += cents
      if !customerDirty[Int(id)] {
        customerDirty[Int(id)] = true
        dirtyCustomers.append(id)
      }
    }
  }

  private mutating func ensureRow(of node: Node) -> Int {
    if let row = row(of: node) { return row }
    let row = Int32(taint.count / rowWidth)
    taint.append(contentsOf: repeatElement(0, count: rowWidth))
    switch node {
    case .address(let id): addressRow[Int(id)] = row
    case .customer(let id): customerRow[Int(id)] = row
    }
    return Int(row)
  }

  private mutating func growCustomers(to count: Int) {
    customerReceived.grow(toHold: count, filling: 0, atLeast: 1024)
    customerRow.grow(toHold: count, filling: -1, atLeast: 1024)
    customerDirty.grow(toHold: count, filling: false, atLeast: 1024)
  }

  static func index(_ category: ExposureCategory) -> Int {
    ExposureCategory.allCases.firstIndex(of: category) ?? 0
  }

  /// Bytes held, for the memory figure per tracked address.
  public var memoryBytes: Int {
    addresses.memoryBytes + addressReceived.capacity * 8 + addressRow.capacity * 4
      + customerReceived.capacity * 8 + customerRow.capacity * 4 + taint.capacity * 8
  }
}

// MARK: - Saving what changed

extension ExposureGraph {
  /// Whether no value ever flowed through the graph.
  public var isEmpty: Bool { addresses.count == 0 && taint.isEmpty && !customerReceived.contains { $0 != 0 } }

  /// Whether anything changed since the last save.
  public var hasChanges: Bool {
    addresses.count > savedAddressCount || !dirtyAddresses.isEmpty || !dirtyCustomers.isEmpty
  }

  /// Forgets what changed: the state as it is now has been saved.
  public mutating func markSaved() {
    for id in dirtyAddresses { addressDirty[Int(id)] = false }
    for id in dirtyCustomers { customerDirty[Int(id)] = false }
    dirtyAddresses.removeAll(keepingCapacity: true)
    dirtyCustomers.removeAll(keepingCapacity: true)
    savedAddressCount = addresses.count
  }

  /// What changed since the last save, as bytes ``apply(delta:)`` reads: the addresses added
  /// (their keys, in id order), then every node whose received value changed, with its value
  /// and its whole tainted row. A day's delta is about the size of the day's new addresses, not
  /// of the whole graph.
  public func delta() -> [UInt8] {
    var out = BinaryWriter()
    out.u32(UInt32(savedAddressCount))
    let stored = addresses.storedForm
    let arenaStart = savedAddressCount == 0 ? 0 : stored.ends[savedAddressCount - 1]
    out.bytes(Array(stored.arena[arenaStart...]))
    out.plain(stored.ends[savedAddressCount...].map { UInt32(truncatingIfNeeded: $0 - arenaStart) })
    func node(_ received: Int64, _ row: Int32) {
      out.i64(received)
      out.i32(row)
      if row >= 0 { out.plain(Array(taint[Int(row) * rowWidth..<(Int(row) + 1) * rowWidth])) }
    }
    // Addresses added since the save whose received value never changed are read back as new,
    // with nothing received; every changed node, old or new, is written with its values.
    out.u32(UInt32(dirtyAddresses.count))
    for id in dirtyAddresses {
      out.u32(UInt32(id))
      node(addressReceived[Int(id)], addressRow[Int(id)])
    }
    out.u32(UInt32(dirtyCustomers.count))
    for id in dirtyCustomers {
      out.u32(UInt32(id))
      node(customerReceived[Int(id)], customerRow[Int(id)])
    }
    return out.buffer
  }

  /// Applies a delta written by ``delta()`` on top of the state it was taken from.
  public mutating func apply(delta bytes: [UInt8]) throws(SnapshotError) {
    let damaged = SnapshotError("engine state has a damaged exposure delta")
    var input = BinaryReader(bytes)
    guard Int(try input.u32()) == addresses.count else { throw damaged }
    let arena = try input.bytes()
    var start = 0
    for end in try input.plain(UInt32.self) {
      guard Int(end) >= start, Int(end) <= arena.count else { throw damaged }
      _ = arena[start..<Int(end)].withUnsafeBufferPointer { address($0.span) }
      start = Int(end)
    }
    func read(_ node: Node) throws(SnapshotError) {
      let received = try input.i64()
      let row = try input.i32()
      guard row >= -1 else { throw damaged }
      switch node {
      case .address(let id): addressReceived[Int(id)] = received
      case .customer(let id):
        if Int(id) >= customerReceived.count { growCustomers(to: Int(id) + 1) }
        customerReceived[Int(id)] = received
      }
      guard row >= 0 else { return }
      let values = try input.plain(Int64.self)
      // Rows were numbered as nodes were first tainted, which need not be the order the changed
      // nodes are listed in: a row past the end is made room for, and the rows between are
      // filled by the records that name them. A node has at most one row.
      guard values.count == rowWidth, Int(row) < addresses.count + customerReceived.count + 1 else { throw damaged }
      if Int(row) >= taint.count / rowWidth {
        taint.append(contentsOf: repeatElement(0, count: (Int(row) + 1) * rowWidth - taint.count))
      }
      taint.replaceSubrange(Int(row) * rowWidth..<(Int(row) + 1) * rowWidth, with: values)
      switch node {
      case .address(let id): addressRow[Int(id)] = row
      case .customer(let id): customerRow[Int(id)] = row
      }
    }
    for _ in 0..<Int(try input.u32()) {
      let id = Int32(try input.u32())
      guard Int(id) < addresses.count else { throw damaged }
      try read(.address(id))
    }
    for _ in 0..<Int(try input.u32()) {
      let id = try input.u32()
      guard id < 1 << 30 else { throw damaged }
      try read(.customer(Int32(id)))
    }
    guard input.isAtEnd else { throw damaged }
    markSaved()
  }
}

// MARK: - Snapshots

extension BinaryWriter {
  mutating func exposure(_ graph: ExposureGraph) {
    u32(UInt32(graph.hopLimit))
    let stored = graph.addresses.storedForm
    bytes(stored.arena)
    plain(stored.ends.map { UInt32(truncatingIfNeeded: $0) })
    plain(graph.addressReceived)
    plain(graph.addressRow)
    // Customers up to the last one value ever reached: the arrays grow in doubling steps.
    let used = (graph.customerReceived.indices.last { graph.customerReceived[$0] != 0 || graph.customerRow[$0] >= 0 } ?? -1) + 1
    plain(Array(graph.customerReceived[..<used]))
    plain(Array(graph.customerRow[..<used]))
    plain(graph.taint)
  }
}

extension BinaryReader {
  mutating func exposure() throws(SnapshotError) -> ExposureGraph {
    let damaged = SnapshotError("engine snapshot has a damaged exposure graph")
    let hopLimit = Int(try u32())
    guard (1...8).contains(hopLimit) else { throw damaged }
    var graph = ExposureGraph(hopLimit: hopLimit)
    let arena = try bytes()
    var ends: [Int] = []
    var previous = 0
    for stored in try plain(UInt32.self) {
      let end = Int(stored)
      guard end >= previous, end <= arena.count else { throw damaged }
      ends.append(end)
      previous = end
    }
    guard (ends.last ?? 0) == arena.count else { throw damaged }
    graph.addresses = InternTable(arena: arena, ends: ends)
    graph.addressReceived = try plain(Int64.self)
    graph.addressRow = try plain(Int32.self)
    graph.customerReceived = try plain(Int64.self)
    graph.customerRow = try plain(Int32.self)
    graph.taint = try plain(Int64.self)
    let rows = graph.taint.count / graph.rowWidth
    guard graph.addressReceived.count == ends.count, graph.addressRow.count == ends.count,
      graph.customerRow.count == graph.customerReceived.count, graph.taint.count % graph.rowWidth == 0,
      (graph.addressRow + graph.customerRow).allSatisfy({ $0 >= -1 && Int($0) < rows })
    else { throw damaged }
    graph.addressDirty = Array(repeating: false, count: graph.addressReceived.count)
    graph.customerDirty = Array(repeating: false, count: graph.customerReceived.count)
    graph.savedAddressCount = graph.addresses.count
    return graph
  }
}
