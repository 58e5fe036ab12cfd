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

/// `statik diff` on pairs of built sites (Fixtures/Diff/old and new): a cell changed, a row
/// added, rows reordered (no change), a withheld cell published (flagged), a figure in the
/// text changed with its sentence, a page moved to a new address, a page added.
@Suite struct SiteDiffTests {
    static func built(_ name: String) async throws -> URL {
        let site = try FixtureSite(name: "Diff/\(name)").scratchCopy()
        let out = site.appendingPathComponent("public")
        let report = await Site.build(BuildOptions(source: site, output: out.path))
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        return out
    }

    @Test func reportsFigureByFigure() async throws {
        let old = try await Self.built("old"), new = try await Self.built("new")
        defer {
            try? FileManager.default.removeItem(at: old.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: new.deletingLastPathComponent())
        }
        let diff = try SiteDiff.compare(old: old, new: new)
        #expect(!diff.isEmpty)
        #expect(diff.text == """
            Pages: 2 before, 3 after; 1 added, 0 removed, 1 moved, 2 changed.

            + /fakta/  added: Fakta

            /  Start
              Deltagare per region
                SE21 · kvinnor: 70 → 71
                SE12 · kvinnor: x → 50   (!) withheld before, published now: check disclosure control
                SE12 · man: x → 60   (!) withheld before, published now: check disclosure control
                SE11 · kvinnor: x → 40   (!) withheld before, published now: check disclosure control
                SE11 · man: x → 3   (!) withheld before, published now: check disclosure control
                row added: SE22
              Figures in the text:
                summa.kvinnor: 160 → 171 — “Totalt deltog 171 kvinnor.”
              Text: 1 paragraph changed.

            /fakta/om/  Om statistiken (moved from /om/)
              Text: 1 paragraph changed.

            """)
        #expect(diff.html.contains(#"<td class="new">3 (var sekretessmarkerad)</td>"#))
        // The same site twice: nothing differs.
        let same = try SiteDiff.compare(old: old, new: old)
        #expect(same.isEmpty)
        #expect(same.text.hasSuffix("Nothing differs.\n"))
    }

    @Test func aFolderThatIsNotASiteIsAProblem() {
        #expect(throws: SiteDiff.Problem.self) { try SiteDiff.compare(old: URL(fileURLWithPath: "/finns/inte"), new: URL(fileURLWithPath: "/tmp")) }
    }
}
