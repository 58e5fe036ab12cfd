import Foundation
@testable import StatikSite
@testable import StatikContent
@testable import StatikOutput
@testable import StatikSources
@testable import StatikInspect
@testable import StatikBlocks
@testable import StatikRender
import StatikData
import StatikCore
import StatikDownloads
import Testing

/// A build into the site it built before renders only what changed since (the output folder's
/// `.statik-cache`), and writes exactly what a build into an empty folder writes. Each build
/// here is a new session, as each `statik build` is a new process.
@Suite struct RenderCacheTests {
    final class Scratch {
        let site: URL
        let output: URL
        init(fixture: String = "pages") throws {
            site = try FixtureSite(name: fixture).scratchCopy()
            output = site.appendingPathComponent("public")
            if fixture == "pages" {
                // Each region page shows its population as a table, and the regions' count as
                // another: a CSV file beside each, and the page's workbook with both.
                try edit("content/regioner/[region].md") {
                    $0 + "\n```table bef\ncaption: Befolkning i {{ params.namn }}\nsource: SCB\n```\n\n```table alla\ncaption: Regioner\nsource: SCB\n```\n"
                }
            }
        }
        /// A site of these files (path → text), with the built-in theme.
        init(files: [String: String]) throws {
            site = try ThemeLayersTests.site(files)
            output = site.appendingPathComponent("public")
        }
        deinit { try? FileManager.default.removeItem(at: site) }

        func edit(_ path: String, _ change: (String) -> String) throws {
            let url = site.appendingPathComponent(path)
            try change(try String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }

        /// A build into `public/` by a new session: its report and how many pages it rendered.
        func build(now: Int64 = 1_795_000_000, tool: String? = nil) async -> (report: BuildReport, rendered: Int) {
            var options = BuildOptions(source: site, output: output.path, now: now)
            if let tool { options.toolIdentity = tool }
            let session = SiteSession(options: options)
            let report = await session.build()
            return (report, await session.renderedPages)
        }

        /// What `public/` holds, but the render cache: path → bytes.
        func written() -> [String: Data] { Self.files(in: output) }

        static func files(in folder: URL) -> [String: Data] {
            var files: [String: Data] = [:]
            let root = folder.standardizedFileURL.path
            guard let walker = FileManager.default.enumerator(atPath: root) else { return [:] }
            while let relative = walker.nextObject() as? String {
                var isFolder: ObjCBool = false
                let path = root + "/" + relative
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue,
                      relative != RenderCache.fileName
                else { continue }
                files[relative] = FileManager.default.contents(atPath: path)
            }
            return files
        }

        /// The output a build into an empty folder writes now.
        func fresh(now: Int64 = 1_795_000_000) async -> [String: Data] {
            // A folder of its own around it: builds lock the folder their output is in.
            let around = FileManager.default.temporaryDirectory.appendingPathComponent("statik-fresh-\(UUID().uuidString)")
            let folder = around.appendingPathComponent("public")
            defer { try? FileManager.default.removeItem(at: around) }
            let report = await Site.build(BuildOptions(source: site, output: folder.path, now: now))
            #expect(report.succeeded)
            return Self.files(in: folder)
        }
    }

    /// Pages of the fixture that report a warning (the region without data): never kept.
    static let warned = 1

    static func expectSameAsFresh(_ scratch: Scratch, now: Int64 = 1_795_000_000, sourceLocation: Testing.SourceLocation = #_sourceLocation) async {
        let fresh = await scratch.fresh(now: now)
        let written = scratch.written()
        #expect(written.keys.sorted() == fresh.keys.sorted(), sourceLocation: sourceLocation)
        for (path, bytes) in fresh where written[path] != bytes {
            Issue.record("\(path) differs from a build into an empty folder", sourceLocation: sourceLocation)
        }
    }

    /// A table's rows changed: a page whose queries still give what they gave is kept; one
    /// whose result changed is rendered again; so is every page that reads a table with counts
    /// (disclosure control reads the whole table), and every page when a description changed.
    @Test func aPageIsKeptWhileItsQueriesGiveTheSame() async throws {
        let page = { (name: String, table: String, group: String) in
            "---\ntitle: \(name)\n---\n```sql q\nSELECT grupp, antal FROM \(table) WHERE grupp = '\(group)'\n```\n\n```table q\ncaption: \(name)\nsource: K\n```\n"
        }
        let scratch = try Scratch(files: [
            "statik.yml": "title: T\nbaseURL: /\n",
            "content/index.md": "---\ntitle: Start\n---\nStart.\n",
            "content/data/t.csv": "grupp,antal\nx,40\ny,52\n",
            "content/data/t.yml": "title: Tabell t\n",
            "content/data/c.csv": "grupp,antal\nx,40\ny,52\n",
            "content/data/c.yml": "columns:\n  antal: {count: true}\n",
            "content/a.md": page("A", "t", "x"),
            "content/b.md": page("B", "t", "y"),
            "content/c.md": page("C", "c", "x"),
        ])
        var (report, rendered) = await scratch.build()
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        #expect(rendered == 4)
        // A row only page b shows: page b.
        try scratch.edit("content/data/t.csv") { $0.replacingOccurrences(of: "y,52", with: "y,53") }
        (report, rendered) = await scratch.build()
        #expect(rendered == 1)
        #expect(report.reusedPages == 3)
        #expect(String(decoding: scratch.written()["b/index.html"] ?? Data(), as: UTF8.self).contains(">53<"))
        await Self.expectSameAsFresh(scratch)
        // A row page c does not show, of a table with counts: page c all the same.
        try scratch.edit("content/data/c.csv") { $0.replacingOccurrences(of: "y,52", with: "y,3") }
        (report, rendered) = await scratch.build()
        #expect(rendered == 1)
        await Self.expectSameAsFresh(scratch)
        // A figure of the same value written as a decimal: the column's type is decimal now,
        // so both pages' results are (40.0, 53.0): pages a and b.
        try scratch.edit("content/data/t.csv") { $0.replacingOccurrences(of: "x,40", with: "x,40.0") }
        (report, rendered) = await scratch.build()
        #expect(rendered == 2)
        await Self.expectSameAsFresh(scratch)
        // A description (every page shares the data files' descriptions): every page.
        try scratch.edit("content/data/t.yml") { _ in "title: Tabellen t\n" }
        (report, rendered) = await scratch.build()
        #expect(rendered == 4)
        await Self.expectSameAsFresh(scratch)
    }

    @Test func aRebuildRendersOnlyWhatChanged() async throws {
        let scratch = try Scratch()
        var (report, rendered) = await scratch.build()
        #expect(report.succeeded)
        #expect(rendered == 11)
        #expect(report.reusedPages == 0)
        let queries = report.queries
        #expect(FileManager.default.fileExists(atPath: scratch.output.appendingPathComponent(RenderCache.fileName).path))

        // Nothing changed: nothing is rendered but the page with warnings (region SE99, which
        // has no data), and the report counts what the kept pages did last time.
        (report, rendered) = await scratch.build()
        #expect(report.succeeded)
        #expect(rendered == Self.warned)
        #expect(report.reusedPages == 11 - Self.warned)
        #expect(report.queries == queries)
        #expect(report.diagnostics.warnings.count == 4)
        #expect(Summary(report, sourceDirectory: scratch.site).line.contains("Built 11 pages (10 unchanged)"))
        await Self.expectSameAsFresh(scratch)

        // One page's text: that page.
        try scratch.edit("content/index.md") { $0.replacingOccurrences(of: "Se [regionerna]", with: "Läs om [regionerna]") }
        (report, rendered) = await scratch.build()
        #expect(rendered == 1 + Self.warned)
        await Self.expectSameAsFresh(scratch)

        // The file of the region pages: those four.
        try scratch.edit("content/regioner/[region].md") { $0.replacingOccurrences(of: "Av {{ alla.n }} regioner.", with: "Av {{ alla.n }} regioner i data.") }
        (report, rendered) = await scratch.build()
        #expect(rendered == 4)
        await Self.expectSameAsFresh(scratch)

        // A value in a CSV file only the region pages read: only the page whose query gives it
        // (SE21; the others' queries give what they gave: kept, with their files), and the
        // page with warnings. Its Excel file is made again.
        try scratch.edit("content/data/befolkning.csv") { $0.replacingOccurrences(of: "SE21,2019,845000", with: "SE21,2019,845001") }
        (report, rendered) = await scratch.build()
        #expect(rendered == 1 + Self.warned)
        #expect(report.madeWorkbooks > 0)
        await Self.expectSameAsFresh(scratch)

        // The region pages' text again: all four rendered, their Excel files (the same tables)
        // kept as they are.
        try scratch.edit("content/regioner/[region].md") { $0.replacingOccurrences(of: "regioner i data.", with: "regioner i datan.") }
        (report, rendered) = await scratch.build()
        #expect(rendered == 4)
        #expect(report.keptWorkbooks >= 3)
        await Self.expectSameAsFresh(scratch)

        // A title, which every page's menu shows: all of them.
        try scratch.edit("content/regioner/index.md") { $0.replacingOccurrences(of: "title: Regioner", with: "title: Regionerna") }
        (report, rendered) = await scratch.build()
        #expect(rendered == 11)
        await Self.expectSameAsFresh(scratch)

        // A template.
        try scratch.edit("themes/default/templates/base.mustache") { $0.replacingOccurrences(of: "<main>", with: "<main class=\"x\">") }
        (report, rendered) = await scratch.build()
        #expect(rendered == 11)
        await Self.expectSameAsFresh(scratch)

        // The settings.
        try scratch.edit("statik.yml") { $0 + "\nfooter: Ändrad sidfot\n" }
        (report, rendered) = await scratch.build()
        #expect(rendered == 11)
        await Self.expectSameAsFresh(scratch)

        // A page removed: its folder goes, the rest stays.
        try FileManager.default.removeItem(at: scratch.site.appendingPathComponent("content/index.md"))
        (report, rendered) = await scratch.build()
        await Self.expectSameAsFresh(scratch)
    }

    /// A site on the built-in theme (issue 34): an edit of an override, a new override of a
    /// built-in file, and another program (which carries the built-in theme) render the pages
    /// again; an edited CSS override is written again; nothing else is rendered.
    @Test func theThemesLayersAreInTheDigests() async throws {
        let scratch = try Scratch(fixture: "theme-override")
        var (report, rendered) = await scratch.build()
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        let all = rendered
        #expect(all >= 2)
        (_, rendered) = await scratch.build()
        #expect(rendered == 0)

        try scratch.edit("themes/egen/templates/partials/footer.mustache") { $0.replacingOccurrences(of: "Egen sidfot", with: "Ändrad sidfot") }
        (_, rendered) = await scratch.build()
        #expect(rendered == all)
        await Self.expectSameAsFresh(scratch)

        let breadcrumbs = String(decoding: Data(base64Encoded: DefaultTheme.files["templates/partials/breadcrumbs.mustache"]!)!, as: UTF8.self)
        try (breadcrumbs + "<!-- egna -->\n").write(to: scratch.site.appendingPathComponent("themes/egen/templates/partials/breadcrumbs.mustache"), atomically: true, encoding: .utf8)
        (_, rendered) = await scratch.build()
        #expect(rendered == all)
        await Self.expectSameAsFresh(scratch)

        try scratch.edit("themes/egen/static/css/variables.css") { $0.replacingOccurrences(of: "#6b2d8f", with: "#5d3a9b") }
        (_, rendered) = await scratch.build()
        #expect(rendered == 0)
        #expect(String(decoding: scratch.written()["css/variables.css"] ?? Data(), as: UTF8.self).contains("#5d3a9b"))
        await Self.expectSameAsFresh(scratch)

        (_, rendered) = await scratch.build(tool: "another statik")
        #expect(rendered == all)
    }

    /// A page file changed in the output folder by someone else is Statik's to put right: it is
    /// rendered and written again, not trusted because the cache says it is unchanged.
    /// The disclosure plan is kept with the cache while nothing it is made from changes; a new
    /// small count moves the partners, and every page that shows one is rendered again.
    @Test func theDisclosurePlanFollowsTheData() async throws {
        let scratch = try Scratch(fixture: "disclosure-lineage")
        var (report, _) = await scratch.build()
        #expect(report.succeeded)
        let cache = try #require(RenderCache(text: try String(contentsOf: scratch.output.appendingPathComponent(RenderCache.fileName), encoding: .utf8)))
        #expect(cache.disclosure?.partners.contains(BaseCell(table: "d", column: "kvinnor", row: 2)) == true)
        var rendered: Int
        (report, rendered) = await scratch.build()
        #expect(report.succeeded && rendered == 0)
        await Self.expectSameAsFresh(scratch)
        // Norr's women become 2: a small count, whose partners are other cells.
        try scratch.edit("content/data/d.csv") { $0.replacingOccurrences(of: "Norr,120,40", with: "Norr,2,40") }
        (report, rendered) = await scratch.build()
        #expect(report.succeeded && rendered > 0)
        await Self.expectSameAsFresh(scratch)
    }

    @Test func aFileChangedByHandIsRenderedAgain() async throws {
        let scratch = try Scratch()
        _ = await scratch.build()
        let page = scratch.output.appendingPathComponent("regioner/index.html")
        let before = try Data(contentsOf: page)
        try Data("ändrad för hand".utf8).write(to: page)
        let (report, rendered) = await scratch.build()
        #expect(report.succeeded)
        #expect(rendered == 1 + Self.warned)
        #expect(try Data(contentsOf: page) == before)
        await Self.expectSameAsFresh(scratch)
    }

    /// An Excel file changed or removed by hand is made again when its page is rendered, though
    /// the page's tables are the same.
    @Test func aWorkbookChangedByHandIsMadeAgain() async throws {
        let scratch = try Scratch()
        var (report, _) = await scratch.build()
        let all = scratch.written().keys.filter { $0.hasSuffix(".xlsx") }
        // The page of the region without data reports a warning: it is never kept, nor are its
        // workbooks (made on every build).
        let warned = all.filter { $0.hasPrefix("regioner/ond-") }.count
        let books = all.filter { $0.hasPrefix("regioner/ovre-norrland/") }.sorted()
        #expect(books == ["regioner/ovre-norrland/tabeller.xlsx"])
        #expect(report.madeWorkbooks == all.count && report.keptWorkbooks == 0)
        try Data("ändrad för hand".utf8).write(to: scratch.output.appendingPathComponent(books[0]))
        let other = try #require(all.sorted().first { !$0.hasPrefix("regioner/ovre-norrland/") && !$0.hasPrefix("regioner/ond-") })
        try FileManager.default.removeItem(at: scratch.output.appendingPathComponent(other))
        // Every page is rendered again (the settings changed); their tables did not.
        try scratch.edit("statik.yml") { $0 + "\nfooter: Ändrad sidfot\n" }
        (report, _) = await scratch.build()
        #expect(report.succeeded)
        #expect(report.madeWorkbooks == 2 + warned)
        #expect(report.keptWorkbooks == all.count - 2 - warned)
        await Self.expectSameAsFresh(scratch)
    }

    /// Another edition, or another build of Statik, makes every workbook again.
    /// The disclosure plan reads a page's queries, blocks, inline values and pipe tables with
    /// their lines, not its prose: a sentence changed keeps the plan (a preview save waited a
    /// second for every page's queries to run again); anything the plan reads makes it anew.
    @Test func theDisclosurePlanIgnoresProse() {
        func input(_ body: String) -> StableDigest {
            var hasher = StableHasher()
            DisclosureStage.planInput(of: body, into: &hasher)
            return hasher.finalize()
        }
        let page = "# Deltagare\n\nText om deltagarna.\n\n```sql d\nSELECT * FROM t\n```\n\n```table d\ncaption: D\n```\n\nI år {{ d.antal }} deltagare.\n\n- punkt\n\n  ```sql e\n  SELECT 1\n  ```\n"
        let base = input(page)
        #expect(input(page.replacingOccurrences(of: "Text om deltagarna.", with: "En annan mening.")) == base)
        #expect(input(page + "\nEn mening till.\n") == base)
        #expect(input(page.replacingOccurrences(of: "SELECT * FROM t", with: "SELECT a FROM t")) != base)
        #expect(input(page.replacingOccurrences(of: "caption: D", with: "caption: E")) != base)
        #expect(input(page.replacingOccurrences(of: "{{ d.antal }}", with: "{{ d.summa }}")) != base)
        #expect(input(page.replacingOccurrences(of: "  SELECT 1", with: "  SELECT 2")) != base, "a query in a list item")
        #expect(input(page.replacingOccurrences(of: "# Deltagare\n", with: "# Deltagare\n\nEn rad till.\n")) != base, "the queries' lines moved")
        #expect(input(page + "\n| a | b |\n|---|---|\n") != base, "a pipe table")
        // Read in UTF-8 bytes: marks after letters outside ASCII count, a brace alone does not.
        #expect(input(page.replacingOccurrences(of: "I år {{ d.antal }}", with: "Åäö{{ d.antal }}")) != base)
        #expect(input(page + "\nEn { mening } med klamrar, å ä ö.\n") == base)
        #expect(input(page.replacingOccurrences(of: "```table d", with: "~~~table d").replacingOccurrences(of: "caption: D\n```", with: "caption: D\n~~~")) != base, "a fence of tildes")
    }

    /// What another build of Statik rendered is not reused: every page is rendered again, and
    /// the output is what a fresh build writes.
    @Test func anotherBuildOfStatikRendersEveryPageAgain() async throws {
        let scratch = try Scratch()
        let first = await scratch.build(tool: "statik A")
        #expect(first.report.succeeded)
        #expect(await scratch.build(tool: "statik A").rendered == Self.warned)
        let other = await scratch.build(tool: "statik B")
        #expect(other.rendered == first.rendered)
        #expect(scratch.written() == (await scratch.fresh()))
    }

    @Test func workbooksAreKeptOnlyForTheSameEditionAndProgram() async throws {
        let scratch = try Scratch()
        _ = await scratch.build()
        let input = { (salt: String) -> StableDigest in
            var hasher = StableHasher()
            hasher.combine(salt)
            return KeptWorkbooks(previous: [:], output: nil, salt: hasher.finalize())
                .input(of: [DownloadTable(name: "t", caption: "T", columns: ["a"], rows: [[.integer(1)]], source: nil, notes: [])], created: 0)
        }
        #expect(input("public") != input("intranet"))
        let table = { (value: Double) in [DownloadTable(name: "t", caption: "T", columns: ["a"], rows: [[.number(value, decimals: 1)]], source: nil, notes: [])] }
        #expect(KeptWorkbooks.none.input(of: table(0.5), created: 0) != KeptWorkbooks.none.input(of: table(0.25), created: 0))
        #expect(KeptWorkbooks.none.input(of: table(0.5), created: 0) != KeptWorkbooks.none.input(of: table(0.5), created: 1))
        #expect(KeptWorkbooks.none.input(of: table(0.5), created: 0) == KeptWorkbooks.none.input(of: table(0.5), created: 0))
    }

    /// A cache that does not match the manifest (a build stopped after it wrote the cache and
    /// before it wrote the manifest, then rolled back): the pages it is wrong about are rendered.
    @Test func aCacheThatDisagreesWithTheManifestIsNotTrusted() async throws {
        let scratch = try Scratch()
        _ = await scratch.build()
        let url = scratch.output.appendingPathComponent(RenderCache.fileName)
        var cache = try #require(RenderCache(text: try String(contentsOf: url, encoding: .utf8)))
        let path = "regioner/"
        cache.records[path]!.files["regioner/index.html"]!.hash ^= 1
        try cache.text.write(to: url, atomically: true, encoding: .utf8)
        let (report, rendered) = await scratch.build()
        #expect(report.succeeded)
        #expect(rendered == 1 + Self.warned)
        await Self.expectSameAsFresh(scratch)
    }

    /// A damaged cache is ignored and replaced; a `.statik-cache` that is not Statik's is never
    /// replaced (and the build still succeeds, rendering everything).
    @Test func aDamagedOrForeignCache() async throws {
        let scratch = try Scratch()
        _ = await scratch.build()
        let url = scratch.output.appendingPathComponent(RenderCache.fileName)
        try "statik-cache 4\npage zz\n".write(to: url, atomically: true, encoding: .utf8)
        var (report, rendered) = await scratch.build()
        #expect(report.succeeded && rendered == 11)
        #expect(RenderCache(text: try String(contentsOf: url, encoding: .utf8)) != nil)

        try "mina anteckningar\n".write(to: url, atomically: true, encoding: .utf8)
        (report, rendered) = await scratch.build()
        #expect(report.succeeded && rendered == 11)
        #expect(try String(contentsOf: url, encoding: .utf8) == "mina anteckningar\n")
        await Self.expectSameAsFresh(scratch)
    }

    /// A `.statik-cache` that is a link (to a file of the user's) is neither read nor written
    /// through: the file it points to stays as it was.
    @Test func aLinkNamedLikeTheCacheIsLeftAlone() async throws {
        let scratch = try Scratch()
        _ = await scratch.build()
        let url = scratch.output.appendingPathComponent(RenderCache.fileName)
        let theirs = scratch.site.appendingPathComponent("anteckningar.txt")
        try "mina anteckningar\n".write(to: theirs, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: url)
        try FileManager.default.createSymbolicLink(at: url, withDestinationURL: theirs)
        try scratch.edit("content/index.md") { $0 + "\nEn rad till.\n" }
        let (report, rendered) = await scratch.build()
        #expect(report.succeeded)
        #expect(rendered == 11)
        #expect(try String(contentsOf: theirs, encoding: .utf8) == "mina anteckningar\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: url.path) == theirs.path)
    }

    /// A cache an earlier version of Statik left is replaced: before, it was taken for
    /// somebody else's file and left as it was, and no build after an upgrade kept a page.
    @Test func anEarlierStatiksCacheIsReplaced() async throws {
        let scratch = try Scratch()
        _ = await scratch.build()
        let url = scratch.output.appendingPathComponent(RenderCache.fileName)
        try "statik-cache 3\npage e9b9e09549bc10e7e39c361334f8ddad 6 0 \n".write(to: url, atomically: true, encoding: .utf8)
        var (report, rendered) = await scratch.build()
        #expect(report.succeeded)
        #expect(rendered == 11)
        #expect(try String(contentsOf: url, encoding: .utf8).hasPrefix(RenderCache.header + "\n"))
        (report, rendered) = await scratch.build()
        #expect(rendered == Self.warned)
        // Not a cache: left alone.
        try "statik-cache of my own\n".write(to: url, atomically: true, encoding: .utf8)
        _ = await scratch.build()
        #expect(try String(contentsOf: url, encoding: .utf8) == "statik-cache of my own\n")
        #expect(!RenderCache.isCache(Data("statik-cache \n".utf8)) && RenderCache.isCache(Data("statik-cache 12\nx".utf8)))
    }

    /// A page with a warning is not kept: every build reports it.
    @Test func warningsAreReportedByEveryBuild() async throws {
        let scratch = try Scratch()
        try scratch.edit("content/index.md") { $0 + "\n![Karta](saknas.png)\n" }
        var (report, rendered) = await scratch.build()
        #expect(report.diagnostics.contains { $0.message.contains("saknas.png") })
        (report, rendered) = await scratch.build()
        #expect(rendered == 1 + Self.warned)
        #expect(report.diagnostics.contains { $0.message.contains("saknas.png") })
    }

    /// What a page shows of "now" (a next update still to come) is an input: a build after
    /// that date renders the page again.
    @Test func theBuildTimeIsAnInputWhereAPageShowsIt() async throws {
        let scratch = try Scratch()
        try scratch.edit("content/index.md") { $0.replacingOccurrences(of: "---\n", with: "---\nnext_update: 2027-03-01\n", options: [], range: $0.range(of: "---\n")) }
        let before: Int64 = 1_795_000_000  // 2026-11-18
        let after: Int64 = 1_805_000_000   // 2027-03-14
        var (report, rendered) = await scratch.build(now: before)
        #expect(report.succeeded)
        (report, rendered) = await scratch.build(now: before + 60)
        #expect(rendered == Self.warned)
        (report, rendered) = await scratch.build(now: after)
        #expect(rendered >= 1)
        await Self.expectSameAsFresh(scratch, now: after)
    }

    /// The cache file's text reads back as itself.
    @Test func theCacheFileRoundTrips() throws {
        var cache = RenderCache()
        cache.records[""] = .init(digest: .init(high: 1, low: 2), queries: 3, checks: 1, tablesRead: ["a b", "c\\d"], files: ["index.html": .init(size: 10, hash: 0xFF)])
        cache.search = (.init(high: 5, low: 6), ["pagefind/a b.js": .init(size: 3, hash: 4)])
        cache.disclosure = (.init(high: 9, low: 10), [BaseCell(table: "d", column: "kvinnor", row: 2), BaseCell(table: "d\\x", column: "m\tn", row: 1)], [BaseCell(table: "d", column: "man", row: 3)])
        cache.records["x y/\nz/"] = .init(digest: .init(high: .max, low: 0), queries: 0, checks: 0, tablesRead: [], files: ["x y/\nz/index.html": .init(size: 0, hash: 0), "x y/\nz/t.csv": .init(size: 1, hash: 2), "x y/\nz/t.xlsx": .init(size: 5, hash: 6)],
                                          workbooks: ["x y/\nz/t.xlsx": .init(high: 7, low: 8)])
        #expect(RenderCache(text: cache.text) == cache)
        #expect(cache.text.contains("workbook 00000000000000070000000000000008 x y/"))
        // Another version's cache, and a workbook line that is not one.
        #expect(RenderCache(text: "statik-cache 1\n") == nil)
        #expect(RenderCache(text: "statik-cache 2\n") == nil)
        #expect(RenderCache(text: "statik-cache 4\n") == RenderCache())
        #expect(RenderCache(text: "statik-cache 4\npage 0000000000000001000000000000000f 0 0 a/\nworkbook zz a/t.xlsx\n") == nil)
        #expect(RenderCache(text: "statik-cache 4\nworkbook 0000000000000001000000000000000f a/t.xlsx\n") == nil)
        #expect(RenderCache(text: cache.text + "file 0000000000000000 1 ../etc/passwd\n") == nil)
        #expect(RenderCache(text: "statik-cache 4\npartner d kvinnor 2\n") == nil, "a partner outside the plan")
        #expect(RenderCache(text: "statik-cache 4\nintranet-partner d kvinnor 2\n") == nil, "a partner outside the plan")
        #expect(cache.text.contains("\nintranet-partner d man 3\n"))
        #expect(RenderCache(text: "statik-cache 4\ndisclosure 0000000000000001000000000000000f\npartner d kvinnor zwei\n") == nil)
        // Hashes are exactly 16 hexadecimal digits: a sign or a short one is not Statik's.
        #expect(RenderCache(text: "statik-cache 4\npage 0000000000000001000000000000000f 0 0 a/\nfile +000000000000001 1 a/index.html\n") == nil)
        #expect(RenderCache(text: "statik-cache 4\npage +000000000000001000000000000000f 0 0 a/\n") == nil)
        #expect(OutputManifest(text: "statik-manifest 1\n+000000000000001 1 index.html\n") == nil)
    }
}

/// The search index is made again only when a page's bytes changed (Pagefind takes seconds).
@Suite struct SearchIndexReuseTests {
    @Test func theIndexIsKeptWhileThePagesAreTheSame() async throws {
        guard SearchIndex.pagefind() != nil else {
            // CI installs Pagefind: there, this test must run.
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "Pagefind is needed for this test (scripts/install-deps installs it)")
            return
        }
        let scratch = try RenderCacheTests.Scratch()
        try scratch.edit("statik.yml") { $0 + "\nsearch: true\n" }
        var (report, _) = await scratch.build()
        #expect(report.succeeded, "\(report.diagnostics)")
        let url = scratch.output.appendingPathComponent(RenderCache.fileName)
        let first = try #require(RenderCache(text: try String(contentsOf: url, encoding: .utf8)))
        let index = try #require(first.search)
        #expect(index.files.keys.contains { $0.hasPrefix("pagefind/") })

        (report, _) = await scratch.build()
        #expect(report.succeeded)
        let second = try #require(RenderCache(text: try String(contentsOf: url, encoding: .utf8)))
        #expect(second.search?.digest == index.digest)
        await RenderCacheTests.expectSameAsFresh(scratch)

        try scratch.edit("content/index.md") { $0.replacingOccurrences(of: "Se [regionerna]", with: "Läs om socialfonden och [regionerna]") }
        (report, _) = await scratch.build()
        #expect(report.succeeded)
        let third = try #require(RenderCache(text: try String(contentsOf: url, encoding: .utf8)))
        #expect(third.search?.digest != index.digest)
        await RenderCacheTests.expectSameAsFresh(scratch)
    }
}
