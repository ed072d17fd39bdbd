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
}
