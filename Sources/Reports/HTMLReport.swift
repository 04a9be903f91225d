import Domain
import Finance
import Scoring

/// What `report --output FILE.html` writes: one self-contained page with the tier table, the
/// risk table, DSCR12 and projected-cash charts as inline SVG, and tier/grade movement over the
/// last `recompute` runs. No scripts, fonts, images or style sheets are loaded (the page's
/// Content-Security-Policy forbids it), so it opens offline and can be mailed as it is.
package struct HTMLReport: Sendable {
  /// Per provider, loan and liquidity terms the risk result does not carry.
  package struct Terms: Hashable, Sendable {
    /// The highest `min_dscr` of the provider's live loans (§4 covenant_breach); nil without one.
    package var covenantDSCR: Double?
    /// `min_liquidity_usd`, in dollars.
    package var minLiquidityUSD: Double?

    package init(covenantDSCR: Double? = nil, minLiquidityUSD: Double? = nil) {
      self.covenantDSCR = covenantDSCR
      self.minLiquidityUSD = minLiquidityUSD
    }
  }

  package var rank: RankReport
  package var risk: RiskReport
  /// By provider_id.
  package var terms: [String: Terms]
  package var history: RunHistory
  /// When the page was made, as shown in its header (e.g. `2026-11-23 12:00 UTC`).
  package var generatedAt: String

  /// Each provider's detail (charts, loans, contracts), written as the page's last section;
  /// nil: no detail section and no links to it.
  package var details: (any HTMLDetailSource)?
  /// The portfolio view of a simulation (`--simulate N`, issue 12); nil: no such section.
  package var portfolio: PortfolioSimulation?

  package init(
    rank: RankReport, risk: RiskReport, terms: [String: Terms], history: RunHistory,
    generatedAt: String, details: (any HTMLDetailSource)? = nil, portfolio: PortfolioSimulation? = nil
  ) {
    self.details = details
    self.portfolio = portfolio
    self.rank = rank
    self.risk = risk
    self.terms = terms
    self.history = history
    self.generatedAt = generatedAt
  }

  /// The page title (and browser tab); a stressed page says so there too.
  package var title: String {
    "neocloud report · as of \(rank.asOf)" + (risk.assumptions.isStressed ? " · STRESSED" : "")
  }

  /// The whole page. A detail source that fails to write (never in memory) ends the page there.
  package func render() -> String {
    var page = ""
    try? render { page += $0 }
    return page
  }

  /// Writes the page to `sink` section by section (the same bytes as `render()`): each section
  /// is made only when the one before it has been written, and the provider details are
  /// written one by one from their source.
  package func render(to sink: (String) throws -> Void) throws {
    var document = HTMLDocument(title: title)
    document.extraStyleSheet = htmlReportStyleSheet + "\n" + printPageBoxes(title: title, generatedAt: generatedAt)
    let sections: [(HTMLReport) -> () -> String] = [
      HTMLReport.header, HTMLReport.glance, HTMLReport.portfolioSection, HTMLReport.tierSection,
      HTMLReport.riskSection, HTMLReport.dscrSection, HTMLReport.cashSection, HTMLReport.movementSection,
      HTMLReport.methodNotes,
    ]
    try sink(document.head())
    for section in sections {
      let html = section(self)()
      if !html.isEmpty { try sink(html.hasSuffix("\n") ? html : html + "\n") }
    }
    if let details {
      try sink(detailSectionStart())
      try details.write(to: sink)
      try sink(detailSectionEnd)
    }
    try sink(HTMLDocument.end)
  }
}
