import Foundation
import StatikCore
import StatikContent
import StatikOutput
import StatikRender

/// The search page with its A–Ö index of pages and tables (SearchPage), rendered after every
/// other page, and in builds that write, Pagefind's index (SearchIndex).
struct SearchOutput: SiteOutput {
    func paths(_ claim: SiteOutputClaim) -> [String] {
        claim.config.search && claim.write ? ["pagefind/pagefind.js"] : []
    }

    func write(_ site: SiteOutputContext, into assembly: inout SiteAssembly) {
        guard let searchPath = site.plan.searchPath, let searchPage = site.plan.pages.first(where: { $0.path == searchPath }) else { return }
        let pages = site.plan.pages, inputs = site.inputs
        // Pages built in memory are in the assembly; written ones were collected as they went.
        var bytes = site.searched
        if site.output == nil {
            bytes = assembly.files.files.filter { $0.key.hasSuffix(".html") && $0.key != searchPath + "index.html" }.map { ($0.key, $0.value) }
        }
        // Neither the search page nor the page for a missing address is a result.
        bytes.removeAll { $0.path == searchPath + "index.html" || $0.path == NotFoundOutput.path }
        bytes.sort { $0.path < $1.path }
        let titles = Dictionary(pages.map { ($0.path + "index.html", $0.frontMatter.title) }, uniquingKeysWith: { a, _ in a })
        let index = SearchPage.alphabetical(pages: bytes.map { ($0.path, titles[$0.path] ?? $0.path, $0.html) }, root: site.config.root)
        // What the search can be narrowed by: the filters of the pages it searches.
        let searched = Set(bytes.map(\.path))
        let filters = SearchPage.filterChoices(pages.filter { searched.contains($0.path + "index.html") })
        if let rendered = Site.searchPage(searchPage, index: index, filters: filters, store: inputs.store, data: inputs.data, theme: inputs.theme, map: site.plan.map, config: site.config, dated: site.plan.dated) {
            assembly.diagnostics += rendered.diagnostics
            if let html = rendered.html { assembly.files.write(searchPath + "index.html", html) }
        }
        // The index itself, in builds that write (a preview has no search).
        if let output = site.output { writeIndex(bytes, output: output, site: site, into: &assembly) }
    }

    /// Pagefind's index of the pages. The same pages' bytes and the same Pagefind make the same
    /// index: the last build's files are kept when the render cache says so (Pagefind takes
    /// seconds, the rest of a build with nothing changed a fraction of one).
    private func writeIndex(_ bytes: [(path: String, html: Data)], output: OutputTransaction, site: SiteOutputContext, into assembly: inout SiteAssembly) {
        guard let pagefind = SearchIndex.pagefind() else {
            // Without Pagefind the site is built with its A–Ö page and no index: a warning at
            // `search:`, an error with --strict.
            let looked = SearchIndex.lookedFor, at = site.config.searchLocation
            assembly.diagnostics.append(Diagnostic(
                site.strict ? .error : .warning, at: at,
                site.strict ? Message(.searchTrueNeedsPagefindWhich, looked) : Message(.searchPagefindNotFound, looked),
                sourceLine: SiteConfig.line(at.line, in: site.siteDirectory)))
            return
        }
        var hasher = StableHasher()
        hasher.combine(pagefind)
        hasher.combine(RenderCache.identity(ofFile: pagefind))
        for (path, html) in bytes {
            hasher.combine(path)
            hasher.combine(contentHash(html))
        }
        let digest = hasher.finalize()
        if let last = output.previousCache?.search, last.digest == digest, output.keep(last.files) {
            assembly.cache?.search = last
            return
        }
        do throws(SearchIndex.Problem) {
            var made: [String: OutputManifest.Entry] = [:]
            for file in try SearchIndex.build(pages: bytes, pagefind: pagefind) {
                assembly.files.write(file.path, file.data)
                made[file.path] = OutputManifest.Entry(of: file.data)
            }
            assembly.cache?.search = (digest, made)
        } catch {
            assembly.diagnostics.append(.error(Message(.search, error.message), at: site.config.searchLocation))
        }
    }
}
