// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "neocloud",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "neocloud", targets: ["neocloud"])
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
  ],
  targets: [
    .systemLibrary(name: "CCSV", path: "Sources/CCSV"),
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
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]),
    .target(name: "Reports", dependencies: ["Domain", "Scoring", "Finance"]),
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
        "Engine", "Domain", "Store", "Import", "Reports", "Evidence",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "neocloud", dependencies: ["CLI"]),
    // libFuzzer harness over the importer: the fuzz entry point is compiled only with -D FUZZING
    // (scripts/fuzz.sh); otherwise it is a trivial main.
    .executableTarget(
      name: "neocloud-fuzz", dependencies: ["Import", "Store"], path: "Fuzz", exclude: ["seeds", "csv.dict"]),
    .testTarget(name: "DomainTests", dependencies: ["Domain"]),
    .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Domain"]),
    .testTarget(name: "FinanceTests", dependencies: ["Finance", "Domain"]),
    .testTarget(name: "StoreTests", dependencies: ["Store", "Domain"]),
    .testTarget(name: "ImportTests", dependencies: ["Import", "Store", "Domain"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Domain"]),
    .testTarget(name: "EvidenceTests", dependencies: ["Evidence", "Scoring", "Domain"]),
    .testTarget(
      name: "CLITests",
      dependencies: ["CLI", "Engine", "Store", "Domain"],
      exclude: ["Snapshots"]),
  ]
)
