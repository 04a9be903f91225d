/// Enumerated CSV values (§2), stored as their lowercase text.
package enum Segment: String, CaseIterable, Sendable, Codable {
  case neocloud, hyperscaler, sovereign, marketplace, other
}

package enum Ownership: String, CaseIterable, Sendable, Codable {
  case owned, leased, colo
}

package enum Interconnect: String, CaseIterable, Sendable, Codable {
  case infiniband, roce, ethernet
}

package enum RateType: String, CaseIterable, Sendable, Codable {
  case fixed, floating
}

package enum Amortization: String, CaseIterable, Sendable, Codable {
  case annuity, linear
  case interestOnly = "interest_only"
}

/// The kind of a loan (CREDIT §C.1): a drawn term loan, a revolving credit facility, or a
/// delayed-draw term loan that funds capex.
package enum LoanFacility: String, CaseIterable, Sendable, Codable {
  case term, revolver
  case delayedDraw = "delayed_draw"
}

/// A customer's credit rating (CREDIT §C.1); unrated is the default and the worst.
package enum CustomerRating: String, CaseIterable, Sendable, Codable {
  case investmentGrade = "investment_grade"
  case highYield = "high_yield"
  case unrated

  /// Riskiest first: unrated, high yield, investment grade.
  package var riskRank: Int {
    switch self {
    case .unrated: 0
    case .highYield: 1
    case .investmentGrade: 2
    }
  }
}

package enum CriterionKind: String, CaseIterable, Sendable, Codable {
  case bool, level, numeric
}

/// Where a criterion's value comes from: an assessment row, or a metric derived from stored data.
package enum CriterionSource: String, CaseIterable, Sendable, Codable {
  case assessment
  case uptime12m = "uptime_12m"
  case mttr12m = "mttr_12m"
  case failures12m = "failures_12m"
  case fabricGbpsPerGPU = "fabric_gbps_per_gpu"
  case rdmaShare = "rdma_share"
}

/// Tiers, best first (§3). `unrated` is below 60 % coverage.
package enum Tier: String, CaseIterable, Sendable, Codable, Comparable {
  case platinum, gold, silver, bronze, underperforming, unrated

  /// 0 for platinum … 5 for unrated.
  package var order: Int { Tier.allCases.firstIndex(of: self) ?? 5 }

  package static func < (lhs: Tier, rhs: Tier) -> Bool { lhs.order < rhs.order }

  /// The tiers a `required_for` may name.
  package static let gateable: [Tier] = [.platinum, .gold, .silver, .bronze]
}

/// Risk grades, worst first (§4).
package enum RiskGrade: String, CaseIterable, Sendable, Codable, Comparable {
  case critical, high, elevated, low

  package var order: Int { RiskGrade.allCases.firstIndex(of: self) ?? 3 }

  package static func < (lhs: RiskGrade, rhs: RiskGrade) -> Bool { lhs.order < rhs.order }
}

/// The four pillars every rubric must cover; a rubric may add more.
package enum RequiredPillar: String, CaseIterable, Sendable {
  case reliability, networking, software, security
}

/// The risk flags of §4; raw values are the names printed in every report and stored in each
/// run's snapshots (here, not in Finance, so the Store can hold them typed).
package enum RiskFlag: String, CaseIterable, Sendable, Codable, Comparable {
  case debtServiceExceedsCFADS = "debt_service_exceeds_cfads"
  case revenueBelowDebtService = "revenue_below_debt_service"
  case covenantBreach = "covenant_breach"
  case minLiquidityBreach = "min_liquidity_breach"
  case balloonWithin12m = "balloon_within_12m"
  case pastMaturity = "past_maturity"
  case customerConcentration = "customer_concentration"
  case overcommitted = "overcommitted"
  case noMarketPrice = "no_market_price"
  case staleMarketPrice = "stale_market_price"
  case noUptimeData = "no_uptime_data"
  case staleFinancials = "stale_financials"
  case financialsAfterAsOf = "financials_after_as_of"
  case utilizationBelowContracted = "utilization_below_contracted"
  // CREDIT §C.4.
  case netCash = "net_cash"
  case revolverDependent = "revolver_dependent"
  case refinancingDependent = "refinancing_dependent"
  case ltvAbove100 = "ltv_above_100"
  case thinCoverage = "thin_coverage"
  case burningCash = "burning_cash"

  /// Alphabetical by name, the order flags are listed in (§7).
  package static func < (lhs: RiskFlag, rhs: RiskFlag) -> Bool { lhs.rawValue < rhs.rawValue }
}
