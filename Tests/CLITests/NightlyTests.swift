import Engine
import Foundation
import Testing

/// TinyData after two runs: run 1 as imported, run 2 after beta's software criterion turned true
/// (silver 75 → platinum 100), so the latest run already holds the move.
func tinyAfterANightlyMove() throws -> Sandbox {
  let box = try TinyData.sandbox()
  #expect(box.run(["recompute", "--import", box.path("drop")]).code == 0)
  let upgrade = try TinyData.directory(
    box, "up",
    [
      "assessments.csv": """
      provider_id,criterion_id,value,evidence,assessed_on
      beta,sw_ok,true,,2026-11-02

      """
    ])
  let moved = box.run(["recompute", "--import", upgrade])
  #expect(moved.stdout == "beta: tier silver -> platinum (score 75.0 -> 100.0)\n")
  return box
}

/// The last cell of `id`'s row in a rank TSV.
func rankChange(_ tsv: String, _ id: String) -> String? {
  for line in tsv.split(separator: "\n").dropFirst() {
    let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    if cells.count > 1, cells[1] == id { return cells.last }
  }
  return nil
}

/// The Tiers table row of `id` in a report page.
func tierRow(_ page: String, _ id: String) -> String? {
  for line in page.split(separator: "\n") {
    let text = String(line)
    if text.contains("data-provider=\"\(id)\""), text.contains("class=\"num strong\"") { return text }
  }
  return nil
}

@Suite struct ChangeSinceTests {
  @Test func rankComparesWithTheRunBeforeTheLatestUnlessSinceSaysOtherwise() throws {
    let box = try tinyAfterANightlyMove()
    let rank = box.run(["rank", "--format", "tsv"])
    #expect(rank.code == 0)
    #expect(rankChange(rank.stdout, "beta") == "silver -> platinum, +25.0")
    #expect(rankChange(rank.stdout, "alpha") == "0.0")

    // --since 2: against the run that made the move, nothing moved.
    let since = box.run(["rank", "--format", "tsv", "--since", "2"])
    #expect(since.code == 0)
    #expect(rankChange(since.stdout, "beta") == "0.0")
    #expect(box.run(["rank", "--format", "tsv", "--since", "1"]).stdout == rank.stdout)

    // The table names the run it compares with.
    let table = box.run(["rank", "--format", "table"])
    #expect(table.stdout.hasPrefix("As of 2026-11-23 · rubric "))
    #expect(table.stdout.split(separator: "\n").first?.hasSuffix(" · change since run 1") == true)
  }

  @Test(arguments: [["rank", "--since", "9"], ["report", "--output", "r.html", "--since", "9"]])
  func anUnknownRunExits64(arguments: [String]) throws {
    let box = try tinyAfterANightlyMove()
    let result = box.run(arguments)
    #expect(result.code == 64)
    #expect(result.stderr == "neocloud: run 9 does not exist: `neocloud history` lists the runs.\n")
    #expect(result.stdout.isEmpty)
    #expect(!FileManager.default.fileExists(atPath: box.path("r.html")))
  }

  @Test func reportTiersShowTheNightlyMove() throws {
    let box = try tinyAfterANightlyMove()
    #expect(box.run(["report", "--output", "r.html"]).code == 0)
    let page = try String(contentsOfFile: box.path("r.html"), encoding: .utf8)
    let beta = try #require(tierRow(page, "beta"))
    #expect(beta.contains("<td>silver → platinum, +25.0</td>"))
    #expect(page.contains("Change is since recompute run 1."))

    #expect(box.run(["report", "--output", "s.html", "--since", "2"]).code == 0)
    let since = try String(contentsOfFile: box.path("s.html"), encoding: .utf8)
    let same = try #require(tierRow(since, "beta"))
    #expect(same.contains("<td>unchanged</td>"))
    #expect(since.contains("Change is since recompute run 2."))
  }

  @Test func aSingleRunIsItsOwnBaseline() throws {
    let box = try TinyData.sandbox()
    #expect(box.run(["recompute", "--import", box.path("drop")]).code == 0)
    let rank = box.run(["rank", "--format", "tsv"])
    #expect(rankChange(rank.stdout, "beta") == "0.0")
  }
}

@Suite struct RiskFilterTests {
  /// Provider ids of a TSV report, in order, from column `column`.
  func ids(_ tsv: String, column: Int = 0) -> [String] {
    tsv.split(separator: "\n").dropFirst().map {
      String($0.split(separator: "\t", omittingEmptySubsequences: false)[column])
    }
  }

  @Test(arguments: [
    ["--segment", "neocloud"], ["--country", "us"], ["--gpu-model", "a100"],
    ["--country", "US", "--segment", "neocloud"],
  ])
  func riskKeepsWhatRankKeeps(filter: [String]) throws {
    let box = try Sandbox.withSamples()
    let risk = box.run(["risk", "--as-of", "2026-11-23", "--format", "tsv"] + filter)
    let rank = box.run(["rank", "--as-of", "2026-11-23", "--format", "tsv"] + filter)
    #expect(risk.code == 0 && rank.code == 0)
    let kept = ids(risk.stdout)
    #expect(!kept.isEmpty)
    #expect(Set(kept) == Set(ids(rank.stdout, column: 1)))
    // Still riskiest first: the unfiltered order restricted to the kept ones.
    let all = ids(box.run(["risk", "--as-of", "2026-11-23", "--format", "tsv"]).stdout)
    #expect(kept == all.filter(Set(kept).contains))
    #expect(kept.count < all.count)
  }

  @Test func gradeAndTop() throws {
    let box = try Sandbox.withSamples()
    let base = ["risk", "--as-of", "2026-11-23", "--format", "tsv"]
    let lines = box.run(base).stdout.split(separator: "\n").map {
      $0.split(separator: "\t", omittingEmptySubsequences: false)
    }
    // The grade column by its header (tsv headers are the JSON keys).
    let grade = lines.first?.firstIndex(of: "grade") ?? 1
    let all = Array(lines.dropFirst())
    let bad = all.filter { $0[grade] == "high" || $0[grade] == "critical" }.map { String($0[0]) }
    #expect(bad == ["ionic-labs", "gale-metal", "fjord-hpc"])
    let list = box.run(base + ["--grade", "high,CRITICAL"])
    #expect(list.code == 0)
    #expect(ids(list.stdout) == bad)
    #expect(box.run(base + ["--grade", "critical", "--grade", "high"]).stdout == list.stdout)
    #expect(ids(box.run(base + ["--top", "4"]).stdout) == all.prefix(4).map { String($0[0]) })
    #expect(ids(box.run(base + ["--grade", "elevated", "--top", "2"]).stdout) == ["harbor-gpu", "driftwood-gpu"])
    let json = box.run(["risk", "--as-of", "2026-11-23", "--format", "json", "--grade", "low", "--top", "1"])
    #expect(json.stdout.contains(#""provider_id": "cinder-ai""#))
    #expect(!json.stdout.contains(#""provider_id": "boreal-compute""#))
  }

  @Test func nothingMatchingSaysSoAndExitsZero() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["risk", "--as-of", "2026-11-23", "--format", "tsv", "--country", "fr", "--grade", "low"])
    #expect(result.code == 0)
    #expect(result.stdout.split(separator: "\n").count == 1)  // the header alone
    #expect(
      result.stderr
        == "neocloud: no provider matches --country 'fr' --grade low (country and GPU model ignore case).\n")
  }

  @Test(arguments: [
    (["risk", "--grade", "hgh"], "did you mean 'high'?"), (["risk", "--grade", "low,,high"], "not a grade"),
    (["risk", "--top", "0"], "--top must be 1 or more"), (["risk", "--top", "x"], "--top"),
    (["risk", "--segment", "cloud"], "neocloud"),
  ])
  func badFiltersExit64(arguments: [String], hint: String) throws {
    let box = try Sandbox.withSamples()
    let result = box.run(arguments)
    #expect(result.code == 64)
    #expect(result.stderr.contains(hint))
    #expect(result.stdout.isEmpty)
  }
}

@Suite struct TerminalWidthTests {
  /// TinyData with gamma's name 65,000 characters long.
  func hugeName() throws -> (Sandbox, String) {
    let box = try TinyData.sandbox()
    let name = String(repeating: "x", count: 65_000)
    try box.write(
      "drop/providers.csv",
      TinyData.providers.replacingOccurrences(of: "Gamma Compute", with: name))
    #expect(box.run(["import", box.path("drop")]).code == 0)
    return (box, name)
  }

  /// The longest line in characters (the texts here are ASCII, `·` and `…`: one column each).
  func widest(_ text: String) -> Int { text.split(separator: "\n").map(\.count).max() ?? 0 }

  @Test func aTerminalTableFitsItsWidthAndAFileOrPipeIsUntouched() throws {
    let (box, name) = try hugeName()
    let terminal = box.run(["rank", "--as-of", "2026-11-23"], terminal: true, columns: 120)
    #expect(terminal.code == 0)
    #expect(widest(terminal.stdout) <= 120)
    #expect(terminal.stdout.contains("xxx…"))
    #expect(!terminal.stdout.contains(name))
    // COLUMNS wins over what the terminal says.
    let narrow = box.run(
      ["rank", "--as-of", "2026-11-23"], terminal: true, columns: 120, environment: ["COLUMNS": "104"])
    #expect(widest(narrow.stdout) <= 104)
    #expect(widest(narrow.stdout) < widest(terminal.stdout))
    // Provider ids are never cut (people type them); names are.
    #expect(narrow.stdout.contains("  3  gamma     xxxxxxxxxxx…  unrated"))

    // Pipes, files and other formats keep every character.
    #expect(box.run(["rank", "--as-of", "2026-11-23", "--format", "table"]).stdout.contains(name))
    #expect(
      box.run(["rank", "--as-of", "2026-11-23", "--format", "tsv"], terminal: true, columns: 60).stdout.contains(name))
    let file = box.run(
      ["rank", "--as-of", "2026-11-23", "--format", "table", "--output", "r.txt"], terminal: true, columns: 60)
    #expect(file.code == 0)
    #expect(try String(contentsOfFile: box.path("r.txt"), encoding: .utf8).contains(name))
  }

  @Test func aTerminalThatDoesNotSayCapsEachCell() throws {
    let (box, _) = try hugeName()
    for command in [["rank"], ["risk"], ["show", "gamma"], ["history"]] {
      let result = box.run(command + (command == ["history"] ? [] : ["--as-of", "2026-11-23"]), terminal: true)
      #expect(result.code == 0, "\(command)")
      #expect(widest(result.stdout) < 400, "\(command)")
    }
    let rank = box.run(["rank", "--as-of", "2026-11-23"], terminal: true)
    #expect(rank.stdout.contains(String(repeating: "x", count: 79) + "…"))
  }

  @Test func riskFitsANarrowTerminalByCuttingTextOnly() throws {
    let box = try Sandbox.withSamples()
    let wide = box.run(["risk", "--as-of", "2026-11-23", "--format", "table"])
    let narrow = box.run(["risk", "--as-of", "2026-11-23"], terminal: true, columns: 200)
    #expect(widest(wide.stdout) > 200)
    #expect(widest(narrow.stdout) <= 200)
    #expect(narrow.stdout.contains("…"))
    // Every figure survives: the DSCR, money and runway cells are whole.
    for figure in ["0.08", "1.99"] { #expect(narrow.stdout.contains(figure)) }
  }

  @Test func stdoutWidthComesFromColumnsThenTheTerminal() {
    let sink = BufferSink()
    func width(terminal: Bool, columns: Int?, environment: [String: String]) -> TerminalWidth? {
      Context(
        stdout: sink, stderr: sink, stdoutIsTerminal: terminal, environment: environment, terminalColumns: columns
      ).stdoutWidth
    }
    #expect(width(terminal: false, columns: 90, environment: ["COLUMNS": "70"]) == nil)
    #expect(width(terminal: true, columns: 90, environment: ["COLUMNS": "70"]) == .columns(70))
    #expect(width(terminal: true, columns: 90, environment: ["COLUMNS": "wide"]) == .columns(90))
    #expect(width(terminal: true, columns: nil, environment: ["COLUMNS": "0"]) == .unknown)
  }
}
