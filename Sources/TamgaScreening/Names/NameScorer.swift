/// How one query word met the candidate name.
public struct TokenPairing: Sendable, Hashable {
  /// The query word.
  public let queryToken: String
  /// The candidate word it was paired with, or nil when the candidate had no word left for it.
  public let candidateToken: String?
  /// Agreement between the two words in 0...1 (0 when unpaired or when they share letters by chance only).
  public let similarity: Double
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
  /// One entry per query word, in the query's word order.
  public let pairings: [TokenPairing]
  /// Candidate words no query word was paired with (an extra middle name, for instance).
  public let unpairedCandidateTokens: [String]
  /// Whether the score came from comparing the names with their spaces removed ("Abdulrahman" /
  /// "Abdul Rahman"); `pairings` then holds that one comparison, both sides written without spaces.
  public let joinedWords: Bool
}

/// Scores a query name against a candidate name in 0...1, trying every spelling pair.
///
/// How: words are paired one to one, best pair first (greedy on Jaro-Winkler), so word order does
/// not matter. Each pair counts with the average length of its two words as weight, so a long
/// surname outweighs an initial. Similarity below `chanceAgreement` counts as 0: unrelated names
/// share letters by chance and should not earn credit for it. A single letter against a word starting
/// with it earns `initialCredit`. Words left over on the longer side (an extra middle name or
/// patronymic) cost only `leftoverWeight` of their length. The score is
/// Σ(weight × similarity) / (Σ pair weight + leftoverWeight × Σ leftover length).
/// A single shared word therefore scores high on its own ("Ivanov" against "Sergei Ivanov" ≈ 0.91):
/// thresholds and other evidence (date of birth, country) must decide such hits.
///
/// Joined words: when the two spellings have different word counts but nearly the same number of
/// letters (within `joinedLengthTolerance`), the names are also compared with their spaces removed,
/// so "Abdulrahman" meets "Abdul Rahman"; that comparison counts only at `joinedAgreement` or above,
/// because long strings share letters by chance more easily than single words.
///
/// Every spelling of the query is tried against every spelling of the candidate; the best wins.
public struct NameScorer: Sendable {
  /// Jaro-Winkler below this is treated as no agreement at all.
  public var chanceAgreement: Double
  /// What a single-letter initial earns against a word starting with the same letter.
  public var initialCredit: Double
  /// The share of its length that a word with no counterpart weighs in the denominator.
  public var leftoverWeight: Double

  /// The least Jaro-Winkler between the space-free names for the joined-words comparison to count.
  public var joinedAgreement: Double
  /// How far apart (as a share of the longer) the letter counts may be for the joined-words comparison.
  public var joinedLengthTolerance: Double

  /// A scorer with the defaults described on the type.
  public init(
    chanceAgreement: Double = 0.75, initialCredit: Double = 0.8, leftoverWeight: Double = 0.1,
    joinedAgreement: Double = 0.85, joinedLengthTolerance: Double = 0.2
  ) {
    self.chanceAgreement = chanceAgreement
    self.initialCredit = initialCredit
    self.leftoverWeight = leftoverWeight
    self.joinedAgreement = joinedAgreement
    self.joinedLengthTolerance = joinedLengthTolerance
  }

  /// The best score over all spelling pairs; the fast path, with no explanation built.
  public func score(_ query: PreparedName, against candidate: PreparedName) -> Double {
    var best = 0.0
    for queryVariant in query.variants {
      for candidateVariant in candidate.variants {
        var recorder = NoAlignmentRecorder()
        best = max(best, align(queryVariant.tokens, candidateVariant.tokens, recorder: &recorder))
        best = max(best, joinedWordsScore(queryVariant, candidateVariant))
        if best >= 1 { return 1 }
      }
    }
    return best
  }

  /// The best score with its word-by-word explanation.
  public func explain(_ query: PreparedName, against candidate: PreparedName) -> NameMatch {
    let empty = PreparedNameVariant(scheme: nil, tokens: [])
    var best = NameMatch(
      score: -1, queryVariant: query.variants.first ?? empty,
      candidateVariant: candidate.variants.first ?? empty, pairings: [], unpairedCandidateTokens: [],
      joinedWords: false)
    for queryVariant in query.variants {
      for candidateVariant in candidate.variants {
        let joined = joinedWordsScore(queryVariant, candidateVariant)
        if joined > best.score {
          best = NameMatch(
            score: joined, queryVariant: queryVariant, candidateVariant: candidateVariant,
            pairings: [
              TokenPairing(
                queryToken: queryVariant.tokens.map(\.text).joined(),
                candidateToken: candidateVariant.tokens.map(\.text).joined(), similarity: joined)
            ],
            unpairedCandidateTokens: [], joinedWords: true)
        }
        var recorder = PairingRecorder(count: queryVariant.tokens.count)
        let score = align(queryVariant.tokens, candidateVariant.tokens, recorder: &recorder)
        guard score > best.score else { continue }
        let paired = Set(recorder.partners.compactMap { $0?.candidate })
        best = NameMatch(
          score: score, queryVariant: queryVariant, candidateVariant: candidateVariant,
          pairings: queryVariant.tokens.indices.map { index in
            let partner = recorder.partners[index]
            return TokenPairing(
              queryToken: queryVariant.tokens[index].text,
              candidateToken: partner.map { candidateVariant.tokens[$0.candidate].text },
              similarity: partner?.similarity ?? 0)
          },
          unpairedCandidateTokens: candidateVariant.tokens.indices.filter { !paired.contains($0) }
            .map { candidateVariant.tokens[$0].text },
          joinedWords: false)
      }
    }
    if best.score < 0 {
      best = NameMatch(
        score: 0, queryVariant: best.queryVariant, candidateVariant: best.candidateVariant,
        pairings: [], unpairedCandidateTokens: [], joinedWords: false)
    }
    return best
  }

  /// Agreement between two words: Jaro-Winkler, initials credited partly, chance agreement zeroed.
  public func tokenSimilarity(_ query: PreparedToken, _ candidate: PreparedToken) -> Double {
    guard let queryFirst = query.scalars.first, let candidateFirst = candidate.scalars.first else { return 0 }
    if query.isInitial || candidate.isInitial {
      guard queryFirst == candidateFirst else { return 0 }
      return query.isInitial && candidate.isInitial ? 1 : initialCredit
    }
    let similarity = JaroWinkler.similarity(query.scalars, candidate.scalars)
    return similarity >= chanceAgreement ? similarity : 0
  }

  /// The space-free comparison, or 0 when it does not apply (same word count, letter counts too far
  /// apart, or agreement below `joinedAgreement`).
  func joinedWordsScore(_ query: PreparedNameVariant, _ candidate: PreparedNameVariant) -> Double {
    guard query.tokens.count != candidate.tokens.count else { return 0 }
    let queryLength = query.joinedScalars.count
    let candidateLength = candidate.joinedScalars.count
    let longer = max(queryLength, candidateLength)
    guard longer > 0,
      Double(abs(queryLength - candidateLength)) <= joinedLengthTolerance * Double(longer)
    else { return 0 }
    let similarity = JaroWinkler.similarity(query.joinedScalars, candidate.joinedScalars)
    return similarity >= joinedAgreement ? similarity : 0
  }

  // MARK: - Alignment

  /// Greedy one-to-one pairing, best pair first; scratch space is a temporary (stack) allocation.
  func align<Recorder: AlignmentRecorder>(
    _ query: [PreparedToken], _ candidate: [PreparedToken], recorder: inout Recorder
  ) -> Double {
    let rows = query.count
    let columns = candidate.count
    guard rows > 0, columns > 0 else { return 0 }
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: rows * columns) { matrix in
      for row in 0..<rows {
        for column in 0..<columns {
          matrix.initializeElement(at: row * columns + column, to: tokenSimilarity(query[row], candidate[column]))
        }
      }
      return withUnsafeTemporaryAllocation(of: Bool.self, capacity: rows + columns) { used in
        used.initialize(repeating: false)
        var numerator = 0.0
        var denominator = 0.0
        for _ in 0..<min(rows, columns) {
          // The best remaining pair; ties go to the longer words, which say more about identity.
          var bestRow = -1
          var bestColumn = -1
          var bestSimilarity = -1.0
          var bestWeight = -1.0
          for row in 0..<rows where !used[row] {
            for column in 0..<columns where !used[rows + column] {
              let similarity = matrix[row * columns + column]
              let weight = Double(query[row].scalars.count + candidate[column].scalars.count) / 2
              if similarity > bestSimilarity || (similarity == bestSimilarity && weight > bestWeight) {
                bestRow = row
                bestColumn = column
                bestSimilarity = similarity
                bestWeight = weight
              }
            }
          }
          used[bestRow] = true
          used[rows + bestColumn] = true
          numerator += bestWeight * bestSimilarity
          denominator += bestWeight
          recorder.paired(query: bestRow, candidate: bestColumn, similarity: bestSimilarity)
        }
        for row in 0..<rows where !used[row] {
          denominator += leftoverWeight * Double(query[row].scalars.count)
        }
        for column in 0..<columns where !used[rows + column] {
          denominator += leftoverWeight * Double(candidate[column].scalars.count)
        }
        return denominator > 0 ? min(1, numerator / denominator) : 0
      }
    }
  }
}

/// Receives the pairs as the alignment makes them, so one alignment routine serves both the fast
/// score (which records nothing) and the explanation.
protocol AlignmentRecorder {
  mutating func paired(query: Int, candidate: Int, similarity: Double)
}

/// The fast path: records nothing, so scoring allocates nothing beyond stack scratch space.
struct NoAlignmentRecorder: AlignmentRecorder {
  @inline(__always) mutating func paired(query: Int, candidate: Int, similarity: Double) {}
}

/// The explain path: the candidate word and similarity met by each query word.
struct PairingRecorder: AlignmentRecorder {
  var partners: [(candidate: Int, similarity: Double)?]

  init(count: Int) { partners = Array(repeating: nil, count: count) }

  mutating func paired(query: Int, candidate: Int, similarity: Double) {
    partners[query] = (candidate, similarity)
  }
}
