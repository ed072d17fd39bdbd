import TamgaModel

extension TamgaConfiguration {
  /// The `escalation:` and `users:` sections.
  mutating func readCaseWork(_ root: [String: Any], source: String) throws(ConfigurationError) {
    if let section = root["escalation"] {
      guard let section = section as? [String: Any] else { throw ConfigurationError("\(source): escalation must be a mapping") }
      try Self.checkKeys(
        section,
        allowed: [
          "enabled", "grouping_window_hours", "due_business_days", "immediate_rules", "high_risk_raises_priority",
          "holidays", "four_eyes_from", "four_eyes_false_positive_rules", "retention_years",
        ],
        at: "escalation.", source: source)
      var policy = escalation
      if let value = section["enabled"] { policy.isEnabled = try Self.flag(value, "escalation.enabled", source) }
      if let value = section["grouping_window_hours"] {
        policy.groupingWindowHours = try Self.wholeNumber(value, "escalation.grouping_window_hours", in: 0...8_760, source)
      }
      if let value = section["due_business_days"] {
        let key = "escalation.due_business_days"
        for (severity, days) in try Self.mapping(value, key, keys: Severity.allCases.reversed(), source) {
          policy.dueBusinessDays[severity] = try Self.wholeNumber(days, "\(key).\(severity.rawValue)", in: 0...60, source)
        }
      }
      if let value = section["immediate_rules"] { policy.immediateRules = try Self.texts(value, "escalation.immediate_rules", source) }
      if let value = section["high_risk_raises_priority"] {
        policy.highRiskRaisesPriority = try Self.flag(value, "escalation.high_risk_raises_priority", source)
      }
      if let value = section["holidays"] {
        var holidays: Set<CivilDate> = []
        for text in try Self.texts(value, "escalation.holidays", source) {
          guard let date = CivilDate(iso: text) else {
            throw ConfigurationError("\(source): escalation.holidays holds \(text), not a date (YYYY-MM-DD)")
          }
          holidays.insert(date)
        }
        policy.holidays = holidays
      }
      if let value = section["four_eyes_from"] {
        guard let text = value as? String, let severity = Severity(rawValue: text) else {
          throw ConfigurationError("\(source): escalation.four_eyes_from must be low, medium, high or severe")
        }
        policy.fourEyesFrom = severity
      }
      if let value = section["four_eyes_false_positive_rules"] {
        policy.fourEyesFalsePositiveRules = try Self.texts(value, "escalation.four_eyes_false_positive_rules", source)
      }
      if let value = section["retention_years"] {
        // Fewer than five years is below what FATF Recommendation 11 asks of every firm.
        policy.retentionYears = try Self.wholeNumber(value, "escalation.retention_years", in: 5...30, source)
      }
      escalation = policy
    }
    if let section = root["users"] {
      guard let section = section as? [String: Any] else {
        throw ConfigurationError("\(source): users must be a mapping of user name to role (analyst or mlro)")
      }
      var users: [String: Role] = [:]
      for (name, role) in section {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "._-@".contains($0) }) else {
          throw ConfigurationError("\(source): users: \(name) is not a user name (letters, digits, . _ - @)")
        }
        guard let text = role as? String, let role = Role(rawValue: text) else {
          throw ConfigurationError("\(source): users.\(name) must be analyst or mlro")
        }
        users[name] = role
      }
      self.users = users
    }
  }

  /// A list of strings (`[a, b]`).
  private static func texts(_ value: Any, _ key: String, _ source: String) throws(ConfigurationError) -> [String] {
    guard let items = value as? [Any] else { throw ConfigurationError("\(source): \(key) must be a list") }
    var texts: [String] = []
    for item in items {
      switch item {
      case let text as String: texts.append(text)
      // A number or a flag where a name was meant: its text, for the caller to judge.
      default: texts.append("\(item)")
      }
    }
    return texts
  }

  /// The `escalation:` and `users:` sections as YAML, with what each key means.
  var caseWorkYAML: String {
    let policy = escalation
    let days = Severity.allCases.reversed().map { "\($0.rawValue): \(policy.dueBusinessDays[$0] ?? 0)" }.joined(separator: ", ")
    func list(_ items: [String]) -> String { "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
    let userLines =
      users.isEmpty
      ? "users: {}\n# users:\n#   aigerim: analyst\n#   daniyar: mlro\n"
      : "users:\n" + users.keys.sorted().map { "  \($0): \(users[$0]?.rawValue ?? "analyst")" }.joined(separator: "\n") + "\n"
    return """
      # How alerts become cases. An alert joins its customer's undecided case when it fired
      # within grouping_window_hours of the case's latest alert, else it opens a new case.
      # Priority P1 (most urgent) to P4 follows the highest severity (severe P1 … low P4), one
      # step more urgent for a customer rated high risk; a case is due at the end of the
      # business days given for its priority (Saturdays, Sundays and holidays skipped, Almaty
      # time). Severe alerts of immediate_rules (ids or prefixes) are due at once, with a freeze
      # recommendation. Overdue cases escalate by themselves at the next replay or
      # `tamga cases sweep`. Closing a case holding an alert of four_eyes_from or higher, any
      # suspicious case, or clearing a hit of four_eyes_false_positive_rules as a false
      # positive needs a second user. The store refuses to delete alerts, cases and audit events
      # younger than retention_years (Tamga has no purge command yet: it deletes nothing).
      escalation:
        enabled: \(policy.isEnabled)
        grouping_window_hours: \(policy.groupingWindowHours)
        due_business_days: {\(days)}
        immediate_rules: \(list(policy.immediateRules))
        high_risk_raises_priority: \(policy.highRiskRaisesPriority)
        holidays: \(list(policy.holidays.sorted().map(\.description)))
        four_eyes_from: \(policy.fourEyesFrom.rawValue)
        four_eyes_false_positive_rules: \(list(policy.fourEyesFalsePositiveRules))
        retention_years: \(policy.retentionYears)
      # Who works cases: user name and role. An analyst claims, investigates and proposes; an
      # MLRO also assigns, decides suspicious cases (whether to file a report) and reopens
      # closed ones. The acting user comes from --as or TAMGA_USER.

      """ + userLines
  }
}
