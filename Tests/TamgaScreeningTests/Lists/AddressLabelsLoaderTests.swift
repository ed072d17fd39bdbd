import Testing
import TamgaModel
import TamgaScreening

@Suite struct AddressLabelsLoaderTests {
  static let header = "chain,address,category,entity,source"

  static func load(_ rows: [String], header: String = AddressLabelsLoaderTests.header) throws -> ListLoad {
    try AddressLabelsLoader.load(text: ([header] + rows).joined(separator: "\n") + "\n", fileName: "labels.csv", listName: "vendor")
  }

  @Test func eachAddressIsOneEntryWithEveryCategoryItCarries() throws {
    let load = try Self.load([
      "ethereum,0xD90e2f925DA726b50C4Ed8D0Fb90Ad053324F31b,mixer,Tornado Cash,vendor-a",
      "bitcoin,bc1qa5wkgaew2dkv56kfvj49j0av5nml45x9ek9hz6,ransomware,Conti,vendor-a",
      // The same EVM address in another case, with a second category and source.
      "ethereum,0xd90e2f925da726b50c4ed8d0fb90ad053324f31b,sanctions,Tornado Cash,OFAC",
    ])
    #expect(load.rejections.isEmpty)
    #expect(load.entries.map(\.id) == [
      "ethereum:0xd90e2f925da726b50c4ed8d0fb90ad053324f31b", "bitcoin:bc1qa5wkgaew2dkv56kfvj49j0av5nml45x9ek9hz6",
    ])
    let tornado = try #require(load.entries.first)
    #expect(tornado.list == "vendor")
    #expect(tornado.kind == .entity)
    #expect(tornado.primaryName == "Tornado Cash")
    #expect(tornado.programs == ["sanctions", "mixer"])
    #expect(tornado.remarks == "source: vendor-a; OFAC")
    #expect(tornado.walletAddresses.map(\.original) == ["0xD90e2f925DA726b50C4Ed8D0Fb90Ad053324F31b"])
  }

  @Test func columnsAreFoundByNameAndTheEntityMayBeMissing() throws {
    let load = try Self.load(
      ["ransomware,TNaRAoLUyYEV2uF7GUrzSjRQTU8v5ZJ5VR,tron"], header: "category,address,chain")
    #expect(load.entries.map(\.primaryName) == ["TNaRAoLUyYEV2uF7GUrzSjRQTU8v5ZJ5VR"])
    #expect(load.entries.first?.walletAddresses.first?.chain == "tron")
  }

  @Test func badRowsAreRefusedWithLineAndColumnAndTheRestLoads() throws {
    let load = try Self.load([
      "ethereum,0x1111111111111111111111111111111111111111,darknet,Somewhere,v",
      "ethereum,,scam,Nowhere,v",
      ",0x2222222222222222222222222222222222222222,scam,Nowhere,v",
      "ethereum,0x3333333333333333333333333333333333333333,scam,Fraud Ltd,v",
      "ethereum,0x3333333333333333333333333333333333333333,gambling,Other Name,v",
      "ethereum,0x4444444444444444444444444444444444444444,scam",
    ])
    #expect(load.entries.map(\.primaryName) == ["Fraud Ltd"])
    #expect(load.entries.first?.programs == ["scam"])
    #expect(load.rejections.map(\.line) == [2, 3, 4, 6, 7])
    #expect(load.rejections.map(\.column) == [3, 2, 1, 4, nil])
    #expect(load.rejections[0].reason.hasPrefix("category is not one of sanctions, terrorist_financing"))
    #expect(load.rejections[3].reason.contains("entity differs"))
  }

  @Test func aHeaderWithoutTheAddressIsRefusedWhole() {
    #expect(throws: ListLoadError.self) { try Self.load(["ethereum,scam"], header: "chain,category") }
    #expect(throws: ListLoadError.self) { try AddressLabelsLoader.load(text: "", fileName: "labels.csv", listName: "v") }
  }

  @Test func everyCategoryHasARiskClass() {
    #expect(ExposureCategory.allCases.count == 11)
    #expect(ExposureCategory.allCases.filter { $0.riskClass == .severe }.map(\.rawValue) == [
      "sanctions", "terrorist_financing", "darknet_market", "ransomware", "stolen_funds",
    ])
    #expect(ExposureCategory.p2pExchange.riskClass == .medium)
    #expect(ExposureCategory.mixer.riskClass == .high)
  }
}
