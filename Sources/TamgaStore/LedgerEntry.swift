public import TamgaModel

/// One ingested file, as the ledger records it.
public struct LedgerEntry: Sendable, Hashable {
  public enum Kind: String, Sendable {
    case customers, transfers
    /// IVMS101 messages and wallet ownership proofs (NDJSON).
    case travelRule = "travel_rule"
    /// Transfers between other addresses, seen on chain: `from_address,to_address,asset,amount,usd_value,timestamp`.
    case chainEdges = "chain_edges"
    /// Licensed miners' declarations of output: `customer_id,asset,period_start,period_end,mined_amount,declared_at`.
    case minerDeclarations = "miner_declarations"
  }

  public var id: Int64
  public var fileName: String
  public var path: String
  public var kind: Kind
  public var format: String
  /// SHA-256 of the file as stored (compressed bytes for gzip): its identity.
  public var sha256: String
  /// SHA-256 of its first MiB, to tell quickly that a new file is not an old one.
  public var headSHA256: String
  public var byteCount: Int64
  public var rowsAccepted: Int
  public var rowsRejected: Int
  public var alertsRaised: Int
  /// Earliest and latest event time in the file, `nil` when no row was accepted.
  public var firstEventAt: Timestamp?
  public var lastEventAt: Timestamp?
  /// Wall-clock time of the run that ingested it (the ledger's own record; never used by rules).
  public var ingestedAt: Timestamp

  public init(
    id: Int64 = 0, fileName: String, path: String, kind: Kind, format: String, sha256: String,
    headSHA256: String, byteCount: Int64, rowsAccepted: Int = 0, rowsRejected: Int = 0,
    alertsRaised: Int = 0, firstEventAt: Timestamp? = nil, lastEventAt: Timestamp? = nil,
    ingestedAt: Timestamp
  ) {
    self.id = id
    self.fileName = fileName
    self.path = path
    self.kind = kind
    self.format = format
    self.sha256 = sha256
    self.headSHA256 = headSHA256
    self.byteCount = byteCount
    self.rowsAccepted = rowsAccepted
    self.rowsRejected = rowsRejected
    self.alertsRaised = alertsRaised
    self.firstEventAt = firstEventAt
    self.lastEventAt = lastEventAt
    self.ingestedAt = ingestedAt
  }
}

/// A rejection as stored, with the ledger entry of its file.
public struct StoredRejection: Sendable, Hashable {
  public var id: Int64
  public var ingestID: Int64
  public var rejection: Rejection
}

/// Which alerts to list.
public struct AlertQuery: Sendable {
  public var customerID: String?
  public var ruleID: String?
  public var minimumSeverity: Severity?
  public var since: Timestamp?
  public var until: Timestamp?
  public var limit: Int?
  public init() {}
}

/// Which rejections to list.
public struct RejectionQuery: Sendable {
  public var fileName: String?
  public var code: String?
  public var limit: Int?
  public init() {}
}
