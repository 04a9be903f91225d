import Domain
import Finance
import Scoring
import Testing

@testable import Reports

@Suite struct GlossaryTests {
  @Test func everyFlagGradeAndTierIsDefined() {
    for flag in RiskFlag.allCases {
      #expect(Glossary.entry(named: flag.rawValue)?.kind == .flag, "no definition of flag \(flag.rawValue)")
    }
    for grade in RiskGrade.allCases {
      #expect(Glossary.entry(named: grade.rawValue)?.kind == .grade, "no definition of grade \(grade.rawValue)")
    }
    for tier in Tier.allCases {
      #expect(Glossary.entry(named: tier.rawValue)?.kind == .tier, "no definition of tier \(tier.rawValue)")
    }
  }

  @Test func onlyExistingFlagsAreListed() {
    let flags = Glossary.entries.filter { $0.kind == .flag }.map(\.term)
    #expect(flags.count == RiskFlag.allCases.count)
    #expect(flags.allSatisfy { RiskFlag(rawValue: $0) != nil })
  }

  /// Issue 11: one table says what each flag means — the glossary's sentence and the change
  /// lines' phrase side by side, every flag exactly once.
  @Test func everyFlagHasOneDefinitionAndOnePhrase() {
    let flags = Glossary.flagTexts.map(\.flag)
    #expect(flags.count == RiskFlag.allCases.count)
    #expect(Set(flags) == Set(RiskFlag.allCases))
    for text in Glossary.flagTexts {
      #expect(text.definition.hasSuffix("."), "\(text.flag)")
      #expect(!text.phrase.hasSuffix(".") && !text.phrase.isEmpty, "\(text.flag)")
      #expect(Glossary.flagPhrases[text.flag] == text.phrase)
      #expect(Glossary.entry(named: text.flag.rawValue)?.definition == text.definition)
    }
  }

  /// Issue 14: the glossary defines every figure and option, the simulation's too.
  @Test func theSimulationsFiguresAndOptionsAreDefined() {
    for key in ["pd_12m", "pd_horizon", "pd_12m_ci", "pd_horizon_ci", "cash_p50_usd", "portfolio"] {
      #expect(Glossary.entry(named: key)?.kind == .figure, "no definition of \(key)")
    }
    for option in ["--simulate", "--seed", "--price-vol", "--utilization-vol", "--default-rates"] {
      #expect(Glossary.entry(named: option)?.kind == .option, "no definition of \(option)")
    }
  }

  @Test func namesAreUniqueAcrossEntries() {
    var seen: [String: String] = [:]
    for entry in Glossary.entries {
      for name in Set(([entry.term] + entry.aliases).map { $0.lowercased() }) {
        #expect(seen[name] == nil, "'\(name)' names both \(seen[name] ?? "") and \(entry.term)")
        seen[name] = entry.term
      }
    }
  }

  @Test func anExactNameWinsOverALooseOne() {
    #expect(Glossary.entry(named: "--utilization")?.kind == .option)
    #expect(Glossary.entry(named: "utilization")?.kind == .figure)
    #expect(Glossary.entry(named: "--horizon")?.kind == .option)
    #expect(Glossary.entry(named: "horizon")?.kind == .figure)
  }

  @Test func tierThresholdsComeFromTheRules() {
    #expect(Glossary.entry(named: "platinum")?.definition.contains("≥ 85 and every pillar ≥ 70") == true)
    #expect(Glossary.entry(named: "unrated")?.definition.contains("60% rubric coverage") == true)
  }

  @Test(arguments: [
    ("DSCR 12m", "DSCR 12m"), ("dscr_12m", "DSCR 12m"), ("--rate-shock", "--rate-shock"),
    ("rate-shock", "--rate-shock"), ("price shock", "--price-shock"), ("Coverage %", "rubric coverage"),
    ("COVENANT_BREACH", "covenant_breach"),
    ("break_even_utilization_pct", "break-even"),
  ])
  func lookupIgnoresSpellingDifferences(typed: String, term: String) {
    #expect(Glossary.entry(named: typed)?.term == term)
  }

  @Test func coverageIsRubricCoverageNotDebtCoverage() {
    let entry = Glossary.entry(named: "coverage")
    #expect(entry?.term == "rubric coverage")
    #expect(entry?.definition.contains("Not debt coverage") == true)
  }

  @Test func suggestionForATypo() {
    #expect(Glossary.entry(named: "covenent_breach") == nil)
    #expect(Glossary.suggestion(for: "covenent_breach") == "covenant_breach")
    #expect(Glossary.suggestion(for: "zzzzzzzz") == nil)
  }

  @Test func pointerEndsOnlyTheHumanFormats() {
    let report = RankReport(
      asOf: Day(daysSinceEpoch: 20_000), rubricVersion: "abc", pillars: [], rows: [], hasBaseline: false)
    #expect(report.render(.table).hasSuffix(glossaryPointer + "\n"))
    #expect(report.render(.markdown).hasSuffix("\n\n" + glossaryPointer + "\n"))
    for format in [OutputFormat.tsv, .csv, .json] {
      #expect(!report.render(format).contains("glossary"), "\(format) carries the pointer")
    }
  }
}
