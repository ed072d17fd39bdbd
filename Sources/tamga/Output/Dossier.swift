import Foundation
import TamgaModel
import TamgaPipeline
import TamgaStore

/// `tamga case show`: a case as an analyst reads it, top to bottom.
enum DossierText {
  static func render(_ dossier: CaseDossier, now: Timestamp) -> String {
    let file = dossier.caseFile
    var out = "case \(file.id) · \(file.priority) · \(file.status.rawValue) · version \(file.version)\n"
    out += "  customer \(file.customerID) · \(grouped(file.alertCount)) alert\(file.alertCount == 1 ? "" : "s"), "
      + "highest \(file.highestSeverity.rawValue) · events \(file.firstEventAt) to \(file.lastEventAt)\n"
    out += "  opened \(file.openedAt) · due \(file.dueAt)\(file.isOverdue(at: now) ? " (OVERDUE)" : "")"
      + " · assigned to \(file.assignee ?? "nobody") · escalated \(file.escalations)×\n"
    if file.isFreezeRecommended {
      out += "  FREEZE RECOMMENDED: a severe sanctions or terrorist-financing hit; freeze the customer's assets now\n"
    }
    if let proposal = file.proposal {
      out += "  proposed: \(proposal.disposition.flag) by \(proposal.preparedBy): \(proposal.reason)"
        + (proposal.reportDecision.map { " (report: \($0.flag))" } ?? "") + "; waiting for a second user\n"
    }
    if let decision = file.decision {
      out += "  decided: \(decision.disposition.flag) by \(decision.preparedBy)"
        + (decision.approvedBy.map { ", approved by \($0)" } ?? "") + " at \(decision.closedAt): \(decision.reason)\n"
      if let reason = decision.approvalReason { out += "    approval: \(reason)\n" }
      if let report = decision.reportDecision { out += "    report: \(report.flag)\n" }
    }

    out += "\ncustomer\n"
    if let record = dossier.customerRecords.last {
      out += "  \(record.fullName) (\(record.personType.rawValue)) · \(record.clientClass.rawValue) · \(record.regime.rawValue)"
        + " · verification \(record.verification.rawValue) · risk \(record.riskRating.rawValue)"
        + (record.isPEPDeclared ? " · declared PEP" : "") + "\n"
      out += "  nationality \(record.nationality) · residence \(record.residence)"
        + (record.dateOfBirth.map { " · born \($0)" } ?? "") + " · record of \(record.recordedAt)"
        + (dossier.customerRecords.count > 1 ? " (\(dossier.customerRecords.count) records)" : "") + "\n"
      for wallet in record.wallets { out += "  wallet \(wallet.chain) \(wallet.address)\n" }
    } else {
      out += "  no customer record in the store\n"
    }

    out += "\nalerts\n"
    for alert in dossier.alerts {
      out += "  \(alert.eventAt)  \(alert.severity.rawValue)  \(alert.ruleID)  \(alert.id)\n"
      out += "    \(alert.summary)\n"
      out += "    \(alert.explanation.json)\n"
      switch dossier.alertSources[alert.id] {
      case .file(let entry)?: out += "    from \(entry.fileName) (ingest \(entry.id), sha256 \(entry.sha256.prefix(16))…)\n"
      case .listSnapshot(let snapshot)?: out += "    from the load of \(snapshot.name) snapshot \(snapshot.id)\n"
      case nil: break
      }
    }

    let transactions = dossier.transactions
    if !transactions.isEmpty {
      out += "\ntransfers involved\n"
      for transaction in transactions {
        out += "  \(transaction.transferID)  \(transaction.at)  USD \(transaction.usdValue)"
          + (transaction.counterpartyAddress.isEmpty ? "" : "  counterparty \(transaction.counterpartyAddress)")
          + "  (\(transaction.rules.joined(separator: ", ")))\n"
      }
      let addresses = Set(transactions.map(\.counterpartyAddress).filter { !$0.isEmpty }).sorted()
      if !addresses.isEmpty {
        out += "  exposure now: " + addresses.prefix(3).map { "tamga exposure \($0)" }.joined(separator: "; ")
          + (addresses.count > 3 ? "; … (\(addresses.count) addresses)" : "") + "\n"
      }
    }
    if !dossier.listEntries.isEmpty {
      out += "\nlist entries\n"
      for entry in dossier.listEntries { out += "  \(entry.list) \(entry.entryID): \(entry.body)\n" }
    }
    if !dossier.attachments.isEmpty {
      out += "\nattachments\n"
      for attachment in dossier.attachments {
        out += "  \(attachment.id)  \(attachment.fileName)  \(grouped(Int(attachment.byteCount))) bytes  sha256 \(attachment.sha256)"
          + "  by \(attachment.attachedBy) at \(attachment.attachedAt)\n"
      }
    }
    out += "\nhistory\n"
    for event in dossier.history {
      out += "  \(event.recordedAt)  \(event.actor)  \(event.action)  \(event.details.json)\n"
    }
    return out
  }
}

/// `tamga case show --format json`: the same, for scripts.
enum DossierJSON {
  static func render(_ dossier: CaseDossier, now: Timestamp) -> String {
    let file = dossier.caseFile
    var root = Explanation([
      "case": .integer(file.id), "customer": .text(file.customerID), "status": .text(file.status.rawValue),
      "priority": .integer(Int64(file.priority.rawValue)), "highest_severity": .text(file.highestSeverity.rawValue),
      "alert_count": .integer(Int64(file.alertCount)), "opened_at": .time(file.openedAt), "due_at": .time(file.dueAt),
      "overdue": .flag(file.isOverdue(at: now)), "assignee": .text(file.assignee ?? ""),
      "escalations": .integer(Int64(file.escalations)), "freeze_recommended": .flag(file.isFreezeRecommended),
      "version": .integer(Int64(file.version)), "decision": .object(ReportDraft.decision(of: file)),
    ])
    if let record = dossier.customerRecords.last { root.append("customer_record", .object(ReportDraft.customer(record))) }
    root.append("alerts", dossier.alertsJSON)
    root.append("transfers", dossier.transactionsJSON)
    root.append(
      "list_entries",
      .list(dossier.listEntries.map { .object(Explanation(["list": .text($0.list), "entry_id": .text($0.entryID), "entry": .object(Explanation(storedJSON: $0.body))])) }))
    root.append(
      "attachments",
      .list(
        dossier.attachments.map {
          .object(Explanation(["id": .integer($0.id), "file_name": .text($0.fileName), "bytes": .integer($0.byteCount), "sha256": .text($0.sha256)]))
        }))
    root.append(
      "history",
      .list(
        dossier.history.map {
          .object(Explanation(["id": .integer($0.id), "at": .time($0.recordedAt), "actor": .text($0.actor), "action": .text($0.action), "details": .object($0.details)]))
        }))
    return root.json
  }
}

