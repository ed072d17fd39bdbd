public import Foundation

/// Checks that a transfer carries the originator and beneficiary information the Travel
/// Rule requires at its value (FATF Recommendation 16, as the AFSA applies it).
///
/// Below the threshold, names and account numbers of both sides suffice. At or above it,
/// each originator must also be identifiable by an address, customer identification,
/// national identification, or (for individuals) date and place of birth. This check looks
/// at completeness only; run ``IVMS101Check`` as well for conformance to the standard.
public struct TravelRuleCheck: Sendable {
  /// The value, in US cents, from which full originator information is required
  /// (inclusive). Integer cents, because a threshold compared in floating point can put a
  /// transfer of exactly USD 1,000.00 on the wrong side of the line.
  public let thresholdInUSDCents: Int

  /// USD 1,000, the FATF threshold the AFSA applies.
  public static let defaultThresholdInUSDCents = 100_000

  /// Creates a check with the threshold in US cents; a negative threshold is treated as
  /// zero, so that full information is then required for every transfer.
  public init(thresholdInUSDCents: Int = TravelRuleCheck.defaultThresholdInUSDCents) {
    self.thresholdInUSDCents = max(0, thresholdInUSDCents)
  }

  /// Whether a transfer of this value needs full originator information.
  public func requiresFullOriginatorInformation(transferValueInUSDCents: Int) -> Bool {
    transferValueInUSDCents >= thresholdInUSDCents
  }

  /// Every piece of required Travel Rule information missing from `payload` for a transfer
  /// worth `transferValueInUSDCents`, as judged at `now`.
  ///
  /// `now` matters because a date of birth counts as identifying information only if it is
  /// a real date before the day of the check; a mistyped or future date identifies no one.
  public func problems(in payload: IdentityPayload, transferValueInUSDCents: Int, now: Date) -> [ValidationProblem] {
    let fullInformation = requiresFullOriginatorInformation(transferValueInUSDCents: transferValueInUSDCents)
    let today = CalendarDay(containing: now)
    var problems: [ValidationProblem] = []

    let originator = ElementPath.root.element("originator")
    let originatorPersons = originator.element("originatorPersons")
    if payload.originator.originatorPersons.isEmpty {
      problems.append(ValidationProblem(
        code: .originatorNameMissing, path: originatorPersons.description,
        message: "No originator is named; the Travel Rule requires the originator's name for every transfer. Ask the originating VASP for the account holder's name."))
    }
    for (index, person) in payload.originator.originatorPersons.enumerated() {
      let path = originatorPersons.item(index)
      if let namePath = Self.missingLegalName(of: person, at: path) {
        problems.append(ValidationProblem(
          code: .originatorNameMissing, path: namePath.description,
          message: "The originator's legal name (LEGL) is missing; the Travel Rule requires it for every transfer. Ask the originating VASP for it."))
      }
      if fullInformation, !Self.isIdentifiable(person, today: today) {
        problems.append(ValidationProblem(
          code: .originatorIdentificationMissing, path: Self.personPath(of: person, at: path).description,
          message: "At or above the Travel Rule threshold the originator must be identifiable by a complete address, customer identification, national identification, or date and place of birth; none is usable here. Ask the originating VASP for one before releasing the funds."))
      }
    }
    if !payload.originator.accountNumber.contains(where: { !isBlank($0) }) {
      problems.append(ValidationProblem(
        code: .originatorAccountNumberMissing, path: originator.element("accountNumber").description,
        message: "The originator's account number (wallet address) is missing; the Travel Rule requires it for every transfer. Ask the originating VASP for it."))
    }

    let beneficiary = ElementPath.root.element("beneficiary")
    let beneficiaryPersons = beneficiary.element("beneficiaryPersons")
    if payload.beneficiary.beneficiaryPersons.isEmpty {
      problems.append(ValidationProblem(
        code: .beneficiaryNameMissing, path: beneficiaryPersons.description,
        message: "No beneficiary is named; the Travel Rule requires the beneficiary's name for every transfer. Ask the originating VASP who is to receive the funds."))
    }
    for (index, person) in payload.beneficiary.beneficiaryPersons.enumerated() {
      if let namePath = Self.missingLegalName(of: person, at: beneficiaryPersons.item(index)) {
        problems.append(ValidationProblem(
          code: .beneficiaryNameMissing, path: namePath.description,
          message: "The beneficiary's legal name (LEGL) is missing; the Travel Rule requires it for every transfer. Ask the originating VASP for it."))
      }
    }
    if !payload.beneficiary.accountNumber.contains(where: { !isBlank($0) }) {
      problems.append(ValidationProblem(
        code: .beneficiaryAccountNumberMissing, path: beneficiary.element("accountNumber").description,
        message: "The beneficiary's account number (wallet address) is missing; the Travel Rule requires it for every transfer. Ask the originating VASP for it."))
    }
    return problems
  }

  /// Where the person's data sits: inside `naturalPerson` or `legalPerson` when it has one.
  private static func personPath(of person: Person, at path: ElementPath) -> ElementPath {
    if person.naturalPerson != nil { return path.element("naturalPerson") }
    if person.legalPerson != nil { return path.element("legalPerson") }
    return path
  }

  /// The path of the missing legal name, or `nil` when a non-blank LEGL name is present.
  private static func missingLegalName(of person: Person, at path: ElementPath) -> ElementPath? {
    if let natural = person.naturalPerson {
      let named = natural.name.nameIdentifier.contains {
        $0.nameIdentifierType == .legalName && !isBlank($0.primaryIdentifier)
      }
      return named ? nil : path.element("naturalPerson").element("name")
    }
    if let legal = person.legalPerson {
      let named = legal.name.nameIdentifier.contains {
        $0.legalPersonNameIdentifierType == .legalName && !isBlank($0.legalPersonName)
      }
      return named ? nil : path.element("legalPerson").element("name")
    }
    return path
  }

  /// Whether the originator can be told apart from namesakes by at least one usable item.
  ///
  /// An address counts only if it would pass the IVMS101 address rules, and a date of
  /// birth only if it is a real past date: a fragment of an address or a mistyped date
  /// does not identify anyone, and accepting it would let an incomplete transfer through.
  private static func isIdentifiable(_ person: Person, today: CalendarDay) -> Bool {
    if let natural = person.naturalPerson {
      let hasBirthDate = natural.dateAndPlaceOfBirth.flatMap { CalendarDay(iso8601: $0.dateOfBirth) }.map { $0 < today } ?? false
      return natural.geographicAddress.contains(where: isUsable)
        || !isBlank(natural.customerIdentification)
        || !isBlank(natural.nationalIdentification?.nationalIdentifier)
        || hasBirthDate
    }
    if let legal = person.legalPerson {
      return legal.geographicAddress.contains(where: isUsable)
        || !isBlank(legal.customerNumber)
        || !isBlank(legal.nationalIdentification?.nationalIdentifier)
    }
    return false
  }

  /// Whether an address locates the party: a line or street and building, a town, and a
  /// valid country.
  private static func isUsable(_ address: Address) -> Bool {
    let locatesBuilding = address.addressLine.contains { !isBlank($0) }
      || (!isBlank(address.streetName) && (!isBlank(address.buildingNumber) || !isBlank(address.buildingName)))
    return locatesBuilding && !isBlank(address.townName) && address.country.map(CountryCode.isValid) == true
  }
}
