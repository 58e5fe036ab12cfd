public import Foundation
public import StatikCore
import StatikData
import StatikFormat
public import StatikContent
public import StatikOutput
public import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender

/// What `statik build` is asked to do.
public struct BuildOptions: Sendable {
    /// The site folder: `statik.yml`, `content/`, `themes/`.
    public var source: URL
    /// Where to write, as the user wrote it (relative to the current folder); nil: `output:` of
    /// statik.yml, else `public/` in the site folder. See `OutputFolder` for what is refused.
    public var output: String?
    /// Warnings fail the build too.
    public var strict = false
    /// Write the site to disk (off: build in memory only, as the tests and a preview do).
    public var write = true
    public var edition = Edition.public
    /// How many pages are rendered at a time (default: one per core). The output is the same
    /// whatever the number.
    public var jobs: Int?

    /// Publish drafts and pages whose `publish_at` is still to come, with a banner (a review
    /// build; `statik serve` does by default).
    public var drafts = false
    /// The build's "now", in seconds since 1970 UTC: what is scheduled and what is overdue is
    /// judged by it. nil: `SOURCE_DATE_EPOCH` when it is set (the reproducible-builds
    /// convention), else the clock. Two builds with the same "now" are byte-identical.
    public var now: Int64?
    /// How the build uses its data sources (docs/data-sources.md): their snapshots when
    /// there are some, the sources themselves (`--refresh`), or a pull (`statik pull`).
    public var sourceMode = SourceMode.snapshot
    /// What tells this build of Statik from another (`StatikVersion.buildIdentity`: the version
    /// and the program file): a render cache, workbook or disclosure plan made by another is
    /// not reused. A test may give its own.
    public var toolIdentity = StatikVersion.buildIdentity

    /// The "now" a build uses (see `now`).
    public var resolvedNow: Int64 {
        if let now { return now }
        if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap({ Int64($0.trimmingCharacters(in: .whitespaces)) }) { return epoch }
        return Int64(Date().timeIntervalSince1970.rounded(.down))
    }

    public init(source: URL, output: String? = nil, edition: Edition = .public, strict: Bool = false, write: Bool = true, jobs: Int? = nil, drafts: Bool = false, now: Int64? = nil) {
        self.drafts = drafts
        self.now = now
        self.source = source
        self.output = output
        self.edition = edition
        self.strict = strict
        self.write = write
        self.jobs = jobs
    }
}

/// What a build did: its diagnostics, its counts, and the files it made.
public struct BuildReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var pages = 0
    public var queries = 0
    public var cachedQueries = 0
    /// Pages the last build wrote that were still what they would be now, kept without being
    /// rendered again (the output folder's render cache).
    public var reusedPages = 0
    /// Excel files of pages rendered again that were made from the same tables as the last
    /// build's, kept as they are (KeptWorkbooks), and those made.
    public var keptWorkbooks = 0
    public var madeWorkbooks = 0
    /// How many data checks ran (the data files' and the pages'); each passed unless an error says otherwise.
    public var checks = 0
    /// Includes of cached partials (theme.yml's `cache:`) answered from the build's cache, and
    /// those rendered.
    public var cachedPartials = (reused: 0, rendered: 0)
    /// The disclosure plan's runs of pages: made, and kept from the last plan (a preview's).
    public var planRuns = (ran: 0, kept: 0)
    public var duration = Duration.zero
    /// How long each stage took (settings, content, data, theme, pages, render, assemble, write).
    public var timings = StageTimings()
    /// What `statik pull` wrote: one snapshot per source.
    public var pulled: [PulledSnapshot] = []
    public var output: URL?
    public var files = SiteFiles()
    /// True when the site was (or, with `write: false`, could have been) written.
    public var succeeded = false
    /// The build would have written where it must not (the site folder, a file Statik did not
    /// write, …): nothing was written, and the exit status is 2.
    public var refused = false
    /// Problems with the command line itself (an empty `--output`), printed as
    /// `statik: error: …`; each also refuses the build.
    public var commandLineErrors: [Message] = []
    /// What the user should know that is no problem: a stopped build's site restored.
    public var notes: [Message] = []
    /// The language of the site (`language:` in statik.yml), which its writers read messages
    /// in; nil when the settings could not be read.
    public var language: Language?
    /// Pages waiting for their `publish_at` (file and instant, soonest first).
    public var scheduled: [(file: String, at: String)] = []

    /// 0: built; 1: errors (or warnings with `--strict`); 2: refused.
    public var exitStatus: Int32 { refused ? 2 : succeeded ? 0 : 1 }
}

/// The build pipeline, one stage after another:
/// settings → content → data → theme → page expansion → pages (in parallel) → output.
public enum Site {
    /// Seconds since 1970 of a date as `--now` takes it (`2026-12-01T08:00:00+01:00`, or a day,
    /// taken at its start in UTC); nil when it is not one.
    public static func instant(_ text: String) -> Int64? {
        guard case .success(let date) = PublishDate.parse(text), date.precision == .instant || date.precision == .day else { return nil }
        return date.epochSeconds
    }

    /// A full build: a fresh session, built once.
    public static func build(_ options: BuildOptions) async -> BuildReport {
        await SiteSession(options: options).build()
    }

    struct RenderedPage: Sendable {
        var path: String
        /// The page's bytes: the output is made of these very bytes (the session keeps them for
        /// the next rebuild), so a large site is held in memory once, not twice. Nil when the
        /// page could not be rendered, or when it is already written (a build that writes).
        var html: Data?
        var diagnostics: [Diagnostic]
        var queries: Int
        var tablesRead: Set<String> = []
        var checks = 0
        /// Files beside the page (its tables as CSV and Excel), by name; emptied once written.
        var files: [(name: String, data: Data)] = []
        /// Workbooks of the last build the page keeps as they are (KeptWorkbooks), by name.
        var keptFiles: [(name: String, entry: OutputManifest.Entry)] = []
        /// What each of its workbooks was made from, by name (for the render cache).
        var workbookInputs: [String: StableDigest] = [:]
        /// The text of each workbook made, by name: what the leak check searches.
        var fileTexts: [(name: String, data: Data)] = []
        /// The tables it publishes (the open-data catalogue's datasets).
        var datasets: [PublishedTable] = []
        /// Once written (a build that writes): the paths of its files, `index.html` first.
        var written: [String] = []
        /// The digest of its queries' results, when it is made from them (RenderedBody).
        var results: StableDigest?
    }

    /// Renders `pages`, as many at a time as `jobs` (default: one per core), in page order.
    /// `deliver` is given each page as soon as it is rendered, on the task that rendered it
    /// (a build that writes puts the page in its staging folder there, and drops its bytes).
    static func renderPages(_ pages: [PageSource], store: DataStore, data: DataSet, theme: Theme, map: SiteMap, config: SiteConfig, dated: DatedContent, jobs: Int?, sources: SourceResults = SourceResults(), workbooks: KeptWorkbooks = .none, plan: DisclosurePlan = DisclosurePlan(), environment: RenderEnvironment = RenderEnvironment(), partials: PartialCacheStore = PartialCacheStore(), deliver: (@Sendable (inout RenderedPage) -> Void)? = nil) async -> [RenderedPage] {
        let tables = Set(store.tableNames.map { $0.lowercased() })
        let disclosure = data.disclosure
        let width = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        return await withTaskGroup(of: (Int, RenderedPage).self) { group in
            var results = [RenderedPage?](repeating: nil, count: pages.count)
            var next = 0
            func add() {
                guard next < pages.count else { return }
                let index = next
                let page = pages[index]
                group.addTask {
                    var rendered = renderPage(page, store: store, tables: tables, disclosure: disclosure, theme: theme, map: map, config: config, dated: dated, sources: sources, workbooks: workbooks, plan: plan, environment: environment, partials: partials)
                    deliver?(&rendered)
                    return (index, rendered)
                }
                next += 1
            }
            for _ in 0..<width { add() }
            while let (index, page) = await group.next() {
                results[index] = page
                add()
            }
            return results.compactMap { $0 }
        }
    }

    /// The site's own page for addresses it does not have (`404.html` at its root), from the
    /// theme's `404` template; nil when the theme has none. Every link on it starts at the
    /// site's root, so a web server can show it at any address.
    static func notFoundPage(store: DataStore, data: DataSet, theme: Theme, map: SiteMap, config: SiteConfig, dated: DatedContent) -> RenderedPage? {
        guard theme.templates.contains("404") else { return nil }
        var matter = FrontMatter()
        matter.title = UIStrings(dated.language).notFoundTitle
        matter.menu = .hidden
        matter.layout = "404"
        let page = PageSource(file: "(404.html)", path: "404.html", frontMatter: matter, body: "", bodyLine: 1, folder: "", isIndex: false, isGenerated: true)
        var rendered = renderPage(page, store: store, tables: [], theme: theme, map: map, config: config, dated: dated)
        rendered.path = "404.html"
        return rendered
    }

    /// The search page with its A–Ö index (`SearchPage`), rendered after every other page.
    static func searchPage(_ page: PageSource, index: [(letter: String, entries: [SearchPage.Entry])], filters: [FilterChoice], store: DataStore, data: DataSet, theme: Theme, map: SiteMap, config: SiteConfig, dated: DatedContent) -> RenderedPage? {
        var page = page
        if !theme.templates.contains("search") { page.frontMatter.layout = nil }
        var values = dated
        values.searchIndex = index
        values.filterChoices = filters
        return renderPage(page, store: store, tables: [], theme: theme, map: map, config: config, dated: values)
    }

    /// A page whose content Statik writes itself (the open-data page, CatalogueOutput), in
    /// the theme's layout as any page.
    static func generatedPage(_ page: PageSource, content: String, store: DataStore, theme: Theme, map: SiteMap, config: SiteConfig, dated: DatedContent) -> RenderedPage {
        renderPage(page, content: content, store: store, tables: [], theme: theme, map: map, config: config, dated: dated)
    }

    static func layout(of page: PageSource, theme: Theme) -> String {
        page.frontMatter.layout ?? (page.isHome && theme.templates.contains("home") ? "home" : "page")
    }

    /// The renderer of a page with the site's settings.
    static func renderer(_ page: PageSource, store: DataStore, tables: Set<String>, disclosure: Disclosure, config: SiteConfig, sources: SourceResults) -> PageRenderer {
        var renderer = PageRenderer(page: page, store: store, tables: tables, unsafeHTML: config.unsafeHTML, edition: config.edition, suppressBelow: config.suppressBelow, disclosure: disclosure)
        renderer.sources = sources
        renderer.sourceNames = Dictionary(config.sources.map { ($0.name.lowercased(), $0.name) }, uniquingKeysWith: { a, _ in a })
        renderer.dataTablesSource = config.sources.first(where: \.dataTables)?.name
        renderer.address = config.baseURL + (config.baseURL.hasSuffix("/") ? "" : "/") + page.path
        renderer.contact = config.contact
        return renderer
    }

    /// The site's disclosure plan (DisclosurePlan) for `pages`.
    /// `runs`: the last plan's runs of pages, and `runBase` what they depend on besides the page
    /// (DisclosureStage.runBase); nil: none kept.
    static func disclosurePlan(_ pages: [PageSource], store: DataStore, data: DataSet, config: SiteConfig, sources: SourceResults,
                               runs: PlanRuns = PlanRuns(), runBase: StableDigest? = nil) -> DisclosurePlan {
        let tables = Set(store.tableNames.map { $0.lowercased() })
        let disclosure = data.disclosure
        var digest: (@Sendable (PageSource, Set<String>) -> StableDigest)?
        if let runBase {
            digest = { page, read in DisclosureStage.runDigest(of: page, tables: read, base: runBase, data: data) }
        }
        return DisclosurePlan.make(pages, countTables: Set(disclosure.countColumns.keys), edition: config.edition, runs: runs, digest: digest) { page in
            renderer(page, store: store, tables: tables, disclosure: disclosure, config: config, sources: sources)
        }
    }

    /// The digest of `page`'s query results, run now (PageRenderer.resultsDigest); nil when the
    /// page is not made from them alone.
    static func resultsDigest(_ page: PageSource, store: DataStore, data: DataSet, config: SiteConfig, sources: SourceResults, plan: DisclosurePlan) -> StableDigest? {
        var renderer = renderer(page, store: store, tables: Set(store.tableNames.map { $0.lowercased() }), disclosure: data.disclosure, config: config, sources: sources)
        renderer.sitePartners = plan.partners(for: page)
        return renderer.resultsDigest()
    }

    private static func renderPage(_ page: PageSource, content: String? = nil, store: DataStore, tables: Set<String>, disclosure: Disclosure = Disclosure(), theme: Theme, map: SiteMap, config: SiteConfig, dated: DatedContent, sources: SourceResults = SourceResults(), workbooks: KeptWorkbooks = .none, plan: DisclosurePlan = DisclosurePlan(), environment: RenderEnvironment = RenderEnvironment(), partials: PartialCacheStore? = nil) -> RenderedPage {
        var renderer = Self.renderer(page, store: store, tables: tables, disclosure: disclosure, config: config, sources: sources)
        renderer.keptWorkbooks = workbooks
        renderer.sitePartners = plan.partners(for: page)
        renderer.precomputed = plan.outcomes[page.path]
        renderer.environment = environment
        let body = content.map { RenderedBody(html: $0) } ?? renderer.render()
        // (A table whose data file could not be read is reported once, at the file: RootCauses.)
        var diagnostics = body.diagnostics
        // A file that stands for many pages: say which page each problem in it is on.
        if !page.row.isEmpty {
            let row = page.row.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
            for i in diagnostics.indices where diagnostics[i].location.file == page.file { diagnostics[i].pages = [row] }
        }
        let layout = layout(of: page, theme: theme)
        guard theme.templates.contains(layout) else {
            let known = theme.templates.filter { !$0.contains("/") && $0 != "base" }.sorted().joined(separator: ", ")
            diagnostics.append(Diagnostic(
                .error, at: page.frontMatter.layoutLocation ?? SourceLocation(file: page.file),
                theme.layers.first?.folder == nil
                    ? Message(.builtInThemeHasNoTemplate, layout, known, layout)
                    : Message(.themeHasNoTemplateTemplates, theme.name, layout, theme.folder, layout, known),
                sourceLine: page.frontMatter.layoutLocation.flatMap { page.sourceLine($0.line) }
            ))
            return RenderedPage(path: page.path, html: nil, diagnostics: diagnostics, queries: body.queries, tablesRead: body.tablesRead)
        }
        let pageContext = PageContext(page, content: body.html, tablesRead: body.tablesRead, map: map, config: config, dated: dated)
        let siteContext = SiteContext(current: page.mapPath, map: map, config: config, dated: dated)
        let context = ThemeProjection.context(site: siteContext, page: pageContext, params: page.frontMatter.params.mapValues(\.plainText))
        let html = theme.renderBytes(context, template: layout, cache: partials).map { Data($0) }
        return RenderedPage(path: page.path, html: html, diagnostics: diagnostics, queries: body.queries, tablesRead: body.tablesRead, checks: body.checks, files: body.files,
                            keptFiles: body.keptFiles, workbookInputs: body.workbookInputs, fileTexts: body.fileTexts, datasets: body.datasets, results: body.results)
    }
}
