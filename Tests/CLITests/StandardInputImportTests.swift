import Foundation
import Testing

/// `neocloud import -` reads standard input: a redirected file or a pipe (the real binary, since
/// standard input is the process's own).
@Suite struct StandardInputImportTests {
  private func runImport(_ box: Sandbox, input: Any) throws -> (code: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try neocloudBinary())
    process.arguments = ["--db", box.db, "import", "-"]
    process.currentDirectoryURL = URL(fileURLWithPath: box.directory)
    let errors = box.path("import-\(UUID().uuidString).err")
    _ = FileManager.default.createFile(atPath: errors, contents: nil)
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = input
    try process.run()
    process.waitUntilExit()
    return (process.terminationStatus, (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "")
  }

  @Test func aRedirectedFile() throws {
    let box = try Sandbox()
    #expect(box.run(["init"]).code == 0)
    let file = try #require(FileHandle(forReadingAtPath: repositoryRoot + "/Samples/rubric.csv"))
    let result = try runImport(box, input: file)
    #expect(result.code == 0, "\(result.stderr)")
    #expect(result.stderr.contains("imported 42 rubric criteria"))
  }

  @Test func aPipeAndItsErrorsNamedStdin() throws {
    let box = try Sandbox()
    #expect(box.run(["init"]).code == 0)
    let pipe = Pipe()
    let text = """
      provider_id,name,segment,country,cash_usd,fixed_opex_usd_per_month,as_of
      ok,Okay,neocloud,US,1,1,2026-01-01
      bad,Bad,cloudy,US,1,1,2026-01-01

      """
    pipe.fileHandleForWriting.write(Data(text.utf8))
    try pipe.fileHandleForWriting.close()
    let result = try runImport(box, input: pipe)
    #expect(result.code == 65)
    #expect(result.stderr.contains("stdin:3:segment: 'cloudy' is not one of"))

    let good = Pipe()
    good.fileHandleForWriting.write(Data(text.replacingOccurrences(of: "cloudy", with: "other").utf8))
    try good.fileHandleForWriting.close()
    let imported = try runImport(box, input: good)
    #expect(imported.code == 0, "\(imported.stderr)")
    #expect(imported.stderr.contains("imported 2 providers (2 inserted)"))
  }
}
