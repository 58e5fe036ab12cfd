package import StatikCore
package import StatikFormat

/// The dated lists of a site: each section whose `index.md` says `listing: true` lists its
/// pages newest first (`Aktuellt`), `per_page` to a page: the first at the section's address,
/// the next at `sida/2/`, `sida/3/` … below it. The newest items of all lists are the site's
/// latest news (the start page shows them), and each list has an Atom feed.
package struct Listings: Sendable {
    package struct Item: Sendable, Hashable {
        package var path: String
        package var title: String
        package var description: String?
        package var date: PublishDate
        package var updated: PublishDate?
        package var corrections: [Publishing.Correction]
        /// A feed entry of its own for a correction: the fragment that tells it from the page's
        /// entry (`rattelse-1`), nil for a list's item.
        package var fragment: String? = nil
        /// When the entry last changed: its date, update or newest correction.
        package var lastModified: PublishDate { [date, updated, corrections.first?.date].compactMap { $0 }.max() ?? date }

        package init(path: String, title: String, description: String?, date: PublishDate, updated: PublishDate?, corrections: [Publishing.Correction], fragment: String? = nil) {
            (self.path, self.title, self.description, self.date, self.updated, self.corrections, self.fragment) = (path, title, description, date, updated, corrections, fragment)
        }
    }

    package struct Section: Sendable {
        package var path: String
        package var title: String
        package var perPage: Int
        package var items: [Item]
        /// `sida` or `page`: the folder of list pages after the first.
        var pageFolder: String
        package var pageCount: Int { max(1, (items.count + perPage - 1) / perPage) }

        /// The address of list page `number` (1 is the section's own page).
        package func pagePath(_ number: Int) -> String { number == 1 ? path : "\(path)\(pageFolder)/\(number)/" }
        package var feedPath: String { path + "feed.xml" }
    }

    /// By section path, in the order of the pages.
    package var sections: [String: Section] = [:]
    package var order: [String] = []

    /// The folder name of list pages after the first: `sida` (Swedish), `page` (English).
    static func pageFolder(_ language: PublishDate.Language) -> String { language == .english ? "page" : "sida" }

    package init(pages: [PageSource], map: SiteMap, language: PublishDate.Language, diagnostics: inout [Diagnostic]) {
        var byPath: [String: PageSource] = [:]
        for page in pages { byPath[page.path] = page }
        for page in pages {
            guard let listing = page.frontMatter.publishing.listing else { continue }
            guard page.isIndex || page.isHome else {
                if let at = page.frontMatter.locations["listing"] {
                    diagnostics.append(Diagnostic(.warning, at: at, Message(.listingBelongsSectionSIndex), sourceLine: page.sourceLine(at.line)))
                }
                continue
            }
            var items: [Item] = []
            for child in map.children(ofPath: page.path) {
                guard let source = byPath[child] else { continue }
                let publishing = source.frontMatter.publishing
                guard let date = publishing.date else {
                    // A date that could not be read is reported where it is written.
                    if source.frontMatter.locations["date"] != nil { continue }
                    diagnostics.append(.warning(Message(.pageDatedListListingBut, page.path, page.file), at: SourceLocation(file: source.file, line: 1)))
                    continue
                }
                items.append(Item(path: child, title: source.frontMatter.title, description: source.frontMatter.description, date: date, updated: publishing.updated, corrections: publishing.corrections))
            }
            items.sort { ($0.date, $1.title) > ($1.date, $0.title) }
            sections[page.path] = Section(path: page.path, title: page.frontMatter.title, perPage: listing.perPage, items: items, pageFolder: Self.pageFolder(language))
            order.append(page.path)
        }
    }

    /// Pages 2, 3, … of each list: copies of the section's page at their own addresses.
    package func extraPages(of pages: [PageSource]) -> [PageSource] {
        var extra: [PageSource] = []
        for page in pages {
            guard let section = sections[page.path], section.pageCount > 1 else { continue }
            for number in 2...section.pageCount {
                var copy = page
                copy.path = section.pagePath(number)
                copy.listingPage = number
                copy.sectionPath = page.path
                extra.append(copy)
            }
        }
        return extra
    }

    /// The newest items of all lists, each once.
    package func latest(_ count: Int) -> [Item] {
        var seen: Set<String> = []
        let all = order.flatMap { sections[$0]!.items }.filter { seen.insert($0.path).inserted }
        return Array(all.sorted { ($0.date, $1.title) > ($1.date, $0.title) }.prefix(count))
    }

    /// Every item of every list, newest first: the site's feed.
    package var all: [Item] { latest(Int.max) }
}

extension SiteMap {
    /// The paths of a page's children, in menu order.
    func children(ofPath path: String) -> [String] { entries[path]?.children ?? [] }
}
