import Foundation
@testable import StatikSite
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
}
