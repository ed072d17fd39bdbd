import Testing
import TamgaScreening

/// Search over a handful of hand-built entries, so these tests need no list files.
@Suite struct ScreeningSearchTests {
  static let entries: [ListEntry] = [
    ListEntry(
      list: "test", id: "1", kind: .person, primaryName: "IVANOV, Sergei",
      aliases: [ListAlias(name: "Sergey Petrovich Ivanov")], birthDates: [.exact(year: 1970, month: 3, day: 12)],
      countries: ["Russia"]),
    ListEntry(
      list: "test", id: "2", kind: .person, primaryName: "AL-RASHID, Khalid",
      aliases: [ListAlias(name: "Abu Khalid", quality: .weak)], birthDates: [.range(from: 1965, to: 1968)],
      countries: ["Iraq"]),
    ListEntry(list: "test", id: "3", kind: .person, primaryName: "Omar Haddad", aliases: [ListAlias(name: "Abu Khalid")]),
    ListEntry(list: "test", id: "4", kind: .entity, primaryName: "GOLDEN STAR TRADING LLC", countries: ["United Arab Emirates"]),
    ListEntry(list: "test", id: "5", kind: .person, primaryName: "NAZARBAYEV, Nursultan Abishuly", birthDates: [.year(1940)]),
    ListEntry(list: "test", id: "6", kind: .person, primaryName: "Maria Fernanda Lopez Garcia", birthDates: [.approximate(year: 1980)]),
  ]
  static let index = ScreeningIndex(entries: entries)

  @Test func reorderedNameIsFound() throws {
    let hit = try #require(Self.index.search("Sergei Ivanov").first)
    #expect(hit.entryID == "1")
    #expect(hit.matchedNameSource == .primary)
    let reversed = try #require(Self.index.search("Garcia Lopez Maria Fernanda").first)
    #expect(reversed.entryID == "6")
  }

  @Test func cyrillicQueryFindsTheLatinEntry() throws {
    let hit = try #require(Self.index.search("Сергей Иванов").first)
    #expect(hit.entryID == "1")
    #expect(hit.score >= 0.85)
    #expect(hit.nameMatch.pairings.count == 2)
  }

  @Test func birthDateAgreementRaisesAndDisagreementLowersTheScore() throws {
    let plain = try #require(Self.index.search("Sergei Ivanov", threshold: 0.5).first)
    let agreeing = try #require(
      Self.index.search("Sergei Ivanov", dateOfBirth: .exact(year: 1970, month: 3, day: 12), threshold: 0.5).first)
    let disagreeing = try #require(
      Self.index.search("Sergei Ivanov", dateOfBirth: .year(1985), threshold: 0.5).first)
    #expect(plain.dateOfBirth == .unknown)
    #expect(agreeing.dateOfBirth == .agrees)
    #expect(disagreeing.dateOfBirth == .disagrees)
    #expect(disagreeing.score < plain.score)
    // The exact name scores 1, so agreement shows on a slightly misspelt query.
    let misspelt = try #require(Self.index.search("Sergei Ivanvo", threshold: 0.5).first)
    let misspeltAgreeing = try #require(
      Self.index.search("Sergei Ivanvo", dateOfBirth: .year(1970), threshold: 0.5).first)
    #expect(misspeltAgreeing.score > misspelt.score)
  }

  @Test func countryAgreementIsReported() throws {
    let agreeing = try #require(Self.index.search("Khalid Al Rashid", country: "IRAQ").first)
    let disagreeing = try #require(Self.index.search("Khalid Al Rashid", country: "France").first)
    #expect(agreeing.country == .agrees)
    #expect(disagreeing.country == .disagrees)
    #expect(disagreeing.score < agreeing.score)
  }

  /// Customers' nationalities are ISO codes, lists write names: both are compared as codes.
  @Test func countriesAreComparedAsCodesWhateverTheSpelling() throws {
    #expect(try #require(Self.index.search("Sergei Ivanov", country: "RU").first).country == .agrees)
    #expect(try #require(Self.index.search("Sergei Ivanov", country: "Russian Federation").first).country == .agrees)
    #expect(try #require(Self.index.search("Sergei Ivanov", country: "KZ").first).country == .disagrees)
    #expect(try #require(Self.index.search("Golden Star Trading", country: "AE").first).country == .agrees)
    // Not a country, or an entry without countries: nothing to compare.
    #expect(try #require(Self.index.search("Sergei Ivanov", country: "somewhere").first).country == .unknown)
    #expect(try #require(Self.index.search("Omar Haddad", country: "KZ").first).country == .unknown)
  }

  @Test func birthDateRangesAndCircaDatesAreCompared() {
    let policy = EvidencePolicy()
    #expect(policy.birthDateAgreement(query: .year(1966), listed: [.range(from: 1965, to: 1968)]) == .agrees)
    #expect(policy.birthDateAgreement(query: .exact(year: 1982, month: 1, day: 2), listed: [.approximate(year: 1980)]) == .agrees)
    #expect(policy.birthDateAgreement(query: .exact(year: 1970, month: 4, day: 12), listed: [.exact(year: 1970, month: 3, day: 12)]) == .disagrees)
    #expect(policy.birthDateAgreement(query: .year(1970), listed: []) == .unknown)
  }

  @Test func weakAliasRanksBelowAnEqualStrongOne() throws {
    let hits = Self.index.search("Abu Khalid")
    let strong = try #require(hits.first { $0.entryID == "3" })
    let weak = try #require(hits.first { $0.entryID == "2" })
    #expect(weak.matchedNameSource.isWeak)
    #expect(strong.score > weak.score)
    #expect(hits.firstIndex { $0.entryID == "3" } ?? 99 < hits.firstIndex { $0.entryID == "2" } ?? 0)
  }

  @Test func unrelatedNameFindsNothing() {
    #expect(Self.index.search("Oliver Thompson").isEmpty)
    #expect(Self.index.search("").isEmpty)
  }

  @Test func oneMatchPerEntry() {
    let hits = Self.index.search("Sergey Ivanov", threshold: 0.5)
    #expect(Set(hits.map(\.entryID)).count == hits.count)
  }

  @Test func indexResultsEqualExhaustiveResults() {
    let queries = [
      "Sergei Ivanov", "Сергей Иванов", "Ivanov Sergey Petrovich", "Khalid al-Rashid", "Abu Khalid",
      "Golden Star Trading", "Nursultan Nazarbaev", "Maria Lopez", "Omar Hadad", "Oliver Thompson",
    ]
    for query in queries {
      let indexed = Self.index.search(query, threshold: 0.6, limit: 100)
      let exhaustive = Self.index.searchExhaustively(query, threshold: 0.6, limit: 100)
      #expect(indexed == exhaustive, "\(query)")
    }
  }

  @Test func candidatesAreBoundedByTheLimit() {
    let query = NamePreparation().prepare("Sergei Ivanov")
    #expect(Self.index.candidates(for: query, limit: 2).count <= 2)
    #expect(Self.index.candidates(for: query, limit: 2).first.map { Self.index.names[$0].entryIndex } == 0)
  }

  // MARK: - The word index against scoring every name

  /// A list shaped like the real ones: shared common words, one-word aliases, joined and split
  /// spellings, initials, Cyrillic, a very long name, and two entries with the same name.
  static let fixture: [ListEntry] = [
    ListEntry(list: "fixture", id: "a1", kind: .person, primaryName: "IVANOV, Sergei Petrovich", aliases: [ListAlias(name: "S. Ivanov")]),
    ListEntry(list: "fixture", id: "a2", kind: .person, primaryName: "Ivanova, Olga", aliases: [ListAlias(name: "IVANOVA")]),
    ListEntry(list: "fixture", id: "a3", kind: .person, primaryName: "THOMPSON", aliases: [ListAlias(name: "Jack Thompson")]),
    ListEntry(list: "fixture", id: "a4", kind: .person, primaryName: "Abdul Rahman Yasin", aliases: [ListAlias(name: "Abdulrahman Yaseen")]),
    ListEntry(list: "fixture", id: "a5", kind: .person, primaryName: "Abd al Rahman Muhammad Al-Tikriti"),
    ListEntry(list: "fixture", id: "a6", kind: .person, primaryName: "Ali Hassan Al-Majid", aliases: [ListAlias(name: "Ali Hasan")]),
    ListEntry(list: "fixture", id: "a7", kind: .person, primaryName: "Muhammad Ali", aliases: [ListAlias(name: "Mohammed Aly", quality: .weak)]),
    ListEntry(list: "fixture", id: "a8", kind: .person, primaryName: "Нурсултан Абишевич Назарбаев"),
    ListEntry(list: "fixture", id: "a9", kind: .person, primaryName: "Yevgeniy Viktorovich Prigozhin"),
    ListEntry(list: "fixture", id: "a10", kind: .person, primaryName: "J. R. Hartley"),
    ListEntry(list: "fixture", id: "a11", kind: .entity, primaryName: "Golden Star Trading LLC", aliases: [ListAlias(name: "GOLDENSTAR")]),
    ListEntry(
      list: "fixture", id: "a12", kind: .person,
      primaryName: "Abu Abdallah Muhammad bin Ahmad bin Ali bin Hassan bin Abd al Aziz bin Saud al Qahtani al Yamani"),
    ListEntry(list: "fixture", id: "a13", kind: .person, primaryName: "Muhammad Ali"),
  ]
  static let fixtureIndex = ScreeningIndex(entries: fixture)
  static let fixtureQueries = [
    "Sergei Ivanov", "Sergey Ivanvo", "Ivanov Sergei Petrovich", "Сергей Иванов", "S. Ivanov", "Olga Ivanova",
    "Ivanova", "Oliver Thompson", "Thompson", "Jack Tompson", "Abdulrahman Yasin", "Abdul Rahman Yaseen",
    "Abdalrahman Muhammad Al Tikriti", "Ali Hassan", "Ali Hasan Al Majid", "Mohammed Ali", "Muhammad Aly",
    "Nursultan Nazarbayev", "Назарбаев Нурсултан", "Evgeny Prigozhin", "Евгений Пригожин", "J. Hartley",
    "John Hartley", "Golden Star", "Goldenstar Trading", "Muhammad bin Ahmad al Qahtani",
    "Abu Abdallah Muhammad bin Ahmad bin Ali bin Hassan bin Abd al Aziz bin Saud al Qahtani al Yamani",
    "", " -., ", "A", "J. R.", "12345",
  ]

  @Test(arguments: [0.75, 0.8, 0.85, 0.9, 0.95, 0.5])
  func indexResultsEqualExhaustiveResultsOnTheFixture(threshold: Double) {
    for query in Self.fixtureQueries {
      for (dateOfBirth, country) in [(nil, nil), (BirthDate.year(1970), "Russia")] as [(BirthDate?, String?)] {
        let indexed = Self.fixtureIndex.search(
          query, dateOfBirth: dateOfBirth, country: country, threshold: threshold, limit: 100)
        let exhaustive = Self.fixtureIndex.searchExhaustively(
          query, dateOfBirth: dateOfBirth, country: country, threshold: threshold, limit: 100)
        #expect(indexed == exhaustive, "\(query) at \(threshold)")
      }
    }
  }

  @Test func searchIsDeterministicAcrossRunsAndBuilds() {
    let rebuilt = ScreeningIndex(entries: Self.fixture)
    for query in Self.fixtureQueries {
      let first = Self.fixtureIndex.search(query, threshold: 0.8, limit: 100)
      #expect(Self.fixtureIndex.search(query, threshold: 0.8, limit: 100) == first, "\(query)")
      #expect(rebuilt.search(query, threshold: 0.8, limit: 100) == first, "\(query)")
      #expect(first.map(\.summary) == rebuilt.search(query, threshold: 0.8, limit: 100).map(\.summary))
    }
  }

  @Test func equalScoresAreRankedByEntryOrder() throws {
    let hits = Self.fixtureIndex.search("Muhammad Ali", limit: 100)
    let tied = hits.filter { $0.score == 1 }.map(\.entryID)
    #expect(tied == ["a7", "a13"])
  }

  @Test func oneSharedWordIsNotAHit() {
    #expect(Self.fixtureIndex.search("Oliver Thompson").isEmpty)
    #expect(Self.fixtureIndex.search("Ali Hassan").map(\.entryID) == ["a6"])
    #expect(Self.fixtureIndex.search("Thompson").map(\.entryID) == ["a3"])
  }

  @Test func joinedAndCyrillicSpellingsAreFoundThroughTheIndex() throws {
    let joined = try #require(Self.fixtureIndex.search("Abdulrahman Yasin").first)
    #expect(joined.entryID == "a4")
    let cyrillic = try #require(Self.fixtureIndex.search("Назарбаев Нурсултан").first)
    #expect(cyrillic.entryID == "a8")
    let latin = try #require(Self.fixtureIndex.search("Nursultan Nazarbayev").first)
    #expect(latin.entryID == "a8")
  }

  @Test func candidatesRespectTheLimitAndOrderByWordAgreement() {
    let query = NamePreparation().prepare("Muhammad Ali Hassan")
    let all = Self.fixtureIndex.candidates(for: query)
    #expect(!all.isEmpty)
    #expect(Self.fixtureIndex.candidates(for: query, limit: 1) == Array(all.prefix(1)))
    #expect(Self.fixtureIndex.candidates(for: query, limit: 0).isEmpty)
    #expect(Self.fixtureIndex.candidates(for: NamePreparation().prepare("")).isEmpty)
  }

  @Test func anEmptyListFindsNothing() {
    let empty = ScreeningIndex(entries: [])
    #expect(empty.search("Sergei Ivanov").isEmpty)
    #expect(empty.searchExhaustively("Sergei Ivanov").isEmpty)
    #expect(empty.candidates(for: NamePreparation().prepare("Sergei Ivanov")).isEmpty)
  }
}
