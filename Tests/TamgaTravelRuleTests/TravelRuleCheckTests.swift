import Foundation
import TamgaTravelRule
import Testing

@Suite("Travel Rule completeness (FATF R.16)")
struct TravelRuleCheckTests {
  private let check = TravelRuleCheck()

  private func findings(_ payload: IdentityPayload, cents: Int) -> [String] {
    Samples.findings(check.problems(in: payload, transferValueInUSDCents: cents, now: Samples.now))
  }

  /// An originator known only by name: enough below the threshold, not at it.
  private var nameOnlyOriginator: IdentityPayload {
    Samples.payload(originator: .natural(NaturalPerson(name: Samples.originatorPerson.name)))
  }

  @Test func defaultThresholdIsOneThousandDollars() {
    #expect(TravelRuleCheck().thresholdInUSDCents == 100_000)
  }

  @Test func completePayloadPassesAtAnyValue() {
    for cents in [0, 99_999, 100_000, 1_000_000_000_00] {
      #expect(findings(Samples.payload, cents: cents).isEmpty)
    }
  }

  @Test func incompleteOriginatorIsAProblemAtTheThresholdButNotJustBelowIt() {
    #expect(findings(nameOnlyOriginator, cents: 100_000) == [
      "travelRule.originatorIdentificationMissing @ originator.originatorPersons[0].naturalPerson",
    ])
    #expect(findings(nameOnlyOriginator, cents: 99_999).isEmpty)
  }

  @Test func thresholdIsConfigurable() {
    let stricter = TravelRuleCheck(thresholdInUSDCents: 50_000)
    #expect(stricter.problems(in: nameOnlyOriginator, transferValueInUSDCents: 50_000, now: Samples.now).map(\.code) == [.originatorIdentificationMissing])
    #expect(stricter.problems(in: nameOnlyOriginator, transferValueInUSDCents: 49_999, now: Samples.now).isEmpty)
    #expect(TravelRuleCheck(thresholdInUSDCents: -5).thresholdInUSDCents == 0)
  }

  @Test func namesAndAccountNumbersAreRequiredBelowTheThreshold() {
    var payload = Samples.payload
    payload.originator.accountNumber = []
    payload.beneficiary.accountNumber = ["", "   "]
    payload.beneficiary.beneficiaryPersons[0].naturalPerson?.name.nameIdentifier[0].nameIdentifierType = .alias
    payload.originator.originatorPersons[0].naturalPerson?.name.nameIdentifier[0].primaryIdentifier = ""
    #expect(findings(payload, cents: 1) == [
      "travelRule.originatorNameMissing @ originator.originatorPersons[0].naturalPerson.name",
      "travelRule.originatorAccountNumberMissing @ originator.accountNumber",
      "travelRule.beneficiaryNameMissing @ beneficiary.beneficiaryPersons[0].naturalPerson.name",
      "travelRule.beneficiaryAccountNumberMissing @ beneficiary.accountNumber",
    ])
  }

  @Test func payloadWithoutPersonsHasNoNames() {
    let payload = IdentityPayload(
      originator: Originator(accountNumber: ["bc1q"]), beneficiary: Beneficiary(accountNumber: ["bc1r"]))
    #expect(findings(payload, cents: 1) == [
      "travelRule.originatorNameMissing @ originator.originatorPersons",
      "travelRule.beneficiaryNameMissing @ beneficiary.beneficiaryPersons",
    ])
  }

  @Test func legalPersonBeneficiaryNeedsItsRegisteredName() {
    var payload = Samples.payload
    var company = Samples.beneficiaryVASP
    company.name.nameIdentifier[0].legalPersonNameIdentifierType = .tradingName
    payload.beneficiary.beneficiaryPersons = [.legal(company)]
    #expect(findings(payload, cents: 1) == [
      "travelRule.beneficiaryNameMissing @ beneficiary.beneficiaryPersons[0].legalPerson.name",
    ])
  }

  @Test func futureDateOfBirthDoesNotIdentifyTheOriginator() {
    var person = NaturalPerson(name: Samples.originatorPerson.name)
    person.dateAndPlaceOfBirth = DateAndPlaceOfBirth(dateOfBirth: "2027-03-01", placeOfBirth: "Almaty")
    #expect(findings(Samples.payload(originator: .natural(person)), cents: 100_000) == [
      "travelRule.originatorIdentificationMissing @ originator.originatorPersons[0].naturalPerson",
    ])
    person.dateAndPlaceOfBirth?.dateOfBirth = "1990-05-17"
    #expect(findings(Samples.payload(originator: .natural(person)), cents: 100_000).isEmpty)
  }

  @Test func addressWithoutTownDoesNotIdentifyTheOriginator() {
    var person = NaturalPerson(name: Samples.originatorPerson.name)
    person.geographicAddress = [Address(addressType: .residential, streetName: "Abay Avenue", buildingNumber: "52", country: "KZ")]
    #expect(findings(Samples.payload(originator: .natural(person)), cents: 100_000) == [
      "travelRule.originatorIdentificationMissing @ originator.originatorPersons[0].naturalPerson",
    ])
    person.geographicAddress[0].townName = "Almaty"
    #expect(findings(Samples.payload(originator: .natural(person)), cents: 100_000).isEmpty)
  }

  @Test func legalOriginatorAboveTheThresholdNeedsAnIdentifier() {
    let company = LegalPerson(name: Samples.originatingVASP.name)
    #expect(findings(Samples.payload(originator: .legal(company)), cents: 250_000) == [
      "travelRule.originatorIdentificationMissing @ originator.originatorPersons[0].legalPerson",
    ])
    #expect(findings(Samples.payload(originator: .legal(company)), cents: 99_999).isEmpty)
  }

  @Test func everyJointAccountHolderIsChecked() {
    var payload = nameOnlyOriginator
    payload.originator.originatorPersons.insert(.natural(Samples.originatorPerson), at: 0)
    #expect(findings(payload, cents: 100_000) == [
      "travelRule.originatorIdentificationMissing @ originator.originatorPersons[1].naturalPerson",
    ])
  }
}
