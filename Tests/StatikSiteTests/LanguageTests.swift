import Foundation
import StatikCore
@testable import StatikSite
@testable import StatikContent
@testable import StatikOutput
@testable import StatikSources
@testable import StatikInspect
@testable import StatikBlocks
@testable import StatikRender
import Testing

/// English pages beside Swedish ones (fixture `languages`, default theme): the page's language
/// decides `lang`, figures' notation, Statik's words, the menu; translations link each other.
@Suite struct LanguageTests {
    static func build() async throws -> BuildReport {
        let site = try FixtureSite(name: "languages").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        // The repository's default theme, not the fixtures' shared one.
        try? FileManager.default.removeItem(at: site.appendingPathComponent("themes"))
        try FileManager.default.createDirectory(at: site.appendingPathComponent("themes"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: PublishingTests.repository.appendingPathComponent("themes/default"), to: site.appendingPathComponent("themes/default"))
        return await Site.build(BuildOptions(source: site, strict: true, write: false))
    }

    @Test func englishAndSwedishPages() async throws {
        let report = try await Self.build()
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        let sv = PublishingTests.text(report, "statistik/index.html")
        let en = PublishingTests.text(report, "en/index.html")
        let more = PublishingTests.text(report, "en/more/index.html")
        // lang: the page's own, and the section's for a page below an English index.md.
        #expect(sv.contains("<html lang=\"sv\">"))
        #expect(en.contains("<html lang=\"en\">"))
        #expect(more.contains("<html lang=\"en\">"))
        // Figures in each language's notation, from the same data.
        #expect(sv.contains(">1\u{00A0}242\u{00A0}241</data> personer"))
        #expect(sv.contains(">12,5\u{00A0}%</data>"))
        #expect(en.contains(">1,242,241</data> persons"))
        #expect(en.contains(">12.5%</data>"))
        #expect(en.contains("<td class=\"num\">1,234,567</td>"))
        #expect(en.contains("<td class=\"num\">0.4%</td>"))
        #expect(sv.contains("<td class=\"num\">1\u{00A0}234\u{00A0}567</td>"))
        // Statik's words.
        #expect(en.contains("Source: The fixture"))
        #expect(sv.contains("Källa: Fixturen"))
        #expect(en.contains(">Skip to content<") && sv.contains(">Till innehållet<"))
        // Translations link each other, both ways.
        #expect(sv.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"/en/\">"))
        #expect(en.contains("<link rel=\"alternate\" hreflang=\"sv\" href=\"/statistik/\">"))
        #expect(en.contains("<a href=\"/statistik/\" hreflang=\"sv\" lang=\"sv\">Svenska</a>"))
        #expect(sv.contains("<a href=\"/en/\" hreflang=\"en\" lang=\"en\">English</a>"))
        #expect(!more.contains("hreflang"), "a page without a translation_key has no translations")
        // The menu lists the pages of the page's language only.
        let menu = { (html: String) in html.components(separatedBy: "class=\"statik-menu\"")[1].components(separatedBy: "</nav>")[0] }
        #expect(menu(sv).contains("Antal per område") && !menu(sv).contains("Numbers by area"))
        #expect(menu(en).contains("Numbers by area") && !menu(en).contains("Antal per område"))
        // The site's own (Swedish) words on an English page are marked as Swedish.
        #expect(en.contains("class=\"statik-site-title\" href=\"/\" lang=\"sv\">Statistik</a>"))
        #expect(!sv.contains("lang=\"sv\">Statistik</a>"))
    }

    @Test func anUnknownLanguageIsAnError() async throws {
        let site = try FixtureSite(name: "languages").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        // The repository's default theme, not the fixtures' shared one.
        try? FileManager.default.removeItem(at: site.appendingPathComponent("themes"))
        try FileManager.default.createDirectory(at: site.appendingPathComponent("themes"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: PublishingTests.repository.appendingPathComponent("themes/default"), to: site.appendingPathComponent("themes/default"))
        try "---\ntitle: Mehr\nlanguage: de\n---\n\nText.\n".write(to: site.appendingPathComponent("content/en/more.md"), atomically: true, encoding: .utf8)
        let report = await Site.build(BuildOptions(source: site, write: false))
        #expect(report.diagnostics.map { $0.description(in: .swedish) } == ["content/en/more.md:3:11: error: language ska vara sv (svenska) eller en (engelska), inte 'de'"])
    }
}
