import Foundation
public import TamgaModel
public import TamgaStore

/// A suspicious-transaction report draft for the MLRO to complete and file: who the customer
/// is, the transactions, the grounds, every alert's explanation, the list entries behind them,
/// the MLRO's decision and the case's history, as JSON and as a readable HTML page.
///
/// Drafted only for a case decided (or proposed) suspicious. Everything in it comes from the
/// store; nothing is invented, and what the store cannot know (the firm's own registration,
/// the narrative in the MLRO's words) is named in `to_complete` rather than left blank.
public struct ReportDraft: Sendable {
  public let dossier: CaseDossier
  public let draftedAt: Timestamp

  /// - Throws: ``CaseWorkError`` `.invalid` unless the case is decided or proposed suspicious.
  public init(dossier: CaseDossier, draftedAt: Timestamp) throws(CaseWorkError) {
    let file = dossier.caseFile
    let disposition = file.decision?.disposition ?? file.proposal?.disposition
    guard disposition == .suspicious else {
      throw CaseWorkError(
        .invalid,
        "case \(file.id) is not \(file.status == .closed ? "closed" : "proposed") as suspicious: "
          + "a report is drafted for a suspicious case only")
    }
    self.dossier = dossier
    self.draftedAt = draftedAt
  }

  /// The grounds: each rule that fired, how often, at what severity at most.
  public var grounds: [(rule: String, alerts: Int, severity: Severity)] {
    var counts: [String: (Int, Severity)] = [:]
    for alert in dossier.alerts {
      let seen = counts[alert.ruleID.rawValue] ?? (0, .low)
      counts[alert.ruleID.rawValue] = (seen.0 + 1, max(seen.1, alert.severity))
    }
    return counts.keys.sorted().map { (rule: $0, alerts: counts[$0]!.0, severity: counts[$0]!.1) }
  }

  /// What the MLRO still has to add before filing.
  public var toComplete: [String] {
    var items = [
      "the reporting firm's name, licence number and contact officer",
      "the narrative: what the customer did, in the MLRO's words, beyond the rules' explanations",
    ]
    if dossier.caseFile.decision?.reportDecision == nil { items.insert("the MLRO's decision whether to file", at: 0) }
    return items
  }

  // MARK: - JSON

  public var json: String {
    let file = dossier.caseFile
    var root = Explanation([
      "kind": .text("suspicious-transaction-report-draft"), "case_id": .integer(file.id),
      "drafted_at": .time(draftedAt), "status": .text(file.status.rawValue),
    ])
    if let customer = dossier.customerRecords.last { root.append("customer", .object(Self.customer(customer))) }
    root.append("transactions", dossier.transactionsJSON)
    root.append(
      "grounds",
      .list(
        grounds.map {
          .object(Explanation(["rule": .text($0.rule), "alerts": .integer(Int64($0.alerts)), "severity": .text($0.severity.rawValue)]))
        }))
    root.append("alerts", dossier.alertsJSON)
    root.append(
      "list_entries",
      .list(
        dossier.listEntries.map {
          .object(
            Explanation([
              "list": .text($0.list), "entry_id": .text($0.entryID), "fingerprint": .text($0.fingerprint),
              "entry": .object(Explanation(storedJSON: $0.body)),
            ]))
        }))
    root.append("decision", .object(Self.decision(of: file)))
    root.append(
      "history",
      .list(
        dossier.history.map {
          .object(
            Explanation([
              "at": .time($0.recordedAt), "actor": .text($0.actor), "action": .text($0.action),
              "details": .object($0.details), "hash": .text($0.hash),
            ]))
        }))
    root.append(
      "attachments",
      .list(
        dossier.attachments.map {
          .object(Explanation(["file_name": .text($0.fileName), "bytes": .integer($0.byteCount), "sha256": .text($0.sha256)]))
        }))
    root.append("to_complete", .list(toComplete.map { .text($0) }))
    return root.json + "\n"
  }

  public static func customer(_ record: CustomerRecord) -> Explanation {
    var out = Explanation([
      "customer_id": .text(record.customerID), "full_name": .text(record.fullName),
      "person_type": .text(record.personType.rawValue), "aliases": .list(record.aliases.map { .text($0) }),
    ])
    if let born = record.dateOfBirth { out.append("date_of_birth", .text(born.description)) }
    out.append("nationality", .text(record.nationality))
    out.append("residence", .text(record.residence))
    out.append("client_class", .text(record.clientClass.rawValue))
    out.append("regime", .text(record.regime.rawValue))
    out.append("verification", .text(record.verification.rawValue))
    out.append("risk_rating", .text(record.riskRating.rawValue))
    out.append("pep_declared", .flag(record.isPEPDeclared))
    if let income = record.annualIncome { out.append("annual_income_usd", .usd(income)) }
    out.append(
      "wallets", .list(record.wallets.map { .object(Explanation(["chain": .text($0.chain), "address": .text($0.address)])) }))
    out.append("record_as_of", .time(record.recordedAt))
    return out
  }

  public static func decision(of file: Case) -> Explanation {
    if let decision = file.decision {
      var out = Explanation([
        "disposition": .text(decision.disposition.rawValue), "reason": .text(decision.reason),
        "prepared_by": .text(decision.preparedBy),
      ])
      if let approvedBy = decision.approvedBy { out.append("approved_by", .text(approvedBy)) }
      if let reason = decision.approvalReason { out.append("approval_reason", .text(reason)) }
      out.append("report", .text(decision.reportDecision?.rawValue ?? "undecided"))
      out.append("closed_at", .time(decision.closedAt))
      return out
    }
    guard let proposal = file.proposal else { return Explanation() }
    return Explanation([
      "proposed": .text(proposal.disposition.rawValue), "reason": .text(proposal.reason),
      "prepared_by": .text(proposal.preparedBy), "report": .text(proposal.reportDecision?.rawValue ?? "undecided"),
      "awaiting": .text("approval by a second user; the MLRO decides whether to file"),
    ])
  }

  // MARK: - HTML

  public var html: String {
    let file = dossier.caseFile
    var page = """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><title>STR draft: case \(file.id)</title>
      <style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;max-width:70em;color:#222}
      table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
      th{background:#f3f3f3}code{font-size:12px;word-break:break-all}h2{margin-top:1.5em;border-bottom:1px solid #ddd}
      .todo{background:#fff6d6;padding:.5em 1em}</style></head><body>
      <h1>Suspicious transaction report — draft</h1>
      <p>Case \(file.id), drafted \(draftedAt). For the financial intelligence unit (in Kazakhstan, the
      Agency for Financial Monitoring); a draft for the MLRO, not a filing.</p>

      """
    page += "<div class=\"todo\"><strong>To complete before filing:</strong><ul>"
      + toComplete.map { "<li>\(Self.escape($0))</li>" }.joined() + "</ul></div>\n"
    page += "<h2>Decision</h2>\n" + Self.table(Self.decision(of: file).values.sorted { $0.key < $1.key }.map { [$0.key, "\($0.value)"] })
    if let customer = dossier.customerRecords.last {
      page += "<h2>Customer</h2>\n" + Self.table(Self.rows(Self.customer(customer)))
    }
    page += "<h2>Grounds</h2>\n"
      + Self.table(grounds.map { [$0.rule, String($0.alerts), $0.severity.rawValue] }, header: ["rule", "alerts", "highest severity"])
    page += "<h2>Transactions</h2>\n"
      + Self.table(
        dossier.transactions.map { [$0.transferID, $0.at, $0.usdValue, $0.counterpartyAddress, $0.rules.joined(separator: ", "), $0.source] },
        header: ["transfer", "at", "USD", "counterparty address", "rules", "source file"])
    page += "<h2>Alerts and their explanations</h2>\n"
      + Self.table(
        dossier.alerts.map { [$0.eventAt.description, $0.severity.rawValue, $0.ruleID.rawValue, $0.summary, "<code>" + $0.explanation.json] },
        header: ["event at", "severity", "rule", "summary", "explanation"])
    if !dossier.listEntries.isEmpty {
      page += "<h2>List entries</h2>\n"
        + Self.table(dossier.listEntries.map { [$0.list, $0.entryID, "<code>" + $0.body] }, header: ["list", "entry", "entry as listed"])
    }
    page += "<h2>History</h2>\n"
      + Self.table(
        dossier.history.map { [$0.recordedAt.description, $0.actor, $0.action, "<code>" + $0.details.json] },
        header: ["at", "who", "what", "details"])
    if !dossier.attachments.isEmpty {
      page += "<h2>Attachments</h2>\n"
        + Self.table(dossier.attachments.map { [$0.fileName, String($0.byteCount), $0.sha256] }, header: ["file", "bytes", "sha256"])
    }
    return page + "</body></html>\n"
  }

  static func rows(_ explanation: Explanation) -> [[String]] {
    explanation.values.sorted { $0.key < $1.key }.map { key, value in
      if let list = value as? [Any] { return [key, list.map { "\($0)" }.joined(separator: "; ")] }
      return [key, "\(value)"]
    }
  }

  /// A table; a cell starting `<code>` is the rest escaped inside a code element.
  static func table(_ rows: [[String]], header: [String]? = nil) -> String {
    var out = "<table>"
    if let header { out += "<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>" }
    for row in rows {
      out += "<tr>" + row.map { cell in
        cell.hasPrefix("<code>") ? "<td><code>\(escape(String(cell.dropFirst(6))))</code></td>" : "<td>\(escape(cell))</td>"
      }.joined() + "</tr>"
    }
    return out + "</table>\n"
  }

  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(character)
      }
    }
    return out
  }
}

extension CaseDossier {
  /// A transaction named by the case's alerts.
  public struct Transaction: Hashable, Sendable {
    public var transferID: String
    public var at: String
    public var usdValue: String
    public var counterpartyAddress: String
    /// The file it was replayed from, with the file's SHA-256.
    public var source: String
    /// The rules that fired on it.
    public var rules: [String]
  }

  /// The transactions the alerts name, in time order, each once.
  public var transactions: [Transaction] {
    var byID: [String: Transaction] = [:]
    var order: [String] = []
    for alert in alerts {
      let values = alert.explanation.values
      guard let id = values["transfer_id"] as? String else { continue }
      if byID[id] == nil {
        order.append(id)
        byID[id] = Transaction(
          transferID: id, at: values["transfer_at"] as? String ?? alert.eventAt.description,
          usdValue: values["usd_value"] as? String ?? values["purchase"] as? String ?? values["deposit_usd"] as? String ?? "",
          counterpartyAddress: values["counterparty_address"] as? String ?? "", source: source(of: alert), rules: [])
      }
      byID[id]?.rules.append(alert.ruleID.rawValue)
    }
    return order.compactMap { byID[$0] }.sorted { ($0.at, $0.transferID) < ($1.at, $1.transferID) }
  }

  /// The file (with its SHA-256) or list load that raised `alert`.
  public func source(of alert: Alert) -> String {
    switch alertSources[alert.id] {
    case .file(let entry)?: "\(entry.fileName) (sha256 \(entry.sha256))"
    case .listSnapshot(let snapshot)?: "list snapshot \(snapshot.id) \(snapshot.name) (sha256 \(snapshot.sha256))"
    case nil: ""
    }
  }


  /// The alerts as JSON, each with its explanation and where it came from.
  public var alertsJSON: Explanation.Value {
    .list(
      alerts.map {
        .object(
          Explanation([
            "id": .text($0.id), "rule": .text($0.ruleID.rawValue), "severity": .text($0.severity.rawValue),
            "event_at": .time($0.eventAt), "summary": .text($0.summary), "explanation": .object($0.explanation),
            "source": .text(source(of: $0)),
          ]))
      })
  }

  /// The transactions as JSON.
  public var transactionsJSON: Explanation.Value {
    .list(
      transactions.map {
        .object(
          Explanation([
            "transfer_id": .text($0.transferID), "at": .text($0.at), "usd_value": .text($0.usdValue),
            "counterparty_address": .text($0.counterpartyAddress), "source": .text($0.source),
            "rules": .list($0.rules.map { .text($0) }),
          ]))
      })
  }
}
