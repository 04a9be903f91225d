import Domain
import Foundation
import GRDB
import TestSupport
import Testing

@testable import Store

/// `loadDataset` scans tables in storage order and sorts each book itself: rows inserted out of
/// key order, for interleaved providers, must come back exactly as `ORDER BY key` gives them.
@Suite struct LoadDatasetTests {
  private func seeded() throws -> (Store, TemporaryDirectory) {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    let (store, _) = try Store.initialize(path: dir.file("db.sqlite"))
    try store.queue.write { db in
      // Providers, facilities and fleets inserted in reverse and interleaved order; ids chosen
      // so that byte order differs from case-insensitive order ("F" < "a" < "f").
      try db.execute(
        sql: """
          INSERT INTO providers (provider_id, name, segment, country, cash_usd,
            fixed_opex_usd_per_month, as_of, min_liquidity_usd) VALUES
            ('zeta', 'Zeta', 'neocloud', 'US', 100, 5, '2026-10-31', NULL),
            ('Alpha', 'Alpha', 'sovereign', 'SE', 250, 7, '2026-09-30', 40);
          INSERT INTO facilities (facility_id, provider_id, name, region, it_capacity_mw, pue,
            power_usd_per_kwh, colocation_usd_per_kw_month, ownership) VALUES
            ('z-f2', 'zeta', 'Z2', 'eu', 5, 1.2, 0.1, 0, 'owned'),
            ('a-f1', 'Alpha', 'A1', 'us', 5, 1.3, 0.08, 90, 'colo'),
            ('z-F1', 'zeta', 'Z1', 'eu', 5, 1.1, 0.09, 50, 'leased');
          INSERT INTO fleets (fleet_id, provider_id, facility_id, gpu_model, gpu_count,
            in_service_on, capex_usd, useful_life_years, gpu_power_kw, utilization_pct,
            interconnect, fabric_gbps_per_gpu) VALUES
            ('z-fl-b', 'zeta', 'z-f2', 'H100', 16, '2025-01-15', 1000, NULL, 1.2, 80, 'roce', 200),
            ('a-fl-1', 'Alpha', 'a-f1', 'B200', 8, '2026-02-01', 2000, 5, 1.5, 70, 'infiniband', 400),
            ('z-fl-a', 'zeta', 'z-F1', 'H100', 32, '2024-06-30', 3000, 6, 1.2, 90, 'ethernet', 100),
            ('z-FL-c', 'zeta', 'z-f2', 'A100', 8, '2022-03-01', 400, 4, 0.7, 60, 'roce', 100);
          INSERT INTO loans (loan_id, provider_id, lender, principal_usd, balance_usd,
            annual_rate_pct, rate_type, amortization, payments_per_year, start_on, maturity_on,
            collateral_fleet_id, min_dscr) VALUES
            ('z-l2', 'zeta', 'B', 500, 400, 8, 'floating', 'linear', 4, '2025-01-01', '2029-01-01', NULL, NULL),
            ('a-l1', 'Alpha', 'A', 900, 900, 6.5, 'fixed', 'annuity', 12, '2026-01-01', '2031-01-01', 'a-fl-1', 1.3),
            ('z-l1', 'zeta', 'C', 300, 0, 0, 'fixed', 'interest_only', 1, '2027-01-01', '2030-06-01', 'z-fl-a', NULL);
          INSERT INTO contracts (contract_id, provider_id, customer, gpu_model, gpu_count,
            price_usd_per_gpu_hour, start_on, end_on, sla_uptime_pct, sla_credit_pct) VALUES
            ('z-c9', 'zeta', 'Q', 'H100', 8, 2.5, '2026-01-01', '2027-12-31', NULL, NULL),
            ('z-c10', 'zeta', 'R', 'H100', 8, 2.2, '2026-03-01', '2026-12-31', 99.9, 15),
            ('a-c1', 'Alpha', 'S', 'B200', 8, 4.0, '2026-02-01', '2028-01-31', 99.5, NULL);
          INSERT INTO uptime (provider_id, month, uptime_pct, incidents,
            failures_per_1k_gpu_months, mttr_hours) VALUES
            ('zeta', '2026-10', 99.9, 1, 3, 2),
            ('Alpha', '2026-09', 99.5, 0, 4, 0),
            ('zeta', '2026-08', 99.7, 2, 5, 4),
            ('zeta', '2026-09', 99.8, 0, 6, 0);
          INSERT INTO rubric (criterion_id, pillar, title, kind, weight, full_at, zero_at,
            required_for, source) VALUES
            ('soc2', 'security', 'SOC 2', 'bool', 2, NULL, NULL, 'gold', NULL),
            ('slurm', 'software', 'Slurm', 'level', 3, NULL, NULL, NULL, 'assessment');
          INSERT INTO assessments (provider_id, criterion_id, value, evidence, assessed_on) VALUES
            ('zeta', 'soc2', 'true', 'report', '2026-05-01'),
            ('zeta', 'slurm', '3', NULL, '2026-02-01'),
            ('zeta', 'soc2', 'false', NULL, '2025-05-01'),
            ('Alpha', 'slurm', '4', 'docs', '2026-01-10'),
            ('zeta', 'slurm', '2', NULL, '2025-12-01');
          INSERT INTO market_prices (gpu_model, observed_on, price_usd_per_gpu_hour, source) VALUES
            ('H100', '2026-10-01', 2.1, NULL),
            ('B200', '2026-09-01', 4.5, 'index'),
            ('H100', '2026-09-01', 2.3, 'index');
          """)
    }
    return (store, dir)
  }

  @Test func booksComeBackInKeyOrderWhateverTheStorageOrder() throws {
    let (store, dir) = try seeded()
    defer { dir.cleanup() }
    let dataset = try store.loadDataset(prices: .all)
    #expect(dataset.books.map(\.provider.id) == ["Alpha", "zeta"])
    let zeta = try #require(dataset.books.last)
    #expect(zeta.facilities.map(\.id) == ["z-F1", "z-f2"])
    #expect(zeta.fleets.map(\.id) == ["z-FL-c", "z-fl-a", "z-fl-b"])
    #expect(zeta.loans.map(\.id) == ["z-l1", "z-l2"])
    // Byte order, not numeric: "z-c10" < "z-c9".
    #expect(zeta.contracts.map(\.id) == ["z-c10", "z-c9"])
    #expect(zeta.uptime.map(\.month.description) == ["2026-08", "2026-09", "2026-10"])
    #expect(
      zeta.assessments.map { "\($0.criterionID)@\($0.assessedOn)" } == [
        "slurm@2025-12-01", "slurm@2026-02-01", "soc2@2025-05-01", "soc2@2026-05-01",
      ])
    #expect(dataset.rubric.map(\.id) == ["slurm", "soc2"])
    #expect(
      dataset.marketPrices.map { "\($0.gpuModel)@\($0.observedOn)" } == [
        "B200@2026-09-01", "H100@2026-09-01", "H100@2026-10-01",
      ])
  }

  /// Reports load only the latest price per model at as-of (issue 15: ten million stored prices
  /// used to be read for every report); the choice of p0 is the same as over the whole history.
  @Test func latestPricesAreOnlyTheLatestPerModelOnOrBeforeTheDay() throws {
    let (store, dir) = try seeded()
    defer { dir.cleanup() }
    try store.queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO market_prices (gpu_model, observed_on, price_usd_per_gpu_hour, source) VALUES
            ('H100', '2026-12-01', 1.9, 'later'), ('A100', '2027-01-01', 1.2, 'later'),
            ('B200', '2024-01-01', 6.0, NULL);
          """)
    }
    func latest(_ day: String) throws -> [String] {
      let dataset = try store.loadDataset(prices: .latest(onOrBefore: try #require(Day(day))))
      return dataset.marketPrices.map { "\($0.gpuModel)@\($0.observedOn)=\($0.priceUSDPerGPUHour)" }
    }
    #expect(try latest("2026-11-23") == ["B200@2026-09-01=4.5", "H100@2026-10-01=2.1"])
    #expect(try latest("2026-10-01") == ["B200@2026-09-01=4.5", "H100@2026-10-01=2.1"])
    #expect(try latest("2026-09-30") == ["B200@2026-09-01=4.5", "H100@2026-09-01=2.3"])
    #expect(try latest("2027-06-30") == ["A100@2027-01-01=1.2", "B200@2026-09-01=4.5", "H100@2026-12-01=1.9"])
    #expect(try latest("2023-12-31") == [])
    // Every other table is read whole either way.
    let all = try store.loadDataset(prices: .all)
    let some = try store.loadDataset(prices: .latest(onOrBefore: try #require(Day("2026-11-23"))))
    #expect(all.marketPrices.count == 6)
    #expect(some.books.map(\.fleets.count) == all.books.map(\.fleets.count))
    #expect(some.rubric.map(\.id) == all.rubric.map(\.id))
  }

  @Test func everyColumnIsReadIntoItsField() throws {
    let (store, dir) = try seeded()
    defer { dir.cleanup() }
    let dataset = try store.loadDataset(prices: .all)
    let alpha = try #require(dataset.books.first)
    #expect(alpha.provider.segment == .sovereign)
    #expect(alpha.provider.country == "SE")
    #expect(alpha.provider.cash == Money(cents: 250))
    #expect(alpha.provider.fixedOpexPerMonth == Money(cents: 7))
    #expect(alpha.provider.asOf == Day(year: 2026, month: 9, day: 30))
    #expect(alpha.provider.minLiquidity == Money(cents: 40))
    let facility = try #require(alpha.facilities.first)
    #expect(facility.pue == 1.3 && facility.powerUSDPerKWh == 0.08)
    #expect(facility.colocationUSDPerKWMonth == 90 && facility.ownership == .colo)
    let fleet = try #require(alpha.fleets.first)
    #expect(fleet.facilityID == "a-f1" && fleet.gpuModel == "B200" && fleet.gpuCount == 8)
    #expect(fleet.inServiceOn == Day(year: 2026, month: 2, day: 1))
    #expect(fleet.capex == Money(cents: 2000) && fleet.usefulLifeYears == 5)
    #expect(fleet.gpuPowerKW == 1.5 && fleet.utilizationPct == 70)
    #expect(fleet.interconnect == .infiniband && fleet.fabricGbpsPerGPU == 400)
    let loan = try #require(alpha.loans.first)
    #expect(loan.lender == "A" && loan.principal == Money(cents: 900))
    #expect(loan.balance == Money(cents: 900) && loan.annualRatePct == 6.5)
    #expect(loan.rateType == .fixed && loan.amortization == .annuity)
    #expect(loan.paymentsPerYear == 12 && loan.maturityOn == Day(year: 2031, month: 1, day: 1))
    #expect(loan.collateralFleetID == "a-fl-1" && loan.minDSCR == 1.3)
    let contract = try #require(alpha.contracts.first)
    #expect(contract.customer == "S" && contract.priceUSDPerGPUHour == 4.0)
    #expect(contract.endOn == Day(year: 2028, month: 1, day: 31))
    #expect(contract.slaUptimePct == 99.5 && contract.slaCreditPct == nil)
    let uptime = try #require(alpha.uptime.first)
    #expect(uptime.uptimePct == 99.5 && uptime.failuresPer1kGPUMonths == 4)
    let assessment = try #require(alpha.assessments.first)
    #expect(assessment.value == "4" && assessment.evidence == "docs")

    let zeta = try #require(dataset.books.last)
    let unlimited = try #require(zeta.fleets.first { $0.id == "z-fl-b" })
    #expect(unlimited.usefulLifeYears == nil)
    #expect(zeta.provider.minLiquidity == nil)
    #expect(zeta.loans.first?.collateralFleetID == "z-fl-a")
    #expect(zeta.loans.last?.collateralFleetID == nil && zeta.loans.last?.minDSCR == nil)
    #expect(dataset.rubric.last?.requiredFor == .gold && dataset.rubric.last?.source == nil)
    #expect(dataset.rubric.first?.source == .assessment)
  }

  /// Issue 14: a command that streams the dataset reads it in batches of providers; the
  /// batches, put together, are exactly the whole load, each batch with the rubric and prices.
  @Test(arguments: [1, 2, 3, 100])
  func batchesOfProvidersTogetherAreTheWholeDataset(size: Int) throws {
    let (store, dir) = try seeded()
    defer { dir.cleanup() }
    try store.queue.write { db in
      try db.execute(
        sql: """
          INSERT INTO providers (provider_id, name, segment, country, cash_usd,
            fixed_opex_usd_per_month, as_of, min_liquidity_usd) VALUES
            ('b', 'B', 'neocloud', 'US', 1, 1, '2026-10-31', NULL);
          INSERT INTO loans (loan_id, provider_id, lender, principal_usd, balance_usd,
            annual_rate_pct, rate_type, amortization, payments_per_year, start_on, maturity_on,
            collateral_fleet_id, min_dscr) VALUES
            ('b-l1', 'b', 'B', 5, 4, 8, 'fixed', 'linear', 4, '2025-01-01', '2029-01-01', NULL, NULL);
          """)
    }
    let whole = try store.loadDataset(prices: .all)
    var batches: [Dataset] = []
    try store.forEachDatasetBatch(prices: .all, providersPerBatch: size) { batches.append($0) }
    #expect(batches.flatMap(\.books) == whole.books)
    #expect(whole.books.map(\.provider.id) == ["Alpha", "b", "zeta"])
    #expect(batches.allSatisfy { $0.books.count <= size })
    // A full last batch is followed by an empty one (the loader cannot tell it was the last).
    #expect(batches.count == [1: 4, 2: 2, 3: 2, 100: 1][size])
    for batch in batches {
      #expect(batch.rubric == whole.rubric)
      #expect(batch.marketPrices == whole.marketPrices)
    }
  }

  @Test func anEmptyDatabaseIsOneBatchWithoutBooks() throws {
    let dir = try TemporaryDirectory(prefix: "neocloud-store-tests")
    defer { dir.cleanup() }
    let (store, _) = try Store.initialize(path: dir.file("db.sqlite"))
    var batches: [Dataset] = []
    try store.forEachDatasetBatch(prices: .all, providersPerBatch: 10) { batches.append($0) }
    #expect(batches.map(\.books.count) == [0])
  }

  @Test func anImpossibleStoredDateIsReportedWithItsTableAndColumn() throws {
    let (store, dir) = try seeded()
    defer { dir.cleanup() }
    try store.queue.write { db in
      try db.execute(sql: "UPDATE contracts SET end_on = '2027-02-30' WHERE contract_id = 'z-c9'")
    }
    #expect {
      _ = try store.loadDataset(prices: .all)
    } throws: { error in
      (error as? StoredValueError)?.description
        == "table contracts holds an invalid end_on '2027-02-30'"
    }
  }
}
