package import StatikCore
package import StatikFormat
package import StatikContent
import StatikOutput
import StatikSources
import StatikBlocks

/// What the theme gets to show dates, corrections, drafts, dated lists, feeds and the release
/// calendar: made once per build, read by every page's template.
///
/// Page values: `page.published`, `page.updated`, `page.nextUpdate` (each `iso` and `text`),
/// `page.hasDates`, `page.corrections` (`iso`, `text`, `note`), `page.draft` / `page.scheduled`
/// (the banner's words), `page.listing` (`items`, `pages`, `newer`, `older`, `feed`),
/// `page.calendar` (`entries`, `ics`). Site values, under `site.dated`: `latest` (the newest
/// items of all lists), `feed`, `calendar`, and `text`, the words in the site's language.
package struct DatedContent: Sendable {
    var listings: Listings
    var calendar: ReleaseCalendar
    package var language: PublishDate.Language
    var now: Int64
    /// On the search page: the A–Ö index of pages and tables (`page.searchIndex`).
    package var searchIndex: [(letter: String, entries: [SearchPage.Entry])]?
    /// On the search page: what the search can be narrowed by (`page.filterChoices`).
    package var filterChoices: [FilterChoice]?
    /// Pages shown with a "scheduled" banner: their banner goes when "now" passes.
    package var scheduledPaths: [String] = []
    /// The corrections the data files declare, by lower-case table name: every page whose
    /// queries read the table shows them, and the site's feed carries them.
    package var dataCorrections: [String: [Publishing.Correction]] = [:]
    /// The release records, and each page's revisions (PageRevisions).
    package var revisions = PageRevisions()
    /// On a previous version's page (VersionOutput): what it shows (`page.version`).
    package var version: VersionValues?
    /// Whether the site has any dated list (then it has a feed).
    var hasFeed: Bool { !listings.order.isEmpty }

    package init(listings: Listings, calendar: ReleaseCalendar, language: PublishDate.Language, now: Int64) {
        self.listings = listings
        self.calendar = calendar
        self.language = language
        self.now = now
    }

    static let siteFeedPath = "feed.xml"
    static let latestCount = 5

    private func item(_ item: Listings.Item, map: SiteMap) -> DatedItem {
        DatedItem(
            title: item.title, url: map.url(item.path), date: ShownDate(item.date, language),
            description: item.description.flatMap { $0.isEmpty ? nil : $0 }, updated: item.updated.map { ShownDate($0, language) }
        )
    }

    /// A page's corrections: its own and those of the data tables it read, newest first, each once.
    func corrections(of page: PageSource, tablesRead: Set<String>) -> [Publishing.Correction] {
        var all = page.frontMatter.publishing.corrections
        for table in tablesRead.sorted() {
            for correction in dataCorrections[table] ?? [] where !all.contains(correction) { all.append(correction) }
        }
        return all.enumerated().sorted { ($0.element.date, $1.offset) > ($1.element.date, $0.offset) }.map(\.element)
    }

    /// What `page` shows of its dates, corrections, banners, dated list, the search page's index
    /// and the calendar. `tablesRead`: the data tables the page's queries read (their files'
    /// corrections are shown).
    package func pageValues(for page: PageSource, map: SiteMap, tablesRead: Set<String> = []) -> PageDatedValues {
        let publishing = page.frontMatter.publishing
        // Dates and words in the page's language (an English page among Swedish ones).
        let language = page.language
        let strings = UIStrings(language)
        var values = PageDatedValues()
        values.published = publishing.date.map { ShownDate($0, language) }
        values.updated = publishing.updated.map { ShownDate($0, language) }
        if let d = publishing.nextUpdate, d.endEpochSeconds > now { values.nextUpdate = ShownDate(d, language) }
        values.corrections = corrections(of: page, tablesRead: tablesRead).map { ShownCorrection(date: ShownDate($0.date, language), note: $0.text) }
        if publishing.draft {
            values.draft = strings.draft
        } else if let at = publishing.releaseAt, at.epochSeconds > now {
            values.scheduled = "\(strings.scheduled) \(at.text(language))"
        }
        if let section = listings.sections[page.mapPath] { values.listing = listing(section, page: page.listingPage, map: map) }
        values.searchIndex = searchIndex?.map { group in
            IndexLetter(letter: group.letter, entries: group.entries.map { IndexLetter.Entry(title: $0.title, url: $0.url, onPage: $0.page) })
        }
        values.filterChoices = filterChoices
        values.version = version
        if version == nil {
            values.versions = revisions.links(of: page, map: map)
        } else {
            // A previous version shows its own date (the record's, in its note), never the
            // current page's dates or corrections: a reader would take them for the version's.
            values.published = nil
            values.updated = nil
            values.nextUpdate = nil
            values.corrections = []
        }
        if calendar.isPublished, page.path == calendar.path {
            values.calendar = CalendarValues(
                entries: calendar.entries.map { CalendarValues.Entry(title: $0.title, url: $0.linked ? map.url($0.path) : nil, date: ShownDate($0.date, language)) },
                ics: map.url(calendar.icsPath)
            )
        }
        return values
    }

    /// Page `number` of a dated list.
    private func listing(_ section: Listings.Section, page number: Int, map: SiteMap) -> ListingValues {
        let first = (number - 1) * section.perPage
        let items = section.items.dropFirst(first).prefix(section.perPage).map { item($0, map: map) }
        var listing = ListingValues(items: Array(items), feed: map.url(section.feedPath), number: number, count: section.pageCount)
        if section.pageCount > 1 {
            listing.pages = (1...section.pageCount).map { n in ListingValues.PageNumber(number: n, url: map.url(section.pagePath(n)), current: n == number) }
            if number > 1 { listing.newer = map.url(section.pagePath(number - 1)) }
            if number < section.pageCount { listing.older = map.url(section.pagePath(number + 1)) }
        }
        return listing
    }

    package func siteValues(map: SiteMap) -> SiteDatedValues {
        var values = SiteDatedValues(text: DatedWords(UIStrings(language)))
        if calendar.isPublished { values.calendar = map.url(calendar.path) }
        if hasFeed {
            values.feed = map.url(Self.siteFeedPath)
            let latest = listings.latest(Self.latestCount)
            if !latest.isEmpty { values.latest = latest.map { item($0, map: map) } }
        }
        return values
    }

    /// The files the dated content adds to the site: the Atom feeds and the calendar file.
    /// The paths of `files(config:)`, without making the files.
    package var filePaths: [String] {
        (hasFeed ? [Self.siteFeedPath] + listings.order.map { listings.sections[$0]!.feedPath } : []) + (calendar.isPublished ? [calendar.icsPath] : [])
    }

    /// `pages`: the site's pages, and `tablesRead`, the data tables each read (by path): the
    /// site's feed carries the corrections of pages in no dated list and of data files.
    package func files(config: SiteConfig, pages: [PageSource] = [], tablesRead: [String: Set<String>] = [:]) -> [(path: String, text: String)] {
        var files: [(String, String)] = []
        if hasFeed {
            let listed = Set(listings.all.map(\.path))
            let corrections = Feeds.correctionItems(pages: pages.filter { $0.listingPage == 1 }, listed: listed, tablesRead: tablesRead, dataCorrections: dataCorrections, language: language)
            let revised = revisions.feedItems(pages: pages.filter { $0.listingPage == 1 })
            files.append((Self.siteFeedPath, Feeds.atom(title: config.title, feedPath: Self.siteFeedPath, alternatePath: "", items: listings.all + corrections + revised, config: config)))
            for path in listings.order {
                let section = listings.sections[path]!
                files.append((section.feedPath, Feeds.atom(title: "\(section.title) – \(config.title)", feedPath: section.feedPath, alternatePath: section.path, items: section.items, config: config)))
            }
        }
        if calendar.isPublished { files.append((calendar.icsPath, calendar.ics(config: config))) }
        return files
    }

    /// A page's digest input: what its dated parts show (lists, the latest items, the calendar).
    /// Stable between runs (StableHasher): the render cache keeps it.
    package var digest: StableDigest {
        var hasher = StableHasher()
        for path in listings.order {
            let section = listings.sections[path]!
            hasher.combine(path)
            hasher.combine(reflecting: section.items)
            hasher.combine(section.perPage)
        }
        hasher.combine(reflecting: calendar.entries)
        hasher.combine(calendar.isPublished)
        hasher.combine(scheduledPaths)
        hasher.combine(revisions.digest)
        for (table, corrections) in dataCorrections.sorted(by: { $0.key < $1.key }) {
            hasher.combine(table)
            hasher.combine(reflecting: corrections)
        }
        return hasher.finalize()
    }
}
