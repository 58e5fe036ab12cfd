import Foundation
import Testing

@testable import StatikBlocks
@testable import StatikContent

/// The files of a theme's `static/` that links may lead to: those the build publishes.
@Suite struct LinkTargetsTests {
    /// The link check listed the folder with FileManager's enumerator: a hidden file (never
    /// published) and a folder counted as files a link could lead to.
    @Test func onlyPublishedStaticFilesAreTargets() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statik-static-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("css"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in ["css/statik.css", ".utkast.css", "logo.svg"] {
            #expect(FileManager.default.createFile(atPath: folder.appendingPathComponent(file).path, contents: Data()))
        }
        let targets = LinkTargets(config: SiteConfig(), pages: [], assets: [], themeStatic: folder)
        #expect(targets.exists("css/statik.css") && targets.exists("logo.svg"))
        #expect(!targets.exists(".utkast.css"))
        #expect(!targets.exists("css"))
    }
}
