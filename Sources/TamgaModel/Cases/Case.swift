/// Where a case stands in its workflow.
public enum CaseStatus: String, Sendable, CaseIterable, Codable {
  /// Being worked: new, claimed, escalated or reopened.
  case open
  /// A disposition has been proposed and waits for a second user (four-eyes).
  case pendingApproval = "pending_approval"
  /// Decided. Only an MLRO may reopen it.
  case closed
}

/// How a case was decided.
public enum Disposition: String, Sendable, CaseIterable, Codable {
  /// The alerts were wrong about this customer (a namesake, a shared family wallet).
  case falsePositive = "false_positive"
  /// The alerts were right about the activity, and it is explained: nothing more to do.
  case noFurtherAction = "no_further_action"
  /// The activity stays suspicious after investigation: the MLRO decides whether to report it.
  case suspicious

  /// The spelling the command line takes and prints (`false-positive`).
  public var flag: String { rawValue.replacingUnderscores() }

  public init?(flag: String) {
    self.init(rawValue: String(flag.lowercased().map { $0 == "-" ? "_" : $0 }))
  }
}

/// What the MLRO decided about reporting a case closed as suspicious.
public enum ReportDecision: String, Sendable, CaseIterable, Codable {
  /// A suspicious-transaction report is filed with the financial intelligence unit.
  case file
  /// No report is filed; the reasons are kept, as a supervisor will ask for them.
  case doNotFile = "do_not_file"

  public var flag: String { rawValue.replacingUnderscores() }

  public init?(flag: String) {
    self.init(rawValue: String(flag.lowercased().map { $0 == "-" ? "_" : $0 }))
  }
}

/// What a user may do.
public enum Role: String, Sendable, CaseIterable, Codable {
  /// Works cases: claims, investigates, proposes a disposition, approves another's.
  case analyst
  /// The money-laundering reporting officer: everything an analyst does, and assigns work,
  /// decides suspicious cases and reopens closed ones.
  case mlro
}

/// How urgent a case is: 1 is the most urgent.
public struct CasePriority: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
  public var rawValue: Int
  public init(rawValue: Int) { self.rawValue = min(max(rawValue, 1), 4) }

  /// The priority an alert of `severity` gives on its own: severe 1, high 2, medium 3, low 4.
  public init(severity: Severity) {
    switch severity {
    case .severe: self.init(rawValue: 1)
    case .high: self.init(rawValue: 2)
    case .medium: self.init(rawValue: 3)
    case .low: self.init(rawValue: 4)
    }
  }

  /// One step more urgent (never past 1).
  public var raised: CasePriority { CasePriority(rawValue: rawValue - 1) }

  /// The severity whose due time this priority takes.
  public var severity: Severity {
    switch rawValue {
    case 1: .severe
    case 2: .high
    case 3: .medium
    default: .low
    }
  }

  public var description: String { "P\(rawValue)" }
  public static func < (lhs: CasePriority, rhs: CasePriority) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A case as the store holds it now: the alerts of one customer grouped for one investigation.
///
/// Every change to it is also an audit event (see ``AuditEvent``); `version` counts them, so a
/// command acting on what it read can refuse when someone changed the case in between.
public struct Case: Hashable, Sendable {
  public var id: Int64
  public var customerID: String
  public var status: CaseStatus
  public var priority: CasePriority
  /// The highest severity among its alerts.
  public var highestSeverity: Severity
  public var alertCount: Int
  /// When Tamga opened it (the wall clock of the replay that raised its first alert).
  public var openedAt: Timestamp
  /// When a decision is due: business days after opening by priority, or at once.
  public var dueAt: Timestamp
  /// The event times of its earliest and latest alerts.
  public var firstEventAt: Timestamp
  public var lastEventAt: Timestamp
  public var assignee: String?
  /// How many times it was escalated, by a user or for being overdue.
  public var escalations: Int
  /// A severe sanctions or terrorist-financing hit: the customer's assets should be frozen now.
  public var isFreezeRecommended: Bool
  /// The disposition proposed and waiting for a second user, with who proposed it and why.
  public var proposal: Proposal?
  /// The decision, once closed.
  public var decision: Decision?
  public var version: Int
  public var updatedAt: Timestamp

  public struct Proposal: Hashable, Sendable {
    public var disposition: Disposition
    public var reason: String
    public var preparedBy: String
    public var reportDecision: ReportDecision?
    public init(disposition: Disposition, reason: String, preparedBy: String, reportDecision: ReportDecision? = nil) {
      self.disposition = disposition
      self.reason = reason
      self.preparedBy = preparedBy
      self.reportDecision = reportDecision
    }
  }

  public struct Decision: Hashable, Sendable {
    public var disposition: Disposition
    public var reason: String
    public var preparedBy: String
    /// The second user, when four-eyes applied.
    public var approvedBy: String?
    public var approvalReason: String?
    public var reportDecision: ReportDecision?
    public var closedAt: Timestamp
    public init(
      disposition: Disposition, reason: String, preparedBy: String, approvedBy: String?, approvalReason: String?,
      reportDecision: ReportDecision?, closedAt: Timestamp
    ) {
      self.disposition = disposition
      self.reason = reason
      self.preparedBy = preparedBy
      self.approvedBy = approvedBy
      self.approvalReason = approvalReason
      self.reportDecision = reportDecision
      self.closedAt = closedAt
    }
  }

  public init(
    id: Int64, customerID: String, status: CaseStatus, priority: CasePriority, highestSeverity: Severity,
    alertCount: Int, openedAt: Timestamp, dueAt: Timestamp, firstEventAt: Timestamp, lastEventAt: Timestamp,
    assignee: String? = nil, escalations: Int = 0, isFreezeRecommended: Bool = false, proposal: Proposal? = nil,
    decision: Decision? = nil, version: Int = 1, updatedAt: Timestamp
  ) {
    self.id = id
    self.customerID = customerID
    self.status = status
    self.priority = priority
    self.highestSeverity = highestSeverity
    self.alertCount = alertCount
    self.openedAt = openedAt
    self.dueAt = dueAt
    self.firstEventAt = firstEventAt
    self.lastEventAt = lastEventAt
    self.assignee = assignee
    self.escalations = escalations
    self.isFreezeRecommended = isFreezeRecommended
    self.proposal = proposal
    self.decision = decision
    self.version = version
    self.updatedAt = updatedAt
  }

  /// Whether it is past its due time at `now` and still undecided.
  public func isOverdue(at now: Timestamp) -> Bool { status != .closed && dueAt < now }

  /// The fields the audit chain vouches for, in a fixed order: the last event of a case carries
  /// this text, so `tamga audit verify` notices a case row edited by hand.
  public var auditState: String {
    var fields = [
      "status=\(status.rawValue)", "priority=\(priority.rawValue)", "severity=\(highestSeverity.rawValue)",
      "alerts=\(alertCount)", "due=\(dueAt.millisecondsSinceEpoch)", "assignee=\(assignee ?? "")",
      "escalations=\(escalations)", "freeze=\(isFreezeRecommended ? 1 : 0)", "version=\(version)",
    ]
    if let proposal {
      fields.append(
        "proposed=\(proposal.disposition.rawValue)/\(proposal.preparedBy)/\(proposal.reportDecision?.rawValue ?? "")")
    }
    if let decision {
      fields.append(
        "decided=\(decision.disposition.rawValue)/\(decision.preparedBy)/\(decision.approvedBy ?? "")/"
          + "\(decision.reportDecision?.rawValue ?? "")/\(decision.closedAt.millisecondsSinceEpoch)")
    }
    return fields.joined(separator: ";")
  }
}

extension String {
  fileprivate func replacingUnderscores() -> String { String(map { $0 == "_" ? "-" : $0 }) }
}
