/// A query's words and runs of words, each compared with the list's terms once per search.
///
/// Why: a Cyrillic query has up to four spellings sharing most words, and every candidate name is
/// scored against every spelling; the agreements are looked up, never recomputed.
struct QueryTerms {
  struct Item {
    var text: String
    var scalars: [UInt32]
    var isRun: Bool
  }

  var items: [Item] = []
  /// Per spelling, the item of each word (-1 for an initial).
  var wordItems: [[Int]] = []
  /// Per spelling, the item of each run: two-word runs from each start, then three-word runs
  /// (-1 where a run holds an initial), the layout `NameSpellings.runs` uses.
  var runItems: [[Int]] = []
  /// Per spelling, how many of its words are initials.
  var initials: [Int] = []

  init(_ query: PreparedName) {
    for variant in query.variants {
      let tokens = variant.tokens
      wordItems.append(tokens.map { $0.isInitial ? -1 : item($0.text, $0.scalars, isRun: false) })
      var runs: [Int] = []
      for length in 2...NameScorer.longestJoinedRun where tokens.count >= length {
        for start in 0...(tokens.count - length) {
          let run = tokens[start..<start + length]
          runs.append(
            run.contains(where: \.isInitial)
              ? -1 : item(run.map(\.text).joined(), run.flatMap(\.scalars), isRun: true))
        }
      }
      runItems.append(runs)
      initials.append(tokens.filter(\.isInitial).count)
    }
  }

  private mutating func item(_ text: String, _ scalars: [UInt32], isRun: Bool) -> Int {
    if let known = items.firstIndex(where: { $0.isRun == isRun && $0.text == text }) { return known }
    items.append(Item(text: text, scalars: scalars, isRun: isRun))
    return items.count - 1
  }

  /// Where run `start`/`length` of a spelling with `words` words sits in `runItems` (and in
  /// `NameSpellings.runs`).
  @inline(__always)
  static func runPosition(start: Int, length: Int, words: Int) -> Int {
    length == 2 ? start : (words - 1) + start
  }
}

extension ScreeningIndex {
  /// Query spellings beyond this many are not tracked per word; `NamePreparation` makes at most four.
  static let trackedSpellings = 4
  /// Words tracked per spelling; later words share the last bit, and bit 15 records a run pairing.
  static let trackedWords = 15

  /// Indices into `names` of the names that may reach `floor` against `query` (see the type's
  /// "How"; `floor` must be above `NameScorer.singleWordCeiling`), most word agreement first, at
  /// most `limit`.
  public func candidates(
    for query: PreparedName, floor: Double = 0.85, limit: Int = ScreeningIndex.defaultCandidateLimit
  ) -> [Int] {
    workspaces.withWorkspace { workspace in
      let queryTerms = QueryTerms(query)
      return selectCandidates(query, queryTerms, floor: floor, limit: limit, in: workspace).map(Int.init)
    }
  }

  /// Every name's score against `query` that could reach `floor`: from the candidates when `floor`
  /// is above the single-word ceiling, otherwise from every name.
  func candidateScores(for query: PreparedName, floor: Double, limit: Int) -> [(name: Int, score: Double)] {
    guard floor > scorer.singleWordCeiling, query.variants.count <= Self.trackedSpellings else {
      return names.indices.map { ($0, scorer.score(query, against: names[$0].prepared)) }
    }
    return workspaces.withWorkspace { workspace in
      let queryTerms = QueryTerms(query)
      let selected = selectCandidates(query, queryTerms, floor: floor, limit: limit, in: workspace)
      // Spelling by spelling, so one agreement source serves every candidate without being copied.
      var best = [Double](repeating: 0, count: selected.count)
      for spelling in query.variants.indices {
        var words = CachedWordAgreements(
          scorer: scorer, terms: terms, spellings: spellings, query: query.variants[spelling].tokens,
          wordItems: queryTerms.wordItems[spelling], runItems: queryTerms.runItems[spelling],
          termRows: UnsafeBufferPointer(workspace.termRows), agreements: workspace.agreements,
          itemCount: queryTerms.items.count)
        for (position, name) in selected.enumerated() where best[position] < 1 {
          for candidate in spellings.facts[Int(name)].spellings {
            words.candidateSpelling = candidate
            var recorder = NoAlignmentRecorder()
            best[position] = max(best[position], scorer.align(words, recorder: &recorder))
          }
        }
      }
      let scored = zip(selected, best).map { (name: Int($0), score: $1) }
      return scored
    }
  }

  /// Marks the names the query's words reach, fills the workspace's agreement table, and returns
  /// the names that pass rule 6's necessary conditions and whose score ceiling reaches `floor`,
  /// most word agreement first.
  func selectCandidates(
    _ query: PreparedName, _ queryTerms: QueryTerms, floor: Double, limit: Int, in workspace: SearchWorkspace
  ) -> [Int32] {
    guard limit > 0, !names.isEmpty else { return [] }
    // The growing arrays are moved out while in use (a class's stored array pays an access check
    // on every element); the fixed buffers are used in place.
    var found = workspace.found
    var agreements = workspace.agreements
    (workspace.found, workspace.agreements) = ([], [])
    let (states, touchedNames) = (workspace.names, workspace.touchedNames)
    let (termRows, touchedTerms) = (workspace.termRows, workspace.touchedTerms)
    var touchedNameCount = 0
    var touchedTermCount = 0
    defer {
      (workspace.found, workspace.agreements) = (found, agreements)
      (workspace.touchedNameCount, workspace.touchedTermCount) = (touchedNameCount, touchedTermCount)
    }

    // Each item's neighbours: the stored list when the item is a list word (a word's list also
    // serves a run of query words: it holds every word at the lower floor), else a search.
    var itemNeighbours: [(fromIndex: Bool, range: Range<Int>)] = []
    found.removeAll(keepingCapacity: true)
    for item in queryTerms.items {
      if let term = terms.numbers[item.text], terms.kinds[Int(term)] & ListTerms.word != 0 {
        itemNeighbours.append((true, neighbours.range(Int(term))))
      } else {
        let start = found.count
        let key = NeighbourCache.key(item.text, isRun: item.isRun)
        if let cached = unknownNeighbours.neighbours(of: key) {
          found.append(contentsOf: cached)
        } else {
          item.scalars.withUnsafeBufferPointer { scalars in
            terms.neighbours(
              of: scalars, letters: LetterCounts.mask(scalars), asRun: item.isRun, scorer: scorer, into: &found)
          }
          Self.countNames(&found[start...], wordPostings: wordPostings, runPostings: runPostings)
          unknownNeighbours.store(Array(found[start...]), for: key)
        }
        itemNeighbours.append((false, start..<found.count))
      }
    }
    let itemCount = queryTerms.items.count
    func neighbour(_ item: Int, _ position: Int) -> TermAgreement {
      itemNeighbours[item].fromIndex ? neighbours.values[position] : found[position]
    }
    // How many names each item's neighbours reach (with repeats): what marking from it costs.
    var reach = [Int](repeating: 0, count: itemCount)
    for item in 0..<itemCount {
      for position in itemNeighbours[item].range {
        let agreement = neighbour(item, position)
        let term = Int(agreement.term)
        var row = Int(termRows[term])
        if row < 0 {
          row = touchedTermCount
          termRows[term] = Int32(row)
          touchedTerms[touchedTermCount] = agreement.term
          touchedTermCount += 1
          agreements.append(contentsOf: repeatElement(0, count: itemCount))
        }
        agreements[row * itemCount + item] = agreement.similarity
        reach[item] += Int(agreement.names)
      }
    }

    func wordBit(_ spelling: Int, _ word: Int) -> UInt64 {
      1 << UInt64(16 * spelling + min(word, Self.trackedWords - 1))
    }
    func runBit(_ spelling: Int) -> UInt64 { 1 << UInt64(16 * spelling + 15) }

    // A name can pass rule 6's condition below only with two reached query words in some spelling
    // of two or more words. So the query word whose neighbours reach the most names (a "Muhammad"
    // reaches thousands) need not mark them: any name that could pass is reached by another word
    // or a run as well, and is checked for the skipped word afterwards, from its own words. Only
    // when every spelling has 2 to `trackedWords` words and holds that word at most once.
    var skipped = -1
    if queryTerms.wordItems.allSatisfy({ (2...Self.trackedWords).contains($0.count) }) {
      for (item, cost) in reach.enumerated() where !queryTerms.items[item].isRun
        && (skipped < 0 || cost > reach[skipped])
        && queryTerms.wordItems.allSatisfy({ spelling in spelling.lazy.filter { $0 == item }.count <= 1 }) {
        skipped = item
      }
    }

    // Marks each name a query word's neighbour reaches with that word's bit (and the run bit when
    // words written together met), and adds the agreement × letters to the name's weight.
    wordPostings.values.withUnsafeBufferPointer { wordNames in
      runPostings.values.withUnsafeBufferPointer { runNames in
        func mark(_ names: UnsafeBufferPointer<Int32>, _ range: Range<Int>, bits: UInt64, weight: Float) {
          for position in range {
            let name = Int(names[position])
            if states[name].marks == 0 {
              touchedNames[touchedNameCount] = Int32(name)
              touchedNameCount += 1
            }
            states[name].marks |= bits
            states[name].weight += weight
          }
        }
        for spelling in queryTerms.wordItems.indices {
          for (word, item) in queryTerms.wordItems[spelling].enumerated() where item >= 0 && item != skipped {
            let letters = Float(queryTerms.items[item].scalars.count)
            for position in itemNeighbours[item].range {
              let agreement = neighbour(item, position)
              let term = Int(agreement.term)
              let weight = Float(agreement.similarity) * letters
              if terms.kinds[term] & ListTerms.word != 0 {
                mark(wordNames, wordPostings.range(term), bits: wordBit(spelling, word), weight: weight)
              }
              if terms.kinds[term] & ListTerms.run != 0 && agreement.similarity >= scorer.joinedAgreement {
                mark(runNames, runPostings.range(term), bits: wordBit(spelling, word) | runBit(spelling), weight: weight)
              }
            }
          }
          let words = queryTerms.wordItems[spelling].count
          for length in 2...NameScorer.longestJoinedRun where words >= length {
            for start in 0...(words - length) {
              let item = queryTerms.runItems[spelling][QueryTerms.runPosition(start: start, length: length, words: words)]
              guard item >= 0 else { continue }
              var bits = runBit(spelling)
              for word in start..<start + length { bits |= wordBit(spelling, word) }
              let letters = Float(queryTerms.items[item].scalars.count)
              for position in itemNeighbours[item].range {
                let agreement = neighbour(item, position)
                let term = Int(agreement.term)
                guard terms.kinds[term] & ListTerms.word != 0, agreement.similarity >= scorer.joinedAgreement
                else { continue }
                mark(wordNames, wordPostings.range(term), bits: bits, weight: Float(agreement.similarity) * letters)
              }
            }
          }
        }
      }
    }

    // Rule 6, necessary conditions per query spelling: two of its full words reached the name (a
    // run of words written together reaches each of its words), or, for a one-word query, its word
    // met a one-word name or a run. Initials never count: rule 6 counts full words only.
    // Then, where neither side has initials, a ceiling from rules 4 and 5: each reached query word
    // at full agreement with the longest word its length allows; each unreached query word
    // unpaired; the name's letters beyond what those longest words could cover unpaired (a run
    // covers no more: the longest lengths add up); and the longest word of either side forgiven.
    // The ceiling only grows as more words are reached, which the skipped word's check relies on.
    let queryLetters = query.variants.map { $0.tokens.map { $0.scalars.count } }
    let longestPartners = queryLetters.map { letters in
      letters.map { count in (count...(2 * count + 1)).last { scorer.lengthsCompatible(count, $0) } ?? count }
    }
    func reachesFloor(_ spelling: Int, reached: UInt64, name: NameFacts) -> Bool {
      var paired = 0.0
      var coverable = 0
      var unpaired = 0.0
      var longestUnpaired = Double(name.longestWord)
      for word in queryLetters[spelling].indices {
        let letters = queryLetters[spelling][word]
        if reached & (1 << UInt64(word)) != 0 {
          paired += Double(letters + longestPartners[spelling][word]) / 2
          coverable += longestPartners[spelling][word] + 1
        } else {
          unpaired += Double(letters)
          longestUnpaired = max(longestUnpaired, Double(letters))
        }
      }
      unpaired += Double(max(0, Int(name.fewestLetters) - coverable))
      let cost = max(0, unpaired - (1 - scorer.leftoverWeight) * longestUnpaired)
      return paired / (paired + cost) >= floor - 1e-9
    }
    func qualifies(_ nameMarks: UInt64, _ name: NameFacts) -> Bool {
      queryTerms.wordItems.indices.contains { spelling in
        let spellingMarks = nameMarks >> UInt64(16 * spelling) & 0xFFFF
        let reachedWords = spellingMarks & 0x7FFF
        let reached = reachedWords.nonzeroBitCount
        guard reached > 0 else { return false }
        let words = queryTerms.wordItems[spelling].count
        if words > Self.trackedWords { return true }
        if words == 1 { return spellingMarks & 0x8000 != 0 || name.fewestWords == 1 }
        guard reached >= 2 else { return false }
        return queryTerms.initials[spelling] > 0 || name.initials > 0
          || reachesFloor(spelling, reached: reachedWords, name: name)
      }
    }

    guard skipped >= 0 else {
      return finish(touchedNames.prefix(touchedNameCount).filter { qualifies(states[Int($0)].marks, states[Int($0)].facts) })
    }
    // The skipped word's bits: first assumed (a name failing even so is done with), then checked
    // against the name's own words and runs through two bit sets of the terms the skipped word
    // agrees with, which stay in the fastest cache where the term table would not.
    var skippedBits: UInt64 = 0
    for spelling in queryTerms.wordItems.indices {
      if let word = queryTerms.wordItems[spelling].firstIndex(of: skipped) { skippedBits |= wordBit(spelling, word) }
    }
    let (wordReach, runReach) = (workspace.skippedWordTerms, workspace.skippedRunTerms)
    for position in itemNeighbours[skipped].range {
      let agreement = neighbour(skipped, position)
      wordReach.insert(Int(agreement.term))
      if agreement.similarity >= scorer.joinedAgreement { runReach.insert(Int(agreement.term)) }
    }
    defer {
      for position in itemNeighbours[skipped].range {
        wordReach.remove(Int(neighbour(skipped, position).term))
        runReach.remove(Int(neighbour(skipped, position).term))
      }
    }
    let skippedLetters = Float(queryTerms.items[skipped].scalars.count)
    func similarity(_ term: Int32) -> Float {
      Float(agreements[Int(termRows[Int(term)]) * itemCount + skipped])
    }
    var selected: [Int32] = []
    for name in touchedNames.prefix(touchedNameCount) {
      let nameMarks = states[Int(name)].marks
      let facts = states[Int(name)].facts
      guard qualifies(nameMarks | skippedBits, facts) else { continue }
      var reached = false
      var weight: Float = 0
      for spelling in facts.spellings {
        for term in spellings.words.values[spellings.words.range(spelling)] where wordReach.contains(Int(term)) {
          reached = true
          weight += similarity(term) * skippedLetters
        }
        for term in spellings.runs.values[spellings.runs.range(spelling)] where term >= 0 && runReach.contains(Int(term)) {
          reached = true
          weight += similarity(term) * skippedLetters
        }
      }
      states[Int(name)].weight += weight
      if reached || qualifies(nameMarks, facts) { selected.append(name) }
    }
    return finish(selected)

    /// The candidates, the `limit` with the most word agreement when there are more.
    func finish(_ selected: [Int32]) -> [Int32] {
      guard selected.count > limit else { return selected }
      return Array(selected.sorted { first, second in
        let firstWeight = states[Int(first)].weight
        let secondWeight = states[Int(second)].weight
        return firstWeight != secondWeight ? firstWeight > secondWeight : first < second
      }.prefix(limit))
    }
  }
}

/// Word agreements for the index's scoring: looked up in the search's agreement table instead of
/// computed, giving exactly `SpelledWordAgreements`' numbers (the same function filled the table).
struct CachedWordAgreements: WordAgreements {
  let scorer: NameScorer
  let terms: ListTerms
  let spellings: NameSpellings
  let query: [PreparedToken]
  let wordItems: [Int]
  let runItems: [Int]
  let termRows: UnsafeBufferPointer<Int32>
  let agreements: [Double]
  let itemCount: Int
  /// The candidate spelling being scored, an index into `spellings.words` and `spellings.runs`.
  var candidateSpelling = 0 {
    didSet {
      wordStart = Int(spellings.words.starts[candidateSpelling])
      candidateWordCount = Int(spellings.words.starts[candidateSpelling + 1]) - wordStart
      runStart = Int(spellings.runs.starts[candidateSpelling])
    }
  }
  private(set) var candidateWordCount = 0
  private var wordStart = 0
  private var runStart = 0

  init(
    scorer: NameScorer, terms: ListTerms, spellings: NameSpellings, query: [PreparedToken], wordItems: [Int],
    runItems: [Int], termRows: UnsafeBufferPointer<Int32>, agreements: [Double], itemCount: Int
  ) {
    self.scorer = scorer
    self.terms = terms
    self.spellings = spellings
    self.query = query
    self.wordItems = wordItems
    self.runItems = runItems
    self.termRows = termRows
    self.agreements = agreements
    self.itemCount = itemCount
  }

  var queryWordCount: Int { query.count }
  func queryLetters(_ word: Int) -> Int { query[word].scalars.count }
  func candidateLetters(_ word: Int) -> Int { terms.length(Int(spellings.words.values[wordStart + word])) }

  @inline(__always)
  private func lookup(_ item: Int, _ term: Int) -> Double {
    let row = Int(termRows[term])
    return row < 0 ? 0 : agreements[row * itemCount + item]
  }

  func agreement(queryWord: Int, candidateWord: Int) -> Double {
    let term = Int(spellings.words.values[wordStart + candidateWord])
    let token = query[queryWord]
    let candidateIsInitial = terms.length(term) == 1
    if token.isInitial || candidateIsInitial {
      return scorer.initialAgreement(
        token.scalars[0], isInitial: token.isInitial, terms.firstScalar(term), isInitial: candidateIsInitial)
    }
    return lookup(wordItems[queryWord], term)
  }

  func agreement(queryRun: Int, length: Int, candidateWord: Int) -> Double {
    let term = Int(spellings.words.values[wordStart + candidateWord])
    let item = runItems[QueryTerms.runPosition(start: queryRun, length: length, words: query.count)]
    // The table first: it is usually empty for the pair, and the term's letters are far away in memory.
    guard item >= 0 else { return 0 }
    let similarity = lookup(item, term)
    guard similarity >= scorer.joinedAgreement, terms.length(term) >= NameScorer.shortestJoinedWord,
      terms.firstScalar(term) == query[queryRun].scalars[0]
    else { return 0 }
    return similarity
  }

  func agreement(queryWord: Int, candidateRun: Int, length: Int) -> Double {
    let item = wordItems[queryWord]
    let term = Int(
      spellings.runs.values[runStart + QueryTerms.runPosition(start: candidateRun, length: length, words: candidateWordCount)])
    guard item >= 0, term >= 0, query[queryWord].scalars.count >= NameScorer.shortestJoinedWord else { return 0 }
    let similarity = lookup(item, term)
    guard similarity >= scorer.joinedAgreement, terms.firstScalar(term) == query[queryWord].scalars[0] else { return 0 }
    return similarity
  }
}
