// libFuzzer harness over the CSV reader and the per-kind validators (DESIGN §2, §8).
//
// Built only by `scripts/fuzz.sh`, which compiles every module with `-D FUZZING`, AddressSanitizer
// and libFuzzer's coverage instrumentation, and links libFuzzer's driver (`fuzzer_no_main`). A
// normal `swift build` compiles the trivial `main` below instead.

#if FUZZING
  import Foundation
  import Import
  import Store

  /// libFuzzer's own `main`, from `libclang_rt.fuzzer_no_main`.
  @_silgen_name("LLVMFuzzerRunDriver")
  func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
  ) -> Int32

  /// One temporary database holding Samples/ (so references resolve and the checks across rows
  /// run), shared by every input; every input is a dry run, so it never changes.
  final class FuzzState: @unchecked Sendable {
    let directory: String
    let input: String
    let rejects: String
    let store: Store

    init() {
      directory = NSTemporaryDirectory() + "neocloud-fuzz-\(getpid())"
      input = directory + "/input.csv"
      rejects = directory + "/rejects.csv"
      try? FileManager.default.removeItem(atPath: directory)
      do {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        store = try Store.initialize(path: directory + "/fuzz.sqlite").store
        let samples =
          ProcessInfo.processInfo.environment["NEOCLOUD_FUZZ_SAMPLES"]
          ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
          .appendingPathComponent("Samples").path
        _ = try importFiles([samples], into: store, options: ImportOptions())
      } catch {
        say("cannot set up the database: \(error)")
        exit(2)
      }
    }
  }

  nonisolated(unsafe) var fuzzState: FuzzState?

  /// Unbuffered (stdout would lose the line when the harness aborts).
  func say(_ text: String) {
    FileHandle.standardError.write(Data(("neocloud-fuzz: " + text + "\n").utf8))
  }

  /// The first byte picks the kind (0 = detect it from the header, 1…9 = `Kind.allCases`); the
  /// rest is the file. Any error is fine; a crash, a sanitizer report or an internal error
  /// (`ImportError.database`, or an error of another type) is a finding.
  func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let state: FuzzState
    if let existing = fuzzState {
      state = existing
    } else {
      state = FuzzState()
      fuzzState = state
    }
    let selector = Int(data[0]) % (Kind.allCases.count + 1)
    let kind: Kind? = selector == 0 ? nil : Kind.allCases[selector - 1]
    let bytes = Data(UnsafeBufferPointer(start: data + 1, count: size - 1))
    guard FileManager.default.createFile(atPath: state.input, contents: bytes) else {
      say("cannot write \(state.input)")
      exit(2)
    }
    do {
      _ = try importFiles(
        [state.input], into: state.store,
        options: ImportOptions(kind: kind, dryRun: true, rejectsPath: state.rejects))
    } catch let error as ImportError {
      if case .database(let reason, _) = error {
        say("internal error on hostile input: \(reason)")
        abort()
      }
      // Every message must be printable as one line per diagnostic.
      for line in error.lines where line.contains("\n") {
        say("a diagnostic spans lines: \(line)")
        abort()
      }
    } catch {
      say("unexpected error type: \(error)")
      abort()
    }
    return 0
  }

  @main enum NeocloudFuzz {
    static func main() {
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      exit(runFuzzerDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
    }
  }
#else
  @main enum NeocloudFuzz {
    static func main() {
      print("neocloud-fuzz was built without -D FUZZING: run scripts/fuzz.sh [SECONDS].")
    }
  }
#endif
