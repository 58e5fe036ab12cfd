import Foundation
import StatikCore
import StatikInspect
@testable import StatikSite
import Testing

/// `statik release` and the release records (docs/releases.md): the record it writes, what it
/// refuses, a record that cannot be read, and the revisions found between records.
@Suite struct ReleaseTests {
    static func site() throws -> URL { try FixtureSite(name: "numbers").scratchCopy() }

    static func record(_ site: URL, _ date: String) throws -> ReleaseRecord {
        let data = try Data(contentsOf: site.appendingPathComponent("content/data/releases/\(date).json"))
        return try JSONDecoder().decode(ReleaseRecord.self, from: data)
    }

    @Test func writesTheFiguresAsPublished() async throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let report = await Release.run(source: site, date: "2022-05-09", force: false)
        #expect(report.exitStatus == 0, "\(report.errors) \(report.diagnostics)")
        let record = try Self.record(site, "2022-05-09")
        #expect(record.date == "2022-05-09")
        let table = try #require(record.pages["/"]?.tables["tabell-alla"])
        #expect(table.caption == "Alla tal")
        #expect(table.columns["antal"] == "antal")
        // As the reader saw them: grouped with a no-break space, the symbols as they are.
        #expect(table.rows["A"]?["antal"] == "1\u{00A0}234")
        #expect(table.rows["C"]?["andel"] == "..")
        #expect(table.rows["C"]?["antal"] == "x")
        // Sorted, pretty, and the same bytes for the same site.
        let first = try Data(contentsOf: site.appendingPathComponent("content/data/releases/2022-05-09.json"))
        #expect(String(decoding: first, as: UTF8.self).contains("\n  \"date\" : \"2022-05-09\",\n  \"pages\" : {"))
        #expect(await Release.run(source: site, date: "2022-05-09", force: true).exitStatus == 0)
        #expect(try Data(contentsOf: site.appendingPathComponent("content/data/releases/2022-05-09.json")) == first)
    }

    /// The summary's counts are written as the site writes figures: `1 990` (no-break space)
    /// in Swedish, `1,990` in English.
    @Test(arguments: [(Language.swedish, "sidor: 1, tabeller: 1, uppgifter: 1\u{00A0}990"), (Language.english, "pages: 1, tables: 1, figures: 1,990")])
    func theSummaryCountsAreWrittenAsFigures(_ language: Language, _ counts: String) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statik-release-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = (1...995).map { "\($0);\($0 * 3)" }.joined(separator: "\n")
        let files = [
            "statik.yml": "title: T\nbaseURL: /\nlanguage: \(language.rawValue)\n",
            "content/data/tal.csv": "nr;antal\n" + rows + "\n",
            "content/index.md": "---\ntitle: Start\n---\n\n```sql per_nr\nSELECT nr, antal FROM tal ORDER BY nr\n```\n\n```table per_nr\ncaption: Tal\nsource: Testdata\n```\n",
        ]
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let report = await Release.run(source: folder, date: "2022-05-09", force: false)
        #expect(report.exitStatus == 0, "\(report.errors) \(report.diagnostics)")
        let text = try #require(report.written).text(language)
        #expect(text.hasSuffix("(" + counts + ")"), "\(text)")
        #expect(Release.count(0) == .verbatim("0"))
    }

    @Test func refusesToOverwriteWithoutForce() async throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(await Release.run(source: site, date: "2022-05-09", force: false).exitStatus == 0)
        let again = await Release.run(source: site, date: "2022-05-09", force: false)
        #expect(again.exitStatus == 2)
        #expect(again.errors == [Message(.releaseExists, "content/data/releases/2022-05-09.json")])
    }

    @Test func refusesADateBeforeTheLatestRecord() async throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(await Release.run(source: site, date: "2022-05-09", force: false).exitStatus == 0)
        for force in [false, true] {
            let older = await Release.run(source: site, date: "2022-01-31", force: force)
            #expect(older.errors == [Message(.releaseNotAfter, "2022-01-31", "2022-05-09")])
        }
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("content/data/releases/2022-01-31.json").path))
        #expect(await Release.run(source: site, date: "2022-06-01", force: false).exitStatus == 0)
    }

    @Test(arguments: ["2022-13-01", "2022-02-30", "22-05-09", "2022-5-9", "idag", ""])
    func refusesADateThatIsNotADate(_ date: String) async throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let report = await Release.run(source: site, date: date, force: false)
        #expect(report.errors == [Message(.releaseDateNotADate, date)])
    }

    @Test func aRecordThatIsNotJSONIsAnErrorAtItsLineAndColumn() {
        let bad = Data("{\n  \"date\" : \"2022-05-09\",\n  \"pages\" : { x }\n}\n".utf8)
        guard case .failure(let problem) = ReleaseRecords.read(bad, name: "2022-05-09.json", path: "content/data/releases/2022-05-09.json") else {
            Issue.record("read as a record")
            return
        }
        #expect(problem.location.line == 3, "\(problem)")
        #expect(problem.location.column == 15, "\(problem)")
        #expect(problem.text.kind == .releaseNotJSON)
        guard case .failure(let named) = ReleaseRecords.read(Data("{}".utf8), name: "maj.json", path: "content/data/releases/maj.json") else {
            Issue.record("a name that is not a date was read")
            return
        }
        #expect(named.text == Message(.releaseNameNotADate, "maj"))
    }

    static func table(_ rows: [String: [String: String]]) -> [String: ReleaseRecord.Table] {
        ["t": ReleaseRecord.Table(caption: "Deltagare", columns: ["antal": "Antal"], rows: rows)]
    }

    static func records(_ tables: [String: ReleaseRecord.Table]...) -> [ReleaseRecord] {
        ["2022-05-09", "2023-05-09", "2024-05-09"].prefix(tables.count).enumerated().map { i, date in
            ReleaseRecord(date: date, pages: ["/p/": ReleaseRecord.Page(title: "P", tables: tables[i])])
        }
    }

    @Test func aRowAddedIsNotARevisionAndAFigureChangedIs() {
        let records = Self.records(Self.table(["2021": ["antal": "7\u{00A0}674"]]),
                                   Self.table(["2021": ["antal": "7\u{00A0}700"], "2022": ["antal": "8\u{00A0}001"]]))
        let revisions = Revision.of(page: "/p/", records: records, current: Self.table(["2021": ["antal": "7\u{00A0}700"], "2022": ["antal": "8\u{00A0}001"]]))
        #expect(revisions == [Revision(table: "Deltagare", row: "2021", column: "Antal", old: "7\u{00A0}674", new: "7\u{00A0}700", from: "2022-05-09", to: "2023-05-09")])
        // A page revised twice says so: the build's figure differs from the latest record too.
        let twice = Revision.of(page: "/p/", records: records, current: Self.table(["2021": ["antal": "7\u{00A0}710"]]))
        #expect(twice.map(\.new) == ["7\u{00A0}700", "7\u{00A0}710"])
        #expect(twice.last?.to == nil)
    }

    /// A chart's data table is a block of its own in the record (`ID-tabell`): a figure it
    /// shows under another caption than the table's is revised in both; the same line twice
    /// (the same caption, row and column) is told once.
    @Test func aFigureShownTwiceUnderOneCaptionIsRevisedOnce() {
        func page(_ figure: String, chart caption: String) -> [String: ReleaseRecord.Table] {
            ["t": ReleaseRecord.Table(caption: "Deltagare", columns: ["antal": "Antal"], rows: ["2021": ["antal": figure]]),
             "diagram-d-tabell": ReleaseRecord.Table(caption: caption, columns: ["antal": "Antal"], rows: ["2021": ["antal": figure]])]
        }
        let same = Revision.of(page: "/p/", records: Self.records(page("7", chart: "Deltagare")), current: page("8", chart: "Deltagare"))
        #expect(same == [Revision(table: "Deltagare", row: "2021", column: "Antal", old: "7", new: "8", from: "2022-05-09", to: nil)])
        let other = Revision.of(page: "/p/", records: Self.records(page("7", chart: "Deltagare per år")), current: page("8", chart: "Deltagare per år"))
        #expect(other.map(\.table) == ["Deltagare per år", "Deltagare"])
    }

    @Test func aRevisionNeverPrintsAWithheldFigure() {
        let records = Self.records(Self.table(["2021": ["antal": "4"], "2020": ["antal": "x"]]))
        let revisions = Revision.of(page: "/p/", records: records, current: Self.table(["2021": ["antal": "x"], "2020": ["antal": "x"]]))
        #expect(revisions.count == 1)
        #expect(revisions.allSatisfy { $0.old == "x" && $0.new == "x" && $0.nowWithheld })
        #expect(!revisions.contains { "\($0)".contains("\"4\"") })
    }

    /// A figure published once and withheld later is never published again: not in the note,
    /// not in the previous version, not in the feed.
    @Test func aFigureWithheldLaterIsNeverPrintedAgain() async throws {
        let site = try FixtureSite(name: "releases").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        func edit(_ date: String, _ change: (String) -> String) throws {
            let file = site.appendingPathComponent("content/data/releases/\(date).json")
            try change(String(contentsOf: file, encoding: .utf8)).write(to: file, atomically: true, encoding: .utf8)
        }
        // 2020, man: 4711 in the first release, withheld in the second.
        try edit("2022-01-31") { $0.replacingOccurrences(of: "\"man\" : \"90\"", with: "\"man\" : \"4711\"") }
        try edit("2022-05-09") { $0.replacingOccurrences(of: "\"man\" : \"90\"", with: "\"man\" : \"x\"") }
        let report = await Site.build(BuildOptions(source: site, strict: true, write: false))
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        let page = String(decoding: try #require(report.files.contents(of: "deltagare/index.html")), as: UTF8.self)
        #expect(page.contains("man: redovisas inte längre"))
        let version = String(decoding: try #require(report.files.contents(of: "deltagare/versioner/2022-01-31/index.html")), as: UTF8.self)
        #expect(version.contains("<th scope=\"row\">2020</th><td class=\"num\">100</td><td class=\"num statik-withheld\">x</td>"))
        for path in report.files.paths {
            let text = String(decoding: report.files.contents(of: path) ?? Data(), as: UTF8.self)
            #expect(!text.contains("4711"), "\(path) prints the withheld figure")
        }
    }

    /// An English page's note says "Revised figures", its figures and dates in English, and its
    /// previous version is in English too.
    @Test func anEnglishPageTellsItsRevisedFiguresInEnglish() async throws {
        let site = try FixtureSite(name: "releases").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let file = site.appendingPathComponent("content/deltagare.md")
        try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "title: Deltagare\n", with: "title: Deltagare\nlanguage: en\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let report = await Site.build(BuildOptions(source: site, strict: true, write: false))
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        let page = String(decoding: try #require(report.files.contents(of: "deltagare/index.html")), as: UTF8.self)
        #expect(page.contains("""
            <div class="statik-correction statik-revised" role="note" data-statik="revision">
            <p><strong>Revised figures:</strong></p>
            <ul>
            <li>Deltagare per år, 2020, kvinnor: 100 (<time datetime="2022-01-31">31 January 2022</time>) → 110 (<time datetime="2022-05-09">9 May 2022</time>)</li>
            </ul>
            </div>
            <p class="statik-versions">The page&#39;s tables as published:
            <a href="/statistik/deltagare/versioner/2022-01-31/"><time datetime="2022-01-31">31 January 2022</time></a>
            </p>
            """), "\(page)")
        #expect(!page.contains("Reviderade"))
        let version = String(decoding: try #require(report.files.contents(of: "deltagare/versioner/2022-01-31/index.html")), as: UTF8.self)
        #expect(version.contains("<p>The page&#39;s tables as published <time datetime=\"2022-01-31\">31 January 2022</time>. This version is superseded by the current page:"))
    }

    /// A previous version shows its own date (the record's, in its note) and none of the
    /// current page's: no "Publicerad", no "Uppdaterad" above it.
    @Test func aPreviousVersionShowsOnlyItsOwnDate() async throws {
        let site = try FixtureSite(name: "releases").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let report = await Site.build(BuildOptions(source: site, strict: true, write: false))
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        let version = String(decoding: try #require(report.files.contents(of: "deltagare/versioner/2022-01-31/index.html")), as: UTF8.self)
        #expect(!version.contains("statik-dates"))
        #expect(!version.contains("2022-05-09"), "the current page's date")
        #expect(version.contains("<p>Sidans tabeller som de publicerades <time datetime=\"2022-01-31\">31 januari 2022</time>."))
        // The current page keeps its dates.
        let page = String(decoding: try #require(report.files.contents(of: "deltagare/index.html")), as: UTF8.self)
        #expect(page.contains("<li>Uppdaterad <time datetime=\"2022-05-09\">9 maj 2022</time></li>"))
    }

    /// A table and a chart of one query under one caption: the record holds both (the chart's
    /// data table as `ID-tabell`, its columns by position), and a figure revised in both is one
    /// line of the note, as the reader would see the two.
    @Test func aTableAndAChartUnderOneCaptionTellARevisionOnce() async throws {
        let site = try FixtureSite(name: "releases").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let releases = site.appendingPathComponent("content/data/releases")
        try FileManager.default.removeItem(at: releases)
        let page = site.appendingPathComponent("content/deltagare.md")
        let chart = "\n```chart per_ar\ntype: bar\nx: {ar: ar}\ny: {kvinnor: kvinnor, man: man}\ntitle: Deltagare per år\nsource: Testdata\n```\n"
        try (String(contentsOf: page, encoding: .utf8) + chart).write(to: page, atomically: true, encoding: .utf8)
        #expect(await Release.run(source: site, date: "2022-01-31", force: false).exitStatus == 0)
        let record = try Self.record(site, "2022-01-31")
        let tables = try #require(record.pages["/deltagare/"]?.tables)
        #expect(tables.count == 2, "\(tables.keys.sorted())")
        #expect(Set(tables.values.map(\.caption)) == ["Deltagare per år"])
        let data = site.appendingPathComponent("content/data/deltagare.csv")
        try String(contentsOf: data, encoding: .utf8).replacingOccurrences(of: "2020;110;90", with: "2020;111;90").write(to: data, atomically: true, encoding: .utf8)
        let report = await Site.build(BuildOptions(source: site, strict: true, write: false))
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        let html = String(decoding: try #require(report.files.contents(of: "deltagare/index.html")), as: UTF8.self)
        let lines = html.components(separatedBy: "\n").filter { $0.hasPrefix("<li>") && $0.contains(", 2020, kvinnor: 110") }
        #expect(lines.count == 1, "\(lines)")
    }
}
