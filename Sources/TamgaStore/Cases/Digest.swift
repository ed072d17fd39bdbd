import TamgaIngest

/// SHA-256 over text fields, for the audit chain: an event's hash, and the running digest of
/// the alerts a transaction stores. The hashing is the ledger's own (``SHA256Digest``); this
/// adds only how fields are fed to it.
///
/// A class, so a batch can keep one open in a dictionary while alerts stream through it.
final class Digest {
  private var sha256 = SHA256Digest()

  func update(_ text: String) {
    var text = text
    text.withUTF8 { sha256.update(UnsafeRawBufferPointer($0)) }
  }

  /// A field separator no text field holds (the ASCII unit separator).
  func separate() {
    withUnsafeBytes(of: UInt8(0x1F)) { sha256.update($0) }
  }

  /// Lower-case hex of the digest.
  func hex() -> String { sha256.hex() }

  /// The hex SHA-256 of `fields`, separated.
  static func of(_ fields: [String]) -> String {
    let digest = Digest()
    for (index, field) in fields.enumerated() {
      if index > 0 { digest.separate() }
      digest.update(field)
    }
    return digest.hex()
  }

  /// The hex SHA-256 of raw bytes (an attachment).
  static func of(bytes: [UInt8]) -> String { SHA256Digest.hex(of: bytes) }
}
