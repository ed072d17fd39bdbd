/// One word of a prepared name, with the scalars Jaro-Winkler reads.
///
/// Why precomputed: list names are prepared once at load and compared millions of times, so the
/// scalar array is built here rather than on every comparison.
public struct PreparedToken: Sendable, Hashable {
  /// The word as text: lower-case, no diacritics, no punctuation.
  public let text: String
  /// The word's Unicode scalars; plain ASCII for any Latin or Cyrillic name.
  public let scalars: [UInt32]
  /// Which letters the word holds, up to two of each, as `LetterCounts` bits; lets the scorer skip
  /// Jaro-Winkler for words that cannot share enough letters.
  let letters: UInt64

  /// Creates a token from already prepared text.
  public init(_ text: String) {
    self.text = text
    self.scalars = text.unicodeScalars.map(\.value)
    self.letters = scalars.withUnsafeBufferPointer(LetterCounts.mask)
  }

  /// Whether the word is a single letter such as the "A" of "A. Bekova", which the scorer credits
  /// only partly against a full name starting with that letter.
  public var isInitial: Bool { scalars.count == 1 }
}

/// One Latin spelling of a name: under a transliteration scheme, or as written when it had no Cyrillic.
///
/// Why kept apart: the scorer tries every spelling of the query against every spelling of the
/// candidate and reports which pair met, so an analyst sees "matched via ICAO spelling".
public struct PreparedNameVariant: Sendable, Hashable {
  /// The scheme that produced this spelling, or nil when the name was already in Latin letters.
  public let scheme: TransliterationScheme?
  /// The tokens joined by single spaces.
  public let normalized: String
  /// The words in their written order (after any "LAST, First" reordering).
  public let tokens: [PreparedToken]

  /// Creates a spelling from prepared words.
  public init(scheme: TransliterationScheme?, tokens: [PreparedToken]) {
    self.scheme = scheme
    self.tokens = tokens
    self.normalized = tokens.map(\.text).joined(separator: " ")
  }
}

/// A name made ready for matching: normalized once, in every plausible Latin spelling.
///
/// Why a value of its own: preparation (Unicode folding, transliteration, dropping titles and legal
/// forms) is far more expensive than comparison, so lists keep `PreparedName`s and screening only
/// compares them. Build one with `NamePreparation.prepare(_:)`.
public struct PreparedName: Sendable, Hashable {
  /// The name exactly as it was given.
  public let original: String
  /// Distinct Latin spellings, never empty; the first is the ICAO spelling for Cyrillic names and the
  /// only spelling for Latin ones.
  public let variants: [PreparedNameVariant]
  /// Whether an SDN-style "LAST, First Middle" was turned round to "First Middle LAST".
  public let wasReordered: Bool
  /// Leading titles and honorifics that were dropped ("dr", "sheikh", "general"…), as prepared words.
  public let droppedTitles: [String]
  /// Legal-form words that were dropped ("llc", "too", "gmbh"…), as prepared words.
  public let legalForms: [String]

  /// The first spelling, joined by spaces; what to show or index when one string is needed.
  public var normalized: String { variants.first?.normalized ?? "" }
  /// The words of the first spelling.
  public var tokens: [PreparedToken] { variants.first?.tokens ?? [] }
  /// Whether a legal form was seen, which marks the name as a company or other organisation.
  public var looksLikeOrganization: Bool { !legalForms.isEmpty }
  /// Whether nothing matchable is left (an empty name, or one made only of punctuation).
  public var isEmpty: Bool { tokens.isEmpty }
}
