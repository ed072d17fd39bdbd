/// A postal or geographic address of a person (IVMS101 `Address`).
///
/// Every element is optional in the model, even those the standard requires, so that an
/// incomplete address from a counterparty is still read and ``IVMS101Check`` can say
/// exactly what is missing.
public struct Address: IVMS101Element {
  /// Whether this is a residential, business or geographic address; required.
  public var addressType: AddressTypeCode?
  /// A division of a large organisation or building.
  public var department: String?
  /// A sub-division of a large organisation or building.
  public var subDepartment: String?
  /// The street or thoroughfare.
  public var streetName: String?
  /// The number of the building on the street.
  public var buildingNumber: String?
  /// The name of the building or house.
  public var buildingName: String?
  /// The floor or storey.
  public var floor: String?
  /// A post office box.
  public var postBox: String?
  /// A room number.
  public var room: String?
  /// The postal code.
  public var postCode: String?
  /// The town or city.
  public var townName: String?
  /// A named location within the town.
  public var townLocationName: String?
  /// A subdivision within the country subdivision.
  public var districtName: String?
  /// A state, region, province or county.
  public var countrySubDivision: String?
  /// Free-format address lines, for addresses that do not split into the elements above.
  public var addressLine: [String]
  /// The ISO 3166-1 alpha-2 country code (or `XX`); required.
  public var country: String?

  /// Creates an address; name only the elements you have.
  public init(
    addressType: AddressTypeCode? = nil,
    department: String? = nil,
    subDepartment: String? = nil,
    streetName: String? = nil,
    buildingNumber: String? = nil,
    buildingName: String? = nil,
    floor: String? = nil,
    postBox: String? = nil,
    room: String? = nil,
    postCode: String? = nil,
    townName: String? = nil,
    townLocationName: String? = nil,
    districtName: String? = nil,
    countrySubDivision: String? = nil,
    addressLine: [String] = [],
    country: String? = nil
  ) {
    self.addressType = addressType
    self.department = department
    self.subDepartment = subDepartment
    self.streetName = streetName
    self.buildingNumber = buildingNumber
    self.buildingName = buildingName
    self.floor = floor
    self.postBox = postBox
    self.room = room
    self.postCode = postCode
    self.townName = townName
    self.townLocationName = townLocationName
    self.districtName = districtName
    self.countrySubDivision = countrySubDivision
    self.addressLine = addressLine
    self.country = country
  }

  private enum Element {
    static let addressType = ElementName("addressType")
    static let department = ElementName("department")
    static let subDepartment = ElementName("subDepartment")
    static let streetName = ElementName("streetName", or: "street")
    static let buildingNumber = ElementName("buildingNumber", or: "number")
    static let buildingName = ElementName("buildingName", or: "building")
    static let floor = ElementName("floor")
    static let postBox = ElementName("postBox")
    static let room = ElementName("room")
    static let postCode = ElementName("postCode", or: "postalCode", "zipCode", "zip")
    static let townName = ElementName("townName", or: "town", "city")
    static let townLocationName = ElementName("townLocationName")
    static let districtName = ElementName("districtName", or: "district")
    static let countrySubDivision = ElementName("countrySubDivision", or: "state", "province")
    static let addressLine = ElementName("addressLine", or: "addressLines")
    static let country = ElementName("country")
  }

  /// Reads an address in any of the accepted spellings.
  public init(from decoder: any Decoder) throws {
    let document = try decoder.documentObject()
    self.init(
      addressType: try document.code(Element.addressType),
      department: try document.text(Element.department),
      subDepartment: try document.text(Element.subDepartment),
      streetName: try document.text(Element.streetName),
      buildingNumber: try document.text(Element.buildingNumber),
      buildingName: try document.text(Element.buildingName),
      floor: try document.text(Element.floor),
      postBox: try document.text(Element.postBox),
      room: try document.text(Element.room),
      postCode: try document.text(Element.postCode),
      townName: try document.text(Element.townName),
      townLocationName: try document.text(Element.townLocationName),
      districtName: try document.text(Element.districtName),
      countrySubDivision: try document.text(Element.countrySubDivision),
      addressLine: try document.list(Element.addressLine),
      country: try document.text(Element.country)
    )
  }

  /// Writes the address with the standard's element names.
  public func encode(to encoder: any Encoder) throws {
    var document = encoder.documentContainer()
    try document.encode(addressType, as: Element.addressType)
    try document.encode(department, as: Element.department)
    try document.encode(subDepartment, as: Element.subDepartment)
    try document.encode(streetName, as: Element.streetName)
    try document.encode(buildingNumber, as: Element.buildingNumber)
    try document.encode(buildingName, as: Element.buildingName)
    try document.encode(floor, as: Element.floor)
    try document.encode(postBox, as: Element.postBox)
    try document.encode(room, as: Element.room)
    try document.encode(postCode, as: Element.postCode)
    try document.encode(townName, as: Element.townName)
    try document.encode(townLocationName, as: Element.townLocationName)
    try document.encode(districtName, as: Element.districtName)
    try document.encode(countrySubDivision, as: Element.countrySubDivision)
    try document.encode(addressLine, as: Element.addressLine)
    try document.encode(country, as: Element.country)
  }
}
