package import StatikCore
package import StatikFormat

// The values a theme's templates are given, typed: each is made in one place and handed to the
// template engine by one projection (StatikRender's ThemeProjection), under the names the theme
// contract (StatikRender's ThemeContract) declares. `ThemeContractTests` keeps the two equal.

/// A date as a template shows it (`page.published`, …).
package struct ShownDate: Sendable, Equatable {
    package var iso: String
    package var text: String

    package init(_ date: PublishDate, _ language: PublishDate.Language) {
        iso = date.iso
        text = date.text(language)
    }
}

/// A link to a page: `site.footerLinks`, `page.children`.
package struct PageLink: Sendable, Equatable {
    package var title: String
    package var url: String
    /// The page's description (`page.children`), if it has one.
    package var description: String?

    package init(title: String, url: String, description: String? = nil) {
        self.title = title
        self.url = url
        self.description = description
    }
}

/// An entry of a list a page stands in: the menu's entries below a top entry, and the
/// switcher's pages (`page.siblings`). The last entry of a shortened list is `more`: a link to
/// the page that lists them all.
package struct ListEntry: Sendable, Equatable {
    package var title: String
    package var url: String
    package var current = false
    package var active = false
    package var more = false
}

/// What the site's search can be narrowed by, and this page's value (`search_filters:`).
package struct SearchFilter: Sendable, Equatable {
    package var name: String
    package var value: String

    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A top entry of the main menu (`site.menu`).
package struct MenuEntry: Sendable, Equatable {
    package var entry: ListEntry
    /// The menu lists the entry's pages on this page.
    package var open: Bool
    package var children: [ListEntry]
}

/// A page above this one (`page.breadcrumbs`).
package struct Crumb: Sendable, Equatable {
    package var title: String
    package var url: String
    /// The crumb's language when it differs from the page's, else empty.
    package var lang: String
}

/// The same page in another language (`page.translations`).
package struct Translation: Sendable, Equatable {
    package var language: String
    /// The language's own name.
    package var name: String
    package var url: String
    package var title: String
}

/// Statik's words on a page, in the page's language (`page.text`).
package struct PageWords: Sendable, Equatable {
    package var published, updated, nextUpdate, correction: String
    package var skipToContent, menu, mainMenu, breadcrumbs, search: String
    package var allPagesAZ, contents, inThisSection, tableOnPage, pageAddress: String
    package var searching, resultsFound, resultFound, noResults, similarResults, moreResults, searchUnavailable, filterAll: String
    package var revised, nowWithheld, previousVersion, superseded: String

    package init(_ language: Language) {
        let words = ReaderWords.of(language), dates = UIStrings(language)
        published = dates.published
        updated = dates.updated
        nextUpdate = dates.nextUpdate
        correction = dates.correction
        skipToContent = words.skipToContent
        menu = words.menu
        mainMenu = words.mainMenu
        breadcrumbs = words.breadcrumbs
        search = words.search
        allPagesAZ = words.allPagesAZ
        contents = words.contents
        inThisSection = words.inThisSection
        tableOnPage = words.tableOnPage
        pageAddress = words.pageAddress
        searching = words.searching
        resultsFound = words.resultsFound
        resultFound = words.resultFound
        noResults = words.noResults
        similarResults = words.similarResults
        moreResults = words.moreResults
        searchUnavailable = words.searchUnavailable
        filterAll = words.filterAll
        revised = words.revised
        nowWithheld = words.nowWithheld
        previousVersion = words.previousVersion
        superseded = words.superseded
    }
}

/// The words of the dated lists and the calendar, in the site's language (`site.dated.text`).
package struct DatedWords: Sendable, Equatable {
    package var published, updated, nextUpdate, correction, calendar, noPlannedUpdates, subscribe: String
    package var feed, newer, older, page, latest, notFound, toStart: String

    package init(_ strings: UIStrings) {
        published = strings.published
        updated = strings.updated
        nextUpdate = strings.nextUpdate
        correction = strings.correction
        calendar = strings.calendarTitle
        noPlannedUpdates = strings.noPlannedUpdates
        subscribe = strings.subscribe
        feed = strings.feed
        newer = strings.newer
        older = strings.older
        page = strings.pageOf
        latest = strings.latest
        notFound = strings.notFoundText
        toStart = strings.toStart
    }
}
