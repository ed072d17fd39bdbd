internal import Foundation

/// ISO 3166-1 alpha-2 country codes, as IVMS101 constraint C3 requires.
///
/// Held as a fixed list rather than taken from the platform's locale data, because ICU's
/// region list also contains non-ISO codes (`EU`, `UN`, `XK`, `AC`...) and changes with
/// the operating system, and a compliance decision must not depend on the server it runs on.
enum CountryCode {
  /// `XX`, which IVMS101 allows where the country is not known.
  static let unknown = "XX"

  /// The 249 officially assigned ISO 3166-1 alpha-2 codes.
  static let assigned: Set<String> = Set(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW
    """.split(whereSeparator: \.isWhitespace).map(String.init)
  )

  /// Whether `code` is acceptable to IVMS101: an assigned code in capitals, or `XX`.
  static func isValid(_ code: String) -> Bool {
    code == unknown || assigned.contains(code)
  }
}

/// The Legal Entity Identifier format of ISO 17442, checked for IVMS101 constraint C11.
enum LegalEntityIdentifier {
  /// Whether `identifier` is 20 characters, 18 capital letters or digits then two check
  /// digits, and passes the ISO 7064 MOD 97-10 check (letters counted as 10 to 35, the
  /// whole number leaving remainder 1 when divided by 97).
  ///
  /// The check digits catch typing and transcription errors, which is why a payload
  /// whose LEI fails them should be sent back rather than screened under a wrong entity.
  static func isValid(_ identifier: String) -> Bool {
    let characters = Array(identifier.utf8)
    guard characters.count == 20 else { return false }
    var remainder = 0
    for (position, character) in characters.enumerated() {
      let isDigit = (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(character)
      let isCapital = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(character)
      // The two check digits are always digits; letters may appear only before them.
      guard isDigit || (isCapital && position < 18) else { return false }
      if isDigit {
        remainder = (remainder * 10 + Int(character - UInt8(ascii: "0"))) % 97
      } else {
        remainder = (remainder * 100 + Int(character - UInt8(ascii: "A")) + 10) % 97
      }
    }
    return remainder == 1
  }
}

/// The registration authority code format of the GLEIF Registration Authorities List.
enum RegistrationAuthorityCode {
  /// Whether `code` is `RA` followed by six digits. Whether the code is actually on the
  /// current GLEIF list cannot be checked offline; this catches free text in its place.
  static func isWellFormed(_ code: String) -> Bool {
    let characters = Array(code.utf8)
    guard characters.count == 8, characters[0] == UInt8(ascii: "R"), characters[1] == UInt8(ascii: "A") else {
      return false
    }
    return characters.dropFirst(2).allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
  }
}

/// A calendar day, as IVMS101 writes dates of birth.
struct CalendarDay: Comparable {
  let year: Int
  let month: Int
  let day: Int

  /// Reads `YYYY-MM-DD`, refusing impossible dates such as `2021-02-30`.
  init?(iso8601 text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), (1...CalendarDay.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  /// The UTC calendar day containing `instant`. UTC, because the check must give the same
  /// answer whichever server runs it; a birth date of "today" is refused in every zone.
  init(containing instant: Date) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: instant)
    year = parts.year ?? 0
    month = parts.month ?? 0
    day = parts.day ?? 0
  }

  static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }

  private static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2:
      let isLeapYear = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return isLeapYear ? 29 : 28
    case 4, 6, 9, 11:
      return 30
    default:
      return 31
    }
  }
}
