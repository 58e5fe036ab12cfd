import Testing
@testable import StatikCore

@Suite struct CrossReferencesTests {
    let file = "content/sida.md"

    func refs(_ labels: [String], problems: inout [CrossReferences.Problem]) -> CrossReferences {
        CrossReferences(labels: labels.enumerated().map { (i, label) in
            (label, "tabell-\(i)", SourceLocation(file: file, line: 10 * (i + 1), column: 1), label.hasPrefix("fig-") ? .figure : .table)
        }, problems: &problems)
    }

    func plain(_ text: String, _ refs: CrossReferences, words: ReaderWords = .swedish, problems: inout [CrossReferences.Problem]) -> String {
        refs.resolve(text, at: SourceLocation(file: file, line: 3, column: 5), problems: &problems) {
            CrossReferences.word(for: $0, words: words)
        }
    }

    @Test func numbersEachKindInPageOrder() {
        var problems: [CrossReferences.Problem] = []
        let r = refs(["tbl-a", "fig-x", "tbl-b", "fig-y"], problems: &problems)
        #expect(problems.isEmpty)
        #expect(r.caption("Deltagare", label: "tbl-b", words: .swedish) == "Tabell 2: Deltagare")
        #expect(r.caption("Deltagare", label: "fig-y", words: .english) == "Figure 2: Deltagare")
        #expect(r.caption("Utan etikett", label: nil, words: .swedish) == "Utan etikett")
    }

    @Test func referencesBecomeNumbersBeforeOrAfterTheirBlock() {
        var problems: [CrossReferences.Problem] = []
        let r = refs(["tbl-a", "tbl-b"], problems: &problems)
        let text = plain("Se @tbl-b. @Tbl-a visar mer, (@tbl-a).", r, problems: &problems)
        #expect(text == "Se tabell 2. Tabell 1 visar mer, (tabell 1).")
        #expect(problems.isEmpty)
    }

    @Test func linksAndEscapingAreTheCallersChoice() {
        var problems: [CrossReferences.Problem] = []
        let r = refs(["tbl-a"], problems: &problems)
        let html = r.resolve("a<b @tbl-a", at: SourceLocation(file: file), problems: &problems,
                             other: { $0.replacingOccurrences(of: "<", with: "&lt;") }) {
            "<a href=\"#\($0.target.id)\">\(CrossReferences.word(for: $0, words: .swedish))</a>"
        }
        #expect(html == "a&lt;b <a href=\"#tabell-0\">tabell 1</a>")
    }

    @Test func addressesAndCodeSpansAreLeftAlone() {
        var problems: [CrossReferences.Problem] = []
        let r = refs(["tbl-x"], problems: &problems)
        let text = "Skriv till a@tbl-x.se eller `@tbl-x`."
        #expect(plain(text, r, problems: &problems) == text)
        #expect(problems.isEmpty)
    }

    @Test func aMissingLabelIsReportedWhereItIsWithTheNearest() {
        var problems: [CrossReferences.Problem] = []
        let r = refs(["tbl-deltagare"], problems: &problems)
        _ = plain("Se\n  @tbl-deltagre.", r, problems: &problems)
        #expect(problems == [.missing(label: "tbl-deltagre", at: SourceLocation(file: file, line: 4, column: 3), nearest: "tbl-deltagare")])
    }

    @Test func theNearestLabelMayBeOfTheOtherKind() {
        var problems: [CrossReferences.Problem] = []
        let r = refs(["tbl-deltagare"], problems: &problems)
        _ = plain("Se @fig-deltagare.", r, problems: &problems)
        #expect(problems == [.missing(label: "fig-deltagare", at: SourceLocation(file: file, line: 3, column: 8), nearest: "tbl-deltagare")])
    }

    @Test func aLabelIsLettersDigitsAndDashesOnly() {
        var problems: [CrossReferences.Problem] = []
        let r = CrossReferences(labels: [("tbl-a\"b c", "tbl-a\"b c", SourceLocation(file: file, line: 7), .table)], problems: &problems)
        #expect(r.targets.isEmpty)
        #expect(problems.map(\.diagnostic.text).map { $0.text(.swedish) } == ["etiketten 'tbl-a\"b c' får bara ha bokstäver, siffror, '-' och '_'; skriv till exempel 'label: tbl-a-b-c'"])
    }

    @Test func aLabelGivenTwiceNamesBothPlaces() {
        var problems: [CrossReferences.Problem] = []
        _ = refs(["tbl-a", "tbl-a", "namn"], problems: &problems)
        #expect(problems == [
            .duplicate(label: "tbl-a", first: SourceLocation(file: file, line: 10), second: SourceLocation(file: file, line: 20)),
            .badLabel(label: "namn", at: SourceLocation(file: file, line: 30), kind: .table),
        ])
    }

    @Test func problemsAreErrorsInEachLanguage() {
        let missing = CrossReferences.Problem.missing(label: "tbl-deltagre", at: SourceLocation(file: file, line: 4, column: 3), nearest: "tbl-deltagare")
        #expect(missing.diagnostic.location == SourceLocation(file: file, line: 4, column: 3))
        #expect(missing.diagnostic.text.text(.swedish) == "ingen tabell eller figur på sidan har etiketten 'tbl-deltagre'; menade du '@tbl-deltagare'?")
        let twice = CrossReferences.Problem.duplicate(label: "tbl-a", first: SourceLocation(file: file, line: 10), second: SourceLocation(file: file, line: 20))
        #expect(twice.diagnostic.text.text(.english) == "the label 'tbl-a' is already given on line 10; give this block a label of its own")
    }

    @Test func aLabelOfTheOtherKindIsAnErrorWithTheRightPrefix() {
        var problems: [CrossReferences.Problem] = []
        let r = CrossReferences(labels: [("tbl-karta", "tbl-karta", SourceLocation(file: file, line: 7), .figure)], problems: &problems)
        #expect(r.targets.isEmpty)
        #expect(problems.map(\.diagnostic.text).map { $0.text(.swedish) } == ["ett diagrams etikett ska börja med 'fig-', inte 'tbl-karta'; skriv till exempel 'label: fig-karta'"])
    }
}
