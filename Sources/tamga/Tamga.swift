import ArgumentParser

/// The `tamga` command line: flags, configuration files, output and exit codes, nothing else.
@main
struct Tamga: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tamga",
    abstract: "AML/KYT transaction monitoring for crypto-asset service providers.",
    discussion: """
      Replays an exchange's daily customer and transfer files into an SQLite case store,
      enforcing the AIFC retail investment caps and screening names and wallet addresses against
      the sanctions, PEP and watch lists loaded with `tamga lists load`. The store is ./tamga.db unless --store or
      TAMGA_STORE says otherwise; the configuration is ./tamga.yaml when present, or --config /
      TAMGA_CONFIG.

      Exit codes: 0 success; 1 not found or other failure; 2 `tamga audit verify` found the
      chain broken; 3 replay finished with rejected rows (only with --fail-on-reject); 4 the
      case changed since it was read (conflict); 64 bad command line, or a case action that its
      case's state does not allow; 65 an input file cannot be used; 66 an input file or the
      store is missing; 74 the store failed; 75 the store is busy; 77 the user may not do that
      (not configured, wrong role, four-eyes); 78 the configuration is invalid.
      """,
    subcommands: [
      Demo.self, Init.self, Replay.self, Synth.self, ListsCommand.self, ScreenCommand.self, Alerts.self, Rejects.self,
      Ledger.self, HeadroomCommand.self, ConfigCommand.self, ExposureCommand.self, ImportCommand.self, TravelRuleCommand.self,
      ReferenceCommand.self, QueueCommand.self, CaseCommand.self, CasesCommand.self, AuditCommand.self, ReportCommand.self,
    ])
}
