import StatikContent

/// The one place a page's typed context (SiteContext, PageContext, the page's parameters)
/// becomes the template engine's objects, under the names ThemeContract declares. A value that
/// is absent (nil) is not given at all: `{{#page.description}}` is then false.
package enum ThemeProjection {
    package static func context(site: SiteContext, page: PageContext, params: [String: String]) -> TemplateObject {
        object(["site": project(site), "page": project(page), "params": TemplateObject(params)])
    }

    /// An object of the values that are present.
    private static func object(_ pairs: KeyValuePairs<String, Any?>) -> TemplateObject {
        var values: [String: Any] = [:]
        for case let (name, value?) in pairs { values[name] = value }
        return TemplateObject(values)
    }

    static func project(_ site: SiteContext) -> TemplateObject {
        object([
            "title": site.title, "language": site.language, "baseURL": site.baseURL, "root": site.root,
            "edition": site.edition, "isIntranet": site.isIntranet, "titleSuffix": site.titleSuffix,
            "robots": site.robots, "banner": site.banner, "menu": site.menu.map(project), "dated": project(site.dated),
            "footer": site.footer, "search": site.search, "footerLinks": site.footerLinks.map(project),
        ])
    }

    static func project(_ page: PageContext) -> LazyContext {
        let dated = page.dated
        let values = object([
            "title": page.title, "url": page.url, "address": page.address, "content": page.content,
            "description": page.description, "breadcrumbs": page.breadcrumbs.map(project), "isHome": page.isHome,
            "switcher": page.switcher, "language": page.language, "siteLanguage": page.siteLanguage,
            "text": project(page.text), "translations": page.translations.map(project), "sourcePath": page.sourcePath,
            "published": dated.published.map(project), "updated": dated.updated.map(project),
            "nextUpdate": dated.nextUpdate.map(project), "hasDates": dated.hasDates,
            "corrections": dated.corrections.isEmpty ? nil : dated.corrections.map(project),
            "draft": dated.draft, "scheduled": dated.scheduled, "listing": dated.listing.map(project),
            "searchIndex": dated.searchIndex.map { $0.map(project) }, "calendar": dated.calendar.map(project),
        ])
        let children = page.children, siblings = page.siblings
        return LazyContext(values.values, lazy: [
            "children": { children().map(project) },
            "siblings": { siblings().map(project) },
        ])
    }

    static func project(_ date: ShownDate) -> TemplateObject {
        object(["iso": date.iso, "text": date.text])
    }

    static func project(_ link: PageLink) -> TemplateObject {
        object(["title": link.title, "url": link.url, "description": link.description])
    }

    static func project(_ entry: ListEntry) -> TemplateObject {
        object(["title": entry.title, "url": entry.url, "current": entry.current, "active": entry.active, "more": entry.more])
    }

    static func project(_ entry: MenuEntry) -> TemplateObject {
        let item = entry.entry
        return object([
            "title": item.title, "url": item.url, "current": item.current, "active": item.active, "more": item.more,
            "open": entry.open, "children": entry.children.map(project),
        ])
    }

    static func project(_ crumb: Crumb) -> TemplateObject {
        object(["title": crumb.title, "url": crumb.url, "lang": crumb.lang])
    }

    static func project(_ translation: Translation) -> TemplateObject {
        object(["language": translation.language, "name": translation.name, "url": translation.url, "title": translation.title])
    }

    static func project(_ words: PageWords) -> TemplateObject {
        object([
            "published": words.published, "updated": words.updated, "nextUpdate": words.nextUpdate, "correction": words.correction,
            "skipToContent": words.skipToContent, "menu": words.menu, "mainMenu": words.mainMenu, "breadcrumbs": words.breadcrumbs,
            "search": words.search, "allPagesAZ": words.allPagesAZ, "contents": words.contents, "inThisSection": words.inThisSection,
            "tableOnPage": words.tableOnPage, "pageAddress": words.pageAddress, "searching": words.searching,
            "resultsFound": words.resultsFound, "resultFound": words.resultFound, "noResults": words.noResults,
            "similarResults": words.similarResults, "moreResults": words.moreResults, "searchUnavailable": words.searchUnavailable,
        ])
    }

    static func project(_ words: DatedWords) -> TemplateObject {
        object([
            "published": words.published, "updated": words.updated, "nextUpdate": words.nextUpdate, "correction": words.correction,
            "calendar": words.calendar, "noPlannedUpdates": words.noPlannedUpdates, "subscribe": words.subscribe, "feed": words.feed,
            "newer": words.newer, "older": words.older, "page": words.page, "latest": words.latest,
            "notFound": words.notFound, "toStart": words.toStart,
        ])
    }

    static func project(_ dated: SiteDatedValues) -> TemplateObject {
        object(["text": project(dated.text), "calendar": dated.calendar, "feed": dated.feed, "latest": dated.latest.map { $0.map(project) }])
    }

    static func project(_ item: DatedItem) -> TemplateObject {
        object([
            "title": item.title, "url": item.url, "iso": item.date.iso, "text": item.date.text,
            "description": item.description, "updated": item.updated.map(project),
        ])
    }

    static func project(_ correction: ShownCorrection) -> TemplateObject {
        object(["iso": correction.date.iso, "text": correction.date.text, "note": correction.note])
    }

    static func project(_ listing: ListingValues) -> TemplateObject {
        object([
            "items": listing.items.map(project), "feed": listing.feed, "number": listing.number, "count": listing.count,
            "pages": listing.pages.map { $0.map(project) }, "newer": listing.newer, "older": listing.older,
        ])
    }

    static func project(_ number: ListingValues.PageNumber) -> TemplateObject {
        object(["number": number.number, "url": number.url, "current": number.current])
    }

    static func project(_ letter: IndexLetter) -> TemplateObject {
        object(["letter": letter.letter, "entries": letter.entries.map { object(["title": $0.title, "url": $0.url, "onPage": $0.onPage]) }])
    }

    static func project(_ calendar: CalendarValues) -> TemplateObject {
        object([
            "entries": calendar.entries.map { entry in
                object(["title": entry.title, "url": entry.url, "linked": entry.linked, "iso": entry.date.iso, "text": entry.date.text])
            },
            "ics": calendar.ics,
        ])
    }
}
