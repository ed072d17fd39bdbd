internal import Foundation
internal import Synchronization

/// Which of a listed party's names an indexed name is: the primary name or one of its aliases.
///
/// Why: an analyst treats a hit on a weak alias ("Abu Ali") very differently from a hit on the
/// primary name, so every match says which name met the query.
public enum ListNameSource: Sendable, Hashable {
  case primary
  /// The alias at `index` in `ListEntry.aliases`, with the list's own quality and relation.
  case alias(index: Int, quality: AliasQuality, relation: AliasRelation)

  /// Whether the list marks this name as a weak (low-quality) alias.
  public var isWeak: Bool {
    if case .alias(_, .weak, _) = self { return true }
    return false
  }
}

/// One name of one list entry, prepared once when the index is built.
///
/// Why kept apart from the entry: a party with twelve aliases is twelve things to match, and the
/// candidate index works on names, not parties.
public struct IndexedName: Sendable, Hashable {
  /// Position of the owning entry in `ScreeningIndex.entries`.
  public let entryIndex: Int
  public let source: ListNameSource
  /// The name as the list wrote it.
  public let text: String
  public let prepared: PreparedName
}

/// Every prepared name of a set of list entries, indexed by word so that a query scores only the
/// names that can reach a screening threshold.
///
/// Why words, not names: list names share words ("al", "muhammad", "ivanov"), so the ~17,000
/// distinct words of 27,000 names are compared with a query once each, not once per name.
///
/// How:
/// - Terms: every distinct word of every spelling of every name, and every run of two or three
///   adjacent words written together (the scorer's joined-words rule), each stored once.
/// - Neighbours, computed when the index is built: for each word term, every term the scorer would
///   let it agree with (`NameScorer` rules 1 and 2), with the agreement. Nothing is guessed: the
///   lists are complete. A query word the lists do not hold, and every run of query words, is searched
///   the same way at query time, in three steps that each rule out only what cannot agree:
///   lengths (rule 1's tolerance); the terms sharing the query's first letter, swept with the
///   fewest letters in common that could reach the floor with a common start (`FewestCommonLetters`);
///   the others read from lists of terms holding a pair of the query's letter bits, chosen so that
///   any term sharing enough bits is on one of them (pigeonhole, `TermsByLength.pairPositions`).
///   `LetterCounts` masks then rule out most before Jaro-Winkler runs.
/// - Postings: for each term, the names holding it as a word and the names holding it as a run.
/// - A query marks each name its words' neighbours reach with which query words reached it. Under
///   the scorer's rule 6 a name can score above `NameScorer.singleWordCeiling` only if two full
///   words of the query (its one word, for a one-word query) are paired with full words of the
///   name, so only names reached by that many query words can. Where neither side has initials, a
///   ceiling on the score from rules 4 and 5 (reached words at full agreement, unreached words and
///   the name's uncoverable letters unpaired) must also reach the floor. Only such names are
///   candidates, and they are scored from the cached word agreements, which are exactly the scorer's.
/// - Since a candidate of a query of two or more words needs two reached words, the query word
///   whose neighbours reach the most names ("Muhammad", "Ali") marks none: every name that could
///   pass is reached by another word too, and is checked for the skipped word from its own words.
///
/// So at any threshold whose floor (threshold less the evidence bonuses the query allows) is above
/// `singleWordCeiling`, the candidates hold every name `searchExhaustively` would report, and the
/// results are the same. `candidateLimit` can cut the candidates further (most word agreement
/// first); at lower thresholds every name is scored.
public struct ScreeningIndex: Sendable {
  /// The entries as given, in order; `IndexedName.entryIndex` points here.
  public let entries: [ListEntry]
  /// Every primary name and alias of every entry (empty names after preparation are left out).
  public let names: [IndexedName]
  public let preparation: NamePreparation
  public let scorer: NameScorer
  /// How the final score is nudged by secondary evidence; see `EvidencePolicy`.
  public let evidence: EvidencePolicy

  /// Each entry's countries as ISO 3166 alpha-2 codes (spellings that name no country left out).
  let entryCountryKeys: [[String]]
  let terms: ListTerms
  /// Each name's spellings as term numbers.
  let spellings: NameSpellings
  /// Names holding each term as a word / as a run of words.
  let wordPostings: CompressedLists<Int32>
  let runPostings: CompressedLists<Int32>
  /// Each term's neighbours and their agreements (see the type's "How").
  let neighbours: CompressedLists<TermAgreement>
  /// Scratch space for searches, reused so a search allocates almost nothing.
  let workspaces: WorkspacePool
  /// Neighbours of query words and runs that are not list words, kept across searches.
  let unknownNeighbours = NeighbourCache()

  /// Forgets the neighbours remembered for query words that are not list words, so that a
  /// measurement starts cold, as a first batch does. Results never depend on it.
  public func forgetRememberedWords() { unknownNeighbours.removeAll() }

  /// Prepares every name of every entry and builds the word index; do it once per list load.
  public init(
    entries: [ListEntry], preparation: NamePreparation = NamePreparation(),
    scorer: NameScorer = NameScorer(), evidence: EvidencePolicy = EvidencePolicy()
  ) {
    self.entries = entries
    self.preparation = preparation
    self.scorer = scorer
    self.evidence = evidence

    var names: [IndexedName] = []
    names.reserveCapacity(entries.count * 3)
    for (entryIndex, entry) in entries.enumerated() {
      let primary = preparation.prepare(entry.primaryName)
      if !primary.isEmpty {
        names.append(
          IndexedName(entryIndex: entryIndex, source: .primary, text: entry.primaryName, prepared: primary))
      }
      for (aliasIndex, alias) in entry.aliases.enumerated() {
        let prepared = preparation.prepare(alias.name)
        guard !prepared.isEmpty else { continue }
        names.append(
          IndexedName(
            entryIndex: entryIndex,
            source: .alias(index: aliasIndex, quality: alias.quality, relation: alias.relation),
            text: alias.name, prepared: prepared))
      }
    }
    self.names = names
    self.entryCountryKeys = entries.map { $0.countries.compactMap(Self.countryKey) }

    var terms = ListTerms.Builder()
    let spellings = NameSpellings(names: names, terms: &terms)
    self.terms = terms.finish(scorer: scorer)
    self.spellings = spellings
    (self.wordPostings, self.runPostings) = spellings.postings(termCount: self.terms.count)
    var neighbours = self.terms.allNeighbours(scorer: scorer)
    Self.countNames(&neighbours.values[...], wordPostings: wordPostings, runPostings: runPostings)
    self.neighbours = neighbours
    self.workspaces = WorkspacePool(facts: spellings.facts, termCount: self.terms.count)
  }

  /// Sets each agreement's `names` from the postings.
  static func countNames(
    _ agreements: inout ArraySlice<TermAgreement>, wordPostings: CompressedLists<Int32>,
    runPostings: CompressedLists<Int32>
  ) {
    for index in agreements.indices {
      let term = Int(agreements[index].term)
      agreements[index].names = Int32(wordPostings.range(term).count + runPostings.range(term).count)
    }
  }

  /// Number of name–term postings stored (words and runs).
  public var postingCount: Int { wordPostings.values.count + runPostings.values.count }
  /// Number of distinct terms (words and runs of words).
  public var termCount: Int { terms.count }

  /// A country as compared: its ISO 3166 alpha-2 code, whether given as a code or as a name in
  /// any of the lists' spellings ("KZ", "Kazakhstan", "Republic of Kazakhstan"); nil for what is
  /// no country ("undetermined", "former Soviet Union"), which then supports nothing and
  /// contradicts nothing.
  static func countryKey(_ country: String) -> String? {
    CountryCodes.code(of: country)
  }
}

/// Lists of values addressed by number, stored flat (CSR): list i is values[starts[i] ..< starts[i + 1]].
struct CompressedLists<Value: Sendable>: Sendable {
  var starts: [Int32] = [0]
  var values: [Value] = []

  init() {}

  init(starts: [Int32], values: [Value]) {
    self.starts = starts
    self.values = values
  }

  init(_ lists: [[Value]]) {
    starts.reserveCapacity(lists.count + 1)
    for list in lists {
      values.append(contentsOf: list)
      starts.append(Int32(values.count))
    }
  }

  var count: Int { starts.count - 1 }

  @inline(__always)
  func range(_ index: Int) -> Range<Int> { Int(starts[index])..<Int(starts[index + 1]) }
}

/// A neighbouring term and its agreement with the term whose list holds it.
struct TermAgreement: Sendable {
  var term: Int32
  /// How many names hold the term, as a word or as a run: what marking from it costs. Filled in by
  /// `ScreeningIndex.countNames(_:)`, so choosing which query word to skip reads no postings.
  var names: Int32 = 0
  var similarity: Double

  init(term: Int32, similarity: Double) {
    self.term = term
    self.similarity = similarity
  }
}

/// The fewest scalars two words must have in common to reach a Jaro-Winkler floor, by the two
/// words' lengths and the length of their common start (0 to 4).
///
/// Why tabulated: a sweep needs these five numbers for every term length it visits, and working
/// them out from `LetterCounts.jaroWinklerCeiling` on each search cost more than the sweep of a
/// run of query words. Lengths beyond the table are worked out when asked.
struct FewestCommonLetters: Sendable {
  static let unreachable = Int.max
  static let tabulatedLength = 48
  static let prefixes = JaroWinkler.maximumPrefixLength + 1
  let floor: Double
  /// [query length][term length][common start], flat.
  private let table: [Int]

  init(floor: Double) {
    self.floor = floor
    let size = Self.tabulatedLength
    var table = [Int](repeating: Self.unreachable, count: size * size * Self.prefixes)
    for queryCount in 1..<size {
      for length in 1..<size {
        Self.fill(queryCount, length, floor: floor) { prefix, fewest in
          table[(queryCount * size + length) * Self.prefixes + prefix] = fewest
        }
      }
    }
    self.table = table
  }

  private static func fill(_ queryCount: Int, _ length: Int, floor: Double, _ store: (Int, Int) -> Void) {
    for prefix in 0..<prefixes {
      for common in 1...max(1, min(queryCount, length))
      where LetterCounts.jaroWinklerCeiling(common: common, queryCount, length, prefix: prefix) >= floor {
        store(prefix, common)
        break
      }
    }
  }

  /// Calls `body` with the fewest common scalars for each common start (`unreachable` where none suffices).
  @inline(__always)
  func withRow<Result>(_ queryCount: Int, _ length: Int, _ body: (UnsafeBufferPointer<Int>) -> Result) -> Result {
    if queryCount < Self.tabulatedLength && length < Self.tabulatedLength {
      return table.withUnsafeBufferPointer { table in
        body(UnsafeBufferPointer(rebasing: table[((queryCount * Self.tabulatedLength + length) * Self.prefixes)...].prefix(Self.prefixes)))
      }
    }
    return withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.prefixes) { row in
      row.initialize(repeating: Self.unreachable)
      Self.fill(queryCount, length, floor: floor) { row[$0] = $1 }
      return body(UnsafeBufferPointer(row))
    }
  }
}

/// The distinct words and runs of words of all list names, each stored once.
struct ListTerms: Sendable {
  /// Kind bits: a term may be both a word in one name and a run in another.
  static let word: UInt8 = 1
  static let run: UInt8 = 2

  let numbers: [String: Int32]
  let scalars: CompressedLists<UInt32>
  let letters: [UInt64]
  let kinds: [UInt8]
  /// Terms that are words somewhere, ordered by length (then number), with what the scan reads.
  let words: TermsByLength
  /// Letters in common needed for word agreement (rule 1) and for words written together (rule 2).
  let chanceFloor: FewestCommonLetters
  let joinedFloor: FewestCommonLetters
  /// Terms that are only ever runs of words, likewise (swept only from the query's first letter, so
  /// without pair lists).
  let runsOnly: TermsByLength

  var count: Int { kinds.count }

  @inline(__always) func length(_ term: Int) -> Int { Int(scalars.starts[term + 1] - scalars.starts[term]) }
  @inline(__always) func firstScalar(_ term: Int) -> UInt32 { scalars.values[Int(scalars.starts[term])] }

  /// Terms grouped by length and, within a length, ordered by first scalar (then number), their
  /// masks in flat arrays so a scan reads them in one sweep.
  struct TermsByLength: Sendable {
    /// Entries starts[n] ..< starts[n + 1] of each array are the terms of n scalars.
    var starts: [Int]
    var terms: [Int32]
    var letters: [UInt64]
    var prefixes: [UInt64]
    /// The terms' scalars in position order: all terms of a length have that many, so the term at
    /// `position` starts at `scalarStarts[length] + (position − starts[length]) × length`. Kept
    /// beside the masks because a sweep reads them in the same order: the global term store would
    /// be a cache miss for every term a sweep compares.
    var scalars: [UInt32]
    var scalarStarts: [Int]
    /// List `(length × 64 + low) × 64 + high`: the positions, ascending, of the terms of `length`
    /// scalars whose letter mask has both bits set (`low == high`: that one bit). A term holding all
    /// but `r` of a query's bits holds both bits of one of any `r + 1` disjoint pairs of them
    /// (pigeonhole), so a sweep reads a few short lists instead of every term of the length.
    var pairPositions: CompressedLists<Int32>
    /// The length of list `(length, bit, bit)` at `length × 64 + bit`, compact: choosing the lists
    /// reads these for every bit of the query.
    var bitCounts: [Int32]

    init(
      _ selected: [Int], lengths: [Int], letters allLetters: [UInt64], prefixes allPrefixes: [UInt64], longest: Int,
      scalars allScalars: CompressedLists<UInt32>, pairLists: Bool
    ) {
      starts = [Int](repeating: 0, count: longest + 2)
      for term in selected { starts[lengths[term] + 1] += 1 }
      for length in 0...longest { starts[length + 1] += starts[length] }
      let ordered = selected.sorted { first, second in
        if lengths[first] != lengths[second] { return lengths[first] < lengths[second] }
        let firstStart = allPrefixes[first] & 0xFFFF
        let secondStart = allPrefixes[second] & 0xFFFF
        return firstStart != secondStart ? firstStart < secondStart : first < second
      }
      let orderedLetters = ordered.map { allLetters[$0] }
      terms = ordered.map { Int32($0) }
      letters = orderedLetters
      prefixes = ordered.map { allPrefixes[$0] }
      scalars = ordered.flatMap { allScalars.values[allScalars.range($0)] }
      var scalarStarts = [Int](repeating: 0, count: longest + 1)
      for length in 0..<longest {
        scalarStarts[length + 1] = scalarStarts[length] + (starts[length + 1] - starts[length]) * length
      }
      self.scalarStarts = scalarStarts
      // Counted first, then filled: one flat array instead of a quarter of a million small ones.
      // Only the bits' own lists (the diagonal) where the pair lists are never read: they would
      // take 15 MB for the runs of the OFAC and UN names.
      var counts = [Int32](repeating: 0, count: (longest + 1) * 4096 + 1)
      func forEachPair(_ position: Int, _ body: (Int) -> Void) {
        let base = lengths[ordered[position]] * 4096
        var low = orderedLetters[position]
        while low != 0 {
          let lowBit = low.trailingZeroBitCount
          var high = pairLists ? low : low & (0 &- low)
          while high != 0 {
            body(base + lowBit * 64 + high.trailingZeroBitCount)
            high &= high - 1
          }
          low &= low - 1
        }
      }
      for position in ordered.indices { forEachPair(position) { counts[$0 + 1] += 1 } }
      for list in 0..<(counts.count - 1) { counts[list + 1] += counts[list] }
      var next = counts
      var values = [Int32](repeating: 0, count: Int(counts.last ?? 0))
      for position in ordered.indices {
        forEachPair(position) { list in
          values[Int(next[list])] = Int32(position)
          next[list] += 1
        }
      }
      pairPositions = CompressedLists(starts: counts, values: values)
      bitCounts = (0..<(longest + 1) * 64).map { list in
        let (length, bit) = list.quotientAndRemainder(dividingBy: 64)
        let diagonal = (length * 64 + bit) * 64 + bit
        return counts[diagonal + 1] - counts[diagonal]
      }
      var asciiStarts = [Int32](repeating: 0, count: (longest + 1) * 129)
      for length in 0...longest {
        for start in 0..<128 {
          let range = searchedPositions(length: length, start: UInt64(start))
          asciiStarts[length * 129 + start] = Int32(range.lowerBound)
          asciiStarts[length * 129 + start + 1] = Int32(range.upperBound)
        }
      }
      self.asciiStarts = asciiStarts
    }

    /// Entry `length × 129 + c` (c < 129): the first position of the terms of `length` scalars
    /// whose first scalar's low 16 bits are at least c, so `positions` answers an ASCII start
    /// (every prepared Latin name) without a binary search.
    var asciiStarts: [Int32] = []

    /// How many terms of `length` scalars have `bit` set in their letter mask.
    @inline(__always)
    func bitCount(length: Int, _ bit: Int) -> Int { Int(bitCounts[length * 64 + bit]) }

    /// The list of terms of `length` scalars holding bits `first` and `second` (or the one bit).
    @inline(__always)
    func pairList(length: Int, _ first: Int, _ second: Int) -> Range<Int> {
      pairPositions.range((length * 64 + min(first, second)) * 64 + max(first, second))
    }

    /// The positions of the terms of `length` scalars whose first scalar's low 16 bits are `start`.
    func positions(length: Int, start: UInt64) -> Range<Int> {
      if start < 128 {
        let row = length * 129 + Int(start)
        return Int(asciiStarts[row])..<Int(asciiStarts[row + 1])
      }
      return searchedPositions(length: length, start: start)
    }

    /// `positions` by binary search over the length's terms.
    func searchedPositions(length: Int, start: UInt64) -> Range<Int> {
      func firstPosition(notBelow key: UInt64) -> Int {
        var low = starts[length]
        var high = starts[length + 1]
        while low < high {
          let middle = (low + high) / 2
          if prefixes[middle] & 0xFFFF < key { low = middle + 1 } else { high = middle }
        }
        return low
      }
      return firstPosition(notBelow: start)..<firstPosition(notBelow: start + 1)
    }
  }

  struct Builder {
    var numbers: [String: Int32] = [:]
    var scalars = CompressedLists<UInt32>()
    var kinds: [UInt8] = []

    /// The number of a term, added on first sight with `kind` recorded.
    mutating func number(of text: String, scalars termScalars: some Sequence<UInt32>, kind: UInt8) -> Int32 {
      if let known = numbers[text] {
        kinds[Int(known)] |= kind
        return known
      }
      let number = Int32(kinds.count)
      numbers[text] = number
      scalars.values.append(contentsOf: termScalars)
      scalars.starts.append(Int32(scalars.values.count))
      kinds.append(kind)
      return number
    }

    func finish(scorer: NameScorer) -> ListTerms {
      let letters = (0..<kinds.count).map { term in
        scalars.values.withUnsafeBufferPointer { all in
          LetterCounts.mask(UnsafeBufferPointer(rebasing: all[scalars.range(term)]))
        }
      }
      let prefixes = (0..<kinds.count).map { term in
        scalars.values.withUnsafeBufferPointer { all in
          LetterCounts.prefix(UnsafeBufferPointer(rebasing: all[scalars.range(term)]))
        }
      }
      let lengths = (0..<kinds.count).map { scalars.range($0).count }
      let longest = lengths.max() ?? 0
      let all = Array(0..<kinds.count)
      return ListTerms(
        numbers: numbers, scalars: scalars, letters: letters, kinds: kinds,
        words: TermsByLength(
          all.filter { kinds[$0] & ListTerms.word != 0 }, lengths: lengths, letters: letters, prefixes: prefixes,
          longest: longest, scalars: scalars, pairLists: true),
        chanceFloor: FewestCommonLetters(floor: scorer.chanceAgreement),
        joinedFloor: FewestCommonLetters(floor: scorer.joinedAgreement),
        runsOnly: TermsByLength(
          all.filter { kinds[$0] & ListTerms.word == 0 }, lengths: lengths, letters: letters, prefixes: prefixes,
          longest: longest, scalars: scalars, pairLists: false))
    }
  }

  /// Every term agreeing with `query` by the scorer's rules, in term-length then term order.
  /// As a word (`asRun` false): words at `chanceAgreement`, runs at `joinedAgreement`.
  /// As a run of query words: words at `joinedAgreement`. Initials never appear: the scorer
  /// credits them from their first letter alone.
  func neighbours(
    of query: UnsafeBufferPointer<UInt32>, letters queryLetters: UInt64, asRun: Bool, scorer: NameScorer,
    into found: inout [TermAgreement]
  ) {
    guard query.count > 1 else { return }
    let queryPrefix = LetterCounts.prefix(query)
    // Words written together meet only words with the same first letter (the scorer's rule 2).
    scan(words, query, queryLetters, queryPrefix, asRun ? joinedFloor : chanceFloor, sameStart: asRun,
      scorer: scorer, into: &found)
    if !asRun {
      scan(runsOnly, query, queryLetters, queryPrefix, joinedFloor, sameStart: true, scorer: scorer, into: &found)
    }
  }

  private func scan(
    _ table: TermsByLength, _ query: UnsafeBufferPointer<UInt32>, _ queryLetters: UInt64, _ queryPrefix: UInt64,
    _ fewestCommon: FewestCommonLetters, sameStart: Bool, scorer: NameScorer, into found: inout [TermAgreement]
  ) {
    let queryCount = query.count
    let queryBits = queryLetters.nonzeroBitCount
    let queryExcess = queryCount - queryBits
    let floor = fewestCommon.floor
    table.scalars.withUnsafeBufferPointer { all in
    table.letters.withUnsafeBufferPointer { letters in
    table.prefixes.withUnsafeBufferPointer { prefixes in
    table.pairPositions.values.withUnsafeBufferPointer { bitPositions in
      for length in 2..<table.starts.count - 1 where scorer.lengthsCompatible(queryCount, length) {
        fewestCommon.withRow(queryCount, length) { fewest in
          let lengthStart = table.starts[length]
          let scalarBase = table.scalarStarts[length]
          /// The term at `position` if it agrees: shared bits plus the query's excess must reach
          /// `minimum` before the finer ceilings and Jaro-Winkler run.
          @inline(__always) func consider(_ position: Int, minimum: Int) {
            let candidateLetters = letters[position]
            guard (queryLetters & candidateLetters).nonzeroBitCount + queryExcess >= minimum else { return }
            let common = LetterCounts.commonCeiling(queryLetters, queryCount, candidateLetters, length)
            let prefix = LetterCounts.sharedPrefixCeiling(queryPrefix, queryCount, prefixes[position], length)
            guard common >= fewest[prefix] else { return }
            let start = scalarBase + (position - lengthStart) * length
            if sameStart && all[start] != query[0] { return }
            let similarity = scorer.agreement(
              query, queryLetters, UnsafeBufferPointer(rebasing: all[start..<start + length]), candidateLetters,
              atLeast: floor)
            if similarity > 0 { found.append(TermAgreement(term: table.terms[position], similarity: similarity)) }
          }
          // Terms with the query's first scalar may share a start: swept with the lowest minimum.
          let sameStartPositions = table.positions(length: length, start: queryPrefix & 0xFFFF)
          if let minimum = fewest.min(), minimum != FewestCommonLetters.unreachable {
            for position in sameStartPositions { consider(position, minimum: minimum) }
          }
          guard !sameStart, fewest[0] != FewestCommonLetters.unreachable else { return }
          // The others cannot share a start, so they need `fewest[0]` letters in common: at least
          // `need` of the query's letter bits (the query's excess letters may make up the rest).
          let need = fewest[0] - queryExcess
          func sweepOthers() {
            for position in table.starts[length]..<sameStartPositions.lowerBound { consider(position, minimum: fewest[0]) }
            for position in sameStartPositions.upperBound..<table.starts[length + 1] {
              consider(position, minimum: fewest[0])
            }
          }
          guard need > 0 else { return sweepOthers() }
          // A term may miss at most `queryBits − need` of the query's bits: it holds both bits of
          // one of that many plus one disjoint pairs (a bit alone where bits run short).
          let groupCount = queryBits - need + 1
          guard groupCount > 0 else { return }
          withUnsafeTemporaryAllocation(of: (count: Int, bit: Int).self, capacity: queryBits) { bits in
            // The query's bits, rarest among the terms of this length first.
            var count = 0
            var remaining = queryLetters
            while remaining != 0 {
              let bit = remaining.trailingZeroBitCount
              remaining &= remaining - 1
              let entry = (count: table.bitCount(length: length, bit), bit: bit)
              var place = count
              while place > 0 && (bits[place - 1].count, bits[place - 1].bit) > (entry.count, entry.bit) {
                bits[place] = bits[place - 1]
                place -= 1
              }
              bits[place] = entry
              count += 1
            }
            withUnsafeTemporaryAllocation(of: (first: Int, second: Int).self, capacity: groupCount) { groups in
              // Single bits where bits run short (the rarest), then pairs of the next rarest, the
              // rarer of each pair with the commoner: few terms hold both.
              let singles = max(0, 2 * groupCount - queryBits)
              let pairs = groupCount - singles
              for single in 0..<singles { groups[single] = (bits[single].bit, bits[single].bit) }
              for pair in 0..<pairs {
                groups[singles + pair] = (bits[singles + pair].bit, bits[singles + 2 * pairs - 1 - pair].bit)
              }
              var listed = 0
              for group in 0..<groupCount {
                listed += table.pairList(length: length, groups[group].first, groups[group].second).count
              }
              guard listed < table.starts[length + 1] - table.starts[length] else { return sweepOthers() }
              // Each term once: a list skips the terms holding a group an earlier list was read for.
              for group in 0..<groupCount {
                for index in table.pairList(length: length, groups[group].first, groups[group].second) {
                  let position = Int(bitPositions[index])
                  guard !sameStartPositions.contains(position) else { continue }
                  let termLetters = letters[position]
                  var seen = false
                  for earlier in 0..<group {
                    let mask: UInt64 = 1 << UInt64(groups[earlier].first) | 1 << UInt64(groups[earlier].second)
                    if termLetters & mask == mask { seen = true; break }
                  }
                  if !seen { consider(position, minimum: fewest[0]) }
                }
              }
            }
          }
        }
      }
    }
    }
    }
    }
  }

  /// Each word term's neighbours as a word (empty lists for terms that are only runs: a query
  /// rarely repeats a list's run of words, so those are searched when a query holds them).
  func allNeighbours(scorer: NameScorer) -> CompressedLists<TermAgreement> {
    var lists = CompressedLists<TermAgreement>()
    var found: [TermAgreement] = []
    scalars.values.withUnsafeBufferPointer { all in
      for term in 0..<count {
        found.removeAll(keepingCapacity: true)
        if kinds[term] & Self.word != 0 {
          neighbours(
            of: UnsafeBufferPointer(rebasing: all[scalars.range(term)]), letters: letters[term], asRun: false,
            scorer: scorer, into: &found)
        }
        lists.values.append(contentsOf: found)
        lists.starts.append(Int32(lists.values.count))
      }
    }
    return lists
  }
}

/// What candidate selection reads of one name, in one place: a search checks hundreds of names
/// in no particular order, and each separate array would be a cache miss of its own.
struct NameFacts: Sendable {
  var spellingStart: Int32
  var spellingEnd: Int32
  /// The fewest words any spelling of the name has.
  var fewestWords: Int16
  /// The most initials any spelling of the name has.
  var initials: Int16
  /// The fewest letters any spelling of the name has, all words together.
  var fewestLetters: Int32
  /// The longest word of any spelling of the name.
  var longestWord: Int32

  /// The name's spellings: indices into `NameSpellings.words` and `.runs`.
  var spellings: Range<Int> { Int(spellingStart)..<Int(spellingEnd) }
}

/// Each indexed name's spellings as term numbers, with what candidate selection needs per name.
struct NameSpellings: Sendable {
  /// Per name, where its spellings are and the counts candidate selection needs.
  let facts: [NameFacts]
  /// Each spelling's words as terms.
  let words: CompressedLists<Int32>
  /// Each spelling's runs as terms: the two-word runs from each start, then the three-word runs;
  /// -1 where a run holds an initial (runs never include initials).
  let runs: CompressedLists<Int32>

  init(names: [IndexedName], terms: inout ListTerms.Builder) {
    var facts: [NameFacts] = []
    var words = CompressedLists<Int32>()
    var runs = CompressedLists<Int32>()
    for name in names {
      let firstSpelling = Int32(words.count)
      var fewest = Int32.max
      var mostInitials: Int32 = 0
      var letters = Int32.max
      var longest: Int32 = 0
      for variant in name.prepared.variants {
        let tokens = variant.tokens
        for token in tokens {
          words.values.append(terms.number(of: token.text, scalars: token.scalars, kind: ListTerms.word))
        }
        words.starts.append(Int32(words.values.count))
        for length in 2...NameScorer.longestJoinedRun where tokens.count >= length {
          for start in 0...(tokens.count - length) {
            let run = tokens[start..<start + length]
            if run.contains(where: \.isInitial) {
              runs.values.append(-1)
            } else {
              runs.values.append(
                terms.number(of: run.map(\.text).joined(), scalars: run.flatMap(\.scalars), kind: ListTerms.run))
            }
          }
        }
        runs.starts.append(Int32(runs.values.count))
        fewest = min(fewest, Int32(tokens.count))
        mostInitials = max(mostInitials, Int32(tokens.filter(\.isInitial).count))
        letters = min(letters, Int32(tokens.reduce(0) { $0 + $1.scalars.count }))
        longest = max(longest, Int32(tokens.map(\.scalars.count).max() ?? 0))
      }
      // Word counts beyond Int16 are clamped: only "one word" and "any initial" are asked of them.
      facts.append(NameFacts(
        spellingStart: firstSpelling, spellingEnd: Int32(words.count), fewestWords: Int16(clamping: fewest),
        initials: Int16(clamping: mostInitials), fewestLetters: letters, longestWord: longest))
    }
    self.facts = facts
    self.words = words
    self.runs = runs
  }

  /// For each term, the names holding it as a word and as a run, each name once, in name order.
  func postings(termCount: Int) -> (words: CompressedLists<Int32>, runs: CompressedLists<Int32>) {
    var wordLists = [[Int32]](repeating: [], count: termCount)
    var runLists = [[Int32]](repeating: [], count: termCount)
    for name in facts.indices {
      for spelling in facts[name].spellings {
        for term in words.values[words.range(spelling)] where wordLists[Int(term)].last != Int32(name) {
          wordLists[Int(term)].append(Int32(name))
        }
        for term in runs.values[runs.range(spelling)] where term >= 0 && runLists[Int(term)].last != Int32(name) {
          runLists[Int(term)].append(Int32(name))
        }
      }
    }
    return (CompressedLists(wordLists), CompressedLists(runLists))
  }
}

/// Per-search scratch space sized to the index: one mark per name, one row number per term.
///
/// Why reused: clearing arrays of 27,000 names and 80,000 terms on every search would cost more
/// than the search; a search resets only the entries it touched.
/// Why buffers, not arrays: an element written through a class's stored array pays a dynamic
/// exclusivity check and a uniqueness check, which over a thousand marked names cost more than the
/// marking itself. The buffers are allocated once, here, and freed with the workspace.
final class SearchWorkspace: @unchecked Sendable {
  // Unchecked: `WorkspacePool` hands a workspace to one search at a time and takes it back after.
  /// Per name: what reached it and the name's facts, side by side (see `NameState`).
  let names: UnsafeMutableBufferPointer<NameState>
  /// The names marked, first `touchedNameCount` entries, in the order they were first reached.
  let touchedNames: UnsafeMutableBufferPointer<Int32>
  var touchedNameCount = 0
  /// Per term: its row in `agreements`, or -1.
  let termRows: UnsafeMutableBufferPointer<Int32>
  /// The terms given a row, first `touchedTermCount` entries.
  let touchedTerms: UnsafeMutableBufferPointer<Int32>
  var touchedTermCount = 0
  /// Row-major: agreements[row × itemCount + item].
  var agreements: [Double] = []
  var found: [TermAgreement] = []
  /// The terms the skipped query word agrees with, as words and as runs (see `selectCandidates`).
  let skippedWordTerms: TermSet
  let skippedRunTerms: TermSet

  init(facts: [NameFacts], termCount: Int) {
    let nameCount = facts.count
    skippedWordTerms = TermSet(capacity: termCount)
    skippedRunTerms = TermSet(capacity: termCount)
    names = .allocate(capacity: nameCount)
    _ = names.initialize(from: facts.lazy.map { NameState(marks: 0, weight: 0, facts: $0) })
    touchedNames = .allocate(capacity: nameCount)
    touchedNames.initialize(repeating: 0)
    termRows = .allocate(capacity: termCount)
    termRows.initialize(repeating: -1)
    touchedTerms = .allocate(capacity: termCount)
    touchedTerms.initialize(repeating: 0)
  }

  deinit {
    names.deallocate()
    touchedNames.deallocate()
    termRows.deallocate()
    touchedTerms.deallocate()
    skippedWordTerms.deallocate()
    skippedRunTerms.deallocate()
  }

  func reset() {
    for name in touchedNames.prefix(touchedNameCount) {
      names[Int(name)].marks = 0
      names[Int(name)].weight = 0
    }
    for term in touchedTerms.prefix(touchedTermCount) { termRows[Int(term)] = -1 }
    touchedNameCount = 0
    touchedTermCount = 0
    agreements.removeAll(keepingCapacity: true)
  }
}

/// One name's state in a search, beside the facts candidate selection reads next: marking writes
/// the state, so the facts arrive in the cache with it instead of missing it once more per name.
struct NameState {
  /// Bits of the query words that reached the name (16 per query spelling, see `QueryTerms`).
  var marks: UInt64
  /// Summed agreement × letters of what reached it, to order candidates.
  var weight: Float
  let facts: NameFacts
}

/// A set of term numbers as one bit each: 75,000 terms fit in 10 KB, the fastest cache.
struct TermSet {
  let bits: UnsafeMutableBufferPointer<UInt64>

  init(capacity: Int) {
    bits = .allocate(capacity: capacity / 64 + 1)
    bits.initialize(repeating: 0)
  }

  func deallocate() { bits.deallocate() }
  @inline(__always) func insert(_ term: Int) { bits[term >> 6] |= 1 << UInt64(term & 63) }
  @inline(__always) func remove(_ term: Int) { bits[term >> 6] &= ~(1 << UInt64(term & 63)) }
  @inline(__always) func contains(_ term: Int) -> Bool { bits[term >> 6] & (1 << UInt64(term & 63)) != 0 }
}

/// Idle workspaces, so concurrent searches each get their own and sequential ones reuse one.
final class WorkspacePool: Sendable {
  let facts: [NameFacts]
  let termCount: Int
  let idle = Mutex<[SearchWorkspace]>([])

  init(facts: [NameFacts], termCount: Int) {
    self.facts = facts
    self.termCount = termCount
  }

  func withWorkspace<Result>(_ body: (SearchWorkspace) -> Result) -> Result {
    let workspace = idle.withLock { $0.popLast() } ?? SearchWorkspace(facts: facts, termCount: termCount)
    defer {
      workspace.reset()
      idle.withLock { $0.append(workspace) }
    }
    return body(workspace)
  }
}

/// The list terms a query word (or run of words) that is not itself a list word agrees with,
/// kept from one search to the next.
///
/// Why: finding them means sweeping every list term of a compatible length, the costliest step of
/// a search, and real batches repeat words ("Aigerim", "Nurlan Abenov" written together) from
/// one customer to the next. The cached list is exactly what the sweep would find, so results do
/// not depend on what was searched before. Bounded: past `capacity` keys it starts afresh.
final class NeighbourCache: Sendable {
  private let entries = Mutex<[String: [TermAgreement]]>([:])
  static let capacity = 100_000

  /// The cached neighbours of `key`, or nil.
  func neighbours(of key: String) -> [TermAgreement]? {
    entries.withLock { $0[key] }
  }

  func removeAll() { entries.withLock { $0.removeAll() } }

  func store(_ neighbours: [TermAgreement], for key: String) {
    entries.withLock { entries in
      if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
      entries[key] = neighbours
    }
  }

  /// A key that keeps a word apart from the same letters as a run of words (their floors differ).
  static func key(_ text: String, isRun: Bool) -> String { (isRun ? "r " : "w ") + text }
}
