import Foundation
import TamgaTravelRule
import Testing

@Suite("TRISA and OpenVASP fixtures", .enabled(if: Fixtures.available, "shared travel-rule fixtures not found"))
struct FixtureTests {
  let check = IVMS101Check(now: Samples.now)

  // MARK: Valid fixtures

  @Test func addressFixtureIsValid() throws {
    let address = try Address(parsing: Fixtures.data("ivms101/address.json"))
    #expect(address.addressType == .residential)
    #expect(address.country == "US")
    #expect(check.problems(in: address).isEmpty)
  }

  @Test func naturalPersonFixtureIsAValidOriginator() throws {
    let person = try NaturalPerson(parsing: Fixtures.data("ivms101/natural_person.json"))
    #expect(person.name.nameIdentifier.first?.nameIdentifierType == .legalName)
    #expect(person.nationalIdentification?.nationalIdentifierType == .socialSecurityNumber)
    #expect(check.problems(in: person, as: .originator).isEmpty)
  }

  @Test func legalPersonFixtureIsAValidOriginator() throws {
    let person = try LegalPerson(parsing: Fixtures.data("ivms101/legal_person.json"))
    #expect(person.nationalIdentification?.nationalIdentifierType == .legalEntityIdentifier)
    #expect(person.customerNumber != nil)
    #expect(check.problems(in: person, as: .originator).isEmpty)
  }

  @Test func nationalIdentificationFixtureIsValidOnItsOwn() throws {
    let identification = try NationalIdentification(parsing: Fixtures.data("ivms101/national_identification.json"))
    #expect(identification.nationalIdentifierType == .drivingLicenceNumber)
    #expect(identification.registrationAuthority != nil)
    #expect(check.problems(in: identification).isEmpty)
  }

  @Test func openVASPInquiryCarriesValidIVMS101() throws {
    let payload = try IdentityPayload(parsing: Fixtures.openVASPInquiryPayload())
    #expect(payload.originator.originatorPersons.count == 1)
    #expect(payload.originatingVASP?.legalPerson != nil)
    #expect(payload.beneficiaryVASP == nil)
    #expect(check.problems(in: payload).isEmpty)
  }

  // MARK: Invalid fixtures

  @Test func personThatIsBothNaturalAndLegalIsRefused() throws {
    let person = try Person(parsing: Fixtures.data("ivms101/person_both_persons.json"))
    let findings = Samples.findings(check.problems(in: person, as: .originator))
    #expect(findings.first == "ivms101.personKind @ $")
    // Both halves are still checked, so their own defects are reported in the same pass.
    #expect(findings == [
      "ivms101.personKind @ $",
      "ivms101.C10 @ naturalPerson.nationalIdentification.registrationAuthority",
      "ivms101.C11 @ legalPerson.nationalIdentification.nationalIdentifier",
    ])
  }

  @Test func personNaturalPersonFixtureIsFlaggedForItsRegistrationAuthority() throws {
    let person = try Person(parsing: Fixtures.data("ivms101/person_natural_person.json"))
    #expect(person.naturalPerson != nil && person.legalPerson == nil)
    #expect(Samples.findings(check.problems(in: person, as: .originator)) == [
      "ivms101.C10 @ naturalPerson.nationalIdentification.registrationAuthority",
    ])
  }

  @Test func personLegalPersonFixtureIsFlaggedForItsLEICheckDigits() throws {
    let person = try Person(parsing: Fixtures.data("ivms101/person_legal_person.json"))
    #expect(person.legalPerson != nil && person.naturalPerson == nil)
    #expect(Samples.findings(check.problems(in: person, as: .originator)) == [
      "ivms101.C11 @ legalPerson.nationalIdentification.nationalIdentifier",
    ])
  }

  static let naturalPersonsWithRegistrationAuthority = [
    "ivms101.C10 @ originator.originatorPersons[0].naturalPerson.nationalIdentification.registrationAuthority",
    "ivms101.C10 @ beneficiary.beneficiaryPersons[0].naturalPerson.nationalIdentification.registrationAuthority",
  ]

  static let protobufPayloadFindings = [
    "ivms101.C10 @ originator.originatorPersons[0].naturalPerson.nationalIdentification.registrationAuthority",
    "ivms101.C3 @ beneficiary.beneficiaryPersons[0].naturalPerson.geographicAddress[0].country",
    "ivms101.C10 @ beneficiary.beneficiaryPersons[0].naturalPerson.nationalIdentification.registrationAuthority",
    "ivms101.C11 @ originatingVASP.originatingVASP.legalPerson.nationalIdentification.nationalIdentifier",
    "ivms101.C9 @ originatingVASP.originatingVASP.legalPerson.nationalIdentification.countryOfIssue",
    "ivms101.C9 @ originatingVASP.originatingVASP.legalPerson.nationalIdentification.registrationAuthority",
    "ivms101.C11 @ beneficiaryVASP.beneficiaryVASP.legalPerson.nationalIdentification.nationalIdentifier",
    "ivms101.C9 @ beneficiaryVASP.beneficiaryVASP.legalPerson.nationalIdentification.countryOfIssue",
    "ivms101.C9 @ beneficiaryVASP.beneficiaryVASP.legalPerson.nationalIdentification.registrationAuthority",
  ]

  @Test(arguments: [
    ("ivms101/identity_payload.json", naturalPersonsWithRegistrationAuthority),
    ("ivms101/identity_payload_alt.json", naturalPersonsWithRegistrationAuthority),
    ("ivms101/identity_payload.pb.json", protobufPayloadFindings),
    ("openvasp/identity.json", protobufPayloadFindings),
  ])
  func identityPayloadRoundTripsButIsFlagged(file: String, expected: [String]) throws {
    let payload = try IdentityPayload(parsing: Fixtures.data(file))
    #expect(payload.originator.originatorPersons.count == 1)
    #expect(payload.beneficiary.beneficiaryPersons.count == 1)
    #expect(payload.originatingVASP?.legalPerson != nil)
    #expect(payload.beneficiaryVASP?.legalPerson != nil)

    let reread = try IdentityPayload(parsing: payload.ivms101JSON())
    #expect(reread == payload)

    #expect(Samples.ivms101Findings(payload) == expected)
  }

  @Test func alternativeSpellingsReadAsTheStandardPayload() throws {
    let standard = try IdentityPayload(parsing: Fixtures.data("ivms101/identity_payload.json"))
    let alternative = try IdentityPayload(parsing: Fixtures.data("ivms101/identity_payload_alt.json"))
    #expect(alternative == standard)
  }

  @Test func protobufSpellingsReadAsIVMS101Codes() throws {
    let payload = try IdentityPayload(parsing: Fixtures.data("ivms101/identity_payload.pb.json"))
    let originator = try #require(payload.originator.originatorPersons.first?.naturalPerson)
    #expect(originator.name.nameIdentifier.map(\.nameIdentifierType) == [.legalName, .maidenName])
    #expect(originator.geographicAddress.first?.addressType == .residential)
    // Protobuf writes "" for unset elements; those read as absent, not as blank values.
    #expect(originator.geographicAddress.first?.buildingName == nil)
    #expect(originator.nationalIdentification?.nationalIdentifierType == .socialSecurityNumber)
    #expect(payload.originator.accountNumber == ["14HmBSwec8XrcWge9Zi1ZngNia64u3Wd2v"])
    let written = try #require(String(data: payload.ivms101JSON(), encoding: .utf8))
    #expect(written.contains("\"nameIdentifierType\":\"LEGL\""))
    #expect(!written.contains("NATURAL_PERSON_NAME_TYPE_CODE_"))
    #expect(!written.contains("originator_persons"))
  }

  @Test func openVASPInquiryLacksTheOriginatorAccountNumberAtAnyValue() throws {
    let payload = try IdentityPayload(parsing: Fixtures.openVASPInquiryPayload())
    let check = TravelRuleCheck()
    for value in [1, 99_999, 100_000, 50_000_000] {
      #expect(Samples.findings(check.problems(in: payload, transferValueInUSDCents: value, now: Samples.now)) == [
        "travelRule.originatorAccountNumberMissing @ originator.accountNumber",
      ])
    }
  }

  @Test func transactionRecordIsNotAnIdentityPayload() throws {
    // transaction.json carries the originator's wallet address as text where IVMS101 puts an object.
    let error = #expect(throws: TravelRuleError.self) {
      try IdentityPayload(parsing: Fixtures.data("openvasp/transaction.json"))
    }
    #expect(error?.kind == .unexpectedType(expected: "an object"))
    #expect(error?.path == "originator")
    #expect(error?.description.contains("14HmBSwec8XrcWge9Zi1ZngNia64u3Wd2v") == false)
  }
}
