// Measures the screening index on the real lists: recall on perturbed list names, what the index
// loses against scoring every name, false positives on made-up names, and speed.
//
// Usage: ScreeningEvaluation [data directory, default ../shared/data] [persons sampled, default 300]

import Foundation
import TamgaScreening

/// SplitMix64: a tiny seeded generator, so every run draws the same cases.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var value = state
    value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
    value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
    return value ^ (value >> 31)
  }
}

/// A query the evaluation screens, with the entry it should find (nil: it should find nothing).
struct EvaluationCase {
  var query: String
  var expectedEntry: Int?
  var perturbation: String
}

func seconds(_ start: ContinuousClock.Instant) -> Double {
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

func percent(_ part: Int, _ whole: Int) -> String {
  guard whole > 0 else { return "n/a" }
  return String(format: "%.2f%%", 100 * Double(part) / Double(whole))
}

let arguments = CommandLine.arguments
let dataDirectory = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : "../shared/data", isDirectory: true)
let sampledPersons = arguments.count > 2 ? Int(arguments[2]) ?? 300 : 300
let lists = dataDirectory.appendingPathComponent("lists", isDirectory: true)

var entries: [ListEntry] = []
do {
  let ofac = try OFACLegacyLoader.load(directory: lists.appendingPathComponent("ofac-sdn-2021", isDirectory: true))
  let un = try UNListLoader.load(file: lists.appendingPathComponent("un-2026-02/consolidated.xml"))
  entries = ofac.entries + un.entries
  print("loaded \(ofac.entries.count) OFAC SDN 2021 entries, \(un.entries.count) UN entries")
} catch {
  print("cannot load lists under \(lists.path): \(error)")
  exit(1)
}

let buildStart = ContinuousClock.now
let index = ScreeningIndex(entries: entries)
let buildSeconds = seconds(buildStart)
let aliasCount = index.names.filter { $0.source != .primary }.count

// MARK: - Cases

var generator = SeededGenerator(state: 20_260_222)
let vowels: [Character: Character] = ["a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü"]
let letters = Array("abcdefghijklmnopqrstuvwxyz")

func capitalized(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst() }

/// The perturbations an analyst sees in customer records, applied to the primary name's words.
@MainActor func perturbations(of words: [String], generator: inout SeededGenerator) -> [(String, [String])] {
  var result: [(String, [String])] = []
  result.append(("word order swapped", Array(words.reversed())))
  if words.count >= 3 {
    var dropped = words
    dropped.remove(at: 1)
    result.append(("middle name dropped", dropped))
  }
  let longWords = words.indices.filter { words[$0].count >= 4 }
  if let target = longWords.randomElement(using: &generator) {
    var typo = words
    var characters = Array(typo[target])
    let position = Int.random(in: 1..<characters.count, using: &generator)
    characters[position] = letters.randomElement(using: &generator) ?? "x"
    typo[target] = String(characters)
    result.append(("one-letter typo", typo))

    var doubled = words
    characters = Array(doubled[target])
    let doublePosition = Int.random(in: 1..<characters.count, using: &generator)
    if Bool.random(using: &generator) {
      characters.insert(characters[doublePosition], at: doublePosition)
      result.append(("letter doubled", doubled.enumerated().map { $0.offset == target ? String(characters) : $0.element }))
    } else {
      characters.remove(at: doublePosition)
      doubled[target] = String(characters)
      result.append(("letter dropped", doubled))
    }
  }
  var accented: [String] = []
  for word in words {
    var spelled = ""
    for character in word {
      if let accent = vowels[character], Bool.random(using: &generator) {
        spelled.append(accent)
      } else {
        spelled.append(character)
      }
    }
    accented.append(capitalized(spelled))
  }
  result.append(("case and diacritics", accented))
  return result
}

let persons = entries.indices.filter { entryIndex in
  entries[entryIndex].kind == .person
    && NamePreparation().prepare(entries[entryIndex].primaryName).tokens.count >= 2
}
var sampled = persons
sampled.shuffle(using: &generator)
sampled = Array(sampled.prefix(sampledPersons)).sorted()

var cases: [EvaluationCase] = []
for entryIndex in sampled {
  let words = index.preparation.prepare(entries[entryIndex].primaryName).tokens.map(\.text)
  for (label, perturbed) in perturbations(of: words, generator: &generator) {
    cases.append(EvaluationCase(query: perturbed.joined(separator: " "), expectedEntry: entryIndex, perturbation: label))
  }
}

let firstNames = [
  "Oliver", "Amelia", "Lukas", "Sofia", "Mateo", "Hannah", "Noah", "Emma", "Jonas", "Clara", "Arjun",
  "Priya", "Kenji", "Yuki", "Liam", "Chloe", "Finn", "Greta", "Marek", "Zofia", "Tobias", "Ingrid",
  "Pablo", "Lucia", "Dmitri", "Aigerim", "Timur", "Dana", "Erik", "Maja", "Hugo", "Elsa", "Rafael",
  "Beatriz", "Niels", "Astrid", "Callum", "Isla", "Bruno", "Camille",
]
let lastNames = [
  "Thompson", "Lindqvist", "Bauer", "Moretti", "Kowalczyk", "Fernandes", "Okafor", "Tanaka", "Novak",
  "Jensen", "Dubois", "Whitaker", "Hargreaves", "Castellano", "Vermeulen", "Nakamura", "Svensson",
  "Brennan", "Kovacs", "Albrecht", "Sutherland", "Lachance", "Pereira", "Holmberg", "Fitzgerald",
  "Zimmermann", "Johansson", "Ramirez", "Oyelaran", "Kristiansen", "Abernathy", "Valcourt",
]
let listedNormalized = Set(index.names.map(\.prepared.normalized))
var unrelated = Set<String>()
while unrelated.count < max(100, sampledPersons) {
  guard let first = firstNames.randomElement(using: &generator),
    let last = lastNames.randomElement(using: &generator)
  else { break }
  let name = "\(first) \(last)"
  if !listedNormalized.contains(index.preparation.prepare(name).normalized) { unrelated.insert(name) }
}
for name in unrelated.sorted() {
  cases.append(EvaluationCase(query: name, expectedEntry: nil, perturbation: "unrelated"))
}

// MARK: - Runs

let threshold = 0.85
let prepared = cases.map { index.preparation.prepare($0.query) }

// Throughput: preparation included, one thread, the default candidate limit, repeated to steady state.
var indexHits: [[PotentialMatch]] = []
let indexStart = ContinuousClock.now
for query in cases {
  indexHits.append(index.search(query.query, threshold: threshold, limit: 1_000))
}
let indexSeconds = seconds(indexStart)

let prepareStart = ContinuousClock.now
for query in cases { _ = index.preparation.prepare(query.query) }
let prepareSeconds = seconds(prepareStart)
let candidateStart = ContinuousClock.now
for query in prepared { _ = index.candidates(for: query, limit: 200) }
let candidateSeconds = seconds(candidateStart)

let exhaustiveStart = ContinuousClock.now
let exhaustiveHits = prepared.map { index.searchExhaustively(prepared: $0, threshold: threshold, limit: 1_000) }
let exhaustiveSeconds = seconds(exhaustiveStart)

var perturbedTotal = 0
var indexFound = 0
var exhaustiveFound = 0
var exhaustivePairs = 0
var lostPairs = 0
var unrelatedTotal = 0
var unrelatedFlagged = 0
var byPerturbation: [String: (total: Int, found: Int)] = [:]
var lostExamples: [String] = []
var topExhaustive = 0
var topLost = 0
for (caseIndex, evaluationCase) in cases.enumerated() {
  let indexEntries = Set(indexHits[caseIndex].map(\.entryIndex))
  let exhaustiveEntries = Set(exhaustiveHits[caseIndex].map(\.entryIndex))
  exhaustivePairs += exhaustiveEntries.count
  let lost = exhaustiveEntries.subtracting(indexEntries)
  if let top = exhaustiveHits[caseIndex].first {
    topExhaustive += 1
    if !indexEntries.contains(top.entryIndex) { topLost += 1 }
  }
  lostPairs += lost.count
  if !lost.isEmpty, lostExamples.count < 5 {
    lostExamples.append("\(evaluationCase.query) → \(lost.map { entries[$0].primaryName }.sorted().joined(separator: "; "))")
  }
  if let expected = evaluationCase.expectedEntry {
    perturbedTotal += 1
    let found = indexEntries.contains(expected)
    if found { indexFound += 1 }
    if exhaustiveEntries.contains(expected) { exhaustiveFound += 1 }
    var tally = byPerturbation[evaluationCase.perturbation] ?? (0, 0)
    tally.total += 1
    if found { tally.found += 1 }
    byPerturbation[evaluationCase.perturbation] = tally
  } else {
    unrelatedTotal += 1
    if !indexHits[caseIndex].isEmpty { unrelatedFlagged += 1 }
  }
}

func row(_ label: String, _ value: String) {
  print(label.padding(toLength: 46, withPad: " ", startingAt: 0) + value)
}
print("")
row("entries indexed", "\(entries.count)")
row("names indexed (primary + aliases)", "\(index.names.count) (\(index.names.count - aliasCount) + \(aliasCount))")
row("trigram postings", "\(index.postingCount)")
row("index build time (incl. name preparation)", String(format: "%.2f s", buildSeconds))
row("queries (perturbed / unrelated)", "\(perturbedTotal) / \(unrelatedTotal)")
row("threshold", "\(threshold)")
row("recall, index", percent(indexFound, perturbedTotal))
row("recall, exhaustive", percent(exhaustiveFound, perturbedTotal))
row("matches lost by index vs exhaustive", "\(lostPairs) of \(exhaustivePairs) (\(percent(lostPairs, exhaustivePairs)))")
row("best exhaustive match lost by index", "\(topLost) of \(topExhaustive) (\(percent(topLost, topExhaustive)))")
row("false-positive rate, unrelated names (index)", "\(unrelatedFlagged) of \(unrelatedTotal) (\(percent(unrelatedFlagged, unrelatedTotal)))")
row("throughput, index, 1 thread (incl. prepare)", String(format: "%.0f names/s", Double(cases.count) / indexSeconds))
row("  of which preparation alone", String(format: "%.0f names/s", Double(cases.count) / prepareSeconds))
row("  of which candidate lookup alone (K=200)", String(format: "%.0f names/s", Double(cases.count) / candidateSeconds))
row("throughput, exhaustive, 1 thread", String(format: "%.0f names/s", Double(cases.count) / exhaustiveSeconds))
print("")
print("candidate limit K: speed against matches lost (same cases, same threshold)")
print("  K      names/s    lost vs exhaustive   best match lost   recall")
for limit in [10, 25, 50, 100, 200, 400, 800] {
  let start = ContinuousClock.now
  let hits = cases.map { index.search($0.query, threshold: threshold, limit: 1_000, candidateLimit: limit) }
  let rate = Double(cases.count) / seconds(start)
  var lost = 0
  var found = 0
  var bestLost = 0
  for (caseIndex, evaluationCase) in cases.enumerated() {
    let got = Set(hits[caseIndex].map(\.entryIndex))
    lost += Set(exhaustiveHits[caseIndex].map(\.entryIndex)).subtracting(got).count
    if let top = exhaustiveHits[caseIndex].first, !got.contains(top.entryIndex) { bestLost += 1 }
    if let expected = evaluationCase.expectedEntry, got.contains(expected) { found += 1 }
  }
  print(
    "  " + "\(limit)".padding(toLength: 7, withPad: " ", startingAt: 0)
      + String(format: "%-11.0f", rate) + percent(lost, exhaustivePairs).padding(toLength: 21, withPad: " ", startingAt: 0)
      + percent(bestLost, topExhaustive).padding(toLength: 18, withPad: " ", startingAt: 0)
      + percent(found, perturbedTotal))
}
print("")
print("recall by perturbation (index):")
for (label, tally) in byPerturbation.sorted(by: { $0.key < $1.key }) {
  row("  " + label, "\(tally.found) of \(tally.total) (\(percent(tally.found, tally.total)))")
}
if !lostExamples.isEmpty {
  print("")
  print("examples of matches the index lost:")
  for example in lostExamples { print("  " + example) }
}
