import Foundation
import StatikCore
import StatikSite
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender
import Synchronization
import Testing

/// The same bytes every time (issue 26): a site whose pages each have their own date, Excel
/// files, strikethrough and bare links, built many times at once with different numbers of
/// jobs while the machine is busy, gives the same bytes in every file every time, workbooks
/// included. Two things pages rendered in parallel shared were found this way: the buffer of
/// `gmtime(3)` through which libxlsxwriter dated a workbook (Sources/CThreadTime/gmtime.c; Statik
/// now writes workbooks itself, with `gmtime_r`), and cmark-gfm's table of special characters
/// (MarkdownDocument.inlineParsing).
@Suite struct StableBuildTests {
    /// 36 pages, each dated a different day (its workbooks' creation date), each with two
    /// tables (one workbook with both) and Markdown that uses the extensions.
    static func makeSite() throws -> URL {
        let fm = FileManager.default
        let site = fm.temporaryDirectory.appendingPathComponent("statik-stable-\(UUID().uuidString)")
        try fm.createDirectory(at: site.appendingPathComponent("content/data"), withIntermediateDirectories: true)
        try fm.createDirectory(at: site.appendingPathComponent("content/sidor"), withIntermediateDirectories: true)
        try fm.copyItem(at: FixtureSite.root.appendingPathComponent("theme"), to: site.appendingPathComponent("themes/default"))
        func write(_ path: String, _ text: String) throws {
            try text.write(to: site.appendingPathComponent(path), atomically: false, encoding: .utf8)
        }
        try write("statik.yml", "title: Stabil\nbaseURL: https://example.se/\n")
        try write("content/index.md", "---\ntitle: Start\n---\nSidorna.\n")
        try write("content/data/andelar.csv", "ar,andel,snitt\n" + (2010...2024).map { "\($0),\(40 + $0 % 7).5,\($0 % 5).25" }.joined(separator: "\n") + "\n")
        try write("content/sidor/index.md", "---\ntitle: Sidor\n---\nAlla sidor.\n")
        for n in 1...36 {
            let date = String(format: "%04d-%02d-%02d", 1990 + n, n % 12 + 1, n % 28 + 1)
            try write("content/sidor/sida-\(n).md", """
            ---
            title: Sida \(n)
            date: \(date)
            ---
            \(String(repeating: "Text ~~struken~~ med en länk https://www.scb.se/\(n)/ och www.scb.se, *betonad* text.\n", count: 30))

            ```sql per_ar
            SELECT ar, andel FROM andelar WHERE ar >= \(2010 + n % 10) ORDER BY ar
            ```

            ```sql snitt_per_ar
            SELECT ar, snitt FROM andelar WHERE ar < \(2014 + n % 10) ORDER BY ar
            ```

            ```table per_ar
            caption: Tabell \(n). Andel
            source: SCB
            ```

            ```table snitt_per_ar
            caption: Tabell \(n)b. Snitt
            source: SCB
            ```

            """)
        }
        return site
    }

    @Test func manyBuildsAtOnceGiveTheSameBytes() async throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let reference = await Site.build(BuildOptions(source: site, write: false, jobs: 1))
        let succeeded = reference.succeeded
        #expect(succeeded, "\(FixtureSite.lines(reference.diagnostics))")
        let workbooks = reference.files.paths.filter { $0.hasSuffix(".xlsx") }
        #expect(workbooks.count == 36)
        #expect(Set(workbooks.compactMap { reference.files.contents(of: $0) }).count == workbooks.count, "every workbook differs (its date, its table)")

        // The machine busy besides: a thread that only spins.
        let stop = StopFlag()
        let load = Thread {
            var x = 0.0
            while !stop.raised.load(ordering: .relaxed) { x = (x + 1).squareRoot() }
        }
        load.start()
        defer { stop.raised.store(true, ordering: .relaxed) }

        var found: [String] = []
        for round in 0..<4 {
            found += await withTaskGroup(of: [String].self) { group in
                for jobs in [1, 2, 3, 8] {
                    group.addTask {
                        let build = await Site.build(BuildOptions(source: site, write: false, jobs: jobs))
                        var found: [String] = []
                        if build.files.paths != reference.files.paths { found.append("round \(round), --jobs \(jobs): other files") }
                        for path in reference.files.paths where build.files.contents(of: path) != reference.files.contents(of: path) {
                            found.append("round \(round), --jobs \(jobs): \(path)")
                        }
                        if build.diagnostics != reference.diagnostics { found.append("round \(round), --jobs \(jobs): other diagnostics") }
                        return found
                    }
                }
                return await group.reduce(into: []) { $0 += $1 }
            }
        }
        #expect(found.isEmpty, "\(found.count) files differ from a build alone: \(found.prefix(10).joined(separator: "; "))")
    }
}

private final class StopFlag: Sendable {
    let raised = Atomic<Bool>(false)
}
