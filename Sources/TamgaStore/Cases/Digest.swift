internal import CLibcrypto

/// SHA-256 for the audit chain: an event's hash, and the running digest of the alerts a
/// transaction stores.
///
/// A class, so a batch can keep one open while alerts stream through it; the OpenSSL context
/// is freed with it.
final class Digest {
  private let context: OpaquePointer

  init() {
    guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
      fatalError("libcrypto could not initialise SHA-256")  // out of memory: nothing sensible to do
    }
    self.context = context
  }

  deinit { EVP_MD_CTX_free(context) }

  func update(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      if let base = bytes.baseAddress, bytes.count > 0 { EVP_DigestUpdate(context, base, bytes.count) }
    }
  }

  /// A field separator no text field holds (the ASCII unit separator).
  func separate() {
    var byte: UInt8 = 0x1F
    EVP_DigestUpdate(context, &byte, 1)
  }

  /// Lower-case hex of the digest; the digest is finished.
  func hex() -> String {
    var digest = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    EVP_DigestFinal_ex(context, &digest, &length)
    return Self.hex(digest)
  }

  static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text = [UInt8]()
    text.reserveCapacity(bytes.count * 2)
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 15)])
    }
    return String(decoding: text, as: UTF8.self)
  }

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
  static func of(bytes: [UInt8]) -> String {
    let digest = Digest()
    bytes.withUnsafeBytes { raw in
      if let base = raw.baseAddress, raw.count > 0 { EVP_DigestUpdate(digest.context, base, raw.count) }
    }
    return digest.hex()
  }
}
