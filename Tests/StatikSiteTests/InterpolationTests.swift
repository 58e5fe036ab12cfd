import StatikCore
import StatikMarkdown
import Testing

@testable import StatikContent

/// `InlineValue.pieces` and `interpolate`: the one `{{ … }}` interpolator of prose, link
/// addresses, front matter and chart options, each caller with its own answer.
@Suite struct InterpolationTests {
    private func shown(_ pieces: [MarkdownDocument.Inline]) -> [String] {
        pieces.map { piece in
            switch piece {
            case .text(let text): "text:\(text)"
            case .element(let open, let text, let close): "element:\(open)\(text)\(close)"
            }
        }
    }

    @Test func piecesAreTextAndMarkupInTurn() {
        var seen: [String] = []
        let pieces = InlineValue.pieces(of: "Ar {{ q.ar }} deltog {{ params.namn }} av {{ q.n | heltal }}{{ 1 }} och {{ q.x") { parsed, range in
            switch parsed {
            case .success(let value) where value.source == "params":
                return .text("Åsa")
            case .success(let value):
                seen.append(value.field)
                return .element(open: "<data>", text: value.field, close: "</data>")
            case .failure(.syntax):
                return .text("–")
            case .failure(.unclosed):
                return nil
            }
        }
        #expect(seen == ["ar", "n"])
        #expect(shown(pieces) == ["text:Ar ", "element:<data>ar</data>", "text: deltog Åsa av ", "element:<data>n</data>", "text:– och {{ q.x"])
        #expect(shown(InlineValue.pieces(of: "{{ q.a }}") { _, _ in .element(open: "<b>", text: "x", close: "</b>") }) == ["text:", "element:<b>x</b>", "text:"])
    }

    @Test func nilLeavesTheBracesAsWritten() {
        let text = InlineValue.interpolate("/po/{{ params.slug }}/{{ params.saknas }}/") { parsed, _ in
            guard case .success(let value) = parsed, value.field == "slug" else { return nil }
            return "po-2"
        }
        #expect(text == "/po/po-2/{{ params.saknas }}/")
        #expect(InlineValue.interpolate("Utan värden") { _, _ in "x" } == "Utan värden")
    }
}
