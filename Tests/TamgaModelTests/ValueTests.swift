import Testing
import TamgaModel

@Suite struct DecimalTextTests {
  func scaled(_ text: String, _ scale: Int, rounding: Bool) -> Int128? {
    var text = text
    return text.withUTF8 { DecimalText.scaled($0.span, to: scale, rounding: rounding) }
  }

  @Test func readsDecimalsExactlyAtAScale() {
    #expect(scaled("1000", 2, rounding: false) == 100_000)
    #expect(scaled("0.1", 8, rounding: false) == 10_000_000)
    #expect(scaled("12.5", 18, rounding: false) == 12_500_000_000_000_000_000)
    #expect(scaled(".5", 2, rounding: false) == 50)
    #expect(scaled("-3.10", 2, rounding: false) == -310)
    #expect(scaled("1.2300", 2, rounding: false) == 123)  // trailing zeros past the scale are fine
  }

  @Test func refusesDigitsFinerThanTheScaleUnlessRounding() {
    #expect(scaled("0.123", 2, rounding: false) == nil)
    #expect(scaled("0.125", 2, rounding: true) == 13)
    #expect(scaled("0.1249999", 2, rounding: true) == 12)
    #expect(scaled("999.995", 2, rounding: true) == 100_000)
  }

  @Test(arguments: ["", ".", "-", "1.2.3", "1e5", "12a", " 1", "1,000", "NaN"])
  func rejectsAnythingButDigitsAndOnePoint(text: String) {
    #expect(scaled(text, 2, rounding: true) == nil)
  }

  @Test func rejectsOverflowInsteadOfWrapping() {
    #expect(scaled(String(repeating: "9", count: 40), 0, rounding: false) == nil)
  }

  @Test func formatsUSD() {
    #expect(USD(cents: 123_456_789).formatted == "1,234,567.89")
    #expect(USD(cents: -5).plain == "-0.05")
    #expect(USD(parsing: "1000")?.cents == 100_000)
    #expect(USD(dollars: 1_000).description == "USD 1,000.00")
  }
}

@Suite struct TimestampTests {
  @Test func readsRFC3339WithOffsetsAndFractions() throws {
    let utc = try #require(Timestamp(rfc3339: "2026-03-01T09:15:00Z"))
    #expect(utc.millisecondsSinceEpoch == 1_772_356_500_000)
    #expect(Timestamp(rfc3339: "2026-03-01T14:15:00+05:00") == utc)
    #expect(Timestamp(rfc3339: "2026-03-01t09:15:00z") == utc)
    #expect(Timestamp(rfc3339: "2026-03-01 09:15:00Z") == utc)
    #expect(Timestamp(rfc3339: "2026-03-01T09:15:00.25Z")?.millisecondsSinceEpoch == 1_772_356_500_250)
    #expect(Timestamp(rfc3339: "2026-03-01T09:15:00.123456Z")?.millisecondsSinceEpoch == 1_772_356_500_123)
    #expect(utc.description == "2026-03-01T09:15:00Z")
    #expect(Timestamp(rfc3339: "1969-12-31T23:59:59Z")?.millisecondsSinceEpoch == -1000)
  }

  @Test(arguments: [
    "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T09:60:00Z",
    "2026-03-01T09:15:60Z", "2026-03-01T09:15:00", "2026-03-01T09:15:00+5:00", "2026-03-01", "2026-03-01T09:15:00.Z",
    "2026-03-01T09:15:00Zjunk",
  ])
  func rejectsImpossibleOrIncompleteTimes(text: String) {
    #expect(Timestamp(rfc3339: text) == nil)
  }

  @Test func civilDatesRoundTripAcrossCenturies() {
    for days in stride(from: -800_000 as Int64, through: 800_000, by: 997) {
      let date = CivilDate(daysSinceEpoch: days)
      #expect(date.daysSinceEpoch == days)
    }
    #expect(CivilDate(year: 2024, month: 2, day: 29).daysSinceEpoch == 19_782)
  }
}

@Suite struct AlmatyCalendarTests {
  @Test func usesUTCPlusFiveSinceMarch2024AndPlusSixBefore() throws {
    // 2026: UTC+5, so 19:00Z on the last day of a month is already the next month in Almaty.
    let lateFebruary = try #require(Timestamp(rfc3339: "2026-02-28T18:59:59Z"))
    let earlyMarch = try #require(Timestamp(rfc3339: "2026-02-28T19:00:00Z"))
    #expect(AlmatyCalendar.label(monthKey: AlmatyCalendar.monthKey(of: lateFebruary)) == "2026-02")
    #expect(AlmatyCalendar.label(monthKey: AlmatyCalendar.monthKey(of: earlyMarch)) == "2026-03")
    // 2023: UTC+6.
    let before = try #require(Timestamp(rfc3339: "2023-05-31T17:59:59Z"))
    let after = try #require(Timestamp(rfc3339: "2023-05-31T18:00:00Z"))
    #expect(AlmatyCalendar.label(monthKey: AlmatyCalendar.monthKey(of: before)) == "2023-05")
    #expect(AlmatyCalendar.label(monthKey: AlmatyCalendar.monthKey(of: after)) == "2023-06")
    // The switch itself: 2024-03-01 00:00 +06 became 2024-02-29 23:00 +05.
    let switchInstant = try #require(Timestamp(rfc3339: "2024-02-29T18:30:00Z"))
    #expect(AlmatyCalendar.localDate(of: switchInstant) == CivilDate(year: 2024, month: 2, day: 29))
    #expect(AlmatyCalendar.bounds(monthKey: AlmatyCalendar.monthKey(of: earlyMarch)).lowerBound == earlyMarch)
  }

  @Test func yearStartsAtAlmatyMidnight() throws {
    let newYear = try #require(Timestamp(rfc3339: "2026-12-31T19:00:00Z"))
    #expect(AlmatyCalendar.yearKey(of: newYear) == 2027)
    #expect(AlmatyCalendar.bounds(yearKey: 2027).lowerBound == newYear)
  }
}

@Suite struct InternTableTests {
  @Test func givesDenseStableIdsAndSurvivesGrowth() {
    var table = InternTable(capacity: 4)
    for i in 0..<10_000 { #expect(table.intern("C\(i)") == Int32(i)) }
    for i in stride(from: 0, to: 10_000, by: 7) { #expect(table.id(of: "C\(i)") == Int32(i)) }
    #expect(table.id(of: "C10000") == nil)
    #expect(table.intern("C42") == 42)
    #expect(table.key(9_999) == "C9999")
    #expect(InternTable(keys: table.keys).id(of: "C1234") == 1234)
  }
}

@Suite struct AlertIdentityTests {
  @Test func stableIDDependsOnRuleSubjectAndTriggerOnly() {
    let a = Alert.stableID(rule: "aifc.retail-cap.monthly", subject: "C1", trigger: "T1")
    #expect(a == Alert.stableID(rule: "aifc.retail-cap.monthly", subject: "C1", trigger: "T1"))
    #expect(a != Alert.stableID(rule: "aifc.retail-cap.annual", subject: "C1", trigger: "T1"))
    // The separator keeps ("C1", "T1") apart from ("C", "1T1").
    #expect(a != Alert.stableID(rule: "aifc.retail-cap.monthly", subject: "C", trigger: "1T1"))
    #expect(a.count == 34 && a.hasPrefix("A-"))
  }

  /// Stored alerts are found again by these ids: the digits must not change with the code that
  /// writes them (values worked out with an independent FNV-1a 128 implementation).
  @Test func stableIDsArePinnedLeadingZerosIncluded() {
    #expect(Alert.stableID(rule: "aifc.retail-cap.monthly", subject: "C-1", trigger: "T-1") == "A-835cdacbe86d30e897ca0ddb532d7c97")
    #expect(Alert.stableID(rule: "r", subject: "c", trigger: "59000") == "A-07e33cc4391610be4b70498108dbe26b")
  }

  @Test func explanationJSONKeepsRuleOrderAndQuotesMoney() {
    var explanation = Explanation()
    explanation.append("period", .text("2026-03"))
    explanation.append("limit", .usd(USD(dollars: 1_000)))
    explanation.append("crossed_limit", .flag(true))
    explanation.append("note", .text("quote \" and\nline"))
    #expect(explanation.json == #"{"period":"2026-03","limit":"1000.00","crossed_limit":true,"note":"quote \" and\nline"}"#)
  }

  /// The JSON is written as bytes; every kind of value, nesting, negatives, milliseconds and
  /// characters that must be escaped come out as the text forms the rest of Tamga prints.
  @Test func explanationJSONWritesEveryValueAsItsTextForm() throws {
    var nested = Explanation()
    nested.append("at", .time(try #require(Timestamp(rfc3339: "0999-01-02T03:04:05.007Z"))))
    nested.append("tab", .text("a\tb\u{01}ü"))
    var explanation = Explanation()
    explanation.append("count", .integer(-9_223_372_036_854_775_807))
    explanation.append("big", .integer(Int64.max))
    explanation.append("zero", .integer(0))
    explanation.append("owed", .usd(USD(cents: -1_234_567)))
    explanation.append("cent", .usd(USD(cents: 1)))
    explanation.append("off", .flag(false))
    explanation.append("list", .list([.integer(1), .text("x"), .list([])]))
    explanation.append("inner", .object(nested))
    explanation.append("", .text(""))
    #expect(
      explanation.json
        == #"{"count":-9223372036854775807,"big":9223372036854775807,"zero":0,"owed":"-12345.67","cent":"0.01","off":false,"#
        + #""list":[1,"x",[]],"inner":{"at":"0999-01-02T03:04:05.007Z","tab":"a\tb\u0001ü"},"":""}"#)
    #expect(Explanation(storedJSON: explanation.json).json == explanation.json)
  }

  @Test func numbersAreWrittenPaddedAndSigned() {
    func text(_ write: (inout [UInt8]) -> Void) -> String {
      var bytes: [UInt8] = []
      write(&bytes)
      return String(decoding: bytes, as: UTF8.self)
    }
    #expect(text { ASCIIText.append(Int64.min, to: &$0) } == "-9223372036854775808")
    #expect(text { ASCIIText.append(UInt64.max, width: 1, to: &$0) } == "18446744073709551615")
    #expect(text { ASCIIText.append(7, width: 3, to: &$0) } == "007")
    #expect(text { ASCIIText.append(-7, width: 2, to: &$0) } == "-07")
    #expect(text { ASCIIText.append(12_345, width: 2, to: &$0) } == "12345")
    #expect(CivilDate(year: 33, month: 2, day: 1).description == "0033-02-01")
    #expect(Timestamp(millisecondsSinceEpoch: -1).description == "1969-12-31T23:59:59.999Z")
  }
}
