import Foundation
import StatikSite
import Testing

/// The `statik` executable as CI and users run it: exit statuses and what it prints.
@Suite struct CommandLineTests {
    static func run(_ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = OutputCrashTests.statik
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    @Test func versionNamesTheLibraries() throws {
        let result = try Self.run(["--version"])
        #expect(result.status == 0)
        #expect(result.out.hasPrefix("statik \(StatikVersion.number) (cmark-gfm 0."))
        #expect(result.out.contains(", SQLite 3."))
    }

    /// A refused output folder is exit status 2 with `statik: error:`; a failed build 1.
    @Test func exitStatuses() throws {
        let (base, site) = try OutputSafetyTests.scratch()
        defer { try? FileManager.default.removeItem(at: base) }
        let empty = try Self.run(["build", "--source", site.path, "--output", ""])
        #expect(empty.status == 2)
        #expect(empty.err.hasPrefix("statik: error: --output is empty"))
        #expect(empty.out.hasPrefix("Build refused, 1 error: nothing was written"))
        let itself = try Self.run(["build", "--output", "."], in: site)
        #expect(itself.status == 2)
        #expect(itself.err.contains("--output .: that is the site folder itself"))
        let built = try Self.run(["build", "--source", site.path, "--now", "2026-12-01T08:00:00+01:00"])
        #expect(built.status == 0, "\(built.err)")
        let badNow = try Self.run(["build", "--source", site.path, "--now", "i morgon"])
        #expect(badNow.status != 0)
        #expect(badNow.err.contains("--now i morgon: write an instant with its offset"))
        try Data("---\ntitle: Trasig\n---\n\n```sql q\nSELECT x FROM finns_inte\n```\n".utf8).write(to: site.appendingPathComponent("content/trasig.md"))
        let failed = try Self.run(["build", "--source", site.path])
        #expect(failed.status == 1)
    }
}
