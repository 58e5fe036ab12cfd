import Testing

@testable import StatikCore

/// The one escaper of Statik's record files (manifest, render cache, output journal).
@Suite struct LineEscapeTests {
    @Test func roundTrips() {
        for text in ["vanlig/fil.html", "a\\b", "rad\nbrytning\r", "\\\\n", "a\\\u{301}b", "e\u{301}\\"] {
            let line = LineEscape.escape(text)
            #expect(!line.contains("\n") && !line.contains("\r"))
            #expect(LineEscape.unescape(line) == text)
        }
    }

    /// The journal's reader read Characters: a backslash followed by a combining mark was one
    /// character to it, and the path's line was dropped; a backslash at the end was let through.
    @Test func aDamagedLineIsNoText() {
        #expect(LineEscape.unescape("a\\x") == nil)
        #expect(LineEscape.unescape("a\\") == nil)
        let backslashAndAccent = "a\\\u{301}"  // a backslash, then a combining acute accent
        #expect(LineEscape.unescape(LineEscape.escape(backslashAndAccent)) == backslashAndAccent)
        #expect(LineEscape.escape(backslashAndAccent).unicodeScalars.count == 4)
    }
}
