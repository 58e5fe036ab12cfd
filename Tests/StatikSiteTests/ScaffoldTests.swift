import Foundation
import StatikSite
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender
import Testing

@testable import StatikSite

@Suite struct ScaffoldTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func aNewSiteBuildsCleanly() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statik-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Scaffold.site(at: folder)
        #expect(files.contains("content/index.md"))
        #expect(files.count < 10, "\(files)")
        #expect(files.contains("themes/webbplats/templates/partials/footer.mustache") && files.contains("themes/webbplats/static/css/variables.css"))
        #expect(!files.contains { $0.hasSuffix("base.mustache") || $0.hasSuffix("statik.css") }, "the built-in theme is not copied")
        let report = await Site.build(BuildOptions(source: folder, strict: true, write: false))
        #expect(report.diagnostics.isEmpty, "\(FixtureSite.lines(report.diagnostics))")
        let home = String(decoding: report.files.contents(of: "index.html") ?? Data(), as: UTF8.self)
        let prose = home.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        #expect(prose.contains("År 2021 deltog 257 personer, varav 54\u{00A0}% kvinnor."))
        // The site's own footer and variables, the built-in theme's other files.
        let variables = String(decoding: report.files.contents(of: "css/variables.css") ?? Data(), as: UTF8.self)
        #expect(variables.hasPrefix("/* Webbplatsens färger"))
        #expect(report.files.contents(of: "css/statik.css") == Data(base64Encoded: DefaultTheme.files["static/css/statik.css"]!))
        #expect(home.contains("<a href=\"/om-statistiken/\""))
        #expect(throws: Scaffold.Problem.self) { try Scaffold.site(at: folder) }

        let page = try Scaffold.page("esf/ny-sida", in: folder)
        #expect(page == "content/esf/ny-sida.md")
        let again = await Site.build(BuildOptions(source: folder, write: false))
        #expect(again.succeeded)
        #expect(again.files.paths.contains("esf/ny-sida/index.html"))
        #expect(throws: Scaffold.Problem.self) { try Scaffold.page("esf/ny-sida", in: folder) }
        #expect(throws: Scaffold.Problem.self) { try Scaffold.page("../utanfor", in: folder) }
    }

    /// What `statik new site` writes builds strictly into its folder, and `statik check`
    /// finds nothing wrong with the result (issue 34).
    @Test func aNewSitePassesCheck() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statik-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Scaffold.site(at: folder)
        let report = await Site.build(BuildOptions(source: folder, strict: true, now: 1_796_342_400))
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        let site = folder.appendingPathComponent("public")
        let check = SiteCheck.run(site: site, source: folder, edition: .public, display: "public")
        #expect(check.problems.isEmpty, "\(check.problems.map(\.description))")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("css/statik.css").path))
    }

    /// A new page in a dated list gets `date:`, the day of "now" (issue 29): it is listed at
    /// once, with no warning that it has no date; a page elsewhere gets none.
    @Test func aNewPageInADatedListIsDated() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statik-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Scaffold.site(at: folder)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("content/aktuellt"), withIntermediateDirectories: true)
        try Data("---\ntitle: Aktuellt\nlisting: true\n---\n\nDet senaste först.\n".utf8).write(to: folder.appendingPathComponent("content/aktuellt/index.md"))
        let now: Int64 = 1_796_342_400  // 2026-12-04T00:00:00Z
        let file = try Scaffold.page("aktuellt/ny-notis", in: folder, now: now)
        let text = String(decoding: FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) ?? Data(), as: UTF8.self)
        #expect(text.contains("description: En mening om vad sidan visar.\ndate: 2026-12-04\n---\n"))
        let other = try Scaffold.page("esf/ny-sida", in: folder, now: now)
        #expect(!String(decoding: FileManager.default.contents(atPath: folder.appendingPathComponent(other).path) ?? Data(), as: UTF8.self).contains("date:"))
        let report = await Site.build(BuildOptions(source: folder, write: false, now: now))
        #expect(!report.diagnostics.contains { $0.text.find(.pageDatedListListingBut) != nil }, "\(FixtureSite.lines(report.diagnostics))")
        #expect(String(decoding: report.files.contents(of: "aktuellt/index.html") ?? Data(), as: UTF8.self).contains("Ny notis"))
    }

    /// The theme `statik new site` writes is the one in themes/default (scripts/embed-theme).
    @Test func theEmbeddedThemeIsTheDefaultTheme() throws {
        let theme = Self.repository.appendingPathComponent("themes/default")
        let paths = (FileManager.default.enumerator(atPath: theme.path)?.compactMap { $0 as? String } ?? [])
            .filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: theme.appendingPathComponent(path).path, isDirectory: &isDirectory) && !isDirectory.boolValue
                    && !path.split(separator: "/").contains { $0.hasPrefix(".") }
            }.sorted()
        #expect(DefaultTheme.files.keys.sorted() == paths, "run scripts/embed-theme")
        for path in paths {
            let onDisk = try Data(contentsOf: theme.appendingPathComponent(path))
            #expect(Data(base64Encoded: DefaultTheme.files[path] ?? "") == onDisk, "\(path) differs: run scripts/embed-theme")
        }
    }
}
