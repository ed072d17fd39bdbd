internal import Foundation

/// Reads the structured facts OFAC packs into an entry's free-text remarks: dates of birth,
/// nationality and citizenship, and weak aliases.
///
/// The legacy CSV has no columns for these; OFAC writes them as "; "-separated phrases such as
/// "DOB 01 Jan 1970", "nationality Russia", "a.k.a. 'BNC'". Phrases Tamga does not recognise are
/// left in the remarks for the analyst rather than guessed at.
enum OFACRemarks {
  static func phrases(_ remarks: String) -> [String] {
    remarks.split(separator: ";").map { phrase in
      var text = phrase.trimmingCharacters(in: .whitespaces)
      // "alt. DOB 1971" is a second date of the same kind: the "alt." changes nothing for Tamga.
      if text.hasPrefix("alt. ") { text.removeFirst(5) }
      return text
    }
  }

  static func birthDates(in remarks: String) -> [BirthDate] {
    phrases(remarks).compactMap { phrase in
      guard phrase.hasPrefix("DOB ") else { return nil }
      return birthDate(from: String(phrase.dropFirst(4)))
    }
  }

  /// Parses the text after "DOB ": "01 Jan 1970", "Jan 1970", "1970", "circa 1970",
  /// "1965 to 1968", "01 Jan 1965 to 31 Dec 1968", "circa 1970-1972".
  static func birthDate(from text: String) -> BirthDate? {
    var body = text.trimmingCharacters(in: .whitespaces)
    while body.hasSuffix(".") { body.removeLast() }
    if body.hasPrefix("circa ") {
      let rest = String(body.dropFirst(6))
      let years = rest.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
      if years.count == 2, rest.count == 9 { return .range(from: years[0], to: years[1]) }
      return yearOf(rest).map { .approximate(year: $0) }
    }
    if let to = body.range(of: " to ") {
      guard let from = yearOf(String(body[..<to.lowerBound])),
        let until = yearOf(String(body[to.upperBound...]))
      else { return nil }
      return .range(from: min(from, until), to: max(from, until))
    }
    let words = body.split(separator: " ").map(String.init)
    switch words.count {
    case 3:
      guard let day = Int(words[0]), let month = monthNumber(words[1]), let year = Int(words[2])
      else { return nil }
      return .exact(year: year, month: month, day: day)
    case 2:
      guard let month = monthNumber(words[0]), let year = Int(words[1]) else { return nil }
      return .yearMonth(year: year, month: month)
    case 1:
      return Int(words[0]).map { .year($0) }
    default:
      return nil
    }
  }

  /// The year in "1970", "Jan 1970" or "01 Jan 1970".
  static func yearOf(_ text: String) -> Int? {
    guard let last = text.split(separator: " ").last, last.count == 4 else { return nil }
    return Int(last)
  }

  static func monthNumber(_ word: String) -> Int? {
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    return months.firstIndex(of: String(word.prefix(3)).lowercased()).map { $0 + 1 }
  }

  /// Countries of "nationality X" and "citizen X" phrases, as written.
  static func countries(in remarks: String) -> [String] {
    phrases(remarks).compactMap { phrase in
      for prefix in ["nationality ", "citizen "] where phrase.hasPrefix(prefix) {
        var country = String(phrase.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        while country.hasSuffix(".") { country.removeLast() }
        return country.isEmpty ? nil : country
      }
      return nil
    }
  }

  /// The aliases OFAC prints in remarks ("a.k.a. 'BNC'"): its weak aliases, which the legacy CSV
  /// keeps out of alt.csv.
  static func weakAliases(in remarks: String) -> [ListAlias] {
    let relations: [(String, AliasRelation)] = [
      ("a.k.a. '", .alsoKnownAs), ("f.k.a. '", .formerlyKnownAs), ("n.k.a. '", .nowKnownAs),
    ]
    return phrases(remarks).compactMap { phrase in
      var text = phrase
      while text.hasSuffix(".") { text.removeLast() }
      for (prefix, relation) in relations where text.hasPrefix(prefix) && text.hasSuffix("'") {
        let name = text.dropFirst(prefix.count).dropLast().trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? nil : ListAlias(name: name, quality: .weak, relation: relation)
      }
      return nil
    }
  }
}
