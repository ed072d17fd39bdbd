import Foundation
import TamgaScreening
import Testing

@Suite struct OFACAdvancedLoaderTests {
  static var archive: URL {
    ListsSharedData.folder("ofac-sdn-advanced-2025-11-19").appendingPathComponent("sdn_advanced.xml.bz2")
  }
  static var canUnpack: Bool {
    FileManager.default.fileExists(atPath: archive.path)
      && FileManager.default.isExecutableFile(atPath: "/usr/bin/bunzip2")
  }

  /// The archive unpacked and loaded once for the whole suite: unpacking 121 MB takes a second or
  /// two, and the list must not be kept in the repository.
  static let loaded: Result<ListLoad, any Error> = Result {
    let folder = try ListsSharedData.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let xml = folder.appendingPathComponent("sdn_advanced.xml")
    guard FileManager.default.createFile(atPath: xml.path, contents: nil) else {
      throw CocoaError(.fileWriteUnknown)
    }
    let output = try FileHandle(forWritingTo: xml)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/bunzip2")
    process.arguments = ["-kc", archive.path]
    process.standardOutput = output
    try process.run()
    process.waitUntilExit()
    try output.close()
    guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
    return try OFACAdvancedLoader.load(file: xml)
  }

  // Counted on the unpacked file with grep and a second XML reader (python iterparse):
  // 18,367 DistinctParty; PartySubTypeID 1 (vessel) 1,370, 2 (aircraft) 335, 3 (entity) 9,359,
  // 4 (individual) 7,303; 761 digital currency features in 79 parties, 760 distinct per party;
  // 7,984 Birthdate features, 69 with an approximate start.
  @Test(.enabled(if: canUnpack, "needs ../shared/data/lists and /usr/bin/bunzip2"))
  func theAdvancedListLoadsEveryDistinctParty() throws {
    let load = try Self.loaded.get()
    #expect(load.rejections.isEmpty, "\(load.rejections.prefix(5))")
    #expect(load.entries.count == 18_367)
    #expect(Set(load.entries.map(\.id)).count == 18_367)
    #expect(load.entries.filter { $0.kind == .person }.count == 7_303)
    #expect(load.entries.filter { $0.kind == .entity }.count == 9_359)
    #expect(load.entries.filter { $0.kind == .vessel }.count == 1_370)
    #expect(load.entries.filter { $0.kind == .aircraft }.count == 335)
    #expect(load.entries.flatMap(\.walletAddresses).count == 760)
    #expect(load.entries.filter { !$0.walletAddresses.isEmpty }.count == 79)
    let dates = load.entries.flatMap(\.birthDates)
    #expect(dates.count == 7_984)
    #expect(dates.filter { if case .approximate = $0 { true } else { false } }.count == 69)
    #expect(load.entries.allSatisfy { !$0.programs.isEmpty && $0.listedOn?.count == 10 })
    #expect(load.entries.allSatisfy { $0.list == "ofac-sdn" })
  }

  @Test(.enabled(if: canUnpack, "needs ../shared/data/lists and /usr/bin/bunzip2"))
  func aKnownPartyWithWalletsReadsAsTheAnalystWouldReadIt() throws {
    let load = try Self.loaded.get()
    let yan = try #require(load.entries.first { $0.id == "25308" })
    #expect(yan.kind == .person)
    #expect(yan.primaryName == "YAN Xiaobing")
    #expect(yan.aliases.contains(ListAlias(name: "颜 晓兵", quality: .strong)))
    #expect(yan.aliases.contains(ListAlias(name: "ZHOU William", quality: .weak)))
    #expect(yan.birthDates == [.exact(year: 1977, month: 3, day: 25)])
    #expect(yan.programs == ["SDNTK"])
    #expect(yan.listedOn == "2019-08-21")
    #expect(yan.walletAddresses.count == 6)
    #expect(yan.walletAddresses.allSatisfy { $0.chain == "bitcoin" && $0.asset == "XBT" })
    #expect(yan.walletAddresses.first?.original == "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h")
  }

  static let fixture = """
    <?xml version="1.0" encoding="utf-8"?>
    <Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">
      <ReferenceValueSets>
        <AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType><AliasType ID="1401">F.K.A.</AliasType></AliasTypeValues>
        <FeatureTypeValues>
          <FeatureType ID="8" FeatureTypeGroupID="1">Birthdate</FeatureType>
          <FeatureType ID="345" FeatureTypeGroupID="1">Digital Currency Address - ETH</FeatureType>
        </FeatureTypeValues>
        <PartySubTypeValues>
          <PartySubType ID="1" PartyTypeID="4">Vessel</PartySubType>
          <PartySubType ID="3" PartyTypeID="2">Unknown</PartySubType>
          <PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType>
        </PartySubTypeValues>
        <PartyTypeValues><PartyType ID="1">Individual</PartyType><PartyType ID="2">Entity</PartyType></PartyTypeValues>
        <SanctionsTypeValues><SanctionsType ID="1">Program</SanctionsType></SanctionsTypeValues>
      </ReferenceValueSets>
      <DistinctParties>
        <DistinctParty FixedRef="1"><Profile ID="1" PartySubTypeID="4"><Identity ID="1">
          <Alias AliasTypeID="1403" Primary="true" LowQuality="false"><DocumentedName>
            <DocumentedNamePart><NamePartValue>TESTOV</NamePartValue></DocumentedNamePart>
            <DocumentedNamePart><NamePartValue>Ivan</NamePartValue></DocumentedNamePart>
          </DocumentedName></Alias>
          <Alias AliasTypeID="1401" Primary="false" LowQuality="false"><DocumentedName>
            <DocumentedNamePart><NamePartValue>OLDNAME</NamePartValue></DocumentedNamePart>
          </DocumentedName></Alias>
          <Alias AliasTypeID="1400" Primary="false" LowQuality="true"><DocumentedName>
            <DocumentedNamePart><NamePartValue>Vanya</NamePartValue></DocumentedNamePart>
          </DocumentedName></Alias>
        </Identity>
        <Feature FeatureTypeID="8"><FeatureVersion><DatePeriod>
          <Start Approximate="false"><From><Year>1965</Year><Month>1</Month><Day>1</Day></From><To><Year>1965</Year><Month>1</Month><Day>1</Day></To></Start>
          <End Approximate="false"><From><Year>1968</Year><Month>12</Month><Day>31</Day></From><To><Year>1968</Year><Month>12</Month><Day>31</Day></To></End>
        </DatePeriod></FeatureVersion></Feature>
        <Feature FeatureTypeID="8"><FeatureVersion><DatePeriod>
          <Start><From><Year>1970</Year><Month>1</Month><Day>1</Day></From><To><Year>1970</Year><Month>1</Month><Day>1</Day></To></Start>
          <End><From><Year>1970</Year><Month>12</Month><Day>31</Day></From><To><Year>1970</Year><Month>12</Month><Day>31</Day></To></End>
        </DatePeriod></FeatureVersion></Feature>
        <Feature FeatureTypeID="345"><FeatureVersion><VersionDetail DetailTypeID="1432">0xAbCdEf0123456789abcdef0123456789ABCDEF01</VersionDetail></FeatureVersion></Feature>
        </Profile></DistinctParty>
        <DistinctParty FixedRef="2"><Profile ID="2" PartySubTypeID="1"><Identity ID="2">
          <Alias Primary="true"><DocumentedName><DocumentedNamePart><NamePartValue>SEA TEST</NamePartValue></DocumentedNamePart></DocumentedName></Alias>
        </Identity></Profile></DistinctParty>
        <DistinctParty FixedRef="3"><Profile ID="3" PartySubTypeID="3"><Identity ID="3"></Identity></Profile></DistinctParty>
      </DistinctParties>
      <SanctionsEntries>
        <SanctionsEntry ID="1" ProfileID="1" ListID="1550">
          <EntryEvent><Comment /><Date><Year>2020</Year><Month>2</Month><Day>3</Day></Date></EntryEvent>
          <SanctionsMeasure SanctionsTypeID="1705"><Comment>ignored</Comment></SanctionsMeasure>
          <SanctionsMeasure SanctionsTypeID="1"><Comment>CYBER2</Comment></SanctionsMeasure>
        </SanctionsEntry>
      </SanctionsEntries>
    </Sanctions>
    """

  @Test func aFixtureMapsNamesDatesWalletsAndPrograms() throws {
    let folder = try ListsSharedData.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("sdn_advanced.xml")
    try Data(Self.fixture.utf8).write(to: file)
    let load = try OFACAdvancedLoader.load(file: file, listName: "ofac-sdn-test")
    #expect(load.entries.map(\.id) == ["1", "2"])
    #expect(load.rejections.map(\.reason) == ["DistinctParty without primary name"])
    let ivan = load.entries[0]
    #expect(ivan.kind == .person)
    #expect(ivan.primaryName == "TESTOV Ivan")
    #expect(
      ivan.aliases == [
        ListAlias(name: "OLDNAME", quality: .strong, relation: .formerlyKnownAs),
        ListAlias(name: "Vanya", quality: .weak),
      ])
    #expect(ivan.birthDates == [.range(from: 1965, to: 1968), .year(1970)])
    #expect(ivan.walletAddresses.map(\.chain) == ["ethereum"])
    #expect(ivan.programs == ["CYBER2"])
    #expect(ivan.listedOn == "2020-02-03")
    #expect(load.entries[1].kind == .vessel)
    #expect(load.entries[1].programs.isEmpty)
  }

  @Test func aTruncatedOrMissingFileIsAnErrorNotAPartialList() throws {
    let folder = try ListsSharedData.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cut = folder.appendingPathComponent("cut.xml")
    let bytes = Array(Self.fixture.utf8)
    try Data(bytes.prefix(bytes.count / 2)).write(to: cut)
    #expect(throws: ListLoadError.self) { try OFACAdvancedLoader.load(file: cut) }
    let missing = folder.appendingPathComponent("none.xml")
    #expect(throws: ListLoadError.fileMissing(path: missing.path)) { try OFACAdvancedLoader.load(file: missing) }
  }
}
