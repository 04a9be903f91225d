import Foundation
import Testing

@testable import Import

/// Every field rule of §2 with its exact message: one sample row, one field changed.
@Suite struct FieldValidationTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var kind: Kind
    var changes: [String: String]
    var message: String
    var testDescription: String { message }
  }

  static let identifierRule =
    "is not an identifier (1–64 letters, digits, '.', '_' or '-', starting with a letter or digit)"

  static let cases: [Case] = [
    // Grammar.
    Case(
      kind: .fleets, changes: ["gpu_count": "sixteen"],
      message: "fleets.csv:2:gpu_count: 'sixteen' is not an integer"),
    Case(
      kind: .fleets, changes: ["gpu_count": "16.0"],
      message: "fleets.csv:2:gpu_count: '16.0' is not an integer"),
    Case(
      kind: .fleets, changes: ["gpu_count": "+16"],
      message: "fleets.csv:2:gpu_count: '+16' is not an integer"),
    Case(
      kind: .fleets, changes: ["gpu_count": "99999999999999999999"],
      message: "fleets.csv:2:gpu_count: '99999999999999999999' is out of range: must be at least 1 and at most 10000000"
    ),
    Case(
      kind: .fleets, changes: ["useful_life_years": "6.0"],
      message: "fleets.csv:2:useful_life_years: '6.0' is not an integer"),
    Case(
      kind: .uptime, changes: ["incidents": "1e2"],
      message: "uptime.csv:2:incidents: '1e2' is not an integer"),
    Case(
      kind: .loans, changes: ["payments_per_year": "12.0"],
      message: "loans.csv:2:payments_per_year: '12.0' is not an integer"),
    Case(
      kind: .fleets, changes: ["gpu_power_kw": "1e0"],
      message: "fleets.csv:2:gpu_power_kw: '1e0' is not a number"),
    Case(
      kind: .fleets, changes: ["gpu_power_kw": ".5"],
      message: "fleets.csv:2:gpu_power_kw: '.5' is not a number"),
    Case(
      kind: .fleets, changes: ["gpu_power_kw": "1."],
      message: "fleets.csv:2:gpu_power_kw: '1.' is not a number"),
    Case(
      kind: .fleets, changes: ["gpu_power_kw": "+1"],
      message: "fleets.csv:2:gpu_power_kw: '+1' is not a number"),
    Case(
      kind: .fleets, changes: ["gpu_power_kw": "nan"],
      message: "fleets.csv:2:gpu_power_kw: 'nan' is not a number"),
    Case(
      kind: .fleets, changes: ["gpu_power_kw": "inf"],
      message: "fleets.csv:2:gpu_power_kw: 'inf' is not a number"),
    Case(
      kind: .fleets, changes: ["utilization_pct": "80%"],
      message: "fleets.csv:2:utilization_pct: '80%' is not a number"),
    Case(
      kind: .fleets, changes: ["gpu_power_kw": "1.35 "],
      message: "fleets.csv:2:gpu_power_kw: '1.35 ' is not a number"),
    Case(
      kind: .fleets, changes: ["capex_usd": "\"30,720,000\""],
      message: "fleets.csv:2:capex_usd: '30,720,000' is not an amount in USD (e.g. 1250000.50)"),
    Case(
      kind: .fleets, changes: ["capex_usd": "$30720000"],
      message: "fleets.csv:2:capex_usd: '$30720000' is not an amount in USD (e.g. 1250000.50)"),
    Case(
      kind: .fleets, changes: ["capex_usd": "30720000.001"],
      message:
        "fleets.csv:2:capex_usd: '30720000.001' has more than 2 decimals (amounts are in cents)"),
    Case(
      kind: .fleets, changes: ["capex_usd": "-1"],
      message: "fleets.csv:2:capex_usd: '-1' is negative: amounts must be at least 0"),
    Case(
      kind: .providers, changes: ["cash_usd": "-0.01"],
      message: "providers.csv:2:cash_usd: '-0.01' is negative: amounts must be at least 0"),
    Case(
      kind: .providers, changes: ["fixed_opex_usd_per_month": "-5"],
      message:
        "providers.csv:2:fixed_opex_usd_per_month: '-5' is negative: amounts must be at least 0"),
    Case(
      kind: .providers, changes: ["min_liquidity_usd": "1e6"],
      message: "providers.csv:2:min_liquidity_usd: '1e6' is not an amount in USD (e.g. 1250000.50)"),
    Case(
      kind: .providers, changes: ["cash_usd": "99999999999999999999"],
      message: "providers.csv:2:cash_usd: '99999999999999999999' is too large an amount: at most 1000000000000 USD"),
    Case(
      kind: .fleets, changes: ["fleet_id": "-f1"],
      message: "fleets.csv:2:fleet_id: '-f1' \(identifierRule)"),
    Case(
      kind: .fleets, changes: ["fleet_id": "f 1"],
      message: "fleets.csv:2:fleet_id: 'f 1' \(identifierRule)"),
    Case(
      kind: .fleets, changes: ["gpu_model": "H100/80"],
      message: "fleets.csv:2:gpu_model: 'H100/80' \(identifierRule)"),
    Case(
      kind: .fleets, changes: ["fleet_id": String(repeating: "a", count: 65)],
      message: "fleets.csv:2:fleet_id: '\(String(repeating: "a", count: 40))…' \(identifierRule)"),
    Case(
      kind: .fleets, changes: ["in_service_on": "2025-02-29"],
      message: "fleets.csv:2:in_service_on: '2025-02-29' is not a date (YYYY-MM-DD)"),
    Case(
      kind: .fleets, changes: ["in_service_on": "2025-1-01"],
      message: "fleets.csv:2:in_service_on: '2025-1-01' is not a date (YYYY-MM-DD)"),
    Case(
      kind: .fleets, changes: ["in_service_on": "2025/01/01"],
      message: "fleets.csv:2:in_service_on: '2025/01/01' is not a date (YYYY-MM-DD)"),
    Case(
      kind: .fleets, changes: ["in_service_on": "0000-01-01"],
      message: "fleets.csv:2:in_service_on: '0000-01-01' is not a date (YYYY-MM-DD)"),
    Case(
      kind: .uptime, changes: ["month": "2026-13"],
      message: "uptime.csv:2:month: '2026-13' is not a month (YYYY-MM)"),
    Case(
      kind: .uptime, changes: ["month": "2026-05-01"],
      message: "uptime.csv:2:month: '2026-05-01' is not a month (YYYY-MM)"),
    Case(
      kind: .providers, changes: ["country": "us"],
      message:
        "providers.csv:2:country: 'us' is not an ISO 3166-1 alpha-2 country code (e.g. US, DE)"),
    Case(
      kind: .providers, changes: ["country": "ZZ"],
      message:
        "providers.csv:2:country: 'ZZ' is not an ISO 3166-1 alpha-2 country code (e.g. US, DE)"),
    Case(
      kind: .providers, changes: ["name": ""], message: "providers.csv:2:name: a value is required"),
    Case(
      kind: .fleets, changes: ["facility_id": ""],
      message: "fleets.csv:2:facility_id: a value is required"),
    // Enumerations.
    Case(
      kind: .providers, changes: ["segment": "Neocloud"],
      message:
        "providers.csv:2:segment: 'Neocloud' is not one of neocloud, hyperscaler, sovereign, marketplace, other"
    ),
    Case(
      kind: .facilities, changes: ["ownership": "rented"],
      message: "facilities.csv:2:ownership: 'rented' is not one of owned, leased, colo"),
    Case(
      kind: .fleets, changes: ["interconnect": "nvlink"],
      message: "fleets.csv:2:interconnect: 'nvlink' is not one of infiniband, roce, ethernet"),
    Case(
      kind: .loans, changes: ["rate_type": "variable"],
      message: "loans.csv:2:rate_type: 'variable' is not one of fixed, floating"),
    Case(
      kind: .loans, changes: ["amortization": "bullet"],
      message: "loans.csv:2:amortization: 'bullet' is not one of annuity, linear, interest_only"),
    Case(
      kind: .loans, changes: ["payments_per_year": "3"],
      message: "loans.csv:2:payments_per_year: '3' is not one of 1, 2, 4, 12"),
    Case(
      kind: .rubric, changes: ["kind": "score"],
      message: "rubric.csv:2:kind: 'score' is not one of bool, level, numeric"),
    Case(
      kind: .rubric, changes: ["required_for": "diamond"],
      message: "rubric.csv:2:required_for: 'diamond' is not one of platinum, gold, silver, bronze"),
    Case(
      kind: .rubric, changes: ["source": "uptime"],
      message:
        "rubric.csv:2:source: 'uptime' is not one of assessment, uptime_12m, mttr_12m, failures_12m, fabric_gbps_per_gpu, rdma_share"
    ),
    // Ranges.
    Case(
      kind: .facilities, changes: ["pue": "0.99"],
      message: "facilities.csv:2:pue: '0.99' is out of range: must be at least 1 and at most 3"),
    Case(
      kind: .facilities, changes: ["pue": "3.01"],
      message: "facilities.csv:2:pue: '3.01' is out of range: must be at least 1 and at most 3"),
    Case(
      kind: .facilities, changes: ["power_usd_per_kwh": "0"],
      message:
        "facilities.csv:2:power_usd_per_kwh: '0' is out of range: must be greater than 0 and at most 1"
    ),
    Case(
      kind: .facilities, changes: ["power_usd_per_kwh": "1.5"],
      message:
        "facilities.csv:2:power_usd_per_kwh: '1.5' is out of range: must be greater than 0 and at most 1"
    ),
    Case(
      kind: .facilities, changes: ["it_capacity_mw": "0"],
      message: "facilities.csv:2:it_capacity_mw: '0' is out of range: must be greater than 0"),
    Case(
      kind: .facilities, changes: ["colocation_usd_per_kw_month": "-1"],
      message:
        "facilities.csv:2:colocation_usd_per_kw_month: '-1' is out of range: must be at least 0"),
    Case(
      kind: .fleets, changes: ["gpu_count": "0"],
      message: "fleets.csv:2:gpu_count: '0' is out of range: must be at least 1 and at most 10000000"),
    Case(
      kind: .fleets, changes: ["gpu_power_kw": "0"],
      message:
        "fleets.csv:2:gpu_power_kw: '0' is out of range: must be greater than 0 and at most 5"),
    Case(
      kind: .fleets, changes: ["gpu_power_kw": "5.01"],
      message:
        "fleets.csv:2:gpu_power_kw: '5.01' is out of range: must be greater than 0 and at most 5"),
    Case(
      kind: .fleets, changes: ["useful_life_years": "16"],
      message:
        "fleets.csv:2:useful_life_years: '16' is out of range: must be at least 1 and at most 15"),
    Case(
      kind: .fleets, changes: ["useful_life_years": "0"],
      message:
        "fleets.csv:2:useful_life_years: '0' is out of range: must be at least 1 and at most 15"),
    Case(
      kind: .fleets, changes: ["utilization_pct": "100.5"],
      message:
        "fleets.csv:2:utilization_pct: '100.5' is out of range: must be at least 0 and at most 100"),
    Case(
      kind: .fleets, changes: ["fabric_gbps_per_gpu": "-400"],
      message: "fleets.csv:2:fabric_gbps_per_gpu: '-400' is out of range: must be at least 0"),
    Case(
      kind: .loans, changes: ["annual_rate_pct": "-0.5"],
      message:
        "loans.csv:2:annual_rate_pct: '-0.5' is out of range: must be at least 0 and at most 100"),
    Case(
      kind: .loans, changes: ["annual_rate_pct": "101"],
      message:
        "loans.csv:2:annual_rate_pct: '101' is out of range: must be at least 0 and at most 100"),
    Case(
      kind: .loans, changes: ["min_dscr": "-1"],
      message: "loans.csv:2:min_dscr: '-1' is out of range: must be at least 0"),
    Case(
      kind: .contracts, changes: ["gpu_count": "-3"],
      message: "contracts.csv:2:gpu_count: '-3' is out of range: must be at least 1 and at most 10000000"),
    Case(
      kind: .contracts, changes: ["price_usd_per_gpu_hour": "0"],
      message: "contracts.csv:2:price_usd_per_gpu_hour: '0' is out of range: must be greater than 0"
    ),
    Case(
      kind: .contracts, changes: ["sla_uptime_pct": "101"],
      message:
        "contracts.csv:2:sla_uptime_pct: '101' is out of range: must be at least 0 and at most 100"),
    Case(
      kind: .contracts, changes: ["sla_credit_pct": "-1"],
      message:
        "contracts.csv:2:sla_credit_pct: '-1' is out of range: must be at least 0 and at most 100"),
    Case(
      kind: .uptime, changes: ["uptime_pct": "100.01"],
      message:
        "uptime.csv:2:uptime_pct: '100.01' is out of range: must be at least 0 and at most 100"),
    Case(
      kind: .uptime, changes: ["incidents": "-1"],
      message: "uptime.csv:2:incidents: '-1' is out of range: must be at least 0 and at most 1000000"),
    Case(
      kind: .uptime, changes: ["failures_per_1k_gpu_months": "-0.1"],
      message: "uptime.csv:2:failures_per_1k_gpu_months: '-0.1' is out of range: must be at least 0"
    ),
    Case(
      kind: .uptime, changes: ["mttr_hours": "-2"],
      message: "uptime.csv:2:mttr_hours: '-2' is out of range: must be at least 0"),
    Case(
      kind: .marketPrices, changes: ["price_usd_per_gpu_hour": "-3.9"],
      message:
        "market_prices.csv:2:price_usd_per_gpu_hour: '-3.9' is out of range: must be greater than 0"
    ),
    Case(
      kind: .rubric, changes: ["weight": "0"],
      message: "rubric.csv:2:weight: '0' is out of range: must be greater than 0"),
    // Within a row.
    Case(
      kind: .loans, changes: ["balance_usd": "25000000.01"],
      message: "loans.csv:2:balance_usd: '25000000.01' must not exceed principal_usd (25000000)"),
    Case(
      kind: .loans, changes: ["maturity_on": "2024-03-01"],
      message: "loans.csv:2:maturity_on: '2024-03-01' must be after start_on (2024-03-01)"),
    Case(
      kind: .contracts, changes: ["end_on": "2024-12-31"],
      message: "contracts.csv:2:end_on: '2024-12-31' must not be before start_on (2025-01-01)"),
    Case(
      kind: .rubric, changes: ["full_at": ""],
      message: "rubric.csv:2:full_at: a value is required for a numeric criterion"),
    Case(
      kind: .rubric, changes: ["zero_at": "400"],
      message: "rubric.csv:2:zero_at: '400' must differ from full_at (400)"),
    Case(
      kind: .rubric, changes: ["kind": "bool", "source": ""],
      message: "rubric.csv:2:full_at: '400' is only for numeric criteria (this one is bool)"),
  ]

  @Test(arguments: cases)
  func rejectsTheField(_ example: Case) throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let name = "\(example.kind.rawValue).csv"
    try fixture.write(name, Samples.oneRow(example.kind, example.changes))
    let errors = fixture.errors([name])
    #expect(errors.first == example.message)
    if example.changes["kind"] == "bool" {
      #expect(
        errors == [
          example.message,
          "rubric.csv:2:zero_at: '0' is only for numeric criteria (this one is bool)",
        ])
    } else {
      #expect(errors.count == 1)
    }
  }

  @Test func derivedSourceNeedsNumeric() throws {
    let fixture = try Fixture()
    try fixture.write(
      "rubric.csv",
      "criterion_id,pillar,title,kind,weight,source\nr1,reliability,Uptime,level,1,uptime_12m\n")
    #expect(
      fixture.errors(["rubric.csv"]) == [
        "rubric.csv:2:source: 'uptime_12m' is a derived source and needs kind numeric (this one is level)"
      ])
  }

  @Test func everyBadFieldOfARowIsReported() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "fleets.csv",
      Samples.oneRow(
        .fleets, ["gpu_count": "x", "pue": "", "interconnect": "IB", "capex_usd": "1.234"]))
    #expect(
      fixture.errors(["fleets.csv"]) == [
        "fleets.csv:2:gpu_count: 'x' is not an integer",
        "fleets.csv:2:capex_usd: '1.234' has more than 2 decimals (amounts are in cents)",
        "fleets.csv:2:interconnect: 'IB' is not one of infiniband, roce, ethernet",
      ])
  }

  @Test func valuesAreTruncatedAndEscapedInMessages() {
    let diagnostic = Diagnostic(
      file: "a.csv", line: 3, column: "name", reason: "is bad",
      value: "line one\nline two " + String(repeating: "x", count: 50))
    #expect(
      diagnostic.description == "a.csv:3:name: 'line one\\nline two xxxxxxxxxxxxxxxxxxxxxx…' is bad"
    )
  }
}
