import StatikCore
import StatikMarkdown
import StatikTestSupport
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

    /// `trimming` by bytes (an ASCII set) answers what trimming by Characters answers, also
    /// where a cut space is followed by a combining mark, CR LF, or letters of several bytes.
    @Test func trimmingByBytesIsTrimmingByCharacters() {
        func byCharacters(_ text: Substring, _ set: String) -> String {
            let chars = Set(set)
            guard let start = text.firstIndex(where: { !chars.contains($0) }), let end = text.lastIndex(where: { !chars.contains($0) }) else { return "" }
            return String(text[start...end])
        }
        var random = SeededGenerator(seed: 7)
        let pieces = [" ", "\t", "a", "ö", "\u{301}", "\r", "\n", "\r\n", ".", "𝄞", "\u{00A0}", "x"]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            for set in [" \t", " ", "\t\r\n ", "."] {
                #expect(text.trimming(set) == byCharacters(text[...], set), "\(Array(text.unicodeScalars)) / \(Array(set.unicodeScalars))")
            }
        }
    }

    /// What the braces hold: `source.field`, trimmed, with an optional `| format`.
    @Test func bracesHoldOneSourceAndOneField() {
        func parsed(_ inner: String) -> String {
            switch InlineValue.parse(inner) {
            case .success(let value): "\(value.source).\(value.field)\(value.format == nil ? "" : "|f")"
            case .failure: "fel"
            }
        }
        #expect(parsed(" per_ar.totalt ") == "per_ar.totalt")
        #expect(parsed("\tåren.värde\t") == "åren.värde")
        #expect(parsed("_a.b2") == "_a.b2")
        #expect(parsed(" per_ar.totalt | heltal ") == "per_ar.totalt|f")
        for wrong in ["", " ", "a", "a.", ".b", "a.b.c", "1a.b", "a.2b", "a b.c", "a.b-c", "a..b", "a.b |", "a.b | okänt"] {
            #expect(parsed(wrong) == "fel", "\(wrong)")
        }
    }
}
