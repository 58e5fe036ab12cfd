/// The words Statik itself writes on a page for its readers (not the writer's text): table and
/// chart labels, download links, the theme's navigation. A page gets them in its own language.
public struct ReaderWords: Sendable {
    // Tables
    /// The name of a table without a caption (its `aria-label`).
    public var table: String
    /// A chart's caption number and references to it (`Figur 2`), as `table` is a table's.
    public var figure: String
    public var noData: String
    public var source: String
    public var withheldTitle: String
    public var missingExplained: String
    public var nothingExplained: String
    /// `x` where the data file itself withholds the figure (or one it is made from).
    public var withheldAtSourceExplained: String
    // Downloads
    public var download: String
    public var withTable: @Sendable (String) -> String
    public var withAllTables: String
    /// Where in the page's workbook a table is: `, tabellen på bladet ”Befolkning”`.
    public var onSheet: @Sendable (String) -> String
    // Charts
    public var dataMissing: String
    public var boundaries: String
    public var chartData: String
    public var showTable: String
    // Theme
    public var skipToContent, menu, mainMenu, breadcrumbs, search, allPagesAZ, moreOfTheKind: String
    /// The heading over a section's pages: on the start page, and on any other.
    public var contents, inThisSection: String
    /// In the A–Ö index: a table, and the page it is on (`tabell på sidan Deltagare`).
    public var tableOnPage: String
    /// On a printed page, before its address (`Sidans adress`).
    public var pageAddress: String
    /// Under a map whose regions are links, on a screen only (a printout has no links).
    public var mapRegionsAreLinks: String
    /// The link after the few entries a menu or switcher shows of a long list: to the page
    /// that lists them all (`Alla 5 000 sidor`).
    public var allPages: @Sendable (Int) -> String
    /// The language's own name, as a link to it is labelled (`Svenska`, `English`).
    public var languageName: String
    /// The search page's results, as its script shows them (`{n}`: a number, `{q}`: the
    /// reader's words).
    public var searching, resultsFound, resultFound, noResults, similarResults, moreResults, searchUnavailable: String
    /// A search filter's choice that narrows nothing.
    public var filterAll: String
    /// A page at an old address: its title, and the words before the link to the new one.
    public var movedTitle, movedTo: String
    /// Figures that changed since a release (docs/releases.md): the note's title (and, with
    /// the page's title, the feed entry's), a figure withheld now, and the words before the
    /// link to a page's previous version.
    public var revised, nowWithheld, previousVersion: String
    /// The fragment of a revision's feed entry (`reviderad-2023-05-09`).
    public var revisedFragment: String
    /// On a previous version: the words before the link to the current page.
    public var superseded: String

    public static func of(_ language: Language) -> ReaderWords {
        language == .english ? english : swedish
    }

    public static let swedish = ReaderWords(
        table: "Tabell",
        figure: "Figur",
        noData: "Uppgifter saknas",
        source: "Källa:",
        withheldTitle: "Får inte publiceras",
        missingExplained: "..\u{00A0}= uppgift saknas eller är för osäker för att redovisas",
        nothingExplained: "–\u{00A0}= inget finns att redovisa (värdet är noll)",
        withheldAtSourceExplained: "x\u{00A0}= uppgiften redovisas inte av källan, och inget tal som räknas fram ur den publiceras",
        download: "Ladda ner:",
        withTable: { " med tabellen ”\($0)”" },
        withAllTables: " med alla tabeller på sidan",
        onSheet: { ", den här på bladet ”\($0)”" },
        dataMissing: "Uppgift saknas",
        boundaries: "Kartgränser:",
        chartData: "Diagrammets data",
        showTable: "Visa tabell",
        skipToContent: "Till innehållet",
        menu: "Meny",
        mainMenu: "Huvudmeny",
        breadcrumbs: "Brödsmulor",
        search: "Sök",
        allPagesAZ: "Alla sidor och tabeller A–Ö",
        moreOfTheKind: "Fler sidor av samma slag",
        contents: "Innehåll",
        inThisSection: "I det här avsnittet",
        tableOnPage: "tabell på sidan",
        pageAddress: "Sidans adress",
        mapRegionsAreLinks: "Varje region på kartan är en länk till regionens sida.",
        allPages: { "Alla \(grouped($0, by: "\u{00A0}")) sidor" },
        languageName: "Svenska",
        searching: "Söker …",
        resultsFound: "{n} träffar för ”{q}”",
        resultFound: "1 träff för ”{q}”",
        noResults: "Inga träffar för ”{q}”.",
        similarResults: "Sidor med liknande ord: {n}",
        moreResults: "Visa fler träffar",
        searchUnavailable: "Sökningen kunde inte laddas. Använd förteckningen över alla sidor nedan.",
        filterAll: "Alla",
        movedTitle: "Sidan har flyttat",
        movedTo: "Sidan har flyttat till",
        revised: "Reviderade uppgifter",
        nowWithheld: "redovisas inte längre",
        previousVersion: "Sidans tabeller som de publicerades",
        revisedFragment: "reviderad",
        superseded: "Den här versionen är ersatt av den aktuella sidan:"
    )

    public static let english = ReaderWords(
        table: "Table",
        figure: "Figure",
        noData: "No data",
        source: "Source:",
        withheldTitle: "Withheld from publication",
        missingExplained: "..\u{00A0}= data not available or too uncertain to publish",
        nothingExplained: "–\u{00A0}= nothing to report (the value is zero)",
        withheldAtSourceExplained: "x\u{00A0}= withheld by the source; no figure worked out from it is published",
        download: "Download:",
        withTable: { " with the table “\($0)”" },
        withAllTables: " with all tables on the page",
        onSheet: { ", this one on the sheet “\($0)”" },
        dataMissing: "No data",
        boundaries: "Boundaries:",
        chartData: "The chart's data",
        showTable: "Show table",
        skipToContent: "Skip to content",
        menu: "Menu",
        mainMenu: "Main menu",
        breadcrumbs: "Breadcrumbs",
        search: "Search",
        allPagesAZ: "All pages and tables A–Z",
        moreOfTheKind: "More pages of the same kind",
        contents: "Contents",
        inThisSection: "In this section",
        tableOnPage: "table on the page",
        pageAddress: "This page's address",
        mapRegionsAreLinks: "Each region on the map is a link to the region's page.",
        allPages: { "All \(grouped($0, by: ",")) pages" },
        languageName: "English",
        searching: "Searching …",
        resultsFound: "{n} results for “{q}”",
        resultFound: "1 result for “{q}”",
        noResults: "No results for “{q}”.",
        similarResults: "Pages with similar words: {n}",
        moreResults: "Show more results",
        searchUnavailable: "The search could not be loaded. Use the list of all pages below.",
        filterAll: "All",
        movedTitle: "This page has moved",
        movedTo: "This page has moved to",
        revised: "Revised figures",
        nowWithheld: "no longer published",
        previousVersion: "The page's tables as published",
        revisedFragment: "revised",
        superseded: "This version is superseded by the current page:"
    )
}

/// `5000` as `5 000` (or `5,000`): digits in groups of three.
private func grouped(_ n: Int, by separator: String) -> String {
    let digits = String(n.magnitude)
    var out = n < 0 ? "-" : ""
    for (i, digit) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { out += separator }
        out.append(digit)
    }
    return out
}
