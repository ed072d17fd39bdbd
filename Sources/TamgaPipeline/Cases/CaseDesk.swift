import Foundation
public import TamgaModel
public import TamgaStore

/// Why the case desk refused an action, in words the analyst can act on.
public struct CaseWorkError: Error, CustomStringConvertible, Equatable {
  public enum Code: Sendable, Equatable {
    /// No such case.
    case noSuchCase
    /// The user is not configured, or their role may not do this, or four-eyes forbids it.
    case refused
    /// The case is not in a state that allows it, or something it needs is missing (a reason).
    case invalid
  }

  public var code: Code
  public var description: String

  public init(_ code: Code, _ description: String) {
    self.code = code
    self.description = description
  }
}

/// What one user may do to cases: every action the command line offers, each checked against
/// the user's role, the case's state and the four-eyes policy, and each one audit event.
///
/// Every action reads the case and writes it in one immediate transaction, so two analysts
/// acting at once are serialised: the second sees what the first did (a claim, a close) and is
/// refused in plain words. An action given the version its user looked at (`--if-version`)
/// is refused as a conflict when the case has moved on since.
public struct CaseDesk {
  public let store: CaseStore
  public let policy: EscalationPolicy
  public let users: [String: Role]
  /// Who is acting, and as what.
  public let user: String
  public let role: Role

  /// - Throws: ``CaseWorkError`` `.refused` when no users are configured or `user` is not one.
  public init(store: CaseStore, configuration: TamgaConfiguration, user: String?) throws(CaseWorkError) {
    guard !configuration.users.isEmpty else {
      throw CaseWorkError(
        .refused, "no users are configured: list them with their roles under `users:` in the configuration")
    }
    guard let user, !user.isEmpty else {
      throw CaseWorkError(.refused, "who is acting? give --as USER or set TAMGA_USER")
    }
    guard let role = configuration.users[user] else {
      throw CaseWorkError(
        .refused, "\(user) is not a configured user (known: \(configuration.users.keys.sorted().joined(separator: ", ")))")
    }
    self.store = store
    policy = configuration.escalation
    users = configuration.users
    self.user = user
    self.role = role
  }

  // MARK: - Taking work

  /// Takes an unassigned case (or one already the user's) as the user's own.
  public func claim(_ id: Int64, ifVersion: Int? = nil) throws -> Case {
    try change(id, ifVersion: ifVersion) { current, _ in
      try requireUndecided(current, to: "claim")
      if let assignee = current.assignee {
        guard assignee != user else { throw CaseWorkError(.invalid, "case \(id) is already yours") }
        throw CaseWorkError(
          .refused, "case \(id) is assigned to \(assignee); an MLRO can reassign it with `tamga case assign`")
      }
      var next = current
      next.assignee = user
      return (next, "claimed", Explanation())
    }
  }

  /// Gives a case to a user. MLRO only.
  public func assign(_ id: Int64, to assignee: String, reason: String? = nil, ifVersion: Int? = nil) throws -> Case {
    try requireMLRO(to: "assign cases")
    guard users[assignee] != nil else {
      throw CaseWorkError(.refused, "\(assignee) is not a configured user, so cannot be given a case")
    }
    return try change(id, ifVersion: ifVersion) { current, _ in
      try requireUndecided(current, to: "assign")
      guard current.assignee != assignee else { throw CaseWorkError(.invalid, "case \(id) is already assigned to \(assignee)") }
      var next = current
      next.assignee = assignee
      var details = Explanation(["assignee": .text(assignee), "previous_assignee": .text(current.assignee ?? "")])
      if let reason = Self.trimmed(reason) { details.append("reason", .text(reason)) }
      return (next, "assigned", details)
    }
  }

  // MARK: - Working it

  /// Adds a note to the case's history. Any user, at any stage (a closed case can take a
  /// follow-up note; it stays closed).
  public func note(_ id: Int64, text: String, ifVersion: Int? = nil) throws -> Case {
    guard let text = Self.trimmed(text) else { throw CaseWorkError(.invalid, "a note needs some text") }
    return try change(id, ifVersion: ifVersion) { current, _ in (current, "noted", Explanation(["note": .text(text)])) }
  }

  /// Stores a file as evidence on the case, with its SHA-256 in the audit chain.
  public func attach(
    _ id: Int64, fileName: String, content: [UInt8], ifVersion: Int? = nil
  ) throws -> (case: Case, attachmentID: Int64, sha256: String) {
    try store.caseWork { work in
      let current = try read(id, in: work, ifVersion: ifVersion)
      return try work.attach(fileName: fileName, content: content, to: current, expectedVersion: current.version, actor: user)
    }
  }

  /// Makes the case one priority more urgent and due again from now; `to` hands it to an MLRO.
  public func escalate(_ id: Int64, reason: String, to mlro: String? = nil, ifVersion: Int? = nil) throws -> Case {
    guard let reason = Self.trimmed(reason) else { throw CaseWorkError(.invalid, "escalating a case needs a reason (--reason)") }
    if let mlro, users[mlro] != .mlro {
      throw CaseWorkError(.refused, "a case is escalated to an MLRO; \(mlro) is not one")
    }
    return try change(id, ifVersion: ifVersion) { current, work in
      try requireUndecided(current, to: "escalate")
      var next = current
      next.escalations += 1
      next.priority = current.priority.raised
      next.dueAt = policy.due(from: work.now, priority: next.priority, isImmediate: false)
      if let mlro { next.assignee = mlro }
      var details = Explanation([
        "reason": .text(reason), "priority_before": .integer(Int64(current.priority.rawValue)),
        "priority": .integer(Int64(next.priority.rawValue)), "due_at": .text(next.dueAt.description),
      ])
      if let mlro { details.append("assignee", .text(mlro)) }
      return (next, "escalated", details)
    }
  }

  // MARK: - Deciding

  /// Decides a case, or proposes the decision for a second user when four-eyes applies.
  ///
  /// Only the assignee or an MLRO may close; a reason is always needed. A suspicious case's
  /// reporting decision (`report`) is the MLRO's alone: an analyst proposes `suspicious` and
  /// the MLRO decides on approval.
  public func close(
    _ id: Int64, disposition: Disposition, reason: String, report: ReportDecision? = nil, ifVersion: Int? = nil
  ) throws -> Case {
    guard let reason = Self.trimmed(reason) else {
      throw CaseWorkError(.invalid, "closing a case needs a reason (--reason): a supervisor will ask why")
    }
    if report != nil && disposition != .suspicious {
      throw CaseWorkError(.invalid, "--report is the reporting decision on a suspicious case only")
    }
    if report != nil && role != .mlro {
      throw CaseWorkError(.refused, "only an MLRO decides whether a report is filed; propose the case as suspicious")
    }
    return try change(id, ifVersion: ifVersion) { current, work in
      guard current.status == .open else {
        throw CaseWorkError(
          .invalid,
          current.status == .closed
            ? "case \(id) is already closed" : "case \(id) waits for approval: approve it, or send it back with `tamga case reopen`")
      }
      guard current.assignee == user || role == .mlro else {
        throw CaseWorkError(
          .refused,
          current.assignee.map { "case \(id) is assigned to \($0): only they or an MLRO may close it" }
            ?? "case \(id) is unassigned: claim it first")
      }
      let rules = try work.rules(ofCase: id)
      var details = Explanation(["disposition": .text(disposition.rawValue), "reason": .text(reason)])
      if let report { details.append("report", .text(report.rawValue)) }
      var next = current
      if policy.needsFourEyes(disposition: disposition, highestSeverity: current.highestSeverity, rules: rules) {
        next.status = .pendingApproval
        next.proposal = Case.Proposal(disposition: disposition, reason: reason, preparedBy: user, reportDecision: report)
        details.append("needs", .text(fourEyesGround(disposition, current: current, rules: rules)))
        return (next, "proposed", details)
      }
      next.status = .closed
      next.decision = Case.Decision(
        disposition: disposition, reason: reason, preparedBy: user, approvedBy: nil, approvalReason: nil,
        reportDecision: report, closedAt: work.now)
      return (next, "closed", details)
    }
  }

  /// Approves the decision another user proposed, closing the case.
  public func approve(_ id: Int64, reason: String? = nil, report: ReportDecision? = nil, ifVersion: Int? = nil) throws -> Case {
    if report != nil && role != .mlro { throw CaseWorkError(.refused, "only an MLRO decides whether a report is filed") }
    return try change(id, ifVersion: ifVersion) { current, work in
      guard current.status == .pendingApproval, let proposal = current.proposal else {
        throw CaseWorkError(.invalid, "case \(id) has no decision waiting for approval (it is \(current.status.rawValue))")
      }
      guard proposal.preparedBy != user else {
        throw CaseWorkError(.refused, "four-eyes: \(user) prepared this decision, so someone else must approve it")
      }
      if report != nil && proposal.disposition != .suspicious {
        throw CaseWorkError(.invalid, "--report is the reporting decision on a suspicious case only")
      }
      let reportDecision = report ?? proposal.reportDecision
      let approvalReason = Self.trimmed(reason)
      if proposal.disposition == .suspicious {
        guard reportDecision != nil else {
          throw CaseWorkError(
            role == .mlro ? .invalid : .refused,
            role == .mlro
              ? "a suspicious case needs the MLRO's reporting decision: --report file or --report do-not-file, with --reason"
              : "a suspicious case is approved by an MLRO, who decides whether a report is filed")
        }
        // The MLRO's reasons are kept whether or not a report is filed.
        if report != nil && approvalReason == nil {
          throw CaseWorkError(.invalid, "the MLRO's reporting decision needs its reasons (--reason)")
        }
      }
      var next = current
      next.status = .closed
      next.proposal = nil
      next.decision = Case.Decision(
        disposition: proposal.disposition, reason: proposal.reason, preparedBy: proposal.preparedBy, approvedBy: user,
        approvalReason: approvalReason, reportDecision: reportDecision, closedAt: work.now)
      var details = Explanation([
        "disposition": .text(proposal.disposition.rawValue), "prepared_by": .text(proposal.preparedBy),
      ])
      if let approvalReason { details.append("reason", .text(approvalReason)) }
      if let reportDecision { details.append("report", .text(reportDecision.rawValue)) }
      return (next, "approved", details)
    }
  }

  /// Sends a proposed decision back (any user), or reopens a closed case (MLRO only), with a
  /// reason. The case is open again and due afresh from now.
  public func reopen(_ id: Int64, reason: String, ifVersion: Int? = nil) throws -> Case {
    guard let reason = Self.trimmed(reason) else { throw CaseWorkError(.invalid, "reopening a case needs a reason (--reason)") }
    return try change(id, ifVersion: ifVersion) { current, work in
      var next = current
      next.status = .open
      next.dueAt = policy.due(from: work.now, priority: current.priority, isImmediate: false)
      switch current.status {
      case .open:
        throw CaseWorkError(.invalid, "case \(id) is open already")
      case .pendingApproval:
        next.proposal = nil
        var details = Explanation(["reason": .text(reason)])
        if let proposal = current.proposal {
          details.append("proposal", .text(proposal.disposition.rawValue))
          details.append("prepared_by", .text(proposal.preparedBy))
        }
        return (next, "sent-back", details)
      case .closed:
        try requireMLRO(to: "reopen a closed case")
        next.decision = nil
        var details = Explanation(["reason": .text(reason)])
        if let decision = current.decision { details.append("decision", .text(decision.disposition.rawValue)) }
        return (next, "reopened", details)
      }
    }
  }

  // MARK: - Plumbing

  /// Reads the case, lets `body` say what it becomes, and writes that with its event, all in
  /// one transaction.
  private func change(
    _ id: Int64, ifVersion: Int?, _ body: (Case, CaseWork) throws -> (Case, String, Explanation)
  ) throws -> Case {
    try store.caseWork { work in
      let current = try read(id, in: work, ifVersion: ifVersion)
      let (next, action, details) = try body(current, work)
      return try work.update(next, expectedVersion: current.version, actor: user, action: action, details: details)
    }
  }

  private func read(_ id: Int64, in work: CaseWork, ifVersion: Int?) throws -> Case {
    guard let current = try work.caseFile(id) else { throw CaseWorkError(.noSuchCase, "there is no case \(id)") }
    if let ifVersion, ifVersion != current.version {
      let last = try work.lastEvent(ofCase: id)
      throw StoreError(
        .conflict,
        "case \(id) changed since you read it (version \(ifVersion), now \(current.version)"
          + (last.map { ": \($0.action) by \($0.actor) at \($0.recordedAt)" } ?? "")
          + "); look again with `tamga case show \(id)`")
    }
    return current
  }

  private func requireUndecided(_ current: Case, to action: String) throws {
    if current.status == .closed {
      throw CaseWorkError(.invalid, "case \(current.id) is closed: an MLRO must reopen it before anyone can \(action) it")
    }
  }

  private func requireMLRO(to action: String) throws(CaseWorkError) {
    guard role == .mlro else { throw CaseWorkError(.refused, "only an MLRO may \(action); \(user) is an analyst") }
  }

  /// Why a second user is needed, for the event.
  private func fourEyesGround(_ disposition: Disposition, current: Case, rules: [RuleID]) -> String {
    if disposition == .suspicious { return "four-eyes: a suspicious case is decided with the MLRO" }
    if current.highestSeverity >= policy.fourEyesFrom { return "four-eyes: \(current.highestSeverity.rawValue) alerts" }
    let hit = rules.first { rule in policy.fourEyesFalsePositiveRules.contains { EscalationPolicy.rule(rule.rawValue, matches: $0) } }
    return "four-eyes: clearing a \(hit?.rawValue ?? "screening") hit as a false positive"
  }

  static func trimmed(_ text: String?) -> String? {
    guard let text else { return nil }
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? nil : trimmed
  }
}
