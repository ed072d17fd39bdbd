import TamgaScreening
import Testing

@Suite struct ScreeningBatchInputTests {
  @Test func aNamesFileGivesOneQueryPerGoodRowAndRefusesTheRest() throws {
    let input = try ScreeningBatchInput.parse(
      text: """
        id,name,date_of_birth,country
        A1,Yerlan Kasymov,1980-04-12,KZ
        A2,"Smith, John",1970,
        A3,,1970,GB
        A4,Jane Doe,12/04/1980,GB

        ,Ann Example,,
        """, fileName: "names.csv")
    guard case .names(let queries) = input.rows else { Issue.record("expected names"); return }
    #expect(queries.map(\.id) == ["A1", "A2", "7"])
    #expect(queries[0].dateOfBirth == .exact(year: 1980, month: 4, day: 12))
    #expect(queries[0].country == "KZ")
    #expect(queries[1].name == "Smith, John")
    #expect(queries[1].dateOfBirth == .year(1970))
    #expect(queries[1].country == nil)
    #expect(input.rejections.map(\.description) == [
      "names.csv:4:2: name is empty", "names.csv:5:3: date_of_birth is not YYYY, YYYY-MM or YYYY-MM-DD",
    ])
  }

  @Test func anAddressesFileGivesAddressQueries() throws {
    let input = try ScreeningBatchInput.parse(
      text: "address,chain\n0xabc,ethereum\n,tron\nTXyz,\n", fileName: "addresses.csv")
    guard case .addresses(let queries) = input.rows else { Issue.record("expected addresses"); return }
    #expect(queries.map(\.address) == ["0xabc", "TXyz"])
    #expect(queries.map(\.chain) == ["ethereum", nil])
    #expect(queries.map(\.id) == ["2", "4"])
    #expect(input.rejections.map(\.description) == ["addresses.csv:3:1: address is empty"])
  }

  @Test func aFileWithNeitherColumnOrNoHeaderIsRefusedWhole() {
    #expect(throws: ListLoadError.self) { try ScreeningBatchInput.parse(text: "id,full_name\n1,X\n", fileName: "x.csv") }
    #expect(throws: ListLoadError.self) { try ScreeningBatchInput.parse(text: "", fileName: "x.csv") }
  }

  @Test func aRowCutOffInsideQuotesIsRefused() throws {
    let input = try ScreeningBatchInput.parse(text: "name\nGood Name\n\"Cut off", fileName: "cut.csv")
    guard case .names(let queries) = input.rows else { Issue.record("expected names"); return }
    #expect(queries.map(\.name) == ["Good Name"])
    #expect(input.rejections.map(\.reason) == ["the file ends inside a quoted field"])
  }

  @Test func birthDatesAreReadAsPreciseAsWritten() {
    #expect(BirthDate(iso: "1970") == .year(1970))
    #expect(BirthDate(iso: "1970-05") == .yearMonth(year: 1970, month: 5))
    #expect(BirthDate(iso: "1970-05-12") == .exact(year: 1970, month: 5, day: 12))
    #expect(BirthDate(iso: "1970-02-30") == nil)
    #expect(BirthDate(iso: "70") == nil)
  }
}
