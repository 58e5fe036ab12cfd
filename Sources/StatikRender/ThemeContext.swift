package import StatikContent
import StatikCore

/// What a page's templates are given, typed (the names are ThemeContract's; ThemeProjection
/// hands it to the template engine). Lives for the rendering of one page.
package struct PageContext {
    package var title: String
    package var url: String
    /// Its full address (the base URL and its path), as a printout gives it.
    package var address: String
    /// Its body as HTML.
    package var content: String
    package var description: String?
    package var breadcrumbs: [Crumb]
    package var isHome: Bool
    /// The heading over the pages made from the same file.
    package var switcher: String
    package var language: String
    /// The site's language when the page is in another, else empty.
    package var siteLanguage: String
    package var text: PageWords
    package var translations: [Translation]
    package var sourcePath: String
    /// `search_filters:`, in order of name.
    package var searchFilters: [SearchFilter]
    package var dated: PageDatedValues
    /// A section's pages, and the pages made from the same file: made only if a template reads
    /// them (they grow with the site).
    package var children: () -> [PageLink]
    package var siblings: () -> [ListEntry]
}

/// What every page's templates are given of the site (`site`).
/// Every value but `menu` (which marks the page's own entry) is the same on every page of a
/// build: PartialCacheCheck lets a cached partial read them without a key. A value added here
/// that differs from page to page must be added to its exceptions (`covers`).
package struct SiteContext {
    package var title: String
    package var language: String
    package var baseURL: String
    package var root: String
    package var edition: String
    package var isIntranet: Bool
    package var titleSuffix: String
    package var robots: String
    package var banner: String
    package var menu: [MenuEntry]
    package var dated: SiteDatedValues
    package var footer: String
    /// The search page's address, or empty.
    package var search: String
    package var footerLinks: [PageLink]
}

extension PageContext {
    /// The context of `page`, whose body is `content` and whose queries read `tablesRead`.
    package init(_ page: PageSource, content: String, tablesRead: Set<String>, map: SiteMap, config: SiteConfig, dated: DatedContent) {
        let path = page.mapPath
        title = page.frontMatter.title
        url = map.url(page.path)
        address = config.absoluteURL(page.path)
        self.content = content
        description = page.frontMatter.description
        breadcrumbs = map.breadcrumbs(for: path)
        isHome = page.isHome
        switcher = page.frontMatter.switcher ?? ReaderWords.of(page.language).moreOfTheKind
        language = page.language.rawValue
        // The site's own words (its title, the footer) are in the site's language: on a page in
        // another language they are marked as such (WCAG 3.1.2).
        siteLanguage = page.language == (Language(code: config.language) ?? .swedish) ? "" : config.language
        text = PageWords(page.language)
        translations = map.translations(of: path)
        sourcePath = page.file
        searchFilters = page.frontMatter.searchFilters.map { SearchFilter(name: $0.name, value: $0.value) }
        self.dated = dated.pageValues(for: page, map: map, tablesRead: tablesRead)
        // (A previous version shows the old tables, not the current page's notes.)
        if dated.version == nil { self.dated.revisions = dated.revisions.revisions(of: page, content: content) }
        children = { map.children(of: path) }
        siblings = { map.siblings(of: path) }
    }
}

extension SiteContext {
    /// The site as the page at `current` (its place in the site map) shows it.
    package init(current: String, map: SiteMap, config: SiteConfig, dated: DatedContent) {
        let siteLanguage = Language(code: config.language) ?? .swedish
        title = config.title
        language = config.language
        baseURL = config.baseURL
        root = config.root
        edition = config.edition.rawValue
        isIntranet = config.edition == .intranet
        titleSuffix = config.titleSuffix
        robots = config.robots ?? ""
        banner = config.banner ?? ""
        menu = map.menu(current: current)
        self.dated = dated.siteValues(map: map)
        footer = config.footer ?? config.title
        search = config.search ? map.url(siteLanguage == .english ? "search/" : "sok/") : ""
        footerLinks = map.footerLinks
    }
}
