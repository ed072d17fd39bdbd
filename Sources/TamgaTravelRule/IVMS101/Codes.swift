/// A value from one of the IVMS101 code lists, such as `LEGL` or `HOME`.
///
/// Codes are kept as text rather than a closed Swift enum so that a counterparty's unknown
/// code is still read and then reported by ``IVMS101Check`` alongside every other finding,
/// instead of making the whole payload unreadable.
public protocol IVMS101Code: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible
where RawValue == String {
  /// Every code the standard defines for this list.
  static var definedCodes: [Self] { get }

  /// The prefix protobuf JSON puts before the code, such as `ADDRESS_TYPE_CODE_`; TRISA
  /// and other protobuf-based systems send `ADDRESS_TYPE_CODE_HOME` for `HOME`.
  static var protobufPrefix: String { get }

  /// Wraps a code exactly as written.
  init(rawValue: String)
}

extension IVMS101Code {
  /// Whether the standard defines this code; an undefined code is a validation problem.
  public var isDefined: Bool { Self.definedCodes.contains(self) }

  /// The code as the standard spells it.
  public var description: String { rawValue }

  /// Reads a code as a document spells it, dropping the protobuf prefix if present.
  init(documentValue: String) {
    if documentValue.hasPrefix(Self.protobufPrefix) {
      self.init(rawValue: String(documentValue.dropFirst(Self.protobufPrefix.count)))
    } else {
      self.init(rawValue: documentValue)
    }
  }

  /// Reads a code from JSON text in either the IVMS101 or the protobuf spelling.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    self.init(documentValue: try container.decode(String.self))
  }

  /// Writes the code in the IVMS101 spelling.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  /// The defined codes, for messages telling an analyst what would have been accepted.
  static var definedCodeList: String { definedCodes.map(\.rawValue).joined(separator: ", ") }
}

/// The nature of a natural person's name (IVMS101 `NaturalPersonNameTypeCode`).
public struct NaturalPersonNameTypeCode: IVMS101Code {
  /// The code as written.
  public let rawValue: String
  /// Wraps a code exactly as written.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// `ALIA`: a name the person is also known by.
  public static let alias = Self(rawValue: "ALIA")
  /// `BIRT`: the name given at birth.
  public static let nameAtBirth = Self(rawValue: "BIRT")
  /// `MAID`: the family name before marriage.
  public static let maidenName = Self(rawValue: "MAID")
  /// `LEGL`: the legal name, the one sanctions screening and the Travel Rule rely on.
  public static let legalName = Self(rawValue: "LEGL")
  /// `MISC`: a name that fits no other category.
  public static let unspecified = Self(rawValue: "MISC")

  /// Every code the standard defines for natural person names.
  public static let definedCodes: [Self] = [.alias, .nameAtBirth, .maidenName, .legalName, .unspecified]
  /// `NATURAL_PERSON_NAME_TYPE_CODE_`, the protobuf JSON prefix.
  public static let protobufPrefix = "NATURAL_PERSON_NAME_TYPE_CODE_"
}

/// The nature of a legal person's name (IVMS101 `LegalPersonNameTypeCode`).
public struct LegalPersonNameTypeCode: IVMS101Code {
  /// The code as written.
  public let rawValue: String
  /// Wraps a code exactly as written.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// `LEGL`: the registered legal name.
  public static let legalName = Self(rawValue: "LEGL")
  /// `SHRT`: an abbreviated name.
  public static let shortName = Self(rawValue: "SHRT")
  /// `TRAD`: a name the business trades under.
  public static let tradingName = Self(rawValue: "TRAD")

  /// Every code the standard defines for legal person names.
  public static let definedCodes: [Self] = [.legalName, .shortName, .tradingName]
  /// `LEGAL_PERSON_NAME_TYPE_CODE_`, the protobuf JSON prefix.
  public static let protobufPrefix = "LEGAL_PERSON_NAME_TYPE_CODE_"
}

/// The nature of an address (IVMS101 `AddressTypeCode`).
public struct AddressTypeCode: IVMS101Code {
  /// The code as written.
  public let rawValue: String
  /// Wraps a code exactly as written.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// `HOME`: where the person lives.
  public static let residential = Self(rawValue: "HOME")
  /// `BIZZ`: where the person does business.
  public static let business = Self(rawValue: "BIZZ")
  /// `GEOG`: a geographic location not used for mail.
  public static let geographic = Self(rawValue: "GEOG")

  /// Every code the standard defines for addresses.
  public static let definedCodes: [Self] = [.residential, .business, .geographic]
  /// `ADDRESS_TYPE_CODE_`, the protobuf JSON prefix.
  public static let protobufPrefix = "ADDRESS_TYPE_CODE_"
}

/// The kind of identifier in a national identification (IVMS101 `NationalIdentifierTypeCode`).
public struct NationalIdentifierTypeCode: IVMS101Code {
  /// The code as written.
  public let rawValue: String
  /// Wraps a code exactly as written.
  public init(rawValue: String) { self.rawValue = rawValue }

  /// `ARNU`: alien registration number.
  public static let alienRegistrationNumber = Self(rawValue: "ARNU")
  /// `CCPT`: passport number.
  public static let passportNumber = Self(rawValue: "CCPT")
  /// `RAID`: identifier assigned by a registration authority (a company register).
  public static let registrationAuthorityIdentifier = Self(rawValue: "RAID")
  /// `DRLC`: driving licence number.
  public static let drivingLicenceNumber = Self(rawValue: "DRLC")
  /// `FIIN`: foreign investment identity number.
  public static let foreignInvestmentIdentityNumber = Self(rawValue: "FIIN")
  /// `TXID`: tax identification number.
  public static let taxIdentificationNumber = Self(rawValue: "TXID")
  /// `SOCS`: social security number.
  public static let socialSecurityNumber = Self(rawValue: "SOCS")
  /// `IDCD`: identity card number.
  public static let identityCardNumber = Self(rawValue: "IDCD")
  /// `LEIX`: Legal Entity Identifier (ISO 17442).
  public static let legalEntityIdentifier = Self(rawValue: "LEIX")
  /// `MISC`: an identifier of another kind.
  public static let unspecified = Self(rawValue: "MISC")

  /// Every code the standard defines for national identifiers.
  public static let definedCodes: [Self] = [
    .alienRegistrationNumber, .passportNumber, .registrationAuthorityIdentifier, .drivingLicenceNumber,
    .foreignInvestmentIdentityNumber, .taxIdentificationNumber, .socialSecurityNumber, .identityCardNumber,
    .legalEntityIdentifier, .unspecified,
  ]
  /// `NATIONAL_IDENTIFIER_TYPE_CODE_`, the protobuf JSON prefix.
  public static let protobufPrefix = "NATIONAL_IDENTIFIER_TYPE_CODE_"

  /// The identifier types IVMS101 constraint C7 allows for a legal person.
  static let allowedForLegalPersons: [Self] = [
    .registrationAuthorityIdentifier, .unspecified, .legalEntityIdentifier, .taxIdentificationNumber,
  ]
}
