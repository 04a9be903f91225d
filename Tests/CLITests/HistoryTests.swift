import Engine
import Foundation
import GRDB
import Testing

@testable import CLI
@testable import Store

/// Runs `neocloud --db <db> ARGS` in-process like `Sandbox.run`, with the clock at `now`.
func run(_ box: Sandbox, _ arguments: [String], now: Date) -> Invocation {
  let out = BufferSink()
  let err = BufferSink()
  let context = Context(
    stdout: out, stderr: err, environment: [:], now: { now }, currentDirectory: box.directory)
  let code = NeocloudMain.run(arguments: ["--db", box.db] + arguments, context: context)
  return Invocation(code: code, stdout: out.text, stderr: err.text)
}

/// The sandbox clock: 2026-11-23T12:00:00Z.
let sandboxNow = Date(timeIntervalSince1970: 1_795_435_200)

@Suite struct HistoryTests {
  /// Two runs over TinyData: run 1 as imported, run 2 after beta's software criterion turned
  /// true (silver 75 → platinum 100).
  func twoRuns() throws -> Sandbox {
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
    let second = box.run(["recompute", "--import", upgrade])
    #expect(second.stdout == "beta: tier silver -> platinum (score 75.0 -> 100.0)\n")
    return box
  }

  @Test func jsonHasTheRunsAndTheProvidersPoints() throws {
    let box = try twoRuns()
    let fingerprint2 = try #require(try Store.open(path: box.db).latestRun()?.inputFingerprint)
    let result = box.run(["history", "beta", "--format", "json"])
    #expect(result.code == 0)
    #expect(result.stderr == "")
    // rubric_version and run 1's fingerprint were worked out independently (Python hashlib over
    // the §7 text); run 2's differs from run 1's (checked in RecomputeTests).
    #expect(
      result.stdout == """
        {
          "provider": {
            "points": [
              {
                "as_of": "2026-11-23",
                "dscr_12m": null,
                "grade": "low",
                "run_id": 1,
                "score": 75,
                "tier": "silver"
              },
              {
                "as_of": "2026-11-23",
                "dscr_12m": null,
                "grade": "low",
                "run_id": 2,
                "score": 100,
                "tier": "platinum"
              }
            ],
            "provider_id": "beta"
          },
          "runs": [
            {
              "as_of": "2026-11-23",
              "changed": true,
              "finished_at": "2026-11-23T12:00:00Z",
              "input_fingerprint": "f983997ea175",
              "rubric_version": "9dfdf7a87945",
              "run_id": 1,
              "started_at": "2026-11-23T12:00:00Z"
            },
            {
              "as_of": "2026-11-23",
              "changed": true,
              "finished_at": "2026-11-23T12:00:00Z",
              "input_fingerprint": "\(fingerprint2)",
              "rubric_version": "9dfdf7a87945",
              "run_id": 2,
              "started_at": "2026-11-23T12:00:00Z"
            }
          ]
        }

        """)
  }

  @Test func withoutProviderJSONHasANullProvider() throws {
    let box = try twoRuns()
    let result = box.run(["history", "--format", "json", "--limit", "1"])
    #expect(result.code == 0)
    #expect(result.stdout.hasPrefix("{\n  \"provider\": null,\n  \"runs\": [\n    {\n"))
    #expect(result.stdout.contains(#""run_id": 2"#))
    #expect(!result.stdout.contains(#""run_id": 1"#))
  }

  @Test func tsvListsTheRunsOrThePoints() throws {
    let box = try twoRuns()
    let fingerprint2 = try #require(try Store.open(path: box.db).latestRun()?.inputFingerprint)
    let runs = box.run(["history"])
    #expect(runs.code == 0)
    #expect(
      runs.stdout == """
        run_id\tstarted_at\tfinished_at\tas_of\trubric_version\tinput_fingerprint\tchanged
        1\t2026-11-23T12:00:00Z\t2026-11-23T12:00:00Z\t2026-11-23\t9dfdf7a87945\tf983997ea175\tyes
        2\t2026-11-23T12:00:00Z\t2026-11-23T12:00:00Z\t2026-11-23\t9dfdf7a87945\t\(fingerprint2)\tyes

        """)
    let points = box.run(["history", "beta", "--format", "tsv"])
    #expect(
      points.stdout == """
        run_id\tas_of\ttier\tscore\tgrade\tdscr_12m
        1\t2026-11-23\tsilver\t75.0\tlow\t
        2\t2026-11-23\tplatinum\t100.0\tlow\t

        """)
    let table = box.run(["history", "beta", "--format", "table"])
    #expect(table.stdout.hasPrefix("beta in 2 runs\n"))
  }

  @Test func outputWritesTheReportToAFile() throws {
    let box = try twoRuns()
    let result = box.run(["history", "--output", "runs.json"])
    #expect(result.code == 0)
    #expect(result.stdout == "")
    let written = try String(contentsOfFile: box.path("runs.json"), encoding: .utf8)
    #expect(written == box.run(["history", "--format", "json"]).stdout)
  }

  @Test func unknownProviderExits64WithAHintAmongCurrentAndPastProviders() throws {
    let box = try twoRuns()
    let typo = box.run(["history", "bta"])
    #expect(typo.code == 64)
    #expect(typo.stderr == "neocloud: unknown provider 'bta': did you mean 'beta'?\n")

    // gamma leaves the database but stays in the history.
    let store = try Store.open(path: box.db)
    try store.queue.write { try $0.execute(sql: "DELETE FROM providers WHERE provider_id = 'gamma'") }
    let gone = box.run(["history", "gamma", "--format", "tsv"])
    #expect(gone.code == 0)
    #expect(gone.stdout.split(separator: "\n").count == 3)
    let hint = box.run(["history", "gama"])
    #expect(hint.code == 64)
    #expect(hint.stderr.contains("did you mean 'gamma'?"))
  }

  @Test func aProviderInTheDatabaseButInNoRunHasNoPoints() throws {
    let box = try twoRuns()
    let arrival = try TinyData.directory(
      box, "new",
      [
        "providers.csv": """
        provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of,min_liquidity_usd
        delta,Delta AI,neocloud,FR,300,0,2026-10-31,

        """
      ])
    #expect(box.run(["import", arrival]).code == 0)
    let result = box.run(["history", "delta", "--format", "json"])
    #expect(result.code == 0)
    #expect(result.stdout.contains("\"points\": [],\n    \"provider_id\": \"delta\""))
  }

  @Test func lastPrintsTheAgeAndExits1AfterThirtySixHours() throws {
    let box = try TinyData.sandbox()
    let none = run(box, ["history", "--last"], now: sandboxNow)
    #expect(none.code == 1)
    #expect(none.stdout == "no run yet\n")
    #expect(none.stderr.contains("run `neocloud recompute`"))

    #expect(box.run(["recompute", "--import", box.path("drop")]).code == 0)  // finishes at 12:00Z
    let fresh = run(box, ["history", "--last"], now: sandboxNow.addingTimeInterval(3 * 3600 + 12 * 60 + 59))
    #expect(fresh.code == 0)
    #expect(fresh.stdout == "last run 1 (2026-11-23T12:00:00Z) is 3h 12m old\n")
    #expect(fresh.stderr == "")

    let limit = run(box, ["history", "--last"], now: sandboxNow.addingTimeInterval(36 * 3600))
    #expect(limit.code == 0)
    #expect(limit.stdout == "last run 1 (2026-11-23T12:00:00Z) is 36h 0m old\n")

    let stale = run(box, ["history", "--last"], now: sandboxNow.addingTimeInterval(36 * 3600 + 60))
    #expect(stale.code == 1)
    #expect(stale.stdout == "last run 1 (2026-11-23T12:00:00Z) is 36h 1m old\n")
    #expect(stale.stderr.contains("older than 36 h"))
  }

  @Test(arguments: [
    ["history", "--last", "beta"], ["history", "--last", "--format", "json"], ["history", "--limit", "0"],
    ["history", "--format", "yaml"],
  ])
  func badFlagsExit64(arguments: [String]) throws {
    let box = try TinyData.sandbox()
    let result = box.run(arguments)
    #expect(result.code == 64)
    #expect(result.stdout == "")
  }

  @Test func anEmptyDatabaseHasNoRunsUntilARunOverNothing() throws {
    let box = try Sandbox()
    #expect(box.run(["init"]).code == 0)
    let empty = box.run(["history", "--format", "json"])
    #expect(empty.code == 0)
    #expect(empty.stdout == "{\n  \"provider\": null,\n  \"runs\": []\n}\n")
    #expect(box.run(["history", "--format", "table"]).stdout.hasPrefix("No runs yet: run `neocloud recompute`.\n"))

    // A run over no providers prints nothing, stores no snapshot and changes nothing.
    let nothing = box.run(["recompute"])
    #expect(nothing.code == 0)
    #expect(nothing.stdout == "")
    #expect(nothing.stderr == "2026-11-23T12:00:00Z recompute run=1 exit=0 duration=0.00s providers=0 changes=0\n")
    #expect(try storedRuns(box).map(\.changed) == [false])
  }

  @Test func missingDatabaseExits66() throws {
    let box = try Sandbox()
    #expect(box.run(["history"]).code == 66)
    #expect(box.run(["history", "--last"]).code == 66)
  }

  @Test func ageFormatCountsWholeMinutesInHours() {
    #expect(formatAge(0) == "0h 0m")
    #expect(formatAge(59) == "0h 0m")
    #expect(formatAge(3 * 3600 + 12 * 60) == "3h 12m")
    #expect(formatAge(50 * 3600 + 5 * 60 + 30) == "50h 5m")
    #expect(formatAge(-10) == "0h 0m")
  }
}
