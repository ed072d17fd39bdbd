import Foundation
import TamgaScreening
import Testing

@Suite struct UNListLoaderTests {
  static var consolidated: URL {
    ListsSharedData.folder("un-2026-02").appendingPathComponent("consolidated.xml")
  }

  @Test(.enabled(if: ListsSharedData.isAvailable, "needs ../shared/data/lists beside the package"))
  func theConsolidatedListLoadsEveryIndividualAndEntity() throws {
    let load = try UNListLoader.load(file: Self.consolidated)
    #expect(load.rejections.isEmpty, "\(load.rejections.prefix(5))")
    #expect(load.entries.filter { $0.kind == .person }.count == 730)
    #expect(load.entries.filter { $0.kind == .entity }.count == 273)
    #expect(Set(load.entries.map(\.id)).count == 1_003)
    #expect(load.entries.allSatisfy { $0.list == "un-consolidated" && $0.listedOn?.count == 10 })

    // Counted with a second XML reader: 615 Low aliases, 378 names in original script,
    // 863 dates of birth that carry a value (454 full dates, 378 years, 31 ranges).
    let aliases = load.entries.flatMap(\.aliases)
    #expect(aliases.filter { $0.quality == .weak }.count == 615)
    #expect(aliases.count == 2_139 + 613 + 378)
    let dates = load.entries.flatMap(\.birthDates)
    #expect(dates.count == 863)
    #expect(dates.filter { if case .range = $0 { true } else { false } }.count == 31)
    #expect(dates.filter { if case .approximate = $0 { true } else { false } }.count == 116)
    #expect(dates.filter { if case .exact = $0 { true } else { false } }.count == 454)
    #expect(dates.filter { if case .year = $0 { true } else { false } }.count == 262)
  }

  @Test(.enabled(if: ListsSharedData.isAvailable, "needs ../shared/data/lists beside the package"))
  func aKnownIndividualReadsAsTheAnalystWouldReadIt() throws {
    let load = try UNListLoader.load(file: Self.consolidated)
    let adel = try #require(load.entries.first { $0.id == "QDi.001" })
    #expect(adel.primaryName == "MOHAMMED SALAHALDIN ABD EL HALIM ZIDANE")
    #expect(adel.kind == .person)
    #expect(adel.programs == ["Al-Qaida"])
    #expect(adel.listedOn == "2001-01-25")
    #expect(adel.countries.first == "Egypt")
    #expect(
      adel.birthDates == [.exact(year: 1963, month: 4, day: 11), .exact(year: 1960, month: 4, day: 11)])
    #expect(adel.aliases.contains(ListAlias(name: "Sayf-Al Adl", quality: .strong)))
    #expect(adel.aliases.contains(ListAlias(name: "Ibrahim al-Madani", quality: .weak)))
    #expect(adel.aliases.contains { $0.name == "محمد صلاح الدين عبدالحليم زيدان" })

    let adf = try #require(load.entries.first { $0.id == "CDe.001" })
    #expect(adf.primaryName == "ADF")
    #expect(adf.kind == .entity)
  }

  @Test func brokenOrMissingXMLIsAnErrorNotAPartialList() throws {
    let folder = try ListsSharedData.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let broken = folder.appendingPathComponent("broken.xml")
    try Data("<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>X</FIRST".utf8).write(to: broken)
    #expect(throws: ListLoadError.self) { try UNListLoader.load(file: broken) }
    let missing = folder.appendingPathComponent("none.xml")
    #expect(throws: ListLoadError.fileMissing(path: missing.path)) { try UNListLoader.load(file: missing) }
  }

  @Test func entriesWithoutReferenceOrNameAreRejected() throws {
    let folder = try ListsSharedData.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("small.xml")
    let xml = """
      <?xml version="1.0" encoding="UTF-8"?>
      <CONSOLIDATED_LIST>
        <INDIVIDUALS>
          <INDIVIDUAL>
            <FIRST_NAME>NO</FIRST_NAME><SECOND_NAME>REFERENCE</SECOND_NAME>
          </INDIVIDUAL>
          <INDIVIDUAL>
            <FIRST_NAME>JOHN</FIRST_NAME><SECOND_NAME>DOE</SECOND_NAME>
            <REFERENCE_NUMBER>XXi.001</REFERENCE_NUMBER>
            <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1970</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
            <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1971</FROM_YEAR><TO_YEAR>1973</TO_YEAR></INDIVIDUAL_DATE_OF_BIRTH>
            <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1974</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
          </INDIVIDUAL>
        </INDIVIDUALS>
        <ENTITIES>
          <ENTITY><REFERENCE_NUMBER>XXe.001</REFERENCE_NUMBER></ENTITY>
        </ENTITIES>
      </CONSOLIDATED_LIST>
      """
    try Data(xml.utf8).write(to: file)
    let load = try UNListLoader.load(file: file)
    #expect(load.entries.map(\.id) == ["XXi.001"])
    #expect(
      load.entries.first?.birthDates == [.approximate(year: 1970), .range(from: 1971, to: 1973), .year(1974)])
    #expect(load.rejections.map(\.reason) == ["entry with no REFERENCE_NUMBER", "entry with no name"])
    #expect(load.rejections.allSatisfy { $0.line > 0 })
  }
}
