import Testing
import TamgaScreening

@Suite struct NamePreparationTests {
  let preparation = NamePreparation()

  @Test func diacriticsAndCaseAreFolded() {
    #expect(preparation.prepare("Müller").normalized == "muller")
    #expect(preparation.prepare("ŞAHİN Ömer").normalized == "sahin omer")
    #expect(preparation.prepare("José  Ñúñez").normalized == "jose nunez")
    #expect(preparation.prepare("Łukasz Øster Straße").normalized == "lukasz oster strasse")
  }

  @Test func punctuationBreaksWordsButApostrophesVanish() {
    #expect(preparation.prepare("O'Brien").normalized == "obrien")
    #expect(preparation.prepare("Al-Hassan, Jr.").tokens.map(\.text).contains("hassan"))
    #expect(preparation.prepare("A. Bekova").tokens.map(\.text) == ["a", "bekova"])
    #expect(preparation.prepare("  Abu   Bakr (al-Baghdadi)  ").normalized == "abu bakr al baghdadi")
  }

  @Test func sdnLastCommaFirstIsTurnedRound() {
    let name = preparation.prepare("IVANOV, Sergei Petrovich")
    #expect(name.normalized == "sergei petrovich ivanov")
    #expect(name.wasReordered)
  }

  @Test func aCommaBeforeALegalFormIsNotAGivenName() {
    let name = preparation.prepare("ACME TRADING, LLC")
    #expect(!name.wasReordered)
    #expect(name.normalized == "acme trading")
    #expect(name.legalForms == ["llc"])
    #expect(name.looksLikeOrganization)
  }

  @Test func titlesAreDroppedFromTheFront() {
    let name = preparation.prepare("Sheikh Dr. Abdullah Azzam")
    #expect(name.normalized == "abdullah azzam")
    #expect(name.droppedTitles == ["sheikh", "dr"])
    #expect(preparation.prepare("Господин Иванов").normalized == "ivanov")
    #expect(preparation.prepare("General").normalized == "general", "never strip a name to nothing")
  }

  @Test func legalFormsAreDroppedAndMarkTheNameAsAnOrganization() {
    #expect(preparation.prepare("Kazakh Oil Trading Co., Ltd.").normalized == "kazakh oil trading")
    #expect(preparation.prepare("ТОО «Ромашка»").normalized == "romashka")
    #expect(preparation.prepare("ООО Ромашка").legalForms == ["ooo"])
    #expect(preparation.prepare("Acme Holding S.A.").normalized == "acme holding")
    #expect(preparation.prepare("Siemens GmbH").normalized == "siemens")
    // A title in a company name is part of the name.
    #expect(preparation.prepare("General Electric Company").normalized == "general electric")
  }

  @Test func cyrillicNamesCarryEveryDistinctSpelling() throws {
    let name = preparation.prepare("Қасым-Жомарт Тоқаев")
    let spellings = Set(name.variants.map(\.normalized))
    #expect(spellings.contains("kasym zhomart tokaev"))
    #expect(spellings.contains("kasym zhomart tokayev"))
    #expect(spellings.contains("qasym jomart toqaev"))
    let allASCII = name.variants.allSatisfy { variant in variant.normalized.unicodeScalars.allSatisfy { $0.isASCII } }
    #expect(allASCII)
    let first = try #require(name.variants.first)
    #expect(first.scheme == .icao9303)
    #expect(first.tokens.map(\.scalars) == first.tokens.map { $0.text.unicodeScalars.map(\.value) })
  }

  @Test func latinNamesHaveOneSpelling() {
    let name = preparation.prepare("Robert Smith")
    #expect(name.variants.count == 1)
    #expect(name.variants.first?.scheme == nil)
  }

  @Test func emptyAndPunctuationOnlyNamesAreEmpty() {
    #expect(preparation.prepare("").isEmpty)
    #expect(preparation.prepare(" -., ").isEmpty)
  }

  /// Plain ASCII takes a byte-by-byte path; a trailing no-break space forces the Unicode path,
  /// which must read the same name the same way.
  @Test func asciiFastPathPreparesExactlyAsTheUnicodePath() {
    let names = [
      "IVANOV, Sergei Petrovich", "O'Brien-Smith, John", "ACME TRADING, LLC", "Sheikh Dr. Abdullah Azzam",
      "Kazakh Oil Trading Co., Ltd.", "Acme Holding S.A.", "  Abu   Bakr (al-Baghdadi)  ", "General",
      "x`y 42 Z9", "A. Bekova", "", " -., ", "MUHAMMAD, Ali Hassan Abdul",
    ]
    for name in names {
      let ascii = preparation.prepare(name)
      let unicode = preparation.prepare(name + "\u{00A0}")
      #expect(ascii.variants == unicode.variants, "\(name)")
      #expect(ascii.wasReordered == unicode.wasReordered, "\(name)")
      #expect(ascii.droppedTitles == unicode.droppedTitles, "\(name)")
      #expect(ascii.legalForms == unicode.legalForms, "\(name)")
    }
  }
}
