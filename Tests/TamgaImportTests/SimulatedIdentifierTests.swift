import TamgaImport
import Testing

@Suite struct SimulatedIdentifierTests {
  private static func isLowerHex(_ text: Substring) -> Bool {
    text.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
  }

  @Test func walletAddressesAreFortyLowerCaseHexDigitsAndDistinctForTwentyThousandNodes() {
    let addresses = (0..<20_000).map { AMLSimImport.walletAddress(forNode: $0) }
    for address in addresses {
      #expect(address.count == 42)
      #expect(address.hasPrefix("0x"))
      #expect(Self.isLowerHex(address.dropFirst(2)))
    }
    #expect(Set(addresses).count == 20_000)
  }

  @Test func walletAddressesStayTheSameFromReleaseToRelease() {
    // Pinned: an address that changed would make old imports and their alerts disagree.
    #expect(AMLSimImport.walletAddress(forNode: 0) == "0xf7af668fd178f1d926ba730adea63715053ecda9")
    #expect(AMLSimImport.walletAddress(forNode: 360) == "0x0d05f40ccd73b4e7ba901a8438ca961990601ba1")
  }

  @Test func walletAddressesOfLargeNodeIDsAreStillDistinct() {
    let nodes = [Int.max, Int.max - 1, 999_999_999_999_999_999, 1 << 32, (1 << 32) + 1]
    #expect(Set(nodes.map(AMLSimImport.walletAddress(forNode:))).count == nodes.count)
  }

  @Test func transactionHashesAreSixtyFourHexDigitsAndDistinctPerRow() {
    let hashes = (1...118_250).map { AMLSimImport.transactionHash(forRow: $0) }
    for hash in hashes.prefix(1_000) {
      #expect(hash.count == 66)
      #expect(hash.hasPrefix("0x"))
      #expect(Self.isLowerHex(hash.dropFirst(2)))
    }
    #expect(Set(hashes).count == hashes.count)
    // Node 5's address is not the start of row 5's hash: the two use different salts.
    #expect(!AMLSimImport.transactionHash(forRow: 5).hasPrefix(AMLSimImport.walletAddress(forNode: 5)))
  }

  @Test func customerIDsAreAMLSimAndTheNodeID() {
    #expect(AMLSimImport.customerID(forNode: 0) == "amlsim-0")
    #expect(AMLSimImport.customerID(forNode: 19_999) == "amlsim-19999")
  }
}
