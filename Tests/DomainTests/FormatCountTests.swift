import Domain
import Testing

@Suite struct FormatCountTests {
  @Test(arguments: [
    (0, "0"), (7, "7"), (999, "999"), (1000, "1,000"), (12_345, "12,345"), (1_000_000, "1,000,000"),
    (-1200, "-1,200"), (Int.min, "-9,223,372,036,854,775,808"),
  ])
  func groupsThousands(count: Int, text: String) {
    #expect(formatCount(count) == text)
  }
}
