import Foundation
import Testing
import TamgaTestSupport

/// `tamga lists` and `tamga screen` as an analyst runs them.
@Suite struct ScreeningCommandTests {
  static let header = "list,entry_id,kind,name,aliases,date_of_birth,countries,addresses,programs,listed_on"
  static let wallet = "0x7FF9cFad3877F21d41Da833E2F775dB0569eE3D9"

  /// A store with one list loaded (snapshot 1) and an amended list loaded over it (snapshot 2).
  static func storeWithTwoSnapshots() throws -> (TemporaryDirectory, String) {
    let folder = try TemporaryDirectory()
    let store = folder.file("t.db")
    let v1 = try folder.write(
      "v1.list.csv",
      """
      \(header)
      kz,KZ-1,person,"KASYMOV, Yerlan",Ерлан Қасымов,1980-04-12,Kazakhstan,ethereum:\(wallet),TF,2025-06-01
      kz,KZ-2,person,"OMAROV, Bakhyt",,1979,Kazakhstan,,TF,2025-06-01
      kz,KZ-3,entity,Steppe Logistics LLP,,,Kazakhstan,,TF,2025-06-01

      """)
    let v2 = try folder.write(
      "v2.list.csv",
      """
      \(header)
      kz,KZ-1,person,"KASYMOV, Yerlan",Ерлан Қасымов,1980-04-12,Kazakhstan,ethereum:\(wallet),TF;SDGT,2025-06-01
      kz,KZ-3,entity,Steppe Logistics LLP,,,Kazakhstan,,TF,2025-06-01
      kz,KZ-4,person,"ABENOV, Dauren",,1991-06-14,Kazakhstan,,TF,2026-03-28

      """)
    let first = try tamga(["lists", "load", "tamga", v1, "--name", "kz", "--store", store])
    #expect(first.status == 0, "\(first.error)")
    #expect(first.output.contains("loaded kz snapshot 1"))
    #expect(first.output.contains("3 entries, 1 wallet addresses, 0 rows refused"))
    let second = try tamga(["lists", "load", "tamga", v2, "--name", "kz", "--store", store, "--at", "2026-04-01T00:00:00Z"])
    #expect(second.status == 0, "\(second.error)")
    #expect(second.output.contains("since snapshot 1: 1 added, 1 changed, 1 removed"), "\(second.output)")
    return (folder, store)
  }

  @Test func listsShowAndDiffSayWhatEachSnapshotHoldsAndWhatChanged() throws {
    let (folder, store) = try Self.storeWithTwoSnapshots()
    let show = try tamga(["lists", "show", "--store", store, "--format", "csv"])
    #expect(show.status == 0)
    let lines = show.output.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[1].hasPrefix("1,kz,no,tamga,sanctions,3,1,0,3,0,0,0,0,"))
    #expect(lines[2].hasPrefix("2,kz,yes,tamga,sanctions,3,1,0,1,1,1,0,0,2026-04-01T00:00:00Z,"))

    let entries = try tamga(["lists", "show", "kz", "--store", store])
    #expect(entries.output.contains("ABENOV, Dauren"))
    #expect(entries.output.contains("3 entries in snapshot 2 (kz)"))

    let diff = try tamga(["lists", "diff", "1", "2", "--store", store, "--format", "csv"])
    #expect(diff.status == 0, "\(diff.error)")
    #expect(
      diff.output == """
        change,list,entry_id,kind,name,fields
        added,kz,KZ-4,person,"ABENOV, Dauren",
        removed,kz,KZ-2,person,"OMAROV, Bakhyt",
        changed,kz,KZ-1,person,"KASYMOV, Yerlan",programs

        """)
    let unknown = try tamga(["lists", "diff", "1", "9", "--store", store])
    #expect(unknown.status == 1)
    #expect(unknown.error.contains("no list snapshot 9"))
    _ = folder
  }

  @Test func loadingTheSameFileAgainChangesNothing() throws {
    let (folder, store) = try Self.storeWithTwoSnapshots()
    let again = try tamga(["lists", "load", "tamga", folder.file("v2.list.csv"), "--name", "kz", "--store", store])
    #expect(again.status == 0)
    #expect(again.output.contains("already loaded as snapshot 2"))
  }

  @Test func aListThatCannotBeLoadedExits65Or66WithOneLine() throws {
    let folder = try TemporaryDirectory()
    let store = folder.file("t.db")
    let missing = try tamga(["lists", "load", "un", folder.file("none.xml"), "--store", store])
    #expect(missing.status == 66)
    #expect(missing.error.hasPrefix("tamga: error: list file missing"))
    let cut = try folder.write("cut.xml", "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>")
    let truncated = try tamga(["lists", "load", "un", cut, "--store", store])
    #expect(truncated.status == 65)
    #expect(truncated.error.split(separator: "\n").count == 1)
    let badKind = try tamga(["lists", "load", "csv", cut, "--store", store])
    #expect(badKind.status == 64)
  }

  @Test func screenNameRanksAndExplainsInTableAndJSON() throws {
    let (folder, store) = try Self.storeWithTwoSnapshots()
    let table = try tamga(["screen", "name", "Ерлан Қасымов", "--dob", "1980-04-12", "--store", store])
    #expect(table.status == 0, "\(table.error)")
    #expect(table.output.contains("KZ-1"))
    #expect(table.output.contains("agrees"))
    let json = try tamga(["screen", "name", "Yerlan Kasymov", "--store", store, "--format", "json"])
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
    #expect(parsed.first?["entry_id"] as? String == "KZ-1")
    #expect((parsed.first?["word_pairs"] as? [[String: Any]])?.isEmpty == false)
    let nobody = try tamga(["screen", "name", "Zzyzx Qwerty", "--store", store])
    #expect(nobody.output.contains("no entry scored at or above the threshold"))
    let badDate = try tamga(["screen", "name", "X", "--dob", "12/04/1980", "--store", store])
    #expect(badDate.status == 1)
    _ = folder
  }

  @Test func screenAddressFindsTheListedWalletInAnyHexCase() throws {
    let (folder, store) = try Self.storeWithTwoSnapshots()
    let hit = try tamga(["screen", "address", Self.wallet.lowercased(), "--store", store])
    #expect(hit.status == 0)
    #expect(hit.output.contains("KZ-1"))
    let miss = try tamga(["screen", "address", "0x1111111111111111111111111111111111111111", "--store", store])
    #expect(miss.output.contains("not on any loaded list"))
    _ = folder
  }

  @Test func screenBatchWritesOneResultPerRowInInputOrder() throws {
    let (folder, store) = try Self.storeWithTwoSnapshots()
    let names = try folder.write(
      "names.csv", "id,name,date_of_birth,country\nN1,Zzyzx Qwerty,,\nN2,Yerlan Kasymov,1980-04-12,KZ\nN3,,,\n")
    let jsonl = try tamga(["screen", "batch", names, "--store", store])
    #expect(jsonl.status == 0, "\(jsonl.error)")
    let rows = jsonl.output.split(separator: "\n")
    #expect(rows.count == 2)
    #expect(rows[0] == "{\"id\":\"N1\",\"line\":2,\"hits\":[]}")
    #expect(rows[1].hasPrefix("{\"id\":\"N2\",\"line\":3,\"hits\":[{\"list\":\"kz\",\"entry_id\":\"KZ-1\",\"score\":"))
    #expect(jsonl.error.contains("refused names.csv:4:2: name is empty"))
    #expect(jsonl.error.contains("screened 2 rows"))

    let out = folder.file("out.csv")
    let csv = try tamga(["screen", "batch", names, "--store", store, "--format", "csv", "--out", out])
    #expect(csv.status == 0)
    let written = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    #expect(written[0] == "id,line,hit_count,hits")
    #expect(written[1] == "N1,2,0,")
    #expect(written[2].hasPrefix("N2,3,1,kz:KZ-1:"))

    let addresses = try folder.write("addresses.csv", "address,chain\n\(Self.wallet.uppercased().replacingOccurrences(of: "0X", with: "0x")),ethereum\n")
    let byAddress = try tamga(["screen", "batch", addresses, "--store", store])
    #expect(byAddress.output.contains("\"entry_id\":\"KZ-1\""))

    let neither = try folder.write("neither.csv", "id,full_name\n1,X\n")
    let refused = try tamga(["screen", "batch", neither, "--store", store])
    #expect(refused.status == 65)
    #expect(refused.error.contains("no name or address column"))
  }

  @Test func aClearedCustomerIsRecordedOnlyForAnActiveEntry() throws {
    let (folder, store) = try Self.storeWithTwoSnapshots()
    let cleared = try tamga(["screen", "clear", "C-1", "kz:KZ-1", "--reason", "different person", "--analyst", "aigerim", "--store", store])
    #expect(cleared.status == 0, "\(cleared.error)")
    #expect(cleared.output.contains("cleared C-1 against kz:KZ-1"))
    let gone = try tamga(["screen", "clear", "C-1", "kz:KZ-2", "--reason", "x", "--store", store])
    #expect(gone.status == 1)
    #expect(gone.error.contains("not an entry of any active list snapshot"))
    _ = folder
  }
}
