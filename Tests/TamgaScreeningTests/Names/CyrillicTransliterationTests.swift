import Testing
import TamgaScreening

@Suite struct CyrillicTransliterationTests {
  @Test(.enabled(if: NamesTestData.isAvailable))
  func icaoSpellingReproducesEveryPublishedIcaoSample() throws {
    let samples = try NamesTestData.iuliiaSamples("icao_doc_9303.json")
    try #require(samples.count >= 5)
    for sample in samples {
      #expect(CyrillicTransliteration.latin(sample.cyrillic, scheme: .icao9303) == sample.latin.lowercased())
    }
  }

  /// BGN/PCGN samples write Ъ and Ь as typographic apostrophes, mark ambiguous digraphs with "·" and
  /// keep "ё"; preparation drops punctuation and folds ё to e, so the comparison does the same.
  @Test(.enabled(if: NamesTestData.isAvailable))
  func bgnSpellingReproducesPublishedBgnSamplesOnceApostrophesAreDropped() throws {
    let samples = try NamesTestData.iuliiaSamples("bgn_pcgn.json")
    try #require(samples.count >= 3)
    for sample in samples {
      let expected = String(sample.latin.lowercased().map { $0 == "ё" ? "e" : $0 })
        .filter { !"”’·".contains($0) }
      #expect(CyrillicTransliteration.latin(sample.cyrillic, scheme: .bgnPCGN) == expected)
    }
  }

  @Test(.enabled(if: NamesTestData.isAvailable))
  func everyKazakhLetterComesOutAsAsciiInEveryScheme() throws {
    let letters = try NamesTestData.kazakhReference().filter { $0.count > 1 && $0[1].hasPrefix("letter") }
    try #require(letters.count == 84, "42 letters, upper and lower case")
    for row in letters {
      for scheme in TransliterationScheme.allCases {
        let latin = CyrillicTransliteration.latin(row[0], scheme: scheme)
        #expect(isPlainASCII(latin), "\(row[0]) under \(scheme): \(latin)")
        // Only the hard and soft signs may vanish.
        if !["ъ", "ь", "Ъ", "Ь"].contains(row[0]) { #expect(!latin.isEmpty, "\(row[0]) under \(scheme)") }
      }
    }
  }

  /// BGN's Kazakh letters, folded to ASCII by ICU, are what our BGN spelling writes for them.
  @Test(.enabled(if: NamesTestData.isAvailable))
  func bgnSpellingOfKazakhLettersMatchesIcu() throws {
    let kazakhOnly: Set<String> = ["ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"]
    let rows = try NamesTestData.kazakhReference().filter { kazakhOnly.contains($0[0].lowercased()) }
    try #require(rows.count == 18)
    for row in rows {
      #expect(CyrillicTransliteration.latin(row[0], scheme: .bgnPCGN) == row[3].lowercased(), "\(row[0])")
    }
  }

  @Test func russianLettersFollowEachScheme() {
    #expect(CyrillicTransliteration.latin("Хрущёв", scheme: .icao9303) == "khrushchev")
    #expect(CyrillicTransliteration.latin("Хрущёв", scheme: .popular) == "khrushchev")
    #expect(CyrillicTransliteration.latin("Елена Юрьевна", scheme: .popular) == "yelena yuryevna")
    #expect(CyrillicTransliteration.latin("Елена Юрьевна", scheme: .icao9303) == "elena iurevna")
    #expect(CyrillicTransliteration.latin("Майя", scheme: .bgnPCGN) == "mayya")
    #expect(CyrillicTransliteration.latin("Цой", scheme: .icao9303) == "tsoi")
    #expect(CyrillicTransliteration.latin("Объект", scheme: .icao9303) == "obieekt")
  }

  @Test func kazakhLettersFollowEachScheme() {
    let name = "Қасым-Жомарт Тоқаев"
    #expect(CyrillicTransliteration.latin(name, scheme: .icao9303) == "kasym-zhomart tokaev")
    #expect(CyrillicTransliteration.latin(name, scheme: .popular) == "kasym-zhomart tokayev")
    #expect(CyrillicTransliteration.latin(name, scheme: .bgnPCGN) == "qasym-zhomart toqayev")
    #expect(CyrillicTransliteration.latin(name, scheme: .kazakhLatin2021) == "qasym-jomart toqaev")
    #expect(CyrillicTransliteration.latin("Шыңғыс Өмірзақ", scheme: .bgnPCGN) == "shyngghys omirzaq")
    let kazakhLetters = CyrillicTransliteration.latin("Шыңғыс Ұлан Үмбет Һәкім", scheme: .kazakhLatin2021)
    #expect(kazakhLetters == "shyngys ulan umbet hakim")
  }

  @Test func latinTextPassesThroughLowerCased() {
    #expect(!CyrillicTransliteration.containsCyrillic("Robert Smith"))
    #expect(CyrillicTransliteration.containsCyrillic("Robert Смит"))
    #expect(CyrillicTransliteration.latin("Robert Смит", scheme: .icao9303) == "robert smit")
  }

  @Test func decomposedShortIAndYoReadAsTheirLetters() {
    // "й" and "ё" written as a base letter plus a combining mark, as some exports do.
    #expect(CyrillicTransliteration.latin("Андреи\u{0306}", scheme: .popular) == "andrey")
    #expect(CyrillicTransliteration.latin("Пе\u{0308}тр", scheme: .popular) == "petr")
  }

  func isPlainASCII(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { $0.isASCII }
  }
}
