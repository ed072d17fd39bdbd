public import TamgaModel
public import TamgaStore

/// What the escalation did in one transaction.
public struct EscalationOutcome: Sendable, Equatable {
  /// Cases opened for alerts that joined no undecided case.
  public var casesOpened = 0
  /// Undecided cases that took new alerts.
  public var casesGrown = 0
  /// Cases waiting for approval whose proposal was withdrawn because new alerts arrived.
  public var proposalsWithdrawn = 0
  /// Overdue cases escalated by the sweep.
  public var casesEscalated = 0

  public init() {}

  public static func += (lhs: inout EscalationOutcome, rhs: EscalationOutcome) {
    lhs.casesOpened += rhs.casesOpened
    lhs.casesGrown += rhs.casesGrown
    lhs.proposalsWithdrawn += rhs.proposalsWithdrawn
    lhs.casesEscalated += rhs.casesEscalated
  }
}

/// Turns stored alerts into case work, as the escalation policy says.
///
/// Runs inside the transaction that stored the alerts, so a file's alerts and the cases they
/// open are committed together or not at all, and a reader never sees an alert that no case
/// holds (while the policy is enabled).
public struct Escalation: Sendable {
  public let policy: EscalationPolicy

  public init(policy: EscalationPolicy) {
    self.policy = policy
  }

  /// Puts each alert into its customer's undecided case when it fired within the grouping
  /// window of that case's alerts, else into a new case. One audit event per case touched.
  public func group(_ alerts: [StoredAlert], in work: CaseWork) throws -> EscalationOutcome {
    var outcome = EscalationOutcome()
    guard policy.isEnabled, !alerts.isEmpty else { return outcome }
    // By customer, then in event order, so a customer's alerts are walked once, oldest first.
    let ordered = alerts.sorted { ($0.customerID, $0.eventAt, $0.id) < ($1.customerID, $1.eventAt, $1.id) }
    var start = 0
    while start < ordered.count {
      var end = start + 1
      while end < ordered.count && ordered[end].customerID == ordered[start].customerID { end += 1 }
      try group(ordered[start..<end], in: work, outcome: &outcome)
      start = end
    }
    return outcome
  }

  private var window: Int64 { Int64(policy.groupingWindowHours) * 3_600_000 }

  /// One customer's alerts, in event order.
  private func group(_ alerts: ArraySlice<StoredAlert>, in work: CaseWork, outcome: inout EscalationOutcome) throws {
    let customerID = alerts[alerts.startIndex].customerID
    let isHighRisk = try work.riskRating(customerID: customerID) == "high"
    // The case being filled: an undecided one from before, or one this file opens.
    var current = try work.undecidedCase(customerID: customerID).map { Growing(existing: $0) }
    for alert in alerts {
      if let growing = current, growing.accepts(alert, window: window) {
        current?.add(alert)
        continue
      }
      if let growing = current { try finish(growing, in: work, isHighRisk: isHighRisk, outcome: &outcome) }
      current = Growing(first: alert, customerID: customerID)
    }
    if let growing = current { try finish(growing, in: work, isHighRisk: isHighRisk, outcome: &outcome) }
  }

  /// Writes a case that took alerts: opens it, or adds to it with the priority and due time
  /// its new alerts call for.
  private func finish(_ growing: Growing, in work: CaseWork, isHighRisk: Bool, outcome: inout EscalationOutcome) throws {
    guard !growing.added.isEmpty else { return }
    let added = growing.added
    let immediate = added.first { policy.isImmediate($0.ruleID, severity: $0.severity) }
    let addedSeverity = added.map(\.severity).max() ?? .low
    var details = Explanation([
      "alerts_added": .integer(Int64(added.count)),
      "rules": .text(Set(added.map(\.ruleID.rawValue)).sorted().joined(separator: ",")),
      "highest_severity_added": .text(addedSeverity.rawValue),
      "first_event_at": .text(added.map(\.eventAt).min()!.description),
      "last_event_at": .text(added.map(\.eventAt).max()!.description),
    ])
    if isHighRisk { details.append("customer_risk", .text("high")) }
    if let immediate { details.append("immediate_rule", .text(immediate.ruleID.rawValue)) }
    let alertIDs = added.map(\.id)
    // What the new alerts call for on their own.
    let priority = policy.priority(highestSeverity: addedSeverity, isImmediate: immediate != nil, isHighRiskCustomer: isHighRisk)

    guard var next = growing.existing else {
      let draft = Case(
        id: 0, customerID: growing.customerID, status: .open, priority: priority, highestSeverity: addedSeverity,
        alertCount: added.count, openedAt: work.now,
        dueAt: policy.due(from: work.now, priority: priority, isImmediate: immediate != nil),
        firstEventAt: growing.firstEventAt, lastEventAt: growing.lastEventAt, isFreezeRecommended: immediate != nil,
        updatedAt: work.now)
      details.append("priority", .integer(Int64(priority.rawValue)))
      details.append("due_at", .text(draft.dueAt.description))
      try work.open(draft, alertIDs: alertIDs, actor: CaseWork.system, details: details)
      outcome.casesOpened += 1
      return
    }
    let expectedVersion = next.version
    next.alertCount += added.count
    next.firstEventAt = growing.firstEventAt
    next.lastEventAt = growing.lastEventAt
    next.highestSeverity = max(next.highestSeverity, addedSeverity)
    // New alerts can only make a case more urgent, never less: due no later than they call for.
    if priority < next.priority {
      next.priority = priority
      next.dueAt = min(next.dueAt, policy.due(from: work.now, priority: priority, isImmediate: immediate != nil))
      details.append("priority", .integer(Int64(priority.rawValue)))
      details.append("due_at", .text(next.dueAt.description))
    }
    if immediate != nil { next.isFreezeRecommended = true }
    // A proposal was prepared on the alerts known then; the approver must not sign off on alerts
    // nobody looked at.
    if let proposal = next.proposal {
      next.proposal = nil
      next.status = .open
      details.append("proposal_withdrawn", .text("\(proposal.disposition.flag) by \(proposal.preparedBy)"))
      outcome.proposalsWithdrawn += 1
    }
    try work.addAlerts(alertIDs, to: next, expectedVersion: expectedVersion, details: details)
    outcome.casesGrown += 1
  }

  /// Escalates every undecided case past its due time: one priority more urgent, due again
  /// the priority's business days from now, and counted.
  public func sweep(in work: CaseWork) throws -> EscalationOutcome {
    var outcome = EscalationOutcome()
    guard policy.isEnabled else { return outcome }
    for overdue in try work.overdueCases(at: work.now) {
      var next = overdue
      next.escalations += 1
      next.priority = overdue.priority.raised
      next.dueAt = policy.due(from: work.now, priority: next.priority, isImmediate: false)
      try work.update(
        next, expectedVersion: overdue.version, actor: CaseWork.system, action: "escalated-overdue",
        details: Explanation([
          "was_due_at": .text(overdue.dueAt.description), "priority_before": .integer(Int64(overdue.priority.rawValue)),
          "priority": .integer(Int64(next.priority.rawValue)), "due_at": .text(next.dueAt.description),
          "escalations": .integer(Int64(next.escalations)),
        ]))
      outcome.casesEscalated += 1
    }
    return outcome
  }
}

/// A case taking a customer's alerts during grouping.
private struct Growing {
  var existing: Case?
  let customerID: String
  var firstEventAt: Timestamp
  var lastEventAt: Timestamp
  var added: [StoredAlert] = []

  init(existing: Case) {
    self.existing = existing
    customerID = existing.customerID
    firstEventAt = existing.firstEventAt
    lastEventAt = existing.lastEventAt
  }

  init(first: StoredAlert, customerID: String) {
    self.customerID = customerID
    firstEventAt = first.eventAt
    lastEventAt = first.eventAt
    added = [first]
  }

  /// Whether `alert` fired within `window` of the case's alerts (before or after them: a
  /// replay of an older file can bring earlier alerts).
  func accepts(_ alert: StoredAlert, window: Int64) -> Bool {
    alert.eventAt.millisecondsSinceEpoch >= firstEventAt.millisecondsSinceEpoch - window
      && alert.eventAt.millisecondsSinceEpoch <= lastEventAt.millisecondsSinceEpoch + window
  }

  mutating func add(_ alert: StoredAlert) {
    added.append(alert)
    firstEventAt = min(firstEventAt, alert.eventAt)
    lastEventAt = max(lastEventAt, alert.eventAt)
  }
}
