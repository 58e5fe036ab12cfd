import Foundation
import StatikCore
import StatikSite
import StatikContent
import StatikOutput
import StatikSources
@testable import StatikInspect
import StatikBlocks
import StatikRender
import Testing

/// `statik diff` on pairs of built sites. Fixtures/Diff/old and new: a cell changed, a row
/// added, rows reordered (no change), a withheld cell published (flagged), a figure in the
/// text changed with its sentence, a page moved to a new address, a page added.
/// Fixtures/Diff/month/old and new: a month's update of a small site, built with the default
/// theme at the start of November and of December — figures changed in a CSV (the same cells
/// on every region page), a figure repeated in a sentence, a text change, a correction notice,
/// a new date line, a page released with `publish_at` and one still scheduled, a news item in
/// a paginated list, its feeds, the calendar and its `.ics`; the reports recorded in
/// `expected.txt` and `expected.html` beside them.
@Suite struct SiteDiffTests {
    static func built(_ name: String, now: Int64? = nil, defaultTheme: Bool = false) async throws -> URL {
        let site = try FixtureSite(name: "Diff/\(name)").scratchCopy()
        if defaultTheme {
            // The theme the markers the diff reads are in: the default theme as it is.
            let themes = site.appendingPathComponent("themes")
            try FileManager.default.removeItem(at: themes)
            try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
            let repository = FixtureSite.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            try FileManager.default.copyItem(at: repository.appendingPathComponent("themes/default"), to: themes.appendingPathComponent("default"))
        }
        let out = site.appendingPathComponent("public")
        let report = await Site.build(BuildOptions(source: site, output: out.path, now: now))
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        return out
    }

    static func remove(_ sites: URL...) {
        for site in sites { try? FileManager.default.removeItem(at: site.deletingLastPathComponent()) }
    }

    @Test func reportsFigureByFigure() async throws {
        let old = try await Self.built("old"), new = try await Self.built("new")
        defer { Self.remove(old, new) }
        let diff = try SiteDiff.compare(old: old, new: new)
        #expect(!diff.isEmpty)
        #expect(diff.text(.swedish) == """
            Ändringar på webbplatsen

            Sidor före: 2, efter: 3. Nya: 1, borttagna: 0, flyttade: 1, med ändringar: 2.

            Nya sidor
              /fakta/ – Fakta

            Flyttade sidor
              /om/ → /fakta/om/ – Om statistiken

            Tabeller
              Tabellen ”Deltagare per region”
                Sidan / – Start
                  SE21 · kvinnor: 70 → 71
                  SE12 · kvinnor: x → 50 (!) skyddad (x) förut, visas nu: granska röjandekontrollen
                  SE12 · man: x → 60 (!) skyddad (x) förut, visas nu: granska röjandekontrollen
                  SE11 · kvinnor: x → 40 (!) skyddad (x) förut, visas nu: granska röjandekontrollen
                  SE11 · man: x → 3 (!) skyddad (x) förut, visas nu: granska röjandekontrollen
                  Ny rad: SE22

            Siffror i texten
              Sidan / – Start
                160 → 171: ”Totalt deltog 171 kvinnor.”

            Ändrad text
              Sidan / – Start
                ”Om statistiken” → ”Fakta”
              Sidan /fakta/om/ – Om statistiken
                ”Text om statistiken.” → ”Text om statistiken, nu längre.”

            """)
        #expect(diff.html(.swedish).contains(#"<span class="new">3</span> <span class="flag">(!) skyddad (x) förut, visas nu: granska röjandekontrollen</span>"#))
        // The same site twice: nothing differs.
        let same = try SiteDiff.compare(old: old, new: old)
        #expect(same.isEmpty)
        #expect(same.text(.swedish).hasSuffix("Inga skillnader.\n"))
        #expect(same.text(.english).hasSuffix("Nothing differs.\n"))
    }

    static let november: Int64 = 1_793_606_400  // 2026-11-02T09:00:00+01:00
    static let december: Int64 = 1_796_371_200  // 2026-12-04T09:00:00+01:00

    /// The month's update: every change a reader would see, each once, grouped.
    @Test func reportsAMonthsUpdate() async throws {
        let old = try await Self.built("month/old", now: Self.november, defaultTheme: true)
        let new = try await Self.built("month/new", now: Self.december, defaultTheme: true)
        defer { Self.remove(old, new) }
        let diff = try SiteDiff.compare(old: old, new: new)
        #expect(diff.language == .swedish)
        let text = diff.text(.swedish), html = diff.html(.swedish)
        try Self.expect(text, recordedIn: "expected.txt")
        try Self.expect(html, recordedIn: "expected.html")
        // What the diff missed before (issue 29): the notice, the date line, the calendar and
        // its file, the news item in its list and feeds, the text itself.
        #expect(text.contains("Tillkom: ”Rättelse 4 december 2026: Antalet kvinnor i Småland med öarna var fel i november; det är rättat.”"))
        #expect(text.contains("Nästa uppdatering 15 januari 2027"))
        #expect(text.contains("2 sidor och filer: /publiceringskalender/, /publiceringskalender/kalender.ics"))
        #expect(text.contains("4 sidor och filer: /, /aktuellt/, /aktuellt/feed.xml, /feed.xml"))
        #expect(text.contains("”Den omfattar alla regioner.” → ”Den omfattar alla regioner och alla programområden.”"))
        // The same cells on the three region pages: once, with the pages.
        #expect(text.contains("3 sidor: /regioner/ostra-mellansverige/, /regioner/smaland-med-oarna/, /regioner/stockholm/"))
        // A figure twice in a sentence: the sentence once, the change once.
        #expect(text.contains("160 → 161, 170 → 172: ”Totalt deltog 161 kvinnor och 172 män; av dem var 161 kvinnor.”"))
        // An entry pushed to the list's second page is no change.
        #expect(!text.contains("Statistiken för september"))
        // No English word in a Swedish report, and the other way round.
        #expect(!text.contains("Pages") && !text.contains("changed"))
        #expect(diff.text(.english).hasPrefix("Changes to the site\n\nPages before: "))
        for language in Language.allCases {
            let lines = diff.text(language).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(Self.blocks(diff.html(language)) == lines)
        }
    }

    /// `statik diff` reports in the site's language whatever the environment's, `--lang`
    /// chooses another; exit status 1 when something differs, 0 when nothing does.
    @Test func theCommandReportsInTheSitesLanguage() async throws {
        let old = try await Self.built("old"), new = try await Self.built("new")
        defer { Self.remove(old, new) }
        let diff = try SiteDiff.compare(old: old, new: new)
        let report = new.deletingLastPathComponent().appendingPathComponent("rapport.html")
        let swedish = try Self.statik(["diff", old.path, new.path, "--html", report.path])
        #expect(swedish.status == 1)
        #expect(swedish.out == diff.text(.swedish))
        #expect(try String(contentsOf: report, encoding: .utf8) == diff.html(.swedish))
        let english = try Self.statik(["diff", old.path, new.path, "--lang", "en"])
        #expect(english.status == 1)
        #expect(english.out == diff.text(.english))
        let same = try Self.statik(["diff", old.path, old.path])
        #expect(same.status == 0)
        #expect(same.out.hasSuffix("Inga skillnader.\n"))
    }

    /// The program, run with an English environment.
    static func statik(_ arguments: [String]) throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = OutputCrashTests.statik
        process.arguments = arguments
        process.environment = ["LANG": "en_US.UTF-8"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The text and the HTML report say the same things, line by line.
    @Test func theTextAndTheHTMLReportSayTheSame() async throws {
        let old = try await Self.built("old"), new = try await Self.built("new")
        defer { Self.remove(old, new) }
        let diff = try SiteDiff.compare(old: old, new: new)
        for language in Language.allCases {
            let lines = diff.text(language).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(Self.blocks(diff.html(language)) == lines)
            #expect(diff.html(language).contains("<html lang=\"\(language.rawValue)\">"))
        }
    }

    /// The text of the headings, paragraphs and list items of an HTML page, in order.
    static func blocks(_ html: String) -> [String] {
        var out: [String] = []
        var current: String?
        for token in HTMLTokenizer.tokens(html) {
            switch token {
            case .start(let tag) where ["h1", "h2", "h3", "h4", "p", "li"].contains(tag.name): current = ""
            case .end(let name) where ["h1", "h2", "h3", "h4", "p", "li"].contains(name):
                if let text = current { out.append(text) }
                current = nil
            case .text(let value): current? += value
            default: continue
            }
        }
        return out
    }

    /// A theme of one's own marks what its elements are with `data-statik-diff`.
    @Test func readsTheMarksOfAnyTheme() {
        func page(_ dates: String, _ notice: String, _ entry: String) -> String {
            """
            <html lang="en"><body><main><h1>Figures</h1>
            <div data-statik-diff="dates"><span>Updated <time datetime="2026-12-04">4 December 2026</time></span> <span>\(dates)</span></div>
            <aside data-statik-diff="notice">\(notice)</aside>
            <ol data-statik-diff="list"><li><a href="/news/a/">\(entry)</a> <time datetime="2026-12-01">1 December 2026</time></li></ol>
            </main></body></html>
            """
        }
        let old = SiteDiff.read(page("Next update: 15 January 2027", "", "Figures for November"))
        let new = SiteDiff.read(page("Next update: 15 February 2027", "Corrected on 4 December.", "Figures for November, corrected"))
        #expect(old.language == "en")
        let changes = SiteDiff.changes(old, new, lists: ([], []))
        #expect(changes.map(\.kind) == [.dates, .notice, .list])
        #expect(changes.map(\.detail) == [
            .changed(old: "Updated 4 December 2026 Next update: 15 January 2027", new: "Updated 4 December 2026 Next update: 15 February 2027"),
            .added("Corrected on 4 December."),
            .changed(old: "Figures for November 1 December 2026", new: "Figures for November, corrected 1 December 2026"),
        ])
    }

    /// Atom feeds and iCalendar files are read entry by entry.
    @Test func readsFeedsAndCalendars() {
        let feed = SiteDiff.readFeed("""
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Site</title>
              <entry><title>Ny &amp; viktig</title><link rel="alternate" href="https://x.se/a/"/><published>2026-12-04T00:00:00Z</published><summary>Kort.</summary></entry>
            </feed>
            """)
        #expect(feed?.entries.map(\.text) == ["Ny & viktig · 2026-12-04 · Kort."])
        #expect(SiteDiff.readFeed("<urlset><url><loc>https://x.se/</loc></url></urlset>") == nil)
        let ics = SiteDiff.readCalendar("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261210T070000Z\r\nSUMMARY:Års\r\n rapport\\, del 1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
        #expect(ics?.entries.map(\.text) == ["2026-12-10T07:00:00Z – Årsrapport, del 1"])
    }

    @Test func aFolderThatIsNotASiteIsAProblem() {
        #expect(throws: SiteDiff.Problem.self) { try SiteDiff.compare(old: URL(fileURLWithPath: "/finns/inte"), new: URL(fileURLWithPath: "/tmp")) }
    }

    /// Compares with a recorded report beside the month's fixture (`STATIK_RECORD=1` writes it).
    static func expect(_ actual: String, recordedIn name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let file = FixtureSite.root.appendingPathComponent("Diff/month/\(name)")
        if FixtureSite.recording {
            try Data(actual.utf8).write(to: file)
            return
        }
        let wanted = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == wanted, "Diff/month/\(name) differs (STATIK_RECORD=1 writes it anew)", sourceLocation: sourceLocation)
    }
}
