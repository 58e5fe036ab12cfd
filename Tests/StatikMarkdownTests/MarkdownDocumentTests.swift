import Foundation
import Synchronization
import Testing

@testable import StatikMarkdown

@Suite struct MarkdownDocumentTests {
    @Test func findsFencedBlocksWithTheirPositions() {
        let doc = MarkdownDocument(markdown: "Text\n\n```sql per_po\nSELECT 1\n```\n\n    indented code\n\n> ```table per_po\n> caption: X\n> ```\n")
        let blocks = doc.fencedCodeBlocks()
        #expect(blocks.map(\.info) == ["sql per_po", "table per_po"])
        #expect(blocks.map(\.line) == [3, 9])
        #expect(blocks[0].literal == "SELECT 1\n")
        #expect(blocks[1].literal == "caption: X\n")
    }

    @Test func generatedHTMLSurvivesSafeModeButAuthorsHTMLDoesNot() {
        let doc = MarkdownDocument(markdown: "<b>author</b>\n\n```table x\n```\n")
        let block = doc.fencedCodeBlocks()[0]
        doc.replace(block, withHTML: "<table><tr><td>gen</td></tr></table>")
        let html = doc.renderHTML()
        #expect(html.contains("<table><tr><td>gen</td></tr></table>"))
        #expect(!html.contains("<b>author</b>"))
        #expect(doc.rawHTML().map(\.literal) == ["<b>", "</b>"])
    }

    @Test func unsafeModeLetsAuthorsHTMLThrough() {
        let doc = MarkdownDocument(markdown: "<b>author</b>\n", options: .init(unsafeHTML: true))
        #expect(doc.renderHTML().contains("<b>author</b>"))
    }

    @Test func textRewritesAreEscapedAndNeverParsed() {
        let doc = MarkdownDocument(markdown: "Värde: {{ x }} och `{{ kod }}`.\n")
        var seen: [String] = []
        doc.rewriteText { text, _, _ in
            seen.append(text)
            return text.replacingOccurrences(of: "{{ x }}", with: "<script>*a*</script>")
        }
        let html = doc.renderHTML()
        #expect(html == "<p>Värde: &lt;script&gt;*a*&lt;/script&gt; och <code>{{ kod }}</code>.</p>\n")
        #expect(!seen.contains { $0.contains("kod") }, "code spans are not text")
    }

    @Test func textNodesAreWholeEvenAcrossUnderscoresAndBrackets() {
        // cmark splits text at delimiter runs; consolidation gives the rewriter whole runs.
        let doc = MarkdownDocument(markdown: "Se {{ per_po.andel_kvinnor }} [och] {{ a_b.c }}!\n")
        var texts: [String] = []
        doc.rewriteText { text, line, column in
            texts.append("\(line):\(column):\(text)")
            return nil
        }
        #expect(texts.contains("1:1:Se {{ per_po.andel_kvinnor }} [och] {{ a_b.c }}!"))
    }

    @Test func headingsGetIDsAndAreReported() {
        let doc = MarkdownDocument(markdown: "## Fler män än kvinnor\n\ntext\n\n### Del `två`\n")
        let headings = doc.addHeadingIDs { $0.lowercased().replacingOccurrences(of: " ", with: "-") }
        #expect(headings.map(\.level) == [2, 3])
        #expect(headings.map(\.text) == ["Fler män än kvinnor", "Del två"])
        #expect(headings.map(\.line) == [1, 5])
        let html = doc.renderHTML()
        #expect(html.contains("<h2 id=\"fler-män-än-kvinnor\">"))
        #expect(html.contains("<h3 id=\"del-två\">"))
    }

    @Test func gfmExtensionsAreOn() {
        let html = MarkdownDocument(markdown: "| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~bort~~ https://example.se\n").renderHTML()
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>bort</del>"))
        #expect(html.contains("<a href=\"https://example.se\">"))
    }

    @Test func tagfilterDefusesDangerousTagsEvenWhenHTMLIsAllowed() {
        let html = MarkdownDocument(markdown: "<script>alert(1)</script>\n", options: .init(unsafeHTML: true)).renderHTML()
        #expect(html.contains("&lt;script>"))
    }

    @Test func inlineRewritesSeeOnlyTheTextsThatHoldTheNeedle() {
        let doc = MarkdownDocument(markdown: "Ingen mall här.\n\n*Här {{ a.b }}* och {{ c.d }} men {inte} detta. Ö{{ e.f }}\n")
        var seen: [String] = []
        doc.rewriteTextWithInlines(containing: "{{") { text, _, _ in
            seen.append(text)
            return [.text(text.replacingOccurrences(of: "{{", with: "[").replacingOccurrences(of: "}}", with: "]"))]
        }
        #expect(seen == ["Här {{ a.b }}", " och {{ c.d }} men {inte} detta. Ö{{ e.f }}"])
        let html = doc.renderHTML()
        #expect(html.contains("<p>Ingen mall här.</p>"))
        #expect(html.contains("<em>Här [ a.b ]</em> och [ c.d ] men {inte} detta. Ö[ e.f ]"))
        // Without a needle every text is seen.
        var all = 0
        MarkdownDocument(markdown: "a *b* c\n").rewriteTextWithInlines { _, _, _ in all += 1; return nil }
        #expect(all == 3)
    }

    /// References (`@tbl-…`) are not made inside a link: its text, and an autolink's address,
    /// are left as they are.
    @Test func textInsideLinksCanBeLeftAlone() {
        let doc = MarkdownDocument(markdown: "Se @a, [om @b](#b), <c@d.se> och `@e`.\n")
        var seen: [String] = []
        doc.rewriteTextWithInlines(containing: "@", outsideLinks: true) { text, _, _ in
            seen.append(text)
            return nil
        }
        #expect(seen == ["Se @a, "])
    }
}

/// Documents parsed at the same time on many threads are each parsed as they are alone.
/// cmark-gfm marks the extensions' characters (`~` of strikethrough, `:` and `w` of autolinks)
/// in one table for the whole process at the start of every document's inline parsing, and
/// unmarks them at its end: a page whose parse overlapped the end of another's lost its
/// strikethrough and its links (issue 26, "the same bytes every time").
@Suite struct ConcurrentParseTests {
    @Test func eachDocumentIsParsedAsAlone() {
        let text = String(repeating: "Text ~~struck~~ and https://example.se/a and www.example.se, and *more* text. ", count: 40)
        let alone = MarkdownDocument(markdown: text).renderHTML()
        #expect(alone.contains("<del>struck</del>") && alone.contains("<a href=\"https://example.se/a\">"))
        let short = "a ~~b~~ c"
        let shortAlone = MarkdownDocument(markdown: short).renderHTML()
        #expect(shortAlone == "<p>a <del>b</del> c</p>\n")
        let wrong = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 2_000) { i in
            // Short documents beside long ones: many ends of parsing while others parse.
            let html = MarkdownDocument(markdown: i % 2 == 0 ? text : short).renderHTML()
            if html != (i % 2 == 0 ? alone : shortAlone) { wrong.withLock { $0 += 1 } }
        }
        let count = wrong.withLock { $0 }
        #expect(count == 0, "\(count) of 2000 documents parsed at the same time differ from the same parsed alone")
    }
}

/// The passes that walk blocks only, or skip a page whose Markdown cannot hold what they look
/// for, find what a walk of every node finds.
@Suite struct MarkdownShortcutTests {
    @Test func blocksAreFoundWhereverTheyAreNested() {
        let markdown = "# A\n\n- item\n\n  ## B\n\n  ```table x\n  ```\n\n> ### C\n>\n> | a | b\n> | c | d\n\n1. > - ```sql y\n>     SELECT 1\n>     ```\n\n[^n]: ## D in a footnote?\n\n[^n]\n"
        let doc = MarkdownDocument(markdown: markdown)
        #expect(doc.fencedCodeBlocks().map(\.info) == ["table x", "sql y"])
        #expect(doc.paragraphsOfTableRows() == [12])
        #expect(doc.addHeadingIDs { $0 }.map(\.text) == ["A", "B", "C", "D in a footnote?"])
    }

    @Test func aTextMadeByAnEntityOrAnEscapeIsStillRewritten() {
        for (markdown, expected) in [("a &#64; b\n", ["a @ b"]), ("x \\@ y\n", ["x @ y"]), ("&#123;&#123; v }}\n", [] as [String]), ("no needle\n", [])] {
            var seen: [String] = []
            MarkdownDocument(markdown: markdown).rewriteTextWithInlines(containing: "@") { text, _, _ in
                seen.append(text)
                return nil
            }
            #expect(seen == expected, "\(markdown)")
        }
        var braces: [String] = []
        MarkdownDocument(markdown: "&#123;&#123; v }} and \\{\\{ w }}\n").rewriteTextWithInlines(containing: "{{") { text, _, _ in
            braces.append(text)
            return nil
        }
        #expect(braces == ["{{ v }} and {{ w }}"])
    }

    @Test func linksAreRewrittenAfterTheTextAroundThemChanged() {
        let doc = MarkdownDocument(markdown: "See [a {{p}}](/x/{{p}}/) and ![i](y.png) @here.\n")
        #expect(doc.links().map(\.destination) == ["/x/{{p}}/", "y.png"])
        doc.rewriteTextWithInlines(containing: "{{") { _, _, _ in [.text("A"), .element(open: "<data>", text: "B", close: "</data>")] }
        doc.rewriteTextWithInlines(containing: "@") { _, _, _ in [.text("C")] }
        var urls: [String] = []
        doc.rewriteURLs { url, _, _ in urls.append(url); return "/z/" }
        #expect(urls.count == 2)
        #expect(doc.renderHTML().contains("href=\"/z/\""))
        #expect(doc.renderHTML().contains("src=\"/z/\""))
    }
}
