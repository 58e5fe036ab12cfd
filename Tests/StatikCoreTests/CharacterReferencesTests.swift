import Testing

@testable import StatikHTMLText

/// HTML's character references, read as a browser reads them: the one decoder of `statik
/// check`, `statik diff` and the search page. Each case is one where the three decoders Statik
/// had answered differently (or all wrongly).
@Suite struct CharacterReferenceTests {
    @Test func namedReferencesOfHTML() {
        // The search page knew five names, `statik diff` six, `statik check` six others.
        #expect(CharacterReferences.decode("Malm&ouml; &ndash; Lund &amp; Sk&aring;ne&nbsp;&hellip;") == "Malmö – Lund & Skåne\u{A0}…")
        #expect(CharacterReferences.decode("&NotEqualTilde; &fjlig; &lt;") == "\u{2242}\u{0338} fj <")
        #expect(CharacterReferences.decode("&nosuchname; & &;") == "&nosuchname; & &;")
    }

    @Test func numericReferencesWithTheBrowsersRepairs() {
        #expect(CharacterReferences.decode("&#229;&#xE5;&#XE5;&#x1F600;") == "ååå😀")
        #expect(CharacterReferences.decode("&#229 och &#xe5") == "å och å")  // the `;` may be left out
        #expect(CharacterReferences.decode("&#0;&#xD800;&#x110000;&#99999999999;") == "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(CharacterReferences.decode("&#128;&#150;&#x9F;&#x81;") == "€–Ÿ\u{81}")
        #expect(CharacterReferences.decode("&#; &#x; &#a;") == "&#; &#x; &#a;")
    }

    /// Decoded once, from left to right: `&amp;lt;` is the text `&lt;`, not `<`.
    @Test func eachReferenceIsReadOnce() {
        #expect(CharacterReferences.decode("&amp;lt; &amp;#39;") == "&lt; &#39;")
    }

    /// A legacy name without its `;` counts in text; in an attribute, not before `=` or a
    /// letter or digit (a query string's `&copy=2` is no ©).
    @Test func legacyNamesWithoutSemicolon() {
        #expect(CharacterReferences.decode("&copy 2026 &amp &ltx") == "© 2026 & <x")
        #expect(CharacterReferences.decode("?a=1&copy=2&notit;&ampx", inAttribute: true) == "?a=1&copy=2&notit;&ampx")
        #expect(CharacterReferences.decode("?a=1&copy;=2 &amp b", inAttribute: true) == "?a=1©=2 & b")
        #expect(CharacterReferences.decode("&notit;") == "¬it;")
    }

    @Test func textWithoutReferencesIsReturnedAsItIs() {
        #expect(CharacterReferences.decode("Ingen referens här") == "Ingen referens här")
        #expect(CharacterReferences.named.count == 2231)
    }
}
