import Foundation
import StatikCore
import StatikSite
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender
import Testing

/// Hostile content stays text: no address Statik writes runs code, whatever option it came
/// from, with raw HTML off or on.
@Suite struct HostileContentTests {
    @Test(arguments: [false, true])
    func noScriptAddressReachesThePage(unsafeHTML: Bool) async throws {
        let site = try FixtureSite(name: "Invalid/hostile-urls").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let page = site.appendingPathComponent("content/index.md")
        // Without the map whose link template is refused, the page builds.
        var text = try String(contentsOf: page, encoding: .utf8)
        text = text.replacingOccurrences(of: "link: \"javascript:alert('{namn}')\"\n", with: "")
        try text.write(to: page, atomically: true, encoding: .utf8)
        if unsafeHTML {
            let config = site.appendingPathComponent("statik.yml")
            try (String(contentsOf: config, encoding: .utf8) + "unsafe_html: true\n").write(to: config, atomically: true, encoding: .utf8)
        }
        let report = await Site.build(BuildOptions(source: site, write: false))
        #expect(report.diagnostics.errors.isEmpty, "\(FixtureSite.lines(report.diagnostics))")
        let html = String(decoding: try #require(report.files.contents(of: "index.html")), as: UTF8.self).lowercased()
        for bad in ["javascript:", "vbscript:", "data:text", "data:image/svg", "file:"] {
            #expect(!html.contains("href=\"\(bad)") && !html.contains("src=\"\(bad)"), "\(bad) reached the page")
        }
        #expect(html.contains("href=\"mailto:statistik@example.se\""))
        #expect(html.contains("src=\"data:image/png;base64,ivborw0kggo=\""))
    }

    @Test(arguments: [
        ("javascript:alert(1)", "javascript"), ("JaVaScRiPt:x", "javascript"), (" \u{01}javascript:x", "javascript"),
        ("java\tscript:x", "javascript"), ("java\nscript:x", "javascript"), ("data:text/html,x", "data"), ("vbscript:x", "vbscript"),
        ("file:///etc/passwd", "file"), ("ftp://x", "ftp"), ("j\u{00}avascript:x", "javascript"),
    ])
    func refused(url: String, scheme: String) {
        #expect(URLPolicy.refusedScheme(url) == scheme)
    }

    @Test(arguments: ["https://example.se/", "HTTP://example.se", "mailto:a@b.se", "tel:+46", "../sida/", "/sida/", "#rubrik", "?q=1", "./a:b", "1:2"])
    func allowed(url: String) {
        #expect(URLPolicy.refusedScheme(url) == nil)
    }
}
