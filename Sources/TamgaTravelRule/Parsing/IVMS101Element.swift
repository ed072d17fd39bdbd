public import Foundation

/// An IVMS101 element that can be read from and written to JSON on its own.
///
/// Counterparties exchange whole identity payloads, but onboarding records and test data
/// often hold a single person, address or national identification, so each of those can
/// be parsed directly with the same error reporting as a full payload.
public protocol IVMS101Element: Codable, Hashable, Sendable {}

extension IVMS101Element {
  /// Reads this element from IVMS101 JSON, accepting the standard's camelCase names,
  /// protobuf JSON names and enum spellings, and common synonyms; unknown elements are
  /// ignored.
  ///
  /// Throws a ``TravelRuleError`` naming the offending element when the bytes are not
  /// JSON or an element has the wrong JSON type; data-quality findings are not thrown but
  /// left to ``IVMS101Check`` and ``TravelRuleCheck``.
  public init(parsing data: Data) throws(TravelRuleError) {
    do {
      self = try JSONDecoder().decode(Self.self, from: data)
    } catch {
      throw TravelRuleError(decoding: error)
    }
  }

  /// Writes this element as IVMS101 JSON with the standard's element names and codes,
  /// keys sorted so that the same data always produces the same bytes (stable hashes
  /// and diffs in the case file).
  public func ivms101JSON() throws(TravelRuleError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
      return try encoder.encode(self)
    } catch {
      throw TravelRuleError(.encodingFailed, at: "$")
    }
  }
}
