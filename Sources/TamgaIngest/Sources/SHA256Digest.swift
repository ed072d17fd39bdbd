internal import CLibcrypto

/// SHA-256 through libcrypto, streamed.
///
/// Used to fingerprint every ingested file for the ledger: the same bytes are the same file,
/// whatever its name. `~Copyable` so the OpenSSL context is freed exactly once.
public struct SHA256Digest: ~Copyable {
  private let context: OpaquePointer

  public init() {
    guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
      fatalError("libcrypto could not initialise SHA-256")  // out of memory: nothing sensible to do
    }
    self.context = context
  }

  deinit { EVP_MD_CTX_free(context) }

  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    EVP_DigestUpdate(context, base, bytes.count)
  }

  /// Lower-case hex of the digest so far; the digest can go on being updated afterwards.
  public func hex() -> String {
    guard let copy = EVP_MD_CTX_new() else { fatalError("libcrypto could not allocate a context") }
    defer { EVP_MD_CTX_free(copy) }
    EVP_MD_CTX_copy_ex(copy, context)
    var digest = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    EVP_DigestFinal_ex(copy, &digest, &length)
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var text = [UInt8]()
    text.reserveCapacity(64)
    for byte in digest {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 15)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// The SHA-256 of `bytes`, in hex.
  public static func hex(of bytes: UnsafeRawBufferPointer) -> String {
    var digest = SHA256Digest()
    digest.update(bytes)
    return digest.hex()
  }

  public static func hex(of bytes: [UInt8]) -> String {
    bytes.withUnsafeBytes { hex(of: $0) }
  }
}
