import TamgaModel

/// Little-endian binary writing for engine snapshots: compact, fast, and the same bytes for
/// the same state.
struct BinaryWriter {
  var buffer: [UInt8] = []

  mutating func u8(_ value: UInt8) { buffer.append(value) }
  mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) } }
  mutating func i32(_ value: Int32) { u32(UInt32(bitPattern: value)) }
  mutating func i64(_ value: Int64) { withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) } }
  mutating func bytes(_ value: [UInt8]) {
    u32(UInt32(value.count))
    buffer.append(contentsOf: value)
  }

  /// A flat array of plain values, in memory order: one copy, however many customers.
  /// Snapshots are therefore little-endian; Tamga builds only for little-endian machines.
  /// `T` must have no padding, or the bytes would differ between equal states.
  mutating func plain<T: BitwiseCopyable>(_ values: [T]) {
    u32(UInt32(values.count))
    values.withUnsafeBytes { buffer.append(contentsOf: $0) }
  }
  /// The first `count` values of a flat array (all of them if it holds fewer): per-customer
  /// tables grow by doubling, and the slots past the last customer hold nothing to keep.
  mutating func plain<T: BitwiseCopyable>(_ values: [T], upTo count: Int) {
    let kept = min(count, values.count)
    u32(UInt32(kept))
    values.withUnsafeBytes { buffer.append(contentsOf: $0.prefix(kept * MemoryLayout<T>.stride)) }
  }

  /// LEB128: seven bits a byte, low first.
  @inline(__always)
  mutating func varint(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      buffer.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    buffer.append(UInt8(value))
  }

  /// Period totals, compactly: this state is rewritten after every transfers file and most of
  /// its 48 bytes a customer are small numbers, so varints make it about a third the size.
  /// A key is written as 0 for "no period" or key + 1; a total as its cents (never negative).
  mutating func totals(_ totals: [CapTotals]) {
    u32(UInt32(totals.count))
    buffer.reserveCapacity(buffer.count + totals.count * 16)
    @inline(__always) func period(_ period: PeriodTotals, _ out: inout BinaryWriter) {
      out.varint(period.currentKey == PeriodTotals.none ? 0 : UInt64(UInt32(bitPattern: period.currentKey)) + 1)
      out.varint(period.previousKey == PeriodTotals.none ? 0 : UInt64(UInt32(bitPattern: period.previousKey)) + 1)
      out.varint(UInt64(bitPattern: period.current))
      out.varint(UInt64(bitPattern: period.previous))
    }
    for customer in totals {
      period(customer.month, &self)
      period(customer.year, &self)
    }
  }

  mutating func optionalUSD(_ value: USD?) {
    u8(value == nil ? 0 : 1)
    i64(value?.cents ?? 0)
  }

  mutating func status(_ status: CustomerStatus) {
    i64(status.since.millisecondsSinceEpoch)
    u8(UInt8(PersonType.allCases.firstIndex(of: status.personType) ?? 0))
    u8(UInt8(ClientClass.allCases.firstIndex(of: status.clientClass) ?? 0))
    u8(UInt8(Regime.allCases.firstIndex(of: status.regime) ?? 0))
    u8(UInt8(Verification.allCases.firstIndex(of: status.verification) ?? 0))
    optionalUSD(status.annualIncome)
    optionalUSD(status.netWorth)
    u8(status.isLicensedMiner ? 1 : 0)
  }
}

struct BinaryReader {
  let data: [UInt8]
  var offset = 0

  init(_ data: [UInt8]) { self.data = data }

  var isAtEnd: Bool { offset == data.count }

  mutating func take(_ count: Int) throws(SnapshotError) -> ArraySlice<UInt8> {
    guard count >= 0, offset + count <= data.count else { throw SnapshotError("engine snapshot is truncated") }
    defer { offset += count }
    return data[offset..<(offset + count)]
  }

  mutating func u8() throws(SnapshotError) -> UInt8 { try take(1).first ?? 0 }

  mutating func u32() throws(SnapshotError) -> UInt32 {
    var value: UInt32 = 0
    for (shift, byte) in try take(4).enumerated() { value |= UInt32(byte) << (8 * UInt32(shift)) }
    return value
  }

  mutating func i32() throws(SnapshotError) -> Int32 { Int32(bitPattern: try u32()) }

  mutating func i64() throws(SnapshotError) -> Int64 {
    var value: UInt64 = 0
    for (shift, byte) in try take(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(shift)) }
    return Int64(bitPattern: value)
  }

  mutating func bytes() throws(SnapshotError) -> [UInt8] { Array(try take(Int(try u32()))) }

  mutating func plain<T: BitwiseCopyable>(_: T.Type) throws(SnapshotError) -> [T] {
    let count = Int(try u32())
    let bytes = try take(count * MemoryLayout<T>.stride)
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      bytes.withUnsafeBytes { source in
        UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
      }
      initialized = count
    }
  }

  @inline(__always)
  mutating func varint() throws(SnapshotError) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < data.count, shift < 64 else { throw SnapshotError("engine snapshot is truncated") }
      let byte = data[offset]
      offset += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
  }

  mutating func totals() throws(SnapshotError) -> [CapTotals] {
    let count = Int(try u32())
    guard count <= data.count else { throw SnapshotError("engine snapshot is truncated") }
    var totals = [CapTotals]()
    totals.reserveCapacity(count)
    func key(_ stored: UInt64) throws(SnapshotError) -> Int32 {
      guard stored <= UInt64(UInt32.max) + 1 else { throw SnapshotError("engine snapshot holds an impossible period") }
      return stored == 0 ? PeriodTotals.none : Int32(bitPattern: UInt32(stored - 1))
    }
    func period(_ input: inout BinaryReader) throws(SnapshotError) -> PeriodTotals {
      var period = PeriodTotals()
      period.currentKey = try key(try input.varint())
      period.previousKey = try key(try input.varint())
      period.current = Int64(bitPattern: try input.varint())
      period.previous = Int64(bitPattern: try input.varint())
      return period
    }
    for _ in 0..<count {
      let month = try period(&self)
      let year = try period(&self)
      totals.append(CapTotals(month: month, year: year))
    }
    return totals
  }

  mutating func optionalUSD() throws(SnapshotError) -> USD? {
    let present = try u8()
    let cents = try i64()
    return present == 1 ? USD(cents: cents) : nil
  }

  mutating func choice<T: CaseIterable>(_: T.Type) throws(SnapshotError) -> T where T.AllCases: RandomAccessCollection, T.AllCases.Index == Int {
    let index = Int(try u8())
    guard index < T.allCases.count else { throw SnapshotError("engine snapshot holds an unknown value") }
    return T.allCases[T.allCases.startIndex + index]
  }

  /// - Parameter format: the snapshot's format; 9 added whether the customer is a licensed miner.
  mutating func status(format: UInt32) throws(SnapshotError) -> CustomerStatus {
    let since = Timestamp(millisecondsSinceEpoch: try i64())
    var record = CustomerRecord(customerID: "", recordedAt: since)
    record.personType = try choice(PersonType.self)
    record.clientClass = try choice(ClientClass.self)
    record.regime = try choice(Regime.self)
    record.verification = try choice(Verification.self)
    record.annualIncome = try optionalUSD()
    record.netWorth = try optionalUSD()
    var status = CustomerStatus(record)
    if format >= 9 { status.isLicensedMiner = try u8() == 1 }
    return status
  }
}
