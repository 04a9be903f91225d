import Domain
import Scoring
import Testing

@testable import Reports

/// A hand-built bronze provider over two pillars, and its hand-worked path to silver:
/// reliability 4 of 6 points = 66.666666667, security 1.5 of 4 = 37.5, overall 52.083333333;
/// silver needs 55, 2.916666667 missing; soc2 gains 100 × 2 / 4 / 2 = 25 and closes it alone.
enum ExplainFixture {
  static let asOf = Day(year: 2026, month: 11, day: 23) ?? Day(daysSinceEpoch: 0)

  static let uptime = CriterionResult(
    criterion: Criterion(
      id: "uptime_12m", pillar: "reliability", title: "Mean uptime (%)", kind: .numeric, weight: 4, fullAt: 99.9,
      zeroAt: 98.5, source: .uptime12m),
    value: "99.2", evidence: "derived from 12 months of uptime rows", assessedOn: nil, points: 2, hasValue: true)
  static let sla = CriterionResult(
    criterion: Criterion(
      id: "hardware_sla", pillar: "reliability", title: "Hardware SLA", kind: .bool, weight: 2,
      requiredFor: .silver),
    value: "true", evidence: "https://nimbus.example/sla", assessedOn: Day(year: 2026, month: 6, day: 1),
    points: 2, hasValue: true)
  static let soc2 = CriterionResult(
    criterion: Criterion(
      id: "soc2", pillar: "security", title: "SOC 2 Type II", kind: .bool, weight: 2, requiredFor: .gold),
    value: "false", evidence: "no report", assessedOn: Day(year: 2026, month: 5, day: 1), points: 0,
    hasValue: true)
  static let patching = CriterionResult(
    criterion: Criterion(id: "patching", pillar: "security", title: "Patch process", kind: .level, weight: 2),
    value: "3", evidence: nil, assessedOn: Day(year: 2026, month: 5, day: 1), points: 1.5, hasValue: true)

  static func score(tier: Tier = .bronze, coverage: Double = 100) -> ProviderScore {
    ProviderScore(
      providerID: "nimbus", name: "Nimbus GPU", tier: tier, score: 52.083333333,
      pillars: [
        PillarScore(pillar: "reliability", score: 66.666666667, points: 4, weight: 6, criteria: [sla, uptime]),
        PillarScore(pillar: "security", score: 37.5, points: 1.5, weight: 4, criteria: [patching, soc2]),
      ],
      coveragePct: coverage, excludedBy: [soc2])
  }

  static let bronze = ExplainReport(
    asOf: asOf, rubricVersion: "0123456789ab", score: score(),
    path: NextTierPath(
      current: .bronze, target: .silver,
      gates: [
        UnmetGate(
          kind: .overall, threshold: 55, actual: 52.083333333, pointsMissing: 2.916666667,
          criteria: [Improvement(result: soc2, gain: 25, pillarGain: 50)])
      ]))
}

@Suite struct ExplainReportTests {
  @Test func tableListsEveryCriterionByPillar() {
    let text = ExplainFixture.bronze.render(.table)
    let expected = """
      nimbus · Nimbus GPU · as of 2026-11-23 · rubric 0123456789ab

      Reliability: 66.7 (4.0 of 6 points)
      ===================================
      Criterion     Title            Kind                  Value  Points  Weight  Required for  Assessed on  Stale  Evidence
      ------------  ---------------  --------------------  -----  ------  ------  ------------  -----------  -----  -------------------------------------
      hardware_sla  Hardware SLA     bool                  true      2.0       2  silver        2026-06-01          https://nimbus.example/sla
      uptime_12m    Mean uptime (%)  numeric (uptime_12m)  99.2      2.0       4                                    derived from 12 months of uptime rows

      Security: 37.5 (1.5 of 4 points)
      ================================
      Criterion  Title          Kind   Value  Points  Weight  Required for  Assessed on  Stale  Evidence
      ---------  -------------  -----  -----  ------  ------  ------------  -----------  -----  ---------
      patching   Patch process  level  3         1.5       2                2026-05-01
      soc2       SOC 2 Type II  bool   false     0.0       2  gold          2026-05-01          no report

      Pillars
      =======
      Pillar       Score  Points  Weight
      -----------  -----  ------  ------
      reliability   66.7     4.0       6
      security      37.5     1.5       4

      Summary
      =======
      Provider    nimbus
      Name        Nimbus GPU
      Overall     52.1
      Coverage %  100.0
      Tier        bronze

      Path to silver
      ==============
      Each gate not met, with the criteria that would close it, failing required_for criteria first, then by gain (overall points).
      Criterion  Pillar    Title          Points  Weight  Gain  Pillar gain  Required for
      ---------  --------  -------------  ------  ------  ----  -----------  ------------
      Overall 52.1 of 55: 2.9 points missing
      soc2       security  SOC 2 Type II     0.0       2  25.0         50.0  gold

      """
    #expect(text == expected)
  }

  @Test func requiredAndPillarGatesAndShortfallInHeadings() {
    let report = ExplainFixture.bronze
    let required = UnmetGate(
      kind: .required(criterionID: "hardware_sla", requiredFor: .silver), threshold: 2, actual: 0,
      pointsMissing: 2, criteria: [Improvement(result: ExplainFixture.sla, gain: 16.666666667, pillarGain: 33.3)])
    #expect(
      report.gateHeading(required, target: .silver)
        == "hardware_sla is required for silver: 0.0 of 2 points, earn it in full")
    let pillar = UnmetGate(
      kind: .pillar("security"), threshold: 50, actual: 37.5, pointsMissing: 12.5,
      criteria: [Improvement(result: ExplainFixture.patching, gain: 6.25, pillarGain: 12.4)])
    #expect(
      report.gateHeading(pillar, target: .gold)
        == "Security 37.5 of 50: 12.5 pillar points missing (even all of these fall short)")
    var closed = pillar
    closed.criteria[0].pillarGain = 12.5
    #expect(report.gateHeading(closed, target: .gold) == "Security 37.5 of 50: 12.5 pillar points missing")
  }

  @Test func unratedShowsTheCoverageGapAndTheCriteriaWithoutValue() {
    var uptime = ExplainFixture.uptime
    uptime.value = nil
    uptime.hasValue = false
    uptime.points = 0
    let report = ExplainReport(
      asOf: ExplainFixture.asOf, rubricVersion: "0123456789ab",
      score: ExplainFixture.score(tier: .unrated, coverage: 50),
      path: NextTierPath(
        current: .unrated, target: nil, gates: [], coverageWeightMissing: 1, criteriaWithoutValue: [uptime]))
    let text = report.render(.table)
    let expected = """

      Path to a tier
      ==============
      Unrated: coverage 50.0% is below 60%. 1 more rubric weight needs a value; criteria without a value, heaviest first:
      Criterion   Pillar       Title            Kind     Weight
      ----------  -----------  ---------------  -------  ------
      uptime_12m  reliability  Mean uptime (%)  numeric       4

      """
    #expect(text.hasSuffix(expected))
    let tsv = report.render(.tsv, section: .nextTier)
    #expect(
      tsv
        == "target\tgate\tthreshold\tactual\tpoints_missing\tcriterion_id\tpillar\tpoints\tweight\tgain\tpillar_gain"
        + "\trequired_for\n\tcoverage\t60\t50.0\t1\tuptime_12m\treliability\t0.0\t4\t\t\t\n")
    #expect(
      report.json.render(pretty: false).contains(
        #""next_tier":{"at_top":false,"coverage_weight_missing":1,"criteria_without_value":[{"criterion_id":"#
          + #""uptime_12m","pillar":"reliability","required_for":null,"title":"Mean uptime (%)","weight":4}],"#
          + #""gates":[],"stale_criteria":[],"target":null}"#))
  }

  @Test func platinumIsAtTheTop() {
    let report = ExplainReport(
      asOf: ExplainFixture.asOf, rubricVersion: "0123456789ab", score: ExplainFixture.score(tier: .platinum),
      path: NextTierPath(current: .platinum, target: nil, gates: []))
    #expect(
      report.render(.table).hasSuffix(
        "\nPath to the next tier\n=====================\nPlatinum is the top tier: there is no tier above it.\n"))
    #expect(
      report.json.render(pretty: false).hasSuffix(
        #","provider_id":"nimbus","rubric_version":"0123456789ab","score":52.083333333,"tier":"platinum"}"#))
    #expect(report.json.render(pretty: false).contains(#""next_tier":{"at_top":true,"#))
  }

  /// One rectangular table per section, its header line the JSON keys; criteria by default.
  @Test func tsvSections() {
    let criteria = [
      "pillar\tcriterion_id\ttitle\tkind\tsource\tvalue\tpoints\tweight\trequired_for\tassessed_on\tstale"
        + "\tevidence\tearned_in_full",
      "reliability\thardware_sla\tHardware SLA\tbool\tassessment\ttrue\t2.0\t2\tsilver\t2026-06-01\tfalse"
        + "\thttps://nimbus.example/sla\ttrue",
      "reliability\tuptime_12m\tMean uptime (%)\tnumeric\tuptime_12m\t99.2\t2.0\t4\t\t\tfalse"
        + "\tderived from 12 months of uptime rows\tfalse",
      "security\tpatching\tPatch process\tlevel\tassessment\t3\t1.5\t2\t\t2026-05-01\tfalse\t\tfalse",
      "security\tsoc2\tSOC 2 Type II\tbool\tassessment\tfalse\t0.0\t2\tgold\t2026-05-01\tfalse\tno report"
        + "\tfalse",
    ]
    #expect(ExplainFixture.bronze.render(.tsv) == criteria.joined(separator: "\n") + "\n")
    #expect(ExplainFixture.bronze.render(.tsv, section: .criteria) == criteria.joined(separator: "\n") + "\n")
    #expect(
      ExplainFixture.bronze.render(.tsv, section: .pillars)
        == "pillar\tscore\tpoints\tweight\nreliability\t66.7\t4.0\t6\nsecurity\t37.5\t1.5\t4\n")
    #expect(
      ExplainFixture.bronze.render(.tsv, section: .summary)
        == "provider_id\tname\tscore\tcoverage_pct\ttier\nnimbus\tNimbus GPU\t52.1\t100.0\tbronze\n")
    #expect(
      ExplainFixture.bronze.render(.csv, section: .nextTier)
        == "target,gate,threshold,actual,points_missing,criterion_id,pillar,points,weight,gain,pillar_gain,"
        + "required_for\nsilver,overall,55,52.1,2.9,soc2,security,0.0,2,25.0,50.0,gold\n")
  }

  @Test func jsonIsCompleteAndTyped() {
    let expected =
      #"{"as_of":"2026-11-23","coverage_pct":100,"freshness":{"assessment_max_age_months":12,"#
      + #""stale_weight_factor":0.5,"uptime_max_age_months":3},"name":"Nimbus GPU","next_tier":{"at_top":false,"#
      + #""coverage_weight_missing":null,"criteria_without_value":[],"gates":[{"actual":52.083333333,"criteria":["#
      + #"{"criterion_id":"soc2","gain":25,"pillar":"security","pillar_gain":50,"points":0,"required_for":"gold","#
      + #""title":"SOC 2 Type II","weight":2}],"criterion_id":null,"gate":"overall","pillar":null,"#
      + #""points_missing":2.916666667,"required_for":null,"threshold":55}],"stale_criteria":[],"target":"silver"},"#
      + #""pillars":{"reliability":{"criteria":[{"assessed_on":"2026-06-01","criterion_id":"hardware_sla","#
      + #""earned_in_full":true,"evidence":"https://nimbus.example/sla","kind":"bool","points":2,"#
      + #""required_for":"silver","source":"assessment","stale":false,"title":"Hardware SLA","value":true,"weight":2},"#
      + #"{"assessed_on":null,"criterion_id":"uptime_12m","earned_in_full":false,"#
      + #""evidence":"derived from 12 months of uptime rows","kind":"numeric","points":2,"required_for":null,"#
      + #""source":"uptime_12m","stale":false,"title":"Mean uptime (%)","value":99.2,"weight":4}],"points":4,"#
      + #""score":66.666666667,"weight":6},"security":{"criteria":[{"assessed_on":"2026-05-01","#
      + #""criterion_id":"patching","earned_in_full":false,"evidence":null,"kind":"level","points":1.5,"#
      + #""required_for":null,"source":"assessment","stale":false,"title":"Patch process","value":3,"weight":2},"#
      + #"{"assessed_on":"2026-05-01","criterion_id":"soc2","earned_in_full":false,"evidence":"no report","#
      + #""kind":"bool","points":0,"required_for":"gold","source":"assessment","stale":false,"title":"SOC 2 Type II","#
      + #""value":false,"weight":2}],"points":1.5,"score":37.5,"weight":4}},"provider_id":"nimbus","#
      + #""rubric_version":"0123456789ab","score":52.083333333,"tier":"bronze"}"#
    #expect(ExplainFixture.bronze.json.render(pretty: false) == expected)
  }

  @Test func requiredGateInJSON() {
    var report = ExplainFixture.bronze
    report.path.gates = [
      UnmetGate(
        kind: .required(criterionID: "soc2", requiredFor: .gold), threshold: 2, actual: 0, pointsMissing: 2,
        criteria: [])
    ]
    #expect(
      report.json.render(pretty: false).contains(
        #""gates":[{"actual":0,"criteria":[],"criterion_id":"soc2","gate":"required","pillar":null,"#
          + #""points_missing":2,"required_for":"gold","threshold":2}]"#))
    // A gate without criteria keeps its row, the criterion columns empty.
    #expect(report.render(.tsv, section: .nextTier).hasSuffix("\nsilver\trequired:soc2\t2\t0.0\t2.0\t\t\t\t\t\t\t\n"))
  }

  @Test func emptyRubricSaysWhatToImport() {
    let score = ProviderScore(
      providerID: "nimbus", name: "Nimbus GPU", tier: .unrated, score: 0, pillars: [], coveragePct: 0,
      excludedBy: [])
    let report = ExplainReport(
      asOf: ExplainFixture.asOf, rubricVersion: "e3b0c44298fc", score: score,
      path: NextTierPath(current: .unrated, target: nil, gates: [], coverageWeightMissing: 0))
    #expect(
      report.render(.table).hasSuffix(
        "\nPath to a tier\n==============\nThe rubric is empty: import a rubric (rubric.csv) to score providers.\n"))
  }
}

@Suite struct ExplainStaleTests {
  /// A stale assessment is marked in every format, and the summary says what stale costs.
  @Test func staleEvidenceIsMarked() {
    var soc2 = ExplainFixture.score().criteria.first { $0.criterion.id == "soc2" }
    soc2?.isStale = true
    var score = ExplainFixture.score()
    for (index, pillar) in score.pillars.enumerated() {
      score.pillars[index].criteria = pillar.criteria.map { $0.criterion.id == "soc2" ? (soc2 ?? $0) : $0 }
    }
    let report = ExplainReport(
      asOf: ExplainFixture.asOf, rubricVersion: "0123456789ab", score: score,
      path: NextTierPath(current: score.tier, target: nil, gates: []))
    let table = report.render(.table)
    #expect(
      table.contains(
        "soc2       SOC 2 Type II  bool   false     0.0       2  gold          2026-05-01   stale  no report"))
    #expect(
      table.contains(
        "1 criterion rests on stale evidence (assessments older than 12 months, uptime data older than 3 months): "
          + "it keeps its points but counts at half weight in coverage."))
    #expect(report.render(.tsv).contains("\tgold\t2026-05-01\ttrue\tno report"))
    #expect(report.json.render(pretty: false).contains(#""source":"assessment","stale":true,"title":"SOC 2 Type II""#))
  }
}
