public import TamgaModel
import Foundation

/// Builders for input files, written the way an exchange's export writes them.
public enum Fixture {
  public static let customersHeader =
    "customer_id,recorded_at,person_type,full_name,aliases,date_of_birth,nationality,residence,client_class,regime,verification,annual_income_usd,net_worth_usd,pep_declared,risk_rating,wallets"
  public static let transfersHeader =
    "transfer_id,timestamp,customer_id,kind,asset,chain,amount,usd_value,counterparty_address,counterparty_vasp,tx_hash"

  /// One customers row; every field can be overridden.
  public static func customerRow(
    _ id: String, recordedAt: String = "2026-01-01T00:00:00Z", personType: String = "individual",
    name: String = "Aigerim Bekova", clientClass: String = "retail", regime: String = "aifc",
    verification: String = "none", income: String = "", netWorth: String = "", wallets: String = ""
  ) -> String {
    "\(id),\(recordedAt),\(personType),\(name),,1990-05-17,KZ,KZ,\(clientClass),\(regime),\(verification),\(income),\(netWorth),false,low,\(wallets)"
  }

  /// One transfers row.
  public static func transferRow(
    _ id: String, at timestamp: String, customer: String, kind: String = "buy", asset: String = "USDT",
    amount: String = "100", usd: String = "100.00"
  ) -> String {
    "\(id),\(timestamp),\(customer),\(kind),\(asset),tron,\(amount),\(usd),,,"
  }

  public static func customersCSV(_ rows: [String]) -> String {
    ([customersHeader] + rows).joined(separator: "\n") + "\n"
  }

  public static func transfersCSV(_ rows: [String]) -> String {
    ([transfersHeader] + rows).joined(separator: "\n") + "\n"
  }
}

extension Alert {
  /// The explanation's values as plain strings, for expectations.
  public var explanationValues: [String: String] {
    guard let data = explanation.json.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    // A nested object's values are named by their path: `fatf_list.published_on`.
    var values: [String: String] = [:]
    func flatten(_ object: [String: Any], prefix: String) {
      for (key, value) in object {
        if let nested = value as? [String: Any] {
          flatten(nested, prefix: prefix + key + ".")
        } else {
          values[prefix + key] = Self.text(of: value)
        }
      }
    }
    flatten(object, prefix: "")
    return values
  }

  private static func text(of value: Any) -> String {
    // Foundation reads JSON numbers as NSNumber, which also casts to Bool (1 → true): only a
    // value that is a Bool to begin with is a flag.
    if type(of: value) == Bool.self, let flag = value as? Bool { return flag ? "true" : "false" }
    if let number = value as? NSNumber, type(of: value) != Bool.self { return number.stringValue }
    // A list of plain values (customer ids, times) as one `;`-separated field, as CSV cells
    // hold several values elsewhere in Tamga.
    if let list = value as? [Any] { return list.map { "\($0)" }.joined(separator: ";") }
    return "\(value)"
  }
}
