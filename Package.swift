// swift-tools-version: 6.1
// 6.1 is the oldest tools version that ordo-one/benchmark's traits (in Benchmarks/) accept;
// the root package uses the same so that both build with one toolchain.

import Foundation
import PackageDescription

// The same strict settings for every target: Swift 6 language mode, existentials spelled `any`,
// and imports internal unless marked `public import`, so an API that leaks a dependency shows it.
let strict: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("MemberImportVisibility"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "Tamga",
  products: [
    .executable(name: "tamga", targets: ["tamga"]),
    .library(name: "TamgaPipeline", targets: ["TamgaPipeline"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", exact: "5.0.1"),
  ],
  targets: [
    // MARK: - Values (no I/O)
    .target(name: "TamgaModel", swiftSettings: strict),

    // MARK: - System C libraries (Debian: zlib1g-dev, libssl-dev)
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),
    // SHA-256 of every ingested file runs on the reader thread beside inflate; libcrypto uses the
    // CPU's SHA extensions (about 2 GB/s here), so fingerprinting costs next to nothing.
    .systemLibrary(
      name: "CLibcrypto", pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]),

    // MARK: - Layers: Model ← {Ingest, Rules, Store} ← Pipeline ← tamga
    .target(name: "TamgaIngest", dependencies: ["TamgaModel", "CZlib", "CLibcrypto"], swiftSettings: strict),
    .target(name: "TamgaRules", dependencies: ["TamgaModel"], swiftSettings: strict),
    // Sanctions and PEP screening: list loaders, name matching, the address book.
    // Its reference lists (FATF jurisdictions, approved and privacy assets, counterparty VASPs,
    // USD/KZT rates) are compiled into the binary, so the defaults work wherever the executable
    // is copied.
    .target(
      name: "TamgaScreening", dependencies: ["TamgaModel"],
      resources: [
        .embedInCode("Reference/fatf-jurisdictions.csv"), .embedInCode("Reference/approved-assets.csv"),
        .embedInCode("Reference/privacy-assets.csv"), .embedInCode("Reference/counterparty-vasps.csv"),
        .embedInCode("Reference/usd-kzt-rates.csv"),
      ],
      swiftSettings: strict),
    .target(
      name: "TamgaStore",
      dependencies: [
        // TamgaIngest for its SHA-256, which the audit chain hashes with.
        "TamgaModel", "TamgaIngest", .product(name: "GRDB", package: "GRDB.swift"),
        // The C API itself, for the per-row inserts that GRDB's argument arrays would slow down.
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ],
      swiftSettings: strict),
    // Synthetic populations and flows; writes gzip through Ingest's sink.
    .target(name: "TamgaSynth", dependencies: ["TamgaModel", "TamgaIngest"], swiftSettings: strict),
    // Public AML datasets (IBM AMLSim) turned into Tamga's customers and transfers files.
    .target(name: "TamgaImport", dependencies: ["TamgaModel"], swiftSettings: strict),
    // Travel Rule identity data: IVMS101 payloads parsed, checked against the standard's
    // constraints and against FATF Recommendation 16's completeness rule.
    .target(name: "TamgaTravelRule", swiftSettings: strict),
    .target(
      name: "TamgaPipeline",
      dependencies: ["TamgaModel", "TamgaIngest", "TamgaRules", "TamgaScreening", "TamgaStore", "TamgaSynth",
                     "TamgaTravelRule", .product(name: "Yams", package: "Yams")],
      swiftSettings: strict),
    .executableTarget(
      name: "tamga",
      dependencies: ["TamgaPipeline", "TamgaModel", "TamgaRules", "TamgaScreening", "TamgaStore", "TamgaIngest", "TamgaSynth",
                     "TamgaImport", "TamgaTravelRule", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      swiftSettings: strict),

    // MARK: - Tests
    .target(
      name: "TamgaTestSupport",
      dependencies: ["TamgaModel", "TamgaIngest", "TamgaRules", "TamgaScreening", "TamgaStore", "TamgaPipeline"],
      swiftSettings: strict),
    .testTarget(name: "TamgaModelTests", dependencies: ["TamgaModel"], swiftSettings: strict),
    .testTarget(name: "TamgaIngestTests", dependencies: ["TamgaIngest", "TamgaModel", "TamgaTestSupport"], swiftSettings: strict),
    .testTarget(name: "TamgaRulesTests", dependencies: ["TamgaRules", "TamgaModel", "TamgaTestSupport"], swiftSettings: strict),
    .testTarget(
      name: "TamgaStoreTests",
      dependencies: ["TamgaStore", "TamgaModel", "TamgaTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: strict),
    .testTarget(name: "TamgaSynthTests", dependencies: ["TamgaSynth", "TamgaModel", "TamgaIngest"], swiftSettings: strict),
    .testTarget(name: "TamgaScreeningTests", dependencies: ["TamgaScreening", "TamgaModel"], swiftSettings: strict),
    .testTarget(name: "TamgaImportTests", dependencies: ["TamgaImport"], swiftSettings: strict),
    .testTarget(name: "TamgaTravelRuleTests", dependencies: ["TamgaTravelRule"], swiftSettings: strict),
    // Recall, false positives and speed of name screening on the real lists in ../shared/data:
    //   swift run -c release ScreeningEvaluation ../shared/data
    .executableTarget(name: "ScreeningEvaluation", dependencies: ["TamgaScreening", "TamgaModel"], swiftSettings: strict),
    // Recall and unlabelled share of the typologies on IBM AMLSim's labelled sample in ../shared/data:
    //   swift run -c release AMLSimEvaluation ../shared/data
    .executableTarget(
      name: "AMLSimEvaluation", dependencies: ["TamgaImport", "TamgaIngest", "TamgaPipeline", "TamgaRules", "TamgaStore", "TamgaModel"],
      swiftSettings: strict),
    // Memory per tracked address of the exposure graph:  swift run -c release ExposureMemory 10000000
    .executableTarget(name: "ExposureMemory", dependencies: ["TamgaRules", "TamgaModel"], swiftSettings: strict),
    .testTarget(
      name: "TamgaPipelineTests",
      dependencies: [
        "TamgaPipeline", "TamgaModel", "TamgaStore", "TamgaRules", "TamgaIngest", "TamgaScreening", "TamgaSynth",
        "TamgaTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
      ],
      swiftSettings: strict),
    // End-to-end cases in Scenarios/, one parameterised test over the folders.
    .testTarget(
      name: "ScenarioTests",
      dependencies: ["TamgaPipeline", "TamgaModel", "TamgaStore", "TamgaTestSupport"],
      swiftSettings: strict),
    // Runs the built `tamga` binary as a child process: exit codes, kill -9 and resume, concurrent readers.
    .testTarget(
      name: "tamgaTests",
      dependencies: [
        "tamga", "TamgaStore", "TamgaModel", "TamgaSynth", "TamgaTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
      ],
      exclude: ["Golden"],
      swiftSettings: strict),
  ]
)

// MARK: - Benchmarks
// Only with TAMGA_BENCHMARKS set: the benchmark package brings its own tools and an allocation
// interposer, which the tests and a plain build do not need. Run with
//   TAMGA_BENCHMARKS=1 swift package --disable-sandbox benchmark
if ProcessInfo.processInfo.environment["TAMGA_BENCHMARKS"] != nil {
  package.dependencies.append(
    // The MallocInterposer trait gives the malloc counters that prove the hot path allocates nothing.
    .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]))
  package.targets.append(
    .executableTarget(
      name: "Replay",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        "TamgaPipeline", "TamgaIngest", "TamgaRules", "TamgaStore", "TamgaSynth", "TamgaModel",
      ],
      path: "Benchmarks/Replay",
      swiftSettings: [.swiftLanguageMode(.v6)],
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]))
  package.targets.append(
    .executableTarget(
      name: "CaseWork",
      dependencies: [.product(name: "Benchmark", package: "benchmark"), "TamgaPipeline", "TamgaStore", "TamgaModel"],
      path: "Benchmarks/CaseWork",
      swiftSettings: [.swiftLanguageMode(.v6)],
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]))
}
