import TamgaScreening
import Testing

@Suite struct WalletAddressTests {
  @Test func evmHexIsComparedWithoutCase() {
    let checksummed = "0x901Bb9583B24D97E995513C6778dc6888AB6870e"
    #expect(WalletAddress.normalize(checksummed, chainHint: "ethereum") == checksummed.lowercased())
  }

  @Test func bech32IsComparedWithoutCase() {
    #expect(
      WalletAddress.normalize("BC1QVHNFKNW852EPHXYC5HM4Q520ZMVF9MAPHETC9Z", chainHint: nil)
        == "bc1qvhnfknw852ephxyc5hm4q520zmvf9maphetc9z")
    #expect(WalletAddress.normalize("LTC1QABC", chainHint: nil) == "ltc1qabc")
  }

  @Test func base58KeepsItsCaseBecauseCaseChangesTheAddress() {
    let legacy = "12udabs2TkX7NXCSj6KpqXfakjE52ZPLhz"
    #expect(WalletAddress.normalize(legacy, chainHint: "bitcoin") == legacy)
    let tron = "TXmVpin5vq5gdZsciyyjdZgKRUju4st1wM"
    #expect(WalletAddress.normalize(" \(tron) ", chainHint: nil) == tron)
  }

  @Test func tokenLabelsTakeTheirChainFromTheAddressShape() {
    #expect(
      WalletAddress(label: "USDT", address: "0x19aa5fe80d33a56d56c78e82ea5e50e5d80b4dff").chain == "evm")
    #expect(WalletAddress(label: "USDT", address: "TXmVpin5vq5gdZsciyyjdZgKRUju4st1wM").chain == "tron")
    #expect(WalletAddress(label: "USDT", address: "1KUUJPkyDhamZXgpsyXqNGc3x1QPXtdhgz").chain == "bitcoin")
    #expect(
      WalletAddress(label: "USDC", address: "bc1qdt3gml5z5n50y5hm04u2yjdphefkm0fl2zdj68").chain == "bitcoin")
    #expect(WalletAddress(label: "USDT", address: "LQ2Pm9r1YXKrH3nT5CJZ3ZrWJ6mDk1Ak6k").chain == "litecoin")
    #expect(WalletAddress(label: "USDT", address: "???").chain == "unknown")
  }

  @Test func coinLabelsNameTheirChain() {
    #expect(WalletAddress(label: "XBT", address: "12udabs2TkX7NXCSj6KpqXfakjE52ZPLhz").chain == "bitcoin")
    #expect(
      WalletAddress(label: "ETH", address: "0x901bb9583b24d97e995513c6778dc6888ab6870e").chain == "ethereum")
    #expect(WalletAddress(label: "LTC", address: "Leo3j36nn1JcsUQruytQhFUdCdCH5YHMR3").chain == "litecoin")
    #expect(WalletAddress(label: "XMR", address: "4xyz").chain == "monero")
  }

  @Test func extractionFindsEveryMentionAndStopsAtSeparators() {
    let remarks =
      "DOB 26 Dec 1992; Digital Currency Address - XBT 12udabs2TkX7NXCSj6KpqXfakjE52ZPLhz; "
      + "alt. Digital Currency Address - ETH 0x901Bb9583B24D97E995513C6778dc6888AB6870e Phone 1; "
      + "Digital Currency Address - LTC Leo3j36nn1JcsUQruytQhFUdCdCH5YHMR3."
    let found = WalletAddress.extract(fromRemarks: remarks)
    #expect(found.map(\.asset) == ["XBT", "ETH", "LTC"])
    #expect(
      found.map(\.original) == [
        "12udabs2TkX7NXCSj6KpqXfakjE52ZPLhz", "0x901Bb9583B24D97E995513C6778dc6888AB6870e",
        "Leo3j36nn1JcsUQruytQhFUdCdCH5YHMR3",
      ])
    #expect(found[1].normalized == "0x901bb9583b24d97e995513c6778dc6888ab6870e")
    #expect(found.map(\.chain) == ["bitcoin", "ethereum", "litecoin"])
  }

  @Test func remarksWithoutAddressesYieldNone() {
    #expect(WalletAddress.extract(fromRemarks: "DOB 1970; nationality Iran.").isEmpty)
    #expect(WalletAddress.extract(fromRemarks: "Digital Currency Address - ").isEmpty)
  }
}
