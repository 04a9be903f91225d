// swift-tools-version: 6.1
import PackageDescription

// Linux only: the sources call Glibc directly and libcsv comes from Debian's libcsv-dev, so no
// Apple platform is claimed.
let package = Package(
  name: "neocloud",
  products: [
    .executable(name: "neocloud", targets: ["neocloud"])
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
  ],
  targets: [
    .systemLibrary(name: "CCSV", path: "Sources/CCSV", providers: [.apt(["libcsv-dev"])]),
    // libxlsxwriter writes the `.xlsx` workbooks of rank, risk and show.
    .systemLibrary(name: "CXLSX", path: "Sources/CXLSX", providers: [.apt(["libxlsxwriter-dev"])]),
    .target(name: "Domain"),
    .target(name: "Scoring", dependencies: ["Domain"]),
    .target(name: "Finance", dependencies: ["Domain"]),
    .target(
      name: "Store",
      dependencies: [
        "Domain",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]),
    .target(
      name: "Import",
      dependencies: [
        "Domain", "Store", "CCSV",
        // The hot loop binds and steps the raw statements Store's bulk-load session prepares.
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]),
    .target(name: "Reports", dependencies: ["Domain", "Scoring", "Finance", "CXLSX"]),
    // Evidence from the field: status-page incident histories and cmax audits, read as streams.
    .target(name: "Evidence", dependencies: ["Domain", "Scoring"]),
    .target(
      name: "Engine",
      dependencies: [
        "Domain", "Scoring", "Finance", "Store", "Import", "Reports", "Evidence",
      ]),
    .target(
      name: "CLI",
      dependencies: [
        "Engine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "neocloud", dependencies: ["CLI"]),
    // libFuzzer harness over the importer: the fuzz entry point is compiled only with -D FUZZING
    // (scripts/fuzz.sh); otherwise it is a trivial main.
    .executableTarget(
      name: "neocloud-fuzz", dependencies: ["Import", "Store"], path: "Fuzz", exclude: ["seeds", "csv.dict"]),
    // Shared by the test targets: temporary directories (and databases in them), the seeded RNG.
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "DomainTests", dependencies: ["Domain"]),
    .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Domain", "TestSupport"]),
    .testTarget(name: "FinanceTests", dependencies: ["Finance", "Domain", "TestSupport"]),
    .testTarget(name: "StoreTests", dependencies: ["Store", "Domain", "TestSupport"]),
    .testTarget(name: "ImportTests", dependencies: ["Import", "Store", "Domain", "TestSupport"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Domain"]),
    .testTarget(name: "EvidenceTests", dependencies: ["Evidence", "Scoring", "Domain"]),
    .testTarget(
      name: "EngineTests",
      dependencies: [
        "Engine", "Store", "Import", "Domain", "TestSupport",
        // The fingerprint tests store hand-made datasets with plain INSERTs.
        .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(
      name: "CLITests",
      dependencies: ["CLI", "Engine", "Store", "Domain", "Reports", "TestSupport"],
      exclude: ["Snapshots"]),
  ]
)
