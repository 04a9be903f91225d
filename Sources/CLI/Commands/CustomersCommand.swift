import ArgumentParser
import Engine

struct CustomersCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "customers",
    abstract: "List each provider's customers, riskiest exposure first: what a customer default would take away.",
    discussion: """
      One row per provider and customer with a contract not ended by --as-of: the customer's \
      rating (the worst over its contracts), its contracted GPUs in M1 (ramped), its contract \
      revenue over the next 12 months as booked (after ramp, min(1, C/K) and the SLA factor: \
      the figure --top-customer-default ranks by), its share of the provider's contract revenue, \
      and its latest contract end date. Riskiest exposure first: unrated, then high_yield, then \
      investment_grade; within a rating the larger share first, then the larger revenue, then \
      provider_id and customer. Try a default with `neocloud risk --customer-default NAME` or \
      `--top-customer-default N`. Schema: docs/schema/customers.schema.json.

      Examples:
        neocloud customers
        neocloud customers --provider cinder-ai --format json
      """)

  @OptionGroup var global: GlobalOptions
  @OptionGroup var report: ReportOptions

  @Option(help: ArgumentHelp("Only this provider's customers (default: every provider's).", valueName: "provider"))
  var provider: String?

  func run() throws {
    try CustomersUseCase.run(
      CustomersUseCase.Request(
        database: global.db, asOf: report.day, providerID: provider, output: report.reportOutput),
      context: context)
  }
}
