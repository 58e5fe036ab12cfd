import Testing
@testable import StatikCore

/// Both catalogues are complete: every kind has words in English and Swedish (the switches
/// make that a compile error otherwise), with the same values, and Swedish is not English.
@Suite struct CatalogueTests {
    static func placeholders(_ template: String) -> Set<Int> {
        var found = Set<Int>()
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            rest = rest[rest.index(after: open)...]
            if let close = rest.firstIndex(of: "}"), let n = Int(rest[..<close]) { found.insert(n) }
        }
        return found
    }

    @Test(arguments: MessageKind.allCases)
    func bothLanguagesHaveTheSameValues(_ kind: MessageKind) {
        let english = Catalogue.template(kind, .english), swedish = Catalogue.template(kind, .swedish)
        #expect(Self.placeholders(english) == Self.placeholders(swedish), "\(kind): '\(english)' / '\(swedish)'")
        // Values are numbered from 1 without gaps, so that no value is left out of the text.
        let numbers = Self.placeholders(english)
        #expect(numbers == Set(numbers.isEmpty ? [] : Array(1...numbers.max()!)), "\(kind)")
    }

    /// Swedish text is Swedish: only kinds that are all values, punctuation or code words read
    /// the same in both languages.
    @Test func swedishIsTranslated() {
        let same = MessageKind.allCases.filter { Catalogue.template($0, .english) == Catalogue.template($0, .swedish) }
        #expect(Set(same) == [.nothing, .wordSQL, .concat, .colonList, .optionColon, .sqliteSays, .yaml, .wordText, .aName, .mapColumns, .mapEditions, .mapListing, .mapSuppress, .mapEditionsOf, .mapTemporal, .quotedName])
    }

    @Test func valuesFillTheTemplateInTheMessagesLanguage() {
        let inner = Message(.wordOptions)
        let message = Message(.blockNeverClosedAllPage, "table", inner, "```")
        #expect(message.text(.english) == "this ```table block is never closed, so all the page below it was read as options; add a line ``` after its last line")
        #expect(message.text(.swedish) == "det här ```table-blocket avslutas aldrig, så hela sidan nedanför lästes som inställningar; lägg till en rad ``` efter blockets sista rad")
        #expect(Message(.noQueryItsQueriesAre, "x", ["a", "b"]).text(.swedish) == "det finns ingen fråga 'x' på sidan; sidans frågor är: a, b")
        // Braces that are no value's number stay as they are.
        #expect(Message(.sharesMustShareCountPairs).text(.english).contains("{andel_kvinnor: kvinnor}"))
    }

    @Test func aMessageIsFoundByItsKindInsideAnother() {
        let message = Message(.query, "q", Message(.sqlNoSuchTable, "ojamn", ["a"]))
        #expect(message.find(.sqlNoSuchTable)?.value(1) == "ojamn")
        #expect(message.find(.sqlNoSuchColumn) == nil)
    }

    @Test func theLanguageIsChosenByFlagThenSiteThenEnvironment() {
        #expect(Language.forMessages(flag: .english, site: .swedish, environment: [:]) == .english)
        #expect(Language.forMessages(flag: nil, site: .swedish, environment: ["LANG": "en_GB.UTF-8"]) == .swedish)
        #expect(Language.forMessages(flag: nil, site: nil, environment: ["LANG": "en_GB.UTF-8"]) == .english)
        #expect(Language.forMessages(flag: nil, site: nil, environment: ["LC_ALL": "sv_SE.UTF-8", "LANG": "en_US"]) == .swedish)
        #expect(Language.forMessages(flag: nil, site: nil, environment: ["LANG": "C"]) == .swedish)
        #expect(Language(code: "sv-SE") == .swedish && Language(code: "de") == nil)
    }
}
