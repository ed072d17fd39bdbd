/// Whether a piece of secondary evidence (date of birth, country) supports a name hit.
///
/// Why three values: "the list gives no date of birth" is not the same as "the dates differ", and
/// an analyst must see which one it was before clearing an alert.
public enum EvidenceAgreement: String, Sendable, Hashable {
  case agrees
  case disagrees
  /// The customer or the list entry gave nothing to compare.
  case unknown
}

/// How the final score of a potential match is derived from the name score.
///
/// The rule: start from the name score; subtract `weakAliasPenalty` when the matched name is a weak
/// alias; add `birthDateAgreementBonus` when a date of birth agrees, subtract
/// `birthDateDisagreementPenalty` when the list gives dates and none agrees; likewise for country;
/// unknown evidence changes nothing; clamp to 0...1. The threshold applies to this final score.
///
/// Why nudges, not gates: list dates are often wrong or approximate and a customer's country is
/// not always a nationality, so disagreement lowers a hit without hiding a strong name match, and
/// agreement lifts a borderline one without creating a hit from a weak name.
public struct EvidencePolicy: Sendable, Hashable {
  public var weakAliasPenalty: Double
  public var birthDateAgreementBonus: Double
  public var birthDateDisagreementPenalty: Double
  public var countryAgreementBonus: Double
  public var countryDisagreementPenalty: Double
  /// Years either side of an approximate ("circa") list date still counted as agreeing.
  public var approximateYearTolerance: Int

  public init(
    weakAliasPenalty: Double = 0.05, birthDateAgreementBonus: Double = 0.03,
    birthDateDisagreementPenalty: Double = 0.08, countryAgreementBonus: Double = 0.02,
    countryDisagreementPenalty: Double = 0.03, approximateYearTolerance: Int = 2
  ) {
    self.weakAliasPenalty = weakAliasPenalty
    self.birthDateAgreementBonus = birthDateAgreementBonus
    self.birthDateDisagreementPenalty = birthDateDisagreementPenalty
    self.countryAgreementBonus = countryAgreementBonus
    self.countryDisagreementPenalty = countryDisagreementPenalty
    self.approximateYearTolerance = approximateYearTolerance
  }

  /// The final score from the name score and the evidence, by the rule on the type.
  public func finalScore(
    nameScore: Double, source: ListNameSource, dateOfBirth: EvidenceAgreement, country: EvidenceAgreement
  ) -> Double {
    var score = nameScore
    if source.isWeak { score -= weakAliasPenalty }
    switch dateOfBirth {
    case .agrees: score += birthDateAgreementBonus
    case .disagrees: score -= birthDateDisagreementPenalty
    case .unknown: break
    }
    switch country {
    case .agrees: score += countryAgreementBonus
    case .disagrees: score -= countryDisagreementPenalty
    case .unknown: break
    }
    return min(1, max(0, score))
  }

  /// Whether the customer's date of birth is compatible with any of the list's dates.
  ///
  /// Years are compared as ranges (a range or "circa" date covers several years); months and days
  /// are compared only when both sides give them, so "DOB 1970" agrees with 12 March 1970.
  public func birthDateAgreement(query: BirthDate?, listed: [BirthDate]) -> EvidenceAgreement {
    guard let query, !listed.isEmpty else { return .unknown }
    return listed.contains { agree(query, $0) } ? .agrees : .disagrees
  }

  func agree(_ first: BirthDate, _ second: BirthDate) -> Bool {
    let (firstYears, firstMonth, firstDay) = parts(first)
    let (secondYears, secondMonth, secondDay) = parts(second)
    guard firstYears.overlaps(secondYears) else { return false }
    if let firstMonth, let secondMonth, firstMonth != secondMonth { return false }
    if let firstDay, let secondDay, firstDay != secondDay { return false }
    return true
  }

  private func parts(_ date: BirthDate) -> (years: ClosedRange<Int>, month: Int?, day: Int?) {
    switch date {
    case .exact(let year, let month, let day): (year...year, month, day)
    case .yearMonth(let year, let month): (year...year, month, nil)
    case .year(let year): (year...year, nil, nil)
    case .range(let from, let to): (min(from, to)...max(from, to), nil, nil)
    case .approximate(let year):
      ((year - approximateYearTolerance)...(year + approximateYearTolerance), nil, nil)
    }
  }
}

/// One list entry that may be the screened party, with everything an analyst needs to decide.
///
/// Why so much: a bare score cannot be cleared or escalated; the analyst must see which list and
/// entry, which of its names met the query and how word by word, and whether date of birth and
/// country support or contradict the hit.
public struct PotentialMatch: Sendable, Hashable {
  /// The list the entry comes from, e.g. "ofac-sdn".
  public let list: String
  /// The list's own identifier of the entry.
  public let entryID: String
  public let kind: ListEntryKind
  /// Position of the entry in `ScreeningIndex.entries`.
  public let entryIndex: Int
  /// The entry's name that matched best, as the list wrote it.
  public let matchedName: String
  /// Whether that name is the primary name or an alias, with the alias's quality.
  public let matchedNameSource: ListNameSource
  /// The word-by-word comparison of the query with the matched name.
  public let nameMatch: NameMatch
  public let dateOfBirth: EvidenceAgreement
  public let country: EvidenceAgreement
  /// The name score adjusted by `EvidencePolicy`; what the threshold and the ranking use.
  public let score: Double

  /// The name score before any adjustment.
  public var nameScore: Double { nameMatch.score }

  /// One line for an alert queue, e.g.
  /// `ofac-sdn 1234 person "IVANOV, Sergei" (primary) name 0.960 → 0.990; DOB agrees; country unknown; […]`.
  public var summary: String {
    let pairs = nameMatch.pairings.map { pairing in
      "\(pairing.queryToken)~\(pairing.candidateToken ?? "-") \(ScoreText.format(pairing.similarity))"
    }.joined(separator: ", ")
    return "\(list) \(entryID) \(kind.rawValue) \"\(matchedName)\" (\(matchedNameSource)) name "
      + "\(ScoreText.format(nameScore)) → \(ScoreText.format(score)); DOB \(dateOfBirth.rawValue); "
      + "country \(country.rawValue); [\(pairs)]"
  }
}

extension ScreeningIndex {
  /// The default `candidateLimit`: far above what a real name reaches (see `ScreeningEvaluation`),
  /// so that it only bounds the work a pathological query can cause.
  public static let defaultCandidateLimit = 2_000

  /// Screens one name against the list through the word index: ranked, one match per entry.
  ///
  /// Why the index: only names that can reach the threshold are scored (see `ScreeningIndex`), so a
  /// query costs about the same on a list of 30,000 names as on one of 3,000.
  /// `candidateLimit` is the most names scored, those with the most word agreement first; at the
  /// default the results equal `searchExhaustively`'s for any threshold whose floor is above
  /// `NameScorer.singleWordCeiling`.
  public func search(
    _ name: String, dateOfBirth: BirthDate? = nil, country: String? = nil,
    threshold: Double = 0.85, limit: Int = 10, candidateLimit: Int = ScreeningIndex.defaultCandidateLimit
  ) -> [PotentialMatch] {
    search(
      prepared: preparation.prepare(name), dateOfBirth: dateOfBirth, country: country,
      threshold: threshold, limit: limit, candidateLimit: candidateLimit)
  }

  /// `search` for a name already prepared with this index's `preparation`.
  public func search(
    prepared query: PreparedName, dateOfBirth: BirthDate? = nil, country: String? = nil,
    threshold: Double = 0.85, limit: Int = 10, candidateLimit: Int = ScreeningIndex.defaultCandidateLimit
  ) -> [PotentialMatch] {
    guard !query.isEmpty else { return [] }
    let countryKey = Self.comparableCountry(country)
    let floor = scoreFloor(threshold: threshold, dateOfBirth: dateOfBirth, countryKey: countryKey)
    return rank(
      query, scored: candidateScores(for: query, floor: floor, limit: candidateLimit), floor: floor,
      dateOfBirth: dateOfBirth, countryKey: countryKey, threshold: threshold, limit: limit)
  }

  /// Screens one name against every list name, without the index: slow, the reference answer.
  public func searchExhaustively(
    _ name: String, dateOfBirth: BirthDate? = nil, country: String? = nil,
    threshold: Double = 0.85, limit: Int = 10
  ) -> [PotentialMatch] {
    searchExhaustively(
      prepared: preparation.prepare(name), dateOfBirth: dateOfBirth, country: country,
      threshold: threshold, limit: limit)
  }

  /// `searchExhaustively` for a name already prepared with this index's `preparation`.
  public func searchExhaustively(
    prepared query: PreparedName, dateOfBirth: BirthDate? = nil, country: String? = nil,
    threshold: Double = 0.85, limit: Int = 10
  ) -> [PotentialMatch] {
    guard !query.isEmpty else { return [] }
    let countryKey = Self.comparableCountry(country)
    let floor = scoreFloor(threshold: threshold, dateOfBirth: dateOfBirth, countryKey: countryKey)
    let scored = names.indices.map { ($0, scorer.score(query, against: names[$0].prepared)) }
    return rank(
      query, scored: scored, floor: floor, dateOfBirth: dateOfBirth, countryKey: countryKey,
      threshold: threshold, limit: limit)
  }

  static func comparableCountry(_ country: String?) -> String? {
    country.flatMap(Self.countryKey)
  }

  /// The lowest name score that can still reach `threshold` with every agreement the query allows.
  func scoreFloor(threshold: Double, dateOfBirth: BirthDate?, countryKey: String?) -> Double {
    threshold - (dateOfBirth == nil ? 0 : evidence.birthDateAgreementBonus)
      - (countryKey == nil ? 0 : evidence.countryAgreementBonus)
  }

  /// Keeps each entry's best scored name, applies the evidence, and explains the best `limit` entries.
  func rank(
    _ query: PreparedName, scored: [(name: Int, score: Double)], floor: Double, dateOfBirth: BirthDate?,
    countryKey: String?, threshold: Double, limit: Int
  ) -> [PotentialMatch] {
    // Best (final score, name index) per entry; few entries pass, so a small array is enough.
    var best: [(entry: Int, name: Int, score: Double, birth: EvidenceAgreement, country: EvidenceAgreement)] = []
    for (nameIndex, nameScore) in scored {
      guard nameScore >= floor else { continue }
      let name = names[nameIndex]
      let entry = entries[name.entryIndex]
      let birth = evidence.birthDateAgreement(query: dateOfBirth, listed: entry.birthDates)
      let countryAgreement: EvidenceAgreement
      if let countryKey, !entryCountryKeys[name.entryIndex].isEmpty {
        countryAgreement = entryCountryKeys[name.entryIndex].contains(countryKey) ? .agrees : .disagrees
      } else {
        countryAgreement = .unknown
      }
      let final = evidence.finalScore(
        nameScore: nameScore, source: name.source, dateOfBirth: birth, country: countryAgreement)
      guard final >= threshold else { continue }
      if let existing = best.firstIndex(where: { $0.entry == name.entryIndex }) {
        let kept = best[existing]
        if final > kept.score || (final == kept.score && nameIndex < kept.name) {
          best[existing] = (name.entryIndex, nameIndex, final, birth, countryAgreement)
        }
      } else {
        best.append((name.entryIndex, nameIndex, final, birth, countryAgreement))
      }
    }
    best.sort { $0.score != $1.score ? $0.score > $1.score : $0.entry < $1.entry }
    return best.prefix(max(0, limit)).map { hit in
      let name = names[hit.name]
      let entry = entries[hit.entry]
      return PotentialMatch(
        list: entry.list, entryID: entry.id, kind: entry.kind, entryIndex: hit.entry,
        matchedName: name.text, matchedNameSource: name.source,
        nameMatch: scorer.explain(query, against: name.prepared), dateOfBirth: hit.birth,
        country: hit.country, score: hit.score)
    }
  }
}
