import Foundation
import TamgaScreening
import Testing

@Suite struct OpenSanctionsLoaderTests {
  static var folder: URL { ListsSharedData.folder("opensanctions-ftm") }
  static var hasData: Bool {
    FileManager.default.fileExists(atPath: folder.appendingPathComponent("zala_entities.ftm.json").path)
  }

  // Counted with a second JSON reader (python): 91 lines, of which 6 Person and 11 Company;
  // 14 of those 17 are targets; 221 distinct strong aliases, 7 weak, 6 dates of birth.
  @Test(.enabled(if: hasData, "needs ../shared/data/lists/opensanctions-ftm beside the package"))
  func theZalaExtractLoadsEveryParty() throws {
    let load = try OpenSanctionsLoader.loadEntities(file: Self.folder.appendingPathComponent("zala_entities.ftm.json"))
    #expect(load.rejections.isEmpty, "\(load.rejections.prefix(5))")
    #expect(load.entries.count == 17)
    #expect(load.entries.filter { $0.kind == .person }.count == 6)
    #expect(load.entries.filter { $0.kind == .entity }.count == 11)
    let aliases = load.entries.flatMap(\.aliases)
    #expect(aliases.filter { $0.quality == .strong }.count == 221)
    #expect(aliases.filter { $0.quality == .weak }.count == 7)
    #expect(load.entries.flatMap(\.birthDates).count == 6)

    let osetrova = try #require(load.entries.first { $0.id == "NK-2Tbri3s6GgNtAwsSXh4qpL" })
    #expect(osetrova.primaryName == "OSETROVA, Maria Aleksandrovna")
    #expect(osetrova.birthDates == [.exact(year: 1988, month: 1, day: 7)])
    #expect(osetrova.countries == ["ru"])
    #expect(osetrova.programs == ["UA-SA1644", "US-RUSHAR", "GB-RUS"])
    #expect(osetrova.aliases.contains(ListAlias(name: "Захарова Марія Олександрівна")))
    #expect(
      osetrova.aliases.contains(ListAlias(name: "Maria Aleksandrovna Zakharova", relation: .formerlyKnownAs)))

    let targets = try OpenSanctionsLoader.loadEntities(
      file: Self.folder.appendingPathComponent("zala_entities.ftm.json"), targetsOnly: true)
    #expect(targets.entries.count == 14)
  }

  @Test(.enabled(if: hasData, "needs ../shared/data/lists/opensanctions-ftm beside the package"))
  func theT1ExtractLoadsWithoutATrailingNewline() throws {
    let load = try OpenSanctionsLoader.loadEntities(file: Self.folder.appendingPathComponent("t1_entities.ftm.json"))
    #expect(load.rejections.isEmpty, "\(load.rejections.prefix(5))")
    #expect(load.entries.count == 6)
    #expect(load.entries.filter { $0.kind == .person }.count == 4)
    let kuzmenko = try #require(load.entries.first { $0.id == "NK-2Ka3UvopqbpZmVDFjWd4LA" })
    #expect(kuzmenko.birthDates == [.exact(year: 1971, month: 1, day: 22)])
    #expect(kuzmenko.aliases.contains { $0.name == "Виталий Юрьевич КУЗЬМЕНКО" })
  }

  @Test func sanctionsWalletsAndDatesAreResolvedAcrossLines() {
    let text = """
      {"id":"w1","schema":"CryptoWallet","properties":{"publicKey":["0xAbCdEf0123456789abcdef0123456789ABCDEF01"],"currency":["ETH"],"holder":["p1"]}}
      {"id":"p1","schema":"Person","properties":{"name":["Ivan Testov"],"weakAlias":["Vanya"],"birthDate":["1970","1971-05"],"citizenship":["ru"]}}
      {"id":"s1","schema":"Sanction","properties":{"entity":["p1"],"programId":["EU-UKR"],"listingDate":["2022-03-01"]}}
      {"id":"w2","schema":"CryptoWallet","properties":{"publicKey":["bc1qexampleexampleexampleexample0000"],"holder":["nobody"]}}
      {"id":"v1","schema":"Vessel","properties":{"name":["SEA TEST"]},"target":false}
      {"id":"a1","schema":"Address","properties":{"full":["Somewhere"]}}
      """
    let load = OpenSanctionsLoader.loadEntities(text: text, fileName: "fixture.json")
    #expect(load.rejections.isEmpty)
    #expect(load.entries.map(\.id) == ["p1", "v1", "w2"])
    let ivan = load.entries[0]
    #expect(ivan.kind == .person)
    #expect(ivan.aliases == [ListAlias(name: "Vanya", quality: .weak)])
    #expect(ivan.birthDates == [.year(1970), .yearMonth(year: 1971, month: 5)])
    #expect(ivan.countries == ["ru"])
    #expect(ivan.programs == ["EU-UKR"])
    #expect(ivan.listedOn == "2022-03-01")
    #expect(ivan.walletAddresses.map(\.normalized) == ["0xabcdef0123456789abcdef0123456789abcdef01"])
    #expect(ivan.walletAddresses.first?.chain == "ethereum")
    #expect(load.entries[1].kind == .vessel)
    let orphan = load.entries[2]
    #expect(orphan.kind == .unknown)
    #expect(orphan.walletAddresses.first?.chain == "bitcoin")

    let targets = OpenSanctionsLoader.loadEntities(text: text, fileName: "fixture.json", targetsOnly: true)
    #expect(targets.entries.map(\.id) == ["p1", "w2"])
  }

  @Test func badLinesAreRejectedWithTheirNumberNotTheirContent() {
    let text = """
      {"id":"p1","schema":"Person","properties":{"name":["Good Person"]}}
      {"id":"p2","schema":"Person","properties":{"name":["Secret Na
      [1,2,3]

      {"schema":"Person","properties":{"name":["No Id"]}}
      {"id":"p3","properties":{"name":["No Schema"]}}
      {"id":"p4","schema":"Company","properties":{}}
      {"id":"w1","schema":"CryptoWallet","properties":{}}
      """
    let load = OpenSanctionsLoader.loadEntities(text: text, fileName: "bad.json")
    #expect(load.entries.map(\.id) == ["p1"])
    #expect(load.rejections.map(\.line) == [2, 3, 5, 6, 7, 8])
    #expect(load.rejections.allSatisfy { $0.file == "bad.json" && !$0.reason.contains("Secret") })
    #expect(load.rejections[0].reason == "line is not a JSON object")
    #expect(load.rejections[2].reason == "entity without id")
  }

  @Test func aMissingFileIsAnError() throws {
    let folder = try ListsSharedData.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = folder.appendingPathComponent("none.json")
    #expect(throws: ListLoadError.fileMissing(path: missing.path)) {
      try OpenSanctionsLoader.loadEntities(file: missing)
    }
  }

  @Test func aFileLargerThanOneChunkStreamsEveryLine() throws {
    let folder = try ListsSharedData.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("big.json")
    let padding = String(repeating: "x", count: 500)
    let lines = (1...4_000).map {
      #"{"id":"p\#($0)","schema":"Company","properties":{"name":["Company \#($0)"],"notes":["\#(padding)"]}}"#
    }
    try Data(lines.joined(separator: "\r\n").utf8).write(to: file)
    let load = try OpenSanctionsLoader.loadEntities(file: file)
    #expect(load.rejections.isEmpty)
    #expect(load.entries.count == 4_000)
    #expect(load.entries.last?.primaryName == "Company 4000")
    #expect(load.sourceFiles == [file.path])
  }

  // No targets.simple.csv sample is in the shared data, so only fixtures test it.
  @Test func targetsSimpleCSVMapsColumnsByHeader() throws {
    let text = """
      id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,program_ids,dataset,first_seen,last_seen,last_change
      NK-1,Person,Ivan Testov,"Ivan T.;Иван Тестов",1970-02-03;1971,ru;ua,,,,,,EU-UKR;GB-RUS,EU FSF,2022-01-01,2024-01-01,2023-01-01
      NK-2,Company,"Test ""Trading"" LLC",,,by,,,,,,,EU FSF,,,
      NK-3,Vessel,,,,,,,,,,,EU FSF,,,
      NK-4,Person,Too Few
      """
    let load = try OpenSanctionsLoader.loadTargetsCSV(text: text, fileName: "targets.simple.csv")
    #expect(load.entries.map(\.id) == ["NK-1", "NK-2"])
    let ivan = load.entries[0]
    #expect(ivan.kind == .person)
    #expect(ivan.aliases == [ListAlias(name: "Ivan T."), ListAlias(name: "Иван Тестов")])
    #expect(ivan.birthDates == [.exact(year: 1970, month: 2, day: 3), .year(1971)])
    #expect(ivan.countries == ["ru", "ua"])
    #expect(ivan.programs == ["EU-UKR", "GB-RUS"])
    #expect(load.entries[1].primaryName == #"Test "Trading" LLC"#)
    #expect(load.rejections.map(\.line) == [4, 5])
    #expect(load.rejections[0].reason == "empty name")

    #expect(throws: ListLoadError.self) {
      try OpenSanctionsLoader.loadTargetsCSV(text: "id,name\nNK-1,X\n", fileName: "t.csv")
    }
  }
}
