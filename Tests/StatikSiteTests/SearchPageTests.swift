import Foundation
@testable import StatikSite
@testable import StatikContent
@testable import StatikOutput
@testable import StatikSources
@testable import StatikInspect
@testable import StatikBlocks
@testable import StatikRender
import Testing

/// The search page's A–Ö index: pages and tables in Swedish alphabetical order, a chart's own
/// data table left out (it is its chart's).
@Suite struct SearchPageTests {
    @Test func swedishOrderAndTables() {
        let html = Data(#"<table id="tabell-a" data-statik-table="tabell-a"><caption id="tabell-a-rubrik">Ägare &amp; roller</caption></table><caption id="diagram-x-tabell-rubrik">Diagrammets tabell</caption>"#.utf8)
        let groups = SearchPage.alphabetical(pages: [
            ("om/index.html", "Om statistiken", Data()),
            ("index.html", "Start", html),
            ("z/index.html", "Zebra", Data()),
            ("a/index.html", "Åtgärder", Data()),
        ], root: "/esf/")
        #expect(groups.map(\.letter) == ["O", "S", "Z", "Å", "Ä"])
        #expect(groups.last?.entries.first?.title == "Ägare & roller")
        #expect(groups.last?.entries.first?.url == "/esf/#tabell-a")
        #expect(groups.last?.entries.first?.page == "Start")
        #expect(!groups.flatMap(\.entries).contains { $0.title == "Diagrammets tabell" })
    }

    /// An empty title (a page whose front matter could not be read, a caption of no text) is
    /// listed under #, not a crash (it was one: `Character("")`).
    @Test func anEmptyTitleIsListedUnderHash() {
        let html = Data(#"<caption id="t-rubrik"></caption>"#.utf8)
        let groups = SearchPage.alphabetical(pages: [("a/index.html", "", html), ("b/index.html", "Bygg", Data())], root: "/")
        #expect(groups.map(\.letter) == ["#", "B"])
        #expect(groups.first?.entries.count == 2)
    }
}

/// Pagefind's entry file is written with its keys sorted: the same site, the same bytes.
@Suite struct PagefindEntryTests {
    @Test func keysAreSorted() {
        let a = Data(#"{"version":"1.5.2","languages":{"sv":{"page_count":51,"hash":"sv_1"},"en":{"hash":"en_1","page_count":1}}}"#.utf8)
        let b = Data(#"{"languages":{"en":{"page_count":1,"hash":"en_1"},"sv":{"hash":"sv_1","page_count":51}},"version":"1.5.2"}"#.utf8)
        #expect(SearchIndex.sortedJSON(a) == SearchIndex.sortedJSON(b))
        #expect(String(decoding: SearchIndex.sortedJSON(a), as: UTF8.self) == #"{"languages":{"en":{"hash":"en_1","page_count":1},"sv":{"hash":"sv_1","page_count":51}},"version":"1.5.2"}"#)
    }
}
