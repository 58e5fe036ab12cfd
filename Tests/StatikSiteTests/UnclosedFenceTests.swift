import Testing
@testable import StatikSite
@testable import StatikContent
@testable import StatikOutput
@testable import StatikSources
@testable import StatikInspect
@testable import StatikBlocks
@testable import StatikRender

/// `PageRenderer.unclosedFence`: which fence of a query or block is never closed (then all the
/// page below it would be read as SQL or options). Read on the body's bytes.
@Suite struct UnclosedFenceTests {
    @Test func aClosedFenceIsFine() {
        #expect(PageRenderer.unclosedFence("Text\n\n```sql a\nSELECT 1\n```\n\nMer text.\n", openingLine: 3) == nil)
        // A longer closing fence, spaces before and after it, a line saved on Windows.
        #expect(PageRenderer.unclosedFence("```sql a\nSELECT 1\n  `````  \r\n", openingLine: 1) == nil)
        #expect(PageRenderer.unclosedFence("~~~table a\ntitle: Åsele – Övre Norrland\n~~~", openingLine: 1) == nil)
    }

    @Test func aFenceNeverClosedIsNamed() {
        #expect(PageRenderer.unclosedFence("Text\n````sql a\nSELECT 1\n```\nÖvrigt\n", openingLine: 2) == "````")
        #expect(PageRenderer.unclosedFence("   ~~~table a\ntitle: x\n", openingLine: 1) == "~~~")
        // A closing line must hold the fence's mark only.
        #expect(PageRenderer.unclosedFence("```sql a\nSELECT 1\n``` x\n~~~\n", openingLine: 1) == "```")
    }

    @Test func aLineThatIsNoFenceIsNotJudged() {
        #expect(PageRenderer.unclosedFence("Text\n```sql a\n", openingLine: 1) == nil)
        #expect(PageRenderer.unclosedFence("```sql a\n", openingLine: 5) == nil)
        #expect(PageRenderer.unclosedFence("```sql a\n", openingLine: 2) == nil)
        #expect(PageRenderer.unclosedFence("", openingLine: 1) == nil)
        #expect(PageRenderer.unclosedFence("```sql a", openingLine: 0) == nil)
    }
}
