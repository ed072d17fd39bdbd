import TamgaIngest
import TamgaModel
import TamgaScreening

/// The alerts of direct exposure: a transfer whose counterparty address carries an address
/// label, one alert per label category whose risk class the configuration alerts on.
///
/// Rules `exposure.direct.<category>` (`exposure.direct.darknet_market`, …), one per category so
/// that an analyst's queue filters by what the counterparty is. Severity follows the category's
/// risk class: severe, high or medium. By default only the severe classes alert
/// (`exposure.direct_alert_classes`). Fires on any amount and in either direction: value sent to
/// a ransomware wallet is as reportable as value received from one. Deliberately not covered
/// here: exposure through intermediaries (indirect exposure), and labels on the customer's own
/// declared wallets.
///
/// The explanation stores the transfer (id, time, kind, USD value), the counterparty address
/// as the transfer wrote it and as the label wrote it, the category, its risk class, the entity
/// and the vendor's source, and the labels snapshot (id, name, SHA-256) with the entry's
/// fingerprint, so the alert can be traced to the exact file that made it fire.
enum DirectExposureAlert {
  static func ruleID(_ category: ExposureCategory) -> RuleID { RuleID("exposure.direct.\(category.rawValue)") }

  static func severity(_ riskClass: ExposureRiskClass) -> Severity {
    switch riskClass {
    case .severe: .severe
    case .high: .high
    case .medium: .medium
    }
  }

  /// The alerts for one labelled counterparty of one transfer, categories in their documented order.
  static func alerts(
    _ address: String, chain: String, fields: TransferFields, listed: ListedAddress, remarks: String?,
    customerID: String, transferID: String, source: ScreeningLists.Source, fingerprint: String,
    configuration: ExposureConfiguration
  ) -> [Alert] {
    let categories = listed.programs.compactMap(ExposureCategory.init(rawValue:)).sorted()
    return categories.filter { configuration.directAlertClasses.contains($0.riskClass) }.map { category in
      let rule = ruleID(category)
      var explanation = Explanation()
      ScreeningAlert.appendTransfer(transferID, fields: fields, counterparty: address, chain: chain, to: &explanation)
      explanation.append("category", .text(category.rawValue))
      explanation.append("risk_class", .text(category.riskClass.rawValue))
      explanation.append("labelled_address", .text(listed.address.original))
      explanation.append("labelled_chain", .text(listed.address.chain))
      explanation.append("entity", .text(listed.entryName))
      explanation.append("categories", .list(categories.map { .text($0.rawValue) }))
      if let remarks { explanation.append("label_source", .text(remarks)) }
      explanation.append("labels_snapshot", .integer(source.snapshotID))
      explanation.append("labels_snapshot_name", .text(source.name))
      explanation.append("labels_snapshot_sha256", .text(source.sha256))
      explanation.append("entry_fingerprint", .text(fingerprint))
      let direction = fields.kind == .withdrawal ? "to" : fields.kind == .deposit ? "from" : "with"
      return Alert(
        id: Alert.stableID(rule: rule, subject: customerID, trigger: "\(transferID)@\(listed.entryReference)"),
        ruleID: rule, severity: severity(category.riskClass), customerID: customerID, eventAt: fields.timestamp,
        summary: "\(fields.kind.name) \(direction) \(address), labelled \(category.rawValue) (\(listed.entryName))",
        explanation: explanation)
    }
  }
}
