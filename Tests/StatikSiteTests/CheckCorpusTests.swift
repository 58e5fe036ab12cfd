import Foundation
import StatikCore
import StatikSite
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender
import Testing

/// The bad-input corpus (`Fixtures/Invalid/`, each case's exact messages are compared by
/// `InvalidSiteTests`): big enough, and no case writes outside the output folder, hangs or
/// crashes, even when the build is allowed to write.
@Suite struct BadInputCorpusTests {
    @Test func thereAreAtLeastFortyCases() {
        #expect(InvalidSiteTests.fixtures.count >= 40)
    }

    /// A message says what is wrong in the writer's words: no library's jargon reaches them.
    @Test func noLibraryJargonInAnyMessage() throws {
        let jargon = ["NSCocoaErrorDomain", "Error Domain", "NSError", "yaml_", "libyaml", "sqlite3_", "Optional(", "Swift.",
                      "cmark", "errno", "Fatal error", "SIGILL", "SIGSEGV", "nil)", "GRDB", "DatabaseError", "Foundation."]
        for name in InvalidSiteTests.fixtures {
            let expected = try String(contentsOf: FixtureSite(name: name).folder.appendingPathComponent("expected.txt"), encoding: .utf8)
            for word in jargon {
                #expect(!expected.contains(word), "\(name)/expected.txt says '\(word)'")
            }
        }
    }

    /// Built for real (written to disk, not strict, so that a case that only warns is written):
    /// afterwards the site folder holds exactly what it held before, plus the output folder.
    @Test(.timeLimit(.minutes(2)), arguments: InvalidSiteTests.fixtures)
    func writesNothingOutsideTheOutputFolder(fixture name: String) async throws {
        let site = try FixtureSite(name: name).scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let before = Self.listing(site)
        let cwdBefore = Set((try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.currentDirectoryPath)) ?? [])
        let report = await Site.build(BuildOptions(source: site))
        var after = Self.listing(site)
        if report.succeeded {
            #expect(after.contains("public/"))
            after = after.filter { !$0.hasPrefix("public/") }
        }
        #expect(after == before, "the build of \(name) changed files outside public/")
        let cwdAfter = Set((try? FileManager.default.contentsOfDirectory(atPath: FileManager.default.currentDirectoryPath)) ?? [])
        #expect(cwdAfter.subtracting(cwdBefore).filter { $0.hasPrefix("statik-attack") }.isEmpty)
    }

    /// A 50 MB CSV (made here, not committed): loaded and queried in reasonable time, a
    /// mistake in a query over it reported as for any table.
    @Test(.timeLimit(.minutes(10))) func aFiftyMegabyteCSV() async throws {
        let fixture = FixtureSite(name: "Check/generated-csv-50mb")
        let site = try fixture.scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        var csv = "kommun,ar,kon,antal,andel\n"
        csv.reserveCapacity(52_500_000)
        var rows = 0
        while csv.utf8.count < 50_000_000 {
            rows += 1
            csv += "Kommun \(rows % 290),\(2015 + rows % 6),\(rows % 2 == 0 ? "kvinnor" : "män"),\(rows % 9973),\(Double(rows % 1000) / 10)\n"
        }
        // git keeps no empty folder: make content/data/ here.
        try FileManager.default.createDirectory(at: site.appendingPathComponent("content/data"), withIntermediateDirectories: true)
        try csv.write(to: site.appendingPathComponent("content/data/stor.csv"), atomically: false, encoding: .utf8)
        let clock = ContinuousClock()
        let start = clock.now
        let report = await Site.build(BuildOptions(source: site, strict: true, write: false))
        let elapsed = clock.now - start
        try fixture.expectDiagnostics(report)
        let page = report.files.contents(of: "index.html").map { String(decoding: $0, as: UTF8.self) } ?? ""
        let grouped = String(rows).reversed().enumerated().map { $0.offset > 0 && $0.offset % 3 == 0 ? "\u{00A0}\($0.element)" : "\($0.element)" }.joined()
        #expect(page.contains(">" + String(grouped.reversed()) + "</data> rader"), "the page counts every row")
        print("50 MB CSV: \(rows) rows built in \(elapsed)")
    }

    private static func listing(_ folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        for case let relative as String in enumerator {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder.appendingPathComponent(relative).path, isDirectory: &isDirectory)
            paths.append(relative + (exists && isDirectory.boolValue ? "/" : ""))
        }
        return paths.sorted()
    }
}
