import Testing
import TamgaScreening

@Suite struct NameScorerTests {
  let preparation = NamePreparation()
  let scorer = NameScorer()

  func score(_ query: String, _ candidate: String) -> Double {
    scorer.score(preparation.prepare(query), against: preparation.prepare(candidate))
  }

  @Test func identicalNamesScoreOne() {
    #expect(score("Sergei Ivanov", "SERGEI IVANOV") == 1)
  }

  @Test func wordOrderDoesNotMatter() {
    #expect(score("Ivanov Sergei", "Sergei Ivanov") >= 0.95)
    #expect(score("IVANOV, Sergei", "Sergei Ivanov") >= 0.95)
  }

  @Test func aDroppedMiddleNameCostsLittle() {
    #expect(score("Sergei Ivanov", "Sergei Petrovich Ivanov") >= 0.9)
    #expect(score("Nursultan Abishuly Nazarbayev", "Nursultan Nazarbayev") >= 0.9)
  }

  @Test func aTypoCostsLittle() {
    #expect(score("Sergei Ivanvo", "Sergei Ivanov") >= 0.9)
    #expect(score("Sergey Ivanov", "Sergei Ivanov") >= 0.9)
  }

  @Test func initialsCountPartly() {
    let withInitial = score("A. Bekova", "Aigerim Bekova")
    #expect(withInitial >= 0.85 && withInitial < 1)
    #expect(score("B. Bekova", "Aigerim Bekova") < withInitial)
  }

  @Test func cyrillicOriginalMeetsItsLatinSpellings() {
    #expect(score("Kassym-Jomart Tokayev", "Қасым-Жомарт Тоқаев") >= 0.9)
    #expect(score("Kasym-Zhomart Tokaev", "Қасым-Жомарт Тоқаев") >= 0.9)
    #expect(score("Sergey Ivanov", "Сергей Иванов") >= 0.95)
    #expect(score("Yulia Shcheglova", "Юлия Щеглова") >= 0.9)
    #expect(score("Mukhtar Ablyazov", "Мұхтар Әблязов") >= 0.9)
  }

  /// ICU's Kazakh BGN spellings (ASCII) of Kazakh names are recognised against the Cyrillic names.
  @Test(.enabled(if: NamesTestData.isAvailable))
  func icuKazakhSpellingsMeetTheirCyrillicNames() throws {
    let names = try NamesTestData.kazakhReference().filter { $0.count >= 4 && $0[1].hasPrefix("word") }
      .filter { $0[0].unicodeScalars.count > 3 }  // the two-letter digraph probes are not names
    try #require(names.count >= 20)
    for row in names {
      let result = score(row[3], row[0])
      #expect(result >= 0.9, "\(row[3]) vs \(row[0]): \(result)")
    }
  }

  @Test func aNameWrittenAsOneWordMeetsItsTwoWordForm() {
    let query = preparation.prepare("Abdulrahman Al Qaduli")
    let candidate = preparation.prepare("Abdul Rahman Al-Qaduli")
    let match = scorer.explain(query, against: candidate)
    #expect(match.score >= 0.95)
    #expect(match.joinedWords)
    #expect(match.pairings.first?.candidateToken == "abdulrahmanalqaduli")
    #expect(score("Annamaria Lopes", "Anna Maria Lopez") >= 0.9)
    // Same letter count but different words do not pass as one name.
    #expect(score("Ivan Petrov", "Olgaaa Sidorov Ka") < 0.7)
  }

  @Test func unrelatedNamesScoreLow() {
    #expect(score("Aigerim Bekova", "Robert Smith") < 0.7)
    #expect(score("Aigerim Bekova", "Aigerim Smith") < 0.7)
    #expect(score("Ivan Petrov", "Olga Sidorova") < 0.7)
    #expect(score("Robert Smith", "") == 0)
  }

  @Test func explanationShowsWhichWordsMetThroughWhichSpelling() throws {
    let query = preparation.prepare("Kassym-Jomart Tokayev")
    let candidate = preparation.prepare("Қасым-Жомарт Кемелұлы Тоқаев")
    let match = scorer.explain(query, against: candidate)
    #expect(abs(match.score - scorer.score(query, against: candidate)) < 1e-12)
    #expect(match.queryVariant.scheme == nil)
    #expect(match.candidateVariant.scheme != nil)
    #expect(match.pairings.map(\.queryToken) == ["kassym", "jomart", "tokayev"])
    let surname = try #require(match.pairings.last)
    #expect(surname.candidateToken == "tokayev")
    #expect(surname.similarity == 1)
    #expect(match.unpairedCandidateTokens.count == 1)
    #expect(!match.joinedWords)
  }
}
