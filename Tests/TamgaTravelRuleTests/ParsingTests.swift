import Foundation
import TamgaTravelRule
import Testing

@Suite("Reading and writing IVMS101 JSON")
struct ParsingTests {
  private func parse(_ json: String) throws(TravelRuleError) -> IdentityPayload {
    try IdentityPayload(parsing: Data(json.utf8))
  }

  @Test func handBuiltPayloadRoundTrips() throws {
    let payload = Samples.payload
    let written = try payload.ivms101JSON()
    #expect(try IdentityPayload(parsing: written) == payload)
    let text = try #require(String(data: written, encoding: .utf8))
    // The standard's wrapper objects around the VASPs are written back.
    #expect(text.contains("\"originatingVASP\":{\"originatingVASP\":{\"legalPerson\""))
    #expect(text.contains("\"addressType\":\"HOME\""))
  }

  @Test func brokenJSONIsReportedAsNotJSON() {
    let error = #expect(throws: TravelRuleError.self) {
      try parse(#"{"originator": {"originatorPersons": [{"naturalPerson": "#)
    }
    #expect(error?.kind == .notJSON)
    #expect(error?.path == "$")
  }

  @Test func wrongKindOfValueIsReportedWithItsPath() {
    let error = #expect(throws: TravelRuleError.self) {
      try parse(#"""
        {"originator": {"originatorPersons": [{"naturalPerson": {"name": 4242424242}}]},
         "beneficiary": {}}
        """#)
    }
    #expect(error?.kind == .unexpectedType(expected: "an object"))
    #expect(error?.path == "originator.originatorPersons[0].naturalPerson.name")
    #expect(error?.description.hasPrefix("originator.originatorPersons[0].naturalPerson.name should hold an object") == true)
    #expect(error?.description.contains("4242424242") == false)
  }

  @Test func numberAmongAccountNumbersIsReportedWithItsIndex() {
    let error = #expect(throws: TravelRuleError.self) {
      try parse(#"{"originator": {"accountNumber": ["bc1q", 17]}, "beneficiary": {}}"#)
    }
    #expect(error?.kind == .unexpectedType(expected: "text"))
    #expect(error?.path == "originator.accountNumber[1]")
  }

  @Test func pathsUseTheDocumentsOwnSpelling() {
    let error = #expect(throws: TravelRuleError.self) {
      try parse(#"{"originator": {"originator_persons": [{"natural_person": {"geographic_addresses": {}}}]}, "beneficiary": {}}"#)
    }
    #expect(error?.kind == .unexpectedType(expected: "a list"))
    #expect(error?.path == "originator.originator_persons[0].natural_person.geographic_addresses")
  }

  @Test func documentWithoutBeneficiaryIsNotAnIdentityPayload() {
    let error = #expect(throws: TravelRuleError.self) {
      try parse(#"{"originator": {}}"#)
    }
    #expect(error?.kind == .missingElement)
    #expect(error?.path == "beneficiary")
  }

  @Test func listAtTheTopIsNotAnIdentityPayload() {
    let error = #expect(throws: TravelRuleError.self) { try parse("[]") }
    #expect(error?.kind == .unexpectedType(expected: "an object"))
    #expect(error?.path == "$")
  }

  @Test func emptyInputIsNotJSON() {
    let error = #expect(throws: TravelRuleError.self) { try parse("") }
    #expect(error?.kind == .notJSON)
  }

  @Test func deeplyNestedInputIsRefusedWithoutCrashing() {
    let depth = 100_000
    let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
    #expect(throws: TravelRuleError.self) {
      try parse(#"{"padding": \#(nested), "originator": {}, "beneficiary": {}}"#)
    }
  }

  @Test func unknownElementsAreIgnored() throws {
    let plain = try parse(#"""
      {"originator": {"originatorPersons": [{"naturalPerson": {"name": {"nameIdentifier": [
         {"primaryIdentifier": "Seitkali", "nameIdentifierType": "LEGL"}]}}}], "accountNumber": ["bc1q"]},
       "beneficiary": {"accountNumber": ["bc1r"]}}
      """#)
    let extended = try parse(#"""
      {"originator": {"originatorPersons": [{"naturalPerson": {"nickname": "Aika", "name": {"nameIdentifier": [
         {"primaryIdentifier": "Seitkali", "nameIdentifierType": "LEGL", "script": "Latn"}]}}}], "accountNumber": ["bc1q"]},
       "beneficiary": {"accountNumber": ["bc1r"]},
       "transferPath": {"transferPath": []}, "payloadMetadata": {"transliterationMethod": []}}
      """#)
    #expect(plain.originator.originatorPersons.first?.naturalPerson?.name.nameIdentifier.first?.primaryIdentifier == "Seitkali")
    #expect(extended == plain)
  }

  @Test func nullAndEmptyTextReadAsAbsent() throws {
    let address = try Address(parsing: Data(#"""
      {"addressType": "HOME", "streetName": null, "buildingName": "", "addressLine": null, "townName": "Almaty", "country": "KZ"}
      """#.utf8))
    #expect(address.streetName == nil)
    #expect(address.buildingName == nil)
    #expect(address.addressLine.isEmpty)
    #expect(address.townName == "Almaty")
  }

  @Test func unknownCodeIsKeptForValidationRatherThanRefused() throws {
    let address = try Address(parsing: Data(#"{"addressType": "WORK", "addressLine": ["1 Main St"], "townName": "Almaty", "country": "KZ"}"#.utf8))
    #expect(address.addressType == AddressTypeCode(rawValue: "WORK"))
    #expect(address.addressType?.isDefined == false)
    #expect(Samples.findings(IVMS101Check(now: Samples.now).problems(in: address)) == ["ivms101.unknownCode @ addressType"])
  }

  @Test func personWithoutEitherKindStillParses() throws {
    let person = try Person(parsing: Data("{}".utf8))
    #expect(person.naturalPerson == nil && person.legalPerson == nil)
    #expect(Samples.findings(IVMS101Check(now: Samples.now).problems(in: person, as: .beneficiary)) == ["ivms101.personKind @ $"])
  }

  @Test func unwrappedVASPIsReadRatherThanDropped() throws {
    let payload = try parse(#"""
      {"originator": {}, "beneficiary": {},
       "originatingVASP": {"legalPerson": {"name": {"nameIdentifier": [
         {"legalPersonName": "Tamga Exchange Ltd", "legalPersonNameIdentifierType": "LEGL"}]}}}}
      """#)
    #expect(payload.originatingVASP?.legalPerson?.name.nameIdentifier.first?.legalPersonName == "Tamga Exchange Ltd")
  }
}
