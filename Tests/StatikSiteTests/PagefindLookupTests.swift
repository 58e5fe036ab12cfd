import Foundation
import StatikSite
import Testing

/// Pagefind is found where scripts/install-deps puts it (~/.cache/statik-tools/pagefind) or on
/// the PATH, with no variable set; without it, a build with `search: true` is a warning at the
/// `search:` line and a site with its A–Ö page but no index, and with --strict an error there.
/// Runs the `statik` executable with a home folder and a PATH of its own.
@Suite struct PagefindLookupTests {
    static func build(_ site: URL, output: URL, home: URL, strict: Bool, path: String = "/usr/bin:/bin") throws -> (status: Int32, err: String) {
        let process = Process()
        process.executableURL = OutputCrashTests.statik
        process.arguments = ["build", "--source", site.path, "--output", output.path, "--lang", "en"] + (strict ? ["--strict"] : [])
        var environment = ProcessInfo.processInfo.environment.filter { !["STATIK_PAGEFIND", "STATIK_TOOLS"].contains($0.key) }
        environment["HOME"] = home.path
        environment["PATH"] = path
        process.environment = environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, said)
    }

    @Test func withoutPagefindAWarningAtTheSearchLine() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("statik-pagefind-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let site = root.appendingPathComponent("site"), home = root.appendingPathComponent("home")
        _ = try Scaffold.site(at: site)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let settings = site.appendingPathComponent("statik.yml")
        let lines = try String(contentsOf: settings, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count
        try (try String(contentsOf: settings, encoding: .utf8) + "\nsearch: true\n").write(to: settings, atomically: true, encoding: .utf8)
        let line = lines + 1

        let normal = try Self.build(site, output: root.appendingPathComponent("out"), home: home, strict: false)
        #expect(normal.status == 0, "\(normal.err)")
        #expect(normal.err.contains("statik.yml:\(line):1: warning: search: true needs Pagefind"), "\(normal.err)")
        #expect(normal.err.contains("looked for at \(home.path)/.cache/statik-tools/pagefind and on the PATH"), "\(normal.err)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/sok/index.html").path), "the A–Ö page")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/pagefind").path))

        let strict = try Self.build(site, output: root.appendingPathComponent("strict"), home: home, strict: true)
        #expect(strict.status == 1)
        #expect(strict.err.contains("statik.yml:\(line):1: error: search: true needs Pagefind"), "\(strict.err)")

        // Where scripts/install-deps puts it (this machine's Pagefind, linked into the home
        // folder of the build): found with no variable set.
        guard let real = SearchIndexLookup.realPagefind else { return }
        let tools = home.appendingPathComponent(".cache/statik-tools")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: tools.appendingPathComponent("pagefind").path, withDestinationPath: real)
        let found = try Self.build(site, output: root.appendingPathComponent("found"), home: home, strict: true)
        #expect(found.status == 0, "\(found.err)")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("found/pagefind/pagefind.js").path))
    }
}

/// The Pagefind of this machine (scripts/install-deps), if there is one.
enum SearchIndexLookup {
    static var realPagefind: String? {
        let installed = (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + "/.cache/statik-tools/pagefind"
        if FileManager.default.isExecutableFile(atPath: installed) { return installed }
        if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("CI installs Pagefind (scripts/install-deps)") }
        return nil
    }
}
