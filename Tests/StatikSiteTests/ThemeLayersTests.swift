import Foundation
import Testing
import StatikCore
@testable import StatikSite
@testable import StatikRender

/// Which theme a site renders with, and what `statik theme` says of it (issue 34).
@Suite struct ThemeLayersTests {
    static func site(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statik-layers-\(UUID().uuidString)")
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder
    }

    static let page = "---\ntitle: Start\ndescription: En sida.\n---\nText.\n"

    /// No `theme:` and no themes/ folder: the built-in theme, with nothing of the site's.
    @Test func withoutAThemeASiteUsesTheBuiltInTheme() async throws {
        let folder = try Self.site(["statik.yml": "title: T\nbaseURL: /\n", "content/index.md": Self.page])
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = await Site.build(BuildOptions(source: folder, strict: true, write: false))
        #expect(report.diagnostics.isEmpty, "\(FixtureSite.lines(report.diagnostics))")
        #expect(report.files.contents(of: "css/statik.css") == Data(base64Encoded: DefaultTheme.files["static/css/statik.css"]!))
        let theme = ThemeReport.read(site: folder)
        #expect(theme.layers == ["statik"])
        #expect(theme.files.isEmpty)
    }

    /// `statik theme` lists each file of the site's theme with the one it replaces, or none.
    @Test func theReportNamesWhatEachFileReplaces() throws {
        let folder = try Self.site([
            "statik.yml": "title: T\nbaseURL: /\ntheme: egen\n",
            "themes/egen/theme.yml": "extends: bas\n",
            "themes/egen/static/css/variables.css": ":root {}\n",
            "themes/egen/static/logga.svg": "<svg/>\n",
            "themes/bas/theme.yml": "extends: statik\n",
            "themes/bas/static/css/variables.css": ":root { --x: 1 }\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = ThemeReport.read(site: folder)
        #expect(report.diagnostics.isEmpty, "\(FixtureSite.lines(report.diagnostics))")
        #expect(report.layers == ["themes/egen", "themes/bas", "statik"])
        #expect(report.lines(in: .english) == [
            "The theme's layers, the first before the others: themes/egen → themes/bas → statik",
            "  themes/egen/static/css/variables.css replaces themes/bas/static/css/variables.css",
            "  themes/egen/static/logga.svg is a file of its own (no layer below has it)",
            "Cached partials, each rendered once per value of its keys:",
            "  partials/footer-links, keys: page.text, page.siteLanguage (cache: in statik:theme.yml)",
            "  partials/menu-entry, keys: ., page.siblings (cache: in statik:theme.yml)",
        ])
    }

    /// `statik theme` lists the cached partials with their keys, each from the nearest layer
    /// whose theme.yml declares it (a layer above replaces a declaration below).
    @Test func theReportListsTheCachedPartialsWithTheirKeys() throws {
        let folder = try Self.site([
            "statik.yml": "title: T\nbaseURL: /\ntheme: egen\n",
            "themes/egen/theme.yml": "extends: statik\ncache:\n  partials/footer-links: [page.text, page.siteLanguage, site.edition]\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = ThemeReport.read(site: folder)
        #expect(report.diagnostics.isEmpty, "\(FixtureSite.lines(report.diagnostics))")
        #expect(report.lines(in: .english) == [
            "The theme's layers, the first before the others: themes/egen → statik",
            "The site replaces no file of the theme.",
            "Cached partials, each rendered once per value of its keys:",
            "  partials/footer-links, keys: page.text, page.siteLanguage, site.edition (cache: in themes/egen/theme.yml)",
            "  partials/menu-entry, keys: ., page.siblings (cache: in statik:theme.yml)",
        ])
        #expect(report.lines(in: .swedish).suffix(3) == [
            "Mellanlagrade delmallar, var och en renderad en gång per värde av sina nycklar:",
            "  partials/footer-links, nycklar: page.text, page.siteLanguage, site.edition (cache: i themes/egen/theme.yml)",
            "  partials/menu-entry, nycklar: ., page.siblings (cache: i statik:theme.yml)",
        ])
    }

    /// `themes/statik/` would never be read: a warning says so, and what to do.
    @Test func aFolderNamedStatikIsAWarning() async throws {
        let folder = try Self.site([
            "statik.yml": "title: T\nbaseURL: /\ntheme: statik\n",
            "content/index.md": Self.page,
            "themes/statik/static/css/variables.css": ":root {}\n",
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = await Site.build(BuildOptions(source: folder, write: false))
        let messages: [Message] = report.diagnostics.map { $0.text }
        #expect(messages == [Message(.themeFolderNamedStatik)])
    }
}
