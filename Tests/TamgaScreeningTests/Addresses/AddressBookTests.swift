import Foundation
import TamgaScreening
import Testing

@Suite struct AddressBookTests {
  static let evm = "0x7FF9cFad3877F21d41Da833E2F775dB0569eE3D9"
  static let bech32 = "bc1qhj4k7qa2x7vduzjmnxrknlz7yw8rj9x8hhdvl6"
  static let tron = "TXVwLJqkJfBwH1W1yGcb6ME7pSVv4i3ZqH"

  static func entry(_ id: String, _ addresses: [(String, String)]) -> ListEntry {
    ListEntry(
      list: "test", id: id, kind: .entity, primaryName: "Entity \(id)",
      walletAddresses: addresses.map { WalletAddress(chain: $0.0, asset: nil, original: $0.1) })
  }

  static let book = AddressBook(entries: [
    entry("1", [("ethereum", evm), ("bitcoin", bech32)]),
    entry("2", [("tron", tron)]),
    entry("3", [("evm", evm.lowercased())]),
    entry("4", []),
  ])

  /// The byte-level key, as the replay computes it, is the key the book was built with.
  static func key(_ address: String, chain: String = "") -> String {
    var address = address
    var chain = chain
    return address.withUTF8 { address in
      chain.withUTF8 { chain in AddressKey.withKey(of: address, chain: chain) { String(decoding: $0, as: UTF8.self) } }
    }
  }

  @Test func anEVMAddressIsFoundInAnyCaseAndNamesEveryEntryThatListsIt() {
    for written in [Self.evm, Self.evm.lowercased(), "0X" + Self.evm.dropFirst(2).uppercased(), "  \(Self.evm)\t"] {
      #expect(Self.book.hits(address: written).map(\.entryID) == ["1", "3"], "\(written)")
    }
  }

  @Test func bech32IsFoundInAnyCaseButBase58OnlyExactly() {
    #expect(Self.book.hits(address: Self.bech32.uppercased()).map(\.entryID) == ["1"])
    #expect(Self.book.hits(address: Self.tron).map(\.entryID) == ["2"])
    #expect(Self.book.hits(address: Self.tron.lowercased()).isEmpty)
    #expect(Self.book.hits(address: Self.tron.uppercased()).isEmpty)
  }

  @Test func unlistedEmptyAndOddAddressesFindNothing() {
    #expect(Self.book.hits(address: "0x1111111111111111111111111111111111111111").isEmpty)
    #expect(Self.book.hits(address: "").isEmpty)
    #expect(Self.book.hits(address: String(repeating: "a", count: 500)).isEmpty)
    #expect(Self.book.hits(address: "0x7ff9cfad3877f21d41da833e2f775db0569ee3d").isEmpty)
    #expect(AddressBook().hits(address: Self.evm).isEmpty)
  }

  @Test func theBookCountsDistinctAddresses() {
    #expect(Self.book.count == 3)
    #expect(AddressBook().isEmpty)
  }

  @Test func aHitCarriesTheEntryAndTheAddressAsListed() throws {
    let hit = try #require(Self.book.hits(address: Self.bech32).first)
    #expect(hit.entryReference == "test:1")
    #expect(hit.entryName == "Entity 1")
    #expect(hit.address.original == Self.bech32)
    #expect(hit.address.chain == "bitcoin")
    #expect(hit.entryFingerprint == Self.entry("1", [("ethereum", Self.evm), ("bitcoin", Self.bech32)]).fingerprint)
  }

  @Test(arguments: [
    ("0x901Bb9583B24D97E995513C6778dc6888AB6870e", ""),
    ("0X901BB9583B24D97E995513C6778DC6888AB6870E", ""),
    ("0x901Bb9583B24D97E995513C6778dc6888AB6870", ""),
    ("0xZZ1Bb9583B24D97E995513C6778dc6888AB6870e", ""),
    ("BC1QVHNFKNW852EPHXYC5HM4Q520ZMVF9MAPHETC9Z", ""),
    ("LTC1QABC", ""),
    ("tb1Q-not-bech32", ""),
    ("12udabs2TkX7NXCSj6KpqXfakjE52ZPLhz", "bitcoin"),
    (" TXmVpin5vq5gdZsciyyjdZgKRUju4st1wM ", ""),
    ("bitcoincash:QPM2QSZNHKS23Z7629MMS6S4CWEF74VCWVY22GDX6A", ""),
    ("QPM2QSZNHKS23Z7629MMS6S4CWEF74VCWVY22GDX6A", "bitcoin-cash"),
    ("qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", "bitcoin-cash"),
    ("Qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a", "bitcoin-cash"),
    ("QPM2QSZNHKS23Z7629MMS6S4CWEF74VCWVY22GDX6A", "bitcoin"),
    ("", ""),
  ])
  func theReplaysByteKeyIsTheListsKey(address: String, chain: String) {
    #expect(Self.key(address, chain: chain) == WalletAddress.normalize(address, chainHint: chain.isEmpty ? nil : chain))
  }

  @Test(.enabled(if: ListsSharedData.isAvailable, "needs ../shared/data/lists"))
  func everyAddressOnTheRealListsHasTheSameKeyFromBytesInEveryCase() throws {
    let load = try OFACLegacyLoader.load(directory: ListsSharedData.folder("ofac-sdn-2021"))
    let addresses = load.entries.flatMap(\.walletAddresses)
    #expect(addresses.count == 97)
    let book = AddressBook(entries: load.entries)
    for address in addresses {
      for written in [address.original, address.original.lowercased(), address.original.uppercased()] {
        #expect(Self.key(written, chain: address.chain) == WalletAddress.normalize(written, chainHint: address.chain))
      }
      #expect(book.hits(address: address.original).contains { $0.address == address })
    }
  }
}
