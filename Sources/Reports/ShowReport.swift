import Domain
import Finance

/// What `show PROVIDER` prints: one provider as a credit analyst reads it (§5) — its profile
/// (financials, facilities, fleets, loans, contracts, recent uptime), the risk summary, the
/// monthly projection M1…MH and each loan's payment schedule with its book loan-to-value.
///
/// Table and markdown print titled sections; tsv and csv print the same sections one after
/// another, each a header line and its rows, every line led by the section's name, with a blank
/// line between sections (see ``ReportSection``). JSON is the §5 `show` object.
public struct ShowReport: Sendable {
  public var asOf: Day
  public var assumptions: Assumptions
  public var book: ProviderBook
  public var risk: RiskResult

  public init(asOf: Day, assumptions: Assumptions, book: ProviderBook, risk: RiskResult) {
    self.asOf = asOf
    self.assumptions = assumptions
    self.book = book
    self.risk = risk
  }

  public func render(_ format: OutputFormat) -> String {
    switch format {
    case .json: return json.render()
    case .table, .tsv, .csv, .markdown, .html:
      return SectionedReport(titleLines: titleLines, sections: sections(forPeople: format.isForPeople))
        .render(format)
    }
  }

  /// One line saying which stresses apply; nil for the base case.
  public var stressLine: String? { stressDescription(assumptions) }

  /// `STRESSED: …` first when stressed, then who and when.
  public var titleLines: [String] {
    var lines = [
      "\(book.provider.id) · \(book.provider.name) · as of \(asOf) · horizon \(assumptions.horizonMonths) months"
    ]
    if let stressLine { lines.insert(stressLine, at: 0) }
    return lines
  }

  /// The uptime rows of the window M0−11…M0 that the SLA factor and `no_uptime_data` read (§4).
  public var recentUptime: [UptimeMonth] {
    let m0 = asOf.month
    return book.uptime.filter { m0 - 11 <= $0.month && $0.month <= m0 }.sorted { $0.month < $1.month }
  }

  // MARK: Sections

  /// The sections in print order. People get the profile and the risk summary as label/value
  /// lines and one payment table per loan; machines get one row per record, a loan column in the
  /// payments, and the assumption columns of a stressed run in the risk and month rows (§5).
  func sections(forPeople: Bool) -> [ReportSection] {
    [
      ReportSection(name: "profile", title: "Profile", table: profileTable, layout: forPeople ? .fields : .rows),
      ReportSection(name: "facilities", title: "Facilities", table: facilitiesTable),
      ReportSection(name: "fleets", title: "Fleets", table: fleetsTable),
      ReportSection(name: "loans", title: "Loans", table: loansTable),
      ReportSection(name: "contracts", title: "Contracts", table: contractsTable),
      ReportSection(
        name: "uptime", title: "Uptime \(asOf.month - 11)…\(asOf.month)", table: uptimeTable,
        emptyNote: "no uptime rows in these 12 months"),
      forPeople
        ? ReportSection(name: "risk", title: "Risk", table: riskFields, layout: .fields)
        : ReportSection(name: "risk", title: "Risk", table: riskRow),
      ReportSection(
        name: "liquidity", title: "Liquidity and leverage", table: liquidityTable,
        layout: forPeople ? .fields : .rows),
      ReportSection(
        name: "months", title: "Monthly projection", table: monthsTable(withAssumptions: !forPeople)),
      ReportSection(
        name: "payments", title: "Loan payments", table: paymentsTable(forPeople: forPeople),
        emptyNote: "no loans"),
    ]
  }

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

  /// The `risk` report's own row (its columns, the assumption columns when stressed), then the
  /// 12-month figures `risk` leaves out of its table.
  var riskRow: Table {
    var table = RiskReport(asOf: asOf, assumptions: assumptions, results: [risk]).table(assumptionColumns: true)
    table.titleLines = []
    // After `risk`'s own figures, before the assumption columns of a stressed run.
    let at = (table.columns.firstIndex { $0.key == "flags" } ?? table.columns.count - 1) + 1
    table.columns.insert(
      contentsOf: [
        Column("CFADS 12m", kind: .money, key: "cfads_12m_usd"),
        Column("Balloons 12m", kind: .money, key: "balloon_12m_usd"),
        Column("Top customer %", kind: .number, key: "top_customer_share_pct"),
      ], at: at)
    let extra: [Cell] = [.money(risk.cfads12m), .money(risk.balloon12m), .oneDecimal(risk.topCustomerSharePct)]
    table.groups = table.groups.map { group in
      RowGroup(
        title: group.title,
        rows: group.rows.map { row in
          var row = table.cellValues(of: row)
          row.insert(contentsOf: extra, at: min(at, row.count))
          return row
        })
    }
    return table
  }

  /// The risk summary as people read it: undefined figures say why.
  var riskFields: Table {
    let horizon = assumptions.horizonMonths
    let runway: Cell =
      risk.runwayMonths.map { months in
        let text = "\(months) months (cash runs out in \(risk.cashOutMonth?.description ?? "?"))"
        return Cell(display: text, plain: String(months), value: .number(Double(months)))
      } ?? .note("cash lasts the \(horizon)-month horizon")
    let utilization: Cell
    if let used = risk.utilizationPct {
      let reached =
        risk.breakEvenUtilizationPct.map { formatPercent($0) }
        ?? (risk.debtService12m == 0 ? "n/a, no debt service" : "none, DSCR 12m stays below 1 at 100%")
      let breakEven = risk.credit.breakEvenBasis == .contracts ? "contracts cover it" : reached
      let text = "\(formatPercent(used)) (break-even \(breakEven))"
      utilization = Cell(display: text, plain: formatOneDecimal(used), value: .number(roundedTo9(used)))
    } else {
      utilization = .note("no fleet active in M1")
    }
    return Table(
      columns: [
        Column("Grade"), Column("DSCR 12m"), Column("Revenue 12m"), Column("CFADS 12m"),
        Column("Debt service 12m"), Column("Balloons 12m"), Column("Utilization"), Column("Runway"),
        Column("Top customer share"), Column("Flags"),
      ],
      rows: [
        [
          .text(risk.grade.rawValue),
          risk.dscr12m.map { Cell.number($0, decimals: 2) } ?? .note("n/a (no debt service in 12 months)"),
          .money(risk.revenue12m), .money(risk.cfads12m), .money(risk.debtService12m), .money(risk.balloon12m),
          utilization, runway,
          risk.topCustomerSharePct.map { Cell.percent($0) } ?? .note("n/a (no contract revenue)"),
          risk.flags.isEmpty ? .note("none") : .text(risk.flags.map(\.rawValue).joined(separator: " ")),
        ]
      ])
  }

  /// M1…MH; the assumption columns follow for machines when the run is stressed.
  func monthsTable(withAssumptions: Bool) -> Table {
    var columns = [
      Column("Month"), Column("Contract revenue", kind: .money, key: "contract_revenue_usd"),
      Column("On-demand revenue", kind: .money, key: "on_demand_revenue_usd"),
      Column("SLA credit", kind: .money, key: "sla_credit_usd"), Column("Revenue", kind: .money, key: "revenue_usd"),
      Column("Power", kind: .money, key: "power_usd"), Column("Colocation", kind: .money, key: "colocation_usd"),
      Column("Opex", kind: .money, key: "opex_usd"), Column("Fixed rent", kind: .money, key: "fixed_rent_usd"),
      Column("CFADS", kind: .money, key: "cfads_usd"),
      Column("Debt service", kind: .money, key: "debt_service_usd"),
      Column("Balloon", kind: .money, key: "balloon_usd"), Column("Capex", kind: .money, key: "capex_usd"),
      Column("Draws", kind: .money, key: "draws_usd"), Column("Revolver", kind: .money, key: "revolver_usd"),
      Column("Cash", kind: .money, key: "cash_usd"),
    ]
    let stressed = withAssumptions && assumptions.isStressed
    if stressed { columns += assumptionColumns }
    let rows = risk.months.map { month -> [Cell] in
      var cells: [Cell] = [
        .text(month.month.description), .money(month.contractRevenue), .money(month.onDemandRevenue),
        .money(month.slaCredit), .money(month.revenue), .money(month.power), .money(month.colocation),
        .money(month.opex), .money(month.fixedRent), .money(month.cfads), .money(month.debtService),
        .money(month.balloon), .money(month.capex), .money(month.draws), .money(month.revolverBalance),
        .money(month.cash),
      ]
      if stressed { cells += assumptionCells }
      return cells
    }
    return Table(columns: columns, rows: rows)
  }

  /// People: one titled group per loan (lender, starting balance, rate used, book LTV).
  /// Machines: one flat list led by the loan id.
  func paymentsTable(forPeople: Bool) -> Table {
    let lenders = Dictionary(book.loans.map { ($0.id, $0.lender) }, uniquingKeysWith: { first, _ in first })
    var columns = [
      Column("Month"), Column("Interest", kind: .money, key: "interest_usd"),
      Column("Principal", kind: .money, key: "principal_usd"), Column("Balance", kind: .money, key: "balance_usd"),
      Column("Note"),
    ]
    if !forPeople { columns.insert(Column("Loan", key: "loan_id"), at: 0) }
    let groups = risk.loans.map { schedule -> RowGroup in
      let rows = schedule.allPayments.map { payment -> [Cell] in
        var cells: [Cell] = [
          .text(payment.month.description), .money(payment.interest), .money(payment.principal),
          .money(payment.balance), .text(payment.isBalloon ? "balloon" : nil),
        ]
        if !forPeople { cells.insert(.text(schedule.loanID), at: 0) }
        return cells
      }
      return RowGroup(title: forPeople ? loanHeading(schedule, lender: lenders[schedule.loanID]) : nil, rows: rows)
    }
    return Table(columns: columns, groups: groups)
  }

  /// `loan-a · Lender · draw of 1,000.00 in 2027-03 at 9.5% · book LTV 62.5%`.
  func loanHeading(_ schedule: LoanSchedule, lender: String?) -> String {
    var parts = [schedule.loanID]
    if let lender { parts.append(lender) }
    let amount = formatMoney(schedule.startingBalance)
    let rate = "at \(plainDecimal(schedule.annualRatePct))%"
    if schedule.isDraw {
      parts.append("draw of \(amount) in \(schedule.drawMonth?.description ?? "?") \(rate)")
    } else if schedule.isPastMaturity {
      parts.append("\(amount) past maturity, owed in full")
    } else {
      parts.append("balance \(amount) \(rate)")
    }
    parts.append("book LTV " + (schedule.ltvBook.map { formatPercent($0 * 100) } ?? "n/a"))
    if schedule.payments.isEmpty { parts.append("no payments in the horizon") }
    return parts.joined(separator: " · ")
  }

  private var assumptionColumns: [Column] {
    [
      Column("Horizon months", kind: .number, key: "horizon_months"),
      Column("Utilization override %", kind: .number, key: "utilization_override_pct"),
      Column("Price shock %", kind: .number, key: "price_shock_pct"),
      Column("Price decay %", kind: .number, key: "price_decay_pct"),
      Column("Rate shock bp", kind: .number, key: "rate_shock_bp"),
    ]
  }

  private var assumptionCells: [Cell] {
    [
      .integer(assumptions.horizonMonths), .oneDecimal(assumptions.utilizationPct),
      .oneDecimal(assumptions.priceShockPct), .oneDecimal(assumptions.priceDecayPct),
      .oneDecimal(assumptions.rateShockBP),
    ]
  }

  // MARK: JSON

  /// §5 `show`: the provider's `risk` object plus `months` and `loans`. `as_of` and
  /// `assumptions` (the `risk` report's top-level keys) are added so that the document says
  /// when it was taken and whether it is stressed.
  public var json: JSONValue {
    guard case .object(var members) = riskJSON(risk) else { return riskJSON(risk) }
    members["as_of"] = .string(asOf.description)
    members["assumptions"] = assumptionsJSON(assumptions)
    members["months"] = .array(
      risk.months.map { month in
        .object([
          "month": .string(month.month.description),
          "contract_revenue_usd": .dollars(month.contractRevenue),
          "on_demand_revenue_usd": .dollars(month.onDemandRevenue),
          "sla_credit_usd": .dollars(month.slaCredit),
          "revenue_usd": .dollars(month.revenue),
          "power_usd": .dollars(month.power),
          "colocation_usd": .dollars(month.colocation),
          "opex_usd": .dollars(month.opex),
          "fixed_rent_usd": .dollars(month.fixedRent),
          "prepayment_applied_usd": .dollars(month.prepaymentApplied),
          "revolver_usd": .dollars(month.revolverBalance),
          "cfads_usd": .dollars(month.cfads),
          "debt_service_usd": .dollars(month.debtService),
          "balloon_usd": .dollars(month.balloon),
          "capex_usd": .dollars(month.capex),
          "draws_usd": .dollars(month.draws),
          "cash_usd": .dollars(month.cash),
        ])
      })
    let loansByID = Dictionary(book.loans.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    members["loans"] = .array(
      risk.loans.map { schedule in
        let loan = loansByID[schedule.loanID]
        return .object([
          "loan_id": .string(schedule.loanID),
          "ltv_book": .metric(schedule.ltvBook),
          "ltv_market": .metric(schedule.ltvMarket),
          "facility": .string(schedule.facility.rawValue),
          "commitment_usd": .dollars(schedule.commitment),
          "undrawn_usd": .dollars(schedule.undrawn),
          "lender": JSONValue(loan?.lender),
          "rate": .metric(schedule.annualRatePct),
          "maturity_on": JSONValue(loan?.maturityOn.description),
          "min_dscr": .metric(loan?.covenantMinDSCR),
          "draws": .array(
            schedule.draws.map { draw in
              .object(["month": .string(draw.month.description), "amount_usd": .dollars(draw.amount)])
            }),
          "payments": .array(
            schedule.allPayments.map { payment in
              .object([
                "month": .string(payment.month.description),
                "interest_usd": .dollars(payment.interest),
                "principal_usd": .dollars(payment.principal),
                "balance_usd": .dollars(payment.balance),
              ])
            }),
        ])
      })
    return .object(members)
  }
}

// MARK: - Reports of several sections (show, explain)

/// One titled part of a report made of several tables.
///
/// People (table, markdown, html) read each section under its heading: `rows` as a table, `fields`
/// (a one-row table) as label/value lines. Machines (tsv, csv) read every section as its own
/// block — a header line, then the rows — whose first column holds the section's `name` on
/// every line, header included, with one blank line between blocks.
struct ReportSection: Sendable {
  enum Layout: Sendable { case rows, fields }

  /// The section's name in tsv and csv: `profile`, `months`, ….
  var name: String
  /// The heading people read.
  var title: String
  var table: Table
  var layout: Layout = .rows
  /// Lines people read under the heading, before the table.
  var notes: [String] = []
  /// What people read instead of a table without rows.
  var emptyNote: String = "none"
}

/// Title lines, then sections.
struct SectionedReport: Sendable {
  var titleLines: [String]
  var sections: [ReportSection]

  func render(_ format: OutputFormat) -> String {
    switch format {
    case .table: return renderText()
    case .markdown: return renderMarkdown()
    case .tsv: return renderMachine { $0.renderTSV() }
    case .html: return renderHTML()
    case .csv, .json: return renderMachine { $0.renderCSV() }
    }
  }

  /// A self-contained page: title lines as paragraphs, each section under an `h2`.
  func renderHTML() -> String {
    var document = HTMLDocument(title: titleLines.last ?? "neocloud")
    for line in titleLines { document.paragraph(line) }
    for section in sections {
      document.heading(section.title)
      for note in section.notes { document.paragraph(note) }
      if isEmpty(section) {
        document.paragraph(section.emptyNote)
      } else if section.layout == .fields {
        document.table(fieldsTable(section.table))
      } else {
        document.table(section.table)
      }
    }
    return document.render()
  }

  private func isEmpty(_ section: ReportSection) -> Bool {
    section.table.rows.isEmpty && !section.table.groups.contains { $0.title != nil }
  }

  private func fieldsTable(_ table: Table) -> Table {
    Table(columns: [Column("Field"), Column("Value")], rows: fieldPairs(table).map { [.text($0.0), .text($0.1)] })
  }

  func renderText() -> String {
    var output = titleLines.map { singleLine($0) + "\n" }.joined()
    for section in sections {
      let title = singleLine(section.title)
      output += "\n" + title + "\n" + String(repeating: "=", count: displayWidth(title)) + "\n"
      for note in section.notes { output += singleLine(note) + "\n" }
      if isEmpty(section) {
        output += section.emptyNote + "\n"
      } else if section.layout == .fields {
        output += fieldLines(section.table)
      } else {
        output += section.table.renderText()
      }
    }
    return output
  }

  /// `Label   value` lines, labels padded to the widest.
  private func fieldLines(_ table: Table) -> String {
    let pairs = fieldPairs(table).map { (singleLine($0.0), singleLine($0.1)) }
    let width = pairs.map { displayWidth($0.0) }.max() ?? 0
    return pairs.map { label, value in
      label + String(repeating: " ", count: width - displayWidth(label)) + "  " + value + "\n"
    }.joined()
  }

  func renderMarkdown() -> String {
    var blocks = titleLines.map(markdownEscape)
    for section in sections {
      blocks.append("## " + markdownEscape(section.title))
      blocks += section.notes.map(markdownEscape)
      if isEmpty(section) {
        blocks.append(markdownEscape(section.emptyNote))
        continue
      }
      let table = section.layout == .fields ? fieldsTable(section.table) : section.table
      var text = table.renderMarkdown()
      while text.hasSuffix("\n") { text.removeLast() }
      blocks.append(text)
    }
    return blocks.joined(separator: "\n\n") + "\n"
  }

  /// Each section as a block whose first column holds the section's name, in the header line
  /// too (so `grep '^months'` cuts out one block, header and all); blocks separated by a blank
  /// line.
  func renderMachine(_ render: (Table) -> String) -> String {
    sections.map { section in
      render(
        Table(
          columns: [Column(section.name, key: "section")] + section.table.columns,
          rows: section.table.rows.map { [.text(section.name)] + $0 }))
    }.joined(separator: "\n")
  }

  /// (header, display) of a one-row table's cells; an empty cell reads `n/a`.
  private func fieldPairs(_ table: Table) -> [(String, String)] {
    guard let row = table.rows.first else { return [] }
    return zip(table.columns, table.cellValues(of: row)).map { column, cell in
      (column.header, cell.display.isEmpty ? "n/a" : cell.display)
    }
  }
}

extension OutputFormat {
  /// table and markdown are read by people; tsv, csv and json by programs.
  var isForPeople: Bool { self == .table || self == .markdown || self == .html }
}

extension Cell {
  /// An undefined value that people read as `note` and machines as empty.
  static func note(_ text: String) -> Cell {
    Cell(display: text, plain: "", value: .empty)
  }

  /// A number as given, in shortest plain decimal form (`0.055`, `1.2`, `48`).
  static func decimal(_ value: Double?) -> Cell {
    guard let value, value.isFinite else { return .empty }
    let text = plainDecimal(value)
    return Cell(display: text, plain: text, value: .number(value))
  }
}

extension ShowReport {
  /// CREDIT §C.3 as people read it: debt, liquidity, coverage and leverage, each ratio `n.m.`
  /// where it means nothing.
  var liquidityTable: Table {
    let credit = risk.credit
    func ratio(_ value: Double?, _ unit: String = "×") -> Cell {
      guard let value else { return .empty }
      let text = formatFixed(value, decimals: 2) + unit
      return Cell(display: text, plain: formatFixed(value, decimals: 2), value: .number(value))
    }
    let leverage: (Double?) -> Cell = { value in
      self.risk.cfads12m <= 0 ? notMeaningful : ratio(value)
    }
    let minCash = Cell(
      display: formatMoney(credit.minCash) + (credit.minCashMonth.map { " (\($0))" } ?? ""),
      plain: formatMoneyPlain(credit.minCash), value: .number(credit.minCash))
    return Table(
      columns: [
        Column("Total debt", kind: .money, key: "total_debt_usd"),
        Column("Net debt", kind: .money, key: "net_debt_usd"),
        Column("Liquidity", kind: .money, key: "liquidity_usd"),
        Column("Interest 12m", kind: .money, key: "interest_12m_usd"),
        Column("Interest cover", kind: .number, key: "interest_coverage"),
        Column("Net leverage", kind: .number, key: "net_leverage"),
        Column("Net leverage M0", kind: .number, key: "net_leverage_m0"),
        Column("Covenant DSCR", kind: .number, key: "covenant_dscr"),
        Column("Headroom %", kind: .number, key: "covenant_headroom_pct"),
        Column("Min cash 12m", kind: .money, key: "min_cash_12m_usd"),
        Column("Min cash", kind: .money, key: "min_cash_usd"),
      ],
      rows: [
        [
          .money(credit.totalDebt), .money(credit.netDebt), .money(credit.liquidity), .money(credit.interest12m),
          ratio(credit.interestCoverage), leverage(credit.netLeverage), leverage(credit.netLeverageM0),
          ratio(credit.covenantDSCR), .oneDecimal(credit.covenantHeadroomPct), .money(credit.minCash12m), minCash,
        ]
      ])
  }
}
