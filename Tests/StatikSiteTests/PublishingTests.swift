import Foundation
import StatikCore
@testable import StatikSite
@testable import StatikContent
@testable import StatikFormat
@testable import StatikOutput
@testable import StatikSources
@testable import StatikInspect
@testable import StatikBlocks
@testable import StatikRender
import Testing

/// Dates, dated lists, feeds, the release calendar, drafts, scheduled release and corrections
/// (fixture `dated`, built with the default theme at a fixed "now").
@Suite struct PublishingTests {
    /// 2026-11-24T12:00:00Z: before the scheduled page's 2026-12-01T08:00:00+01:00.
    static let before: Int64 = 1_795_521_600
    /// 2026-12-01T07:00:00Z, the scheduled page's instant.
    static let release: Int64 = 1_796_108_400
    /// 2026-12-24T00:00:00Z: the day `aktuellt/jul.md` is dated, still to come at `before`.
    static let christmas: Int64 = 1_798_070_400

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fixture in a scratch folder with the repository's default theme.
    static func site() throws -> URL {
        let site = try FixtureSite(name: "dated").scratchCopy()
        let themes = site.appendingPathComponent("themes")
        try FileManager.default.removeItem(at: themes)
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repository.appendingPathComponent("themes/default"), to: themes.appendingPathComponent("default"))
        return site
    }

    static func build(now: Int64, drafts: Bool = false, edit: ((URL) throws -> Void)? = nil) async throws -> BuildReport {
        let site = try site()
        defer { try? FileManager.default.removeItem(at: site) }
        try edit?(site)
        return await Site.build(BuildOptions(source: site, write: false, drafts: drafts, now: now))
    }

    static func text(_ report: BuildReport, _ path: String) -> String {
        report.files.contents(of: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// `search_filters:` (issue 30): what the site's search can be narrowed by, each value filled
    /// from the page's parameters, given to Pagefind as metadata in the page's main content
    /// (escaped as every value is: Pagefind's metadata index is reproducible, its filter index
    /// is not), and offered on the search page with every value the pages give.
    @Test func searchFiltersReachThePageAndTheSearchPage() async throws {
        let report = try await Self.build(now: Self.before) { site in
            let page = site.appendingPathComponent("content/statistik.md")
            let text = try String(contentsOf: page, encoding: .utf8)
            try text.replacingOccurrences(of: "title: Statistiksida\n", with: "title: Statistiksida\nsearch_filters:\n  Region: Övre Norrland\n  Programområde: \"PO 1 <&> 2\"\n")
                .write(to: page, atomically: true, encoding: .utf8)
            let config = site.appendingPathComponent("statik.yml")
            try (try String(contentsOf: config, encoding: .utf8) + "search: true\n").write(to: config, atomically: true, encoding: .utf8)
        }
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        let html = Self.text(report, "statistik/index.html")
        #expect(html.contains("<span hidden data-pagefind-meta=\"filter_Programområde[data-value]\" data-value=\"PO 1 &lt;&amp;&gt; 2\"></span>\n<span hidden data-pagefind-meta=\"filter_Region[data-value]\" data-value=\"Övre Norrland\"></span>"), "\(html)")
        #expect(!Self.text(report, "index.html").contains("data-pagefind-meta=\"filter_"))
        let search = Self.text(report, "sok/index.html")
        #expect(search.contains("<select id=\"statik-sok-filter-1\" name=\"Region\" data-filter=\"Region\">\n<option value=\"\">Alla</option>\n<option>Övre Norrland</option>\n</select>"), "\(search)")
    }

    @Test func goldenOutput() async throws {
        let report = try await Self.build(now: Self.before)
        #expect(report.diagnostics.isEmpty, "\(FixtureSite.lines(report.diagnostics))")
        try FixtureSite(name: "dated").expectOutput(report)
        #expect(report.scheduled.map(\.file) == ["content/aktuellt/senare.md", "content/aktuellt/jul.md"])
        #expect(report.scheduled.first?.at == "2026-12-01T08:00:00+01:00")
    }

    @Test func datesOnAPage() async throws {
        let page = Self.text(try await Self.build(now: Self.before), "statistik/index.html")
        #expect(page.contains("<li>Publicerad <time datetime=\"2020-12-31\">31 december 2020</time></li>"))
        #expect(page.contains("<li>Uppdaterad <time datetime=\"2021-03-15\">15 mars 2021</time></li>"))
        #expect(page.contains("<li>Nästa uppdatering <time datetime=\"2027-03-15\">15 mars 2027</time></li>"))
        let year = Self.text(try await Self.build(now: Self.before), "aktuellt/beslut/index.html")
        #expect(year.contains("<li>Publicerad <time datetime=\"2019\">2019</time></li>"), "a year is shown as a year, never as a day")
    }

    /// Newest first, two to a page; a page's date written as a year or a month sorts by its
    /// start; drafts and scheduled pages are nowhere.
    @Test func listingOrderAndPagination() async throws {
        let report = try await Self.build(now: Self.before)
        let first = Self.text(report, "aktuellt/index.html")
        let second = Self.text(report, "aktuellt/sida/2/index.html")
        let third = Self.text(report, "aktuellt/sida/3/index.html")
        func titles(_ html: String) -> [String] {
            html.components(separatedBy: "<h2><a href=\"").dropFirst().map { String($0.split(separator: ">")[1].split(separator: "<")[0]) }
        }
        #expect(titles(first) == ["Deltagare i ESF-projekt", "En rapport med bara månad"])
        #expect(titles(second) == ["Slutrapport om ESF", "Ett beslut från 2019"])
        #expect(third.isEmpty, "four items, two to a page: two pages")
        #expect(first.contains("<a href=\"/statistik/aktuellt/sida/2/\" rel=\"next\">Äldre</a>"))
        #expect(second.contains("<a href=\"/statistik/aktuellt/\" rel=\"prev\">Nyare</a>"))
        #expect(second.contains("aria-current=\"page\"><span class=\"statik-visually-hidden\">Sida </span>2</a>"))
        for path in report.files.paths {
            let text = Self.text(report, path)
            #expect(!text.contains("Ett utkast") && !text.contains("aktuellt/senare") && !text.contains("aktuellt/jul") && !text.contains("Nya siffror"), "\(path) shows a page that is not published")
            // Only the release calendar names a page before its release (without a link).
            if !path.hasPrefix("publiceringskalender/") {
                #expect(!text.contains("Släpps den 1 december") && !text.contains("Nyheter till jul"), "\(path) names a page that is not published")
            }
        }
        #expect(!report.files.paths.contains { $0.hasPrefix("aktuellt/utkast") || $0.hasPrefix("aktuellt/senare") })
        let sitemap = Self.text(report, "sitemap.xml")
        #expect(!sitemap.contains("/sida/"), "the sitemap lists the list once")
        #expect(sitemap.contains("<loc>https://example.se/statistik/aktuellt/rattad/</loc><lastmod>2021-04-10</lastmod>"))
        #expect(sitemap.contains("<loc>https://example.se/statistik/aktuellt/beslut/</loc><lastmod>2019</lastmod>"))
        let home = Self.text(report, "index.html")
        #expect(home.contains("<h2 id=\"statik-senaste\">Senaste nytt</h2>"))
        #expect(home.contains("<li><a href=\"/statistik/aktuellt/rattad/\">Deltagare i ESF-projekt</a> <time datetime=\"2021-03-15\">15 mars 2021</time></li>"))
    }

    @Test func feeds() async throws {
        let report = try await Self.build(now: Self.before)
        let site = Self.text(report, "feed.xml")
        let section = Self.text(report, "aktuellt/feed.xml")
        #expect(site.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"sv\">"))
        #expect(site.contains("<updated>2021-04-10T00:00:00Z</updated>"), "the feed is as new as its newest entry")
        // The corrected entry is updated, and says what was corrected, escaped.
        #expect(section.contains("""
            <entry>
                <title>Deltagare i ESF-projekt</title>
                <id>https://example.se/statistik/aktuellt/rattad/</id>
                <link rel="alternate" type="text/html" href="https://example.se/statistik/aktuellt/rattad/"/>
                <published>2021-03-15T00:00:00Z</published>
                <updated>2021-04-10T00:00:00Z</updated>
                <summary>Rättelse 10 april 2021: Tabell 3 rättad &lt;igen&gt; &amp; &quot;igen&quot;. Tabell 1–3.</summary>
              </entry>
            """))
        #expect(section.components(separatedBy: "<entry>").count - 1 == 4)
        let page = Self.text(report, "aktuellt/index.html")
        #expect(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Aktuellt – Statistik om ESF\" href=\"/statistik/aktuellt/feed.xml\">"))
        #expect(Self.text(report, "statistik/index.html").contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Statistik om ESF\" href=\"/statistik/feed.xml\">"))
    }

    @Test func corrections() async throws {
        let page = Self.text(try await Self.build(now: Self.before), "aktuellt/rattad/index.html")
        let newest = try #require(page.range(of: "Tabell 3 rättad &lt;igen&gt; &amp; &quot;igen&quot;."))
        let older = try #require(page.range(of: "Tabell 2 rättad."))
        #expect(newest.lowerBound < older.lowerBound, "newest first")
        #expect(page.contains("<p><strong>Rättelse <time datetime=\"2021-04-10\">10 april 2021</time>:</strong>"))
        #expect(page.contains("role=\"note\""))
    }

    @Test func releaseCalendar() async throws {
        let report = try await Self.build(now: Self.before)
        let page = Self.text(report, "publiceringskalender/index.html")
        #expect(page.contains("<li><time datetime=\"2027-03-15\">15 mars 2027</time> – <a href=\"/statistik/statistik/\">Statistiksida</a></li>"))
        #expect(page.contains("<a href=\"/statistik/publiceringskalender/kalender.ics\">Prenumerera på kalendern (iCalendar)</a>"))
        let ics = Self.text(report, "publiceringskalender/kalender.ics")
        #expect(ics.hasPrefix([
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Statik//Publiceringskalender//SV", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:Publiceringskalender – Statistik om ESF", "",
        ].joined(separator: "\r\n")))
        #expect(ics.contains([
            "BEGIN:VEVENT", "UID:statistik-20270315@example.se", "DTSTAMP:20210320T000000Z", "DTSTART;VALUE=DATE:20270315",
            "SUMMARY:Statistiksida", "URL:https://example.se/statistik/statistik/", "TRANSP:TRANSPARENT", "END:VEVENT", "",
        ].joined(separator: "\r\n")))
        #expect(ics.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
        // Once the date has passed, the update is overdue: a warning, and it leaves the calendar.
        let overdue = try await Self.build(now: 1_805_414_400) { site in  // 2027-03-19
            let page = site.appendingPathComponent("content/aktuellt/senare.md")
            try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "next_update: 2027-06-01\n", with: "").write(to: page, atomically: true, encoding: .utf8)
        }
        #expect(overdue.diagnostics.map(\.description) == ["content/statistik.md:5:14: warning: the planned update of this page (next_update: 2027-03-15) is overdue; publish the update and set a new next_update, or remove the line"])
        #expect(!Self.text(overdue, "publiceringskalender/index.html").contains("– <a href=\"/statistik/statistik/\">Statistiksida</a>"))
        #expect(Self.text(overdue, "publiceringskalender/index.html").contains("Inga uppdateringar är planerade just nu."))
    }

    /// A scheduled page is a draft until its instant (by the build's "now"), then published.
    @Test(arguments: [(release - 1, false), (release, true), (release + 86_400, true)])
    func scheduledRelease(now: Int64, published: Bool) async throws {
        let report = try await Self.build(now: now)
        #expect(report.files.paths.contains("aktuellt/senare/index.html") == published)
        #expect(Self.text(report, "feed.xml").contains("Släpps den 1 december") == published)
        #expect(Self.text(report, "sitemap.xml").contains("aktuellt/senare/") == published)
        #expect(report.scheduled.map(\.file).contains("content/aktuellt/senare.md") == !published)
        if published {
            #expect(!Self.text(report, "aktuellt/senare/index.html").contains("statik-draft"), "no banner once it is out")
        }
    }

    /// A page is announced in the calendar and its file before its release (issue 29): its
    /// title and the time of its release and of its next update, with no link and nothing of
    /// its content; once out, its next update links to it.
    @Test func theCalendarAnnouncesAPageBeforeItsRelease() async throws {
        let before = try await Self.build(now: Self.before)
        let page = Self.text(before, "publiceringskalender/index.html")
        #expect(page.contains("<li><time datetime=\"2026-12-01T08:00:00+01:00\">1 december 2026 kl. 08.00</time> – Släpps den 1 december</li>"))
        #expect(page.contains("<li><time datetime=\"2026-12-24\">24 december 2026</time> – Nyheter till jul</li>"))
        #expect(page.contains("<li><time datetime=\"2027-06-01\">1 juni 2027</time> – Släpps den 1 december</li>"))
        #expect(!page.contains("aktuellt/senare") && !page.contains("aktuellt/jul") && !page.contains("Nya siffror"))
        #expect(!page.contains("Ett utkast"), "a draft is never announced")
        let ics = Self.text(before, "publiceringskalender/kalender.ics")
        #expect(ics.contains("DTSTART:20261201T070000Z\r\nSUMMARY:Släpps den 1 december\r\nTRANSP:TRANSPARENT\r\n"), "no URL before the release")
        #expect(ics.contains("DTSTART;VALUE=DATE:20261224\r\nSUMMARY:Nyheter till jul\r\nTRANSP:TRANSPARENT\r\n"))
        #expect(!ics.contains("aktuellt/senare") && !ics.contains("aktuellt/jul"))
        let after = try await Self.build(now: Self.release)
        let out = Self.text(after, "publiceringskalender/index.html")
        #expect(out.contains("<li><time datetime=\"2027-06-01\">1 juni 2027</time> – <a href=\"/statistik/aktuellt/senare/\">Släpps den 1 december</a></li>"))
        #expect(!out.contains("1 december 2026 kl. 08.00"), "a release that has happened leaves the calendar")
        #expect(Self.text(after, "publiceringskalender/kalender.ics").contains("SUMMARY:Släpps den 1 december\r\nURL:https://example.se/statistik/aktuellt/senare/\r\n"))
    }

    /// A `date:` still to come holds the page back as `publish_at` does (issue 29): a news item
    /// dated 24 December is not published on 24 November, nor a second before the day.
    @Test(arguments: [(before, false), (christmas - 1, false), (christmas, true)])
    func aFutureDateIsNotPublishedBeforeItsDay(now: Int64, published: Bool) async throws {
        let report = try await Self.build(now: now)
        #expect(report.files.paths.contains("aktuellt/jul/index.html") == published)
        #expect(Self.text(report, "aktuellt/index.html").contains("Nyheter till jul") == published)
        #expect(Self.text(report, "feed.xml").contains("Nyheter till jul") == published)
        #expect(report.scheduled.map(\.file).contains("content/aktuellt/jul.md") == !published)
        if published {
            #expect(Self.text(report, "aktuellt/jul/index.html").contains("<li>Publicerad <time datetime=\"2026-12-24\">24 december 2026</time></li>"))
        }
    }

    @Test func aLinkToAPageDatedLaterNamesItsDate() async throws {
        let report = try await Self.build(now: Self.before) { site in
            let page = site.appendingPathComponent("content/statistik.md")
            try (String(contentsOf: page, encoding: .utf8) + "\nSe [julnotisen](../aktuellt/jul/).\n").write(to: page, atomically: true, encoding: .utf8)
        }
        #expect(report.diagnostics.map(\.description) == [
            "content/statistik.md:17:4: error: the link leads to /statistik/aktuellt/jul/, which is not published until 2026-12-24 (date in content/aktuellt/jul.md), so this build does not publish it; publish that page first, or remove the link (statik build --drafts builds drafts for review)",
        ])
    }

    /// A correction declared once, in a data file's description, is shown on every page whose
    /// queries read the file, and the site's feed carries it, as it carries the correction of
    /// a page in no dated list (issue 29).
    @Test func aDataFileCorrectionTravels() async throws {
        let report = try await Self.build(now: Self.before)
        #expect(report.diagnostics.isEmpty, "\(FixtureSite.lines(report.diagnostics))")
        let notice = "<div class=\"statik-correction\" role=\"note\" data-statik=\"correction\">\n<p><strong>Rättelse <time datetime=\"2021-04-02\">2 april 2021</time>:</strong> Antalet kvinnor i PO 3 var fel i den tidigare versionen.</p>"
        let statistik = Self.text(report, "statistik/index.html")
        #expect(statistik.contains(notice))
        #expect(Self.text(report, "programomraden/index.html").contains(notice))
        #expect(!Self.text(report, "aktuellt/slutrapport/index.html").contains("Antalet kvinnor i PO 3"), "a page that reads no data shows no data correction")
        let newest = try #require(statistik.range(of: "Antalet kvinnor i PO 3"))
        let own = try #require(statistik.range(of: "Texten om uppdateringen rättad."))
        #expect(newest.lowerBound < own.lowerBound, "the page's own and its data's corrections together, newest first")
        let feed = Self.text(report, "feed.xml")
        #expect(feed.contains("""
              <entry>
                <title>Rättelse: Programområden</title>
                <id>https://example.se/statistik/programomraden/#rattelse-deltagare_po-1</id>
                <link rel="alternate" type="text/html" href="https://example.se/statistik/programomraden/"/>
                <published>2021-04-02T00:00:00Z</published>
                <updated>2021-04-02T00:00:00Z</updated>
                <summary>Rättelse 2 april 2021: Antalet kvinnor i PO 3 var fel i den tidigare versionen. Rättelsen gäller: Programområden, Statistiksida.</summary>
              </entry>
            """))
        #expect(feed.contains("""
                <title>Rättelse: Statistiksida</title>
                <id>https://example.se/statistik/statistik/#rattelse-1</id>
            """))
        #expect(!Self.text(report, "aktuellt/feed.xml").contains("Rättelse: "), "a list's feed has the list's entries only")
    }

    /// A build that keeps every page from the last one (the render cache) still knows which
    /// pages read the corrected file: its feed is the same as a full build's.
    @Test func theFeedCarriesADataCorrectionWhenEveryPageIsReused() async throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let first = await Site.build(BuildOptions(source: site, now: Self.before))
        let feed = site.appendingPathComponent("public/feed.xml")
        let written = try String(contentsOf: feed, encoding: .utf8)
        let second = await Site.build(BuildOptions(source: site, now: Self.before))
        #expect(first.succeeded && second.succeeded)
        #expect(second.reusedPages == first.pages, "every page is kept")
        #expect(try String(contentsOf: feed, encoding: .utf8) == written)
        #expect(written.contains("#rattelse-deltagare_po-1</id>"))
    }

    @Test func draftsAreShownWithABannerWhenAskedFor() async throws {
        let report = try await Self.build(now: Self.before, drafts: true)
        #expect(report.diagnostics.isEmpty, "\(FixtureSite.lines(report.diagnostics))")
        #expect(Self.text(report, "aktuellt/utkast/index.html").contains("<div class=\"statik-banner statik-draft\" role=\"note\">Utkast – sidan publiceras inte</div>"))
        #expect(Self.text(report, "aktuellt/senare/index.html").contains("<div class=\"statik-banner statik-draft\" role=\"note\">Schemalagd – sidan publiceras 1 december 2026 kl. 08.00</div>"))
        #expect(Self.text(report, "aktuellt/index.html").contains("Släpps den 1 december"))
    }

    @Test func twoBuildsWithTheSameNowAreByteIdentical() async throws {
        let first = try await Self.build(now: Self.before)
        let second = try await Self.build(now: Self.before)
        #expect(first.files.paths == second.files.paths)
        for path in first.files.paths { #expect(first.files.contents(of: path) == second.files.contents(of: path), "\(path)") }
    }

    /// A link from a published page to a draft is an error in a build without drafts.
    @Test func aLinkToADraftIsAnError() async throws {
        let report = try await Self.build(now: Self.before) { site in
            let page = site.appendingPathComponent("content/statistik.md")
            try (String(contentsOf: page, encoding: .utf8) + "\nSe [utkastet](../aktuellt/utkast/) och [det som kommer](../aktuellt/senare/).\n").write(to: page, atomically: true, encoding: .utf8)
        }
        #expect(report.diagnostics.map(\.description) == [
            "content/statistik.md:17:4: error: the link leads to /statistik/aktuellt/utkast/, which is a draft (draft: true in content/aktuellt/utkast.md), so this build does not publish it; publish that page first, or remove the link (statik build --drafts builds drafts for review)",
            "content/statistik.md:17:40: error: the link leads to /statistik/aktuellt/senare/, which is not published until 2026-12-01T08:00:00+01:00 (publish_at in content/aktuellt/senare.md), so this build does not publish it; publish that page first, or remove the link (statik build --drafts builds drafts for review)",
        ])
        #expect(!report.succeeded)
        let drafts = try await Self.build(now: Self.before, drafts: true) { site in
            let page = site.appendingPathComponent("content/statistik.md")
            try (String(contentsOf: page, encoding: .utf8) + "\nSe [utkastet](../aktuellt/utkast/).\n").write(to: page, atomically: true, encoding: .utf8)
        }
        #expect(drafts.succeeded)
    }

    /// The preview rebuilds lists, feeds and the calendar when a date or a draft flag changes,
    /// to the same bytes as a full build.
    @Test func aRebuildAfterADateOrDraftChangeIsAFullBuild() async throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let session = SiteSession(options: BuildOptions(source: site, write: false, now: Self.before))
        _ = await session.build()
        let page = site.appendingPathComponent("content/aktuellt/utkast.md")
        try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "draft: true\n", with: "").write(to: page, atomically: true, encoding: .utf8)
        let beslut = site.appendingPathComponent("content/aktuellt/beslut.md")
        try String(contentsOf: beslut, encoding: .utf8).replacingOccurrences(of: "date: 2019", with: "date: 2022-01-01").write(to: beslut, atomically: true, encoding: .utf8)
        let rebuilt = await session.rebuild(changed: ["content/aktuellt/utkast.md", "content/aktuellt/beslut.md"])
        let full = await Site.build(BuildOptions(source: site, write: false, now: Self.before))
        #expect(rebuilt.files.paths == full.files.paths)
        for path in full.files.paths { #expect(rebuilt.files.contents(of: path) == full.files.contents(of: path), "\(path)") }
        #expect(Self.text(rebuilt, "aktuellt/index.html").contains("Ett beslut från 2019"), "now the newest")
        #expect(Self.text(rebuilt, "feed.xml").contains("Ett utkast"))
    }

    @Test(arguments: [
        ("2020-12-31", "2020-12-31", "31 december 2020", "31 December 2020"),
        ("2019", "2019", "2019", "2019"),
        ("2021-05", "2021-05", "maj 2021", "May 2021"),
        ("2026-12-01T08:00:00+01:00", "2026-12-01T08:00:00+01:00", "1 december 2026 kl. 08.00", "1 December 2026, 08:00"),
        ("2026-12-01 07:00Z", "2026-12-01T07:00:00Z", "1 december 2026 kl. 07.00", "1 December 2026, 07:00"),
    ])
    func datesAreReadAndShownAsWritten(text: String, iso: String, swedish: String, english: String) throws {
        let date = try PublishDate.parse(text).get()
        #expect(date.iso == iso)
        #expect(date.text(.swedish) == swedish)
        #expect(date.text(.english) == english)
    }

    @Test func instantsCompareAcrossOffsets() throws {
        let winter = try PublishDate.parse("2026-12-01T08:00:00+01:00").get()
        let utc = try PublishDate.parse("2026-12-01T07:00:00Z").get()
        #expect(winter.epochSeconds == utc.epochSeconds)
        #expect(winter.epochSeconds == PublishingTests.release)
        #expect(PublishDate(epochSeconds: PublishingTests.release).iso == "2026-12-01T07:00:00Z")
        #expect(try PublishDate.parse("2026-12-01T08:00:00+01:00").get().icalendar.value == "20261201T070000Z")
        #expect(PublishDate.parse("2026-12-01T08:00:00") == .failure(.noOffset))
        #expect(PublishDate.parse("2021-02-29") == .failure(.impossible(Message(.dateMonthHasDays, "2021-02", 28))))
        #expect(PublishDate.parse("31/12/2020") == .failure(.notADate))
        #expect(Site.instant("2026-12-01T08:00:00+01:00") == PublishingTests.release)
    }

    @Test func icsLinesAreFoldedAtSeventyFiveOctets() {
        let line = "SUMMARY:" + String(repeating: "å", count: 60)
        let folded = ReleaseCalendar.fold(line)
        for part in folded.components(separatedBy: "\r\n") { #expect(part.utf8.count <= 75) }
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        #expect(ReleaseCalendar.text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
    }
}
