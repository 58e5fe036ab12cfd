import Testing

@testable import StatikCharts

/// `TextMetrics.width` by code points gives the width it gives by Characters, to the last bit,
/// also where a code point joins the next (CR LF, a combining accent, an emoji with a modifier).
@Suite struct TextMetricsTests {
    @Test func widthByCodePointsIsWidthByCharacters() {
        func byCharacters(_ text: String) -> Double {
            // The table's widths, Character by Character, as the chart code measured before.
            text.reduce(0.0) { $0 + TextMetrics.characterWidth($1) } * 11 * 1.13
        }
        let pieces = ["a", "W", "i", "1", " ", "\u{00A0}", "å", "Ö", "é", "e\u{301}", "–", "−", "‰", "\r", "\n", "\r\n", "ß", "À", "👍🏽", "€", "%", "\u{AD}", "x"]
        var state: UInt64 = 5
        for _ in 0..<5_000 {
            var text = ""
            state = state &* 6364136223846793005 &+ 1442695040888963407
            for k in 0..<Int(state >> 60) { text += pieces[Int((state >> UInt64(k * 5)) % UInt64(pieces.count))] }
            #expect(TextMetrics.width(text, size: 11) == byCharacters(text), "\(Array(text.unicodeScalars))")
        }
    }
}
