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

/// Outputs that clash — a file where another output needs a folder, or two sources of one
/// path — are reported at a source, naming the other, in a build that writes as in one that
/// does not (issue 26: `content/sub/index.html.md` beside `content/sub/index.md` was reported
/// at `public:1:1`, by the file system, while the site was being written).
@Suite struct OutputClashTests {
    @Test(arguments: [false, true])
    func aFileWhereAFolderIsNeededIsReportedAtItsSource(write: Bool) async throws {
        let site = try FixtureSite(name: "Invalid/output-folder-clash").scratchCopy()
        let output = site.appendingPathComponent("public")
        defer { try? FileManager.default.removeItem(at: site) }
        let report = await Site.build(BuildOptions(source: site, write: write))
        #expect(!report.succeeded)
        let files = report.diagnostics.map(\.location.file)
        #expect(files == ["content/404.html", "content/sub/index.html.md", "content/tabeller/tabell.csv.md"], "\(FixtureSite.lines(report.diagnostics))")
        #expect(report.commandLineErrors.isEmpty)
        #expect(!report.diagnostics.contains { $0.text.kind == .couldNotWriteSite })
        #expect(!FileManager.default.fileExists(atPath: output.path), "a failed build writes nothing")
    }

    /// The same whichever of the two is read first: the source that needs the folder is named.
    @Test func eitherOrderNamesTheSameSources() async throws {
        for name in ["a", "z"] {
            let site = FileManager.default.temporaryDirectory.appendingPathComponent("statik-clash-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: site) }
            try FileManager.default.createDirectory(at: site.appendingPathComponent("content/\(name)"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: FixtureSite.root.appendingPathComponent("theme"), to: site.appendingPathComponent("themes/default"))
            try "title: T\nbaseURL: https://example.se/\n".write(to: site.appendingPathComponent("statik.yml"), atomically: false, encoding: .utf8)
            try "---\ntitle: Start\n---\nx\n".write(to: site.appendingPathComponent("content/index.md"), atomically: false, encoding: .utf8)
            // A page whose address is /NAME/x.html/, and a file of content/ at /NAME/x.html.
            try "---\ntitle: X\n---\nx\n".write(to: site.appendingPathComponent("content/\(name)/x.html.md"), atomically: false, encoding: .utf8)
            try "<p>x</p>\n".write(to: site.appendingPathComponent("content/\(name)/x.html"), atomically: false, encoding: .utf8)
            let report = await Site.build(BuildOptions(source: site, write: true))
            #expect(report.diagnostics.map { $0.description(in: .english) } == [
                "content/\(name)/x.html.md:1:1: error: this file is written as /\(name)/x.html/index.html, which needs /\(name)/x.html to be a folder, but content/\(name)/x.html writes a file there; rename or move one of the two",
            ])
        }
    }
}

/// The same problem many times in one file is one line with a count, and finding it stays
/// linear (issue 26: one Markdown line with 20 000 links to a missing page took 88 s and
/// printed 5.6 MB). Measured by counting: the number of problems reported and the size of
/// what is printed, whatever the number of links.
@Suite struct RepeatedProblemTests {
    static func site(links: Int, perLine: Bool) throws -> URL {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("statik-links-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("content"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: FixtureSite.root.appendingPathComponent("theme"), to: site.appendingPathComponent("themes/default"))
        try "title: T\nbaseURL: https://example.se/\n".write(to: site.appendingPathComponent("statik.yml"), atomically: false, encoding: .utf8)
        try "---\ntitle: Start\n---\nx\n".write(to: site.appendingPathComponent("content/index.md"), atomically: false, encoding: .utf8)
        let body = Array(repeating: "[x](finns-inte/)", count: links).joined(separator: perLine ? "\n\n" : " ")
        try "---\ntitle: Länkar\n---\n\(body)\n".write(to: site.appendingPathComponent("content/lankar.md"), atomically: false, encoding: .utf8)
        return site
    }

    @Test(arguments: [false, true])
    func twentyThousandLinksToAMissingPageAreOneWarning(perLine: Bool) async throws {
        let site = try Self.site(links: 20_000, perLine: perLine)
        defer { try? FileManager.default.removeItem(at: site) }
        let report = await Site.build(BuildOptions(source: site, write: false))
        #expect(report.diagnostics.count == 1)
        let printed = report.diagnostics.map { $0.rendered(in: .swedish) }.joined(separator: "\n")
        #expect(printed.utf8.count < 600, "\(printed.utf8.count) bytes")
        #expect(printed.hasPrefix("content/lankar.md:4:1: warning: länken leder till /lankar/finns-inte/, men webbplatsen har ingen sådan sida (och likadant på 19 999 ställen till i den här filen)"))
        #expect(report.diagnostics[0].description(in: .english).hasSuffix("(and the same at 19,999 more places in this file)"))
    }

    /// Up to three places of one problem are each shown; a fourth makes them one line.
    @Test func fewRepeatsAreShownEach() async throws {
        for (links, lines) in [(3, 3), (4, 1)] {
            let site = try Self.site(links: links, perLine: false)
            defer { try? FileManager.default.removeItem(at: site) }
            let report = await Site.build(BuildOptions(source: site, write: false))
            #expect(report.diagnostics.count == lines)
        }
    }

    /// Grouping is of the report, not of the work: the warnings of one page are as many as
    /// its links before they are merged (each is found), and merging them is linear.
    @Test func mergingIsByIdentityNotSourceLine() {
        let line = String(repeating: "[x](finns-inte/) ", count: 20_000)
        let many = (0..<20_000).map { i in
            Diagnostic(.warning, at: SourceLocation(file: "content/a.md", line: 4, column: 1 + 17 * i), Message(.leadsButSiteHasNo, Message(.theLink), "/a/", Message(.nothing)), sourceLine: line)
        }
        let merged = many.merged
        #expect(merged.count == 1)
        #expect(merged[0].location.column == 1)
        #expect(merged[0].moreInFile == 19_999)
    }
}
