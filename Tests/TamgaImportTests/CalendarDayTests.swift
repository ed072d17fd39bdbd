import TamgaImport
import Testing

@Suite struct CalendarDayTests {
  @Test func aDateWrittenYearMonthDayIsRead() throws {
    let day = try #require(CalendarDay("2026-03-01"))
    #expect((day.year, day.month, day.day) == (2026, 3, 1))
    #expect(day.description == "2026-03-01")
    #expect(AMLSimImport.defaultStartDate == day)
  }

  @Test(arguments: ["2026-02-29", "2026-13-01", "2026-00-10", "0000-01-01", "2026-3-1", "2026/03/01", "2026-03-01T00:00:00Z", ""])
  func anImpossibleOrDifferentlyWrittenDateIsRefused(_ text: String) {
    #expect(CalendarDay(text) == nil)
  }

  @Test func addingDaysCrossesMonthsLeapDaysAndYears() {
    let start = CalendarDay(year: 2026, month: 3, day: 1)!
    #expect(start.adding(days: 148)?.description == "2026-07-27")  // step 149 of the sample
    #expect(start.adding(days: 306)?.description == "2027-01-01")
    #expect(CalendarDay(year: 2024, month: 2, day: 28)!.adding(days: 1)?.description == "2024-02-29")
    #expect(CalendarDay(year: 2100, month: 2, day: 28)!.adding(days: 1)?.description == "2100-03-01")
    #expect(CalendarDay(year: 2000, month: 2, day: 28)!.adding(days: 1)?.description == "2000-02-29")
    #expect(start.adding(days: -1)?.description == "2026-02-28")
  }

  @Test func addingDaysBeyondTheYear9999GivesNoDate() {
    #expect(CalendarDay(year: 9999, month: 12, day: 31)!.adding(days: 1) == nil)
    #expect(CalendarDay(year: 1, month: 1, day: 1)!.adding(days: -1) == nil)
    #expect(CalendarDay(year: 1, month: 1, day: 1)!.adding(days: Int.max) == nil)
  }

  @Test func daysCompareInCalendarOrder() {
    #expect(CalendarDay("2026-02-28")! < CalendarDay("2026-03-01")!)
    #expect(CalendarDay("2025-12-31")! < CalendarDay("2026-01-01")!)
  }
}
