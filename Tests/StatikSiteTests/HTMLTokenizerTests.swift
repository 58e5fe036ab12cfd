import Testing

@testable import StatikInspect

/// The one HTML tokenizer of `statik check` and `statik diff`. Each case is one where the two
/// tokenizers they had read a page differently from each other or from a browser.
@Suite struct HTMLTokenizerTests {
    private func describe(_ html: String) -> [String] {
        HTMLTokenizer.tokens(html).map { token in
            switch token {
            case .start(let tag): "<\(tag.name)\(tag.attributes.map { " \($0.name)=\($0.value)" }.joined())\(tag.selfClosing ? "/" : "")>@\(tag.line)"
            case .end(let name): "</\(name)>"
            case .text(let text): "'\(text)'"
            case .rawText(let element, let text): "\(element):'\(text)'"
            }
        }
    }

    /// `statik diff` knew only double quotes.
    @Test func attributesQuotedEitherWayOrNotAtAll() {
        #expect(describe("<TD Class='statik-withheld x' data-statik-row=a&amp;b hidden title=\"\">") == ["<td class=statik-withheld x data-statik-row=a&b hidden= title=>@1"])
        // A repeated attribute is left out, as a browser leaves it out.
        #expect(describe("<p id=a id=b>") == ["<p id=a>@1"])
        #expect(describe("<br/><img src=x.png />") == ["<br/>@1", "<img src=x.png/>@1"])
    }

    /// `statik diff` made a tag of a `<` that starts none, and lost the text after it.
    @Test func aLessThanSignThatStartsNoTagIsText() {
        #expect(describe("<p>a < b och c > d</p>") == ["<p>@1", "'a < b och c > d'", "</p>"])
        // `</` and no name: a bogus comment up to `>`, as in a browser.
        #expect(describe("1 <2 </ 3> 4") == ["'1 <2 '", "' 4'"])
    }

    @Test func commentsDoctypesAndInstructionsArePassedOver() {
        #expect(describe("<!DOCTYPE html><?xml version=\"1.0\"?>a<!-- <p> -->b<!---->c<!-->d</p ></>e<!-- aldrig stängd <p>") == [
            "'a'", "'b'", "'c'", "'d'", "</p>", "'e'",
        ])
    }

    /// The contents of script and style are no markup, and end only at their own end tag;
    /// those of title and textarea are text with references decoded (`statik diff` read tags
    /// in them, `statik check` ended a script at `</scripts>`).
    @Test func rawTextElements() {
        #expect(describe("<script>if (a<b) s = \"</scripts>\";</script ><style>p{}</STYLE>") == [
            "<script>@1", "script:'if (a<b) s = \"</scripts>\";'", "</script>", "<style>@1", "style:'p{}'", "</style>",
        ])
        #expect(describe("<title>A <b> &amp; B</title>") == ["<title>@1", "'A <b> & B'", "</title>"])
    }

    @Test func textHasEveryReferenceDecoded() {
        #expect(describe("<p>5&nbsp;% &ndash; 7&#8239;000</p>") == ["<p>@1", "'5\u{A0}% – 7\u{202F}000'", "</p>"])
    }

    @Test func tagsKnowTheirLines() {
        #expect(describe("<p>\nett\n<!--\n-->\n<a\nhref=x>") == ["<p>@1", "'\nett\n'", "'\n'", "<a href=x>@5"])
    }
}

/// `statik diff` reads a page through the tokenizer.
@Suite struct SiteDiffReadingTests {
    /// A void element the diff's own list missed (`<wbr>`) stayed open: the paragraph it was in
    /// never ended, and ran into the next.
    @Test func aVoidElementEndsAtOnce() {
        let page = SiteDiff.read("<main><p>Ett<wbr>två</p><p>Tre</p></main>")
        #expect(page.blocks.map(\.template) == ["Etttvå", "Tre"])
    }

    @Test func singleQuotedMarksAreRead() {
        let page = SiteDiff.read("<main><table data-statik-table='t'><tr><th scope=col data-statik-column=a>A</th></tr><tr data-statik-row='r1'><td class='statik-withheld'>x</td></tr></table></main>")
        #expect(page.tables["t"]?.columns == ["a"])
        #expect(page.tables["t"]?.rows["r1"]?["a"]?.withheld == true)
    }

    /// A changed paragraph is shown by its changed sentences; an abbreviation ends none.
    @Test func aParagraphIsComparedSentenceBySentence() {
        #expect(SiteDiff.sentences("Det gäller t.ex. alla. PO 2 ökade. 7 674 deltog!") == ["Det gäller t.ex. alla.", "PO 2 ökade.", "7 674 deltog!"])
        let (old, new) = SiteDiff.changedSentences("Ett. Två tre. Fyra.", "Ett. Två och tre. Fyra.")
        #expect(old == "Två tre." && new == "Två och tre.")
    }
}
