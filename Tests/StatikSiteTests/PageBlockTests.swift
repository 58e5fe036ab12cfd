import Foundation
import StatikCore
import StatikData
import Testing
@testable import StatikSite
@testable import StatikContent
@testable import StatikOutput
@testable import StatikSources
@testable import StatikInspect
@testable import StatikBlocks
@testable import StatikRender

/// A block kind is one type behind `PageBlock`: a new one is rendered, counts its query as
/// used, and reports an unknown query with the nearest name, without a line in PageRenderer.
@Suite struct PageBlockTests {
    /// A kind only this test knows: ```rows NAME shows how many rows the query has.
    enum RowCount: PageBlock {
        static let kind = "rows"
        static let takesSuppressOption = false
        static func render(_ use: PageBlockUse, in context: inout PageBlockContext) -> String? {
            guard let result = context.result(for: use) else { return nil }
            return "<p class=\"rows\">\(result.rows.count) rader</p>\n"
        }
    }

    func render(_ body: String, kinds: [any PageBlock.Type]) throws -> RenderedBody {
        let csv = "region;antal\nSE11;7 674\nSE12;3 021\nSE21;1 200\n"
        let store = try DataStore(tables: [("regioner", try CSVTable(parsing: Array(csv.utf8)))])
        let page = PageSource(file: "content/test.md", path: "test/", frontMatter: FrontMatter(), body: body, bodyLine: 1,
                              folder: "", isIndex: false)
        var renderer = PageRenderer(page: page, store: store, tables: ["regioner"], unsafeHTML: false)
        renderer.blockKinds = kinds
        return renderer.render()
    }

    @Test func aRegisteredKindIsRendered() throws {
        let body = "## Antal\n\n```sql alla\nSELECT region FROM regioner\n```\n\n```rows alla\n```\n"
        let out = try render(body, kinds: PageBlocks.registered + [RowCount.self])
        #expect(out.html.contains("<p class=\"rows\">3 rader</p>"))
        #expect(out.diagnostics.isEmpty, "\(out.diagnostics)")
    }

    /// A heading's id is made from its text as the reader sees it, figures included (issue 30:
    /// `## {{ s.n }} regioner` got the id `regioner`, and search sub-results lost the figure).
    @Test func aHeadingsIdHoldsItsFigures() throws {
        let body = "```sql s\nSELECT count(*) AS n FROM regioner\n```\n\n## Statistik för {{ s.n }} regioner\n\nText.\n"
        let out = try render(body, kinds: PageBlocks.registered)
        #expect(out.html.contains("<h2 id=\"statistik-for-3-regioner\">"), "\(out.html)")
        #expect(out.html.contains("Statistik för <data value=\"3\" data-statik-figure=\"s.n\">3</data> regioner"))
    }

    @Test func anUnregisteredKindIsLeftAsCode() throws {
        let body = "## Antal\n\n```sql alla\nSELECT region FROM regioner\n```\n\n```rows alla\n```\n"
        let out = try render(body, kinds: PageBlocks.registered)
        #expect(!out.html.contains("3 rader"))
        #expect(out.html.contains("<code class=\"language-rows\">"))
        // Without a block that shows it, the query is reported as unused.
        #expect(out.diagnostics.map(\.message) == ["the query 'alla' is not used; show it with ```table alla or {{ alla.column }}, or remove it"])
    }

    @Test func aKindsUnknownQueryNamesTheNearest() throws {
        let body = "## Antal\n\n```sql alla\nSELECT region FROM regioner\n```\n\n```rows allaa\n```\n\n```table alla\nsource: SCB\n```\n"
        let out = try render(body, kinds: PageBlocks.registered + [RowCount.self])
        #expect(out.diagnostics.map(\.description) == ["content/test.md:7:1: error: there is no query 'allaa' on this page; did you mean 'alla'?"])
    }

    @Test func everyKindHasItsOwnWord() {
        let words = PageBlocks.registered.map { $0.kind }
        #expect(Set(words).count == words.count)
        #expect(!words.contains("sql"))
        #expect(words == ["check", "table", "chart"])
    }
}

/// Front matter is read from the page's first lines without splitting its body into lines:
/// the same matter, body and body line as from all its lines, for every way a page can start.
@Suite struct FrontMatterLinesTests {
    @Test(arguments: [
        "---\ntitle: A\n---\nBody\n", "---\ntitle: A\n...\nBody", "---  \ntitle: A\n---\t\n\nBody\n", "---\n---\n", "---\ntitle: A\n---",
        "title: A\n---\n", "---\ntitle: A\n", "", "---", "\n---\ntitle: A\n---\n", "---\r\ntitle: A\r\n---\r\nBody\r\n", "---\ntitle: Å ö\ndescription: x\n---\nä\n",
        "---\ntitle: [\n---\nBody\n",
    ])
    func readsAsFromAllItsLines(_ text: String) {
        var fast: [Diagnostic] = [], slow: [Diagnostic] = []
        let a = FrontMatter.split(text, file: "a.md", diagnostics: &fast)
        let b = FrontMatter.split(text, lines: text.lines, file: "a.md", diagnostics: &slow)
        #expect(a.0.title == b.0.title && a.body == b.body && a.bodyLine == b.bodyLine, "\(text.debugDescription)")
        #expect(fast.map(\.description) == slow.map(\.description))
    }
}
