import Domain
import Finance
import Scoring

/// At a glance: the counts by tier and grade and the watch list.
extension HTMLReport {
  func glance() -> String {
    var html = "<section class=\"glance\">\n<h2>At a glance</h2>\n<div class=\"counts\">\n"
    html += "<div><span class=\"label\">Risk grades</span> "
    html += RiskGrade.allCases.map { grade in
      "\(gradeBadge(grade.rawValue)) <span class=\"count\">\(formatCount(risk.results.filter { $0.grade == grade }.count))</span>"
    }.joined(separator: " ")
    html += "</div>\n<div><span class=\"label\">Tiers</span> "
    html += Tier.allCases.compactMap { tier -> String? in
      let count = rank.rows.filter { $0.ranked.score.tier == tier }.count
      guard count > 0 else { return nil }
      return "\(tierBadge(tier.rawValue)) <span class=\"count\">\(formatCount(count))</span>"
    }.joined(separator: " ")
    html += "</div>\n</div>\n"
    let watched = risk.results.filter { $0.grade != .low }
    if risk.results.isEmpty {
      html += "<p class=\"muted\">No providers in the database: run <code>neocloud import</code> first.</p>\n"
    } else if watched.isEmpty {
      html += "<p>Every provider is graded low risk under these assumptions.</p>\n"
    } else {
      html += "<h3>Watch list</h3>\n<ul class=\"watch\">\n"
      for result in watched.prefix(HTMLReport.watchLimit) {
        let name = htmlEscape(result.name)
        let linked = details == nil ? name : "<a href=\"#\(detailAnchor(result.providerID))\">\(name)</a>"
        html += "<li>\(gradeBadge(result.grade.rawValue)) <strong>\(linked)</strong>"
        html += " <span class=\"id\">\(htmlEscape(result.providerID))</span>: "
        html += htmlEscape(watchReasons(result).joined(separator: "; ")) + ".</li>\n"
      }
      html += "</ul>\n"
      if watched.count > HTMLReport.watchLimit {
        html += "<p class=\"muted\">… and \(formatCount(watched.count - HTMLReport.watchLimit)) more graded above low: "
        html += "see the risk table.</p>\n"
      }
    }
    return html + "</section>\n"
  }

  /// At most this many providers on the watch list.
  package static let watchLimit = 15

  /// Why a provider is on the watch list, most serious first, in the words of §4 and CREDIT
  /// §C.4: ``riskReasons(_:covenantDSCR:minLiquidityUSD:)``, or its grade when nothing else.
  func watchReasons(_ result: RiskResult) -> [String] {
    let reasons = reasons(result)
    return reasons.isEmpty ? ["graded \(result.grade.rawValue)"] : reasons
  }

  /// The same words as the watch list and `show`, with this page's covenant and floor.
  func reasons(_ result: RiskResult) -> [String] {
    let terms = terms[result.providerID]
    return riskReasons(result, covenantDSCR: terms?.covenantDSCR, minLiquidityUSD: terms?.minLiquidityUSD)
  }
}

/// Why a provider is risky, most serious first, in one set of words for the report's watch
/// list and risk table and `show`'s risk section (issue 11): runway, coverage ("cash lasts, but
/// CFADS covers 60 % of debt service"), maturities, the credit model's revolver, refinancing
/// and burn words, the liquidity floor and balloons. Empty when nothing calls for a word.
package func riskReasons(_ result: RiskResult, covenantDSCR: Double?, minLiquidityUSD: Double?) -> [String] {
  var reasons: [String] = []
  let flags = Set(result.flags)
  if let month = result.cashOutMonth, let runway = result.runwayMonths {
    reasons.append("cash runs out in \(month) (\(runway) month\(runway == 1 ? "" : "s") of runway)")
  }
  if result.cashOutMonth == nil, flags.contains(.thinCoverage), let dscr = result.dscr12m, dscr > 0 {
    // CREDIT §C.4: a watch, not a default — say both halves.
    reasons.append(
      dscr < 1
        ? "cash lasts, but CFADS covers \(formatFixed(dscr * 100, decimals: 0)) % of debt service"
        : "cash lasts, but CFADS covers debt service only \(formatRatio(dscr))")
    if flags.contains(.covenantBreach), let covenant = covenantDSCR {
      reasons.append("DSCR12 \(formatRatio(dscr)) is below its \(formatRatio(covenant)) covenant")
    }
  } else if let dscr = result.dscr12m, flags.contains(.debtServiceExceedsCFADS), dscr <= 0 {
    reasons.append("DSCR12 \(formatRatio(dscr)): cash flow before debt service is negative")
  } else if let dscr = result.dscr12m, flags.contains(.debtServiceExceedsCFADS) {
    reasons.append(
      "DSCR12 \(formatRatio(dscr)): cash flow covers \(formatPercent(dscr * 100, decimals: 0)) of debt service")
  } else if let dscr = result.dscr12m, flags.contains(.covenantBreach) {
    if let covenant = covenantDSCR {
      reasons.append("DSCR12 \(formatRatio(dscr)) is below its \(formatRatio(covenant)) covenant")
    } else {
      reasons.append("DSCR12 \(formatRatio(dscr)) is below its covenant")
    }
  }
  if flags.contains(.pastMaturity) { reasons.append("a loan is past maturity") }
  reasons += creditReasons(result)
  if flags.contains(.minLiquidityBreach) {
    let floor = minLiquidityUSD.map { " of \(formatMillions($0))" } ?? ""
    reasons.append("cash falls below its minimum liquidity\(floor) within 12 months")
  }
  if flags.contains(.balloonWithin12m) {
    // The refinancing words already name a balloon due in M1…M12: say only what is left.
    let said = sameBalloonSaid(result)
    let rest = roundedToCents(result.balloon12m - said)
    if said == 0 {
      reasons.append("\(formatMillions(result.balloon12m)) of balloon repayments due within 12 months")
    } else if rest > 0 {
      reasons.append("a further \(formatMillions(rest)) of balloon repayments due within 12 months")
    }
  }
  return reasons
}

/// The balloon the refinancing words name ("a $1.4M balloon in 2026-12 exceeds its cash") when
/// it falls due in M1…M12, so counted in `balloon12m`; 0 otherwise.
func sameBalloonSaid(_ result: RiskResult) -> Double {
  let flags = Set(result.flags)
  guard flags.contains(.refinancingDependent), let cashOut = result.cashOutMonth,
    let runway = result.runwayMonths, let balloon = result.credit.refinancingBalloon,
    let month = result.credit.refinancingBalloonMonth
  else { return 0 }
  let m0 = cashOut - runway
  return month - m0 >= 1 && month - m0 <= 12 ? balloon : 0
}

/// The credit model v3 watch words (CREDIT §C.4), part of ``riskReasons``:
/// revolver dependence, refinancing dependence and a net-cash burn.
func creditReasons(_ result: RiskResult) -> [String] {
  var reasons: [String] = []
  let flags = Set(result.flags)
  if flags.contains(.revolverDependent), let month = result.credit.firstRevolverDrawMonth {
    reasons.append("needs its revolver in \(month)")
  }
  if flags.contains(.refinancingDependent), let cashOut = result.cashOutMonth {
    if let balloon = result.credit.refinancingBalloon, let month = result.credit.refinancingBalloonMonth {
      var amount = formatMillions(balloon)
      if amount.hasSuffix(".0M") { amount = String(amount.dropLast(3)) + "M" }
      reasons.append("a \(amount) balloon in \(month) exceeds its cash: depends on refinancing")
    } else {
      reasons.append("its maturities exceed its cash by \(cashOut): depends on refinancing")
    }
  }
  if flags.contains(.burningCash) {
    reasons.append("net cash, but burning it fast enough to run out within two years after the horizon")
  }
  return reasons
}
