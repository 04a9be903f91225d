import Domain
import Foundation
import Testing

@testable import Import

/// Checks that need other rows: keys, references, loans against as_of, assessments against the
/// rubric, the rubric's pillars, and kind detection.
@Suite struct CrossRowValidationTests {
  @Test func duplicateKeyInOneFile() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let row = Samples.fleets.split(separator: "\n")[1]
    try fixture.write("fleets.csv", Samples.fleets + row + "\n")
    #expect(
      fixture.errors(["fleets.csv"]) == [
        "fleets.csv:5:fleet_id: 'acme-f1' is a duplicate key (first at line 2)"
      ])
  }

  @Test func duplicateNewKeyAcrossTwoFilesOfTheSameKind() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let header = "gpu_model,observed_on,price_usd_per_gpu_hour\n"
    try fixture.write("a.csv", header + "H200,2026-06-01,3\nH200,2026-07-01,3\n")
    try fixture.write("b.csv", header + "H300,2026-06-01,3\nH200,2026-07-01,3.1\n")
    #expect(
      fixture.errors(["b.csv", "a.csv"]) == [
        "a.csv:3:gpu_model: 'H200, 2026-07-01' is a duplicate key (first at b.csv:3)"
      ])
  }

  @Test func twoFilesOfTheSameKindAreBothImported() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let header = "gpu_model,observed_on,price_usd_per_gpu_hour\n"
    try fixture.write("a.csv", header + "H200,2026-06-01,3\n")
    try fixture.write("b.csv", header + "H200,2026-07-01,3\nH100,2026-06-01,2.1\n")
    let summary = try fixture.importing(["a.csv", "b.csv"])
    // H100 2026-06-01 is updated: a file without the optional `source` column gives none.
    #expect(summary.counts(for: .marketPrices) == KindCounts(inserted: 2, updated: 1))
    #expect(
      try fixture.strings(
        "SELECT ifnull(source, 'null') FROM market_prices WHERE gpu_model = 'H100' ORDER BY observed_on"
      ) == ["null", "null"])
  }

  @Test func duplicateOfAStoredKeyIsStillADuplicate() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "uptime.csv",
      "provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours\nacme,2026-05,99.95,2,1.2,3.5\nacme,2026-05,99,2,1.2,3.5\n"
    )
    #expect(
      fixture.errors(["uptime.csv"]) == [
        "uptime.csv:3:provider_id: 'acme, 2026-05' is a duplicate key (first at line 2)"
      ])
  }

  @Test func unknownProvider() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("contracts.csv", Samples.oneRow(.contracts, ["provider_id": "nobody"]))
    #expect(
      fixture.errors(["contracts.csv"]) == [
        "contracts.csv:2:provider_id: 'nobody' is not a known provider"
      ])
  }

  @Test func unknownProviderOfEveryKind() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    for kind in [Kind.facilities, .loans, .uptime, .assessments] {
      try fixture.write("x/\(kind.rawValue).csv", Samples.oneRow(kind, ["provider_id": "ghost"]))
    }
    #expect(
      fixture.errors(["x"]) == [
        "x/facilities.csv:2:provider_id: 'ghost' is not a known provider",
        "x/loans.csv:2:provider_id: 'ghost' is not a known provider",
        "x/uptime.csv:2:provider_id: 'ghost' is not a known provider",
        "x/assessments.csv:2:provider_id: 'ghost' is not a known provider",
      ])
  }

  @Test func rowsOfARejectedProviderAreNotReportedTwice() throws {
    let fixture = try Fixture()
    try fixture.write("d/providers.csv", Samples.oneRow(.providers, ["cash_usd": "lots"]))
    try fixture.write("d/facilities.csv", Samples.oneRow(.facilities, [:]))
    #expect(
      fixture.errors(["d"]) == [
        "d/providers.csv:2:cash_usd: 'lots' is not an amount in USD (e.g. 1250000.50)"
      ])
  }

  @Test func unknownFacility() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("fleets.csv", Samples.oneRow(.fleets, ["facility_id": "nowhere"]))
    #expect(
      fixture.errors(["fleets.csv"]) == [
        "fleets.csv:2:facility_id: 'nowhere' is not a known facility"
      ])
  }

  @Test func facilityOfAnotherProvider() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("fleets.csv", Samples.oneRow(.fleets, ["facility_id": "bor-osl1"]))
    #expect(
      fixture.errors(["fleets.csv"]) == [
        "fleets.csv:2:facility_id: 'bor-osl1' is a facility of provider 'borealis', not of 'acme'"
      ])
  }

  @Test func movingAFacilityAwayFromItsFleets() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("facilities.csv", Samples.oneRow(.facilities, ["provider_id": "borealis"]))
    #expect(
      fixture.errors(["facilities.csv"]) == [
        "facilities.csv:2:provider_id: 'borealis' cannot own facility 'acme-dal1': fleet 'acme-f1' of provider 'acme' is in it (import the fleet with its new provider too)"
      ])
  }

  @Test func movingAFacilityWithItsFleetsIsFine() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("m/facilities.csv", Samples.oneRow(.facilities, ["provider_id": "borealis"]))
    try fixture.write("m/fleets.csv", Samples.oneRow(.fleets, ["provider_id": "borealis"]))
    // The loan on acme-f1 belongs to acme: its collateral must move with it, or the import fails.
    #expect(
      fixture.errors(["m"]) == [
        "m/fleets.csv:2:provider_id: 'borealis' cannot own fleet 'acme-f1': it is the collateral of loan 'acme-l1' of provider 'acme'"
      ])
    try fixture.write(
      "m/loans.csv", Samples.oneRow(.loans, ["collateral_fleet_id": ""]))
    let summary = try fixture.importing(["m"])
    #expect(summary.counts(for: .facilities) == KindCounts(updated: 1))
    #expect(summary.counts(for: .fleets) == KindCounts(updated: 1))
    #expect(summary.counts(for: .loans) == KindCounts(updated: 1))
  }

  @Test func collateralOfAnotherProvider() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("loans.csv", Samples.oneRow(.loans, ["collateral_fleet_id": "bor-f1"]))
    #expect(
      fixture.errors(["loans.csv"]) == [
        "loans.csv:2:collateral_fleet_id: 'bor-f1' is a fleet of provider 'borealis', not of 'acme'"
      ])
  }

  @Test func unknownCollateral() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("loans.csv", Samples.oneRow(.loans, ["collateral_fleet_id": "ghost-fleet"]))
    #expect(
      fixture.errors(["loans.csv"]) == [
        "loans.csv:2:collateral_fleet_id: 'ghost-fleet' is not a known fleet"
      ])
  }

  @Test func balanceOfALoanStartingAfterAsOf() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "loans.csv", Samples.oneRow(.loans, ["start_on": "2026-07-01", "maturity_on": "2030-07-01"]))
    #expect(
      fixture.errors(["loans.csv"]) == [
        "loans.csv:2:balance_usd: '18000000.01' must be 0: the loan starts on 2026-07-01, after the provider's as_of 2026-06-30"
      ])
  }

  @Test func providerAsOfMovingBeforeALoanWithABalance() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("providers.csv", Samples.oneRow(.providers, ["as_of": "2024-02-29"]))
    #expect(
      fixture.errors(["providers.csv"]) == [
        "providers.csv:2:as_of: '2024-02-29' is before loan 'acme-l1' starts (2024-03-01), but that loan has a balance: a loan that starts after as_of must have balance_usd 0"
      ])
  }

  @Test func asOfMovingIsFineWhenTheLoanIsFixedInTheSameImport() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("p/providers.csv", Samples.oneRow(.providers, ["as_of": "2024-02-29"]))
    try fixture.write("p/loans.csv", Samples.oneRow(.loans, ["balance_usd": "0"]))
    let summary = try fixture.importing(["p"])
    #expect(summary.counts(for: .providers) == KindCounts(updated: 1))
    #expect(summary.counts(for: .loans) == KindCounts(updated: 1))
  }

  @Test func assessmentOfAnUnknownCriterion() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "assessments.csv", Samples.oneRow(.assessments, ["criterion_id": "sec-iso27001"]))
    #expect(
      fixture.errors(["assessments.csv"]) == [
        "assessments.csv:2:criterion_id: 'sec-iso27001' is not a criterion of the rubric"
      ])
  }

  @Test(arguments: [
    ("sec-soc2", "5", "is not a level (an integer from 0 to 4)"),
    ("sec-soc2", "2.0", "is not a level (an integer from 0 to 4)"),
    ("sec-soc2", "true", "is not a level (an integer from 0 to 4)"),
    ("sw-slurm", "yes", "is not a bool value (true or false)"),
    ("sw-slurm", "TRUE", "is not a bool value (true or false)"),
    ("rel-uptime", "99.9%", "is not a number"),
  ])
  func assessmentValueMustFitItsKind(criterion: String, value: String, reason: String) throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "assessments.csv", Samples.oneRow(.assessments, ["criterion_id": criterion, "value": value]))
    #expect(
      fixture.errors(["assessments.csv"]) == ["assessments.csv:2:value: '\(value)' \(reason)"])
  }

  @Test(arguments: [
    ("sec-soc2", "0"), ("sec-soc2", "4"), ("sw-slurm", "false"), ("rel-uptime", "99.95"),
  ])
  func assessmentValuesThatFit(criterion: String, value: String) throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "assessments.csv", Samples.oneRow(.assessments, ["criterion_id": criterion, "value": value]))
    try fixture.importing(["assessments.csv"])
  }

  @Test func rubricChangingTheKindOfAssessedCriterion() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    let rubric = Samples.rubric.replacingOccurrences(
      of: "sec-soc2,security,SOC 2 Type II,level,2,,,,assessment",
      with: "sec-soc2,security,SOC 2 Type II,bool,2,,,,assessment")
    try fixture.write("rubric.csv", rubric)
    #expect(
      fixture.errors(["rubric.csv"]) == [
        "rubric.csv:4:kind: 'bool' does not fit the stored assessment of provider 'acme' on 2026-04-15 (value '3'): import a corrected assessment too"
      ])
  }

  @Test func rubricMustCoverTheFourPillars() throws {
    let fixture = try Fixture()
    try fixture.write(
      "rubric.csv",
      "criterion_id,pillar,title,kind,weight\nr1,reliability,A,bool,1\nn1,networking,B,bool,1\nst1,storage,C,bool,1\n"
    )
    #expect(
      fixture.errors(["rubric.csv"]) == [
        "rubric.csv: the rubric has no criterion for pillar 'software': each of reliability, networking, software, security needs at least one",
        "rubric.csv: the rubric has no criterion for pillar 'security': each of reliability, networking, software, security needs at least one",
      ])
  }

  @Test func headerOnlyRubricCannotEmptyAStoredRubric() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("rubric.csv", "criterion_id,pillar,title,kind,weight\n")
    #expect(fixture.errors(["rubric.csv"]).count == 4)
    #expect(try fixture.count("rubric") == 4)
  }

  @Test func kindDetectionNamesTheClosestKind() throws {
    let fixture = try Fixture()
    try fixture.write(
      "fleet.csv",
      "fleet_id,provider_id,facility_id,gpu_model,gpus,in_service_on,capex_usd,gpu_power_kw,utilization_pct,interconnect,fabric_gbps_per_gpu,notes\n"
    )
    #expect(
      fixture.errors(["fleet.csv"]) == [
        "fleet.csv:1: the header matches no kind; closest is fleets (missing gpu_count; unknown 'gpus', 'notes')"
      ])
  }

  @Test func headerNamesAreExactAndLowercase() throws {
    let fixture = try Fixture()
    try fixture.write(
      "u.csv", "Provider_ID,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours\n")
    #expect(
      fixture.errors(["u.csv"]) == [
        "u.csv:1: the header matches no kind; closest is uptime (missing provider_id; unknown 'Provider_ID')"
      ])
  }

  @Test func forcedKindMustFit() throws {
    let fixture = try Fixture()
    try fixture.write("p.csv", Samples.providers)
    #expect(
      fixture.errors(["p.csv"], ImportOptions(kind: .fleets)).first?.hasPrefix(
        "p.csv:1: the header does not fit kind fleets (missing fleet_id, facility_id,") == true)
    let summary = try fixture.importing(["p.csv"], ImportOptions(kind: .providers))
    #expect(summary.counts(for: .providers) == KindCounts(inserted: 2))
  }

  @Test func duplicateColumnIsAnError() throws {
    let fixture = try Fixture()
    try fixture.write(
      "u.csv",
      "provider_id,month,uptime_pct,incidents,failures_per_1k_gpu_months,mttr_hours,month\n")
    #expect(fixture.errors(["u.csv"]) == ["u.csv:1:month: duplicate column"])
  }

  @Test func columnsInAnyOrderAndOptionalColumnsMayBeLeftOut() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "f.csv",
      "gpu_count,fleet_id,fabric_gbps_per_gpu,interconnect,utilization_pct,gpu_power_kw,capex_usd,in_service_on,gpu_model,facility_id,provider_id\n8,acme-f9,400,roce,50,1.2,240000,2026-01-01,H200,acme-dal1,acme\n"
    )
    try fixture.importing(["f.csv"])
    #expect(
      try fixture.strings(
        "SELECT gpu_count || ',' || gpu_model || ',' || ifnull(useful_life_years, 'null') FROM fleets WHERE fleet_id = 'acme-f9'"
      ) == ["8,H200,null"])
  }

  @Test func noTwoKindsShareAHeader() {
    for kind in Kind.allCases {
      let required = kind.columns.filter(\.required).map(\.name)
      let all = kind.columns.map(\.name)
      #expect(
        HeaderMatcher.match(required, forced: nil)
          == .matched(kind, map: required.map { all.firstIndex(of: $0) ?? -1 }))
      #expect(HeaderMatcher.match(all, forced: nil) == .matched(kind, map: Array(0..<all.count)))
    }
  }
}

@Suite struct LargeImportTests {
  /// Enough new rows that the first of a duplicate pair is read back from the line log file.
  @Test func duplicateOfAnEarlyRowInABigFile() throws {
    let fixture = try Fixture()
    var text = "gpu_model,observed_on,price_usd_per_gpu_hour\n"
    var day = Day(year: 2000, month: 1, day: 1)?.daysSinceEpoch ?? 0
    for _ in 0..<20_000 {
      text += "H100,\(Day(daysSinceEpoch: day)),2.5\n"
      day += 1
    }
    text += "H100,2000-01-03,2.5\n"
    try fixture.write("prices.csv", text)
    #expect(
      fixture.errors(["prices.csv"]) == [
        "prices.csv:20002:gpu_model: 'H100, 2000-01-03' is a duplicate key (first at line 4)"
      ])
    try fixture.write("prices.csv", String(text.dropLast("H100,2000-01-03,2.5\n".count)))
    let summary = try fixture.importing(["prices.csv"])
    #expect(summary.counts(for: .marketPrices) == KindCounts(inserted: 20_000))
    let again = try fixture.importing(["prices.csv"], ImportOptions(replace: true))
    #expect(again.counts(for: .marketPrices) == KindCounts(unchanged: 20_000))
  }
}
