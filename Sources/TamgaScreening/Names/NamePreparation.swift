internal import Foundation

/// Turns a raw name from a list or a customer record into a `PreparedName`, once.
///
/// Why: two records of the same person differ in ways that say nothing about identity — case,
/// accents ("Müller"/"Muller"), punctuation ("Al-Hassan"/"Al Hassan"), the SDN habit of writing
/// "LAST, First", titles ("Dr", "Sheikh"), company suffixes ("LLC", "ТОО") and, above all, the
/// alphabet. Preparation removes those differences so that the scorer only sees the letters that matter.
///
/// Steps, in order:
/// 1. An SDN-style "LAST, First Middle" (exactly one comma, given names after it) becomes
///    "First Middle LAST". Only this order is kept: the scorer aligns words regardless of order, so
///    the reordering serves display and the joined `normalized` string.
/// 2. Cyrillic (Russian and Kazakh) is spelled in Latin under every `TransliterationScheme`;
///    distinct results become the name's variants. Latin names have one variant.
/// 3. Compatibility decomposition (NFKD), combining marks removed, lower case, and a few letters with
///    no decomposition folded by hand (ß→ss, ø→o, ł→l, æ→ae…).
/// 4. Apostrophes vanish ("O'Brien"→"obrien"); every other punctuation mark and space breaks words.
/// 5. Legal-form words are stripped from both ends of the name and recorded; titles are stripped from
///    the front, but only for names without a legal form ("General Electric Company" keeps "general").
///    A name is never stripped down to nothing.
public struct NamePreparation: Sendable {
  /// Titles and honorifics dropped from the front of a person's name, as prepared words.
  public var titles: Set<String>
  /// Legal forms stripped from either end of a name, as prepared words.
  public var legalForms: Set<String>
  /// Short legal forms that are also ordinary words or surnames ("co", "sa", "as"), stripped only
  /// from the end of a name of two or more words.
  public var trailingLegalForms: Set<String>

  /// A preparation with the default word lists.
  public init(
    titles: Set<String> = NamePreparation.defaultTitles,
    legalForms: Set<String> = NamePreparation.defaultLegalForms,
    trailingLegalForms: Set<String> = NamePreparation.defaultTrailingLegalForms
  ) {
    self.titles = titles
    self.legalForms = legalForms
    self.trailingLegalForms = trailingLegalForms
  }

  /// Titles in English, Arabic, Russian and Kazakh usage as they read after preparation.
  public static let defaultTitles: Set<String> = [
    "mr", "mrs", "ms", "miss", "mister", "madam", "mme", "mlle", "dr", "doctor", "prof", "professor",
    "sir", "dame", "lord", "lady", "rev", "reverend", "hon", "honorable", "honourable", "excellency",
    "his", "her", "sheikh", "shaikh", "sheik", "shaykh", "haji", "hajji", "hadji", "alhaj", "alhaji",
    "mullah", "mulla", "imam", "ayatollah", "emir", "amir", "prince", "princess", "king", "queen",
    "general", "gen", "colonel", "col", "major", "maj", "captain", "capt", "lieutenant", "lt",
    "sergeant", "sgt", "admiral", "adm", "brigadier", "commander", "marshal", "herr", "frau",
    "gospodin", "gospozha", "gospodina", "mirza",
  ]

  /// Legal forms that are not ordinary name words (Russian and Kazakh forms as transliterated).
  public static let defaultLegalForms: Set<String> = [
    "llc", "llp", "ltd", "limited", "jsc", "pjsc", "ojsc", "cjsc", "ao", "pao", "oao", "zao", "tov",
    "ooo", "too", "gmbh", "inc", "incorporated", "corp", "corporation", "company", "plc",
    "sarl", "srl", "spa", "pte", "pty", "fze", "fzco", "fzc", "fzllc", "kft", "sas", "bhd", "sdn",
  ]

  /// Legal forms that double as ordinary words or surnames.
  public static let defaultTrailingLegalForms: Set<String> = [
    "co", "sa", "ag", "bv", "nv", "as", "ab", "oy", "kg", "lp", "se", "oyj", "kk",
  ]

  /// Prepares one name; call it once per name when a list loads, never per comparison.
  public func prepare(_ raw: String) -> PreparedName {
    // Plain ASCII (most customer names) is already composed; skipping Foundation's Unicode
    // normalisation here and in `foldedWords` makes preparation several times faster.
    let composed = raw.utf8.allSatisfy { $0 < 0x80 } ? raw : raw.precomposedStringWithCanonicalMapping
    let (ordered, wasReordered) = reorderedLastCommaFirst(composed)
    let schemes: [TransliterationScheme?] =
      CyrillicTransliteration.containsCyrillic(ordered)
      ? [.icao9303, .popular, .bgnPCGN, .kazakhLatin2021] : [nil]

    var variants: [PreparedNameVariant] = []
    var seen: Set<String> = []
    var droppedTitles: [String] = []
    var legalFormsFound: [String] = []
    for scheme in schemes {
      let latin = scheme.map { CyrillicTransliteration.latin(ordered, scheme: $0) } ?? ordered
      let words = Self.foldedWords(latin)
      let (kept, titles, forms) = strip(words)
      if variants.isEmpty {
        droppedTitles = titles
        legalFormsFound = forms
      }
      let normalized = kept.joined(separator: " ")
      guard seen.insert(normalized).inserted else { continue }
      variants.append(PreparedNameVariant(scheme: scheme, tokens: kept.map(PreparedToken.init)))
    }
    return PreparedName(
      original: raw, variants: variants, wasReordered: wasReordered,
      droppedTitles: droppedTitles, legalForms: legalFormsFound)
  }

  // MARK: - Steps

  /// "LAST, First Middle" → "First Middle LAST" when the part after the single comma reads as given
  /// names: one to four words of letters only, none a legal form ("ACME TRADING, LLC" stays).
  func reorderedLastCommaFirst(_ text: String) -> (String, Bool) {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return (text, false) }
    let last = parts[0].trimmingCharacters(in: .whitespaces)
    let given = parts[1].trimmingCharacters(in: .whitespaces)
    let lastWords = Self.foldedWords(CyrillicTransliteration.latin(last, scheme: .icao9303))
    let givenWords = Self.foldedWords(CyrillicTransliteration.latin(given, scheme: .icao9303))
    guard (1...3).contains(lastWords.count), (1...4).contains(givenWords.count) else { return (text, false) }
    let allLetters = (lastWords + givenWords).allSatisfy { word in
      word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
    }
    let anyLegalForm = (lastWords + givenWords).contains {
      legalForms.contains($0) || trailingLegalForms.contains($0)
    }
    guard allLetters, !anyLegalForm else { return (text, false) }
    return (given + " " + last, true)
  }

  /// Lower-case ASCII-folded words: diacritics removed, apostrophes dropped, other punctuation as breaks.
  static func foldedWords(_ text: String) -> [String] {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return foldedASCIIWords(text) }
    let decomposed = text.decomposedStringWithCompatibilityMapping.lowercased()
    var words: [String] = []
    var current = String.UnicodeScalarView()
    func finishWord() {
      if !current.isEmpty { words.append(String(current)) }
      current = String.UnicodeScalarView()
    }
    for scalar in decomposed.unicodeScalars {
      switch scalar.properties.generalCategory {
      case .nonspacingMark, .spacingMark, .enclosingMark:
        continue  // the accent of an already decomposed letter
      default:
        break
      }
      if apostrophes.contains(scalar) { continue }
      if let folded = handFolded[scalar] {
        current.append(contentsOf: folded.unicodeScalars)
      } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
        current.append(scalar)
      } else {
        finishWord()
      }
    }
    finishWord()
    return words
  }

  /// `foldedWords` for plain ASCII, byte by byte: there, decomposition changes nothing, the only
  /// letters are a–z and A–Z, the only numerals 0–9, and the only apostrophes ' and `.
  static func foldedASCIIWords(_ text: String) -> [String] {
    var words: [String] = []
    var current: [UInt8] = []
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        current.append(byte)
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        current.append(byte + 32)
      case UInt8(ascii: "'"), UInt8(ascii: "`"):
        continue
      default:
        if !current.isEmpty {
          words.append(String(decoding: current, as: UTF8.self))
          current.removeAll(keepingCapacity: true)
        }
      }
    }
    if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
    return words
  }

  /// Strips legal forms from both ends (trailing-only forms from the end), then leading titles when
  /// no legal form was found; never removes the last remaining word.
  func strip(_ words: [String]) -> (kept: [String], titles: [String], legalForms: [String]) {
    var kept = words[...]
    var forms: [String] = []
    var changed = true
    while changed && kept.count > 1 {
      changed = false
      if let last = kept.last, legalForms.contains(last) || trailingLegalForms.contains(last) {
        forms.append(last)
        kept.removeLast()
        changed = true
      } else if let first = kept.first, legalForms.contains(first) {
        forms.append(first)
        kept.removeFirst()
        changed = true
      } else if let spelled = trailingInitialsForm(kept) {
        // "S.A." or "L.L.C." arrive as single letters after punctuation breaks words.
        forms.append(spelled.form)
        kept.removeLast(spelled.count)
        changed = true
      }
    }
    var titles: [String] = []
    if forms.isEmpty {
      while kept.count > 1, let first = kept.first, self.titles.contains(first) {
        titles.append(first)
        kept.removeFirst()
      }
    }
    return (Array(kept), titles, forms)
  }

  /// A run of two to five single letters at the end that spells a legal form, with its length.
  private func trailingInitialsForm(_ words: ArraySlice<String>) -> (form: String, count: Int)? {
    for count in stride(from: min(5, words.count - 1), through: 2, by: -1) {
      let tail = words.suffix(count)
      guard tail.allSatisfy({ $0.unicodeScalars.count == 1 }) else { continue }
      let spelled = tail.joined()
      if legalForms.contains(spelled) || trailingLegalForms.contains(spelled) { return (spelled, count) }
    }
    return nil
  }

  private static let apostrophes: Set<Unicode.Scalar> = [
    "'", "\u{2019}", "\u{2018}", "\u{02BC}", "\u{02B9}", "\u{02BA}", "`", "\u{00B4}", "\u{201D}", "\u{201C}",
  ]

  /// Latin letters with no Unicode decomposition to a plain letter.
  private static let handFolded: [Unicode.Scalar: String] = [
    "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
    "ħ": "h", "ŧ": "t", "ŋ": "ng", "ə": "a", "ĸ": "q",
  ]
}
