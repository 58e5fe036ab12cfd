import Foundation
internal import Synchronization
import StatikCore
import StatikData

/// A site between builds: what each stage made last time, kept so that a rebuild after an edit
/// redoes only what the edit touched. The dev server holds one; `Site.build` makes a fresh one.
///
/// Settings, theme and data are read again only when a file of theirs changed; the content
/// tree and the page expansion are cheap and always made anew. A page is rendered again only
/// when one of its inputs changed: its file and parameters, the settings, the shape of the site
/// (menu, breadcrumbs and lists show other pages' titles), the templates its layout uses, or the
/// data tables its queries read. Everything else is reused, so a rebuild gives the same bytes
/// as a full build.
public actor SiteSession {
    public let options: BuildOptions
    private var directory: URL { options.source.standardizedFileURL }

    private var config: SiteConfig?
    private var configDiagnostics: [Diagnostic] = []
    private var theme: Theme?
    private var themeDiagnostics: [Diagnostic] = []
    private var data: DataSet?
    private var dataDiagnostics: [Diagnostic] = []
    private var memo: [String: (digest: StableDigest, page: Site.RenderedPage)] = [:]
    /// The last disclosure plan's digest and partners (DisclosurePlan), for the next rebuild.
    private var planMemo: (digest: StableDigest, partners: [BaseCell])?

    /// How many pages the last build or rebuild rendered (the others were reused: from memory
    /// in a preview, from the output folder's render cache in a build that writes).
    public private(set) var renderedPages = 0

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Builds everything.
    public func build() async -> BuildReport {
        await rebuild(changed: nil)
    }

    /// Builds again after `changed` files (paths relative to the site folder, as
    /// `content/esf/deltagare.md`) changed; nil: anything may have changed.
    public func rebuild(changed: [String]?) async -> BuildReport {
        let clock = ContinuousClock()
        let start = clock.now
        var report = BuildReport()
        // The stages as `statik build --timings` shows them; the last, "write", ends in finish.
        func end(_ stage: String) { report.timings.end(stage) }
        func touches(_ prefix: String) -> Bool {
            guard let changed else { return true }
            return changed.contains { $0 == prefix || $0.hasPrefix(prefix) }
        }

        if config == nil || touches(SiteConfig.fileName) {
            configDiagnostics = []
            config = SiteConfig.load(from: directory, edition: options.edition, diagnostics: &configDiagnostics)
            theme = nil
            data = nil
            memo = [:]
        }
        end("settings")
        guard let config else { return finish(report, configDiagnostics, start: start, clock: clock) }
        report.language = Language(code: config.language)
        var diagnostics = configDiagnostics
        // Where the site goes is settled, and checked, before anything is read or written.
        // (A build in memory checks only `output:` of statik.yml: a wrong setting is wrong in a
        // preview too.)
        var outputFolder: OutputFolder?
        if options.write || (options.output == nil && config.outputLocation != nil) {
            switch OutputFolder.resolve(requested: options.write ? options.output : nil, config: config, siteDirectory: directory) {
            case .failure(let refusal):
                report.refused = true
                if let location = refusal.location {
                    diagnostics.append(Diagnostic(.error, at: location, refusal.message, sourceLine: SiteConfig.line(location.line, in: directory)))
                } else {
                    report.commandLineErrors.append(refusal.message)
                }
                return finish(report, diagnostics, start: start, clock: clock)
            case .success(let folder) where options.write:
                report.output = URL(fileURLWithPath: folder.path)
                outputFolder = folder
            case .success:
                break
            }
        }

        var content = ContentTree.load(siteDirectory: directory, diagnostics: &diagnostics)
        // What the edition may not see is dropped here, before anything is parsed, queried or
        // rendered; only fingerprints of it are kept, to prove it did not leak.
        let fingerprints = Editions.select(&content, for: config.edition)
        let leakCheck = LeakCheck(fingerprints)
        end("content")
        if data == nil || touches("\(ContentTree.folder)/\(ContentTree.dataFolder)/") {
            dataDiagnostics = []
            let descriptions = content.otherDataFiles.filter { DataDescription.isDescription($0.file) }
            data = DataSet.load(content.dataFiles, descriptions: descriptions, diagnostics: &dataDiagnostics)
        }
        end("data")
        if theme == nil || touches("themes/") {
            themeDiagnostics = []
            theme = Theme.load(name: config.theme, siteDirectory: directory, setAt: config.themeLocation, diagnostics: &themeDiagnostics)
        }
        end("theme")
        diagnostics += dataDiagnostics + themeDiagnostics
        guard let data, let store = data.store, let theme else {
            return finish(report, diagnostics, start: start, clock: clock)
        }
        if content.pages.isEmpty, FileManager.default.fileExists(atPath: directory.appendingPathComponent(ContentTree.folder).path) {
            diagnostics.append(.warning(Message(.contentHasNoPagesMd), at: SourceLocation(file: ContentTree.folder)))
        }
        // Text that `statik new page` wrote and the writer has not replaced yet.
        for page in content.pages {
            if page.frontMatter.description == Scaffold.placeholderDescription, let at = page.frontMatter.locations["description"] {
                diagnostics.append(Diagnostic(.warning, at: at, Message(.descriptionStillOneStatikNew), sourceLine: page.sourceLine(at.line)))
            }
            // In the lines' bytes (memchr): Foundation's `contains` cost 5 % of a build, on one core.
            if let line = page.firstLine(containing: Scaffold.placeholderLiteral) {
                diagnostics.append(page.diagnostic(.warning, Message(.pageStillHasTextStatik, Scaffold.placeholderText), line: line))
            }
        }
        let expanded = PageExpansion(pages: content.pages, store: store).expand(diagnostics: &diagnostics)
        // Drafts and pages still to be released are left out here, before menus and lists.
        let now = options.resolvedNow
        let publication = Publication(expanded, now: now, drafts: options.drafts, diagnostics: &diagnostics)
        report.scheduled = publication.scheduled.map { ($0.file, $0.at.iso) }
        var sitePages = publication.published
        let language = (Language(code: config.language) ?? .swedish)
        var calendar = ReleaseCalendar(pages: sitePages, now: now, language: language)
        calendar.isPublished = config.releaseCalendar || sitePages.contains { $0.frontMatter.publishing.nextUpdate != nil }
        // The search page (`sok/`): rendered last, when every page's tables are known.
        let searchPath = language == .english ? "search/" : "sok/"
        if config.search, !sitePages.contains(where: { $0.path == searchPath }) {
            var matter = FrontMatter()
            matter.title = language == .english ? "Search" : "Sök"
            matter.menu = .hidden
            matter.layout = "search"
            sitePages.append(PageSource(file: "(\(matter.title))", path: searchPath, frontMatter: matter, body: "", bodyLine: 1,
                                        folder: String(searchPath.dropLast()), isIndex: false, isGenerated: true))
        }
        if calendar.isPublished, !sitePages.contains(where: { $0.path == calendar.path }) {
            var matter = FrontMatter()
            matter.title = calendar.title
            matter.menu = .hidden
            sitePages.append(PageSource(file: "(\(calendar.title))", path: calendar.path, frontMatter: matter, body: "", bodyLine: 1,
                                        folder: String(calendar.path.dropLast()), isIndex: false, isGenerated: true))
        }
        var seenPaths: [String: String] = [:]
        for page in sitePages {
            if let other = seenPaths[page.path] {
                diagnostics.append(.error(Message(.pageWouldWhereAlreadyMakes, page.path, other), at: SourceLocation(file: page.file)))
            }
            seenPaths[page.path] = page.file
            // A folder name a file system cannot hold (255 bytes): a slug from a long title.
            if let long = page.path.split(separator: "/").first(where: { $0.utf8.count > 255 }) {
                let row = page.row.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
                diagnostics.append(.error(Message(.pageWouldFolderNamedBytes, row.isEmpty ? Message(.nothing) : Message(.forRow, row), long.prefix(40), long.utf8.count), at: SourceLocation(file: page.file)))
            }
        }
        PageLanguages.resolve(&sitePages, site: language)
        let map = SiteMap(pages: sitePages, root: config.root)
        let listings = Listings(pages: sitePages, map: map, language: language, diagnostics: &diagnostics)
        var dated = DatedContent(listings: listings, calendar: calendar, language: language, now: now)
        dated.scheduledPaths = sitePages.filter { ($0.frontMatter.publishing.publishAt?.epochSeconds ?? .min) > now }.map(\.path)
        // Pages 2, 3, … of the dated lists.
        var pages = sitePages
        for page in listings.extraPages(of: sitePages) {
            if let other = seenPaths[page.path] {
                diagnostics.append(.error(Message(.pageListWouldWhereAlready, page.listingPage, page.path, other), at: SourceLocation(file: page.file)))
            }
            seenPaths[page.path] = page.file
            pages.append(page)
        }
        // Every file the build writes has one maker: a page, a file of content/ or of the theme,
        // or Statik. Two makers of one path, or a file where another needs a folder, are
        // reported at the source now, before anything is written (OutputPaths).
        var outputs = OutputPaths()
        for page in pages {
            if let clash = outputs.add(page.path + "index.html", by: .page(page), sameIsReported: true) { diagnostics.append(clash) }
        }
        for (path, _) in theme.staticFiles.sorted(by: { $0.0 < $1.0 }) {
            let file = "\(theme.folder)/static/\(path)"
            if let clash = outputs.add(path, by: .init(name: file, location: SourceLocation(file: file))) { diagnostics.append(clash) }
        }
        for asset in content.assets {
            let file = "\(ContentTree.folder)/\(asset.path)"
            if let clash = outputs.add(asset.path, by: .init(name: file, location: SourceLocation(file: file))) { diagnostics.append(clash) }
        }
        var statikFiles = ["sitemap.xml", "robots.txt", "404.html"] + dated.filePaths
        if config.search && options.write { statikFiles.append("pagefind/pagefind.js") }
        for path in statikFiles {
            if let clash = outputs.add(path, by: .statik) { diagnostics.append(clash) }
        }

        end("pages")
        // The queries that run on sources, all at once, before any page renders (SourceStage).
        let sources = await SourceStage.fetch(pages: pages, config: config, dataTables: Set(store.tableNames.map { $0.lowercased() }), siteDirectory: directory, mode: options.sourceMode, diagnostics: &diagnostics)
        if !config.sources.isEmpty { end("sources") }
        if options.sourceMode == .pull {
            // The pages are still rendered (in memory), so that a query's problem is shown
            // at its line.
            report.pulled = Snapshot.write(sources, config: config, siteDirectory: directory, diagnostics: &diagnostics)
        }
        // Render what changed; reuse the rest. The digests are the same in every process
        // (StableHasher): a build that writes reuses the pages of the last one by them
        // (RenderCache), and a preview its own.
        var output: OutputTransaction?
        if let outputFolder {
            do throws(OutputError) {
                let transaction = try OutputTransaction(folder: outputFolder)
                report.notes += transaction.notes
                output = transaction
            } catch {
                report.refused = error.refused
                report.commandLineErrors.append(error.message)
                return finish(report, diagnostics, start: start, clock: clock)
            }
        }
        // What every page withholds as a partner, before any page is rendered (DisclosurePlan);
        // kept from the last build (the render cache, or this session's memory) when nothing it
        // is made from changed.
        let planned = pages.filter { !(config.search && $0.path == searchPath) }
        var planHasher = StableHasher()
        planHasher.combine(StatikVersion.buildIdentity)
        planHasher.combine(reflecting: config)
        planHasher.combine(sources.digest)
        for (table, tableDigest) in data.digests.sorted(by: { $0.key < $1.key }) {
            planHasher.combine(table)
            planHasher.combine(tableDigest.description)
        }
        for page in planned {
            planHasher.combine(page.path)
            planHasher.combine(page.body)
            planHasher.combine(reflecting: page.frontMatter.params.sorted { $0.key < $1.key })
        }
        let planDigest = planHasher.finalize()
        let plan: DisclosurePlan
        if let kept = output?.previousCache?.disclosure ?? planMemo, kept.digest == planDigest {
            plan = DisclosurePlan(partners: Set(kept.partners))
        } else {
            plan = Site.disclosurePlan(planned, store: store, data: data, config: config, sources: sources)
        }
        planMemo = (planDigest, plan.partners.sorted())
        end("disclosure")
        var shared = StableHasher()
        shared.combine(StatikVersion.buildIdentity)
        plan.combine(into: &shared)
        shared.combine(sources.digest)
        shared.combine(reflecting: config)
        shared.combine(options.drafts)
        shared.combine(map.digest)
        shared.combine(dated.digest)
        shared.combine(store.tableNames.map { $0.lowercased() }.sorted())
        shared.combine(data.brokenTables.sorted())
        // Where links may lead (a page's warnings depend on which files exist), and the files
        // pages read while they render (map geometry), by their bytes: an edit that keeps a
        // file's size and time (or its size within the same clock tick) is still an edit.
        shared.combine(content.assets.map(\.path).sorted())
        shared.combine(theme.staticFiles.map(\.path).sorted())
        shared.combine(publication.heldBack.keys.sorted())
        for (file, url) in content.otherDataFiles.sorted(by: { $0.file < $1.file }) {
            shared.combine(file)
            if let data = FileManager.default.contents(atPath: url.path) { shared.combine(contentHash(data)) }
        }
        // What the public edition must not show: a page is checked for it when it is written.
        for print in fingerprints { shared.combine(print.phrase) }
        let siteDigest = shared.finalize()
        // The templates of a layout, digested once per build rather than once per page.
        var layoutDigests: [String: StableDigest] = [:]
        for page in pages {
            let layout = Site.layout(of: page, theme: theme)
            if layoutDigests[layout] != nil { continue }
            var hasher = StableHasher()
            for name in theme.closure(of: layout) {
                hasher.combine(name)
                hasher.combine(theme.sources[name])
            }
            layoutDigests[layout] = hasher.finalize()
        }
        let layouts = layoutDigests
        @Sendable func digest(_ page: PageSource, tablesRead: Set<String>?) -> StableDigest {
            Self.digest(of: page, site: siteDigest, templates: layouts[Site.layout(of: page, theme: theme)]!, data: data, now: now, tablesRead: tablesRead)
        }
        let candidates = pages.filter { !(config.search && $0.path == searchPath) }
        var stale: [PageSource] = []
        // Pages the last build wrote that are still what they would be now: kept as they are.
        var reused: [(page: PageSource, record: RenderCache.Record)] = []
        if options.write {
            if let output, let cache = output.previousCache {
                let kept = concurrentMap(candidates) { page -> RenderCache.Record? in
                    guard let record = cache.records[page.path], record.digest == digest(page, tablesRead: record.tablesRead),
                          output.keep(record.files)
                    else { return nil }
                    return record
                }
                for (page, record) in zip(candidates, kept) {
                    if let record { reused.append((page, record)) } else { stale.append(page) }
                }
            } else {
                stale = candidates
            }
        } else {
            for page in candidates where memo[page.path]?.digest != digest(page, tablesRead: memo[page.path]?.page.tablesRead) {
                stale.append(page)
            }
        }
        // A build that writes puts each page into the staging folder as soon as it is rendered
        // (checked for intranet text first), and keeps no page in memory: a 10 000-page site
        // is never held whole, and writing overlaps rendering. The staging folder is published
        // at the end only if the whole build succeeded (OutputTransaction).
        // For search: every page's bytes (Pagefind indexes them) and its tables' captions (the
        // A–Ö index), taken as pages are rendered.
        let searched = Mutex<[(path: String, html: Data)]>([])
        let collectForSearch = config.search
        var deliver: (@Sendable (inout Site.RenderedPage) -> Void)?
        if let output {
            deliver = { [outputs] (page: inout Site.RenderedPage) in
                guard let html = page.html else { return }
                let path = page.path + "index.html"
                // A page whose address clashes with another file was reported before rendering.
                guard !outputs.leftOut.contains(path) else {
                    page.html = nil
                    page.files = []
                    return
                }
                page.files = outputs.checkDownloads(page.files, keptFiles: page.keptFiles.map(\.name), of: page.path, diagnostics: &page.diagnostics)
                if collectForSearch { searched.withLock { $0.append((path, html)) } }
                page.diagnostics += leakCheck.leaks(inFile: path, data: html)
                do throws(OutputError) {
                    try output.write(path, html)
                    page.written = [path] + page.files.map { page.path + $0.name } + page.keptFiles.map { page.path + $0.name }
                    for file in page.files {
                        page.diagnostics += leakCheck.leaks(inFile: page.path + file.name, data: file.data)
                        try output.write(page.path + file.name, file.data)
                    }
                } catch {
                    page.diagnostics.append(.error(Message(.couldNotWriteSite, error.message), at: SourceLocation(file: output.folder.display)))
                }
                page.html = nil
                page.files = []
            }
        }
        // Workbooks of the last build that pages rendered again may keep (KeptWorkbooks).
        var workbooks = KeptWorkbooks.none
        if options.write, let output {
            var salt = StableHasher()
            salt.combine(StatikVersion.buildIdentity)
            salt.combine(config.edition.rawValue)
            for print in fingerprints { salt.combine(print.phrase) }
            workbooks = KeptWorkbooks(cache: output.previousCache, output: output, salt: salt.finalize())
        }
        // Maps read their geometry from the site's content/data/ (ChartBlock); links may lead to
        // every page, content file and theme file (CheckLinks.swift).
        var targets = LinkTargets(config: config, pages: pages, assets: content.assets, theme: theme)
        targets.heldBack = publication.heldBack
        for (path, _) in dated.files(config: config) { targets.paths.insert(path) }
        let environment = RenderEnvironment(siteDirectory: directory, linkTargets: targets)
        let fresh = await Site.renderPages(stale, store: store, data: data, theme: theme, map: map, config: config, dated: dated, jobs: options.jobs,
                                           sources: sources, workbooks: workbooks, plan: plan, environment: environment, deliver: deliver)
        end("render")
        renderedPages = fresh.count
        report.reusedPages = reused.count
        for page in fresh {
            report.keptWorkbooks += page.keptFiles.count
            report.madeWorkbooks += page.workbookInputs.count - page.keptFiles.count
        }
        var rendered: [String: Site.RenderedPage] = [:]
        var cache: RenderCache?
        if options.write {
            // Written pages' bytes are gone: nothing is kept in memory for a later rebuild, but
            // the render cache keeps what the next build needs to reuse them.
            memo = [:]
            for page in fresh { rendered[page.path] = page }
            if let output {
                var sources: [String: PageSource] = [:]
                for page in stale where sources[page.path] == nil { sources[page.path] = page }
                let byPath = sources
                let records = concurrentMap(fresh) { page -> RenderCache.Record? in
                    // A page that reported something is rendered again next time, to report it again.
                    guard page.diagnostics.isEmpty, !page.written.isEmpty, let source = byPath[page.path] else { return nil }
                    var files: [String: OutputManifest.Entry] = [:]
                    for path in page.written {
                        guard let entry = output.entry(path) else { return nil }
                        files[path] = entry
                    }
                    var workbooks: [String: StableDigest] = [:]
                    for (name, input) in page.workbookInputs { workbooks[page.path + name] = input }
                    return RenderCache.Record(digest: digest(source, tablesRead: page.tablesRead), queries: page.queries, checks: page.checks, tablesRead: page.tablesRead, files: files, workbooks: workbooks)
                }
                var next = RenderCache()
                for (page, record) in zip(fresh, records) { if let record { next.records[page.path] = record } }
                for (page, record) in reused {
                    next.records[page.path] = record
                    report.queries += record.queries
                    report.checks += record.checks
                    if config.search, let html = FileManager.default.contents(atPath: output.folder.path + "/" + page.path + "index.html") {
                        searched.withLock { $0.append((page.path + "index.html", html)) }
                    }
                }
                next.disclosure = planMemo
                cache = next
            }
        } else {

            var sources: [String: PageSource] = [:]
            for page in stale where sources[page.path] == nil { sources[page.path] = page }
            for page in fresh {
                // Its digest must cover the tables it has now been seen to read.
                memo[page.path] = (digest(sources[page.path]!, tablesRead: page.tablesRead), page)
            }
            let live = Set(pages.map(\.path))
            memo = memo.filter { live.contains($0.key) }
            rendered = memo.mapValues(\.page)
        }

        var files = SiteFiles()
        for page in pages {
            guard let rendered = rendered[page.path] else { continue }
            diagnostics += rendered.diagnostics
            report.queries += rendered.queries
            report.checks += rendered.checks
            guard !outputs.leftOut.contains(page.path + "index.html") else { continue }
            if let html = rendered.html { files.write(page.path + "index.html", html) }
            var pageDiagnostics: [Diagnostic] = []
            for file in outputs.checkDownloads(rendered.files, of: page.path, diagnostics: &pageDiagnostics) { files.write(page.path + file.name, file.data) }
            diagnostics += pageDiagnostics
        }
        files.write("sitemap.xml", Sitemap.xml(pages: sitePages, config: config))
        for (path, text) in dated.files(config: config) { files.write(path, text) }
        files.write("robots.txt", Robots.text(config: config))
        if config.search, let searchPage = pages.first(where: { $0.path == searchPath }) {
            // Pages built in memory are in `files`; written ones were collected as they went.
            var bytes = searched.withLock { $0 }
            if output == nil {
                bytes = files.files.filter { $0.key.hasSuffix(".html") && $0.key != searchPath + "index.html" }.map { ($0.key, $0.value) }
            }
            bytes.removeAll { $0.path == searchPath + "index.html" }
            bytes.sort { $0.path < $1.path }
            let titles = Dictionary(pages.map { ($0.path + "index.html", $0.frontMatter.title) }, uniquingKeysWith: { a, _ in a })
            let index = SearchPage.alphabetical(pages: bytes.map { ($0.path, titles[$0.path] ?? $0.path, $0.html) }, root: config.root)
            if let rendered = Site.searchPage(searchPage, index: index, store: store, data: data, theme: theme, map: map, config: config, dated: dated) {
                diagnostics += rendered.diagnostics
                if let html = rendered.html { files.write(searchPath + "index.html", html) }
            }
            // The index itself, in builds that write (a preview has no search).
            if let output {
                if let pagefind = SearchIndex.pagefind() {
                    // The same pages' bytes and the same Pagefind make the same index: the last
                    // build's files are kept when the render cache says so (Pagefind takes
                    // seconds, the rest of a build with nothing changed a fraction of one).
                    var hasher = StableHasher()
                    hasher.combine(pagefind)
                    hasher.combine(RenderCache.identity(ofFile: pagefind))
                    for (path, html) in bytes {
                        hasher.combine(path)
                        hasher.combine(contentHash(html))
                    }
                    let digest = hasher.finalize()
                    if let last = output.previousCache?.search, last.digest == digest, output.keep(last.files) {
                        cache?.search = last
                    } else {
                        do throws(SearchIndex.Problem) {
                            var made: [String: OutputManifest.Entry] = [:]
                            for file in try SearchIndex.build(pages: bytes, pagefind: pagefind) {
                                files.write(file.path, file.data)
                                made[file.path] = OutputManifest.Entry(of: file.data)
                            }
                            cache?.search = (digest, made)
                        } catch {
                            diagnostics.append(.error(Message(.search, error.message), at: SourceLocation(file: SiteConfig.fileName)))
                        }
                    }
                } else {
                    // Without Pagefind the site is built with its A–Ö page and no index: a
                    // warning at `search:`, an error with --strict.
                    let looked = SearchIndex.lookedFor
                    diagnostics.append(Diagnostic(
                        options.strict ? .error : .warning, at: config.searchLocation,
                        options.strict ? Message(.searchTrueNeedsPagefindWhich, looked) : Message(.searchPagefindNotFound, looked),
                        sourceLine: SiteConfig.line(config.searchLocation.line, in: directory)))
                }
            }
        }
        if let notFound = Site.notFoundPage(store: store, data: data, theme: theme, map: map, config: config, dated: dated) {
            diagnostics += notFound.diagnostics
            if let html = notFound.html { files.write("404.html", html) }
        }
        for (path, url) in theme.staticFiles where !outputs.leftOut.contains(path) { files.copy(path, from: url) }
        for asset in content.assets where !outputs.leftOut.contains(asset.path) { files.copy(asset.path, from: asset.source) }
        if !options.write {
            // Built in memory only: keep copies' bytes too, so the files outlive the site folder.
            for (path, url) in files.copies.sorted(by: { $0.key < $1.key }) {
                if let data = FileManager.default.contents(atPath: url.path) { files.files[path] = data }
            }
            files.copies = [:]
        }
        if config.edition == .public {
            // The pages still in memory (all of them when building in memory), the sitemap
            // and the copied files; written pages were checked before they were written.
            diagnostics += leakCheck.leaks(in: files)
        }
        report.pages = pages.count
        report.files = files
        report.cachedQueries = store.statistics.cached
        report.checks += data.checksRun
        end("assemble")
        var pagesPerFile: [String: Int] = [:]
        for page in pages where !page.row.isEmpty { pagesPerFile[page.file, default: 0] += 1 }
        return finish(report, diagnostics, pagesPerFile: pagesPerFile, output: output, cache: cache, start: start, clock: clock)
    }

    /// Everything a page's output depends on, besides what all pages share (`site`):
    /// `templates`, the digest of the templates its layout uses; its file (front matter and
    /// body, as the edition keeps it), its row and parameters; what of it depends on the build's
    /// "now" (a next update still to come, a scheduled banner); and the data tables it read
    /// (nil: never rendered, so not known, and nothing to reuse).
    private static func digest(of page: PageSource, site: StableDigest, templates: StableDigest, data: DataSet, now: Int64, tablesRead: Set<String>?) -> StableDigest {
        var hasher = StableHasher()
        hasher.combine(site)
        hasher.combine(templates)
        hasher.combine(page.path)
        hasher.combine(page.file)
        // The front matter as written, then the body as the edition keeps it, by their bytes.
        hasher.combine(page.header)
        hasher.combine(page.body)
        let matter = page.frontMatter
        // What the front matter became: a page made from a row fills in its values.
        hasher.combine(matter.title)
        hasher.combine(matter.description)
        hasher.combine(matter.weight)
        hasher.combine(matter.layout)
        hasher.combine(matter.switcher)
        hasher.combine(matter.pages)
        hasher.combine(matter.translationKey)
        hasher.combine(matter.params.count)
        for key in matter.params.keys.sorted() {
            hasher.combine(key)
            hasher.combine(reflecting: matter.params[key]!)
        }
        hasher.combine(page.row.count)
        for (name, value) in page.row {
            hasher.combine(name)
            hasher.combine(value)
        }
        hasher.combine(page.language.rawValue)
        hasher.combine(page.listingPage)
        hasher.combine(page.sectionPath)
        hasher.combine(page.isGenerated)
        let publishing = matter.publishing
        hasher.combine(publishing.nextUpdate.map { $0.endEpochSeconds > now } ?? false)
        hasher.combine(publishing.publishAt.map { $0.epochSeconds > now } ?? false)
        guard let tablesRead else {
            hasher.combine("never rendered")
            return hasher.finalize()
        }
        for table in tablesRead.sorted() {
            hasher.combine(table)
            if let digest = data.digests[table] { hasher.combine(digest) } else { hasher.combine("no file") }
        }
        return hasher.finalize()
    }

    /// `pagesPerFile`: how many pages each file that stands for many made; a problem on all of
    /// them says so, rather than naming each.
    /// `output`: where the pages already are, when the build wrote them as it rendered.
    /// `cache`: the render cache to leave beside the site.
    private func finish(_ report: BuildReport, _ diagnostics: [Diagnostic], pagesPerFile: [String: Int] = [:], output: OutputTransaction? = nil, cache: RenderCache? = nil, start: ContinuousClock.Instant, clock: ContinuousClock) -> BuildReport {
        var report = report
        report.diagnostics = diagnostics.merged.map { diagnostic in
            guard let count = pagesPerFile[diagnostic.location.file], count > 1, diagnostic.pages.count == count else { return diagnostic }
            var one = diagnostic
            one.pages = []
            one.onAllPages = count
            return one
        }
        let failed = report.refused || !report.diagnostics.errors.isEmpty || (options.strict && !report.diagnostics.warnings.isEmpty)
        report.succeeded = !failed && (!options.write || output != nil)
        if report.succeeded, let output {
            do throws(OutputError) {
                try report.files.commit(into: output, cache: cache)
            } catch {
                report.refused = error.refused
                report.commandLineErrors.append(error.message)
                report.succeeded = false
            }
        } else {
            output?.discard()
        }
        if report.succeeded && options.write { report.timings.end("write") }
        report.duration = clock.now - start
        return report
    }
}
