import Foundation
internal import Synchronization
import StatikCore
import StatikData
import StatikContent
import StatikOutput
import StatikBlocks
import StatikRender

/// Every page's bytes as it is written, for the search index (Pagefind indexes them), taken
/// on the tasks that render the pages.
final class SearchedPages: Sendable {
    private let pages = Mutex<[(path: String, html: Data)]>([])

    func append(_ path: String, _ html: Data) { pages.withLock { $0.append((path, html)) } }
    var all: [(path: String, html: Data)] { pages.withLock { $0 } }
}

/// Rendering the pages that changed: in parallel, each written as soon as it is rendered.
enum RenderStage {
    /// A build that writes puts each page into the staging folder as soon as it is rendered
    /// (checked for intranet text first), and keeps no page in memory: a 10 000-page site is
    /// never held whole, and writing overlaps rendering. nil for a build in memory.
    static func delivery(output: OutputTransaction?, outputs: OutputPaths, leakCheck: LeakCheck, searched: SearchedPages?) -> (@Sendable (inout Site.RenderedPage) -> Void)? {
        guard let output else { return nil }
        return { (page: inout Site.RenderedPage) in
            guard let html = page.html else { return }
            let path = page.path + "index.html"
            // A page whose address clashes with another file was reported before rendering.
            guard !outputs.leftOut.contains(path) else {
                page.html = nil
                page.files = []
                return
            }
            page.files = outputs.checkDownloads(page.files, keptFiles: page.keptFiles.map(\.name), of: page.path, diagnostics: &page.diagnostics)
            searched?.append(path, html)
            page.diagnostics += leakCheck.leaks(inFile: path, data: html)
            do throws(OutputError) {
                try output.write(path, html)
                page.written = [path] + page.files.map { page.path + $0.name } + page.keptFiles.map { page.path + $0.name }
                // A workbook is compressed: its cells' text is what is searched.
                let texts = Dictionary(page.fileTexts, uniquingKeysWith: { a, _ in a })
                for file in page.files {
                    page.diagnostics += leakCheck.leaks(inFile: page.path + file.name, data: texts[file.name] ?? file.data)
                    try output.write(page.path + file.name, file.data)
                }
            } catch {
                page.diagnostics.append(.error(Message(.couldNotWriteSite, error.message), at: SourceLocation(file: output.folder.display)))
            }
            page.html = nil
            page.files = []
            page.fileTexts = []
        }
    }

    /// Workbooks of the last build that pages rendered again may keep (KeptWorkbooks).
    static func keptWorkbooks(output: OutputTransaction?, config: SiteConfig, toolIdentity: String, fingerprints: [Fingerprint]) -> KeptWorkbooks {
        guard let output else { return .none }
        var salt = StableHasher()
        salt.combine(toolIdentity)
        salt.combine(config.edition.rawValue)
        for print in fingerprints { salt.combine(print.phrase) }
        return KeptWorkbooks(cache: output.previousCache, output: output, salt: salt.finalize())
    }

    /// What rendering may read beyond the page: maps read their geometry from the site's
    /// content/data/ (ChartBlock); links may lead to every page, content file and theme file
    /// (CheckLinks.swift).
    static func environment(config: SiteConfig, plan: PagePlan, inputs: SiteInputs, siteDirectory: URL, caches: BlockCaches) -> RenderEnvironment {
        var targets = LinkTargets(config: config, pages: plan.pages, assets: inputs.content.assets, themeStatic: inputs.theme.staticFiles.map(\.path))
        targets.heldBack = plan.publication.heldBack
        for (path, _) in plan.dated.files(config: config) { targets.paths.insert(path) }
        return RenderEnvironment(siteDirectory: siteDirectory, linkTargets: targets, caches: caches)
    }

    /// The render cache to leave beside the site: the pages written now (a page that reported
    /// something is rendered again next time, to report it again) and those kept.
    static func renderCache(fresh: [Site.RenderedPage], stale: [PageSource], reused: [(page: PageSource, record: RenderCache.Record)], digests: PageDigests, output: OutputTransaction) -> RenderCache {
        // By index, not a copy of each page (a dictionary of 10 000 pages was 17 MB at the peak).
        var sources: [String: Int] = [:]
        for (i, page) in stale.enumerated() where sources[page.path] == nil { sources[page.path] = i }
        let byPath = sources
        let records = concurrentMap(fresh) { page -> RenderCache.Record? in
            guard page.diagnostics.isEmpty, !page.written.isEmpty, let index = byPath[page.path] else { return nil }
            let source = stale[index]
            var files: [String: OutputManifest.Entry] = [:]
            for path in page.written {
                guard let entry = output.entry(path) else { return nil }
                files[path] = entry
            }
            var workbooks: [String: StableDigest] = [:]
            for (name, input) in page.workbookInputs { workbooks[page.path + name] = input }
            let byResults = page.results.map { RenderCache.ByResults(results: $0, shape: digests.shape(source, tablesRead: page.tablesRead)) }
            return RenderCache.Record(digest: digests(source, tablesRead: page.tablesRead), queries: page.queries, checks: page.checks, tablesRead: page.tablesRead, files: files, workbooks: workbooks,
                                      datasets: page.datasets, byResults: byResults)
        }
        var next = RenderCache()
        for (page, record) in zip(fresh, records) { if let record { next.records[page.path] = record } }
        for (page, record) in reused { next.records[page.path] = record }
        return next
    }
}
