import Domain
import Finance
import Testing

@testable import Reports

/// The words of a customer default (CREDIT §C.5): a stress that names every customer defaulted.
@Suite struct CustomerDefaultWordsTests {
  func assumptions(_ terms: CustomerDefault) -> Assumptions {
    var assumptions = Assumptions.base
    assumptions.customerDefault = terms
    return assumptions
  }

  @Test func aDefaultIsAStressNamingTheCustomersOnce() {
    let stressed = assumptions(CustomerDefault(names: ["Zeta", "Acme, Inc."], from: Month("2027-03")))
    #expect(stressed.isStressed)
    #expect(
      stressDescription(stressed, defaulted: ["Acme, Inc.", "Acme, Inc."])
        == "STRESSED: customers defaulting from 2027-03: Acme, Inc., Zeta, re-let after 6 months at 50% utilization, "
        + "20% below market")
  }

  @Test func topNSaysSoAndNamesWhomItTook() {
    let top = assumptions(
      CustomerDefault(names: ["Named"], topN: 2, reletDelayMonths: 0, reletHaircutPct: 100, reletUtilizationPct: 12.5))
    #expect(
      stressDescription(top, defaulted: ["Big", "Bigger"])
        == "STRESSED: customers defaulting from the month after as-of: Big, Bigger, Named (each provider's 2 largest "
        + "customers, and those named), re-let after 0 months at 12.5% utilization, 100% below market")
    let none = assumptions(CustomerDefault(topN: 1))
    #expect(stressDescription(none)?.contains("none of the providers shown (each provider's largest customer)") == true)
  }

  @Test func reletTermsAloneAreNoStress() {
    let terms = assumptions(CustomerDefault(reletDelayMonths: 12, reletHaircutPct: 50))
    #expect(!terms.isStressed)
    #expect(stressDescription(terms, defaulted: ["Acme"]) == nil)
  }

  @Test func otherStressesComeFirst() {
    var both = assumptions(CustomerDefault(names: ["Acme"]))
    both.priceShockPct = -10
    #expect(
      stressDescription(both, defaulted: ["Acme"])?.hasPrefix(
        "STRESSED: market prices -10%; customers defaulting from the month after as-of: Acme,") == true)
  }
}
