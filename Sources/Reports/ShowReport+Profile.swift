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
        Column("Facility"), Column("Name"), Column("Region"), Column("Ownership"),
        Column("IT MW", kind: .number), Column("PUE", kind: .number),
        Column("Power $/kWh", kind: .number), Column("Colocation $/kW-month", kind: .number),
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
        Column("Fleet"), Column("Facility"), Column("Model"), Column("GPUs", kind: .number),
        Column("In service"), Column("Life years", kind: .number), Column("Status"),
        Column("Capex", kind: .money), Column("kW/GPU", kind: .number), Column("Utilization %", kind: .number),
        Column("Interconnect"), Column("Gbps/GPU", kind: .number),
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

  var loansTable: Table {
    let schedules = Dictionary(risk.loans.map { ($0.loanID, $0) }, uniquingKeysWith: { first, _ in first })
    return Table(
      columns: [
        Column("Loan"), Column("Lender"), Column("Principal", kind: .money), Column("Balance", kind: .money),
        Column("Rate %", kind: .number), Column("Type"), Column("Amortization"),
        Column("Payments/yr", kind: .number), Column("Start"), Column("Maturity"), Column("Collateral"),
        Column("Min DSCR", kind: .number), Column("Draw month"), Column("Book LTV %", kind: .number),
        Column("Facility"), Column("Commitment", kind: .money, key: "commitment_usd"),
        Column("Undrawn", kind: .money, key: "undrawn_usd"), Column("Available until"),
        Column("Draws", kind: .money, key: "draws_usd"), Column("Market LTV %", kind: .number),
      ],
      rows: book.loans.map { loan in
        let schedule = schedules[loan.id]
        return [
          .text(loan.id), .text(loan.lender), .money(loan.principal), .money(loan.balance),
          .decimal(loan.annualRatePct), .text(loan.rateType.rawValue), .text(loan.amortization.rawValue),
          .integer(loan.paymentsPerYear), .text(loan.startOn.description), .text(loan.maturityOn.description),
          .text(loan.collateralFleetID), .decimal(loan.covenantMinDSCR),
          .text(schedule?.isDraw == true ? schedule?.drawMonth?.description : nil),
          .oneDecimal(schedule?.ltvBook.map { $0 * 100 }),
          .text(loan.effectiveFacility.rawValue), .money(loan.commitment), .money(schedule?.undrawn),
          .text(loan.availableUntil?.description), .money(schedule.map { $0.draws.reduce(0) { $0 + $1.amount } }),
          .oneDecimal(schedule?.ltvMarket.map { $0 * 100 }),
        ]
      })
  }

  var contractsTable: Table {
    Table(
      columns: [
        Column("Contract"), Column("Customer"), Column("Model"), Column("GPUs", kind: .number),
        Column("$/GPU-hour", kind: .number, key: "price_usd_per_gpu_hour"), Column("Start"), Column("End"),
        Column("SLA uptime %", kind: .number), Column("SLA credit %", kind: .number),
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
        Column("Month"), Column("Uptime %", kind: .number), Column("Incidents", kind: .number),
        Column("Failures/1k GPU-months", kind: .number), Column("MTTR hours", kind: .number),
      ],
      rows: recentUptime.map { row in
        [
          .text(row.month.description), .decimal(row.uptimePct), .integer(row.incidents),
          .decimal(row.failuresPer1kGPUMonths), .decimal(row.mttrHours),
        ]
      })
  }
}
