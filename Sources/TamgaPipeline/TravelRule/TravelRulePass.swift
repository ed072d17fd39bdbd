import TamgaIngest
import TamgaModel
import TamgaStore

/// One pass over a Travel Rule file: each message or ownership proof is checked and stored; a
/// line that is neither is rejected. Nothing here alerts: transfers are checked against these
/// records when they are replayed.
struct TravelRulePass: RejectingPass {
  let batch: IngestBatch
  let ingest: Int64
  let format: RecordFormat
  let decoder = TravelRuleDecoder()
  var counts: PassCounts

  init(batch: IngestBatch, ingest: Int64, format: RecordFormat, meter: ProgressMeter) {
    self.batch = batch
    self.ingest = ingest
    self.format = format
    counts = PassCounts(meter: meter)
  }

  mutating func take(_ record: borrowing Record) throws {
    switch decoder.decode(record, format: format) {
    case .success(.message(let message)):
      try batch.insert(message, ingest: ingest)
      counts.accept(at: message.sentAt)
    case .success(.ownershipProof(let proof)):
      try batch.insert(proof, ingest: ingest)
      counts.accept(at: proof.verifiedAt)
    case .failure(let rejection):
      try reject(rejection)
    }
  }
}
