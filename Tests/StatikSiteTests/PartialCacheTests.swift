import Foundation
import Testing
import StatikCore
@testable import StatikSite
@testable import StatikRender

/// Cached partials (`cache:` in a theme's theme.yml, issue 32): rendered once per value of
/// their keys, and never one page's value on another.
@Suite struct PartialCacheTests {
    /// A site with a start page, a section of three pages, a section long enough for the menu
    /// to show only the pages around the current one, and a page in English.
    static func files(theme: [String: String]) -> [String: String] {
        var files = theme
        files["statik.yml"] = files["statik.yml"] ?? "title: T\nbaseURL: /\nfooter: Myndigheten\n"
        files["content/index.md"] = "---\ntitle: Start\ndescription: Startsidan.\n---\nText.\n"
        files["content/a/index.md"] = "---\ntitle: Avsnitt A\ndescription: A.\n---\nText.\n"
        for i in 1...3 { files["content/a/s\(i).md"] = "---\ntitle: Sida A\(i)\ndescription: En sida.\nweight: \(i)\n---\nText.\n" }
        files["content/b/index.md"] = "---\ntitle: Avsnitt B\ndescription: B.\nmenu_children: true\n---\nText.\n"
        for i in 1...60 { files["content/b/s\(i).md"] = "---\ntitle: Sida B\(i)\ndescription: En sida.\nweight: \(i)\n---\nText.\n" }
        files["content/om.md"] = "---\ntitle: About\ndescription: In English.\nlanguage: en\nfooter: true\n---\nText.\n"
        return files
    }

    static func build(_ files: [String: String]) async throws -> BuildReport {
        let folder = try ThemeLayersTests.site(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        return await Site.build(BuildOptions(source: folder, strict: true, write: false))
    }

    /// The built-in theme caches its menu entries and footer links; a copy of it without
    /// theme.yml caches nothing. Every file the two write is the same, and most includes were
    /// answered from the cache.
    @Test func theCachedThemeWritesWhatTheUncachedOneWrites() async throws {
        let cached = try await Self.build(Self.files(theme: [:]))
        var copy: [String: String] = ["statik.yml": "title: T\nbaseURL: /\nfooter: Myndigheten\ntheme: kopia\n"]
        for (path, base64) in DefaultTheme.files where path != "theme.yml" {
            copy["themes/kopia/" + path] = String(decoding: Data(base64Encoded: base64)!, as: UTF8.self)
        }
        let uncached = try await Self.build(Self.files(theme: copy))
        #expect(cached.diagnostics.isEmpty, "\(FixtureSite.lines(cached.diagnostics))")
        #expect(uncached.diagnostics.isEmpty, "\(FixtureSite.lines(uncached.diagnostics))")
        #expect(uncached.cachedPartials.reused + uncached.cachedPartials.rendered == 0)
        #expect(cached.cachedPartials.reused > cached.cachedPartials.rendered, "\(cached.cachedPartials)")
        let paths = cached.files.paths.filter { $0.hasSuffix(".html") }
        #expect(paths.count > 60)
        #expect(paths == uncached.files.paths.filter { $0.hasSuffix(".html") })
        for path in paths {
            #expect(cached.files.contents(of: path) == uncached.files.contents(of: path), "\(path)")
        }
        // The current page's mark in the menu is its own on every page.
        for path in ["b/s30/", "b/s31/", "a/s2/", "b/"] {
            let page = String(decoding: cached.files.contents(of: path + "index.html") ?? Data(), as: UTF8.self)
            let menu = page.components(separatedBy: "<nav class=\"statik-menu\"").dropFirst().first?.components(separatedBy: "</nav>").first ?? ""
            #expect(menu.components(separatedBy: "aria-current").count == 2, "\(path)")
            #expect(menu.contains("<a href=\"/\(path)\" aria-current=\"page\">"), "\(path)")
        }
    }

    /// A theme that overrides a partial the built-in theme caches, and reads in it what the
    /// built-in's keys do not cover (the page's address): its partial is not cached, and every
    /// page shows its own address — the built-in theme's declaration does not fit a partial it
    /// did not write, and is left unused without an error.
    @Test func anInheritedDeclarationThatDoesNotFitIsLeftUnused() async throws {
        let report = try await Self.build(Self.files(theme: [
            "statik.yml": "title: T\nbaseURL: /\nfooter: Myndigheten\ntheme: egen\n",
            "themes/egen/theme.yml": "extends: statik\n",
            "themes/egen/templates/partials/menu-entry.mustache": "<li data-sida=\"{{page.url}}\"><a href=\"{{url}}\">{{title}}</a>{{#open}}{{> partials/menu-children}}{{/open}}</li>\n",
        ]))
        #expect(report.diagnostics.isEmpty, "\(FixtureSite.lines(report.diagnostics))")
        for path in ["a/s1/", "b/s2/", ""] {
            let html = String(decoding: report.files.contents(of: path + "index.html") ?? Data(), as: UTF8.self)
            #expect(html.contains("<li data-sida=\"/\(path)\"><a href=\"/a/\">Avsnitt A</a>"), "\(path)")
        }
    }

    /// A partial the theme declares itself with a key for what differs: cached, and right on
    /// every page; without the key, an error at the name in the partial.
    @Test func anOwnDeclarationIsChecked() async throws {
        func theme(_ keys: String) -> [String: String] {
            [
                "statik.yml": "title: T\nbaseURL: /\nfooter: Myndigheten\ntheme: egen\n",
                "themes/egen/theme.yml": "extends: statik\ncache:\n  partials/footer: \(keys)\n",
                "themes/egen/templates/partials/footer.mustache": "<footer>{{page.text.pageAddress}} {{page.title}} {{site.footer}}</footer>\n",
            ]
        }
        let good = try await Self.build(Self.files(theme: theme("[page.text, page.title]")))
        #expect(good.diagnostics.isEmpty, "\(FixtureSite.lines(good.diagnostics))")
        let html = String(decoding: good.files.contents(of: "a/s2/index.html") ?? Data(), as: UTF8.self)
        #expect(html.contains("<footer>Sidans adress Sida A2 Myndigheten</footer>"))
        let bad = try await Self.build(Self.files(theme: theme("[page.text]")))
        #expect(FixtureSite.lines(bad.diagnostics).contains(
            "themes/egen/templates/partials/footer.mustache:1:35: error: partials/footer is cached by the keys page.text, but it reads page.title, which they do not cover: add page.title (or a name above it) to its keys under cache: in themes/egen/theme.yml, or remove partials/footer from cache:"
        ), "\(FixtureSite.lines(bad.diagnostics))")
    }

    /// The built-in theme's theme.yml is read without a problem (its problems would be unseen).
    @Test func theBuiltInThemeYmlIsWellFormed() throws {
        var diagnostics: [Diagnostic] = []
        let data = Data(base64Encoded: DefaultTheme.files["theme.yml"]!)!
        let settings = ThemeLayers.readSettings(file: "statik:theme.yml", data: data, diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        #expect(settings.cache.map(\.partial) == ["partials/menu-entry", "partials/footer-links"])
        #expect(ThemeLayers.builtIn.cache.count == 2)
    }
}
