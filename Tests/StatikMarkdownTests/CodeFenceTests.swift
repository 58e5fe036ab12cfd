import Testing

@testable import StatikMarkdown

/// `CodeFence`: the one reader of code fences, for intranet blocks (EditionFilter) and for a
/// query or block that is never closed (then all the page below it would be read as SQL or
/// options).
@Suite struct CodeFenceTests {
    @Test func aClosedFenceIsFine() {
        #expect(CodeFence.unclosed(in: "Text\n\n```sql a\nSELECT 1\n```\n\nMer text.\n", openingLine: 3) == nil)
        // A longer closing fence, spaces before and after it, a line saved on Windows.
        #expect(CodeFence.unclosed(in: "```sql a\nSELECT 1\n  `````  \r\n", openingLine: 1) == nil)
        #expect(CodeFence.unclosed(in: "~~~table a\ntitle: Åsele – Övre Norrland\n~~~", openingLine: 1) == nil)
    }

    @Test func aFenceNeverClosedIsNamed() {
        #expect(CodeFence.unclosed(in: "Text\n````sql a\nSELECT 1\n```\nÖvrigt\n", openingLine: 2) == "````")
        #expect(CodeFence.unclosed(in: "   ~~~table a\ntitle: x\n", openingLine: 1) == "~~~")
        // A closing line must hold the fence's mark only.
        #expect(CodeFence.unclosed(in: "```sql a\nSELECT 1\n``` x\n~~~\n", openingLine: 1) == "```")
    }

    @Test func aLineThatIsNoFenceIsNotJudged() {
        #expect(CodeFence.unclosed(in: "Text\n```sql a\n", openingLine: 1) == nil)
        #expect(CodeFence.unclosed(in: "```sql a\n", openingLine: 5) == nil)
        #expect(CodeFence.unclosed(in: "```sql a\n", openingLine: 2) == nil)
        #expect(CodeFence.unclosed(in: "", openingLine: 1) == nil)
        #expect(CodeFence.unclosed(in: "```sql a", openingLine: 0) == nil)
        // A list marker or a `>` before the fence: not judged.
        #expect(CodeFence.unclosed(in: "- ```sql a\n", openingLine: 1, container: 2) == nil)
    }

    /// The page renderer's reader took a closing fence four spaces in for one; CommonMark
    /// reads it as a line of the block, which then runs to the end of the page.
    @Test func aClosingFenceIsAtMostThreeSpacesIn() {
        #expect(CodeFence.unclosed(in: "```sql a\nSELECT 1\n    ```\n", openingLine: 1) == "```")
        #expect(CodeFence.unclosed(in: "```sql a\nSELECT 1\n   ```\n", openingLine: 1) == nil)
        let document = MarkdownDocument(markdown: "```sql a\nSELECT 1\n    ```\nText\n")
        #expect(document.fencedCodeBlocks().first?.literal == "SELECT 1\n    ```\nText\n")
    }

    /// In a list item spaces count from the item's text; a line outside the item ends the
    /// block, unclosed.
    @Test func aFenceInAListItemIsReadInIt() throws {
        let markdown = "- Punkt\n\n  ```sql a\n  SELECT 1\n  ```\n\n- Nästa\n\n  ```sql b\n  SELECT 2\n\nText\n```\n"
        let blocks = MarkdownDocument(markdown: markdown).fencedCodeBlocks()
        // The last line opens a block of its own, at the top of the page.
        #expect(blocks.map(\.container) == [2, 2, 0])
        #expect(!blocks[1].literal.contains("Text"))
        #expect(CodeFence.unclosed(in: markdown, openingLine: blocks[0].line, container: blocks[0].container) == nil)
        #expect(CodeFence.unclosed(in: markdown, openingLine: blocks[1].line, container: blocks[1].container) == "```")
        #expect(CodeFence.unclosed(in: "- a\n\n     ```sql a\n    SELECT 1\n     ```\n", openingLine: 3, container: 2) == nil)
        #expect(CodeFence.unclosed(in: "- a\n\n  ```sql a\n  SELECT 1\n      ```\n", openingLine: 3, container: 2) == "```")
    }

    @Test func opensAsCommonMarkDoes() throws {
        let fence = try #require(CodeFence(opening: "   ````intranet  x"))
        #expect(fence.length == 4 && fence.marks == "````")
        #expect(fence.info(of: "   ````intranet  x") == "intranet  x")
        #expect(CodeFence(opening: "    ```") == nil)  // indented code
        #expect(CodeFence(opening: "``") == nil)
        #expect(CodeFence(opening: "``` a`b") == nil)  // a backtick in a backtick fence's info
        #expect(CodeFence(opening: "~~~ a`b") != nil)
        #expect(fence.role(of: "````") == .closing)
        #expect(fence.role(of: "```") == .content)
        #expect(fence.role(of: "~~~~") == .content)
    }
}
