public import TamgaModel

/// The configuration of the shared-external-address typology, with documented defaults.
public struct SharedExternalAddressPolicy: Sendable, Equatable {
  /// Whether the typology runs. Default true.
  public var isEnabled = true
  /// How many distinct customers, the one transferring included, make an address shared.
  /// Default 3: two customers sending to one address is a household or a shared merchant as
  /// often as not; a third is where unrelated accounts start to look controlled by one party.
  public var minimumCustomers = 3
  /// The window, in hours. Default 720 (30 days): accounts run by one party are used in turns,
  /// days apart.
  public var windowHours = 720
  /// Whether addresses of a transfer that names its counterparty VASP count. Default false: a
  /// VASP's deposit or hot-wallet address is shared by every customer who deals with that VASP,
  /// by design.
  public var countsVASPAddresses = false

  public init() {}
}

/// The same external address used by several customers: `typology.shared-external-address`.
///
/// **What fires.** A deposit from, or a withdrawal to, a counterparty address that at least
/// `minimumCustomers` (default 3) distinct customers, this one included, used for a deposit or
/// withdrawal within `windowHours` (default 720, 30 days), for the customer making it. Medium
/// severity: FATF's *Virtual Assets Red Flag Indicators* (2020) name frequent transfers within a
/// short period to the same virtual-asset account by more than one person among the red flags
/// of transaction patterns: the mark of mule accounts run by one controller, of a collector
/// paid by several victims, or of one person behind several accounts; a family's shared wallet
/// or a merchant paid by many looks the same, so it asks for a look at the customers together.
///
/// **Once per customer and address.** A customer is alerted for an address once, on the
/// transfer that finds it shared; its later transfers with the address stay quiet while the
/// address stays shared and the customer keeps using it with gaps shorter than the window.
/// After a window without a shared use of it, the next shared use alerts again: a new episode.
/// The (customer, address) pairs alerted are kept in a second table of the same kind, keyed by
/// the pair (16 bytes a pair, swept like the first), so the memory follows the alerts, not the
/// customer base, and however busy the address, a customer that drops out of its most recent
/// few and comes back is not alerted twice.
///
/// **How.** Per address, the `minimumCustomers` customers that used it most recently and the
/// time of each one's latest use, in an open-addressing table keyed by the 64-bit fingerprint
/// of the address's matching key (so `0xAB…` and `0xab…` are one address): 8 + 8 ×
/// `minimumCustomers` bytes an address (32 by default), whatever its traffic; addresses unused
/// for a window are swept when the table fills, and it doubles only when more than half of it
/// is addresses in use, so it stays under four entries (128 bytes by default) per address used
/// within the window (see `AddressCustomers`). O(`minimumCustomers`) per deposit or
/// withdrawal, amortised, no allocation unless the table doubles or the rule fires. Since
/// only the most recent `minimumCustomers` are kept, the count reported is that minimum: an
/// address used by fifty customers is reported with its latest three.
///
/// **What it misses, deliberately.** Transfers without a counterparty address; transfers whose
/// row names a `counterparty_vasp` (an exchange's hot wallet is shared by every customer who
/// withdraws to that exchange), neither counted nor alerted unless `countsVASPAddresses`; a
/// VASP's address in a row that does not name it still counts, and address labels or the
/// VASP directory do not yet silence it; customers' own declared wallets count as external (the
/// customers file names them, and a later version should leave them out); dusting, a tiny
/// deposit from one address to many customers, fires like any use (there is no minimum value),
/// which is worth a look anyway; the same controller using a fresh address for each account.
///
/// **Explanation**: the address (its matching key), the distinct customers and their minimum,
/// the other customers' ids and latest uses, earliest first, the transfer's value, and the
/// window.
public struct SharedExternalAddressRule: Sendable {
  public static let ruleID: RuleID = "typology.shared-external-address"

  public var policy: SharedExternalAddressPolicy {
    didSet {
      if policy.minimumCustomers != oldValue.minimumCustomers {
        addresses = AddressCustomers(width: policy.minimumCustomers)
      }
    }
  }
  /// Per address, its most recent customers.
  var addresses: AddressCustomers
  /// The (customer, address) pairs alerted, by a key mixed from both, each with the customer's
  /// latest shared use of the address.
  var alerted = AddressCustomers(width: 1)

  public init(policy: SharedExternalAddressPolicy = SharedExternalAddressPolicy()) {
    self.policy = policy
    addresses = AddressCustomers(width: policy.minimumCustomers)
  }

  public var ruleIDs: [RuleID] { [Self.ruleID] }

  /// - Parameters:
  ///   - counterparty: the fingerprint of the counterparty address's matching key.
  ///   - address: that matching key, for the explanation.
  ///   - customers: the book, to name the other customers.
  mutating func evaluate(
    _ event: TransferEvent, counterparty: UInt64, address: Span<UInt8>, customers: CustomerBook,
    into sink: inout some FindingSink
  ) {
    guard event.kind == .deposit || event.kind == .withdrawal, policy.isEnabled,
      policy.countsVASPAddresses || !event.namesCounterpartyVASP
    else { return }
    let now = event.timestamp.millisecondsSinceEpoch
    let window = Int64(policy.windowHours) * 3_600
    let use = addresses.record(event.customer, fingerprint: counterparty, at: now, window: window)
    guard use.customers >= policy.minimumCustomers else { return }
    // Already alerted for this address in this episode: only the latest use moves on.
    let pair = counterparty ^ (UInt64(UInt32(bitPattern: event.customer)) &+ 1) &* 0x9E37_79B9_7F4A_7C15
    guard !alerted.record(event.customer, fingerprint: pair, at: now, window: window).isReturning else { return }

    let others = addresses.uses(entry: use.entry, at: now, window: window).filter { $0.customer != event.customer }
    let text = address.withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    var explanation = Explanation()
    explanation.append("counterparty_address", .text(text))
    explanation.append("distinct_customers", .integer(Int64(use.customers)))
    explanation.append("minimum_customers", .integer(Int64(policy.minimumCustomers)))
    explanation.append("other_customers", .list(others.map { .text(customers.customerID($0.customer)) }))
    explanation.append(
      "other_customers_last_used_at",
      .list(others.map { .time(Timestamp(millisecondsSinceEpoch: $0.seconds * 1000)) }))
    if let usd = event.usdValue { explanation.append("usd_value", .usd(usd)) }
    explanation.append("window_hours", .integer(Int64(policy.windowHours)))
    let direction = event.kind == .deposit ? "deposit from" : "withdrawal to"
    sink.raise(
      Finding(
        ruleID: Self.ruleID, severity: .medium, customer: event.customer, eventAt: event.timestamp,
        summary: "\(direction) \(text), used by \(use.customers) customers within \(policy.windowHours) hours",
        explanation: explanation))
  }
}
