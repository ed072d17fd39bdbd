/// One finding about a Travel Rule document: what is wrong, where, and what to do about it.
///
/// Problems are values rather than thrown errors so that a check returns every finding
/// in one pass; an analyst chasing a counterparty VASP wants the full list in one request.
/// The message names elements and rules but never repeats the personal data itself
/// (names, identifiers, dates), so problems can be stored and shown outside the case file.
public struct ValidationProblem: Hashable, Sendable, CustomStringConvertible {
  /// Which rule is broken; stable across releases, safe to filter and count on.
  public let code: ProblemCode
  /// Where, such as `originator.originatorPersons[0].naturalPerson.name`; `$` is the
  /// element that was checked itself.
  public let path: String
  /// What is wrong and what to ask for, in an analyst's words.
  public let message: String

  /// Creates a problem.
  public init(code: ProblemCode, path: String, message: String) {
    self.code = code
    self.path = path
    self.message = message
  }

  /// `code at path: message`, for logs and case notes.
  public var description: String { "\(code) at \(path): \(message)" }
}

/// A stable identifier of the rule a ``ValidationProblem`` breaks.
///
/// IVMS101 codes cite the constraint number of the published standard (`ivms101.C1` to
/// `ivms101.C11`) so a reviewer can look the rule up; rules of the data model that carry
/// no constraint number, and the Travel Rule checks, have descriptive codes.
public struct ProblemCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The code, such as `ivms101.C1` or `travelRule.originatorNameMissing`.
  public let rawValue: String

  /// Wraps a code.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// The code itself.
  public var description: String { rawValue }

  // MARK: IVMS101 constraints, numbered as in the standard

  /// `ivms101.C1` OriginatorInformationNaturalPerson: a natural-person originator has none
  /// of geographic address, customer identification, national identification, or date and
  /// place of birth.
  public static let originatorInformationNaturalPerson = Self(rawValue: "ivms101.C1")
  /// `ivms101.C2` DateInPast: a date of birth is not before the check date.
  public static let dateInPast = Self(rawValue: "ivms101.C2")
  /// `ivms101.C3` CountryCode: a country is not an ISO 3166-1 alpha-2 code or `XX`.
  public static let countryCode = Self(rawValue: "ivms101.C3")
  /// `ivms101.C4` OriginatorInformationLegalPerson: a legal-person originator has none of
  /// geographic address, customer number, or national identification.
  public static let originatorInformationLegalPerson = Self(rawValue: "ivms101.C4")
  /// `ivms101.C5` LegalNamePresentLegalPerson: a legal person has no `LEGL` name.
  public static let legalNamePresentLegalPerson = Self(rawValue: "ivms101.C5")
  /// `ivms101.C6` LegalNamePresent: a natural person has no `LEGL` name.
  public static let legalNamePresentNaturalPerson = Self(rawValue: "ivms101.C6")
  /// `ivms101.C7` ValidNationalIdentifierLegalPerson: a legal person's national identifier
  /// type is not `RAID`, `MISC`, `LEIX` or `TXID`.
  public static let validNationalIdentifierLegalPerson = Self(rawValue: "ivms101.C7")
  /// `ivms101.C8` ValidAddress: an address has neither an address line nor a street name
  /// with a building number or name.
  public static let validAddress = Self(rawValue: "ivms101.C8")
  /// `ivms101.C9` CompleteNationalIdentifierLegalPerson: a legal person's national
  /// identification has a country of issue, lacks a registration authority for a non-LEI
  /// identifier, or has one for an LEI.
  public static let completeNationalIdentifierLegalPerson = Self(rawValue: "ivms101.C9")
  /// `ivms101.C10` RegistrationAuthority: a registration authority is not a GLEIF
  /// Registration Authorities List code (`RA` and six digits), or is given for a natural
  /// person, whose identifiers are not issued by business registers.
  public static let registrationAuthority = Self(rawValue: "ivms101.C10")
  /// `ivms101.C11` ValidLEI: an `LEIX` identifier is not a valid ISO 17442 LEI (format or
  /// check digits).
  public static let validLEI = Self(rawValue: "ivms101.C11")

  // MARK: IVMS101 data model rules without a constraint number

  /// `ivms101.personKind`: a person is both a natural and a legal person, or neither.
  public static let personKind = Self(rawValue: "ivms101.personKind")
  /// `ivms101.required`: an element the standard makes mandatory is missing or blank.
  public static let requiredElementMissing = Self(rawValue: "ivms101.required")
  /// `ivms101.unknownCode`: a code is not on its IVMS101 code list.
  public static let unknownCode = Self(rawValue: "ivms101.unknownCode")
  /// `ivms101.dateFormat`: a date of birth is not a real calendar date written `YYYY-MM-DD`.
  public static let dateFormat = Self(rawValue: "ivms101.dateFormat")
  /// `ivms101.tooLong`: a text is longer than its IVMS101 datatype allows, or an address
  /// has more address lines than allowed.
  public static let tooLong = Self(rawValue: "ivms101.tooLong")

  // MARK: Travel Rule (FATF Recommendation 16)

  /// `travelRule.originatorNameMissing`: an originator person has no legal name, or there
  /// is no originator person.
  public static let originatorNameMissing = Self(rawValue: "travelRule.originatorNameMissing")
  /// `travelRule.originatorAccountNumberMissing`: the originator has no account number.
  public static let originatorAccountNumberMissing = Self(rawValue: "travelRule.originatorAccountNumberMissing")
  /// `travelRule.originatorIdentificationMissing`: at or above the threshold, an
  /// originator person has no usable address, customer identification, national
  /// identification, or (for individuals) date and place of birth.
  public static let originatorIdentificationMissing = Self(rawValue: "travelRule.originatorIdentificationMissing")
  /// `travelRule.beneficiaryNameMissing`: a beneficiary person has no legal name, or there
  /// is no beneficiary person.
  public static let beneficiaryNameMissing = Self(rawValue: "travelRule.beneficiaryNameMissing")
  /// `travelRule.beneficiaryAccountNumberMissing`: the beneficiary has no account number.
  public static let beneficiaryAccountNumberMissing = Self(rawValue: "travelRule.beneficiaryAccountNumberMissing")
}
