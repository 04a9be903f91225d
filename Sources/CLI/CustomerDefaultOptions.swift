import ArgumentParser
import Engine

/// The customer-default stress of `risk`, `show` and `report` (CREDIT §C.5): which customers stop
/// paying, from when, and how their GPUs are re-let. Part of ``StressOptions``. Whether a name
/// in --customer-default exists is checked against the database by the command (exit 64).
struct CustomerDefaultOptions: ParsableArguments {
  @Option(
    name: .customLong("customer-default"),
    help: ArgumentHelp(
      "A customer whose contracts stop paying, exactly as in contracts.customer; repeat it for several (default: none).",
      valueName: "name"))
  var names: [String] = []

  @Option(
    name: .customLong("top-customer-default"), parsing: .unconditional,
    help: ArgumentHelp(
      "Each provider's N largest customers by contract revenue over the next 12 months default, ties by name (default: none).",
      valueName: "n"))
  var top: Int?

  @Option(
    name: .customLong("default-from"),
    help: ArgumentHelp(
      "The first month defaulted contracts pay nothing, YYYY-MM (default: the month after --as-of).",
      valueName: "month"),
    transform: parseMonth)
  var from: Month?

  @Option(
    name: .customLong("relet-delay"), parsing: .unconditional,
    help: ArgumentHelp(
      "Months before a defaulted customer's GPUs are re-let, 0–36 (default: \(CustomerDefault.defaultReletDelayMonths)).",
      valueName: "months"))
  var reletDelay: Int?

  @Option(
    name: .customLong("relet-haircut"), parsing: .unconditional,
    help: ArgumentHelp(
      "Discount on the market price of re-let GPUs, 0–100 % (default: \(Int(CustomerDefault.defaultReletHaircutPct))).",
      valueName: "pct"))
  var reletHaircut: Double?

  @Option(
    name: .customLong("relet-utilization"), parsing: .unconditional,
    help: ArgumentHelp(
      "Utilization of re-let GPUs, 0–100 % (default: \(Int(CustomerDefault.defaultReletUtilizationPct))).",
      valueName: "pct"))
  var reletUtilization: Double?

  func validate() throws {
    if let name = names.first(where: { $0.isEmpty }) {
      throw ValidationError("--customer-default needs a customer name, got '\(name)'.")
    }
    if let top, top < 1 {
      throw ValidationError("--top-customer-default must be 1 or more, got \(top).")
    }
    if let reletDelay, !(0...36).contains(reletDelay) {
      throw ValidationError("--relet-delay must be from 0 to 36 months, got \(reletDelay).")
    }
    if let reletHaircut, !(reletHaircut.isFinite && (0...100).contains(reletHaircut)) {
      throw ValidationError("--relet-haircut must be a percentage from 0 to 100, got \(reletHaircut).")
    }
    if let reletUtilization, !(reletUtilization.isFinite && (0...100).contains(reletUtilization)) {
      throw ValidationError("--relet-utilization must be a percentage from 0 to 100, got \(reletUtilization).")
    }
  }

  var customerDefault: CustomerDefault {
    CustomerDefault(
      names: Set(names), topN: top, from: from,
      reletDelayMonths: reletDelay ?? CustomerDefault.defaultReletDelayMonths,
      reletHaircutPct: reletHaircut ?? CustomerDefault.defaultReletHaircutPct,
      reletUtilizationPct: reletUtilization ?? CustomerDefault.defaultReletUtilizationPct)
  }
}

/// Parses `--default-from`: a month, YYYY-MM.
@Sendable func parseMonth(_ text: String) throws -> Month {
  guard let month = Month(text), month.description == text else {
    throw InvalidValue(description: "not a month; use YYYY-MM, e.g. 2027-01.")
  }
  return month
}
