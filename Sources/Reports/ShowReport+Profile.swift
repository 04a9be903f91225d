import Domain
import Finance

/// The profile sections of `show`: the provider, its facilities, fleets, loans, contracts and
/// recent uptime, one table each.
extension ShowReport {
  var profileTable: Table {
    let provider = book.provider
    return Table(
      columns: [
        Column("Provider", key: "provider_id"), Column("Name"), Column("Segment"), Column("Country"),
        Column("Financials as of", key: "financials_as_of"), Column("Cash", kind: .money, key: "cash_usd"),
        Column("Fixed opex / month", kind: .money, key: "fixed_opex_usd_per_month"),
        Column("Min liquidity", kind: .money, key: "min_liquidity_usd"),
      ],
      rows: [
        [
          .text(provider.id), .text(provider.name), .text(provider.segment.rawValue), .text(provider.country),
          .text(provider.asOf.description), .money(provider.cash), .money(provider.fixedOpexPerMonth),
          provider.minLiquidity.map { Cell.money($0) } ?? .note("none"),
        ]
      ])
  }

  var facilitiesTable: Table {
    Table(
      columns: [
        Column("Facility", key: "facility_id"), Column("Name"), Column("Region"), Column("Ownership"),
        Column("IT MW", kind: .number, key: "it_capacity_mw"), Column("PUE", kind: .number),
        Column("Power $/kWh", kind: .number, key: "power_usd_per_kwh"),
        Column("Colocation $/kW-month", kind: .number, key: "colocation_usd_per_kw_month"),
      ],
      rows: book.facilities.map { facility in
        [
          .text(facility.id), .text(facility.name), .text(facility.region), .text(facility.ownership.rawValue),
          .decimal(facility.itCapacityMW), .number(facility.pue, decimals: 2),
          .decimal(facility.powerUSDPerKWh), .decimal(facility.colocationUSDPerKWMonth),
        ]
      })
  }

  var fleetsTable: Table {
    let m1 = asOf.month + 1
    return Table(
      columns: [
        Column("Fleet", key: "fleet_id"), Column("Facility", key: "facility_id"), Column("Model", key: "gpu_model"),
        Column("GPUs", kind: .number, key: "gpu_count"), Column("In service", key: "in_service_on"),
        Column("Life years", kind: .number, key: "useful_life_years"), Column("Status"),
        Column("Capex", kind: .money, key: "capex_usd"), Column("kW/GPU", kind: .number, key: "gpu_power_kw"),
        Column("Utilization %", kind: .number, key: "utilization_pct"), Column("Interconnect"),
        Column("Gbps/GPU", kind: .number, key: "fabric_gbps_per_gpu"),
      ],
      rows: book.fleets.map { fleet in
        let status =
          fleet.isActive(in: m1) ? "active" : (m1 < fleet.inServiceOn.month ? "planned" : "retired")
        return [
          .text(fleet.id), .text(fleet.facilityID), .text(fleet.gpuModel), .integer(fleet.gpuCount),
          .text(fleet.inServiceOn.description), .integer(fleet.effectiveUsefulLifeYears), .text(status),
          .money(fleet.capex), .decimal(fleet.gpuPowerKW), .oneDecimal(fleet.utilizationPct),
          .text(fleet.interconnect.rawValue), .decimal(fleet.fabricGbpsPerGPU),
        ]
      })
  }

  /// Every loan's terms, then its facility fields; machines (and JSON) also read the rate the
  /// projection used, `rate_used_pct` (the floating rate shocked by `--rate-shock`), and the
  /// names CREDIT §C.7 gives three of these figures, kept as aliases with the same values so
  /// that programs written against the credit model read them: `ltv_book` and `ltv_market`
  /// (the ratios of `ltv_book_ratio` and `ltv_market_ratio`) and `rate` (`rate_used_pct`).
  func loansTable(forPeople: Bool) -> Table {
    let schedules = Dictionary(risk.loans.map { ($0.loanID, $0) }, uniquingKeysWith: { first, _ in first })
    let table = Table(
      columns: [
        Column("Loan", key: "loan_id"), Column("Lender"), Column("Principal", kind: .money, key: "principal_usd"),
        Column("Balance", kind: .money, key: "balance_usd"), Column("Rate %", kind: .number, key: "annual_rate_pct"),
        Column("Type", key: "rate_type"), Column("Amortization"),
        Column("Payments/yr", kind: .number, key: "payments_per_year"), Column("Start", key: "start_on"),
        Column("Maturity", key: "maturity_on"), Column("Collateral", key: "collateral_fleet_id"),
        Column("Min DSCR", kind: .number, key: "min_dscr"), Column("Draw month", key: "draw_month"),
        Column("Book LTV %", kind: .number, key: "ltv_book_ratio"),
        Column("Market LTV %", kind: .number, key: "ltv_market_ratio"), Column("Facility"),
        Column("Commitment", kind: .money, key: "commitment_usd"), Column("Undrawn", kind: .money, key: "undrawn_usd"),
        Column("Available until", key: "available_until"), Column("Draws", kind: .money, key: "draws_usd"),
      ],
      rows: book.loans.map { loan in
        let schedule = schedules[loan.id]
        return [
          .text(loan.id), .text(loan.lender), .money(loan.principal), .money(loan.balance),
          .decimal(loan.annualRatePct), .text(loan.rateType.rawValue), .text(loan.amortization.rawValue),
          .integer(loan.paymentsPerYear), .text(loan.startOn.description), .text(loan.maturityOn.description),
          .text(loan.collateralFleetID), .decimal(loan.covenantMinDSCR),
          .text(schedule?.isDraw == true ? schedule?.drawMonth?.description : nil),
          .ratioAsPercent(schedule?.ltvBook), .ratioAsPercent(schedule?.ltvMarket),
          .text(loan.effectiveFacility.rawValue), .money(loan.commitment), .money(schedule?.undrawn),
          .text(loan.availableUntil?.description), .money(schedule.map { $0.draws.reduce(0) { $0 + $1.amount } }),
        ]
      })
    if forPeople { return table }
    return Table(
      columns: table.columns + [
        Column("Rate used %", kind: .number, key: "rate_used_pct"),
        Column("LTV book", kind: .number, key: "ltv_book"), Column("LTV market", kind: .number, key: "ltv_market"),
        Column("Rate", kind: .number, key: "rate"),
      ],
      rows: zip(book.loans, table.rows).map { loan, row in
        let schedule = schedules[loan.id]
        return row + [
          .decimal(schedule?.annualRatePct), .ratioAsPercent(schedule?.ltvBook),
          .ratioAsPercent(schedule?.ltvMarket), .decimal(schedule?.annualRatePct),
        ]
      })
  }

  var contractsTable: Table {
    Table(
      columns: [
        Column("Contract", key: "contract_id"), Column("Customer"), Column("Model", key: "gpu_model"),
        Column("GPUs", kind: .number, key: "gpu_count"),
        Column("$/GPU-hour", kind: .number, key: "price_usd_per_gpu_hour"), Column("Start", key: "start_on"),
        Column("End", key: "end_on"), Column("SLA uptime %", kind: .number, key: "sla_uptime_pct"),
        Column("SLA credit %", kind: .number, key: "sla_credit_pct"),
      ],
      rows: book.contracts.map { contract in
        [
          .text(contract.id), .text(contract.customer), .text(contract.gpuModel), .integer(contract.gpuCount),
          .decimal(contract.priceUSDPerGPUHour), .text(contract.startOn.description),
          .text(contract.endOn.description), .decimal(contract.effectiveSLAUptimePct),
          .decimal(contract.effectiveSLACreditPct),
        ]
      })
  }

  var uptimeTable: Table {
    Table(
      columns: [
        Column("Month"), Column("Uptime %", kind: .number, key: "uptime_pct"), Column("Incidents", kind: .number),
        Column("Failures/1k GPU-months", kind: .number, key: "failures_per_1k_gpu_months"),
        Column("MTTR hours", kind: .number, key: "mttr_hours"),
      ],
      rows: recentUptime.map { row in
        [
          .text(row.month.description), .decimal(row.uptimePct), .integer(row.incidents),
          .decimal(row.failuresPer1kGPUMonths), .decimal(row.mttrHours),
        ]
      })
  }
}

extension Cell {
  /// A ratio (`0.625`) that people read as a percentage with one decimal (`62.5`) and machines
  /// as the ratio itself, rounded to 9 decimals as in JSON (`ltv_book_ratio`).
  static func ratioAsPercent(_ ratio: Double?) -> Cell {
    guard let ratio, ratio.isFinite else { return .empty }
    let rounded = roundedTo9(ratio)
    return Cell(display: formatOneDecimal(ratio * 100), plain: plainDecimal(rounded), value: .number(rounded))
  }
}
