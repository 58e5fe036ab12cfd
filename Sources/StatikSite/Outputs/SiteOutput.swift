import Foundation
import StatikCore
import StatikContent
import StatikOutput
import StatikRender

/// A file Statik makes for the whole site once the pages are rendered (the sitemap,
/// robots.txt, the feeds and the release calendar, the search page and its index, the 404
/// page). A new kind is one file with a type that conforms, and one line in
/// `SiteOutputs.registered`.
protocol SiteOutput: Sendable {
    /// The paths it writes, claimed before any page is rendered, so that a page or a file at
    /// one of them is reported at its source (OutputPaths).
    func paths(_ claim: SiteOutputClaim) -> [String]
    /// Writes its files into the site being assembled.
    func write(_ site: SiteOutputContext, into assembly: inout SiteAssembly)
}

/// The outputs every build makes, in the order they are made.
enum SiteOutputs {
    static let registered: [any SiteOutput] = [SitemapOutput(), DatedFilesOutput(), RobotsOutput(), SearchOutput(), CatalogueOutput(), NotFoundOutput(), AliasOutput(), VersionOutput()]
}

/// What a site output knows before the pages are rendered: the settings, the dated lists, the
/// old addresses, and whether the build writes.
struct SiteOutputClaim {
    var config: SiteConfig
    var dated: DatedContent
    var aliases: AliasPlan
    var write: Bool
    /// The site map's pages (a page's previous versions are below it).
    var pages: [PageSource] = []
}

/// What a site output may read: the settings, the planned pages and the inputs, where the
/// build writes (nil: in memory), and the bytes of the pages written as they were rendered.
struct SiteOutputContext {
    var config: SiteConfig
    var plan: PagePlan
    var inputs: SiteInputs
    var output: OutputTransaction?
    var searched: [(path: String, html: Data)]
    /// `--strict`: what would be a warning is an error.
    var strict: Bool
    var siteDirectory: URL
    /// The data tables each page read, by page path (rendered now or kept from the last build):
    /// the pages that show a data file's correction.
    var tablesRead: [String: Set<String>] = [:]
    /// The tables each page publishes, by page path (rendered now or kept from the last
    /// build): the open-data catalogue's datasets.
    var datasets: [String: [PublishedTable]] = [:]
}

/// The site's files as they are assembled after rendering, the problems found doing so, and
/// the render cache to leave beside them.
struct SiteAssembly {
    var files = SiteFiles()
    var diagnostics: [Diagnostic] = []
    var cache: RenderCache?
}
