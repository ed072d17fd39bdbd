internal import Foundation

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

/// Every prepared name of a set of list entries, with a character-trigram index over them.
///
/// Why: scoring a customer name against all ~30,000 list names with Jaro-Winkler costs
/// milliseconds; the trigram index narrows each query to the few hundred names that share enough
/// rare letter triples with it, and only those are scored.
///
/// How: every word of every spelling of every name is padded with a space on both sides
/// (" ivanov " → " iv", "iva", …, "ov ") and cut into trigrams. Each distinct trigram of a name
/// goes into one posting list; posting lists live in one flat array (`postings`) addressed through
/// `bucketStarts` by a hash of the trigram (CSR layout, no dictionary of arrays). A trigram weighs
/// its inverse document frequency, so "zzz" counts for more than "al ". A query's candidates are the
/// names with the highest shared weight, normalised as a cosine (shared / √(query × name)), top K.
public struct ScreeningIndex: Sendable {
  /// The entries as given, in order; `IndexedName.entryIndex` points here.
  public let entries: [ListEntry]
  /// Every primary name and alias of every entry (empty names after preparation are left out).
  public let names: [IndexedName]
  public let preparation: NamePreparation
  public let scorer: NameScorer
  /// How the final score is nudged by secondary evidence; see `EvidencePolicy`.
  public let evidence: EvidencePolicy

  /// Bucket b's posting list is postings[bucketStarts[b] ..< bucketStarts[b + 1]].
  let bucketStarts: [Int32]
  /// Name indices, grouped by trigram bucket.
  let postings: [Int32]
  /// Inverse document frequency of each bucket: log(1 + names / names holding the trigram).
  let bucketWeights: [Float]
  /// Sum of the weights of each name's distinct trigrams.
  let nameWeights: [Float]
  /// Each entry's countries folded for comparison (lower case, no diacritics).
  let entryCountryKeys: [[String]]

  /// log2 of the number of trigram buckets.
  static let bucketBits = 18
  static var bucketCount: Int { 1 << bucketBits }

  /// Prepares every name of every entry and builds the trigram index; do it once per list load.
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
    self.entryCountryKeys = entries.map { $0.countries.map(Self.countryKey) }

    // Pass 1: each name's distinct buckets, and how many names hold each bucket.
    var nameBucketStarts: [Int] = [0]
    nameBucketStarts.reserveCapacity(names.count + 1)
    var nameBuckets: [Int32] = []
    var documentFrequency = [Int32](repeating: 0, count: Self.bucketCount)
    var scratch: [Int32] = []
    for name in names {
      Self.distinctBuckets(of: name.prepared, into: &scratch)
      for bucket in scratch { documentFrequency[Int(bucket)] += 1 }
      nameBuckets.append(contentsOf: scratch)
      nameBucketStarts.append(nameBuckets.count)
    }

    // Pass 2: prefix sums into bucket starts, then fill the postings in name order.
    var starts = [Int32](repeating: 0, count: Self.bucketCount + 1)
    for bucket in 0..<Self.bucketCount {
      starts[bucket + 1] = starts[bucket] + documentFrequency[bucket]
    }
    var cursor = Array(starts.dropLast())
    var postings = [Int32](repeating: 0, count: nameBuckets.count)
    let total = Float(max(names.count, 1))
    var weights = [Float](repeating: 0, count: Self.bucketCount)
    for bucket in 0..<Self.bucketCount where documentFrequency[bucket] > 0 {
      weights[bucket] = log(1 + total / Float(documentFrequency[bucket]))
    }
    var nameWeights = [Float](repeating: 0, count: names.count)
    for nameIndex in names.indices {
      var weight: Float = 0
      for position in nameBucketStarts[nameIndex]..<nameBucketStarts[nameIndex + 1] {
        let bucket = Int(nameBuckets[position])
        postings[Int(cursor[bucket])] = Int32(nameIndex)
        cursor[bucket] += 1
        weight += weights[bucket]
      }
      nameWeights[nameIndex] = weight
    }
    self.bucketStarts = starts
    self.postings = postings
    self.bucketWeights = weights
    self.nameWeights = nameWeights
  }

  /// Number of trigram occurrences stored (the total length of all posting lists).
  public var postingCount: Int { postings.count }

  // MARK: - Candidates

  /// Indices into `names` of the names most likely to match `query`, best first, at most `limit`.
  ///
  /// Why top-K rather than a fixed overlap threshold: a short query ("Li Wei") shares few
  /// trigrams with anything, a long one many; ranking by normalised shared weight adapts to both.
  /// Names sharing no trigram with the query are never returned.
  public func candidates(for query: PreparedName, limit: Int = 200) -> [Int] {
    guard limit > 0, !names.isEmpty else { return [] }
    var queryBuckets: [Int32] = []
    Self.distinctBuckets(of: query, into: &queryBuckets)
    guard !queryBuckets.isEmpty else { return [] }
    var queryWeight: Float = 0
    for bucket in queryBuckets { queryWeight += bucketWeights[Int(bucket)] }

    var accumulated = [Float](repeating: 0, count: names.count)
    var touched: [Int32] = []
    touched.reserveCapacity(1024)
    postings.withUnsafeBufferPointer { postings in
      bucketStarts.withUnsafeBufferPointer { starts in
        accumulated.withUnsafeMutableBufferPointer { accumulated in
          for bucket in queryBuckets {
            let weight = bucketWeights[Int(bucket)]
            for position in Int(starts[Int(bucket)])..<Int(starts[Int(bucket) + 1]) {
              let name = Int(postings[position])
              if accumulated[name] == 0 { touched.append(Int32(name)) }
              accumulated[name] += weight
            }
          }
        }
      }
    }

    // A bounded min-heap of (rank, name): the weakest kept candidate sits on top.
    var heap = CandidateHeap(capacity: limit)
    for name in touched {
      let index = Int(name)
      let rank = accumulated[index] / (queryWeight * nameWeights[index]).squareRoot()
      heap.offer(rank: rank, name: name)
    }
    return heap.sortedBestFirst()
  }

  // MARK: - Trigrams

  /// The distinct trigram buckets of all spellings of a name, sorted, written into `buckets`.
  static func distinctBuckets(of name: PreparedName, into buckets: inout [Int32]) {
    buckets.removeAll(keepingCapacity: true)
    for variant in name.variants {
      for token in variant.tokens {
        let scalars = token.scalars
        guard let leading = scalars.first else { continue }
        // Padded with a space each side: a word of n letters gives n trigrams.
        var first: UInt32 = 32
        var second: UInt32 = leading
        for position in 1...scalars.count {
          let third: UInt32 = position < scalars.count ? scalars[position] : 32
          buckets.append(bucket(first, second, third))
          first = second
          second = third
        }
      }
    }
    buckets.sort()
    var write = 0
    for read in buckets.indices where read == 0 || buckets[read] != buckets[read - 1] {
      buckets[write] = buckets[read]
      write += 1
    }
    buckets.removeLast(buckets.count - write)
  }

  /// The bucket of one trigram: a multiplicative hash of the three scalars.
  @inline(__always)
  static func bucket(_ a: UInt32, _ b: UInt32, _ c: UInt32) -> Int32 {
    let key = UInt64(a) << 42 | UInt64(b) << 21 | UInt64(c)
    return Int32(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bucketBits))
  }

  /// A country as compared: lower case, diacritics and punctuation removed, words single-spaced.
  static func countryKey(_ country: String) -> String {
    NamePreparation.foldedWords(country).joined(separator: " ")
  }
}

/// A fixed-capacity min-heap keeping the `capacity` best-ranked names.
///
/// Why: sorting every name that shares one trigram with the query ("al ", "ov ") would cost more
/// than the scoring it saves; the heap keeps only the best K in O(n log K).
struct CandidateHeap {
  let capacity: Int
  var ranks: [Float] = []
  var names: [Int32] = []

  init(capacity: Int) {
    self.capacity = capacity
    ranks.reserveCapacity(capacity)
    names.reserveCapacity(capacity)
  }

  /// Whether a ranks below b; ties broken by name index so results never depend on heap order.
  @inline(__always)
  static func worse(_ rankA: Float, _ nameA: Int32, _ rankB: Float, _ nameB: Int32) -> Bool {
    rankA < rankB || (rankA == rankB && nameA > nameB)
  }

  mutating func offer(rank: Float, name: Int32) {
    if ranks.count < capacity {
      ranks.append(rank)
      names.append(name)
      var child = ranks.count - 1
      while child > 0 {
        let parent = (child - 1) / 2
        guard Self.worse(ranks[child], names[child], ranks[parent], names[parent]) else { break }
        ranks.swapAt(child, parent)
        names.swapAt(child, parent)
        child = parent
      }
      return
    }
    guard let topRank = ranks.first, let topName = names.first,
      Self.worse(topRank, topName, rank, name)
    else { return }
    ranks[0] = rank
    names[0] = name
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var smallest = parent
      if left < ranks.count, Self.worse(ranks[left], names[left], ranks[smallest], names[smallest]) {
        smallest = left
      }
      if right < ranks.count, Self.worse(ranks[right], names[right], ranks[smallest], names[smallest]) {
        smallest = right
      }
      guard smallest != parent else { break }
      ranks.swapAt(parent, smallest)
      names.swapAt(parent, smallest)
      parent = smallest
    }
  }

  func sortedBestFirst() -> [Int] {
    zip(ranks, names).sorted { Self.worse($1.0, $1.1, $0.0, $0.1) }.map { Int($0.1) }
  }
}
