/// Given names, surnames and patronymics of one naming tradition, written in Latin letters.
///
/// Screening is tested against these names, so they follow the traditions an exchange in Almaty
/// onboards: Kazakh and Russian names with `-ov`/`-ova` surnames and patronymics, Uzbek and Kyrgyz
/// names, and international ones. Variant spellings (Yerlan / Erlan) give aliases that
/// transliteration-aware matching should join.
struct NamePool {
  let maleGiven: [String]
  let femaleGiven: [String]
  /// Surnames in their masculine form.
  let surnames: [String]
  /// Whether a woman's surname takes `-a` (Bekov → Bekova), as in Russian-style surnames.
  let inflectsSurname: Bool
  /// Fathers' names from which patronymics are made (`Nurlan` → `Nurlanovich`, `Nurlanovna`).
  let patronymicRoots: [String]
  /// Chinese names are written family name first.
  let isFamilyNameFirst: Bool
  /// Alternative Latin spellings of given names, used for aliases.
  let variants: [String: String]

  /// A full name and, for some people, aliases.
  func person(isFemale: Bool, using random: inout SeededGenerator) -> (name: String, aliases: [String]) {
    let given = random.element(of: isFemale ? femaleGiven : maleGiven)
    var surname = random.element(of: surnames)
    if isFemale && inflectsSurname { surname += "a" }
    var name: String
    if isFamilyNameFirst {
      name = surname + " " + given
    } else if !patronymicRoots.isEmpty && random.chance(perMille: 500) {
      let root = random.element(of: patronymicRoots)
      name = given + " " + root + (isFemale ? "ovna" : "ovich") + " " + surname
    } else {
      name = given + " " + surname
    }
    var aliases: [String] = []
    if random.chance(perMille: 150) {
      if let variant = variants[given] { aliases.append(variant + " " + surname) }
      if aliases.isEmpty || random.chance(perMille: 300) {
        aliases.append(isFamilyNameFirst ? given + " " + surname : surname + " " + given)
      }
    }
    return (name, aliases)
  }

  // MARK: - Traditions

  static let kazakh = NamePool(
    maleGiven: [
      "Yerlan", "Nurlan", "Askar", "Daniyar", "Arman", "Bauyrzhan", "Yerzhan", "Timur", "Marat", "Serik",
      "Azamat", "Dauren", "Aidos", "Nursultan", "Ruslan", "Kairat", "Zhandos", "Almas", "Dias", "Aibek",
      "Yerbol", "Samat", "Olzhas", "Talgat", "Galym",
    ],
    femaleGiven: [
      "Aigerim", "Aruzhan", "Dana", "Madina", "Saule", "Gulnara", "Ainur", "Zhanar", "Kamila", "Dinara",
      "Asel", "Aliya", "Akmaral", "Togzhan", "Balnur", "Aisulu", "Meruyert", "Zarina", "Gaukhar", "Assem",
    ],
    surnames: [
      "Bekov", "Suleimenov", "Akhmetov", "Zhaksybekov", "Omarov", "Abenov", "Iskakov", "Tokayev", "Nurpeisov",
      "Kassymov", "Seitkaliyev", "Mukhamedov", "Baimukhanov", "Sadykov", "Yessenov", "Zhumabayev", "Ospanov",
      "Serikbayev", "Tulegenov", "Amanzholov", "Kenzhebekov", "Ermekov", "Abdrakhmanov", "Utegenov",
    ],
    inflectsSurname: true,
    patronymicRoots: ["Nurlan", "Serik", "Marat", "Askar", "Yerlan", "Kairat", "Talgat", "Bolat", "Erlan", "Samat"],
    isFamilyNameFirst: false,
    variants: [
      "Yerlan": "Erlan", "Yerzhan": "Erzhan", "Aigerim": "Aygerim", "Bauyrzhan": "Baurzhan", "Zhanar": "Janar",
      "Yerbol": "Erbol", "Nursultan": "Nur-Sultan", "Aliya": "Aliia", "Assem": "Asem", "Meruyert": "Meruert",
      "Zhandos": "Jandos", "Gaukhar": "Gauhar",
    ])

  static let russian = NamePool(
    maleGiven: [
      "Dmitry", "Sergey", "Alexey", "Andrey", "Ivan", "Mikhail", "Nikolai", "Pavel", "Vladimir", "Yevgeny",
      "Oleg", "Artem", "Maxim", "Konstantin", "Roman",
    ],
    femaleGiven: [
      "Anna", "Elena", "Olga", "Natalia", "Tatiana", "Irina", "Yekaterina", "Svetlana", "Maria", "Yulia",
      "Anastasia", "Ksenia", "Darya",
    ],
    surnames: [
      "Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Popov", "Volkov", "Sokolov", "Lebedev", "Kozlov", "Novikov",
      "Morozov", "Pavlov", "Fedorov", "Orlov", "Belov", "Gusev", "Karpov", "Nikitin", "Zaitsev", "Frolov",
    ],
    inflectsSurname: true,
    patronymicRoots: ["Ivan", "Petr", "Alexandr", "Mikhail", "Viktor", "Igor", "Anton", "Boris", "Roman", "Oleg"],
    isFamilyNameFirst: false,
    variants: [
      "Dmitry": "Dmitriy", "Sergey": "Sergei", "Alexey": "Aleksei", "Yevgeny": "Evgeniy", "Natalia": "Natalya",
      "Tatiana": "Tatyana", "Yekaterina": "Ekaterina", "Yulia": "Julia", "Artem": "Artyom", "Ksenia": "Kseniya",
      "Nikolai": "Nikolay", "Darya": "Daria",
    ])

  static let uzbek = NamePool(
    maleGiven: ["Aziz", "Bekzod", "Jasur", "Sardor", "Otabek", "Rustam", "Sherzod", "Ulugbek", "Farrukh", "Jahongir"],
    femaleGiven: ["Dilnoza", "Nigora", "Malika", "Shahnoza", "Gulnora", "Feruza", "Kamola", "Zulfiya"],
    surnames: [
      "Karimov", "Rakhimov", "Yusupov", "Usmonov", "Abdullayev", "Rashidov", "Ismoilov", "Tursunov", "Nazarov",
    ],
    inflectsSurname: true,
    patronymicRoots: [],
    isFamilyNameFirst: false,
    variants: ["Jasur": "Djasur", "Jahongir": "Jakhongir", "Shahnoza": "Shakhnoza", "Otabek": "Otabeck"])

  static let kyrgyz = NamePool(
    maleGiven: ["Bakyt", "Almazbek", "Nurbek", "Aibek", "Chyngyz", "Kubanychbek", "Melis", "Emil", "Azamat"],
    femaleGiven: ["Aizhan", "Aida", "Gulzat", "Cholpon", "Nazira", "Aigul", "Begimai", "Elnura"],
    surnames: ["Asanov", "Sadyrov", "Mamytov", "Bakirov", "Toktogulov", "Dzhumaliev", "Osmonov", "Usenov"],
    inflectsSurname: true,
    patronymicRoots: ["Bakyt", "Almaz", "Nurbek", "Asan", "Kadyr"],
    isFamilyNameFirst: false,
    variants: ["Chyngyz": "Chingiz", "Aizhan": "Ayzhan", "Begimai": "Begimay"])

  static let chinese = NamePool(
    maleGiven: ["Wei", "Lei", "Jun", "Yang", "Hao", "Qiang", "Ming", "Tao"],
    femaleGiven: ["Fang", "Jing", "Min", "Hui", "Na", "Li", "Xiu", "Yan"],
    surnames: ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"],
    inflectsSurname: false,
    patronymicRoots: [],
    isFamilyNameFirst: true,
    variants: [:])

  static let turkish = NamePool(
    maleGiven: ["Mehmet", "Mustafa", "Ahmet", "Emre", "Murat", "Burak", "Can", "Hakan"],
    femaleGiven: ["Ayse", "Fatma", "Zeynep", "Elif", "Emine", "Merve", "Selin"],
    surnames: ["Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Ozturk", "Aydin", "Arslan"],
    inflectsSurname: false,
    patronymicRoots: [],
    isFamilyNameFirst: false,
    variants: ["Mehmet": "Mehmed", "Ayse": "Aishe"])

  static let english = NamePool(
    maleGiven: ["James", "Oliver", "William", "Michael", "David", "Thomas", "Daniel", "Robert", "John"],
    femaleGiven: ["Emma", "Olivia", "Sarah", "Emily", "Jessica", "Charlotte", "Hannah", "Laura"],
    surnames: ["Smith", "Jones", "Taylor", "Brown", "Williams", "Johnson", "Miller", "Davis", "Wilson", "O'Brien"],
    inflectsSurname: false,
    patronymicRoots: [],
    isFamilyNameFirst: false,
    variants: ["Michael": "Mike", "William": "Bill", "Robert": "Bob", "Daniel": "Dan"])

  static let arabic = NamePool(
    maleGiven: ["Ahmed", "Mohammed", "Omar", "Khalid", "Rashid", "Saeed", "Hamdan", "Yousef"],
    femaleGiven: ["Fatima", "Mariam", "Aisha", "Noura", "Hessa", "Latifa"],
    surnames: ["Al Mansouri", "Al Hashimi", "Al Nuaimi", "Al Falasi", "Al Suwaidi", "Al Marri", "Al Ketbi"],
    inflectsSurname: false,
    patronymicRoots: [],
    isFamilyNameFirst: false,
    variants: ["Mohammed": "Muhammad", "Yousef": "Yusuf", "Aisha": "Ayesha", "Saeed": "Said"])
}
