import Domain
import Finance
import Scoring

/// What `report --output FILE.html` writes: one self-contained page with the tier table, the
/// risk table, DSCR12 and projected-cash charts as inline SVG, and tier/grade movement over the
/// last `recompute` runs. No scripts, fonts, images or style sheets are loaded (the page's
/// Content-Security-Policy forbids it), so it opens offline and can be mailed as it is.
public struct HTMLReport: Sendable {
  /// Per provider, loan and liquidity terms the risk result does not carry.
  public struct Terms: Hashable, Sendable {
    /// The highest `min_dscr` of the provider's live loans (§4 covenant_breach); nil without one.
    public var covenantDSCR: Double?
    /// `min_liquidity_usd`, in dollars.
    public var minLiquidityUSD: Double?

    public init(covenantDSCR: Double? = nil, minLiquidityUSD: Double? = nil) {
      self.covenantDSCR = covenantDSCR
      self.minLiquidityUSD = minLiquidityUSD
    }
  }

  public var rank: RankReport
  public var risk: RiskReport
  /// By provider_id.
  public var terms: [String: Terms]
  public var history: RunHistory
  /// When the page was made, as shown in its header (e.g. `2026-11-23 12:00 UTC`).
  public var generatedAt: String

  public init(
    rank: RankReport, risk: RiskReport, terms: [String: Terms], history: RunHistory,
    generatedAt: String
  ) {
    self.rank = rank
    self.risk = risk
    self.terms = terms
    self.history = history
    self.generatedAt = generatedAt
  }

  /// The page title (and browser tab); a stressed page says so there too.
  public var title: String {
    "neocloud report · as of \(rank.asOf)" + (risk.assumptions.isStressed ? " · STRESSED" : "")
  }

  /// The whole page.
  public func render() -> String {
    var document = HTMLDocument(title: title)
    document.extraStyleSheet = htmlReportStyleSheet
    document.raw(header())
    document.raw(glance())
    document.raw(tierSection())
    document.raw(riskSection())
    document.raw(dscrSection())
    document.raw(cashSection())
    document.raw(movementSection())
    document.raw(methodNotes())
    return document.render()
  }
}
