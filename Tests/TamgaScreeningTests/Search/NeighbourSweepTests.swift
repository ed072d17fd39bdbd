import Foundation
import Testing
@testable import TamgaScreening

/// The index's shortcuts against the plain definitions they stand in for: the neighbour sweep
/// (same-start ranges, pair-of-letter-bit lists, tabulated letter floors) against comparing the
/// query with every term, and Jaro-Winkler's bit-flag matching against the textbook algorithm.
@Suite struct NeighbourSweepTests {
  /// A deterministic generator (a 64-bit LCG), so the made-up words are the same on every run.
  struct Words {
    var state: UInt64
    /// Letters weighted like names: vowels and common consonants often, rare letters seldom, so
    /// the pair lists are of very different lengths, as on the real lists.
    static let alphabet = Array("aaaaeeeiiioouunnnrrrsssllttmmhhkkddbbyzgvjqxwfcp")

    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }

    mutating func word(length: Int) -> String {
      String((0..<length).map { _ in Self.alphabet[next(Self.alphabet.count)] })
    }

    /// A word close to `word`: one letter changed, dropped, doubled, or two swapped.
    mutating func variant(of word: String) -> String {
      var letters = Array(word)
      let position = next(letters.count)
      switch next(4) {
      case 0: letters[position] = Self.alphabet[next(Self.alphabet.count)]
      case 1 where letters.count > 2: letters.remove(at: position)
      case 2: letters.insert(letters[position], at: position)
      default: if position + 1 < letters.count { letters.swapAt(position, position + 1) }
      }
      return String(letters)
    }
  }

  /// 600 made-up names of two or three words (3 to 14 letters), so terms of every length, many
  /// runs of words, and shared words.
  static let index: ScreeningIndex = {
    var words = Words(state: 42)
    let vocabulary = (0..<500).map { _ in words.word(length: 3 + words.next(12)) }
    let entries = (0..<600).map { number in
      let name = (0..<(2 + words.next(2))).map { _ in vocabulary[words.next(vocabulary.count)] }.joined(separator: " ")
      return ListEntry(list: "made-up", id: "\(number)", kind: .person, primaryName: name)
    }
    return ScreeningIndex(entries: entries)
  }()

  /// What the sweep must find, by definition: every term the scorer lets `query` agree with, as a
  /// word (words at the chance floor, runs at the joined floor and same first letter) or as a run
  /// of words (words at the joined floor and same first letter).
  static func everyAgreeingTerm(_ query: [UInt32], asRun: Bool, in index: ScreeningIndex) -> [Int32: Double] {
    let terms = index.terms
    let scorer = index.scorer
    var found: [Int32: Double] = [:]
    query.withUnsafeBufferPointer { query in
      let queryLetters = LetterCounts.mask(query)
      terms.scalars.values.withUnsafeBufferPointer { all in
        for term in 0..<terms.count where terms.length(term) > 1 {
          let candidate = UnsafeBufferPointer(rebasing: all[terms.scalars.range(term)])
          let isWord = terms.kinds[term] & ListTerms.word != 0
          let sameStart = candidate[0] == query[0]
          let floor: Double
          if asRun {
            guard isWord, sameStart else { continue }
            floor = scorer.joinedAgreement
          } else if isWord {
            floor = scorer.chanceAgreement
          } else {
            guard sameStart else { continue }
            floor = scorer.joinedAgreement
          }
          let similarity = scorer.agreement(query, queryLetters, candidate, terms.letters[term], atLeast: floor)
          if similarity > 0 { found[Int32(term)] = similarity }
        }
      }
    }
    return found
  }

  @Test func theSweepFindsExactlyWhatComparingEveryTermFinds() {
    let index = Self.index
    var words = Words(state: 7)
    var queries: [String] = []
    for _ in 0..<150 {
      // A list word's neighbour, an unrelated word, and a long run of words written together.
      let term = words.next(index.terms.count)
      let text = String(String.UnicodeScalarView(
        index.terms.scalars.values[index.terms.scalars.range(term)].compactMap(Unicode.Scalar.init)))
      queries.append(words.variant(of: text))
      queries.append(words.word(length: 2 + words.next(14)))
    }
    queries.append(words.word(length: 60))
    var compared = 0
    // One letter is an initial, which the scorer credits from its first letter: never searched.
    for query in queries where query.count > 1 {
      let scalars = query.unicodeScalars.map(\.value)
      for asRun in [false, true] {
        var swept: [TermAgreement] = []
        scalars.withUnsafeBufferPointer { buffer in
          index.terms.neighbours(
            of: buffer, letters: LetterCounts.mask(buffer), asRun: asRun, scorer: index.scorer, into: &swept)
        }
        let expected = Self.everyAgreeingTerm(scalars, asRun: asRun, in: index)
        #expect(swept.count == expected.count, "\(query) as \(asRun ? "run" : "word")")
        for agreement in swept {
          #expect(expected[agreement.term] == agreement.similarity, "\(query): term \(agreement.term)")
        }
        compared += expected.count
      }
    }
    // Not a vacuous comparison: the made-up words do have neighbours.
    #expect(compared > 150)
  }

  @Test func tabulatedLetterFloorsAreTheFewestCommonLettersThatCanReachTheFloor() {
    for floor in [0.82, 0.9] {
      let table = FewestCommonLetters(floor: floor)
      // Inside the table and beyond it (worked out when asked).
      for (queryCount, length) in [(2, 2), (5, 7), (12, 9), (47, 47), (48, 40), (70, 64)] {
        table.withRow(queryCount, length) { fewest in
          for prefix in 0...JaroWinkler.maximumPrefixLength {
            let reaching = (1...min(queryCount, length)).first {
              LetterCounts.jaroWinklerCeiling(common: $0, queryCount, length, prefix: prefix) >= floor
            }
            #expect(fewest[prefix] == (reaching ?? FewestCommonLetters.unreachable), "\(queryCount)/\(length)/\(prefix)")
          }
        }
      }
    }
  }

  /// Jaro-Winkler as usually written: flag arrays, the first string's scalars matched in order.
  static func textbookJaroWinkler(_ first: [UInt32], _ second: [UInt32]) -> Double {
    guard !first.isEmpty, !second.isEmpty else { return 0 }
    let window = max(0, max(first.count, second.count) / 2 - 1)
    var firstMatched = [Bool](repeating: false, count: first.count)
    var secondMatched = [Bool](repeating: false, count: second.count)
    var common = 0
    for i in first.indices {
      let low = max(0, i - window)
      let high = min(i + window, second.count - 1)
      guard low <= high else { continue }
      for j in low...high where !secondMatched[j] && second[j] == first[i] {
        firstMatched[i] = true
        secondMatched[j] = true
        common += 1
        break
      }
    }
    guard common > 0 else { return 0 }
    let firstInOrder = first.indices.filter { firstMatched[$0] }.map { first[$0] }
    let secondInOrder = second.indices.filter { secondMatched[$0] }.map { second[$0] }
    let transpositions = zip(firstInOrder, secondInOrder).filter { $0 != $1 }.count / 2
    let matched = Double(common)
    let jaro = (matched / Double(first.count) + matched / Double(second.count) + (matched - Double(transpositions)) / matched) / 3
    guard jaro > JaroWinkler.boostThreshold else { return jaro }
    let prefix = zip(first, second).prefix(JaroWinkler.maximumPrefixLength).prefix { $0 == $1 }.count
    return jaro + Double(prefix) * JaroWinkler.prefixScale * (1 - jaro)
  }

  @Test func jaroWinklerEqualsTheTextbookAlgorithmShortAndLong() {
    var words = Words(state: 99)
    // Up to 64 scalars the matching keeps its flags in bits; beyond, in arrays: both must agree
    // with the textbook, to the last bit.
    for length in [1, 2, 5, 9, 31, 63, 64, 65, 80, 130] {
      for _ in 0..<40 {
        let first = words.word(length: length)
        let second = words.next(2) == 0 ? words.variant(of: first) : words.word(length: max(1, length + words.next(5) - 2))
        let a = first.unicodeScalars.map(\.value)
        let b = second.unicodeScalars.map(\.value)
        #expect(JaroWinkler.similarity(a, b) == Self.textbookJaroWinkler(a, b), "\(first) / \(second)")
      }
    }
  }
}

/// The index against scoring every name on the real lists, for the kinds of query the shortcuts
/// treat differently: a typo (a word no list holds), words written together, Cyrillic (four
/// spellings), a very common word ("Muhammad", the word whose names are checked, not marked).
@Suite(.enabled(if: ListsSharedData.isAvailable)) struct RealListIndexTests {
  @Test func theIndexFindsWhatScoringEveryNameFindsOnOFACAndUN() throws {
    let ofac = try OFACLegacyLoader.load(directory: ListsSharedData.folder("ofac-sdn-2021"))
    let un = try UNListLoader.load(file: ListsSharedData.folder("un-2026-02").appendingPathComponent("consolidated.xml"))
    let index = ScreeningIndex(entries: ofac.entries + un.entries)
    let queries = [
      "Muhamad Al Hasan", "Abdulrahman Yasin", "Саддам Хусейн", "Viktor Bout", "Usama bin Ladin",
      "Kim Jong Un", "Aigerim Nurlanova", "Ali Mohamed Ali", "Hassan Nasrallah", "Mohammed Omar",
    ]
    var found = 0
    for query in queries {
      let indexed = index.search(query, threshold: 0.85, limit: 100)
      #expect(indexed == index.searchExhaustively(query, threshold: 0.85, limit: 100), "\(query)")
      found += indexed.count
    }
    #expect(found > queries.count)
  }
}
