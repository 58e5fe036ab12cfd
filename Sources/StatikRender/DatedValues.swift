package import StatikContent

// The typed values of the dated content a theme is given (DatedContent makes them; the
// projection is ThemeProjection's, the names ThemeContract's).

/// A page of a dated list (`page.listing.items`, `site.dated.latest`).
package struct DatedItem: Sendable, Equatable {
    package var title: String
    package var url: String
    package var date: ShownDate
    package var description: String?
    package var updated: ShownDate?
}

/// A correction as a page shows it (`page.corrections`).
package struct ShownCorrection: Sendable, Equatable {
    package var date: ShownDate
    package var note: String
}

/// A dated list's page (`page.listing`).
package struct ListingValues: Sendable, Equatable {
    package struct PageNumber: Sendable, Equatable {
        package var number: Int
        package var url: String
        package var current: Bool
    }

    package var items: [DatedItem]
    package var feed: String
    package var number: Int
    package var count: Int
    /// Every page of the list, when there is more than one.
    package var pages: [PageNumber]?
    package var newer: String?
    package var older: String?
}

/// The search page's A–Ö index, by letter (`page.searchIndex`).
package struct IndexLetter: Sendable, Equatable {
    package struct Entry: Sendable, Equatable {
        package var title: String
        package var url: String
        /// For a table: the page it is on.
        package var onPage: String?
    }

    package var letter: String
    package var entries: [Entry]
}

/// On the search page: a filter of the search and every value the site's pages give it.
package struct FilterChoice: Sendable, Equatable {
    package var name: String
    package var values: [String]
}

/// The release calendar's page (`page.calendar`).
package struct CalendarValues: Sendable, Equatable {
    package struct Entry: Sendable, Equatable {
        package var title: String
        /// Its address, once the page is released: a page still to come is announced without a link.
        package var url: String?
        package var date: ShownDate
        package var linked: Bool { url != nil }
    }

    package var entries: [Entry]
    package var ics: String
}

/// What a page shows of its dates, corrections, banners, list and calendar.
package struct PageDatedValues: Sendable, Equatable {
    package var published: ShownDate?
    package var updated: ShownDate?
    package var nextUpdate: ShownDate?
    package var corrections: [ShownCorrection] = []
    /// Figures revised since a release (PageRevisions), oldest first.
    package var revisions: [ShownRevision] = []
    /// Its previous versions, newest first; on a previous version's page, what it shows.
    package var versions: [VersionLink] = []
    package var version: VersionValues?
    package var draft: String?
    package var scheduled: String?
    package var listing: ListingValues?
    package var searchIndex: [IndexLetter]?
    package var filterChoices: [FilterChoice]?
    package var calendar: CalendarValues?
    package var hasDates: Bool { published != nil || updated != nil || nextUpdate != nil }
}

/// The dated lists and the calendar as every page sees them (`site.dated`).
package struct SiteDatedValues: Sendable, Equatable {
    package var text: DatedWords
    package var calendar: String?
    package var feed: String?
    package var latest: [DatedItem]?
}
