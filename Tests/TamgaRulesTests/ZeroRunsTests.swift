import Testing
@testable import TamgaRules

/// The rules' state is stored with its zero runs taken out; what comes back must be the same
/// bytes, and damage must be refused rather than restored as a different state.
@Suite struct ZeroRunsTests {
  static let shapes: [[UInt8]] = [
    [],
    [0],
    [UInt8](repeating: 0, count: 15),
    [UInt8](repeating: 0, count: 16),
    [UInt8](repeating: 0, count: 1_000_003),
    [UInt8](repeating: 7, count: 1_001),
    // Zero runs shorter than two words stay literal; one starting off a word boundary too.
    [1] + [UInt8](repeating: 0, count: 12) + [2, 3, 4] + [UInt8](repeating: 0, count: 40) + [5],
    [UInt8](repeating: 0, count: 24) + [9] + [UInt8](repeating: 0, count: 31),
  ]

  @Test(arguments: shapes.indices)
  func decodesToTheSameBytes(shape: Int) throws {
    let bytes = Self.shapes[shape]
    let stored = ZeroRuns.encode(bytes)
    #expect(try ZeroRuns.decode(stored) == bytes)
  }

  @Test func aMostlyEmptyTableShrinksToItsValues() throws {
    var generator = SystemRandomNumberGenerator()
    var table = [UInt64](repeating: 0, count: 100_000)
    for index in stride(from: 0, to: table.count, by: 10) { table[index] = generator.next() | 1 }
    let bytes = table.withUnsafeBytes { Array($0) }
    let stored = ZeroRuns.encode(bytes)
    // A tenth of the words hold values; each piece costs a few bytes of lengths.
    #expect(stored.count < bytes.count / 7)
    #expect(try ZeroRuns.decode(stored) == bytes)
  }

  @Test func aStateSavedBeforeTheEncodingReadsAsItIs() throws {
    let plain = Engine(configuration: RulesConfiguration()).rulesSnapshot()
    #expect(try ZeroRuns.decode(plain) == plain)
  }

  @Test func damageIsRefused() {
    let bytes = [1, 2, 3] + [UInt8](repeating: 0, count: 64) + [4, 5]
    let stored = ZeroRuns.encode(bytes)
    // Cut short, inside the last literal.
    #expect(throws: SnapshotError.self) { try ZeroRuns.decode(Array(stored.dropLast(2))) }
    // A decoded length that the pieces do not reach.
    var longer = stored
    longer[ZeroRuns.magic.count] += 1
    #expect(throws: SnapshotError.self) { try ZeroRuns.decode(longer) }
    // A zero run past the decoded length.
    var shorter = stored
    shorter[ZeroRuns.magic.count] -= 1
    #expect(throws: SnapshotError.self) { try ZeroRuns.decode(shorter) }
    // A decoded length no stored state could have.
    #expect(throws: SnapshotError.self) { try ZeroRuns.decode(ZeroRuns.magic + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]) }
  }
}
