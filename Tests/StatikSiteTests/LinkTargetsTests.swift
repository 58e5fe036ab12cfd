import Foundation
import Testing

@testable import StatikBlocks
@testable import StatikContent
@testable import StatikCore
@testable import StatikRender

/// The files of a theme's `static/` that links may lead to: those the build publishes.
@Suite struct LinkTargetsTests {
    /// The link check listed the folder with FileManager's enumerator: a hidden file (never
    /// published) and a folder counted as files a link could lead to.
    @Test func onlyPublishedStaticFilesAreTargets() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("statik-static-\(UUID().uuidString)")
        let folder = site.appendingPathComponent("themes/t/static")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("css"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: site.appendingPathComponent("themes/t/templates"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: site) }
        #expect(FileManager.default.createFile(atPath: site.appendingPathComponent("themes/t/templates/page.mustache").path, contents: Data("x".utf8)))
        for file in ["css/statik.css", ".utkast.css", "logo.svg"] {
            #expect(FileManager.default.createFile(atPath: folder.appendingPathComponent(file).path, contents: Data()))
        }
        var diagnostics: [Diagnostic] = []
        let theme = try #require(Theme.load(name: "t", siteDirectory: site, setAt: SourceLocation(file: "statik.yml"), diagnostics: &diagnostics))
        let targets = LinkTargets(config: SiteConfig(), pages: [], assets: [], themeStatic: theme.staticFiles.map(\.path))
        #expect(targets.exists("css/statik.css") && targets.exists("logo.svg"))
        #expect(!targets.exists(".utkast.css"))
        #expect(!targets.exists("css"))
    }
}
