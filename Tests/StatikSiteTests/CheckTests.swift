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

/// `statik check` over small built sites under `Fixtures/Check/`: each has `site/` (the built
/// site), a `statik.yml` for its root path (or none: the root is inferred) and `expected.txt`,
/// the problem lines and the count line exactly as the command prints them.
@Suite struct SiteCheckTests {
    static let fixtures = ["good", "broken", "inferred-root"]

    @Test(arguments: fixtures)
    func reportsExactProblems(fixture name: String) throws {
        let folder = FixtureSite.root.appendingPathComponent("Check/\(name)")
        let report = SiteCheck.run(site: folder.appendingPathComponent("site"), source: folder, display: "site")
        let actual = (report.problems.map(\.description) + [report.summary]).joined(separator: "\n") + "\n"
        let file = folder.appendingPathComponent("expected.txt")
        if FixtureSite.recording {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        #expect(actual == (try String(contentsOf: file, encoding: .utf8)), "Check/\(name)/expected.txt differs (STATIK_RECORD=1 writes it anew)")
        #expect(report.problems.isEmpty == (name == "good"))
    }

    /// What the build writes passes the check: the generator and the checker agree on links.
    @Test(arguments: ["queries", "csv-dialects", "escaping", "menu", "pages", "aliases"])
    func builtFixturesPass(fixture name: String) async throws {
        let scratch = try FixtureSite(name: name).scratchCopy()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let build = await Site.build(BuildOptions(source: scratch))
        #expect(build.succeeded, "\(FixtureSite.lines(build.diagnostics))")
        let report = SiteCheck.run(site: scratch.appendingPathComponent("public"), source: scratch, display: "public")
        // The menu fixture leaves a page out of the menu on purpose (dold.md) and nothing links
        // to it: the check rightly finds it. Here the links are what is compared.
        let problems = report.problems.filter { !(name == "menu" && $0.message.hasPrefix("no link leads to this page")) }
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        #expect(report.pages > 0 && report.links > 0)
    }

    @Test func aMissingFolderIsAProblem() {
        let report = SiteCheck.run(site: URL(fileURLWithPath: "/nonexistent/statik-check"), source: nil, display: "saknas")
        #expect(report.problems.map(\.description) == ["saknas: there is no such folder; build the site first (statik build)"])
    }
}

/// Links followed as a browser follows them.
@Suite struct SiteAddressTests {
    let site = SiteAddress(root: "/esf-statistik/", origin: "https://www.forsakringskassan.se")

    @Test func relativeLinksResolveAgainstThePage() {
        #expect(site.resolve("../resultat/", from: "/esf-statistik/esf/deltagare/") == .local(path: "/esf-statistik/esf/resultat/", fragment: nil))
        #expect(site.resolve("esf/", from: "/esf-statistik/") == .local(path: "/esf-statistik/esf/", fragment: nil))
        #expect(site.resolve("./a/../b.png?x=1#c", from: "/esf-statistik/css/statik.css") == .local(path: "/esf-statistik/css/b.png", fragment: "c"))
        #expect(site.resolve("#tabell-1", from: "/esf-statistik/esf/") == .local(path: "/esf-statistik/esf/", fragment: "tabell-1"))
        #expect(site.resolve("../../../../x", from: "/esf-statistik/esf/") == .local(path: "/x", fragment: nil))
        #expect(site.resolve("Rapport%20%C3%A5r.pdf", from: "/esf-statistik/") == .local(path: "/esf-statistik/Rapport år.pdf", fragment: nil))
    }

    @Test func otherSitesAreExternal() {
        #expect(site.resolve("https://www.scb.se/", from: "/esf-statistik/") == .external)
        #expect(site.resolve("//cdn.example.se/x.js", from: "/esf-statistik/") == .external)
        #expect(site.resolve("mailto:a@b.se", from: "/esf-statistik/") == .external)
        #expect(site.resolve("https://www.forsakringskassan.se/privatperson/", from: "/esf-statistik/") == .external)
        #expect(site.resolve("HTTPS://www.forsakringskassan.se/esf-statistik/esf/", from: "/") == .local(path: "/esf-statistik/esf/", fragment: nil))
        #expect(site.resolve("javascript:void(0)", from: "/esf-statistik/") == .script)
        // The site's own address in any case, with or without its last `/`; a longer name is another.
        #expect(site.resolve("https://WWW.Forsakringskassan.SE/esf-statistik", from: "/") == .local(path: "/esf-statistik", fragment: nil))
        #expect(site.resolve("https://www.forsakringskassan.se/esf-statistikX/", from: "/") == .external)
        #expect(site.resolve("https://www.forsakringskassan.se/esf-statistik/år/", from: "/") == .local(path: "/esf-statistik/år/", fragment: nil))
        #expect(site.resolve("https://www.forsakringskassan.se", from: "/") == .external)
        // A scheme is ASCII letters first, then letters, digits, `+`, `-`, `.`; else a path.
        for (written, scheme) in [("Mailto:x", "mailto"), ("svn+ssh://h/", "svn+ssh"), ("1a:b", nil), ("å:b", nil), (":x", nil), ("a b:c", nil), ("tel:+46", "tel")] as [(String, String?)] {
            #expect(SiteAddress.scheme(of: written) == scheme, "\(written)")
        }
    }

    @Test func pathsBelowTheRoot() {
        #expect(site.relative("/esf-statistik/esf/") == "esf/")
        #expect(site.relative("/esf-statistik") == "")
        #expect(site.relative("/esf/") == nil)
        #expect(SiteAddress(root: "esf").root == "/esf/")
    }

    @Test func relativeLinksForSuggestions() {
        #expect(SiteAddress.relativeLink(from: "/r/esf/deltagare/", to: "/r/esf/resultat/") == "../resultat/")
        #expect(SiteAddress.relativeLink(from: "/r/", to: "/r/esf/") == "esf/")
        #expect(SiteAddress.relativeLink(from: "/r/esf/", to: "/r/") == "../")
        #expect(SiteAddress.relativeLink(from: "/r/esf/", to: "/r/esf/") == "./")
        #expect(SiteAddress.relativeLink(from: "/r/a/", to: "/r/bild.png") == "../bild.png")
    }

    @Test func htmlIsReadLikeABrowser() {
        let tags = HTMLTokenizer.tokens("<!-- <a href=x> --><A HREF='a&amp;b'>x</A><script>var s = '<a href=\"no\">';</script><img src=c.png alt><p id=\"&#229;\">")
            .compactMap { token -> HTMLTag? in if case .start(let tag) = token { tag } else { nil } }
        #expect(tags.map(\.name) == ["a", "script", "img", "p"])
        #expect(tags[0]["href"] == "a&b")
        #expect(tags[2]["alt"] == "")
        #expect(tags[3]["id"] == "å")
        #expect(SiteCheck.cssReferences("a{b:url( 'x.png' )} /* url(y.png) */ @import \"z.css\";") == ["x.png", "z.css"])
    }
}

/// The byte search that decides whether text may hold `{{` (it replaced Foundation's search).
@Suite struct ByteSearchTests {
    @Test(arguments: [
        ("", "{{", false), ("{", "{{", false), ("{{", "{{", true), ("a{b{{", "{{", true), ("{a{", "{{", false),
        ("x%7B%7By", "%7B%7B", true), ("%7B%7", "%7B%7B", false), ("Småland {{ params.namn }}", "{{", true),
    ])
    func findsTheBytes(_ text: String, _ needle: String, _ expected: Bool) {
        #expect(text.containsBytes("{{") == text.contains("{{"))
        #expect((needle == "{{" ? text.hasDoubleBrace : text.hasDoubleBraceOrEncoded) == expected)
        #expect(text[...].hasDoubleBrace == text.contains("{{"))
    }
}

@Suite struct TrimmingTests {
    @Test(arguments: [(" \t a b \t", "a b"), ("", ""), ("  \t ", ""), ("x", "x"), ("\tå ä\t", "å ä"), ("a\t", "a")])
    func trimsOnlyTheEnds(_ text: String, _ expected: String) {
        #expect(text.trimming(" \t") == expected)
        #expect(text[...].trimming(" \t") == expected)
    }
}
