/// A way of writing Russian and Kazakh Cyrillic in Latin letters.
///
/// Why several: the same person appears as "Tokayev", "Tokaev" and "Toqaev" depending on whether
/// the spelling came from a passport, a news agency or a Kazakh register. A sanctions list and a
/// customer record rarely use the same one, so every Cyrillic name is spelled in all of these and
/// the scorer keeps the best pairing. Every output is lower-case ASCII.
public enum TransliterationScheme: String, Sendable, Hashable, CaseIterable {
  /// BGN/PCGN (US/UK geographic names): Е→YE at the start of a word and after a vowel, Й→Y,
  /// Ю→YU, Я→YA; the Kazakh letters as in BGN's Kazakh table folded to ASCII (Ғ→GH, Қ→Q, Ң→NG).
  /// Ъ and Ь, written as apostrophes in BGN, are left out because punctuation never survives preparation.
  case bgnPCGN
  /// ICAO Doc 9303, the machine-readable passport standard (Ж→ZH, Х→KH, Ц→TS, Щ→SHCH, Ю→IU,
  /// Я→IA, Й→I, Ъ→IE, Ё→E). What a Russian or Kazakh passport holder's Latin name usually is.
  case icao9303
  /// The Kazakh Latin alphabet of 2021 with its diacritics folded to ASCII
  /// (Ә→A, Ғ→G, Қ→Q, Ң→N, Ө→O, Ұ→U, Ү→U, Һ→H, І→I, Ж→J, Х→H).
  case kazakhLatin2021
  /// How Russian and Kazakh names are commonly spelled in the press and in Western records:
  /// Е→YE at the start of a word and after a vowel, Ё→YO, Й→Y, Ю→YU, Я→YA, Х→KH, Қ→K, Ғ→G, Ң→N.
  case popular
}

/// Spells Cyrillic text in Latin letters under one `TransliterationScheme`.
///
/// Why its own type: preparation needs it once per scheme, and tests check each scheme against
/// published samples. The output is lower-case; characters that are not Cyrillic pass through
/// lower-cased and untouched, so mixed text keeps its spaces and punctuation.
public enum CyrillicTransliteration {
  /// Whether the text holds any Cyrillic letter, so Latin names skip transliteration entirely.
  public static func containsCyrillic(_ text: String) -> Bool {
    text.unicodeScalars.contains { isCyrillic($0) }
  }

  /// The text written in Latin letters under `scheme`, lower-cased.
  public static func latin(_ text: String, scheme: TransliterationScheme) -> String {
    // Without Cyrillic every scalar passes through, so lower-casing is the whole answer.
    guard containsCyrillic(text) else { return text.lowercased() }
    // Lower-case and compose first: "Ё" and "Й" must arrive as single scalars, not as a base
    // letter plus a combining mark.
    let scalars = Array(text.lowercased().unicodeScalars)
    var output = String.UnicodeScalarView()
    for (index, scalar) in scalars.enumerated() {
      let previous: Unicode.Scalar? = index > 0 ? scalars[index - 1] : nil
      let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
      var letter = scalar
      // A decomposed "и + breve" or "е + diaeresis" is read as "й" / "ё".
      if next == "\u{0306}" && scalar == "и" { letter = "й" }
      if next == "\u{0308}" && scalar == "е" { letter = "ё" }
      if scalar == "\u{0306}" || scalar == "\u{0308}", let previous, previous == "и" || previous == "е" {
        continue
      }
      if let spelled = spell(letter, after: previous, scheme: scheme) {
        output.append(contentsOf: spelled.unicodeScalars)
      } else {
        output.append(letter)
      }
    }
    return String(output)
  }

  static func isCyrillic(_ scalar: Unicode.Scalar) -> Bool {
    (0x0400...0x04FF).contains(scalar.value)
  }

  /// Letters after which BGN and popular spellings write Е as "ye" (and Ё as "yo").
  private static let softeningContext: Set<Unicode.Scalar> = [
    "а", "е", "ё", "и", "о", "у", "ы", "э", "ю", "я", "й", "ъ", "ь", "ә", "ө", "ұ", "ү", "і",
  ]

  private static func startsYe(after previous: Unicode.Scalar?) -> Bool {
    guard let previous else { return true }
    return !isCyrillic(previous) || softeningContext.contains(previous)
  }

  private static func spell(
    _ letter: Unicode.Scalar, after previous: Unicode.Scalar?, scheme: TransliterationScheme
  ) -> String? {
    switch scheme {
    case .icao9303:
      return icao[letter]
    case .bgnPCGN:
      if letter == "е" && startsYe(after: previous) { return "ye" }
      if letter == "ё" { return startsYe(after: previous) ? "ye" : "e" }
      return bgn[letter] ?? icao[letter]
    case .kazakhLatin2021:
      return kazakh2021[letter] ?? icao[letter]
    case .popular:
      if letter == "е" && startsYe(after: previous) { return "ye" }
      if letter == "ё" { return startsYe(after: previous) ? "yo" : "e" }
      return popular[letter] ?? icao[letter]
    }
  }

  // ICAO Doc 9303 (Russian), extended with the Kazakh letters folded the way Kazakh passports do.
  private static let icao: [Unicode.Scalar: String] = [
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    // Kazakh and Ukrainian letters: passports fold them to the nearest plain letter.
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
    "ї": "i", "є": "ie", "ґ": "g", "ў": "u", "ј": "j",
  ]

  private static let bgn: [Unicode.Scalar: String] = [
    "й": "y", "ъ": "", "ь": "", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "gh", "қ": "q", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
  ]

  private static let kazakh2021: [Unicode.Scalar: String] = [
    "ж": "j", "х": "h", "й": "i", "ъ": "", "ё": "io",
    "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
  ]

  private static let popular: [Unicode.Scalar: String] = [
    "й": "y", "ъ": "", "ь": "", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
  ]
}
