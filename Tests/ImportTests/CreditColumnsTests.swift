import Foundation
import Testing

@testable import Import

/// The credit model v3 columns (CREDIT §C.1) under DESIGN §2's strictness: every rule its
/// sentence, the file, line and column, and nothing written.
@Suite struct CreditColumnsTests {
  static let header =
    "loan_id,provider_id,lender,principal_usd,balance_usd,annual_rate_pct,rate_type,amortization,payments_per_year,start_on,maturity_on,collateral_fleet_id,min_dscr,facility,commitment_usd,available_until\n"

  func errors(_ rows: String) throws -> [String] {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write("loans.csv", CreditColumnsTests.header + rows)
    let errors = fixture.errors(["loans.csv"])
    #expect(try fixture.count("loans") == 3)  // nothing written
    return errors
  }

  @Test func termLoanWithCommitmentIsAnError() throws {
    #expect(
      try errors(
        "x1,acme,B,100,100,5,fixed,annuity,12,2025-01-01,2029-01-01,,,,200,\n"
          + "x2,acme,B,100,100,5,fixed,annuity,12,2025-01-01,2029-01-01,,,term,200,\n") == [
          "loans.csv:2:commitment_usd: '200' is only for a revolver or delayed_draw facility (this loan is term)",
          "loans.csv:3:commitment_usd: '200' is only for a revolver or delayed_draw facility (this loan is term)",
        ])
  }

  @Test func facilityNeedsACommitmentAtLeastItsPrincipal() throws {
    #expect(
      try errors(
        "x1,acme,B,100,100,5,fixed,annuity,12,2025-01-01,2029-01-01,,,revolver,,\n"
          + "x2,acme,B,100,100,5,fixed,annuity,12,2025-01-01,2029-01-01,,,delayed_draw,99.99,\n"
          + "x3,acme,B,100,100,5,fixed,annuity,12,2025-01-01,2029-01-01,,,overdraft,200,\n") == [
          "loans.csv:2:commitment_usd: a value is required for a revolver facility",
          "loans.csv:3:commitment_usd: '99.99' must not be below principal_usd (100)",
          "loans.csv:4:facility: 'overdraft' is not one of term, revolver, delayed_draw",
        ])
  }

  @Test func availableUntilAfterMaturityIsAnError() throws {
    #expect(
      try errors(
        "x1,acme,B,0,0,5,fixed,annuity,12,2025-01-01,2029-01-01,,,revolver,200,2029-01-02\n"
          + "x2,acme,B,0,0,5,fixed,annuity,12,2025-01-01,2029-01-01,,,revolver,200,2029-02-30\n")
        == [
          "loans.csv:2:available_until: '2029-01-02' must not be after maturity_on (2029-01-01)",
          "loans.csv:3:available_until: '2029-02-30' is not a date (YYYY-MM-DD)",
        ])
  }

  @Test func collateralPoolsAreCheckedFleetByFleet() throws {
    #expect(
      try errors(
        "x1,acme,B,100,100,5,fixed,annuity,12,2025-01-01,2029-01-01,acme-f1;;acme-f2,,,,\n"
          + "x2,acme,B,100,100,5,fixed,annuity,12,2025-01-01,2029-01-01,acme-f1;nope,,,,\n"
          + "x3,acme,B,100,100,5,fixed,annuity,12,2025-01-01,2029-01-01,acme-f1;bor-f1,,,,\n") == [
          "loans.csv:2:collateral_fleet_id: 'acme-f1;;acme-f2' is not a fleet id or a ';'-separated list of fleet ids (each 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit)",
          "loans.csv:3:collateral_fleet_id: 'nope' is not a known fleet",
          "loans.csv:4:collateral_fleet_id: 'bor-f1' is a fleet of provider 'borealis', not of 'acme'",
        ])
  }

  @Test func poolsImportAndLoseADeletedFleetUnderReplace() throws {
    let fixture = try Fixture()
    try fixture.importSamples()
    try fixture.write(
      "loans.csv",
      CreditColumnsTests.header
        + "x1,acme,B,100,100,5,fixed,annuity,12,2025-01-01,2029-01-01,acme-f1;acme-f2,0,delayed_draw,500,2028-01-01\n")
    try fixture.importing(["loans.csv"])
    #expect(try fixture.strings("SELECT collateral_fleet_id FROM loans WHERE loan_id = 'x1'") == ["acme-f1;acme-f2"])
    // acme's fleets file without acme-f2, with --replace: the pool keeps acme-f1.
    let fleets =
      Samples.fleets.split(separator: "\n").filter { !$0.hasPrefix("acme-f2") }
      .joined(separator: "\n") + "\n"
    try fixture.write("fleets.csv", fleets)
    var options = ImportOptions()
    options.replace = true
    try fixture.importing(["fleets.csv"], options)
    #expect(try fixture.strings("SELECT collateral_fleet_id FROM loans WHERE loan_id = 'x1'") == ["acme-f1"])
  }
}
