import StatikCore
import StatikData
import Foundation
import StatikSite
@testable import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender
import Testing

/// The output folder is replaced all or nothing.
@Suite struct OutputTests {
    @Test func aFailedBuildLeavesThePreviousSiteAsItWas() async throws {
        let site = try FixtureSite(name: "queries").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("public")

        let first = await Site.build(BuildOptions(source: site))
        #expect(first.succeeded)
        let page = output.appendingPathComponent("esf/deltagare/index.html")
        let before = try Data(contentsOf: page)

        // Break a query: the build fails, names the line, and writes nothing.
        let markdown = site.appendingPathComponent("content/esf/deltagare.md")
        let text = try String(contentsOf: markdown, encoding: .utf8)
        try text.replacingOccurrences(of: "SELECT sum(totalt) AS deltagare", with: "SELECT sum(totalt AS deltagare")
            .write(to: markdown, atomically: true, encoding: .utf8)
        let second = await Site.build(BuildOptions(source: site))
        #expect(!second.succeeded)
        #expect(second.diagnostics.errors.map(\.description) == [
            "content/esf/deltagare.md:13:19: error: in query 'totalt': the SQL cannot be read near 'AS'; check the commas, quotes and brackets there",
        ])
        #expect(try Data(contentsOf: page) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.contains("-statik-") }
        #expect(leftovers.isEmpty, "no staging folders are left behind")
    }

    /// A build that writes puts each page on disk as soon as it is rendered; the folder it
    /// publishes holds exactly the files, and the bytes, of a build in memory.
    @Test(arguments: ["pages", "charts"])
    func writtenSiteIsTheSiteBuiltInMemory(fixture name: String) async throws {
        let site = try FixtureSite(name: name).scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("out/site")
        let memory = await Site.build(BuildOptions(source: site, write: false))
        let written = await Site.build(BuildOptions(source: site, output: output.path, jobs: 3))
        #expect(memory.succeeded && written.succeeded)
        #expect(memory.diagnostics == written.diagnostics)
        var onDisk: [String] = []
        walkFolder(output.path) { relative, entry in if entry == .file { onDisk.append(relative) } }
        #expect(onDisk.sorted() == (memory.files.paths + [".statik-manifest", ".statik-cache"]).sorted())
        for path in memory.files.paths {
            let bytes = FileManager.default.contents(atPath: output.appendingPathComponent(path).path)
            #expect(bytes == memory.files.contents(of: path), "\(path) differs")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)
        #expect(leftovers == ["site"], "no staging folders are left behind")
    }

    @Test func strictFailsOnWarnings() async throws {
        let report = try await FixtureSite(name: "Invalid/headings").build(strict: false)
        #expect(report.succeeded, "warnings alone do not fail a normal build")
        let strict = try await FixtureSite(name: "Invalid/headings").build(strict: true)
        #expect(!strict.succeeded)
    }
}

/// The agency's own site, in content/, builds with no error and no warning.
@Suite struct ExampleSiteTests {
    @Test func buildsCleanly() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let report = await Site.build(BuildOptions(source: root, strict: true, write: false))
        #expect(report.diagnostics.isEmpty, "\(FixtureSite.lines(report.diagnostics))")
        #expect(report.pages >= 13)
    }
}

@testable import StatikSite

/// Which earlier queries a query reads: only names in table position count.
@Suite struct QueryReferenceTests {
    @Test(arguments: [
        ("SELECT sum(totalt) FROM per_po", ["per_po"]),
        ("SELECT a.x, b.y FROM per_po a JOIN \"andel\" b ON a.k = b.k", ["per_po", "andel"]),
        ("SELECT totalt FROM deltagare_po WHERE x IN (SELECT y FROM per_po)", ["deltagare_po", "per_po"]),
        ("SELECT 'FROM per_po' AS t -- FROM andel\nFROM x, y WHERE z", ["x", "y"]),
        ("WITH q AS (SELECT 1 FROM a) SELECT * FROM q, b", ["a", "q", "b"]),
        // Read with the one SQL lexer (SQLLexer): a parameter named like a keyword is no
        // keyword, a doubled quote is one quote of the name, a block comment is no SQL.
        ("SELECT * FROM t WHERE ar >= :from AND ar <= :to", ["t"]),
        ("SELECT * FROM \"per \"\"po\"\"\", [andel] /* , x */", ["per \"po\"", "andel"]),
        // A table named with its schema is the table (before, `main.t` hid `t` from disclosure
        // control and from the render cache), and a FROM list goes on after a subquery.
        ("SELECT grupp, antal FROM main.t", ["main", "t"]),
        ("SELECT * FROM \"main\".\"t\" JOIN main . [u] ON 1", ["main", "t", "u"]),
        ("SELECT * FROM main./* x */t", ["main", "t"]),
        ("SELECT s.one, t.antal FROM (SELECT 1 AS one) AS s, t", ["select", "t"]),
        ("SELECT * FROM json_each('[1]'), t, (SELECT 1 FROM u) v, w WHERE x IN (SELECT 1 FROM z)", ["json_each", "t", "select", "u", "w", "z"]),
        ("SELECT * FROM a LEFT JOIN (b JOIN c ON 1) ON 1", ["a", "b", "c"]),
        ("SELECT * FROM ((a), (b, c))", ["a", "b", "c"]),
        ("SELECT count(*), (SELECT max(antal) FROM t) FROM u", ["t", "u"]),
        ("SELECT * FROM a JOIN b ON a.x = b.x AND a.y IN (1, 2), c", ["a", "b", "c"]),
        ("SELECT * FROM a JOIN b USING (x, y), c WHERE d IN (1, 2)", ["a", "b", "c"]),
    ])
    func tableReferences(sql: String, expected: [String]) {
        #expect(QueryBlock.tableReferences(in: sql) == Set(expected.map { SQLName($0) }))
    }

    @Test func aColumnNamedLikeAQueryIsNotAUse() {
        let totalt = QueryBlock(name: "totalt", sql: "SELECT 1 AS totalt", line: 1, column: 1)
        let perPO = QueryBlock(name: "per_po", sql: "SELECT totalt FROM deltagare_po", line: 3, column: 1)
        #expect(perPO.composed(earlier: [totalt]).uses.isEmpty)
    }
}

/// The site a build replaces is removed on all cores, without following links out of it.
@Suite struct RemoveTreeTests {
    @Test func removesTheTreeButNotWhatItsLinksPointTo() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("statik-remove-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: base) }
        let outside = base.appendingPathComponent("outside")
        let tree = base.appendingPathComponent("old-site")
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: outside.appendingPathComponent("keep.txt"))
        for i in 0..<50 {
            let folder = tree.appendingPathComponent("p/s\(i)")
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data("<p>\(i)</p>".utf8).write(to: folder.appendingPathComponent("index.html"))
        }
        try fm.createSymbolicLink(atPath: tree.appendingPathComponent("p/link").path, withDestinationPath: outside.path)
        try fm.createSymbolicLink(atPath: tree.appendingPathComponent("file-link").path, withDestinationPath: outside.appendingPathComponent("keep.txt").path)
        SiteFiles.removeTree(tree.path)
        #expect(!fm.fileExists(atPath: tree.path))
        #expect(fm.contents(atPath: outside.appendingPathComponent("keep.txt").path) == Data("keep".utf8))
    }
}

/// Templates escape values with Statik's escaper: the same five characters, the same way.
@Suite struct TemplateEscapingTests {
    @Test func valuesAreEscapedAndTripleBracesAreNot() throws {
        let fm = FileManager.default
        let site = fm.temporaryDirectory.appendingPathComponent("statik-escape-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: site) }
        let templates = site.appendingPathComponent("themes/t/templates")
        try fm.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("{{#items}}\n<b>{{.}}</b>{{{.}}}\n{{/items}}\n".utf8).write(to: templates.appendingPathComponent("page.mustache"))
        var diagnostics: [StatikCore.Diagnostic] = []
        let theme = try #require(Theme.load(name: "t", siteDirectory: site, setAt: StatikCore.SourceLocation(file: "statik.yml"), diagnostics: &diagnostics))
        // `items` is no name a page is given (ThemeContract): said, and the theme still renders.
        #expect(diagnostics.map(\.message) == ["the template uses the name 'items', which a page does not have (docs/themes.md lists the names)"])
        let html = theme.render(TemplateObject(["items": ["<a href=\"x\">Tom & Jerry's</a>", "Småland"]]), template: "page")
        #expect(html == "<b>&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;</b><a href=\"x\">Tom & Jerry's</a>\n<b>Småland</b>Småland\n")
    }
}
