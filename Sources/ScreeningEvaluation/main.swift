// Measures the screening index on the real lists: recall on perturbed list names (Latin and
// Cyrillic), what the index loses against scoring every name, false positives on made-up names,
// and speed on those queries and on a batch of customer-like names.
//
// Usage: ScreeningEvaluation [data directory, default ../shared/data] [persons sampled, default 300]

import Foundation
import TamgaModel
import TamgaScreening

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

var generator = SplitMix64(state: 20_260_222)
let vowels: [Character: Character] = ["a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü"]
let letters = Array("abcdefghijklmnopqrstuvwxyz")

func capitalized(_ word: String) -> String { word.prefix(1).uppercased() + word.dropFirst() }

/// The perturbations an analyst sees in customer records, applied to the primary name's words.
@MainActor func perturbations(of words: [String], generator: inout SplitMix64) -> [(String, [String])] {
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

/// A plain Latin→Cyrillic respelling, the way a Russian or Kazakh record would write a name first
/// seen in Latin letters: digraphs first (shch, zh, kh, ts, ch, sh, ya, yu, yo, ye), "y" as й after
/// a vowel and ы elsewhere, "e" as э at the start of a word.
func cyrillic(_ word: String) -> String {
  let digraphs: [(String, String)] = [
    ("shch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"), ("sh", "ш"), ("ya", "я"), ("yu", "ю"),
    ("yo", "ё"), ("ye", "е"), ("iy", "ий"),
  ]
  let single: [Character: String] = [
    "a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и", "k": "к", "l": "л",
    "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с", "t": "т", "u": "у", "f": "ф", "h": "х",
    "c": "к", "q": "к", "w": "в", "x": "кс", "j": "дж",
  ]
  let letters = Array(word.lowercased())
  var output = ""
  var position = 0
  while position < letters.count {
    let rest = String(letters[position...])
    if let (latin, cyrillic) = digraphs.first(where: { rest.hasPrefix($0.0) }) {
      output += cyrillic
      position += latin.count
      continue
    }
    let letter = letters[position]
    if letter == "y" {
      output += position > 0 && "aeiou".contains(letters[position - 1]) ? "й" : "ы"
    } else if letter == "e" && position == 0 {
      output += "э"
    } else {
      output += single[letter] ?? String(letter)
    }
    position += 1
  }
  return output.prefix(1).uppercased() + output.dropFirst()
}

/// List persons whose names are Russian or Kazakh-looking: sanctioned under a Russia, Ukraine or
/// Belarus programme or linked to one of the former Soviet countries.
let postSovietCountries: Set<String> = [
  "russia", "russian federation", "ukraine", "belarus", "kazakhstan", "kyrgyzstan", "uzbekistan", "tajikistan",
  "moldova", "armenia", "azerbaijan", "georgia", "turkmenistan",
]
let cyrillicCandidates = entries.indices.filter { entryIndex in
  let entry = entries[entryIndex]
  guard entry.kind == .person, NamePreparation().prepare(entry.primaryName).tokens.count >= 2 else { return false }
  let programme = entry.programs.contains { program in
    ["RUSSIA", "UKRAINE", "BELARUS", "CYBER", "CAATSA"].contains { program.uppercased().contains($0) }
  }
  return programme || entry.countries.contains { postSovietCountries.contains($0.lowercased()) }
}
var cyrillicSample = cyrillicCandidates
cyrillicSample.shuffle(using: &generator)
for entryIndex in cyrillicSample.prefix(max(100, sampledPersons / 2)).sorted() {
  let words = index.preparation.prepare(entries[entryIndex].primaryName).tokens.map(\.text)
  cases.append(EvaluationCase(
    query: words.map(cyrillic).joined(separator: " "), expectedEntry: entryIndex, perturbation: "written in Cyrillic"))
}

/// Customer-like names: common Kazakh, Russian, English and Arabic first and last names combined,
/// the way a bank's customer file repeats the same words thousands of times.
let customerFirstNames = [
  "Aigerim", "Nurlan", "Yerlan", "Dana", "Aruzhan", "Askar", "Madina", "Daniyar", "Saule", "Bauyrzhan", "Gulnara",
  "Timur", "Sergey", "Aleksandr", "Olga", "Dmitry", "Elena", "Andrey", "Natalia", "Ivan", "Tatiana", "Mikhail",
  "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Sarah",
  "Mohammed", "Fatima", "Ahmed", "Aisha", "Omar", "Layla", "Youssef", "Mariam", "Khalid", "Noor", "Hassan", "Zainab",
]
let customerLastNames = [
  "Nurlanov", "Abenov", "Seitkali", "Zhaksybekova", "Dzhaksybekov", "Tulegenova", "Omarov", "Bekova", "Sultanbekov",
  "Kenzhebayev", "Ivanov", "Smirnova", "Kuznetsov", "Popova", "Sokolov", "Lebedeva", "Kozlov", "Novikova", "Morozov",
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Taylor", "Anderson",
  "Al-Farsi", "Haddad", "Khoury", "Nasser", "Saleh", "Rahman", "Aziz", "Karimi", "Hamdan", "Mansour", "Qureshi",
]
var customerBatch: [String] = []
for _ in 0..<3_000 {
  guard let first = customerFirstNames.randomElement(using: &generator),
    let last = customerLastNames.randomElement(using: &generator)
  else { break }
  customerBatch.append("\(first) \(last)")
}

// MARK: - Runs

let threshold = 0.85
let prepared = cases.map { index.preparation.prepare($0.query) }

/// The fastest of three runs of `body`, in seconds. Each run starts with the index's memory of
/// query words forgotten, so a run's queries meet it as a first batch would: words repeated within
/// the run are remembered, words from an earlier run are not.
func fastest(_ body: () -> Void) -> Double {
  (0..<3).map { _ in
    index.forgetRememberedWords()
    let start = ContinuousClock.now
    body()
    return seconds(start)
  }.min() ?? 0
}

// Throughput: preparation included, one thread, the default candidate limit.
var indexHits: [[PotentialMatch]] = []
let indexSeconds = fastest {
  indexHits = cases.map { index.search($0.query, threshold: threshold, limit: 1_000) }
}
// The same queries on every core at once, each core taking every other query: per core, the
// rate should hold, since searches share only the index and the memory of unseen words.
let cores = ProcessInfo.processInfo.activeProcessorCount
let queries = cases.map(\.query)
let allCoresSeconds = fastest {
  DispatchQueue.concurrentPerform(iterations: cores) { core in
    for query in stride(from: core, to: queries.count, by: cores).map({ queries[$0] }) {
      _ = index.search(query, threshold: threshold, limit: 1_000)
    }
  }
}
let prepareSeconds = fastest {
  for query in cases { _ = index.preparation.prepare(query.query) }
}
var candidateCounts: [Int] = []
let candidateSeconds = fastest {
  candidateCounts = prepared.map { index.candidates(for: $0, floor: threshold).count }
}
var customerHits: [[PotentialMatch]] = []
let customerSeconds = fastest {
  customerHits = customerBatch.map { index.search($0, threshold: threshold) }
}
let customerFlagged = customerHits.filter { !$0.isEmpty }.count
let customerPrepareSeconds = fastest {
  for name in customerBatch { _ = index.preparation.prepare(name) }
}

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
row("distinct terms (words and runs of words)", "\(index.termCount)")
row("term postings", "\(index.postingCount)")
row("index build time (incl. name preparation)", String(format: "%.2f s", buildSeconds))
row("queries (perturbed / unrelated)", "\(perturbedTotal) / \(unrelatedTotal)")
row("candidates scored per query (mean / max)",
  String(format: "%.1f / %d", Double(candidateCounts.reduce(0, +)) / Double(max(1, candidateCounts.count)),
    candidateCounts.max() ?? 0))
row("threshold", "\(threshold)")
row("recall, index", percent(indexFound, perturbedTotal))
row("recall, exhaustive", percent(exhaustiveFound, perturbedTotal))
row("matches lost by index vs exhaustive", "\(lostPairs) of \(exhaustivePairs) (\(percent(lostPairs, exhaustivePairs)))")
row("best exhaustive match lost by index", "\(topLost) of \(topExhaustive) (\(percent(topLost, topExhaustive)))")
row("false-positive rate, unrelated names (index)", "\(unrelatedFlagged) of \(unrelatedTotal) (\(percent(unrelatedFlagged, unrelatedTotal)))")
row("throughput, index, 1 thread (incl. prepare)", String(format: "%.0f names/s", Double(cases.count) / indexSeconds))
row("  of which preparation alone", String(format: "%.0f names/s", Double(cases.count) / prepareSeconds))
row("  on all \(cores) cores at once, per core", String(format: "%.0f names/s", Double(cases.count) / allCoresSeconds / Double(cores)))
row("  candidate selection alone (prepared names)", String(format: "%.0f names/s", Double(cases.count) / candidateSeconds))
row("throughput, exhaustive, 1 thread", String(format: "%.0f names/s", Double(cases.count) / exhaustiveSeconds))
row("customer-like batch (\(customerBatch.count) names)", String(format: "%.0f names/s", Double(customerBatch.count) / customerSeconds))
row("  of which preparation alone", String(format: "%.0f names/s", Double(customerBatch.count) / customerPrepareSeconds))
row("  customer-like names flagged", "\(customerFlagged) of \(customerBatch.count) (\(percent(customerFlagged, customerBatch.count)))")
print("")
print("candidate limit K (most names scored per query, most word agreement first; default \(ScreeningIndex.defaultCandidateLimit)):")
print("  K      names/s    lost vs exhaustive   best match lost   recall")
for limit in [5, 10, 25, 50, 100, 200, ScreeningIndex.defaultCandidateLimit] {
  var hits: [[PotentialMatch]] = []
  let rate = Double(cases.count) / fastest {
    hits = cases.map { index.search($0.query, threshold: threshold, limit: 1_000, candidateLimit: limit) }
  }
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
let flaggedUnrelated = cases.indices.filter { cases[$0].expectedEntry == nil && !indexHits[$0].isEmpty }
if !flaggedUnrelated.isEmpty {
  print("")
  print("unrelated names flagged (best hit):")
  for caseIndex in flaggedUnrelated.prefix(5) {
    print("  \(cases[caseIndex].query) → \(indexHits[caseIndex][0].summary)")
  }
}
var flaggedCustomers: [String: String] = [:]
for (name, hits) in zip(customerBatch, customerHits) {
  if let best = hits.first { flaggedCustomers[name] = best.summary }
}
if !flaggedCustomers.isEmpty {
  print("")
  print("distinct customer-like names flagged: \(flaggedCustomers.count); the first five (best hit):")
  for name in flaggedCustomers.keys.sorted().prefix(5) { print("  \(name) → \(flaggedCustomers[name] ?? "")") }
}
if !lostExamples.isEmpty {
  print("")
  print("examples of matches the index lost:")
  for example in lostExamples { print("  " + example) }
}
