import StatikMustache
import StatikContent

/// The one place a page's typed context (SiteContext, PageContext, the page's parameters)
/// meets the template engine, under the names ThemeContract declares: each typed value answers
/// Mustache's lookups itself, through a table of its names made once per type
/// (`TemplateFields`), so that a menu of 200 entries on each of 10 000 pages is not 2 000 000
/// dictionaries made and dropped. A value that is absent (nil) is not given at all:
/// `{{#page.description}}` is then false.
package enum ThemeProjection {
    package static func context(site: SiteContext, page: PageContext, params: [String: String]) -> TemplateObject {
        TemplateObject(["site": site, "page": project(page), "params": TemplateObject(params)])
    }

    /// A page's own values; its children and siblings are made only if a template reads them.
    static func project(_ page: PageContext) -> LazyContext {
        var values: [String: Any] = [:]
        for name in PageContext.templateFields.names {
            if let value = PageContext.templateFields.value(name, of: page) { values[name] = value }
        }
        let children = page.children, siblings = page.siblings
        return LazyContext(values, lazy: ["children": { children() }, "siblings": { siblings() }])
    }
}

/// A typed value's names for the template engine, and how to read each: made once per type.
struct TemplateFields<Value>: Sendable {
    let names: [String]
    private let readers: [String: @Sendable (Value) -> Any?]

    init(_ fields: KeyValuePairs<String, @Sendable (Value) -> Any?>) {
        names = fields.map(\.key)
        readers = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.value) })
    }

    /// The value of `name` in `value`; nil when it has no such name or the value is absent.
    func value(_ name: String, of value: Value) -> Any? {
        guard let read = readers[name], let found = read(value) else { return nil }
        return found
    }
}

/// A value a template reads by its names (`TemplateFields`).
protocol TemplateValue: TemplateParent {
    static var templateFields: TemplateFields<Self> { get }
}

extension TemplateValue {
    func child(named name: String) -> Any? { Self.templateFields.value(name, of: self) }
}

extension PageContext {
    /// All but `children` and `siblings`, which ThemeProjection makes when they are read.
    static let templateFields = TemplateFields<PageContext>([
        "title": { $0.title }, "url": { $0.url }, "address": { $0.address }, "content": { $0.content },
        "description": { $0.description }, "breadcrumbs": { $0.breadcrumbs }, "isHome": { $0.isHome },
        "switcher": { $0.switcher }, "language": { $0.language }, "siteLanguage": { $0.siteLanguage },
        "text": { $0.text }, "translations": { $0.translations }, "sourcePath": { $0.sourcePath }, "searchFilters": { $0.searchFilters },
        "published": { $0.dated.published }, "updated": { $0.dated.updated }, "nextUpdate": { $0.dated.nextUpdate },
        "hasDates": { $0.dated.hasDates }, "corrections": { $0.dated.corrections.isEmpty ? nil : $0.dated.corrections },
        "revisions": { $0.dated.revisions.isEmpty ? nil : $0.dated.revisions }, "hasRevisions": { !$0.dated.revisions.isEmpty },
        "versions": { $0.dated.versions.isEmpty ? nil : $0.dated.versions }, "version": { $0.dated.version },
        "draft": { $0.dated.draft }, "scheduled": { $0.dated.scheduled }, "listing": { $0.dated.listing },
        "searchIndex": { $0.dated.searchIndex }, "filterChoices": { $0.dated.filterChoices }, "calendar": { $0.dated.calendar },
    ])
}

extension SiteContext: TemplateValue {
    static let templateFields = TemplateFields<SiteContext>([
        "title": { $0.title }, "language": { $0.language }, "baseURL": { $0.baseURL }, "root": { $0.root },
        "edition": { $0.edition }, "isIntranet": { $0.isIntranet }, "titleSuffix": { $0.titleSuffix },
        "robots": { $0.robots }, "banner": { $0.banner }, "menu": { $0.menu }, "dated": { $0.dated },
        "footer": { $0.footer }, "search": { $0.search }, "footerLinks": { $0.footerLinks },
    ])
}

extension ShownDate: TemplateValue {
    static let templateFields = TemplateFields<ShownDate>(["iso": { $0.iso }, "text": { $0.text }])
}

extension PageLink: TemplateValue {
    static let templateFields = TemplateFields<PageLink>(["title": { $0.title }, "url": { $0.url }, "description": { $0.description }])
}

extension SearchFilter: TemplateValue {
    static let templateFields = TemplateFields<SearchFilter>(["name": { $0.name }, "value": { $0.value }])
}

extension FilterChoice: TemplateValue {
    static let templateFields = TemplateFields<FilterChoice>(["name": { $0.name }, "values": { $0.values }])
}

extension ListEntry: TemplateValue {
    static let templateFields = TemplateFields<ListEntry>([
        "title": { $0.title }, "url": { $0.url }, "current": { $0.current }, "active": { $0.active }, "more": { $0.more },
    ])
}

extension MenuEntry: TemplateValue {
    static let templateFields = TemplateFields<MenuEntry>([
        "title": { $0.entry.title }, "url": { $0.entry.url }, "current": { $0.entry.current }, "active": { $0.entry.active },
        "more": { $0.entry.more }, "open": { $0.open }, "children": { $0.children },
    ])
}

extension Crumb: TemplateValue {
    static let templateFields = TemplateFields<Crumb>(["title": { $0.title }, "url": { $0.url }, "lang": { $0.lang }])
}

extension Translation: TemplateValue {
    static let templateFields = TemplateFields<Translation>([
        "language": { $0.language }, "name": { $0.name }, "url": { $0.url }, "title": { $0.title },
    ])
}

extension PageWords: TemplateValue {
    static let templateFields = TemplateFields<PageWords>([
        "published": { $0.published }, "updated": { $0.updated }, "nextUpdate": { $0.nextUpdate }, "correction": { $0.correction },
        "skipToContent": { $0.skipToContent }, "menu": { $0.menu }, "mainMenu": { $0.mainMenu }, "breadcrumbs": { $0.breadcrumbs },
        "search": { $0.search }, "allPagesAZ": { $0.allPagesAZ }, "contents": { $0.contents }, "inThisSection": { $0.inThisSection },
        "tableOnPage": { $0.tableOnPage }, "pageAddress": { $0.pageAddress }, "searching": { $0.searching },
        "resultsFound": { $0.resultsFound }, "resultFound": { $0.resultFound }, "noResults": { $0.noResults },
        "similarResults": { $0.similarResults }, "moreResults": { $0.moreResults }, "searchUnavailable": { $0.searchUnavailable },
        "filterAll": { $0.filterAll }, "revised": { $0.revised }, "nowWithheld": { $0.nowWithheld },
        "previousVersion": { $0.previousVersion }, "superseded": { $0.superseded },
    ])
}

extension DatedWords: TemplateValue {
    static let templateFields = TemplateFields<DatedWords>([
        "published": { $0.published }, "updated": { $0.updated }, "nextUpdate": { $0.nextUpdate }, "correction": { $0.correction },
        "calendar": { $0.calendar }, "noPlannedUpdates": { $0.noPlannedUpdates }, "subscribe": { $0.subscribe }, "feed": { $0.feed },
        "newer": { $0.newer }, "older": { $0.older }, "page": { $0.page }, "latest": { $0.latest },
        "notFound": { $0.notFound }, "toStart": { $0.toStart },
    ])
}

extension SiteDatedValues: TemplateValue {
    static let templateFields = TemplateFields<SiteDatedValues>([
        "text": { $0.text }, "calendar": { $0.calendar }, "feed": { $0.feed }, "latest": { $0.latest },
    ])
}

extension DatedItem: TemplateValue {
    static let templateFields = TemplateFields<DatedItem>([
        "title": { $0.title }, "url": { $0.url }, "iso": { $0.date.iso }, "text": { $0.date.text },
        "description": { $0.description }, "updated": { $0.updated },
    ])
}

extension ShownRevision: TemplateValue {
    static let templateFields = TemplateFields<ShownRevision>([
        "table": { $0.table }, "row": { $0.row }, "column": { $0.column }, "old": { $0.old }, "new": { $0.new },
        "nowWithheld": { $0.nowWithheld }, "from": { $0.from }, "to": { $0.to },
    ])
}

extension VersionLink: TemplateValue {
    static let templateFields = TemplateFields<VersionLink>(["date": { $0.date }, "url": { $0.url }])
}

extension VersionValues: TemplateValue {
    static let templateFields = TemplateFields<VersionValues>([
        "date": { $0.date }, "current": { $0.current }, "canonical": { $0.canonical }, "tables": { $0.tables },
    ])
}

extension VersionValues.Table: TemplateValue {
    static let templateFields = TemplateFields<VersionValues.Table>(["caption": { $0.caption }, "columns": { $0.columns }, "rows": { $0.rows }])
}

extension VersionValues.Row: TemplateValue {
    static let templateFields = TemplateFields<VersionValues.Row>(["cells": { $0.cells }])
}

extension VersionValues.Cell: TemplateValue {
    static let templateFields = TemplateFields<VersionValues.Cell>(["text": { $0.text }, "withheld": { $0.withheld }])
}

extension ShownCorrection: TemplateValue {
    static let templateFields = TemplateFields<ShownCorrection>(["iso": { $0.date.iso }, "text": { $0.date.text }, "note": { $0.note }])
}

extension ListingValues: TemplateValue {
    static let templateFields = TemplateFields<ListingValues>([
        "items": { $0.items }, "feed": { $0.feed }, "number": { $0.number }, "count": { $0.count },
        "pages": { $0.pages }, "newer": { $0.newer }, "older": { $0.older },
    ])
}

extension ListingValues.PageNumber: TemplateValue {
    static let templateFields = TemplateFields<ListingValues.PageNumber>(["number": { $0.number }, "url": { $0.url }, "current": { $0.current }])
}

extension IndexLetter: TemplateValue {
    static let templateFields = TemplateFields<IndexLetter>(["letter": { $0.letter }, "entries": { $0.entries }])
}

extension IndexLetter.Entry: TemplateValue {
    static let templateFields = TemplateFields<IndexLetter.Entry>(["title": { $0.title }, "url": { $0.url }, "onPage": { $0.onPage }])
}

extension CalendarValues: TemplateValue {
    static let templateFields = TemplateFields<CalendarValues>(["entries": { $0.entries }, "ics": { $0.ics }])
}

extension CalendarValues.Entry: TemplateValue {
    static let templateFields = TemplateFields<CalendarValues.Entry>([
        "title": { $0.title }, "url": { $0.url }, "linked": { $0.linked }, "iso": { $0.date.iso }, "text": { $0.date.text },
    ])
}

extension TemplateValue {
    /// The names a template may read of this value (ThemeContractTests compares them with the contract).
    var templateNames: [String] { Self.templateFields.names }
}
