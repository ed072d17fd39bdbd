import ArgumentParser
import Foundation
import TamgaModel
import TamgaPipeline
import TamgaRules

struct ExposureCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "exposure",
    abstract: "An address's exposure by category: the labels that name it and where the value it received came from.",
    discussion: """
      Direct: the labels snapshots that name the address, with their categories. Indirect: the
      value the address received in the transfers and chain edges replayed into the store
      (`tamga replay --chain-edges`), and for each
      category the tainted value hop by hop from a labelled address and the weighted share
      (decay per hop) that the exposure.indirect.* alerts compare with their thresholds.
      Exit 1 when the store knows nothing of the address.
      """)

  @OptionGroup var options: StoreOptions
  @Argument(help: "The address (EVM hex and bech32 in any case).") var address: String
  @Option(help: "table or json.") var format: OutputFormat = .table

  func run() throws {
    try reporting {
      let configuration = try options.loadConfiguration()
      let replayer = try Replayer(store: try options.openForReading(), configuration: configuration)
      guard let exposure = try replayer.exposure(ofAddress: address) else {
        throw Failure(.general, "no value flowed into \(address) in the transfers and chain edges replayed, and no labels name it")
      }
      var listing = Listing(columns: ["kind", "category", "class", "share", "tainted_by_hop", "source"])
      for label in exposure.labels {
        for category in label.categories {
          listing.rows.append([
            .text("direct"), .text(category.rawValue), .text(category.riskClass.rawValue), .text("100.00%"), .text(""),
            .text("labelled \"\(label.entity)\" in \(label.snapshot)"),
          ])
        }
      }
      for share in exposure.categories {
        let threshold = exposure.policy.thresholdBasisPoints[share.category.riskClass] ?? 0
        listing.rows.append([
          .text("indirect"), .text(share.category.rawValue), .text(share.category.riskClass.rawValue),
          .text(percent(share.basisPoints)), .text(share.taintedByHop.map(\.plain).joined(separator: " / ")),
          .text("of \(exposure.received.plain) received; alerts from \(percent(threshold))"),
        ])
      }
      print(listing.render(format), terminator: "")
      if format == .table {
        print(
          "\(exposure.address): received \(exposure.received.plain) USD; hop limit \(exposure.policy.hopLimit), "
            + "each further hop counts \(exposure.policy.decayPercent)%")
      }
    }
  }

  private func percent(_ basisPoints: Int) -> String {
    "\(basisPoints / 100).\(basisPoints % 100 < 10 ? "0" : "")\(basisPoints % 100)%"
  }
}
