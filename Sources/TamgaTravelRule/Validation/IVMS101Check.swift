public import Foundation

/// The part a person plays in a transfer, which decides the rules that apply to it.
///
/// IVMS101 asks more of originators than of anyone else (constraints C1 and C4), because
/// the beneficiary VASP must be able to tell the sender apart from namesakes.
public enum PartyRole: Hashable, Sendable {
  /// A sender of the transfer.
  case originator
  /// A receiver of the transfer.
  case beneficiary
  /// The VASP sending the transfer.
  case originatingVASP
  /// The VASP receiving the transfer.
  case beneficiaryVASP
}

/// Checks identity data against the IVMS101 (2020) data model and its constraints C1–C11.
///
/// Returns every problem found rather than stopping at the first, each with a stable
/// ``ProblemCode`` citing the constraint, the path of the element, and a message saying
/// what to ask the counterparty for. Constraint C12 (transfer path sequence) is not
/// checked because transfer paths are not modelled.
public struct IVMS101Check: Sendable {
  /// The moment the check is made; dates of birth must fall before its (UTC) calendar day.
  /// Passed in rather than read from the clock so that a review can be reproduced later.
  public let now: Date

  /// The most address lines accepted in one address. IVMS101 (2020) allows seven; three
  /// is the limit this project applies, so longer free-format addresses are flagged.
  public static let maximumAddressLines = 3

  /// Creates a check made at `now`.
  public init(now: Date) {
    self.now = now
  }

  /// Every IVMS101 problem in a whole identity payload.
  public func problems(in payload: IdentityPayload) -> [ValidationProblem] {
    var findings = Findings(today: CalendarDay(containing: now))
    findings.check(payload)
    return findings.problems
  }

  /// Every IVMS101 problem in one person playing `role`; paths start at the person (`$`).
  public func problems(in person: Person, as role: PartyRole) -> [ValidationProblem] {
    var findings = Findings(today: CalendarDay(containing: now))
    findings.check(person, as: role, at: .root)
    return findings.problems
  }

  /// Every IVMS101 problem in one natural person playing `role`.
  public func problems(in person: NaturalPerson, as role: PartyRole) -> [ValidationProblem] {
    var findings = Findings(today: CalendarDay(containing: now))
    findings.check(person, as: role, at: .root)
    return findings.problems
  }

  /// Every IVMS101 problem in one legal person playing `role`.
  public func problems(in person: LegalPerson, as role: PartyRole) -> [ValidationProblem] {
    var findings = Findings(today: CalendarDay(containing: now))
    findings.check(person, as: role, at: .root)
    return findings.problems
  }

  /// Every IVMS101 problem in one address.
  public func problems(in address: Address) -> [ValidationProblem] {
    var findings = Findings(today: CalendarDay(containing: now))
    findings.check(address, at: .root)
    return findings.problems
  }

  /// The IVMS101 problems of a national identification that do not depend on its holder.
  ///
  /// Rules that differ between natural and legal persons (C7, C9, and registration
  /// authorities on natural persons) are checked only when the identification is checked
  /// as part of its person.
  public func problems(in identification: NationalIdentification) -> [ValidationProblem] {
    var findings = Findings(today: CalendarDay(containing: now))
    findings.check(identification, heldBy: nil, at: .root)
    return findings.problems
  }
}

/// Whether a value carries no information: absent, empty, or only whitespace.
func isBlank(_ text: String?) -> Bool {
  text?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ?? true
}

/// Who holds a national identification, when known.
private enum Holder {
  case natural
  case legal
}

/// The problems found so far in one check, in document order.
private struct Findings {
  let today: CalendarDay
  private(set) var problems: [ValidationProblem] = []

  init(today: CalendarDay) {
    self.today = today
  }

  private mutating func add(_ code: ProblemCode, at path: ElementPath, _ message: String) {
    problems.append(ValidationProblem(code: code, path: path.description, message: message))
  }

  // MARK: Payload

  mutating func check(_ payload: IdentityPayload) {
    let originator = ElementPath.root.element("originator")
    if payload.originator.originatorPersons.isEmpty {
      add(.requiredElementMissing, at: originator.element("originatorPersons"),
          "No originator person is given; IVMS101 requires at least one. Ask the originating VASP for the account holder.")
    }
    for (index, person) in payload.originator.originatorPersons.enumerated() {
      check(person, as: .originator, at: originator.element("originatorPersons").item(index))
    }
    checkAccountNumbers(payload.originator.accountNumber, at: originator.element("accountNumber"))

    let beneficiary = ElementPath.root.element("beneficiary")
    if payload.beneficiary.beneficiaryPersons.isEmpty {
      add(.requiredElementMissing, at: beneficiary.element("beneficiaryPersons"),
          "No beneficiary person is given; IVMS101 requires at least one. Ask the originating VASP who is to receive the transfer.")
    }
    for (index, person) in payload.beneficiary.beneficiaryPersons.enumerated() {
      check(person, as: .beneficiary, at: beneficiary.element("beneficiaryPersons").item(index))
    }
    checkAccountNumbers(payload.beneficiary.accountNumber, at: beneficiary.element("accountNumber"))

    if let vasp = payload.originatingVASP {
      check(vasp, as: .originatingVASP, at: ElementPath.root.element("originatingVASP").element("originatingVASP"))
    }
    if let vasp = payload.beneficiaryVASP {
      check(vasp, as: .beneficiaryVASP, at: ElementPath.root.element("beneficiaryVASP").element("beneficiaryVASP"))
    }
  }

  private mutating func checkAccountNumbers(_ accountNumbers: [String], at path: ElementPath) {
    for (index, accountNumber) in accountNumbers.enumerated() {
      if isBlank(accountNumber) {
        add(.requiredElementMissing, at: path.item(index),
            "This account number is empty. Ask for the account or wallet address, or for the entry to be removed.")
      } else {
        checkLength(accountNumber, atMost: 100, at: path.item(index))
      }
    }
  }

  // MARK: Persons

  mutating func check(_ person: Person, as role: PartyRole, at path: ElementPath) {
    switch (person.naturalPerson, person.legalPerson) {
    case (nil, nil):
      add(.personKind, at: path,
          "This person is neither a natural person nor a legal person; IVMS101 requires exactly one. Ask the sender to resend the party's details.")
    case (.some, .some):
      add(.personKind, at: path,
          "This person is given both as a natural person and as a legal person; IVMS101 allows exactly one. Ask the sender which the party is; both versions are checked below.")
    default:
      break
    }
    if let natural = person.naturalPerson {
      check(natural, as: role, at: path.element("naturalPerson"))
    }
    if let legal = person.legalPerson {
      check(legal, as: role, at: path.element("legalPerson"))
    }
  }

  mutating func check(_ person: NaturalPerson, as role: PartyRole, at path: ElementPath) {
    let name = path.element("name")
    if !person.name.nameIdentifier.contains(where: { $0.nameIdentifierType == .legalName }) {
      add(.legalNamePresentNaturalPerson, at: name,
          "No name is marked as the legal name (LEGL); IVMS101 C6 requires one for every natural person, and screening relies on it. Ask for the person's legal name.")
    }
    checkNames(person.name.nameIdentifier, at: name.element("nameIdentifier"))
    checkNames(person.name.localNameIdentifier, at: name.element("localNameIdentifier"))
    checkNames(person.name.phoneticNameIdentifier, at: name.element("phoneticNameIdentifier"))

    for (index, address) in person.geographicAddress.enumerated() {
      check(address, at: path.element("geographicAddress").item(index))
    }
    if let identification = person.nationalIdentification {
      check(identification, heldBy: .natural, at: path.element("nationalIdentification"))
    }
    if let customerIdentification = person.customerIdentification {
      checkLength(customerIdentification, atMost: 50, at: path.element("customerIdentification"))
    }
    if let birth = person.dateAndPlaceOfBirth {
      check(birth, at: path.element("dateAndPlaceOfBirth"))
    }
    if let country = person.countryOfResidence {
      checkCountry(country, at: path.element("countryOfResidence"))
    }

    if role == .originator {
      let isIdentifiable = !person.geographicAddress.isEmpty
        || !isBlank(person.customerIdentification)
        || person.nationalIdentification != nil
        || person.dateAndPlaceOfBirth != nil
      if !isIdentifiable {
        add(.originatorInformationNaturalPerson, at: path,
            "A natural-person originator needs at least one of geographic address, customer identification, national identification, or date and place of birth (IVMS101 C1); none is given. Ask the originating VASP for one.")
      }
    }
  }

  mutating func check(_ person: LegalPerson, as role: PartyRole, at path: ElementPath) {
    let name = path.element("name")
    if !person.name.nameIdentifier.contains(where: { $0.legalPersonNameIdentifierType == .legalName }) {
      add(.legalNamePresentLegalPerson, at: name,
          "No name is marked as the legal name (LEGL); IVMS101 C5 requires the registered name of every legal person. Ask for the entity's registered name.")
    }
    checkNames(person.name.nameIdentifier, at: name.element("nameIdentifier"))
    checkNames(person.name.localNameIdentifier, at: name.element("localNameIdentifier"))
    checkNames(person.name.phoneticNameIdentifier, at: name.element("phoneticNameIdentifier"))

    for (index, address) in person.geographicAddress.enumerated() {
      check(address, at: path.element("geographicAddress").item(index))
    }
    if let customerNumber = person.customerNumber {
      checkLength(customerNumber, atMost: 50, at: path.element("customerNumber"))
    }
    if let identification = person.nationalIdentification {
      check(identification, heldBy: .legal, at: path.element("nationalIdentification"))
    }
    if let country = person.countryOfRegistration {
      checkCountry(country, at: path.element("countryOfRegistration"))
    }

    if role == .originator {
      let isIdentifiable = !person.geographicAddress.isEmpty
        || !isBlank(person.customerNumber)
        || person.nationalIdentification != nil
      if !isIdentifiable {
        add(.originatorInformationLegalPerson, at: path,
            "A legal-person originator needs at least one of geographic address, customer number, or national identification (IVMS101 C4); none is given. Ask the originating VASP for one.")
      }
    }
  }

  // MARK: Names

  private mutating func checkNames(_ names: [NaturalPersonNameIdentifier], at path: ElementPath) {
    for (index, name) in names.enumerated() {
      let item = path.item(index)
      if isBlank(name.primaryIdentifier) {
        add(.requiredElementMissing, at: item.element("primaryIdentifier"),
            "This name has no primary identifier (family name, or the whole name if it cannot be split). Ask for the name in full.")
      } else {
        checkLength(name.primaryIdentifier, atMost: 100, at: item.element("primaryIdentifier"))
      }
      if let secondary = name.secondaryIdentifier {
        checkLength(secondary, atMost: 100, at: item.element("secondaryIdentifier"))
      }
      checkCode(name.nameIdentifierType, at: item.element("nameIdentifierType"))
    }
  }

  private mutating func checkNames(_ names: [LegalPersonNameIdentifier], at path: ElementPath) {
    for (index, name) in names.enumerated() {
      let item = path.item(index)
      if isBlank(name.legalPersonName) {
        add(.requiredElementMissing, at: item.element("legalPersonName"),
            "This entry has no name. Ask for the entity's name.")
      } else {
        checkLength(name.legalPersonName, atMost: 100, at: item.element("legalPersonName"))
      }
      checkCode(name.legalPersonNameIdentifierType, at: item.element("legalPersonNameIdentifierType"))
    }
  }

  // MARK: Address

  mutating func check(_ address: Address, at path: ElementPath) {
    checkCode(address.addressType, at: path.element("addressType"))

    let hasAddressLine = address.addressLine.contains { !isBlank($0) }
    let hasStreetAndBuilding = !isBlank(address.streetName)
      && (!isBlank(address.buildingNumber) || !isBlank(address.buildingName))
    if !hasAddressLine && !hasStreetAndBuilding {
      add(.validAddress, at: path,
          "This address has neither an address line nor a street name with a building number or name (IVMS101 C8), so it does not locate the party. Ask for the full address.")
    }
    if isBlank(address.townName) {
      add(.requiredElementMissing, at: path.element("townName"),
          "This address has no town name. Ask for the town or city.")
    }
    if isBlank(address.country) {
      add(.requiredElementMissing, at: path.element("country"),
          "This address has no country. Ask for the two-letter ISO 3166-1 country code.")
    } else if let country = address.country {
      checkCountry(country, at: path.element("country"))
    }

    if address.addressLine.count > IVMS101Check.maximumAddressLines {
      add(.tooLong, at: path.element("addressLine"),
          "This address has more than \(IVMS101Check.maximumAddressLines) address lines. Ask for the address in structured elements or fewer lines.")
    }
    for (index, line) in address.addressLine.enumerated() {
      checkLength(line, atMost: 70, at: path.element("addressLine").item(index))
    }
    let limits: [(String?, Int, String)] = [
      (address.department, 50, "department"),
      (address.subDepartment, 70, "subDepartment"),
      (address.streetName, 70, "streetName"),
      (address.buildingNumber, 16, "buildingNumber"),
      (address.buildingName, 35, "buildingName"),
      (address.floor, 70, "floor"),
      (address.postBox, 16, "postBox"),
      (address.room, 70, "room"),
      (address.postCode, 16, "postCode"),
      (address.townName, 35, "townName"),
      (address.townLocationName, 35, "townLocationName"),
      (address.districtName, 35, "districtName"),
      (address.countrySubDivision, 35, "countrySubDivision"),
    ]
    for (value, limit, element) in limits {
      if let value {
        checkLength(value, atMost: limit, at: path.element(element))
      }
    }
  }

  // MARK: National identification

  mutating func check(_ identification: NationalIdentification, heldBy holder: Holder?, at path: ElementPath) {
    let identifier = path.element("nationalIdentifier")
    let countryOfIssue = path.element("countryOfIssue")
    let registrationAuthority = path.element("registrationAuthority")
    let type = identification.nationalIdentifierType

    if isBlank(identification.nationalIdentifier) {
      add(.requiredElementMissing, at: identifier,
          "The national identification has no identifier. Ask for the identifier, or for the identification to be removed.")
    } else {
      checkLength(identification.nationalIdentifier, atMost: 35, at: identifier)
    }
    checkCode(type, at: path.element("nationalIdentifierType"))

    if type == .legalEntityIdentifier, !isBlank(identification.nationalIdentifier),
      !LegalEntityIdentifier.isValid(identification.nationalIdentifier) {
      add(.validLEI, at: identifier,
          "The identifier is marked as an LEI but is not a valid ISO 17442 LEI (20 characters whose check digits must verify; IVMS101 C11). Ask for the LEI to be re-checked against the GLEIF register; it may be mistyped.")
    }

    switch holder {
    case .legal:
      if let type, type.isDefined, !NationalIdentifierTypeCode.allowedForLegalPersons.contains(type) {
        add(.validNationalIdentifierLegalPerson, at: path.element("nationalIdentifierType"),
            "This identifier type is one for individuals; a legal person's must be RAID, MISC, LEIX or TXID (IVMS101 C7). Ask for the entity's register, tax or LEI identifier.")
      }
      if identification.countryOfIssue != nil {
        add(.completeNationalIdentifierLegalPerson, at: countryOfIssue,
            "A legal person's national identification must not carry a country of issue (IVMS101 C9); the registration authority says where it was issued. Ask for it to be removed.")
      }
      if type == .legalEntityIdentifier {
        if identification.registrationAuthority != nil {
          add(.completeNationalIdentifierLegalPerson, at: registrationAuthority,
              "An LEI must not carry a registration authority (IVMS101 C9); the LEI is self-describing. Ask for it to be removed.")
        }
      } else if type != nil {
        if let authority = identification.registrationAuthority {
          checkRegistrationAuthorityFormat(authority, at: registrationAuthority)
        } else {
          add(.completeNationalIdentifierLegalPerson, at: registrationAuthority,
              "A legal person's identifier other than an LEI needs the registration authority that issued it (IVMS101 C9). Ask for the GLEIF registration authority code (RA and six digits).")
        }
      }
    case .natural:
      if let country = identification.countryOfIssue {
        checkCountry(country, at: countryOfIssue)
      }
      if identification.registrationAuthority != nil {
        add(.registrationAuthority, at: registrationAuthority,
            "A natural person's national identification must not carry a registration authority: registration authorities (IVMS101 C10, GLEIF list) are business registers, which do not identify individuals. Ask for it to be removed, or check whether the party is in fact a legal person.")
      }
    case nil:
      if let country = identification.countryOfIssue {
        checkCountry(country, at: countryOfIssue)
      }
      if let authority = identification.registrationAuthority {
        checkRegistrationAuthorityFormat(authority, at: registrationAuthority)
      }
    }
  }

  private mutating func checkRegistrationAuthorityFormat(_ authority: String, at path: ElementPath) {
    if !RegistrationAuthorityCode.isWellFormed(authority) {
      add(.registrationAuthority, at: path,
          "The registration authority is not a GLEIF Registration Authorities List code (RA followed by six digits; IVMS101 C10). Ask for the code rather than the register's name.")
    }
  }

  // MARK: Date and place of birth

  private mutating func check(_ birth: DateAndPlaceOfBirth, at path: ElementPath) {
    let date = path.element("dateOfBirth")
    if isBlank(birth.dateOfBirth) {
      add(.requiredElementMissing, at: date,
          "The date of birth is missing although a place of birth section is given. Ask for the date of birth.")
    } else if let day = CalendarDay(iso8601: birth.dateOfBirth) {
      if !(day < today) {
        add(.dateInPast, at: date,
            "The date of birth is not before the date of this check (IVMS101 C2); it is probably mistyped. Ask for the date of birth to be corrected.")
      }
    } else {
      add(.dateFormat, at: date,
          "The date of birth is not a real calendar date written YYYY-MM-DD. Ask for it in that format.")
    }
    if isBlank(birth.placeOfBirth) {
      add(.requiredElementMissing, at: path.element("placeOfBirth"),
          "The place of birth is missing; IVMS101 requires it with the date of birth. Ask for the town or country of birth.")
    } else {
      checkLength(birth.placeOfBirth, atMost: 70, at: path.element("placeOfBirth"))
    }
  }

  // MARK: Shared element rules

  private mutating func checkCountry(_ country: String, at path: ElementPath) {
    if !CountryCode.isValid(country) {
      add(.countryCode, at: path,
          "This is not an ISO 3166-1 alpha-2 country code (two capital letters such as GB) or XX (IVMS101 C3); country names and other code sets are not accepted. Ask for the two-letter code.")
    }
  }

  private mutating func checkCode<Code: IVMS101Code>(_ code: Code?, at path: ElementPath) {
    guard let code else {
      add(.requiredElementMissing, at: path,
          "This code is missing. Ask for one of \(Code.definedCodeList).")
      return
    }
    if !code.isDefined {
      add(.unknownCode, at: path,
          "This code is not on the IVMS101 list (\(Code.definedCodeList)). Ask the sender which of these is meant.")
    }
  }

  private mutating func checkLength(_ text: String, atMost limit: Int, at path: ElementPath) {
    if text.count > limit {
      add(.tooLong, at: path,
          "This text is longer than the \(limit) characters IVMS101 allows here; the receiving VASP may truncate or reject it. Ask for it to be shortened.")
    }
  }
}
