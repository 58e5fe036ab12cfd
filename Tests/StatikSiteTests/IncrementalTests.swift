import Foundation
import StatikSite
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender
import Testing

/// A rebuild after edits gives the same bytes as a full build, and renders only what the
/// edits touched.
@Suite struct IncrementalTests {
    final class Scratch {
        let site: URL
        init() throws { site = try FixtureSite(name: "pages").scratchCopy() }
        deinit { try? FileManager.default.removeItem(at: site) }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = site.appendingPathComponent(path)
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
    }

    static func expectSame(_ incremental: BuildReport, asFullBuildOf site: URL, sourceLocation: SourceLocation = #_sourceLocation) async {
        let full = await Site.build(BuildOptions(source: site, write: false))
        #expect(incremental.files.paths == full.files.paths, sourceLocation: sourceLocation)
        for path in full.files.paths {
            #expect(incremental.files.contents(of: path) == full.files.contents(of: path), "\(path) differs from a full build", sourceLocation: sourceLocation)
        }
        #expect(incremental.diagnostics == full.diagnostics, sourceLocation: sourceLocation)
    }

    /// A note on a data file (read as Windows-1252) is told when the file is read, not again on
    /// every rebuild of a preview (issue 29); read again, it is told again.
    @Test func aDataFileNoteIsToldWhenTheFileIsRead() async throws {
        let scratch = try Scratch()
        let latin1 = scratch.site.appendingPathComponent("content/data/latin1.csv")
        try Data("l\u{E4}n;antal\r\nV\u{E4}stra;1\r\n".unicodeScalars.map { UInt8($0.value) }).write(to: latin1)
        let session = SiteSession(options: BuildOptions(source: scratch.site, write: false))
        let notes = { (report: BuildReport) in report.diagnostics.filter { $0.severity == .note && $0.message.hasPrefix("the file is not UTF-8") } }
        #expect(notes(await session.build()).count == 1)
        try scratch.edit("content/index.md") { $0 + "\nMer text.\n" }
        #expect(notes(await session.rebuild(changed: ["content/index.md"])).isEmpty)
        try Data(try Data(contentsOf: latin1) + [0x0D, 0x0A] + "V\u{E4}stra;2\r\n".unicodeScalars.map { UInt8($0.value) }).write(to: latin1)
        #expect(notes(await session.rebuild(changed: ["content/data/latin1.csv"])).count == 1)
    }

    @Test func editsRebuildOnlyWhatTheyTouch() async throws {
        let scratch = try Scratch()
        let session = SiteSession(options: BuildOptions(source: scratch.site, write: false))
        let first = await session.build()
        #expect(first.succeeded)
        #expect(await session.renderedPages == 11)

        // Nothing changed: nothing is rendered.
        _ = await session.rebuild(changed: [])
        #expect(await session.renderedPages == 0)

        // The body of one plain page: that page only.
        try scratch.edit("content/index.md") { $0.replacingOccurrences(of: "Se [regionerna]", with: "Läs om [regionerna]") }
        var report = await session.rebuild(changed: ["content/index.md"])
        #expect(await session.renderedPages == 1)
        await Self.expectSame(report, asFullBuildOf: scratch.site)

        // The body of a file that stands for the region pages: those four pages.
        try scratch.edit("content/regioner/[region].md") { $0.replacingOccurrences(of: "Av {{ alla.n }} regioner.", with: "Av {{ alla.n }} regioner i data.") }
        report = await session.rebuild(changed: ["content/regioner/[region].md"])
        #expect(await session.renderedPages == 4)
        await Self.expectSame(report, asFullBuildOf: scratch.site)

        // A data file read only by the region pages' `bef` query: the region pages.
        try scratch.edit("content/data/befolkning.csv") { $0.replacingOccurrences(of: "SE21,2019,845000", with: "SE21,2019,845001") }
        report = await session.rebuild(changed: ["content/data/befolkning.csv"])
        #expect(await session.renderedPages == 4)
        await Self.expectSame(report, asFullBuildOf: scratch.site)

        // A title: the menu of every page shows it, so every page.
        try scratch.edit("content/regioner/index.md") { $0.replacingOccurrences(of: "title: Regioner", with: "title: Regionerna") }
        report = await session.rebuild(changed: ["content/regioner/index.md"])
        #expect(await session.renderedPages == 11)
        await Self.expectSame(report, asFullBuildOf: scratch.site)

        // A template: the pages whose layout uses it (all of them use base).
        try scratch.edit("themes/default/templates/base.mustache") { $0.replacingOccurrences(of: "<main>", with: "<main class=\"x\">") }
        report = await session.rebuild(changed: ["themes/default/templates/base.mustache"])
        #expect(await session.renderedPages == 11)
        await Self.expectSame(report, asFullBuildOf: scratch.site)

        // A new page and a broken one, then the fix.
        try "---\ntitle: Ny\n---\nNy sida {{ x.y }}.\n".write(to: scratch.site.appendingPathComponent("content/ny.md"), atomically: true, encoding: .utf8)
        report = await session.rebuild(changed: ["content/ny.md"])
        #expect(!report.succeeded)
        #expect(report.diagnostics.errors.map(\.description) == ["content/ny.md:4:9: error: there is no query 'x' on this page; define it with a ```sql x block"])
        await Self.expectSame(report, asFullBuildOf: scratch.site)
        try "---\ntitle: Ny\n---\nNy sida.\n".write(to: scratch.site.appendingPathComponent("content/ny.md"), atomically: true, encoding: .utf8)
        report = await session.rebuild(changed: ["content/ny.md"])
        #expect(report.succeeded)
        await Self.expectSame(report, asFullBuildOf: scratch.site)

        // A page removed.
        try FileManager.default.removeItem(at: scratch.site.appendingPathComponent("content/ny.md"))
        report = await session.rebuild(changed: ["content/ny.md"])
        await Self.expectSame(report, asFullBuildOf: scratch.site)
    }

    /// Files that are not pages or tables still count: an image added makes the warning about
    /// its missing file go, and a map's geometry changed draws the maps again.
    @Test func assetsAndGeometryAreInputsToo() async throws {
        let scratch = try Scratch()
        try scratch.edit("content/index.md") { $0 + "\n![Karta över regionerna](karta.png)\n" }
        let session = SiteSession(options: BuildOptions(source: scratch.site, write: false))
        var report = await session.build()
        #expect(report.diagnostics.contains { $0.message.contains("karta.png") })

        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: scratch.site.appendingPathComponent("content/karta.png"))
        report = await session.rebuild(changed: ["content/karta.png"])
        #expect(!report.diagnostics.contains { $0.message.contains("karta.png") })
        await Self.expectSame(report, asFullBuildOf: scratch.site)

        try Data("{}".utf8).write(to: scratch.site.appendingPathComponent("content/data/granser.geojson"))
        report = await session.rebuild(changed: ["content/data/granser.geojson"])
        #expect(await session.renderedPages == 11)
        await Self.expectSame(report, asFullBuildOf: scratch.site)
    }

    /// A preview keeps the disclosure plan's runs of pages (PlanRuns): after a value of one
    /// table with counts changed, only the page whose queries name that table is run again for
    /// the plan, and the site is the same as a full build's. A value that makes a new partner
    /// (a small count) is withheld as in a full build.
    @Test func aCSVSaveRunsOnlyThePagesThatReadItForThePlan() async throws {
        let site = try ThemeLayersTests.site([
            "statik.yml": "title: T\nbaseURL: /\n",
            "content/index.md": "---\ntitle: Start\n---\nStart.\n",
            "content/data/a.csv": "grupp,kvinnor,man\nx,40,52\ny,31,47\nz,60,12\n",
            "content/data/a.yml": "columns:\n  kvinnor: {count: true}\n  man: {count: true}\n",
            "content/data/b.csv": "grupp,antal\nx,40\ny,52\n",
            "content/data/b.yml": "columns:\n  antal: {count: true}\n",
            "content/a.md": "---\ntitle: A\n---\n```sql t\nSELECT grupp, kvinnor, man FROM a\n```\n\n```table t\ncaption: A\nsource: K\n```\n",
            "content/b.md": "---\ntitle: B\n---\n```sql t\nSELECT grupp, antal FROM b\n```\n\n```table t\ncaption: B\nsource: K\n```\n",
        ])
        defer { try? FileManager.default.removeItem(at: site) }
        let session = SiteSession(options: BuildOptions(source: site, write: false))
        var report = await session.build()
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        #expect(report.planRuns == (2, 0))
        let csv = site.appendingPathComponent("content/data/a.csv")
        // One value changed: page a is run again, page b's run is kept.
        try "grupp,kvinnor,man\nx,41,52\ny,31,47\nz,60,12\n".write(to: csv, atomically: true, encoding: .utf8)
        report = await session.rebuild(changed: ["content/data/a.csv"])
        #expect(report.planRuns == (1, 1))
        await Self.expectSame(report, asFullBuildOf: site)
        // A small count: withheld with its partners, as a full build does.
        try "grupp,kvinnor,man\nx,41,52\ny,3,47\nz,60,12\n".write(to: csv, atomically: true, encoding: .utf8)
        report = await session.rebuild(changed: ["content/data/a.csv"])
        #expect(report.planRuns.kept >= 1)
        await Self.expectSame(report, asFullBuildOf: site)
        let page = String(decoding: try #require(report.files.contents(of: "a/index.html")), as: UTF8.self)
        #expect(page.contains("statik-withheld"))
        // Nothing changed: the plan is kept whole, no page is run.
        report = await session.rebuild(changed: [])
        #expect(report.planRuns == (0, 0))
        // A run's warnings name lines of the file: a page whose body moved down (a line added to
        // its front matter) is run again, though its body is the same, and says the new line.
        let a = site.appendingPathComponent("content/a.md")
        try "---\ntitle: A\n---\n```sql t\nSELECT grupp, kvinnor, man FROM a\n```\n\n```table t\ncaption: A\nsource: K\nsuppress: false\nreason: Redan offentliga.\n```\n".write(to: a, atomically: true, encoding: .utf8)
        report = await session.rebuild(changed: ["content/a.md"])
        #expect(report.diagnostics.warnings.count == 1)
        try "---\ntitle: A\ndescription: Sidan A.\n---\n```sql t\nSELECT grupp, kvinnor, man FROM a\n```\n\n```table t\ncaption: A\nsource: K\nsuppress: false\nreason: Redan offentliga.\n```\n".write(to: a, atomically: true, encoding: .utf8)
        try "grupp,antal\nx,41\ny,52\n".write(to: site.appendingPathComponent("content/data/b.csv"), atomically: true, encoding: .utf8)
        report = await session.rebuild(changed: ["content/a.md", "content/data/b.csv"])
        await Self.expectSame(report, asFullBuildOf: site)
    }
}
