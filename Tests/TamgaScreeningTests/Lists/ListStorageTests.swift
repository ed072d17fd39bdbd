import Foundation
import TamgaScreening
import Testing

@Suite struct ListStorageTests {
  static let full = ListEntry(
    list: "kz-afm-tf", id: "KZ-1", kind: .person, primaryName: "KASYMOV, Yerlan",
    aliases: [ListAlias(name: "Ерлан Қасымов"), ListAlias(name: "Yerik", quality: .weak, relation: .formerlyKnownAs)],
    birthDates: [.exact(year: 1980, month: 4, day: 12), .yearMonth(year: 1980, month: 4), .year(1981), .range(from: 1979, to: 1982), .approximate(year: 1980)],
    countries: ["Kazakhstan"], programs: ["TF"],
    walletAddresses: [WalletAddress(label: "ETH", address: "0x901Bb9583B24D97E995513C6778dc6888AB6870e")],
    remarks: "DOB 12 Apr 1980; \"quoted\" / slashed", listedOn: "2025-06-01")

  @Test func anEntryReadsBackFromItsStoredFormUnchanged() throws {
    let json = Self.full.canonicalJSON
    let back = try #require(ListEntry(canonicalJSON: json))
    #expect(back == Self.full)
    #expect(back.canonicalJSON == json)
    #expect(ListEntry(canonicalJSON: "{\"list\":1}") == nil)
    #expect(ListEntry(canonicalJSON: "not json") == nil)
  }

  @Test func theFingerprintChangesWithAnyFieldAndOnlyThen() {
    #expect(Self.full.fingerprint == Self.full.fingerprint)
    #expect(Self.full.fingerprint.count == 32)
    var changed = Self.full
    changed.programs.append("SDGT")
    #expect(changed.fingerprint != Self.full.fingerprint)
    changed = Self.full
    changed.aliases[1].quality = .strong
    #expect(changed.fingerprint != Self.full.fingerprint)
    #expect(FingerprintedEntry(Self.full).fingerprint == Self.full.fingerprint)
  }

  static func entry(_ id: String, _ name: String, programs: [String] = []) -> FingerprintedEntry {
    FingerprintedEntry(ListEntry(list: "l", id: id, kind: .person, primaryName: name, programs: programs))
  }

  @Test func changesAreAddedRemovedAndChangedByReference() {
    let older = [Self.entry("1", "One"), Self.entry("2", "Two"), Self.entry("3", "Three")]
    let newer = [Self.entry("3", "Three"), Self.entry("2", "Two", programs: ["X"]), Self.entry("4", "Four")]
    let changes = ListChanges(from: older, to: newer)
    #expect(changes.added.map(\.entry.id) == ["4"])
    #expect(changes.removed.map(\.entry.id) == ["1"])
    #expect(changes.changed.map(\.newer.entry.id) == ["2"])
    #expect(changes.unchangedCount == 1)
    #expect(changes.toScreen.map(\.entry.id) == ["4", "2"])
    #expect(ListChanges.changedFields(changes.changed[0].older.entry, changes.changed[0].newer.entry) == ["programs"])
  }

  @Test func aReferenceGivenTwiceCountsOnceAsItsLastOccurrence() {
    let changes = ListChanges(from: [], to: [Self.entry("1", "First"), Self.entry("1", "Second")])
    #expect(changes.added.map(\.entry.primaryName) == ["Second"])
    let same = ListChanges(from: [Self.entry("1", "A"), Self.entry("1", "A")], to: [])
    #expect(same.removed.count == 1)
  }

  @Test func changedFieldsNameEveryDifference() {
    let older = Self.full
    var newer = older
    newer.kind = .entity
    newer.primaryName = "X"
    newer.aliases = []
    newer.birthDates = []
    newer.countries = []
    newer.programs = []
    newer.walletAddresses = []
    newer.remarks = nil
    newer.listedOn = nil
    #expect(
      ListChanges.changedFields(older, newer)
        == ["kind", "name", "aliases", "date_of_birth", "countries", "programs", "addresses", "remarks", "listed_on"])
    #expect(ListChanges.changedFields(older, older).isEmpty)
  }

  @Test func countriesAreKnownByCodeAndByTheListsSpellings() {
    #expect(CountryCodes.code(of: "KZ") == "KZ")
    #expect(CountryCodes.code(of: "kaz") == "KZ")
    #expect(CountryCodes.code(of: "Kazakhstan") == "KZ")
    #expect(CountryCodes.code(of: "Russia") == "RU")
    #expect(CountryCodes.code(of: "Russian Federation") == "RU")
    #expect(CountryCodes.code(of: "Korea, North") == "KP")
    #expect(CountryCodes.code(of: "Democratic People's Republic of Korea") == "KP")
    #expect(CountryCodes.code(of: "Iran (Islamic Republic of)") == "IR")
    #expect(CountryCodes.code(of: "Côte d'Ivoire") == "CI")
    #expect(CountryCodes.code(of: "Burma") == "MM")
    #expect(CountryCodes.code(of: "undetermined") == nil)
    #expect(CountryCodes.code(of: "") == nil)
  }

  @Test func everyFormatLoadsThroughOneEntryPoint() throws {
    let folder = try ListsSharedData.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("watch.list.csv")
    try "list,entry_id,kind,name\nw,1,person,Ann Example\n".write(to: file, atomically: true, encoding: .utf8)
    #expect(try ListFormat.tamga.load(file).entries.map(\.primaryName) == ["Ann Example"])
    #expect(try ListFormat.tamga.load(folder).entries.count == 1)
    #expect(throws: ListLoadError.fileMissing(path: folder.appendingPathComponent("none.csv").path)) {
      try ListFormat.tamga.load(folder.appendingPathComponent("none.csv"))
    }
    #expect(throws: ListLoadError.self) { try ListFormat.ofacSDN.load(folder) }
    #expect(ListFormat(rawValue: "ofac-advanced") == .ofacAdvanced)
    #expect(ListFormat.allCases.map(\.defaultListName).allSatisfy { !$0.isEmpty })
  }
}
