import ArgumentParser
import Foundation
import TamgaModel
import TamgaPipeline
import TamgaStore

/// Who is acting on cases.
struct ActingOptions: ParsableArguments {
  @Option(name: .customLong("as"), help: "The user acting (default: $TAMGA_USER); users and roles come from the configuration.")
  var user: String?

  var actingUser: String? {
    user ?? ProcessInfo.processInfo.environment["TAMGA_USER"].flatMap { $0.isEmpty ? nil : $0 }
  }
}

func parsePriority(_ text: String) throws -> CasePriority {
  let digits = text.uppercased().hasPrefix("P") ? String(text.dropFirst()) : text
  guard let value = Int(digits), (1...4).contains(value) else {
    throw Failure(.usage, "--priority must be P1, P2, P3 or P4 (or 1 to 4), not \(text)")
  }
  return CasePriority(rawValue: value)
}

// MARK: - The queue

struct QueueCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "queue",
    abstract: "Open case work, most urgent first: by priority, then due time.",
    discussion: """
      Lists undecided cases (open, and waiting for approval) unless --status says otherwise.
      A case is overdue when its due time has passed; `tamga cases sweep` (and every replay)
      escalates overdue cases by one priority.
      """)

  @OptionGroup var options: StoreOptions
  @OptionGroup var acting: ActingOptions
  @Option(help: "Only cases assigned to this user.") var assignee: String?
  @Flag(help: "Only cases assigned to the acting user (--as or $TAMGA_USER).") var mine = false
  @Flag(help: "Only cases nobody has claimed.") var unassigned = false
  @Option(help: "Only this customer's cases.") var customer: String?
  @Option(help: "Only this priority or more urgent (P1 to P4).") var priority: String?
  @Flag(help: "Only cases past their due time.") var overdue = false
  @Option(help: "open, pending (waiting for approval), closed, undecided (open and pending; the default) or all.")
  var status: String = "undecided"
  @Option(help: "At most this many cases (0 for all).") var limit: Int = 100
  @Option(help: "table, json or csv.") var format: OutputFormat = .table

  func run() throws {
    try reporting {
      let store = try options.openForReading()
      let now = store.clock()
      var query = CaseQuery()
      switch status.lowercased() {
      case "open": query.statuses = [.open]
      case "pending", "pending_approval", "pending-approval": query.statuses = [.pendingApproval]
      case "closed": query.statuses = [.closed]
      case "undecided": query.statuses = [.open, .pendingApproval]
      case "all": query.statuses = Set(CaseStatus.allCases)
      default: throw Failure(.usage, "--status must be open, pending, closed, undecided or all, not \(status)")
      }
      if mine {
        guard let user = acting.actingUser else { throw Failure(.usage, "--mine needs the acting user: --as USER or $TAMGA_USER") }
        query.assignee = user
      }
      if let assignee { query.assignee = assignee }
      query.isUnassignedOnly = unassigned
      query.customerID = customer
      query.maximumPriority = try priority.map(parsePriority)
      if overdue { query.dueBefore = now }
      query.limit = limit > 0 ? limit : nil
      let entries = try store.queue(query)
      var listing = Listing(columns: [
        "case", "priority", "status", "due_at", "overdue", "customer", "alerts", "severity", "assignee", "escalations",
        "freeze", "rules",
      ])
      for entry in entries {
        let file = entry.caseFile
        listing.rows.append([
          .number(file.id), .text(file.priority.description), .text(file.status.rawValue), .text(file.dueAt.description),
          .text(file.isOverdue(at: now) ? "overdue" : ""), .text(file.customerID), .number(Int64(file.alertCount)),
          .text(file.highestSeverity.rawValue), .text(file.assignee ?? ""), .number(Int64(file.escalations)),
          .text(file.isFreezeRecommended ? "freeze" : ""), .text(entry.rules.joined(separator: " ")),
        ])
      }
      print(listing.render(format), terminator: "")
      if format == .table {
        let late = entries.filter { $0.caseFile.isOverdue(at: now) }.count
        print("\(grouped(entries.count)) case\(entries.count == 1 ? "" : "s"), \(grouped(late)) overdue"
          + (query.limit.map { entries.count == $0 ? " (first \($0); --limit 0 for all)" : "" } ?? ""))
      }
    }
  }
}

// MARK: - One case

struct CaseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "case",
    abstract: "Show and work one case: claim, assign, note, attach, escalate, close, approve, reopen, report.",
    discussion: """
      Every action is recorded in the audit chain with the acting user (--as or $TAMGA_USER),
      who must be listed under `users:` in the configuration with the role analyst or mlro.
      Give --if-version with the version `tamga case show` printed to be refused (exit 4)
      when someone changed the case since you read it.
      """,
    subcommands: [
      ShowCase.self, ClaimCase.self, AssignCase.self, NoteCase.self, AttachToCase.self, EscalateCase.self, CloseCase.self,
      ApproveCase.self, ReopenCase.self, ReportCase.self,
    ])
}

/// What every acting case command takes.
struct CaseActionOptions: ParsableArguments {
  @OptionGroup var options: StoreOptions
  @OptionGroup var acting: ActingOptions
  @Argument(help: "The case number.") var id: Int64
  @Option(help: "Refuse (exit 4) unless the case is still at this version.") var ifVersion: Int?

  /// The case desk of the acting user.
  func desk() throws -> CaseDesk {
    let configuration = try options.loadConfiguration()
    let store = try options.openForWriting()
    return try Failure.wrap { try CaseDesk(store: store, configuration: configuration, user: acting.actingUser) }
  }

  /// One line saying what the case is now.
  static func confirm(_ action: String, _ updated: Case) {
    var line = "case \(updated.id) \(action): \(updated.status.rawValue), \(updated.priority)"
    if updated.status != .closed { line += ", due \(updated.dueAt)" }
    if let assignee = updated.assignee { line += ", assigned to \(assignee)" }
    print(line + " (version \(updated.version))")
  }
}

struct ShowCase: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "A case whole: the customer, every alert with its explanation, the transfers, list entries and history.")

  @OptionGroup var options: StoreOptions
  @Argument(help: "The case number.") var id: Int64
  @Option(help: "text or json.") var format: DossierFormat = .text

  enum DossierFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

  func run() throws {
    try reporting {
      let store = try options.openForReading()
      guard let dossier = try store.dossier(id) else { throw Failure(.general, "there is no case \(id) in \(store.path)") }
      switch format {
      case .text: print(DossierText.render(dossier, now: store.clock()), terminator: "")
      case .json: print(DossierJSON.render(dossier, now: store.clock()))
      }
    }
  }
}

struct ClaimCase: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "claim", abstract: "Take an unassigned case as your own.")
  @OptionGroup var action: CaseActionOptions

  func run() throws {
    try reporting { CaseActionOptions.confirm("claimed", try action.desk().claim(action.id, ifVersion: action.ifVersion)) }
  }
}

struct AssignCase: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "assign", abstract: "Give a case to a user (MLRO only).")
  @OptionGroup var action: CaseActionOptions
  @Option(help: "The user who takes the case.") var to: String
  @Option(help: "Why (kept in the history).") var reason: String?

  func run() throws {
    try reporting {
      CaseActionOptions.confirm(
        "assigned", try action.desk().assign(action.id, to: to, reason: reason, ifVersion: action.ifVersion))
    }
  }
}

struct NoteCase: ParsableCommand {
  static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a note to a case's history.")
  @OptionGroup var action: CaseActionOptions
  @Argument(help: "The note.") var text: String

  func run() throws {
    try reporting { CaseActionOptions.confirm("noted", try action.desk().note(action.id, text: text, ifVersion: action.ifVersion)) }
  }
}

struct AttachToCase: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "attach", abstract: "Store a file on a case as evidence; its SHA-256 goes into the audit chain.")
  @OptionGroup var action: CaseActionOptions
  @Argument(help: "The file to attach.") var file: String

  func run() throws {
    try reporting {
      guard let data = FileManager.default.contents(atPath: file) else { throw Failure(.missingInput, "\(file): cannot read the file") }
      let name = (file as NSString).lastPathComponent
      let result = try action.desk().attach(action.id, fileName: name, content: [UInt8](data), ifVersion: action.ifVersion)
      print("attached \(name) (\(grouped(data.count)) bytes, sha256 \(result.sha256)) as attachment \(result.attachmentID)")
      CaseActionOptions.confirm("updated", result.case)
    }
  }
}

struct EscalateCase: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "escalate", abstract: "Make a case one priority more urgent, due again from now; --to hands it to an MLRO.")
  @OptionGroup var action: CaseActionOptions
  @Option(help: "Why.") var reason: String = ""
  @Option(help: "An MLRO to hand the case to.") var to: String?

  func run() throws {
    try reporting {
      CaseActionOptions.confirm(
        "escalated", try action.desk().escalate(action.id, reason: reason, to: to, ifVersion: action.ifVersion))
    }
  }
}

struct CloseCase: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "close",
    abstract: "Decide a case: false-positive, no-further-action or suspicious, with a reason.",
    discussion: """
      Closing a case holding high or severe alerts, clearing a sanctions or PEP hit as a false
      positive, or finding a case suspicious needs a second user: the case then waits for
      `tamga case approve` by someone else. Whether a suspicious case is reported is the MLRO's
      decision (--report file or --report do-not-file), given here by an MLRO or on approval.
      """)
  @OptionGroup var action: CaseActionOptions
  @Option(help: "false-positive, no-further-action or suspicious.") var disposition: String
  @Option(help: "Why: kept with the decision.") var reason: String = ""
  @Option(help: "MLRO only, on a suspicious case: file or do-not-file.") var report: String?

  func run() throws {
    try reporting {
      guard let decided = Disposition(flag: disposition) else {
        throw Failure(.usage, "--disposition must be false-positive, no-further-action or suspicious, not \(disposition)")
      }
      let reportDecision = try report.map(parseReport)
      let updated = try action.desk().close(
        action.id, disposition: decided, reason: reason, report: reportDecision, ifVersion: action.ifVersion)
      if updated.status == .pendingApproval {
        CaseActionOptions.confirm("proposed as \(decided.flag); a second user must approve it", updated)
      } else {
        CaseActionOptions.confirm("closed as \(decided.flag)", updated)
      }
    }
  }
}

func parseReport(_ text: String) throws -> ReportDecision {
  guard let decision = ReportDecision(flag: text) else { throw Failure(.usage, "--report must be file or do-not-file, not \(text)") }
  return decision
}

struct ApproveCase: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "approve", abstract: "Approve the decision another user proposed (four-eyes), closing the case.")
  @OptionGroup var action: CaseActionOptions
  @Option(help: "Why (required with --report).") var reason: String?
  @Option(help: "MLRO only, on a suspicious case: file or do-not-file.") var report: String?

  func run() throws {
    try reporting {
      let updated = try action.desk().approve(
        action.id, reason: reason, report: try report.map(parseReport), ifVersion: action.ifVersion)
      var what = "approved and closed as \(updated.decision?.disposition.flag ?? "")"
      if let report = updated.decision?.reportDecision { what += ", report: \(report.flag)" }
      CaseActionOptions.confirm(what, updated)
    }
  }
}

struct ReopenCase: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reopen",
    abstract: "Send a proposed decision back, or reopen a closed case (MLRO only), with a reason.")
  @OptionGroup var action: CaseActionOptions
  @Option(help: "Why.") var reason: String = ""

  func run() throws {
    try reporting { CaseActionOptions.confirm("reopened", try action.desk().reopen(action.id, reason: reason, ifVersion: action.ifVersion)) }
  }
}

// MARK: - The store's case work as a whole

struct CasesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cases", abstract: "Work on all cases at once.", subcommands: [SweepCases.self])
}

struct SweepCases: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Escalate every undecided case past its due time: one priority more urgent, due again from now.")
  @OptionGroup var options: StoreOptions

  func run() throws {
    try reporting {
      let configuration = try options.loadConfiguration()
      let store = try options.openForWriting()
      let outcome = try Replayer(store: store, configuration: configuration).sweepOverdueCases()
      print("escalated \(grouped(outcome.casesEscalated)) overdue case\(outcome.casesEscalated == 1 ? "" : "s")")
    }
  }
}

struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit", abstract: "Check the audit chain.", subcommands: [VerifyAudit.self])
}

struct VerifyAudit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check every audit event's hash and link, and the cases, alerts and attachments the chain vouches for.",
    discussion: "Exits 2 and names the first broken link when a row was edited or removed by hand.")
  @OptionGroup var options: StoreOptions

  func run() throws {
    try reporting {
      let result = try options.openForReading().verifyAuditChain()
      var counts = "\(grouped(result.eventsChecked)) events, \(grouped(result.casesChecked)) cases, "
        + "\(grouped(result.alertsChecked)) alerts, \(grouped(result.attachmentsChecked)) attachments checked"
      if result.alertsBeforeChain > 0 {
        counts += "; \(grouped(result.alertsBeforeChain)) alerts stored before the chain began are not covered"
      }
      guard !result.isIntact else {
        print("audit chain intact: " + counts)
        return
      }
      print("audit chain BROKEN: " + counts)
      for problem in result.problems { print("  " + problem) }
      throw Failure(.auditBroken, "the audit chain is broken; first: \(result.problems[0])")
    }
  }
}

struct ReportCase: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a suspicious-transaction report draft for a suspicious case: JSON and a readable HTML page.")
  @OptionGroup var options: StoreOptions
  @Argument(help: "The case number.") var id: Int64
  @Option(help: "The folder to write str-case-ID.json and str-case-ID.html into (created if missing).") var out: String

  func run() throws {
    try reporting {
      let store = try options.openForReading()
      guard let dossier = try store.dossier(id) else { throw Failure(.general, "there is no case \(id) in \(store.path)") }
      let draft = try Failure.wrap { try ReportDraft(dossier: dossier, draftedAt: store.clock()) }
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
      let base = URL(fileURLWithPath: out).appendingPathComponent("str-case-\(id)")
      for (suffix, text) in [("json", draft.json), ("html", draft.html)] {
        let path = base.appendingPathExtension(suffix).path
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
          throw Failure(.general, "\(path): cannot write the draft")
        }
        print("wrote \(path)")
      }
      if !draft.toComplete.isEmpty { print("to complete before filing: " + draft.toComplete.joined(separator: "; ")) }
    }
  }
}
