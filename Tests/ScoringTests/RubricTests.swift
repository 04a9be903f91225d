import Domain
import Testing

@testable import Scoring

@Suite struct RubricTests {
  /// The three criteria of the hand-checked digest below, given out of order.
  let sample: [Criterion] = [
    Criterion(
      id: "uptime_12m", pillar: "reliability", title: "Uptime – 12 months", kind: .numeric,
      weight: 2.5, fullAt: 99.9, zeroAt: 98.5, source: .uptime12m),
    Criterion(
      id: "soc2", pillar: "security", title: "SOC 2 Type II", kind: .bool, weight: 3.0,
      requiredFor: .bronze),
    Criterion(
      id: "K8s", pillar: "software", title: "Managed Kubernetes", kind: .level, weight: 0.5,
      source: .assessment),
  ]

  /// Expected digest computed in the shell:
  ///
  ///     printf 'K8s\x1fsoftware\x1fManaged Kubernetes\x1flevel\x1f0.5\x1f\x1f\x1f\x1fassessment\n'\
  ///     'soc2\x1fsecurity\x1fSOC 2 Type II\x1fbool\x1f3\x1f\x1f\x1fbronze\x1fassessment\n'\
  ///     'uptime_12m\x1freliability\x1fUptime – 12 months\x1fnumeric\x1f2.5\x1f99.9\x1f98.5\x1f\x1fuptime_12m\n' \
  ///       | sha256sum
  ///     148c1a67042695351713ab3ceb9f240126d2deccfd252f008f746ccf9011b859  -
  @Test func versionMatchesHandCheckedDigest() {
    #expect(rubricVersion(sample) == "148c1a670426")
    #expect(Rubric(sample).version == "148c1a670426")
    #expect(Rubric(sample.reversed()).version == "148c1a670426")
  }

  @Test func canonicalTextIsSortedByteOrderWithUnitSeparators() {
    let text = rubricCanonicalText(sample)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 4)  // three rows, each ended by \n
    #expect(
      lines[0]
        == "K8s\u{1F}software\u{1F}Managed Kubernetes\u{1F}level\u{1F}0.5\u{1F}\u{1F}\u{1F}\u{1F}assessment"
    )
    #expect(lines[1].hasPrefix("soc2\u{1F}security\u{1F}SOC 2 Type II\u{1F}bool\u{1F}3\u{1F}"))
    #expect(lines[3].isEmpty)
  }

  @Test func missingSourceHashesLikeExplicitAssessment() {
    var explicit = sample
    explicit[1].source = .assessment
    #expect(rubricVersion(explicit) == rubricVersion(sample))
  }

  @Test func everyFieldChangesTheVersion() {
    let base = rubricVersion(sample)
    var changed: [[Criterion]] = []
    for index in 0..<9 {
      var criteria = sample
      switch index {
      case 0: criteria[1].id = "soc2_type2"
      case 1: criteria[1].pillar = "compliance"
      case 2: criteria[1].title = "SOC 2 Type I"
      case 3: criteria[2].kind = .bool
      case 4: criteria[1].weight = 3.5
      case 5: criteria[0].fullAt = 99.95
      case 6: criteria[0].zeroAt = 98
      case 7: criteria[1].requiredFor = .silver
      default: criteria[0].source = .mttr12m
      }
      changed.append(criteria)
    }
    let versions = changed.map(rubricVersion)
    #expect(versions.allSatisfy { $0 != base })
    #expect(Set(versions).count == 9)
    #expect(versions.allSatisfy { $0.count == 12 && $0.allSatisfy(\.isHexDigit) })
  }

  @Test func criteriaAreSortedInByteOrder() {
    let rubric = Rubric([boolean("b"), boolean("a_b"), boolean("a-b"), boolean("B")])
    // '-' (0x2D) < '_' (0x5F); uppercase sorts before lowercase.
    #expect(rubric.criteria.map(\.id) == ["B", "a-b", "a_b", "b"])
  }

  @Test func pillarsPutTheFourRequiredFirstThenOthersAlphabetically() {
    let rubric = Rubric([
      boolean("s1", pillar: "storage"), boolean("x1", pillar: "security"),
      boolean("a1", pillar: "availability"), boolean("r1", pillar: "reliability"),
      boolean("m1", pillar: "monitoring"), boolean("n1", pillar: "networking"),
      boolean("w1", pillar: "software"), boolean("s2", pillar: "storage"),
    ])
    #expect(
      rubric.pillars == [
        "reliability", "networking", "software", "security", "availability", "monitoring",
        "storage",
      ])
    #expect(rubric.criteria(of: "storage").map(\.id) == ["s1", "s2"])
  }

  @Test func pillarsWithoutCriteriaAreLeftOut() {
    let rubric = Rubric([boolean("a", pillar: "security"), boolean("b", pillar: "reliability")])
    #expect(rubric.pillars == ["reliability", "security"])
    #expect(Rubric([]).pillars.isEmpty)
    #expect(Rubric([]).version == String(sha256Hex([]).prefix(12)))
  }
}
