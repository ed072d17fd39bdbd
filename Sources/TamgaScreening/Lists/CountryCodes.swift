/// Countries by ISO 3166-1 alpha-2 code, from the names lists and customer files use.
///
/// Why: a customer's nationality arrives as a code ("KZ"), while OFAC writes "Russia" and
/// "Korea, North" and the UN "Russian Federation" and "Democratic People's Republic of Korea".
/// Comparing spellings would call those disagreements; comparing codes does not.
///
/// The table is Debian's iso-codes (`/usr/share/iso-codes/json/iso_3166-1.json`: codes, names,
/// official and common names) plus the spellings the OFAC and UN lists use that it lacks
/// ("Burma", "Korea, North", "Cote d Ivoire", "Palestinian", "Kosovo" as XK…), each folded to
/// lower-case ASCII words. Regenerate it from that file when ISO adds a country.
public enum CountryCodes {
  /// The alpha-2 code of a country given as a code (alpha-2 or alpha-3) or a name in any of the
  /// table's spellings; nil for anything else ("undetermined", "former Soviet Union").
  public static func code(of country: String) -> String? {
    let key = NamePreparation.foldedWords(country).joined(separator: " ")
    return key.isEmpty ? nil : codeByName[key]
  }

  private static let codeByName: [String: String] = {
    var table: [String: String] = [:]
    for line in rows.split(separator: "\n") {
      let fields = line.split(separator: "|").map(String.init)
      guard let code = fields.first else { continue }
      for name in fields.dropFirst() { table[name] = code }
    }
    return table
  }()

  private static let rows = """
    AD|ad|and|andorra|principality of andorra
    AE|ae|are|united arab emirates|uae
    AF|af|afg|afghanistan|islamic republic of afghanistan
    AG|ag|atg|antigua and barbuda
    AI|ai|aia|anguilla
    AL|al|alb|albania|republic of albania
    AM|am|arm|armenia|republic of armenia
    AO|ao|ago|angola|republic of angola
    AQ|aq|ata|antarctica
    AR|ar|arg|argentina|argentine republic
    AS|as|asm|american samoa
    AT|at|aut|austria|republic of austria
    AU|au|aus|australia
    AW|aw|abw|aruba
    AX|ax|ala|aland islands
    AZ|az|aze|azerbaijan|republic of azerbaijan
    BA|ba|bih|bosnia and herzegovina|republic of bosnia and herzegovina
    BB|bb|brb|barbados
    BD|bd|bgd|bangladesh|peoples republic of bangladesh
    BE|be|bel|belgium|kingdom of belgium
    BF|bf|bfa|burkina faso
    BG|bg|bgr|bulgaria|republic of bulgaria
    BH|bh|bhr|bahrain|kingdom of bahrain
    BI|bi|bdi|burundi|republic of burundi
    BJ|bj|ben|benin|republic of benin
    BL|bl|blm|saint barthelemy
    BM|bm|bmu|bermuda
    BN|bn|brn|brunei darussalam|brunei
    BO|bo|bol|bolivia plurinational state of|plurinational state of bolivia|bolivia
    BQ|bq|bes|bonaire sint eustatius and saba
    BR|br|bra|brazil|federative republic of brazil
    BS|bs|bhs|bahamas|commonwealth of the bahamas|bahamas the|the bahamas
    BT|bt|btn|bhutan|kingdom of bhutan
    BV|bv|bvt|bouvet island
    BW|bw|bwa|botswana|republic of botswana
    BY|by|blr|belarus|republic of belarus|byelorussia
    BZ|bz|blz|belize
    CA|ca|can|canada
    CC|cc|cck|cocos keeling islands
    CD|cd|cod|congo the democratic republic of the|congo democratic republic of the|democratic republic of the congo|drc|congo kinshasa
    CF|cf|caf|central african republic
    CG|cg|cog|congo|republic of the congo|congo republic of the|congo brazzaville
    CH|ch|che|switzerland|swiss confederation
    CI|ci|civ|cote divoire|republic of cote divoire|cote d ivoire|ivory coast
    CK|ck|cok|cook islands
    CL|cl|chl|chile|republic of chile
    CM|cm|cmr|cameroon|republic of cameroon
    CN|cn|chn|china|peoples republic of china
    CO|co|col|colombia|republic of colombia
    CR|cr|cri|costa rica|republic of costa rica
    CU|cu|cub|cuba|republic of cuba
    CV|cv|cpv|cabo verde|republic of cabo verde|cape verde
    CW|cw|cuw|curacao
    CX|cx|cxr|christmas island
    CY|cy|cyp|cyprus|republic of cyprus
    CZ|cz|cze|czechia|czech republic
    DE|de|deu|germany|federal republic of germany
    DJ|dj|dji|djibouti|republic of djibouti
    DK|dk|dnk|denmark|kingdom of denmark
    DM|dm|dma|dominica|commonwealth of dominica
    DO|do|dom|dominican republic
    DZ|dz|dza|algeria|peoples democratic republic of algeria
    EC|ec|ecu|ecuador|republic of ecuador
    EE|ee|est|estonia|republic of estonia
    EG|eg|egy|egypt|arab republic of egypt
    EH|eh|esh|western sahara
    ER|er|eri|eritrea|the state of eritrea
    ES|es|esp|spain|kingdom of spain
    ET|et|eth|ethiopia|federal democratic republic of ethiopia
    FI|fi|fin|finland|republic of finland
    FJ|fj|fji|fiji|republic of fiji
    FK|fk|flk|falkland islands malvinas
    FM|fm|fsm|micronesia federated states of|federated states of micronesia|micronesia
    FO|fo|fro|faroe islands
    FR|fr|fra|france|french republic
    GA|ga|gab|gabon|gabonese republic
    GB|gb|gbr|united kingdom|united kingdom of great britain and northern ireland|uk|great britain|britain
    GD|gd|grd|grenada
    GE|ge|geo|georgia
    GF|gf|guf|french guiana
    GG|gg|ggy|guernsey
    GH|gh|gha|ghana|republic of ghana
    GI|gi|gib|gibraltar
    GL|gl|grl|greenland
    GM|gm|gmb|gambia|republic of the gambia|the gambia|gambia the
    GN|gn|gin|guinea|republic of guinea
    GP|gp|glp|guadeloupe
    GQ|gq|gnq|equatorial guinea|republic of equatorial guinea
    GR|gr|grc|greece|hellenic republic
    GS|gs|sgs|south georgia and the south sandwich islands
    GT|gt|gtm|guatemala|republic of guatemala
    GU|gu|gum|guam
    GW|gw|gnb|guinea bissau|republic of guinea bissau
    GY|gy|guy|guyana|republic of guyana
    HK|hk|hkg|hong kong|hong kong special administrative region of china|china hong kong special administrative region
    HM|hm|hmd|heard island and mcdonald islands
    HN|hn|hnd|honduras|republic of honduras
    HR|hr|hrv|croatia|republic of croatia
    HT|ht|hti|haiti|republic of haiti
    HU|hu|hun|hungary
    ID|id|idn|indonesia|republic of indonesia
    IE|ie|irl|ireland
    IL|il|isr|israel|state of israel
    IM|im|imn|isle of man
    IN|in|ind|india|republic of india
    IO|io|iot|british indian ocean territory
    IQ|iq|irq|iraq|republic of iraq
    IR|ir|irn|iran islamic republic of|islamic republic of iran|iran
    IS|is|isl|iceland|republic of iceland
    IT|it|ita|italy|italian republic
    JE|je|jey|jersey
    JM|jm|jam|jamaica
    JO|jo|jor|jordan|hashemite kingdom of jordan
    JP|jp|jpn|japan
    KE|ke|ken|kenya|republic of kenya
    KG|kg|kgz|kyrgyzstan|kyrgyz republic|kirghizia
    KH|kh|khm|cambodia|kingdom of cambodia
    KI|ki|kir|kiribati|republic of kiribati
    KM|km|com|comoros|union of the comoros
    KN|kn|kna|saint kitts and nevis
    KP|kp|prk|korea democratic peoples republic of|democratic peoples republic of korea|north korea|korea north|dprk
    KR|kr|kor|korea republic of|south korea|korea south|republic of korea
    KW|kw|kwt|kuwait|state of kuwait
    KY|ky|cym|cayman islands
    KZ|kz|kaz|kazakhstan|republic of kazakhstan
    LA|la|lao|lao peoples democratic republic|laos
    LB|lb|lbn|lebanon|lebanese republic
    LC|lc|lca|saint lucia
    LI|li|lie|liechtenstein|principality of liechtenstein
    LK|lk|lka|sri lanka|democratic socialist republic of sri lanka
    LR|lr|lbr|liberia|republic of liberia
    LS|ls|lso|lesotho|kingdom of lesotho
    LT|lt|ltu|lithuania|republic of lithuania
    LU|lu|lux|luxembourg|grand duchy of luxembourg
    LV|lv|lva|latvia|republic of latvia
    LY|ly|lby|libya
    MA|ma|mar|morocco|kingdom of morocco
    MC|mc|mco|monaco|principality of monaco
    MD|md|mda|moldova republic of|republic of moldova|moldova
    ME|me|mne|montenegro
    MF|mf|maf|saint martin french part
    MG|mg|mdg|madagascar|republic of madagascar
    MH|mh|mhl|marshall islands|republic of the marshall islands
    MK|mk|mkd|north macedonia|republic of north macedonia|macedonia
    ML|ml|mli|mali|republic of mali
    MM|mm|mmr|myanmar|republic of myanmar|burma
    MN|mn|mng|mongolia
    MO|mo|mac|macao|macao special administrative region of china|macau
    MP|mp|mnp|northern mariana islands|commonwealth of the northern mariana islands
    MQ|mq|mtq|martinique
    MR|mr|mrt|mauritania|islamic republic of mauritania
    MS|ms|msr|montserrat
    MT|mt|mlt|malta|republic of malta
    MU|mu|mus|mauritius|republic of mauritius
    MV|mv|mdv|maldives|republic of maldives
    MW|mw|mwi|malawi|republic of malawi
    MX|mx|mex|mexico|united mexican states
    MY|my|mys|malaysia
    MZ|mz|moz|mozambique|republic of mozambique
    NA|na|nam|namibia|republic of namibia
    NC|nc|ncl|new caledonia
    NE|ne|ner|niger|republic of the niger
    NF|nf|nfk|norfolk island
    NG|ng|nga|nigeria|federal republic of nigeria
    NI|ni|nic|nicaragua|republic of nicaragua
    NL|nl|nld|netherlands|kingdom of the netherlands
    NO|no|nor|norway|kingdom of norway
    NP|np|npl|nepal|federal democratic republic of nepal
    NR|nr|nru|nauru|republic of nauru
    NU|nu|niu|niue
    NZ|nz|nzl|new zealand
    OM|om|omn|oman|sultanate of oman
    PA|pa|pan|panama|republic of panama
    PE|pe|per|peru|republic of peru
    PF|pf|pyf|french polynesia
    PG|pg|png|papua new guinea|independent state of papua new guinea
    PH|ph|phl|philippines|republic of the philippines
    PK|pk|pak|pakistan|islamic republic of pakistan
    PL|pl|pol|poland|republic of poland
    PM|pm|spm|saint pierre and miquelon
    PN|pn|pcn|pitcairn
    PR|pr|pri|puerto rico
    PS|ps|pse|palestine state of|the state of palestine|palestinian|state of palestine|west bank|gaza|palestinian territories
    PT|pt|prt|portugal|portuguese republic
    PW|pw|plw|palau|republic of palau
    PY|py|pry|paraguay|republic of paraguay
    QA|qa|qat|qatar|state of qatar
    RE|re|reu|reunion
    RO|ro|rou|romania
    RS|rs|srb|serbia|republic of serbia
    RU|ru|rus|russian federation|russia
    RW|rw|rwa|rwanda|rwandese republic
    SA|sa|sau|saudi arabia|kingdom of saudi arabia
    SB|sb|slb|solomon islands
    SC|sc|syc|seychelles|republic of seychelles
    SD|sd|sdn|sudan|republic of the sudan
    SE|se|swe|sweden|kingdom of sweden
    SG|sg|sgp|singapore|republic of singapore
    SH|sh|shn|saint helena ascension and tristan da cunha
    SI|si|svn|slovenia|republic of slovenia
    SJ|sj|sjm|svalbard and jan mayen
    SK|sk|svk|slovakia|slovak republic
    SL|sl|sle|sierra leone|republic of sierra leone
    SM|sm|smr|san marino|republic of san marino
    SN|sn|sen|senegal|republic of senegal
    SO|so|som|somalia|federal republic of somalia
    SR|sr|sur|suriname|republic of suriname
    SS|ss|ssd|south sudan|republic of south sudan
    ST|st|stp|sao tome and principe|democratic republic of sao tome and principe
    SV|sv|slv|el salvador|republic of el salvador
    SX|sx|sxm|sint maarten dutch part
    SY|sy|syr|syrian arab republic|syria
    SZ|sz|swz|eswatini|kingdom of eswatini|swaziland
    TC|tc|tca|turks and caicos islands
    TD|td|tcd|chad|republic of chad
    TF|tf|atf|french southern territories
    TG|tg|tgo|togo|togolese republic
    TH|th|tha|thailand|kingdom of thailand
    TJ|tj|tjk|tajikistan|republic of tajikistan
    TK|tk|tkl|tokelau
    TL|tl|tls|timor leste|democratic republic of timor leste
    TM|tm|tkm|turkmenistan
    TN|tn|tun|tunisia|republic of tunisia
    TO|to|ton|tonga|kingdom of tonga
    TR|tr|tur|turkiye|republic of turkiye|turkey
    TT|tt|tto|trinidad and tobago|republic of trinidad and tobago
    TV|tv|tuv|tuvalu
    TW|tw|twn|taiwan province of china|taiwan
    TZ|tz|tza|tanzania united republic of|united republic of tanzania|tanzania
    UA|ua|ukr|ukraine
    UG|ug|uga|uganda|republic of uganda
    UM|um|umi|united states minor outlying islands
    US|us|usa|united states|united states of america
    UY|uy|ury|uruguay|eastern republic of uruguay
    UZ|uz|uzb|uzbekistan|republic of uzbekistan
    VA|va|vat|holy see vatican city state
    VC|vc|vct|saint vincent and the grenadines
    VE|ve|ven|venezuela bolivarian republic of|bolivarian republic of venezuela|venezuela
    VG|vg|vgb|virgin islands british|british virgin islands
    VI|vi|vir|virgin islands u s|virgin islands of the united states
    VN|vn|vnm|viet nam|socialist republic of viet nam|vietnam
    VU|vu|vut|vanuatu|republic of vanuatu
    WF|wf|wlf|wallis and futuna
    WS|ws|wsm|samoa|independent state of samoa
    XK|xk|kosovo
    YE|ye|yem|yemen|republic of yemen
    YT|yt|myt|mayotte
    ZA|za|zaf|south africa|republic of south africa
    ZM|zm|zmb|zambia|republic of zambia
    ZW|zw|zwe|zimbabwe|republic of zimbabwe
    """
}
