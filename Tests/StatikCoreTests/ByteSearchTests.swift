import Foundation
import StatikCore
import StatikTestSupport
import Testing

/// `byteRange(of:from:)` finds what Foundation's `range(of:)` finds (a literal search), in
/// texts with letters of several byte lengths, in substrings and from a given index.
@Suite struct ByteSearchTests {
    @Test func findsWhatFoundationFinds() {
        var random = SeededGenerator(seed: 32)
        let pieces = ["{{", "}}", "{", "}", "a", "ö", "€", "𝄞", " ", "suppress", "{#", "@", "\u{00A0}", "e\u{301}"]
        let needles = ["{{", "}}", "{#", "@", "suppress", "ö", "€{", "𝄞"]
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...14, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let needle = needles.randomElement(using: &random)!
            #expect(text.byteRange(of: needle).map(offsets(text)) == text.range(of: needle, options: .literal).map(offsets(text)), "\(text) / \(needle)")
            #expect(text.containsBytes(needle) == (text.range(of: needle, options: .literal) != nil))
            // From each place a character starts, in the text and in a substring of it.
            for from in text.indices {
                let rest = text[from...]
                #expect(text.byteRange(of: needle, from: from).map(offsets(text)) == rest.range(of: needle, options: .literal).map(offsets(text)), "\(text) / \(needle) from \(offsets(text)(from..<from))")
            }
            if let cut = text.indices.randomElement(using: &random) {
                let sub = text[cut...]
                #expect(sub.byteRange(of: needle).map(offsets(text)) == sub.range(of: needle, options: .literal).map(offsets(text)))
            }
        }
    }

    @Test func edges() {
        #expect("".byteRange(of: "{{") == nil)
        #expect("{".byteRange(of: "{{") == nil)
        #expect("x{{".byteRange(of: "{{").map(offsets("x{{")) == 1..<3)
        #expect("{{}}".byteRange(of: "}}", from: "{{}}".index("{{}}".startIndex, offsetBy: 2)).map(offsets("{{}}")) == 2..<4)
        #expect("{{}}".byteRange(of: "{{", from: "{{}}".endIndex) == nil)
        // A bridged text (not stored as UTF-8) is searched too.
        let bridged = NSString(string: "åäö {{ x }}") as String
        #expect(bridged.byteRange(of: "}}").map { bridged[$0] } == "}}")
    }

    private func offsets(_ text: String) -> (Range<String.Index>) -> Range<Int> {
        { text.utf8.distance(from: text.utf8.startIndex, to: $0.lowerBound)..<text.utf8.distance(from: text.utf8.startIndex, to: $0.upperBound) }
    }
}
