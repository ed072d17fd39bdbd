import Foundation
import TamgaTravelRule
import Testing

@Suite("IVMS101 constraints")
struct IVMS101CheckTests {
  private let originator = "originator.originatorPersons[0].naturalPerson"
  private let vasp = "originatingVASP.originatingVASP.legalPerson"

  @Test func completePayloadHasNoProblems() {
    // Every test below breaks this payload in one place; it must start clean.
    #expect(Samples.ivms101Findings(Samples.payload).isEmpty)
  }

  // MARK: Names (C5, C6)

  @Test func naturalPersonWithoutLegalNameIsRefused() {
    var person = Samples.originatorPerson
    person.name.nameIdentifier[0].nameIdentifierType = .alias
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))) == [
      "ivms101.C6 @ \(originator).name",
    ])
  }

  @Test func naturalPersonWithNoNamesAtAllIsRefusedOnce() {
    var person = Samples.originatorPerson
    person.name = NaturalPersonName()
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))) == [
      "ivms101.C6 @ \(originator).name",
    ])
  }

  @Test func legalPersonWithoutLegalNameIsRefused() {
    var legal = Samples.originatingVASP
    legal.name.nameIdentifier[0].legalPersonNameIdentifierType = .tradingName
    #expect(Samples.ivms101Findings(Samples.payload(originatingVASP: legal)) == [
      "ivms101.C5 @ \(vasp).name",
    ])
  }

  @Test func blankPrimaryIdentifierIsRequired() {
    var person = Samples.originatorPerson
    person.name.nameIdentifier[0].primaryIdentifier = "  "
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))) == [
      "ivms101.required @ \(originator).name.nameIdentifier[0].primaryIdentifier",
    ])
  }

  // MARK: Originator information (C1, C4)

  @Test func naturalOriginatorWithoutAddressOrIdentifierIsRefused() {
    let person = NaturalPerson(name: Samples.originatorPerson.name)
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))) == [
      "ivms101.C1 @ \(originator)",
    ])
  }

  @Test(arguments: ["address", "customer", "national", "birth"])
  func naturalOriginatorWithAnyOneIdentifierIsAccepted(kept: String) {
    let full = Samples.originatorPerson
    var person = NaturalPerson(name: full.name)
    switch kept {
    case "address": person.geographicAddress = full.geographicAddress
    case "customer": person.customerIdentification = full.customerIdentification
    case "national": person.nationalIdentification = full.nationalIdentification
    default: person.dateAndPlaceOfBirth = full.dateAndPlaceOfBirth
    }
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))).isEmpty)
  }

  @Test func beneficiaryNeedsNoAddressOrIdentifier() {
    // C1 applies to originators only; the sample beneficiary has nothing but a name.
    #expect(Samples.payload.beneficiary.beneficiaryPersons[0].naturalPerson?.geographicAddress.isEmpty == true)
    #expect(Samples.ivms101Findings(Samples.payload).isEmpty)
  }

  @Test func legalOriginatorWithoutAddressNumberOrIdentificationIsRefused() {
    let legal = LegalPerson(name: Samples.originatingVASP.name, countryOfRegistration: "KZ")
    #expect(Samples.ivms101Findings(Samples.payload(originator: .legal(legal))) == [
      "ivms101.C4 @ originator.originatorPersons[0].legalPerson",
    ])
  }

  // MARK: Date of birth (C2)

  @Test func futureDateOfBirthIsRefused() {
    var person = Samples.originatorPerson
    person.dateAndPlaceOfBirth?.dateOfBirth = "2031-05-17"
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))) == [
      "ivms101.C2 @ \(originator).dateAndPlaceOfBirth.dateOfBirth",
    ])
  }

  @Test(arguments: [("2026-01-01", false), ("2025-12-31", true)])
  func dateOfBirthMustBeBeforeTheCheckDay(dateOfBirth: String, isAccepted: Bool) {
    var person = Samples.originatorPerson
    person.dateAndPlaceOfBirth?.dateOfBirth = dateOfBirth
    let findings = Samples.ivms101Findings(Samples.payload(originator: .natural(person)))
    #expect(findings == (isAccepted ? [] : ["ivms101.C2 @ \(originator).dateAndPlaceOfBirth.dateOfBirth"]))
  }

  @Test(arguments: ["2021-02-30", "17/05/1990", "1990-5-17", "1990-05-17T00:00:00Z"])
  func malformedDateOfBirthIsReportedAsFormat(dateOfBirth: String) {
    var person = Samples.originatorPerson
    person.dateAndPlaceOfBirth?.dateOfBirth = dateOfBirth
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))) == [
      "ivms101.dateFormat @ \(originator).dateAndPlaceOfBirth.dateOfBirth",
    ])
  }

  // MARK: Country codes (C3)

  @Test(arguments: ["United Kingdom", "gb", "UK", "GBR", "EU"])
  func countryThatIsNotAnISOCodeIsRefused(country: String) {
    var person = Samples.originatorPerson
    person.geographicAddress[0].country = country
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))) == [
      "ivms101.C3 @ \(originator).geographicAddress[0].country",
    ])
  }

  @Test func unknownCountryXXIsAccepted() {
    var person = Samples.originatorPerson
    person.countryOfResidence = "XX"
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))).isEmpty)
  }

  @Test func badCountriesAreFoundWhereverTheyAre() {
    var person = Samples.originatorPerson
    person.countryOfResidence = "Kazakhstan"
    person.nationalIdentification?.countryOfIssue = "KAZ"
    var legal = Samples.originatingVASP
    legal.countryOfRegistration = "kz"
    var payload = Samples.payload(originator: .natural(person))
    payload.originatingVASP = .legal(legal)
    #expect(Samples.ivms101Findings(payload) == [
      "ivms101.C3 @ \(originator).nationalIdentification.countryOfIssue",
      "ivms101.C3 @ \(originator).countryOfResidence",
      "ivms101.C3 @ \(vasp).countryOfRegistration",
    ])
  }

  // MARK: Legal persons' national identification (C7, C9, C10, C11)

  @Test func legalPersonWithPassportNumberIsRefused() {
    var legal = Samples.originatingVASP
    legal.nationalIdentification = NationalIdentification(
      nationalIdentifier: "N12345678", nationalIdentifierType: .passportNumber, registrationAuthority: "RA000526")
    #expect(Samples.ivms101Findings(Samples.payload(originatingVASP: legal)) == [
      "ivms101.C7 @ \(vasp).nationalIdentification.nationalIdentifierType",
    ])
  }

  @Test func legalPersonIdentificationWithCountryOfIssueIsRefused() {
    var legal = Samples.originatingVASP
    legal.nationalIdentification?.countryOfIssue = "KZ"
    #expect(Samples.ivms101Findings(Samples.payload(originatingVASP: legal)) == [
      "ivms101.C9 @ \(vasp).nationalIdentification.countryOfIssue",
    ])
  }

  @Test func legalEntityIdentifierWithRegistrationAuthorityIsRefused() {
    var legal = Samples.originatingVASP
    legal.nationalIdentification?.registrationAuthority = "RA000526"
    #expect(Samples.ivms101Findings(Samples.payload(originatingVASP: legal)) == [
      "ivms101.C9 @ \(vasp).nationalIdentification.registrationAuthority",
    ])
  }

  @Test func taxNumberWithoutRegistrationAuthorityIsRefused() {
    var legal = Samples.originatingVASP
    legal.nationalIdentification = NationalIdentification(nationalIdentifier: "990140000012", nationalIdentifierType: .taxIdentificationNumber)
    #expect(Samples.ivms101Findings(Samples.payload(originatingVASP: legal)) == [
      "ivms101.C9 @ \(vasp).nationalIdentification.registrationAuthority",
    ])
  }

  @Test func registrationAuthorityGivenAsFreeTextIsRefused() {
    var legal = Samples.originatingVASP
    legal.nationalIdentification = NationalIdentification(
      nationalIdentifier: "990140000012", nationalIdentifierType: .registrationAuthorityIdentifier,
      registrationAuthority: "Ministry of Justice")
    #expect(Samples.ivms101Findings(Samples.payload(originatingVASP: legal)) == [
      "ivms101.C10 @ \(vasp).nationalIdentification.registrationAuthority",
    ])
  }

  @Test func naturalPersonIdentificationWithRegistrationAuthorityIsRefused() {
    var person = Samples.originatorPerson
    person.nationalIdentification?.registrationAuthority = "RA000526"
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))) == [
      "ivms101.C10 @ \(originator).nationalIdentification.registrationAuthority",
    ])
  }

  @Test(arguments: [
    "506700T7Z685VUOZL878",  // last check digit changed
    "506700T7Z685VUOZL87",  // 19 characters
    "506700t7z685vuozl877",  // lower case
    "506700T7Z685VUOZL8X7",  // letter in the check digits
  ])
  func legalEntityIdentifierThatFailsISO17442IsRefused(lei: String) {
    var legal = Samples.originatingVASP
    legal.nationalIdentification?.nationalIdentifier = lei
    #expect(Samples.ivms101Findings(Samples.payload(originatingVASP: legal)) == [
      "ivms101.C11 @ \(vasp).nationalIdentification.nationalIdentifier",
    ])
  }

  @Test(arguments: ["506700T7Z685VUOZL877", "HWUPKR0MPOU8FGXBT394", "7LTWFZYICNSX8D621K86"])
  func realLegalEntityIdentifiersAreAccepted(lei: String) {
    var legal = Samples.originatingVASP
    legal.nationalIdentification?.nationalIdentifier = lei
    #expect(Samples.ivms101Findings(Samples.payload(originatingVASP: legal)).isEmpty)
  }

  // MARK: Addresses (C8)

  @Test func addressWithoutStreetAndBuildingOrLineIsRefused() {
    var person = Samples.originatorPerson
    person.geographicAddress[0].buildingNumber = nil
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))) == [
      "ivms101.C8 @ \(originator).geographicAddress[0]",
    ])
  }

  @Test func addressLineAloneLocatesTheBuilding() {
    let address = Address(addressType: .residential, townName: "Almaty", addressLine: ["Abay Avenue 52, apt 7"], country: "KZ")
    #expect(IVMS101Check(now: Samples.now).problems(in: address).isEmpty)
  }

  @Test func addressWithoutTownOrCountryIsRefused() {
    let address = Address(addressType: .business, streetName: "Abay Avenue", buildingName: "Nurly Tau")
    #expect(Samples.findings(IVMS101Check(now: Samples.now).problems(in: address)) == [
      "ivms101.required @ townName",
      "ivms101.required @ country",
    ])
  }

  @Test func tooManyAddressLinesAreRefused() {
    let address = Address(addressType: .geographic, townName: "Almaty", addressLine: ["1", "2", "3", "4"], country: "KZ")
    #expect(Samples.findings(IVMS101Check(now: Samples.now).problems(in: address)) == ["ivms101.tooLong @ addressLine"])
  }

  // MARK: Codes, required elements and lengths

  @Test func codesOutsideTheIVMS101ListsAreRefused() {
    var person = Samples.originatorPerson
    person.name.nameIdentifier.append(NaturalPersonNameIdentifier(primaryIdentifier: "Aika", nameIdentifierType: NaturalPersonNameTypeCode(rawValue: "NICK")))
    person.geographicAddress[0].addressType = AddressTypeCode(rawValue: "WORK")
    person.nationalIdentification?.nationalIdentifierType = NationalIdentifierTypeCode(rawValue: "PASS")
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))) == [
      "ivms101.unknownCode @ \(originator).name.nameIdentifier[1].nameIdentifierType",
      "ivms101.unknownCode @ \(originator).geographicAddress[0].addressType",
      "ivms101.unknownCode @ \(originator).nationalIdentification.nationalIdentifierType",
    ])
  }

  @Test func missingCodesAreRequired() {
    var person = Samples.originatorPerson
    person.name.nameIdentifier.append(NaturalPersonNameIdentifier(primaryIdentifier: "Aika", nameIdentifierType: nil))
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))) == [
      "ivms101.required @ \(originator).name.nameIdentifier[1].nameIdentifierType",
    ])
  }

  @Test func emptyAccountNumberIsRefused() {
    var payload = Samples.payload
    payload.originator.accountNumber = ["bc1qoriginator0000", ""]
    #expect(Samples.ivms101Findings(payload) == ["ivms101.required @ originator.accountNumber[1]"])
  }

  @Test func payloadWithoutPersonsIsRefused() {
    let payload = IdentityPayload(originator: Originator(), beneficiary: Beneficiary())
    #expect(Samples.ivms101Findings(payload) == [
      "ivms101.required @ originator.originatorPersons",
      "ivms101.required @ beneficiary.beneficiaryPersons",
    ])
  }

  @Test func overlongTextIsRefused() {
    var person = Samples.originatorPerson
    person.name.nameIdentifier[0].primaryIdentifier = String(repeating: "A", count: 101)
    person.customerIdentification = String(repeating: "7", count: 51)
    #expect(Samples.ivms101Findings(Samples.payload(originator: .natural(person))) == [
      "ivms101.tooLong @ \(originator).name.nameIdentifier[0].primaryIdentifier",
      "ivms101.tooLong @ \(originator).customerIdentification",
    ])
  }

  // MARK: Reporting

  @Test func everyProblemIsReportedNotJustTheFirst() {
    var person = Samples.originatorPerson
    person.name.nameIdentifier[0].nameIdentifierType = .alias
    person.geographicAddress[0].country = "Kazakhstan"
    person.dateAndPlaceOfBirth?.dateOfBirth = "2099-01-01"
    var payload = Samples.payload(originator: .natural(person))
    payload.beneficiaryVASP = Person(naturalPerson: Samples.beneficiaryPerson, legalPerson: Samples.beneficiaryVASP)
    #expect(Samples.ivms101Findings(payload) == [
      "ivms101.C6 @ \(originator).name",
      "ivms101.C3 @ \(originator).geographicAddress[0].country",
      "ivms101.C2 @ \(originator).dateAndPlaceOfBirth.dateOfBirth",
      "ivms101.personKind @ beneficiaryVASP.beneficiaryVASP",
    ])
  }

  @Test func messagesNeverRepeatPersonalData() {
    let secrets = ["Zhanargul", "Oralbekova", "N98765432", "Kyzylorda", "Baikonur Street", "2099-01-01", "Nowhereland", "Secret Holdings", "123456789ZZZZZZZZZ99"]
    var person = Samples.originatorPerson
    person.name.nameIdentifier = [NaturalPersonNameIdentifier(primaryIdentifier: "Oralbekova", secondaryIdentifier: "Zhanargul", nameIdentifierType: .maidenName)]
    person.geographicAddress = [Address(addressType: .residential, streetName: "Baikonur Street", townName: "Kyzylorda", country: "Nowhereland")]
    person.nationalIdentification = NationalIdentification(nationalIdentifier: "N98765432", nationalIdentifierType: .passportNumber, countryOfIssue: "Nowhereland", registrationAuthority: "Kyzylorda")
    person.dateAndPlaceOfBirth = DateAndPlaceOfBirth(dateOfBirth: "2099-01-01", placeOfBirth: "Kyzylorda")
    var legal = Samples.originatingVASP
    legal.name.nameIdentifier = [LegalPersonNameIdentifier(legalPersonName: "Secret Holdings", legalPersonNameIdentifierType: .shortName)]
    legal.nationalIdentification?.nationalIdentifier = "123456789ZZZZZZZZZ99"
    var payload = Samples.payload(originator: .natural(person))
    payload.originatingVASP = .legal(legal)

    let problems = IVMS101Check(now: Samples.now).problems(in: payload)
      + TravelRuleCheck().problems(in: payload, transferValueInUSDCents: 500_000, now: Samples.now)
    #expect(problems.count >= 8)
    for problem in problems {
      for secret in secrets {
        #expect(!problem.description.contains(secret), "\(problem.code) at \(problem.path) repeats personal data")
      }
    }
  }
}
