/// How one query word (or a run of query words written together) met the candidate name.
public struct TokenPairing: Sendable, Hashable {
  /// The query word; for a run written together, its words separated by spaces.
  public let queryToken: String
  /// The candidate word (or run of words, separated by spaces) it was paired with, or nil when no
  /// candidate word agreed with it.
  public let candidateToken: String?
  /// Agreement between the two sides in 0...1 (0 when unpaired).
  public let similarity: Double
  /// Whether one side is two or three adjacent words compared written together against a single
  /// word of the other ("abdul rahman" against "abdulrahman").
  public let joinedWords: Bool
}

/// Why a candidate scored what it did against a query: the score and the word-by-word pairing.
///
/// Why: an analyst clearing an alert needs to see "SERGEI met Sergey at 0.96, PETROVICH had no
/// counterpart", not just "0.91".
public struct NameMatch: Sendable, Hashable {
  /// The overall score in 0...1, the best over all spelling pairs.
  public let score: Double
  /// The query spelling that gave the best score (nil scheme: written in Latin letters).
  public let queryVariant: PreparedNameVariant
  /// The candidate spelling that gave the best score.
  public let candidateVariant: PreparedNameVariant
  /// One entry per query word in the query's word order; a run of query words written together
  /// ("abdul rahman" met "abdulrahman") is one entry at the place of its first word.
  public let pairings: [TokenPairing]
  /// Candidate words no query word was paired with (an extra middle name, for instance).
  public let unpairedCandidateTokens: [String]
  /// Whether any pairing compared words written together (see `TokenPairing.joinedWords`).
  public let joinedWords: Bool
}

/// Scores a query name against a candidate name in 0...1, trying every spelling pair.
///
/// The rule, for one query spelling against one candidate spelling:
/// 1. Two words agree when their letter counts differ by at most `lengthTolerance` of the longer
///    (never less than one letter) and their Jaro-Winkler similarity is at least `chanceAgreement`;
///    the similarity is then the agreement, otherwise it is 0. A single letter (an initial) agrees
///    only with a word starting with that letter: `initialCredit`, or 1 against the same initial.
/// 2. Two or three adjacent words of one name, written together without spaces, may agree with one
///    word of the other of at least `shortestJoinedWord` letters that starts with the same letter
///    ("Abdul Rahman"/"Abdulrahman", "Abd al Rahman"/"Abdalrahman"), by the same length rule, at
///    Jaro-Winkler `joinedAgreement` or above; initials never take part. Shorter words ("Li Na"
///    against "LIA") agree with runs too easily by chance.
/// 3. Agreeing pairs are taken best first (highest agreement; then most letters; then earliest query
///    word, earliest candidate word, fewest words), each word used at most once, so word order
///    does not matter. A pair weighs the average of its two sides' letter counts.
/// 4. Words left unpaired cost their letter count, except that when every word of a name of two
///    or more words is paired, each pair at `forgivingAgreement` or above, the longest unpaired
///    word of the other (a middle name or patronymic the first name leaves out) costs only
///    `leftoverWeight` of its letter count. A word merely close to its partner ("Silk" and
///    "Smile") forgives nothing: "Silk Road Payments" is not "Smile Payments".
/// 5. The score is Σ(weight × agreement) / (Σ weight + Σ cost of unpaired words).
/// 6. The score is capped at `singleWordCeiling` unless full words (not initials) of each name take
///    part in pairs: two of them, or the one word of a one-word name. So one shared word ("Oliver
///    Thompson" against "THOMPSON", "Ivanov" against "Sergei Ivanov"), a name and an initial
///    ("Ahmed Abenov" against "AHMED, A.") or initials alone never reach a screening threshold; an
///    initial counts only beside two agreeing full words ("Sergei A. Ivanov" against "Sergei
///    Aleksandrovich Ivanov"). Deliberately missed: "S. Ivanov" against "Sergei Ivanov", one
///    surname and one initial being too little to alert on.
///
/// Every spelling of the query is tried against every spelling of the candidate; the best wins.
public struct NameScorer: Sendable {
  /// Jaro-Winkler below this between two words is treated as no agreement at all: unrelated names
  /// share letters by chance and should not earn credit for it.
  public var chanceAgreement: Double
  /// What a single-letter initial earns against a word starting with the same letter.
  public var initialCredit: Double
  /// The share of its letter count that the one forgiven extra word costs.
  public var leftoverWeight: Double
  /// The least Jaro-Winkler for words written together to agree with one word; higher than
  /// `chanceAgreement` because longer strings share letters by chance more easily.
  public var joinedAgreement: Double
  /// How far apart (as a share of the longer) two sides' letter counts may be and still agree.
  public var lengthTolerance: Double
  /// The highest score a name can reach on one shared word or on initials alone.
  public var singleWordCeiling: Double
  /// The least agreement of every pair for a name's extra word to be forgiven (rule 4).
  public var forgivingAgreement: Double
  /// The fewest letters of a word that words written together may agree with (rule 2).
  public static let shortestJoinedWord = 6

  /// At most this many adjacent words are compared written together.
  static let longestJoinedRun = 3

  /// A scorer with the defaults described on the type.
  public init(
    chanceAgreement: Double = 0.82, initialCredit: Double = 0.8, leftoverWeight: Double = 0.1,
    joinedAgreement: Double = 0.9, lengthTolerance: Double = 0.25, singleWordCeiling: Double = 0.7,
    forgivingAgreement: Double = 0.9
  ) {
    self.chanceAgreement = chanceAgreement
    self.initialCredit = initialCredit
    self.leftoverWeight = leftoverWeight
    self.joinedAgreement = joinedAgreement
    self.lengthTolerance = lengthTolerance
    self.singleWordCeiling = singleWordCeiling
    self.forgivingAgreement = forgivingAgreement
  }

  /// The best score over all spelling pairs; the fast path, with no explanation built.
  public func score(_ query: PreparedName, against candidate: PreparedName) -> Double {
    var best = 0.0
    for queryVariant in query.variants {
      for candidateVariant in candidate.variants {
        var recorder = NoAlignmentRecorder()
        let words = SpelledWordAgreements(scorer: self, query: queryVariant.tokens, candidate: candidateVariant.tokens)
        best = max(best, align(words, recorder: &recorder))
        if best >= 1 { return 1 }
      }
    }
    return best
  }

  /// The best score with its word-by-word explanation.
  public func explain(_ query: PreparedName, against candidate: PreparedName) -> NameMatch {
    let empty = PreparedNameVariant(scheme: nil, tokens: [])
    var best = NameMatch(
      score: 0, queryVariant: query.variants.first ?? empty, candidateVariant: candidate.variants.first ?? empty,
      pairings: [], unpairedCandidateTokens: [], joinedWords: false)
    var bestScore = -1.0
    for queryVariant in query.variants {
      for candidateVariant in candidate.variants {
        var recorder = PairingRecorder()
        let words = SpelledWordAgreements(scorer: self, query: queryVariant.tokens, candidate: candidateVariant.tokens)
        let score = align(words, recorder: &recorder)
        guard score > bestScore else { continue }
        bestScore = score
        best = recorder.match(score: score, query: queryVariant, candidate: candidateVariant)
      }
    }
    return best
  }

  /// Agreement between two words by rule 1: initials credited partly, chance agreement zeroed.
  public func tokenSimilarity(_ query: PreparedToken, _ candidate: PreparedToken) -> Double {
    guard let queryFirst = query.scalars.first, let candidateFirst = candidate.scalars.first else { return 0 }
    if query.isInitial || candidate.isInitial {
      return initialAgreement(queryFirst, isInitial: query.isInitial, candidateFirst, isInitial: candidate.isInitial)
    }
    return query.scalars.withUnsafeBufferPointer { queryScalars in
      candidate.scalars.withUnsafeBufferPointer { candidateScalars in
        agreement(queryScalars, query.letters, candidateScalars, candidate.letters, atLeast: chanceAgreement)
      }
    }
  }

  /// What an initial earns against a word (or initial) by rule 1.
  @inline(__always)
  func initialAgreement(_ queryFirst: UInt32, isInitial queryIsInitial: Bool, _ candidateFirst: UInt32, isInitial candidateIsInitial: Bool) -> Double {
    guard queryFirst == candidateFirst else { return 0 }
    return queryIsInitial && candidateIsInitial ? 1 : initialCredit
  }

  /// Whether two letter counts are close enough to agree at all (rules 1 and 2).
  @inline(__always)
  func lengthsCompatible(_ first: Int, _ second: Int) -> Bool {
    let longer = max(first, second)
    return abs(first - second) <= max(1, Int(Double(longer) * lengthTolerance))
  }

  /// Jaro-Winkler of two scalar strings when their lengths are compatible and it reaches `floor`,
  /// otherwise 0; the letter masks prove most pairs hopeless before Jaro-Winkler runs. Query first:
  /// the index calls this too, and must get the very same value for the same pair.
  @inline(__always)
  func agreement(
    _ query: UnsafeBufferPointer<UInt32>, _ queryLetters: UInt64,
    _ candidate: UnsafeBufferPointer<UInt32>, _ candidateLetters: UInt64, atLeast floor: Double
  ) -> Double {
    let queryCount = query.count
    let candidateCount = candidate.count
    guard queryCount > 0, candidateCount > 0, lengthsCompatible(queryCount, candidateCount) else { return 0 }
    let common = LetterCounts.commonCeiling(queryLetters, queryCount, candidateLetters, candidateCount)
    var prefix = 0
    while prefix < min(JaroWinkler.maximumPrefixLength, queryCount, candidateCount) && query[prefix] == candidate[prefix] {
      prefix += 1
    }
    guard LetterCounts.jaroWinklerCeiling(common: common, queryCount, candidateCount, prefix: prefix) >= floor
    else { return 0 }
    let similarity = JaroWinkler.similarity(query, candidate)
    return similarity >= floor ? similarity : 0
  }

  // MARK: - Alignment

  /// Rules 3 to 6 over any source of word agreements: the scorer's own (`SpelledWordAgreements`)
  /// or the index's per-query cache, which must give the same numbers.
  func align<Words: WordAgreements, Recorder: AlignmentRecorder>(
    _ words: Words, recorder: inout Recorder
  ) -> Double {
    let rows = words.queryWordCount
    let columns = words.candidateWordCount
    guard rows > 0, columns > 0 else { return 0 }
    // Word pairs, plus runs of two and three words on either side: at most 5 × rows × columns.
    return withUnsafeTemporaryAllocation(of: AgreeingPair.self, capacity: 5 * rows * columns) { pairs in
      var count = 0
      func add(_ pair: AgreeingPair) {
        // Insertion keeps the pairs in rule-3 order; a name pair has a handful of agreeing pairs.
        var position = count
        while position > 0 && pair.precedes(pairs[position - 1]) {
          pairs[position] = pairs[position - 1]
          position -= 1
        }
        pairs[position] = pair
        count += 1
      }
      for row in 0..<rows {
        for column in 0..<columns {
          let similarity = words.agreement(queryWord: row, candidateWord: column)
          if similarity > 0 {
            add(AgreeingPair(
              similarity: similarity, letters: words.queryLetters(row) + words.candidateLetters(column),
              query: WordSpan(start: row, count: 1), candidate: WordSpan(start: column, count: 1)))
          }
        }
      }
      for run in 2...Self.longestJoinedRun {
        if rows >= run {
          for start in 0...(rows - run) {
            let runLetters = (start..<start + run).reduce(0) { $0 + words.queryLetters($1) }
            for column in 0..<columns {
              let similarity = words.agreement(queryRun: start, length: run, candidateWord: column)
              if similarity > 0 {
                add(AgreeingPair(
                  similarity: similarity, letters: runLetters + words.candidateLetters(column),
                  query: WordSpan(start: start, count: run), candidate: WordSpan(start: column, count: 1)))
              }
            }
          }
        }
        if columns >= run {
          for start in 0...(columns - run) {
            let runLetters = (start..<start + run).reduce(0) { $0 + words.candidateLetters($1) }
            for row in 0..<rows {
              let similarity = words.agreement(queryWord: row, candidateRun: start, length: run)
              if similarity > 0 {
                add(AgreeingPair(
                  similarity: similarity, letters: words.queryLetters(row) + runLetters,
                  query: WordSpan(start: row, count: 1), candidate: WordSpan(start: start, count: run)))
              }
            }
          }
        }
      }

      return withUnsafeTemporaryAllocation(of: Bool.self, capacity: rows + columns) { used in
        used.initialize(repeating: false)
        var numerator = 0.0
        var denominator = 0.0
        var pairedQueryWords = 0
        var pairedCandidateWords = 0
        var fullQueryWords = 0
        var fullCandidateWords = 0
        var weakestPair = 1.0
        for index in 0..<count {
          let pair = pairs[index]
          let queryWords = pair.query.start..<pair.query.start + pair.query.count
          let candidateWords = pair.candidate.start..<pair.candidate.start + pair.candidate.count
          guard !queryWords.contains(where: { used[$0] }), !candidateWords.contains(where: { used[rows + $0] })
          else { continue }
          for word in queryWords { used[word] = true }
          for word in candidateWords { used[rows + word] = true }
          let weight = Double(pair.letters) / 2
          numerator += weight * pair.similarity
          denominator += weight
          weakestPair = min(weakestPair, pair.similarity)
          pairedQueryWords += pair.query.count
          pairedCandidateWords += pair.candidate.count
          let initial = pair.query.count == 1 && pair.candidate.count == 1
            && (words.queryLetters(pair.query.start) == 1 || words.candidateLetters(pair.candidate.start) == 1)
          if !initial {
            fullQueryWords += pair.query.count
            fullCandidateWords += pair.candidate.count
          }
          recorder.paired(query: pair.query, candidate: pair.candidate, similarity: pair.similarity)
        }
        guard denominator > 0 else { return 0 }

        var unpairedQueryLetters = 0
        var longestUnpairedQuery = 0
        for row in 0..<rows where !used[row] {
          unpairedQueryLetters += words.queryLetters(row)
          longestUnpairedQuery = max(longestUnpairedQuery, words.queryLetters(row))
        }
        var unpairedCandidateLetters = 0
        var longestUnpairedCandidate = 0
        for column in 0..<columns where !used[rows + column] {
          unpairedCandidateLetters += words.candidateLetters(column)
          longestUnpairedCandidate = max(longestUnpairedCandidate, words.candidateLetters(column))
        }
        var unpairedCost = Double(unpairedQueryLetters + unpairedCandidateLetters)
        if weakestPair >= forgivingAgreement {
          if pairedQueryWords == rows && rows >= 2 {
            unpairedCost -= (1 - leftoverWeight) * Double(longestUnpairedCandidate)
          } else if pairedCandidateWords == columns && columns >= 2 {
            unpairedCost -= (1 - leftoverWeight) * Double(longestUnpairedQuery)
          }
        }
        var score = min(1, numerator / (denominator + unpairedCost))
        if fullQueryWords < min(2, rows) || fullCandidateWords < min(2, columns) {
          score = min(score, singleWordCeiling)
        }
        return score
      }
    }
  }
}

/// A word (count 1) or a run of two or three adjacent words compared written together.
struct WordSpan: Sendable, Hashable {
  var start: Int
  var count: Int
}

/// One agreeing pair the alignment may take, with what rule 3 orders by.
struct AgreeingPair {
  var similarity: Double
  /// Letters on both sides together; the pair's weight is half of this.
  var letters: Int
  var query: WordSpan
  var candidate: WordSpan

  /// Whether this pair is taken before `other` (rule 3); a total order, so ties never depend on
  /// the order pairs were found in.
  @inline(__always)
  func precedes(_ other: AgreeingPair) -> Bool {
    if similarity != other.similarity { return similarity > other.similarity }
    if letters != other.letters { return letters > other.letters }
    if query.start != other.query.start { return query.start < other.query.start }
    if candidate.start != other.candidate.start { return candidate.start < other.candidate.start }
    if query.count != other.query.count { return query.count < other.query.count }
    return candidate.count < other.candidate.count
  }
}

/// Where the alignment reads word agreements (rules 1 and 2) and letter counts from.
protocol WordAgreements {
  var queryWordCount: Int { get }
  var candidateWordCount: Int { get }
  func queryLetters(_ word: Int) -> Int
  func candidateLetters(_ word: Int) -> Int
  /// Rule 1 for one query word and one candidate word.
  func agreement(queryWord: Int, candidateWord: Int) -> Double
  /// Rule 2 for query words `queryRun ..< queryRun + length` written together and one candidate word.
  func agreement(queryRun: Int, length: Int, candidateWord: Int) -> Double
  /// Rule 2 for one query word and candidate words `candidateRun ..< candidateRun + length` written together.
  func agreement(queryWord: Int, candidateRun: Int, length: Int) -> Double
}

/// Word agreements computed directly from two spellings' words: what `NameScorer.score` uses.
struct SpelledWordAgreements: WordAgreements {
  let scorer: NameScorer
  let query: [PreparedToken]
  let candidate: [PreparedToken]

  var queryWordCount: Int { query.count }
  var candidateWordCount: Int { candidate.count }
  func queryLetters(_ word: Int) -> Int { query[word].scalars.count }
  func candidateLetters(_ word: Int) -> Int { candidate[word].scalars.count }

  func agreement(queryWord: Int, candidateWord: Int) -> Double {
    scorer.tokenSimilarity(query[queryWord], candidate[candidateWord])
  }

  func agreement(queryRun: Int, length: Int, candidateWord: Int) -> Double {
    let word = candidate[candidateWord]
    guard word.scalars.count >= NameScorer.shortestJoinedWord, word.scalars.first == query[queryRun].scalars.first,
      query[queryRun..<queryRun + length].allSatisfy({ !$0.isInitial })
    else { return 0 }
    return Self.withJoinedScalars(query[queryRun..<queryRun + length]) { run, runLetters in
      word.scalars.withUnsafeBufferPointer { wordScalars in
        scorer.agreement(run, runLetters, wordScalars, word.letters, atLeast: scorer.joinedAgreement)
      }
    }
  }

  func agreement(queryWord: Int, candidateRun: Int, length: Int) -> Double {
    let word = query[queryWord]
    guard word.scalars.count >= NameScorer.shortestJoinedWord, word.scalars.first == candidate[candidateRun].scalars.first,
      candidate[candidateRun..<candidateRun + length].allSatisfy({ !$0.isInitial })
    else { return 0 }
    return Self.withJoinedScalars(candidate[candidateRun..<candidateRun + length]) { run, runLetters in
      word.scalars.withUnsafeBufferPointer { wordScalars in
        scorer.agreement(wordScalars, word.letters, run, runLetters, atLeast: scorer.joinedAgreement)
      }
    }
  }

  /// The words' scalars run together in stack scratch space, with their letter mask.
  static func withJoinedScalars(
    _ words: ArraySlice<PreparedToken>, _ body: (UnsafeBufferPointer<UInt32>, UInt64) -> Double
  ) -> Double {
    let total = words.reduce(0) { $0 + $1.scalars.count }
    return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: total) { buffer in
      var position = 0
      for word in words {
        for scalar in word.scalars {
          buffer.initializeElement(at: position, to: scalar)
          position += 1
        }
      }
      let joined = UnsafeBufferPointer(buffer)
      return body(joined, LetterCounts.mask(joined))
    }
  }
}

/// Receives the pairs as the alignment takes them, so one alignment routine serves both the fast
/// score (which records nothing) and the explanation.
protocol AlignmentRecorder {
  mutating func paired(query: WordSpan, candidate: WordSpan, similarity: Double)
}

/// The fast path: records nothing, so scoring allocates nothing beyond stack scratch space.
struct NoAlignmentRecorder: AlignmentRecorder {
  @inline(__always) mutating func paired(query: WordSpan, candidate: WordSpan, similarity: Double) {}
}

/// The explain path: every pair taken, turned into a `NameMatch` at the end.
struct PairingRecorder: AlignmentRecorder {
  var pairs: [(query: WordSpan, candidate: WordSpan, similarity: Double)] = []

  mutating func paired(query: WordSpan, candidate: WordSpan, similarity: Double) {
    pairs.append((query, candidate, similarity))
  }

  func match(score: Double, query: PreparedNameVariant, candidate: PreparedNameVariant) -> NameMatch {
    func text(_ tokens: [PreparedToken], _ span: WordSpan) -> String {
      tokens[span.start..<span.start + span.count].map(\.text).joined(separator: " ")
    }
    var pairings: [TokenPairing] = []
    var candidatePaired = [Bool](repeating: false, count: candidate.tokens.count)
    var word = 0
    while word < query.tokens.count {
      if let pair = pairs.first(where: { $0.query.start == word }) {
        pairings.append(TokenPairing(
          queryToken: text(query.tokens, pair.query), candidateToken: text(candidate.tokens, pair.candidate),
          similarity: pair.similarity, joinedWords: pair.query.count > 1 || pair.candidate.count > 1))
        for paired in pair.candidate.start..<pair.candidate.start + pair.candidate.count {
          candidatePaired[paired] = true
        }
        word += pair.query.count
      } else {
        pairings.append(TokenPairing(
          queryToken: query.tokens[word].text, candidateToken: nil, similarity: 0, joinedWords: false))
        word += 1
      }
    }
    return NameMatch(
      score: score, queryVariant: query, candidateVariant: candidate, pairings: pairings,
      unpairedCandidateTokens: candidate.tokens.indices.filter { !candidatePaired[$0] }.map { candidate.tokens[$0].text },
      joinedWords: pairings.contains(where: \.joinedWords))
  }
}
