import Foundation
internal import Synchronization
import StatikCore
import StatikData
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender

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
    private var planMemo: (digest: StableDigest, partners: [BaseCell], intranetPartners: [BaseCell])?
    /// The last disclosure plan's runs of pages, in a preview (PlanRuns).
    private var planRuns = PlanRuns()
    /// The leak check of the last build, kept while the intranet-only phrases are the same
    /// (making it escapes every phrase four ways: a sixth of a preview's save).
    private var leakMemo: (fingerprints: [Fingerprint], check: LeakCheck)?
    /// Blocks and map geometry read once for all pages, kept across rebuilds (BlockCaches).
    private let caches = BlockCaches()

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
    /// `content/esf/deltagare.md`) changed; nil: anything may have changed. The stages, in
    /// order, as `statik build --timings` shows them.
    public func rebuild(changed: [String]?) async -> BuildReport {
        var run = BuildRun(changed: changed)
        do throws(BuildStopped) {
            let config = try settings(&run)
            let folder = try OutputStage.folder(options: options, config: config, siteDirectory: directory, run: &run)
            let inputs = try inputs(config: config, run: &run)
            let plan = PagePlan(config: config, inputs: inputs, options: options, run: &run)
            run.end("pages")
            let sources = await sources(of: plan.pages, config: config, inputs: inputs, run: &run)
            let output = try OutputStage.open(folder, run: &run)
            let disclosure = disclosurePlan(plan.renderable, config: config, inputs: inputs, sources: sources, output: output)
            run.report.planRuns = (disclosure.ran, disclosure.kept)
            run.end("disclosure")
            let digests = PageDigests(config: config, options: options, plan: plan, inputs: inputs, sources: sources, disclosure: disclosure)
            let (stale, reused) = reuse(plan.renderable, digests: digests, output: output) { page in
                Site.resultsDigest(page, store: inputs.store, data: inputs.data, config: config, sources: sources, plan: disclosure)
            }
            let searched = config.search ? SearchedPages() : nil
            let partials = PartialCacheStore()
            let fresh = await Site.renderPages(
                stale, store: inputs.store, data: inputs.data, theme: inputs.theme, map: plan.map, config: config, dated: plan.dated, jobs: options.jobs,
                sources: sources, workbooks: RenderStage.keptWorkbooks(output: output, config: config, toolIdentity: options.toolIdentity, fingerprints: inputs.fingerprints), plan: disclosure,
                environment: RenderStage.environment(config: config, plan: plan, inputs: inputs, siteDirectory: directory, caches: caches), partials: partials,
                deliver: RenderStage.delivery(output: output, outputs: plan.outputs, leakCheck: inputs.leakCheck, searched: searched))
            run.end("render")
            run.report.cachedPartials = partials.statistics
            let (rendered, cache) = keep(fresh, stale: stale, reused: reused, pages: plan.pages, digests: digests, output: output, searched: searched, report: &run.report)
            var tablesRead = rendered.mapValues(\.tablesRead)
            var datasets = rendered.mapValues(\.datasets)
            for (page, record) in reused {
                tablesRead[page.path] = record.tablesRead
                datasets[page.path] = record.datasets
            }
            let site = SiteOutputContext(config: config, plan: plan, inputs: inputs, output: output, searched: searched?.all ?? [], strict: options.strict, siteDirectory: directory,
                                         tablesRead: tablesRead, datasets: datasets)
            let assembly = AssembleStage.assemble(site, rendered: rendered, cache: cache, write: options.write, report: &run.report)
            run.diagnostics += assembly.diagnostics
            run.report.pages = plan.pages.count
            run.report.files = assembly.files
            run.report.cachedQueries = inputs.store.statistics.cached
            run.report.checks += inputs.data.checksRun
            run.end("assemble")
            return finish(run, pagesPerFile: plan.pagesPerFile, output: output, cache: assembly.cache)
        } catch {
            return finish(run)
        }
    }

    /// Settings: statik.yml, read again only when it changed (and then everything else too).
    private func settings(_ run: inout BuildRun) throws(BuildStopped) -> SiteConfig {
        if config == nil || run.touches(SiteConfig.fileName) {
            configDiagnostics = []
            config = SiteConfig.load(from: directory, edition: options.edition, diagnostics: &configDiagnostics)
            theme = nil
            data = nil
            memo = [:]
        }
        run.end("settings")
        run.diagnostics += configDiagnostics
        guard let config else { throw BuildStopped() }
        run.report.language = Language(code: config.language)
        return config
    }

    /// Content, data and theme. What the edition may not see is dropped first, before anything
    /// is parsed, queried or rendered; only fingerprints of it are kept, to prove it did not
    /// leak. The data and the theme are read again only when a file of theirs changed.
    private func inputs(config: SiteConfig, run: inout BuildRun) throws(BuildStopped) -> SiteInputs {
        var content = ContentTree.load(siteDirectory: directory, diagnostics: &run.diagnostics)
        let fingerprints = Editions.select(&content, for: config.edition)
        run.end("content")
        let readData = data == nil || run.touches("\(ContentTree.folder)/\(ContentTree.dataFolder)/")
        if readData {
            dataDiagnostics = []
            let descriptions = content.otherDataFiles.filter { DataDescription.isDescription($0.file) }
            data = DataSet.load(content.dataFiles, descriptions: descriptions, diagnostics: &dataDiagnostics)
        }
        run.end("data")
        if theme == nil || run.touches("themes/") {
            themeDiagnostics = []
            theme = Theme.load(name: ThemeLayers.siteTheme(config, siteDirectory: directory), siteDirectory: directory, setAt: config.themeLocation, diagnostics: &themeDiagnostics)
        }
        run.end("theme")
        // A note (a file read as Windows-1252) is told when the file is read, not again on every
        // rebuild of a preview; errors and warnings stand as long as their cause does.
        run.diagnostics += readData ? dataDiagnostics : dataDiagnostics.filter { $0.severity != .note }
        run.diagnostics += themeDiagnostics
        guard let data, let store = data.store, let theme else { throw BuildStopped() }
        run.diagnostics += SiteInputs.contentWarnings(content, siteDirectory: directory)
        let leakCheck = leakMemo.flatMap { $0.fingerprints == fingerprints ? $0.check : nil } ?? LeakCheck(fingerprints)
        leakMemo = (fingerprints, leakCheck)
        return SiteInputs(content: content, fingerprints: fingerprints, leakCheck: leakCheck, data: data, store: store, theme: theme)
    }

    /// The queries that run on sources, all at once, before any page renders (SourceStage).
    /// A pull writes their snapshots; the pages are still rendered (in memory), so that a
    /// query's problem is shown at its line.
    private func sources(of pages: [PageSource], config: SiteConfig, inputs: SiteInputs, run: inout BuildRun) async -> SourceResults {
        let dataTables = Set(inputs.store.tableNames.map { $0.lowercased() })
        let sources = await SourceStage.fetch(pages: pages, config: config, dataTables: dataTables, siteDirectory: directory, mode: options.sourceMode, diagnostics: &run.diagnostics)
        if !config.sources.isEmpty { run.end("sources") }
        if options.sourceMode == .pull {
            run.report.pulled = Snapshot.write(sources, config: config, siteDirectory: directory, diagnostics: &run.diagnostics)
        }
        return sources
    }

    /// What every page withholds as a partner, before any page is rendered (DisclosurePlan);
    /// kept from the last build (the render cache, or this session's memory) when nothing it
    /// is made from changed.
    private func disclosurePlan(_ pages: [PageSource], config: SiteConfig, inputs: SiteInputs, sources: SourceResults, output: OutputTransaction?) -> DisclosurePlan {
        // No table has counts: the plan is empty, and its digest (every page read for what the
        // plan reads of it: 84 ms of a 500 ms rebuild of 1 000 data pages) is not needed.
        guard !inputs.data.disclosure.countColumns.isEmpty else {
            planMemo = nil
            planRuns = PlanRuns()
            return DisclosurePlan()
        }
        let digest = DisclosureStage.digest(of: pages, config: config, toolIdentity: options.toolIdentity, sources: sources, data: inputs.data)
        let plan: DisclosurePlan
        if let kept = output?.previousCache?.disclosure ?? planMemo, kept.digest == digest {
            plan = DisclosurePlan(partners: Set(kept.partners), intranetPartners: Set(kept.intranetPartners))
        } else {
            // A preview keeps the pages' runs: after a CSV value changed, only the pages whose
            // queries name its table run again (a build that writes starts afresh).
            let base = options.write ? nil : DisclosureStage.runBase(config: config, toolIdentity: options.toolIdentity, sources: sources, data: inputs.data, tableNames: inputs.store.tableNames)
            plan = Site.disclosurePlan(pages, store: inputs.store, data: inputs.data, config: config, sources: sources, runs: planRuns, runBase: base)
            planRuns = plan.runs
        }
        planMemo = (digest, plan.partners.sorted(), plan.intranetPartners.sorted())
        return plan
    }

    /// Which pages to render again: those whose digest changed since the last build (the
    /// render cache of a build that writes, this session's memory in a preview). The others
    /// are kept as they are.
    ///
    /// A page whose tables' rows changed (and nothing else) is kept too when its queries still
    /// give what they gave (`results`: their digest, run now): a value corrected in a CSV file
    /// renders again only the pages that show it.
    private func reuse(_ candidates: [PageSource], digests: PageDigests, output: OutputTransaction?,
                       results: @Sendable (PageSource) -> StableDigest?) -> (stale: [PageSource], reused: [(page: PageSource, record: RenderCache.Record)]) {
        guard options.write else {
            return (candidates.filter { memo[$0.path]?.digest != digests($0, tablesRead: memo[$0.path]?.page.tablesRead) }, [])
        }
        guard let output, let cache = output.previousCache else { return (candidates, []) }
        let kept = concurrentMap(candidates) { page -> RenderCache.Record? in
            guard var record = cache.records[page.path] else { return nil }
            let digest = digests(page, tablesRead: record.tablesRead)
            if record.digest != digest {
                guard let byResults = record.byResults, byResults.shape == digests.shape(page, tablesRead: record.tablesRead),
                      results(page) == byResults.results else { return nil }
                record.digest = digest
            }
            return output.keep(record.files) ? record : nil
        }
        var stale: [PageSource] = [], reused: [(page: PageSource, record: RenderCache.Record)] = []
        for (page, record) in zip(candidates, kept) {
            if let record { reused.append((page, record)) } else { stale.append(page) }
        }
        return (stale, reused)
    }

    /// What the rendered pages leave for the next build: written pages' bytes are gone, and
    /// the render cache keeps what the next build needs to reuse them; a preview keeps the
    /// pages themselves in memory. Answers the pages to assemble, by path.
    private func keep(_ fresh: [Site.RenderedPage], stale: [PageSource], reused: [(page: PageSource, record: RenderCache.Record)], pages: [PageSource], digests: PageDigests,
                      output: OutputTransaction?, searched: SearchedPages?, report: inout BuildReport) -> (rendered: [String: Site.RenderedPage], cache: RenderCache?) {
        renderedPages = fresh.count
        report.reusedPages = reused.count
        for page in fresh {
            report.keptWorkbooks += page.keptFiles.count
            report.madeWorkbooks += page.workbookInputs.count - page.keptFiles.count
        }
        guard options.write else {
            var sources: [String: PageSource] = [:]
            for page in stale where sources[page.path] == nil { sources[page.path] = page }
            // Its digest must cover the tables it has now been seen to read.
            for page in fresh { memo[page.path] = (digests(sources[page.path]!, tablesRead: page.tablesRead), page) }
            let live = Set(pages.map(\.path))
            memo = memo.filter { live.contains($0.key) }
            return (memo.mapValues(\.page), nil)
        }
        memo = [:]
        var rendered: [String: Site.RenderedPage] = [:]
        for page in fresh { rendered[page.path] = page }
        guard let output else { return (rendered, nil) }
        var cache = RenderStage.renderCache(fresh: fresh, stale: stale, reused: reused, digests: digests, output: output)
        for (page, record) in reused {
            report.queries += record.queries
            report.checks += record.checks
            if let searched, let html = FileManager.default.contents(atPath: output.folder.path + "/" + page.path + "index.html") {
                searched.append(page.path + "index.html", html)
            }
        }
        cache.disclosure = planMemo
        return (rendered, cache)
    }

    /// The report of a build that ran or stopped. `pagesPerFile`: how many pages each file
    /// that stands for many made; a problem on all of them says so, rather than naming each.
    /// `output`: where the pages already are, when the build wrote them as it rendered.
    /// `cache`: the render cache to leave beside the site.
    private func finish(_ run: BuildRun, pagesPerFile: [String: Int] = [:], output: OutputTransaction? = nil, cache: RenderCache? = nil) -> BuildReport {
        var report = run.report
        let diagnostics = data.map { RootCauses(data: $0, store: $0.store).apply(run.diagnostics) } ?? run.diagnostics
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
        report.duration = run.clock.now - run.start
        return report
    }
}
