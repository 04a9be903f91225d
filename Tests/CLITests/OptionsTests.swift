import Foundation
import Testing

/// Typed options (values listed in help, parsed once, "did you mean"), case-insensitive filters,
/// and "did you mean" for a mistyped subcommand.
@Suite struct OptionsTests {
  @Test func aMistypedSubcommandSuggestsTheClosestOne() throws {
    let box = try Sandbox()
    let result = box.run(["rnak"])
    #expect(result.code == 64)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr == "neocloud: unknown command 'rnak' (did you mean 'rank'?): run `neocloud --help` for the list.\n")
    let far = box.run(["frobnicate"])
    #expect(far.code == 64)
    #expect(far.stderr == "neocloud: unknown command 'frobnicate': run `neocloud --help` for the list.\n")
  }

  @Test func helpListsTheValuesAndStatesEachDefaultOnce() throws {
    let box = try Sandbox()
    let rank = unwrapped(box.run(["rank", "--help"]))
    #expect(rank.code == 0)
    #expect(rank.stdout.contains("values: table, tsv, json, csv, markdown"))
    #expect(rank.stdout.contains("values: neocloud, hyperscaler, sovereign, marketplace, other"))
    let recompute = unwrapped(box.run(["recompute", "--help"]))
    #expect(recompute.stdout.contains("values: elevated, high, critical"))
    let risk = unwrapped(box.run(["risk", "--help"]))
    for help in [
      rank.stdout, recompute.stdout, risk.stdout, unwrapped(box.run(["import", "--help"])).stdout,
      unwrapped(box.run(["schedule", "--help"])).stdout,
    ] {
      // One entry per option: from its name at the start of a line to the next one.
      let options = help.components(separatedBy: "OPTIONS:").last ?? ""
      for entry in options.components(separatedBy: "\n  -") {
        // "(default": an option may have "default" in its name (--customer-default).
        let defaults = entry.components(separatedBy: "(default").count - 1
        #expect(defaults <= 1, "\(entry)")
      }
    }
    #expect(risk.stdout.contains("(default: 20)"))
    #expect(!risk.stdout.contains("0.0)"))
  }

  @Test(arguments: [
    (["rank", "--format", "JSN"], "did you mean 'json'?"),
    (["import", "--kind", "fleet", "x.csv"], "did you mean 'fleets'?"),
    (["rank", "--segment", "neocloude"], "did you mean 'neocloud'?"),
    (["schedule", "--fail-on", "critcal"], "did you mean 'critical'?"),
  ])
  func aBadValueExits64WithAHint(arguments: [String], hint: String) throws {
    let box = try Sandbox()
    let result = box.run(arguments)
    #expect(result.code == 64)
    #expect(result.stderr.contains(hint))
  }

  @Test func failOnElevatedIsAccepted() throws {
    let box = try Sandbox.withSamples()
    let result = box.run(["recompute", "--as-of", "2026-11-23", "--fail-on", "elevated"])
    #expect(result.code == 0 || result.code == 3)
    #expect(result.stderr.contains("recompute run=1 exit=\(result.code)"))
    let schedule = box.run(["schedule", "--fail-on", "elevated"])
    #expect(schedule.code == 0)
    #expect(schedule.stdout.contains(" recompute --fail-on elevated --log "))
  }

  @Test func filtersIgnoreCaseAndSayWhenNothingMatches() throws {
    let box = try Sandbox.withSamples()
    let upper = box.run(["rank", "--as-of", "2026-11-23", "--format", "tsv", "--gpu-model", "A100"])
    let lower = box.run(["rank", "--as-of", "2026-11-23", "--format", "tsv", "--gpu-model", "a100"])
    #expect(lower.code == 0)
    #expect(lower.stdout == upper.stdout)
    #expect(lower.stderr.isEmpty)
    let de = box.run(["rank", "--as-of", "2026-11-23", "--format", "tsv", "--country", "de"])
    #expect(de.stdout == box.run(["rank", "--as-of", "2026-11-23", "--format", "tsv", "--country", "DE"]).stdout)
    #expect(de.stdout.split(separator: "\n").count == 2)
    let country = box.run(["rank", "--as-of", "2026-11-23", "--format", "tsv", "--country", "zz"])
    #expect(country.code == 0)
    #expect(country.stdout.split(separator: "\n").count == 1)  // the header alone
    #expect(
      country.stderr == "neocloud: no provider matches --country 'zz' (country and GPU model ignore case).\n")
  }
}

/// Help text with ArgumentParser's line wrapping undone: a continuation line (indented past the
/// option column) joins the line before it.
private func unwrapped(_ invocation: Invocation) -> Invocation {
  var lines: [String] = []
  for line in invocation.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
    if line.hasPrefix("                        "), let last = lines.popLast() {
      lines.append(last + " " + line.drop { $0 == " " })
    } else {
      lines.append(String(line))
    }
  }
  return Invocation(code: invocation.code, stdout: lines.joined(separator: "\n"), stderr: invocation.stderr)
}
