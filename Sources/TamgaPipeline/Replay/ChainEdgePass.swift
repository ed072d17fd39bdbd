import TamgaIngest
import TamgaModel
import TamgaRules
import TamgaScreening
import TamgaStore

/// One pass over a chain-edge file: transfers between addresses outside the firm, seen on
/// chain, each moving value through the exposure graph from its `from_address` to its
/// `to_address` by the haircut method.
///
/// **What an edge does.** The receiving address takes the sender's shares one hop further, in
/// proportion to the edge's USD value; a sender labelled by a labels snapshot (purpose
/// exposure) is a source, all it sends counting at hop 1 for each of its categories, exactly as
/// a deposit's labelled counterparty is. Both addresses are matched by the address book's key
/// (`chain` is the hint), so an edge and a transfer that spell an address differently meet in
/// one node. The effect shows when a customer later deposits from, or withdraws to, an address
/// the edges tainted: `exposure.indirect.<category>` at that address's weighted share.
///
/// **What it deliberately does not do.**
/// - Raise alerts: no customer of the firm is a party to an edge. A labelled sender is not a
///   direct-exposure alert either; only a customer's transfer with it is.
/// - Order by time across files: the edges of a file are applied in file order, all before the
///   transfers files replayed after it (a replay plans customers, then chain edges, then
///   transfers). An edge dated after a transfer replayed earlier still counts from its own replay
///   on; the alerts of transfers already replayed are not revisited.
/// - Count without labels: while no labels snapshot is active, or exposure is off, edges are
///   read, checked and counted in the ledger but move nothing (nothing can be tainted); the file
///   is then in the ledger and is not read again, so load labels before replaying edges.
/// - Weigh an edge without `usd_value`: the row is rejected (see ``ChainEdgeDecoder``).
/// - Carry value beyond the hop limit: a cycle in the edges stops counting after that many hops.
///
/// - Complexity: per edge, one probe of the address book, one of the graph for the sender and one
///   for the receiver (added on first sight), and O(categories × hops) when the sender is tainted;
///   no `String` is made for a good row.
struct ChainEdgePass: RejectingPass {
  var engine: Engine
  let batch: IngestBatch
  let ingest: Int64
  /// What the address book's hits point to, for the senders' label categories.
  let lists: ScreeningLists
  /// Whether edges move value through the exposure graph (labels loaded, exposure on).
  let tracksExposure: Bool
  var decoder = ChainEdgeDecoder()
  var fields = ChainEdgeFields()
  var counts: PassCounts

  init(engine: Engine, batch: IngestBatch, ingest: Int64, lists: ScreeningLists, meter: ProgressMeter) {
    tracksExposure = lists.feedsExposure(of: engine)
    self.engine = engine
    self.batch = batch
    self.ingest = ingest
    self.lists = lists
    counts = PassCounts(meter: meter)
  }

  /// - Complexity: see the type; allocates nothing for a good row once its asset and addresses
  ///   are known.
  @inline(__always)
  mutating func take(_ record: borrowing Record) throws {
    if let rejection = decoder.decode(record, into: &fields) { return try reject(rejection) }
    counts.accept(at: fields.timestamp)
    guard tracksExposure else { return }
    let from = record.bytes(ChainEdgeDecoder.Column.fromAddress.rawValue)
    let to = record.bytes(ChainEdgeDecoder.Column.toAddress.rawValue)
    let chain = record.bytes(ChainEdgeDecoder.Column.chain.rawValue)
    var labels: UInt16 = 0
    if let listed = lists.addresses.lookUp(from, chain: chain) { labels = lists.exposureLabels(ofListedAddress: listed) }
    let usd = fields.usdValue
    AddressKey.withKey(of: from, chain: chain) { source in
      AddressKey.withKey(of: to, chain: chain) { target in
        engine.follow(edgeFrom: source.span, to: target.span, usd: usd, labels: labels)
      }
    }
  }
}
