import Foundation
import TamgaScreening
import Testing

@Suite(.enabled(if: ListsSharedData.isAvailable, "needs ../shared/data/lists beside the package"))
struct OFACLegacyLoaderTests {
  // MARK: - SDN 2021

  @Test func sdn2021LoadsEveryEntryAndNoEndOfFileMarker() throws {
    let load = try OFACLegacyLoader.load(directory: ListsSharedData.folder("ofac-sdn-2021"))
    #expect(load.entries.count == 8_976)
    #expect(load.rejections.isEmpty, "\(load.rejections.prefix(5))")
    #expect(load.sourceFiles.count == 4)
    #expect(Set(load.entries.map(\.id)).count == 8_976)
    let kinds = Dictionary(grouping: load.entries, by: \.kind).mapValues(\.count)
    #expect(kinds[.person] == 4_620)
    #expect(kinds[.entity] == 3_673)
    #expect(kinds[.vessel] == 406)
    #expect(kinds[.aircraft] == 277)
    // alt.csv has 11,910 rows; every one belongs to an entry in sdn.csv.
    #expect(load.entries.reduce(0) { $0 + $1.aliases.filter { $0.quality == .strong }.count } == 11_910)
    #expect(load.entries.allSatisfy { $0.list == "ofac-sdn" })
  }

  @Test func sdn2021FindsEveryWalletMentionOnceRemarksAreJoined() throws {
    let load = try OFACLegacyLoader.load(directory: ListsSharedData.folder("ofac-sdn-2021"))
    let addresses = load.entries.flatMap(\.walletAddresses)
    // grep finds 81 "Digital Currency Address - XXX" in sdn.csv and 15 in sdn_comments.csv;
    // entry 29703 has one more whose marker is cut ("…Addres" | "s - ETH …"): 97 in all.
    #expect(addresses.count == 97)
    #expect(Set(addresses.map(\.normalized)).count == 95)
    #expect(addresses.filter { $0.asset == "XBT" }.count == 65)
    #expect(addresses.filter { $0.asset == "ETH" }.count == 10)

    let cutMarker = try #require(load.entries.first { $0.id == "29703" })
    #expect(
      cutMarker.walletAddresses.contains {
        $0.asset == "ETH" && $0.normalized == "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c"
      })
    // Entry 30518's address is cut after "1Gq" and continues in sdn_comments.csv.
    let cutAddress = try #require(load.entries.first { $0.id == "30518" })
    #expect(cutAddress.walletAddresses.map(\.original).contains("1GqChmWqGtsaLrGbHfgdrV5Nkvahtjjuxr"))
    #expect(!cutAddress.walletAddresses.map(\.original).contains("1Gq"))
  }

  @Test func sdn2021KnownEntriesReadAsTheAnalystWouldReadThem() throws {
    let load = try OFACLegacyLoader.load(directory: ListsSharedData.folder("ofac-sdn-2021"))
    let byID = Dictionary(uniqueKeysWithValues: load.entries.map { ($0.id, $0) })

    let bank = try #require(byID["306"])
    #expect(bank.primaryName == "BANCO NACIONAL DE CUBA")
    #expect(bank.kind == .entity)
    #expect(bank.programs == ["CUBA"])
    #expect(
      bank.aliases == [
        ListAlias(name: "NATIONAL BANK OF CUBA", quality: .strong),
        ListAlias(name: "BNC", quality: .weak),
      ])
    #expect(bank.countries == ["Switzerland", "Spain", "Japan", "Panama"])

    let person = try #require(byID["29702"])
    #expect(person.primaryName == "LIFSHITS, Artem Mikhaylovich")
    #expect(person.kind == .person)
    #expect(person.programs == ["CYBER2", "ELECTION-EO13848"])
    #expect(person.birthDates == [.exact(year: 1992, month: 12, day: 26)])
    #expect(person.countries == ["Russia"])
    #expect(person.walletAddresses.first?.original == "12udabs2TkX7NXCSj6KpqXfakjE52ZPLhz")
    // The 2021 list printed this ETH address one digit short; it is kept as printed, not "fixed".
    #expect(person.walletAddresses.map(\.original).contains("0xa7e5d5a720f06526557c513402f2e6b5fa20b00"))

    // A weak alias cut across the two files ("'snowsjo" | "hn'") is whole again.
    let cutAlias = try #require(byID["28263"])
    #expect(cutAlias.aliases.contains(ListAlias(name: "snowsjohn", quality: .weak)))
  }

  @Test func datesOfBirthKeepTheirPrecision() throws {
    let load = try OFACLegacyLoader.load(directory: ListsSharedData.folder("ofac-sdn-2021"))
    let dates = load.entries.flatMap(\.birthDates)
    #expect(dates.contains { if case .range = $0 { true } else { false } })
    #expect(dates.contains { if case .approximate = $0 { true } else { false } })
    #expect(dates.contains { if case .yearMonth = $0 { true } else { false } })
    #expect(dates.contains { if case .year = $0 { true } else { false } })
    // Every "DOB" phrase becomes a date: grep -o "DOB [^;\"]*" sdn.csv sdn_comments.csv | wc -l → 5,125.
    #expect(dates.count == 5_125)
  }

  // MARK: - 2025 sample: remarks continued in sdn_comments.csv

  @Test func sample2025JoinsEntry33151AcrossTheSpillOver() throws {
    let load = try OFACLegacyLoader.load(directory: ListsSharedData.folder("ofac-sdn-2025-sample"))
    #expect(load.entries.count == 17)
    // The sample was cut from a full list: 5 alias rows and 4 address rows belong to entries that
    // were left out. They are reported, not turned into entries.
    #expect(load.rejections.count == 9)
    #expect(load.rejections.allSatisfy { $0.reason.contains("not in the primary file") })
    #expect(load.rejections.filter { $0.file == "alt.csv" }.count == 5)
    let suex = try #require(load.entries.first { $0.id == "33151" })
    #expect(suex.primaryName == "SUEX OTC, S.R.O.")
    #expect(suex.walletAddresses.count == 25)
    // sdn.csv stops at "1B64QRxf"; sdn_comments.csv goes on with "aa35MVkf7sDjuGUYAP5izQt7Qi".
    #expect(suex.walletAddresses.map(\.original).contains("1B64QRxfaa35MVkf7sDjuGUYAP5izQt7Qi"))
    #expect(!suex.walletAddresses.map(\.original).contains("1B64QRxf"))
    let usdt = suex.walletAddresses.filter { $0.asset == "USDT" }
    #expect(usdt.count == 7)
    #expect(usdt.filter { $0.chain == "evm" }.count == 2)
    #expect(usdt.filter { $0.chain == "bitcoin" }.count == 5)
    #expect(suex.aliases.contains(ListAlias(name: "SUCCESSFUL EXCHANGE", quality: .weak)))
    #expect(load.entries.flatMap(\.walletAddresses).count == 32)
  }

  // MARK: - Consolidated list

  @Test func consolidatedLoadsWithItsPrefix() throws {
    let load = try OFACLegacyLoader.load(
      directory: ListsSharedData.folder("ofac-consolidated-2025-12"), prefix: "cons_")
    #expect(load.entries.count == 442)
    #expect(load.rejections.isEmpty, "\(load.rejections.prefix(5))")
    #expect(load.entries.allSatisfy { $0.list == "ofac-consolidated" })
    #expect(load.entries.filter { $0.kind == .person }.count == 79)
    let haniya = try #require(load.entries.first { $0.id == "9639" })
    #expect(haniya.birthDates == [.year(1962)])
    #expect(haniya.aliases.first == ListAlias(name: "HANIYA, Ismail", quality: .strong))
  }

  // MARK: - Damage

  @Test func commentsForUnknownEntriesAndGarbageAreRejectedNotInvented() throws {
    let sample = ListsSharedData.folder("ofac-sdn-2025-sample")
    let files = OFACLegacyFiles(
      primary: sample.appendingPathComponent("sdn.csv"),
      comments: ListsSharedData.folder("malformed").appendingPathComponent("invalidFiles_sdn_comments.csv"))
    let load = try OFACLegacyLoader.load(files: files, listName: "ofac-sdn")
    #expect(load.entries.count == 17)
    #expect(!load.entries.contains { ["12300", "15599", "15600"].contains($0.id) })
    #expect(load.rejections.count == 4)
    #expect(
      load.rejections.filter { $0.reason.contains("not in the primary file") }.map(\.line) == [1, 2, 3])
    #expect(load.rejections.prefix(3).allSatisfy { $0.column == 1 })
    let garbage = try #require(load.rejections.last)
    #expect(garbage.file == "invalidFiles_sdn_comments.csv")
    #expect(garbage.line == 4)
  }

  @Test func aFileOfAnotherFormatGivesRejectionsAndNoEntries() throws {
    let wrong = ListsSharedData.folder("malformed").appendingPathComponent("invalidFiles_csl.csv")
    let load = try OFACLegacyLoader.load(files: OFACLegacyFiles(primary: wrong), listName: "ofac-sdn")
    #expect(load.entries.isEmpty)
    #expect(!load.rejections.isEmpty)
    #expect(load.rejections.allSatisfy { $0.file == "invalidFiles_csl.csv" && $0.line > 0 })
  }

}

/// The same loader on small files written by the test: runs without the shared data.
@Suite struct OFACLegacyFixtureTests {
  @Test func aMissingFileIsNamedInTheError() throws {
    let folder = try ListsSharedData.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(throws: ListLoadError.fileMissing(path: folder.appendingPathComponent("sdn.csv").path)) {
      try OFACLegacyLoader.load(directory: folder)
    }
    let missing = folder.appendingPathComponent("nowhere.csv")
    #expect(throws: ListLoadError.fileMissing(path: missing.path)) {
      try OFACLegacyLoader.load(files: OFACLegacyFiles(primary: missing), listName: "ofac-sdn")
    }
  }

  @Test func quotedFieldsNullMarkersAndTruncationAreHandled() throws {
    let folder = try ListsSharedData.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let primary = folder.appendingPathComponent("sdn.csv")
    let text =
      "1,\"DOE, John \"\"Jack\"\"\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB circa 1970; citizen Iran.\"\r\n"
      + "x,\"BAD ID\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
      + "2,\"SHORT\",-0- \r\n"
      + "3,-0- ,-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
      + "1,\"DOE AGAIN\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
      + "4,\"ACME\",-0- ,\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"cut \r\n"
      + "\u{1A}"
    try Data(text.utf8).write(to: primary)
    let load = try OFACLegacyLoader.load(files: OFACLegacyFiles(primary: primary), listName: "ofac-sdn")
    #expect(load.entries.count == 1)
    let doe = try #require(load.entries.first)
    #expect(doe.primaryName == "DOE, John \"Jack\"")
    #expect(doe.birthDates == [.approximate(year: 1970)])
    #expect(doe.countries == ["Iran"])
    #expect(load.rejections.map(\.line) == [2, 3, 4, 5, 6])
    #expect(load.rejections.map(\.column) == [1, nil, 2, 1, 12])
    #expect(load.rejections[0].description == "sdn.csv:2:1: ent_num is not a number")
  }

  @Test func aCutJustAfterASpaceKeepsTheSpace() throws {
    let folder = try ListsSharedData.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let primary = folder.appendingPathComponent("sdn.csv")
    let comments = folder.appendingPathComponent("sdn_comments.csv")
    try Data(
      "7,\"ACME\",-0- ,\"CYBER2\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"Digital Currency Address - XBT \"\r\n"
        .utf8
    ).write(to: primary)
    try Data("7,\"bc1qdt3gml5z5n50y5hm04u2yjdphefkm0fl2zdj68; Website acme.example.\"\r\n".utf8)
      .write(to: comments)
    let load = try OFACLegacyLoader.load(
      files: OFACLegacyFiles(primary: primary, comments: comments), listName: "ofac-sdn")
    let acme = try #require(load.entries.first)
    #expect(acme.walletAddresses.map(\.original) == ["bc1qdt3gml5z5n50y5hm04u2yjdphefkm0fl2zdj68"])
    #expect(acme.walletAddresses.first?.chain == "bitcoin")
  }
}
