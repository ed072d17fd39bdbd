import Foundation
import TamgaTravelRule

/// Hand-built identity data for the tests, complete and valid unless a test breaks it.
///
/// Built in code rather than copied from the fixtures, so each test can break exactly one
/// rule and expect exactly one problem.
enum Samples {
  /// 2026-01-01T00:00:00Z, the fixed moment every check in the tests is made at.
  static let now = Date(timeIntervalSince1970: 1_767_225_600)

  /// A valid LEI (its check digits verify), taken from the TRISA sample data.
  static let validLEI = "506700T7Z685VUOZL877"

  static var homeAddress: Address {
    Address(
      addressType: .residential, streetName: "Abay Avenue", buildingNumber: "52",
      postCode: "050000", townName: "Almaty", country: "KZ")
  }

  static var originatorPerson: NaturalPerson {
    NaturalPerson(
      name: NaturalPersonName(nameIdentifier: [
        NaturalPersonNameIdentifier(primaryIdentifier: "Seitkali", secondaryIdentifier: "Aigerim", nameIdentifierType: .legalName),
      ]),
      geographicAddress: [homeAddress],
      nationalIdentification: NationalIdentification(
        nationalIdentifier: "N12345678", nationalIdentifierType: .passportNumber, countryOfIssue: "KZ"),
      customerIdentification: "C-1001",
      dateAndPlaceOfBirth: DateAndPlaceOfBirth(dateOfBirth: "1990-05-17", placeOfBirth: "Almaty"),
      countryOfResidence: "KZ")
  }

  static var beneficiaryPerson: NaturalPerson {
    NaturalPerson(name: NaturalPersonName(nameIdentifier: [
      NaturalPersonNameIdentifier(primaryIdentifier: "Novak", secondaryIdentifier: "Petra", nameIdentifierType: .legalName),
    ]))
  }

  static var originatingVASP: LegalPerson {
    LegalPerson(
      name: LegalPersonName(nameIdentifier: [
        LegalPersonNameIdentifier(legalPersonName: "Tamga Exchange Ltd", legalPersonNameIdentifierType: .legalName),
      ]),
      geographicAddress: [Address(
        addressType: .business, streetName: "Mangilik El", buildingNumber: "55/19",
        townName: "Astana", country: "KZ")],
      nationalIdentification: NationalIdentification(nationalIdentifier: validLEI, nationalIdentifierType: .legalEntityIdentifier),
      countryOfRegistration: "KZ")
  }

  static var beneficiaryVASP: LegalPerson {
    LegalPerson(
      name: LegalPersonName(nameIdentifier: [
        LegalPersonNameIdentifier(legalPersonName: "Danube Digital s.r.o.", legalPersonNameIdentifierType: .legalName),
      ]),
      nationalIdentification: NationalIdentification(
        nationalIdentifier: "12345678", nationalIdentifierType: .registrationAuthorityIdentifier,
        registrationAuthority: "RA000526"),
      countryOfRegistration: "CZ")
  }

  /// A complete payload: every IVMS101 rule and the Travel Rule at any value are met.
  static var payload: IdentityPayload {
    IdentityPayload(
      originator: Originator(originatorPersons: [.natural(originatorPerson)], accountNumber: ["bc1qoriginator0000"]),
      beneficiary: Beneficiary(beneficiaryPersons: [.natural(beneficiaryPerson)], accountNumber: ["bc1qbeneficiary000"]),
      originatingVASP: .legal(originatingVASP),
      beneficiaryVASP: .legal(beneficiaryVASP))
  }

  /// The payload with its first originator person replaced.
  static func payload(originator person: Person) -> IdentityPayload {
    var payload = payload
    payload.originator.originatorPersons = [person]
    return payload
  }

  /// The payload with its originating VASP replaced.
  static func payload(originatingVASP vasp: LegalPerson) -> IdentityPayload {
    var payload = payload
    payload.originatingVASP = .legal(vasp)
    return payload
  }

  /// The problems of `payload` as `code @ path` pairs, for exact comparisons.
  static func findings(_ problems: [ValidationProblem]) -> [String] {
    problems.map { "\($0.code) @ \($0.path)" }
  }

  /// IVMS101 problems of a payload, checked at ``now``.
  static func ivms101Findings(_ payload: IdentityPayload) -> [String] {
    findings(IVMS101Check(now: now).problems(in: payload))
  }
}
