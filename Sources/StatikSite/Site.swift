public import Foundation
public import StatikCore
import StatikData

/// What `statik build` is asked to do.
public struct BuildOptions: Sendable {
    /// The site folder: `statik.yml`, `content/`, `themes/`.
    public var source: URL
    /// Where to write; nil: `output:` of statik.yml, else `public/` in the site folder.
    public var output: URL?
    /// Warnings fail the build too.
    public var strict = false
    /// Write the site to disk (off: build in memory only, as the tests and a preview do).
    public var write = true
    public var edition = Edition.public
    /// How many pages are rendered at a time (default: one per core). The output is the same
    /// whatever the number.
    public var jobs: Int?

    public init(source: URL, output: URL? = nil, edition: Edition = .public, strict: Bool = false, write: Bool = true, jobs: Int? = nil) {
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
    public var duration = Duration.zero
    public var output: URL?
    public var files = SiteFiles()
    /// True when the site was (or, with `write: false`, could have been) written.
    public var succeeded = false
}

/// The build pipeline, one stage after another:
/// settings → content → data → theme → pages (in parallel) → output.
public enum Site {
    public static func build(_ options: BuildOptions) async -> BuildReport {
        let clock = ContinuousClock()
        let start = clock.now
        var report = BuildReport()
        var diagnostics: [Diagnostic] = []
        defer { _ = diagnostics }
        let directory = options.source.standardizedFileURL

        guard let config = SiteConfig.load(from: directory, edition: options.edition, diagnostics: &diagnostics) else {
            return finish(report, diagnostics, options, start: start, clock: clock)
        }
        var content = ContentTree.load(siteDirectory: directory, diagnostics: &diagnostics)
        // What the edition may not see is dropped here, before anything is parsed, queried or
        // rendered; only fingerprints of it are kept, to prove it did not leak.
        let fingerprints = Editions.select(&content, for: config.edition)
        let data = DataSet.load(content.dataFiles, diagnostics: &diagnostics)
        let theme = Theme.load(name: config.theme, siteDirectory: directory, setAt: config.themeLocation, diagnostics: &diagnostics)
        guard let store = data.store, let theme else {
            return finish(report, diagnostics, options, start: start, clock: clock)
        }
        if content.pages.isEmpty {
            diagnostics.append(.warning("content/ has no pages (.md files)", at: SourceLocation(file: ContentTree.folder)))
        }
        let pages = PageExpansion(pages: content.pages, store: store).expand(diagnostics: &diagnostics)
        var seenPaths: [String: String] = [:]
        for page in pages {
            if let other = seenPaths[page.path] {
                diagnostics.append(.error("this page would be at /\(page.path), where \(other) already makes a page; rename one of them", at: SourceLocation(file: page.file)))
            }
            seenPaths[page.path] = page.file
        }
        let map = SiteMap(pages: pages, root: config.root)

        let rendered = await renderPages(pages, store: store, data: data, theme: theme, map: map, config: config, jobs: options.jobs)
        var files = SiteFiles()
        for page in rendered {
            diagnostics += page.diagnostics
            report.queries += page.queries
            if let html = page.html { files.write(page.path + "index.html", html) }
        }
        files.write("sitemap.xml", Sitemap.xml(paths: rendered.map(\.path), config: config))
        if let staticFolder = theme.staticFolder {
            for relative in (FileManager.default.enumerator(atPath: staticFolder.path)?.compactMap({ $0 as? String }) ?? []).sorted() {
                let url = staticFolder.appendingPathComponent(relative)
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    files.copy(relative, from: url)
                }
            }
        }
        for asset in content.assets {
            if files.files[asset.path] != nil || files.copies[asset.path] != nil {
                diagnostics.append(.error("this file would be published as /\(asset.path), where another file already is", at: SourceLocation(file: "\(ContentTree.folder)/\(asset.path)")))
            }
            files.copy(asset.path, from: asset.source)
        }
        if !options.write {
            // Built in memory only: keep copies' bytes too, so the files outlive the site folder.
            for (path, url) in files.copies.sorted(by: { $0.key < $1.key }) {
                if let data = FileManager.default.contents(atPath: url.path) { files.files[path] = data }
            }
            files.copies = [:]
        }
        if config.edition == .public {
            diagnostics += Editions.leaks(of: fingerprints, in: files)
        }
        report.pages = rendered.count
        report.files = files
        let stats = store.statistics
        report.cachedQueries = stats.cached
        report.output = options.output ?? directory.appendingPathComponent(config.output ?? "public")
        return finish(report, diagnostics, options, start: start, clock: clock)
    }

    private static func finish(_ report: BuildReport, _ diagnostics: [Diagnostic], _ options: BuildOptions, start: ContinuousClock.Instant, clock: ContinuousClock) -> BuildReport {
        var report = report
        report.diagnostics = Array(Set(diagnostics)).sorted()
        let failed = !report.diagnostics.errors.isEmpty || (options.strict && !report.diagnostics.warnings.isEmpty)
        report.succeeded = !failed && report.output != nil
        if report.succeeded && options.write, let output = report.output {
            do {
                try report.files.commit(to: output)
            } catch {
                report.diagnostics.append(.error("could not write the site: \(error.localizedDescription)", at: SourceLocation(file: output.path)))
                report.succeeded = false
            }
        }
        report.duration = clock.now - start
        return report
    }

    private struct RenderedPage: Sendable {
        var path: String
        var html: String?
        var diagnostics: [Diagnostic]
        var queries: Int
    }

    /// Renders every page, as many at a time as there are cores, and answers them in page order.
    private static func renderPages(_ pages: [PageSource], store: DataStore, data: DataSet, theme: Theme, map: SiteMap, config: SiteConfig, jobs: Int?) async -> [RenderedPage] {
        let tables = Set(store.tableNames.map { $0.lowercased() })
        let width = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        return await withTaskGroup(of: (Int, RenderedPage).self) { group in
            var results = [RenderedPage?](repeating: nil, count: pages.count)
            var next = 0
            func add() {
                guard next < pages.count else { return }
                let index = next
                let page = pages[index]
                group.addTask {
                    (index, renderPage(page, store: store, tables: tables, brokenTables: data.brokenTables, theme: theme, map: map, config: config))
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

    private static func renderPage(_ page: PageSource, store: DataStore, tables: Set<String>, brokenTables: Set<String>, theme: Theme, map: SiteMap, config: SiteConfig) -> RenderedPage {
        let body = PageRenderer(page: page, store: store, tables: tables, unsafeHTML: config.unsafeHTML, edition: config.edition, suppressBelow: config.suppressBelow).render()
        // A table whose CSV could not be read is reported once, at the CSV, not on every page.
        var diagnostics = body.diagnostics.filter { d in
            !brokenTables.contains { d.message.hasSuffix("no such table: \($0)") || d.message.contains("no such table: \($0);") }
        }
        let layout = page.frontMatter.layout ?? (page.isHome && theme.templates.contains("home") ? "home" : "page")
        guard theme.templates.contains(layout) else {
            let known = theme.templates.filter { !$0.contains("/") && $0 != "base" }.sorted().joined(separator: ", ")
            diagnostics.append(Diagnostic(
                .error, at: page.frontMatter.layoutLocation ?? SourceLocation(file: page.file),
                "the theme '\(theme.name)' has no template '\(layout)' (\(theme.folder)/templates/\(layout).mustache); it has: \(known)",
                sourceLine: page.frontMatter.layoutLocation.flatMap { page.sourceLine($0.line) }
            ))
            return RenderedPage(path: page.path, html: nil, diagnostics: diagnostics, queries: body.queries)
        }
        var pageContext: [String: Any] = [
            "title": page.frontMatter.title,
            "url": map.url(page.path),
            "content": body.html,
            "breadcrumbs": map.breadcrumbs(for: page.path),
            "children": map.children(of: page.path),
            "isHome": page.isHome,
            "siblings": map.siblings(of: page.path),
            "switcher": page.frontMatter.switcher ?? "Fler sidor av samma slag",
            "sourcePath": page.file,
        ]
        if let description = page.frontMatter.description { pageContext["description"] = description }
        let context: [String: Any] = [
            "site": [
                "title": config.title,
                "language": config.language,
                "baseURL": config.baseURL,
                "root": config.root,
                "edition": config.edition.rawValue,
                "isIntranet": config.edition == .intranet,
                "titleSuffix": config.titleSuffix,
                "robots": config.robots ?? "",
                "banner": config.banner ?? "",
                "menu": map.menu(current: page.path),
            ] as [String: Any],
            "page": pageContext,
            "params": page.frontMatter.params.mapValues(\.plainText),
        ]
        let html = theme.render(context, template: layout)
        return RenderedPage(path: page.path, html: html, diagnostics: diagnostics, queries: body.queries)
    }
}
