/// Names of legal persons: an invented trading name and the legal form of the country.
///
/// Some forms carry a comma (`Co., Ltd.`) and Kazakh partnerships are often written in the
/// Russian style with quotes (`TOO "Altyn Dala"`), so the customers file exercises CSV quoting
/// with data a real exchange would hold.
enum CompanyName {
  /// A company name and, for some, a shorter trading-name alias.
  static func make(country: String, using random: inout SeededGenerator) -> (name: String, aliases: [String]) {
    let brand = random.element(of: brands) + " " + random.element(of: activities)
    if country == "KZ" && random.chance(perMille: 150) {
      return ("TOO \"" + brand + "\"", [brand + " LLP"])
    }
    let name = brand + " " + legalForm(country: country, using: &random)
    return (name, random.chance(perMille: 300) ? [brand] : [])
  }

  private static func legalForm(country: String, using random: inout SeededGenerator) -> String {
    switch country {
    case "KZ": random.chance(perMille: 750) ? "LLP" : "JSC"
    case "RU", "UZ", "KG": "LLC"
    case "CN": "Co., Ltd."
    case "TR": "A.S."
    case "GB": "Ltd"
    case "US": "Inc."
    case "AE": random.chance(perMille: 500) ? "FZE" : "DMCC"
    default: "Ltd"
    }
  }

  private static let brands = [
    "Steppe", "Altyn", "Baiterek", "Nomad", "Silk Road", "Caspian", "Tengri", "Alatau", "Irbis", "Saryarka",
    "Zhetysu", "Orda", "Eurasia", "Tulpar", "Samruk", "Kokzhal", "Turan", "Altai", "Khan Tengri", "Aral",
  ]

  private static let activities = [
    "Trading", "Capital", "Digital", "Holdings", "Ventures", "Logistics", "Invest", "Technologies", "Mining",
    "Group", "Asset Management", "Payments",
  ]
}
