import Testing
import TamgaScreening

@Suite struct JaroWinklerTests {
  @Test(.enabled(if: NamesTestData.isAvailable))
  func jaroWinklerAgreesWithEveryReferenceVectorToThreeDecimals() throws {
    let rows = try NamesTestData.csvRows("strings/jaro_winkler.csv")
    try #require(rows.count >= 10)
    for row in rows {
      try #require(row.count == 3, "malformed row \(row)")
      let expected = try #require(Double(row[2]))
      let actual = JaroWinkler.similarity(row[0], row[1])
      #expect(abs(actual - expected) < 0.0005, "\(row[0]) / \(row[1]): \(actual) vs \(expected)")
    }
  }

  /// The one non-ASCII vector ("0ð00") is identical on both sides, so counting scalars or graphemes
  /// gives the same 1.0; no exception is needed.
  @Test(.enabled(if: NamesTestData.isAvailable))
  func jaroAgreesWithEveryReferenceVectorToThreeDecimals() throws {
    let rows = try NamesTestData.csvRows("strings/jaro_distance.csv")
    try #require(rows.count >= 4)
    for row in rows {
      try #require(row.count == 3, "malformed row \(row)")
      let expected = try #require(Double(row[2]))
      let actual = JaroWinkler.jaro(row[0], row[1])
      #expect(abs(actual - expected) < 0.0005, "\(row[0]) / \(row[1]): \(actual) vs \(expected)")
    }
  }

  @Test func textbookPairsScoreAsPublished() {
    #expect(abs(JaroWinkler.similarity("martha", "marhta") - 0.961) < 0.0005)
    #expect(abs(JaroWinkler.jaro("dwayne", "duane") - 0.822) < 0.0005)
    #expect(JaroWinkler.similarity("aigerim", "aigerim") == 1)
    #expect(JaroWinkler.similarity("", "") == 0)
    #expect(JaroWinkler.similarity("abc", "xyz") == 0)
  }

  @Test func similarityIsSymmetricOnNames() {
    let names = ["tokayev", "tokaev", "toqaev", "nazarbayev", "ivanov", "ivanova", "a"]
    for first in names {
      for second in names {
        #expect(abs(JaroWinkler.similarity(first, second) - JaroWinkler.similarity(second, first)) < 1e-12)
      }
    }
  }
}
