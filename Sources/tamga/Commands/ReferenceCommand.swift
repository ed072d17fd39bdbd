public import ArgumentParser
import Foundation
import TamgaModel
import TamgaPipeline
import TamgaRules
import TamgaScreening

extension ReferenceList: ExpressibleByArgument {}

struct ReferenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reference",
    abstract: "The reference lists the regulatory packs check against.",
    subcommands: [ShowReference.self])
}

struct ShowReference: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Which reference lists are in force, from which file and publication; or one list's entries.",
    discussion: """
      Without LIST: each list (fatf_jurisdictions, approved_assets, privacy_assets,
      counterparty_vasps, usd_kzt_rates) with its entries, the file read (built-in: the copy shipped in tamga,
      or the configuration's regulatory.reference file), the publication date, how many days old
      it is, and its source. With LIST: that list's entries. Lists are replaced in the
      configuration, never in the store, so the configuration a replay ran with says which
      edition made its alerts; every alert also names the file and the date.
      """)

  @OptionGroup var options: StoreOptions
  @Argument(help: "One list, to print its entries.") var list: ReferenceList?
  @Option(help: "The day ages are counted to, YYYY-MM-DD (default: today).") var on: String?
  @Option(help: "table, json or csv.") var format: OutputFormat = .table

  func run() throws {
    try reporting {
      let reference = try options.loadConfiguration().rules.regulatory.reference
      var listing: Listing
      if let list {
        switch list {
        case .fatfJurisdictions:
          listing = Listing(columns: ["country", "listing"])
          for (country, listed) in reference.jurisdictions.sorted(by: { ($0.value.rawValue, $0.key) < ($1.value.rawValue, $1.key) }) {
            listing.rows.append([.text(country), .text(listed.rawValue)])
          }
        case .approvedAssets:
          listing = Listing(columns: ["asset", "name"])
          for (ticker, name) in reference.approvedAssets.sorted(by: { $0.key < $1.key }) {
            listing.rows.append([.text(ticker), .text(name)])
          }
        case .privacyAssets:
          listing = Listing(columns: ["asset", "privacy_feature"])
          for (ticker, feature) in reference.privacyAssets.sorted(by: { $0.key < $1.key }) {
            listing.rows.append([.text(ticker), .text(feature)])
          }
        case .counterpartyVASPs:
          listing = Listing(columns: ["vasp", "country", "standing", "reference"])
          for vasp in reference.vasps {
            listing.rows.append([.text(vasp.name), .text(vasp.country), .text(vasp.standing.rawValue), .text(vasp.reference)])
          }
        case .usdKZTRates:
          listing = Listing(columns: ["date", "kzt_per_usd"])
          for (day, rate) in zip(reference.tengeRates.days, reference.tengeRates.rates) {
            listing.rows.append([.text(CivilDate(daysSinceEpoch: day).description), .text(TengeRates.format(rate: rate))])
          }
        }
      } else {
        let today = try on.map { text -> CivilDate in
          guard let day = CivilDate(iso: text) else { throw ValidationError("--on must be a date, YYYY-MM-DD") }
          return day
        } ?? Timestamp.wallClock().civil().date
        listing = Listing(columns: ["list", "entries", "published_on", "age_days", "file", "source"])
        for list in ReferenceList.allCases {
          let source = list.source(in: reference)
          let age = CivilDate(iso: source.publishedOn).map { today.daysSinceEpoch - $0.daysSinceEpoch }
          listing.rows.append([
            .text(list.rawValue), .number(Int64(list.count(in: reference))), .text(source.publishedOn),
            age.map { .number($0) } ?? .text(""), .text(source.file), .text(source.source),
          ])
        }
        listing.wideColumns = ["source"]
      }
      print(listing.render(format), terminator: "")
    }
  }
}
