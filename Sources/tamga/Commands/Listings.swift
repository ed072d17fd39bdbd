import ArgumentParser
import Foundation
import TamgaModel
import TamgaPipeline
import TamgaStore
import TamgaRules

struct Alerts: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List alerts, oldest event first, each with the values that made it fire.")

  @OptionGroup var options: StoreOptions
  @Option(help: "Only this customer.") var customer: String?
  @Option(help: "Only this rule id, or rules under this prefix (aifc.retail-cap).") var rule: String?
  @Option(help: "Only this severity or higher: low, medium, high, severe.") var severity: String?
  @Option(help: "Only events at or after this RFC 3339 time.") var since: String?
  @Option(help: "Only events before this RFC 3339 time.") var until: String?
  @Option(help: "At most this many alerts.") var limit: Int?
  @Option(help: "table, json or csv.") var format: OutputFormat = .table

  func run() throws {
    try reporting {
      var query = AlertQuery()
      query.customerID = customer
      query.ruleID = rule
      query.limit = limit
      if let severity {
        guard let parsed = Severity(rawValue: severity.lowercased()) else {
          throw Failure(.general, "--severity must be low, medium, high or severe")
        }
        query.minimumSeverity = parsed
      }
      query.since = try since.map { try parseTime($0, flag: "--since") }
      query.until = try until.map { try parseTime($0, flag: "--until") }
      let alerts = try options.openForReading().alerts(query)
      var listing = Listing(columns: ["id", "event_at", "severity", "rule", "customer", "summary", "explanation"])
      listing.wideColumns = ["explanation"]
      for alert in alerts {
        listing.rows.append([
          .text(alert.id), .text(alert.eventAt.description), .text(alert.severity.rawValue),
          .text(alert.ruleID.rawValue), .text(alert.customerID), .text(alert.summary), .json(alert.explanation.json),
        ])
      }
      print(listing.render(format), terminator: "")
      if format == .table { print("\(grouped(alerts.count)) alert\(alerts.count == 1 ? "" : "s")") }
    }
  }
}

func parseTime(_ text: String, flag: String) throws -> Timestamp {
  if let time = Timestamp(rfc3339: text) { return time }
  if let date = CivilDate(iso: text) { return AlmatyCalendar.localMidnight(date) }
  throw Failure(.general, "\(flag) must be an RFC 3339 time (2026-03-01T09:15:00Z) or a date (2026-03-01, Almaty midnight)")
}

struct Rejects: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the rows that could not be used, with file, line, column, reason and the raw line.")

  @OptionGroup var options: StoreOptions
  @Option(help: "Only rows from this file (name or path).") var file: String?
  @Option(help: "Only this reason code (bad_number, bad_timestamp, unknown_kind, …).") var reason: String?
  @Option(help: "At most this many rows.") var limit: Int?
  @Option(help: "table, json or csv.") var format: OutputFormat = .table

  func run() throws {
    try reporting {
      var query = RejectionQuery()
      query.fileName = file
      query.code = reason
      query.limit = limit
      let rejections = try options.openForReading().rejections(query)
      var listing = Listing(columns: ["file", "line", "column", "reason", "message", "raw"])
      for stored in rejections {
        let rejection = stored.rejection
        listing.rows.append([
          .text(rejection.file), .number(Int64(rejection.line)), .text(rejection.column ?? ""),
          .text(rejection.reason.code.rawValue), .text(rejection.reason.message),
          // Invalid UTF-8 shows as U+FFFD: the stored bytes stay exactly as read.
          .text(String(decoding: rejection.raw, as: UTF8.self)),
        ])
      }
      print(listing.render(format), terminator: "")
      if format == .table { print("\(grouped(rejections.count)) rejected row\(rejections.count == 1 ? "" : "s")") }
    }
  }
}

struct Ledger: ParsableCommand {
  static let configuration = CommandConfiguration(abstract: "List the files replayed into the store.")

  @OptionGroup var options: StoreOptions
  @Option(help: "table, json or csv.") var format: OutputFormat = .table

  func run() throws {
    try reporting {
      let entries = try options.openForReading().ledger()
      var listing = Listing(columns: [
        "id", "file", "kind", "sha256", "bytes", "accepted", "rejected", "alerts", "first_event", "last_event",
      ])
      for entry in entries {
        listing.rows.append([
          .number(entry.id), .text(entry.fileName), .text(entry.kind.rawValue), .text(entry.sha256),
          .number(entry.byteCount), .number(Int64(entry.rowsAccepted)), .number(Int64(entry.rowsRejected)),
          .number(Int64(entry.alertsRaised)), .text(entry.firstEventAt?.description ?? ""),
          .text(entry.lastEventAt?.description ?? ""),
        ])
      }
      print(listing.render(format), terminator: "")
    }
  }
}

struct HeadroomCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "headroom", abstract: "What a retail client may still buy under the AIFC retail caps.")

  @OptionGroup var options: StoreOptions
  @Argument(help: "The customer_id.") var customer: String
  @Option(help: "The moment to ask about (RFC 3339 or a date); default: the latest event replayed.")
  var at: String?
  @Option(help: "table or json.") var format: OutputFormat = .table

  func run() throws {
    try reporting {
      let configuration = try options.loadConfiguration()
      let store = try options.openForReading()
      let instant: Timestamp
      if let at {
        instant = try parseTime(at, flag: "--at")
      } else {
        let latest = try store.ledger().compactMap(\.lastEventAt).max()
        instant = latest ?? .wallClock()
      }
      let replayer = try Replayer(store: store, configuration: configuration)
      guard let headroom = try replayer.headroom(customerID: customer, at: instant) else {
        throw Failure(.general, "no customer \(customer) in \(store.path)")
      }
      var listing = Listing(columns: ["customer", "at", "cap", "period", "limit", "used", "remaining", "basis"])
      let status = headroom.status
      let capName: String
      switch headroom.cap {
      case .exempt: capName = "exempt"
      case .monthly: capName = "monthly"
      case .annual: capName = "annual"
      }
      let limit = headroom.cap.limit?.plain ?? ""
      let basis = headroom.basis
      listing.rows.append([
        .text(customer), .text(instant.description), .text(capName), .text(headroom.period ?? ""), .text(limit),
        .text(headroom.used?.plain ?? (headroom.period == nil ? "" : "unknown")),
        .text(headroom.remaining?.plain ?? ""),
        .text(basis + " (\(status.verification.rawValue) since \(status.since))"),
      ])
      print(listing.render(format == .csv ? .csv : format), terminator: "")
    }
  }
}

struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config", abstract: "Show the effective configuration.", subcommands: [Show.self])

  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the effective configuration as YAML, defaults included, with what each key means.")
    @OptionGroup var options: StoreOptions

    func run() throws {
      try reporting {
        let configuration = try options.loadConfiguration()
        print("# from: \(options.configPath ?? "built-in defaults")")
        print(configuration.yaml, terminator: "")
      }
    }
  }
}

struct Init: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Create a case store and a commented default configuration (tamga.yaml).")

  @OptionGroup var options: StoreOptions

  func run() throws {
    try reporting {
      let configuration = try options.loadConfiguration()
      _ = try options.openForWriting()
      print("store ready: \(options.storePath)")
      let path = options.config ?? "tamga.yaml"
      if FileManager.default.fileExists(atPath: path) {
        print("configuration kept: \(path)")
      } else {
        guard FileManager.default.createFile(atPath: path, contents: Data(configuration.yaml.utf8)) else {
          throw Failure(.general, "\(path): cannot write the configuration file")
        }
        print("configuration written: \(path)")
      }
    }
  }
}
