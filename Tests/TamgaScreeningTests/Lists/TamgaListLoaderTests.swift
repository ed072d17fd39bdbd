import Foundation
import TamgaScreening
import Testing

@Suite struct TamgaListLoaderTests {
  static let header = "list,entry_id,kind,name,aliases,date_of_birth,countries,addresses,programs,listed_on\n"

  private func write(_ text: String, named name: String = "watch.list.csv") throws -> (folder: URL, file: URL)
  {
    let folder = try ListsSharedData.temporaryFolder()
    let file = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: file)
    return (folder, file)
  }

  @Test func aWellFormedRowBecomesAnEntryWithEveryField() throws {
    let (folder, file) = try write(
      Self.header
        + "kz-internal,K-1,person,\"ABENOV, Serik\",Serik Abenov; S. Abenov,1980-03-15,KZ; RU,"
        + "bitcoin:BC1QVHNFKNW852EPHXYC5HM4Q520ZMVF9MAPHETC9Z; ethereum:0x901Bb9583B24D97E995513C6778dc6888AB6870e,"
        + "FRAUD,2025-01-31\n")
    defer { try? FileManager.default.removeItem(at: folder) }
    let load = try TamgaListLoader.load(file: file)
    #expect(load.rejections.isEmpty)
    #expect(load.sourceFiles == [file.path])
    let entry = try #require(load.entries.first)
    #expect(entry.list == "kz-internal")
    #expect(entry.id == "K-1")
    #expect(entry.kind == .person)
    #expect(entry.primaryName == "ABENOV, Serik")
    #expect(entry.aliases.map(\.name) == ["Serik Abenov", "S. Abenov"])
    #expect(entry.birthDates == [.exact(year: 1980, month: 3, day: 15)])
    #expect(entry.countries == ["KZ", "RU"])
    #expect(entry.programs == ["FRAUD"])
    #expect(entry.listedOn == "2025-01-31")
    #expect(entry.walletAddresses.map(\.chain) == ["bitcoin", "ethereum"])
    #expect(
      entry.walletAddresses.map(\.normalized) == [
        "bc1qvhnfknw852ephxyc5hm4q520zmvf9maphetc9z", "0x901bb9583b24d97e995513c6778dc6888ab6870e",
      ])
  }

  @Test func columnsAreFoundByNameNotPosition() throws {
    let load = try TamgaListLoader.load(
      text: "name,kind,entry_id,list,extra_note\nACME LLP,entity,E-9,kz-internal,ignored\n",
      fileName: "reordered.list.csv")
    #expect(load.rejections.isEmpty)
    let entry = try #require(load.entries.first)
    #expect(entry.primaryName == "ACME LLP")
    #expect(entry.kind == .entity)
    #expect(entry.id == "E-9")
    #expect(entry.birthDates.isEmpty)
    #expect(entry.listedOn == nil)
  }

  @Test func badRowsAreRejectedWithLineAndReasonWhileGoodRowsLoad() throws {
    let text =
      Self.header
      + "l,1,person,Good One,,1970,,,,\n"  // line 2
      + "l,2,spaceship,Bad Kind,,,,,,\n"  // line 3
      + "l,3,person,Bad Date,,1970-13-01,,,,\n"  // line 4
      + "l,4,person,Bad Address,,,,bc1qxyz,,\n"  // line 5
      + "l,5,entity,,,,,,,\n"  // line 6
      + "l,6,entity,Too Few\n"  // line 7
      + "l,1,person,Repeated,,,,,,\n"  // line 8
      + "l,7,entity,Bad Listing,,,,,,31/01/2025\n"  // line 9
      + "\n"
      + "l,8,vessel,Good Two,,,,tron:TXmVpin5vq5gdZsciyyjdZgKRUju4st1wM,,\n"  // line 11
    let load = try TamgaListLoader.load(text: text, fileName: "hand.list.csv")
    #expect(load.entries.map(\.id) == ["1", "8"])
    #expect(load.entries.first?.birthDates == [.year(1970)])
    #expect(load.rejections.map(\.line) == [3, 4, 5, 6, 7, 8, 9])
    #expect(load.rejections.allSatisfy { $0.file == "hand.list.csv" })
    // Columns point at the field (kind 3, date_of_birth 6, addresses 8, name 4, entry_id 2,
    // listed_on 10); a short row has no single column at fault.
    #expect(load.rejections.map(\.column) == [3, 6, 8, 4, nil, 2, 10])
    #expect(load.rejections[1].reason.contains("date_of_birth"))
    #expect(load.rejections[2].reason == "address 1 is not chain:address")
    #expect(load.rejections[6].reason.contains("listed_on"))
    // Reasons name fields, never values: row data is personal data and ends up in logs.
    for (rejection, value) in zip(
      load.rejections, ["spaceship", "1970-13-01", "bc1qxyz", "", "", "", "31/01/2025"])
    where !value.isEmpty {
      #expect(!rejection.description.contains(value))
    }
  }

  @Test func aByteOrderMarkBeforeTheHeaderIsTolerated() throws {
    let bom = try TamgaListLoader.load(
      text: "\u{FEFF}" + Self.header + "l,1,entity,ACME,,,,,,\n", fileName: "bom.list.csv")
    #expect(bom.entries.count == 1)
    // Stray BOM bytes mangled into replacement characters, as in malformed/person_list_with_bom.csv.
    let mangled = try TamgaListLoader.load(
      text: "\u{FFFD}\u{FFFD}\u{FFFD}" + Self.header + "l,1,entity,ACME,,,,,,\n", fileName: "mangled.list.csv"
    )
    #expect(mangled.entries.count == 1)
    #expect(mangled.rejections.isEmpty)
  }

  @Test func aHeaderWithoutRequiredColumnsStopsTheLoad() {
    #expect(throws: ListLoadError.self) {
      try TamgaListLoader.load(text: "who,what\nx,y\n", fileName: "odd.list.csv")
    }
    #expect(
      throws: ListLoadError.headerInvalid(
        file: "empty.list.csv", reason: "file is empty, expected a header row")
    ) {
      try TamgaListLoader.load(text: "", fileName: "empty.list.csv")
    }
  }

  @Test func aFolderLoadsEveryListFileInNameOrder() throws {
    let folder = try ListsSharedData.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data((Self.header + "b,1,entity,B CORP,,,,,,\n").utf8).write(
      to: folder.appendingPathComponent("b.list.csv"))
    try Data((Self.header + "a,1,entity,A CORP,,,,,,\n").utf8).write(
      to: folder.appendingPathComponent("a.list.csv"))
    try Data("not a list".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    let load = try TamgaListLoader.load(directory: folder)
    #expect(load.entries.map(\.list) == ["a", "b"])
    #expect(load.sourceFiles.count == 2)
  }

  @Test(.enabled(if: ListsSharedData.isAvailable, "needs ../shared/data/lists beside the package"))
  func theStrayBOMPersonListIsNotATamgaListAndSaysSo() throws {
    let file = ListsSharedData.folder("malformed").appendingPathComponent("person_list_with_bom.csv")
    do {
      _ = try TamgaListLoader.load(file: file)
      Issue.record("a file of another format must not load")
    } catch {
      guard case .headerInvalid(let name, let reason) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(name == "person_list_with_bom.csv")
      // The stray bytes are gone from the first column name reported to the analyst.
      #expect(reason.contains("found tracking_number,"))
      #expect(reason.contains("missing column(s) list, entry_id, kind"))
    }
  }
}
