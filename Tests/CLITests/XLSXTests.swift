import Foundation
import Reports
import Testing

/// A workbook as openpyxl reads it (scripts/read-xlsx.py).
struct ReadWorkbook: Decodable {
  struct Cell: Decodable {
    let value: JSONScalar
    let type: String
    let format: String
  }
  struct Sheet: Decodable {
    let name: String
    let freeze_panes: String?
    let rows: [[Cell]]

    var header: [String] { rows.first?.map { $0.value.text ?? "" } ?? [] }
    /// The data cells of the column headed `key`.
    func column(_ key: String) -> [Cell] {
      guard let index = header.firstIndex(of: key) else { return [] }
      return rows.dropFirst().map { index < $0.count ? $0[index] : Cell(value: .null, type: "n", format: "") }
    }
  }
  let sheets: [Sheet]

  func sheet(_ name: String) -> Sheet? { sheets.first { $0.name == name } }

  /// Runs Python's openpyxl over `path`. Fails the test loudly when python3 or openpyxl is
  /// missing (CI installs openpyxl with scripts/system-packages.sh): never a silent skip.
  static func read(_ path: String) throws -> ReadWorkbook {
    let process = Process()
    let python = ProcessInfo.processInfo.environment["NEOCLOUD_PYTHON"] ?? "python3"
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [python, repositoryRoot + "/scripts/read-xlsx.py", path]
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      Issue.record(
        "scripts/read-xlsx.py exited \(process.terminationStatus): \(errors) (openpyxl comes from scripts/system-packages.sh)"
      )
      throw FixtureError(message: errors)
    }
    return try JSONDecoder().decode(ReadWorkbook.self, from: data)
  }
}

/// A JSON scalar of openpyxl's output (or of neocloud's JSON).
enum JSONScalar: Decodable, Equatable {
  case null, bool(Bool), number(Double), string(String)

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let bool = try? container.decode(Bool.self) {
      self = .bool(bool)
    } else if let number = try? container.decode(Double.self) {
      self = .number(number)
    } else {
      self = .string(try container.decode(String.self))
    }
  }

  var text: String? { if case .string(let text) = self { text } else { nil } }
  var number: Double? { if case .number(let number) = self { number } else { nil } }
}

@Suite struct XLSXTests {
  @Test func riskWorkbookHasTypedCellsFormatsAndKeysAsHeaders() throws {
    let box = try Sandbox.withSamples()
    let run = box.run(["risk", "--as-of", "2026-11-23", "--output", "risk.xlsx"])
    #expect(run.code == 0, "\(run.stderr)")
    #expect(run.stdout.isEmpty)
    let workbook = try ReadWorkbook.read(box.path("risk.xlsx"))
    #expect(workbook.sheets.map(\.name) == ["providers", "about"])
    let providers = try #require(workbook.sheet("providers"))
    #expect(providers.freeze_panes == "A2")
    for key in [
      "provider_id", "grade", "dscr_12m", "revenue_12m_usd", "debt_service_12m_usd", "utilization_pct",
      "break_even_utilization_pct", "runway_months", "cash_out_month", "flags",
    ] {
      #expect(providers.header.contains(key), "header lacks \(key): \(providers.header)")
    }
    #expect(providers.rows.first?.allSatisfy { $0.type == "s" } == true)

    // The same figures as the JSON report, as numbers with the documented formats.
    let json = box.run(["risk", "--as-of", "2026-11-23", "--format", "json"])
    let document = try JSONDecoder().decode(RiskDocument.self, from: Data(json.stdout.utf8))
    #expect(providers.rows.count - 1 == document.providers.count)
    #expect(providers.column("provider_id").compactMap(\.value.text) == document.providers.map(\.provider_id))
    for (cell, expected) in zip(providers.column("revenue_12m_usd"), document.providers) {
      #expect(cell.type == "n")
      #expect(cell.format == "#,##0.00")
      #expect(cell.value.number == expected.revenue_12m_usd)
    }
    for (cell, expected) in zip(providers.column("dscr_12m"), document.providers) {
      guard let dscr = expected.dscr_12m else {
        #expect(cell.value == .null)
        continue
      }
      #expect(cell.type == "n")
      #expect(cell.format == "0.00")
      #expect(abs((cell.value.number ?? .nan) - dscr) < 1e-9)
    }
    let utilization = providers.column("utilization_pct").filter { $0.value != .null }
    #expect(!utilization.isEmpty)
    #expect(utilization.allSatisfy { $0.type == "n" && $0.format == "0.0\"%\"" })
    let runway = providers.column("runway_months").filter { $0.value != .null }
    #expect(!runway.isEmpty)
    #expect(runway.allSatisfy { $0.type == "n" })

    let about = try #require(workbook.sheet("about"))
    #expect(about.header.first == "as_of")
    #expect(about.column("as_of").first?.value == .string("2026-11-23"))
    #expect(about.column("horizon_months").first?.value == .number(36))
  }

  /// The `about` sheet's headers are the keys of JSON `assumptions`, nested ones as their dotted
  /// path (`default_rates_pct.investment_grade`), as the providers sheet writes them after `assumptions.`.
  @Test func aboutSheetHeadersAreTheAssumptionsKeys() throws {
    let box = try Sandbox.withSamples()
    let run = box.run(["risk", "--as-of", "2026-11-23", "--simulate", "100", "--output", "risk.xlsx"])
    #expect(run.code == 0, "\(run.stderr)")
    let workbook = try ReadWorkbook.read(box.path("risk.xlsx"))
    let about = try #require(workbook.sheet("about"))
    let providers = try #require(workbook.sheet("providers"))
    let assumed = providers.header.filter { $0.hasPrefix("assumptions.") }.map { String($0.dropFirst(12)) }
    #expect(!assumed.isEmpty)
    for key in assumed { #expect(about.header.contains(key), "about lacks \(key): \(about.header)") }
    #expect(about.column("default_rates_pct.unrated").first?.value == .number(10))
  }

  @Test func rankWorkbookGoesToAPipeAsBytes() throws {
    let box = try Sandbox.withSamples()
    let run = box.run(["rank", "--as-of", "2026-11-23", "--format", "xlsx"])
    #expect(run.code == 0, "\(run.stderr)")
    // What a pipe receives is a zip archive (PK\3\4), written to a file here to read it back.
    let bytes = Array(run.stdout.utf8.prefix(2))
    #expect(bytes == [0x50, 0x4B])
    let piped = box.run(["rank", "--as-of", "2026-11-23", "--output", "rank.xlsx"])
    #expect(piped.code == 0, "\(piped.stderr)")
    let workbook = try ReadWorkbook.read(box.path("rank.xlsx"))
    #expect(workbook.sheets.map(\.name) == ["providers", "about"])
    let providers = try #require(workbook.sheet("providers"))
    #expect(Array(providers.header.prefix(5)) == ["rank", "provider_id", "name", "tier", "score"])
    #expect(providers.header.contains("coverage_pct"))
    #expect(providers.column("rank").map(\.value) == (1...providers.rows.count - 1).map { .number(Double($0)) })
    #expect(providers.column("score").allSatisfy { $0.type == "n" })
    #expect(providers.column("tier").allSatisfy { $0.type == "s" })
    #expect(workbook.sheet("about")?.header == ["as_of", "rubric_version"])
  }

  @Test func showWorkbookHasOneSheetPerSection() throws {
    let box = try Sandbox.withSamples()
    let run = box.run(["show", "gale-metal", "--as-of", "2026-11-23", "--output", "gale.xlsx"])
    #expect(run.code == 0, "\(run.stderr)")
    let workbook = try ReadWorkbook.read(box.path("gale.xlsx"))
    #expect(
      workbook.sheets.map(\.name) == [
        "profile", "facilities", "fleets", "loans", "contracts", "uptime", "risk", "liquidity", "months", "payments",
        "about",
      ])
    #expect(workbook.sheets.allSatisfy { $0.freeze_panes == "A2" })
    let months = try #require(workbook.sheet("months"))
    #expect(months.rows.count - 1 == 36)
    #expect(months.column("cash_usd").allSatisfy { $0.type == "n" && $0.format == "#,##0.00" })
    #expect(workbook.sheet("profile")?.column("provider_id").first?.value == .string("gale-metal"))
  }

  @Test func formulaLikeTextStaysText() throws {
    let box = try Sandbox()
    let table = Table(
      columns: [Column("name"), Column("amount_usd", kind: .money)],
      rows: [[.text("=HYPERLINK(\"http://x\")"), .money(-12.5 as Double?)]])
    try Workbook(sheets: [Workbook.Sheet(name: "t", table: table)]).write(to: box.path("t.xlsx"))
    let sheet = try #require(try ReadWorkbook.read(box.path("t.xlsx")).sheet("t"))
    #expect(sheet.column("name").first?.type == "s")
    #expect(sheet.column("name").first?.value == .string("=HYPERLINK(\"http://x\")"))
    #expect(sheet.column("amount_usd").first?.value == .number(-12.5))
  }

  @Test func xlsxToATerminalIsRefused() throws {
    let box = try Sandbox.withSamples()
    let run = box.run(["risk", "--format", "xlsx"], terminal: true)
    #expect(run.code == 64)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("--output FILE.xlsx"))
  }

  @Test func xlsxOutputExtensionSelectsTheWorkbook() throws {
    let box = try Sandbox.withSamples()
    let run = box.run(["show", "gale-metal", "--output", "GALE.XLSX"])
    #expect(run.code == 0, "\(run.stderr)")
    let data = try #require(FileManager.default.contents(atPath: box.path("GALE.XLSX")))
    #expect(Array(data.prefix(2)) == [0x50, 0x4B])
  }

  @Test(arguments: [["explain", "gale-metal"], ["history"]])
  func commandsWithoutAWorkbookRefuseXLSX(_ command: [String]) throws {
    let box = try Sandbox.withSamples()
    let run = box.run(command + ["--format", "xlsx"])
    #expect(run.code == 64)
    #expect(run.stderr.contains("xlsx is written by rank, risk, show and customers only"))
  }
}

private struct RiskDocument: Decodable {
  struct Provider: Decodable {
    let provider_id: String
    let revenue_12m_usd: Double
    let dscr_12m: Double?
  }
  let providers: [Provider]
}
