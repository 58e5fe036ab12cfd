import StatikCore
import StatikData
import StatikContent
import StatikOutput
import StatikRender
import StatikInspect

/// The pages of a build and where every file goes, settled before any page is rendered:
/// pages made from rows, what is published now, the generated pages (search, release
/// calendar), the site map, the dated lists and their later pages, and one maker for each
/// path of the output.
struct PagePlan: Sendable {
    /// The pages of the site map: those published now, with the generated ones.
    var sitePages: [PageSource]
    /// Every page to render: the site map's, then pages 2, 3, … of the dated lists.
    var pages: [PageSource]
    var publication: Publication
    var map: SiteMap
    var dated: DatedContent
    var outputs: OutputPaths
    /// The search page's address (`sok/`), when the site has search: it is rendered last,
    /// once every page's tables are known.
    var searchPath: String?
    /// The open-data page's address (`oppna-data/`), when the site has a catalogue: rendered
    /// with the catalogue, once every page's tables are known (CatalogueOutput).
    var cataloguePath: String?
    /// How many pages each file that stands for many made (a problem on all of them is said once).
    var pagesPerFile: [String: Int]
    /// The site's old addresses and the pages they send readers to (AliasOutput).
    var aliases: AliasPlan

    /// The pages rendered with the others (all but the search page and the open-data page).
    var renderable: [PageSource] { pages.filter { $0.path != searchPath && $0.path != cataloguePath } }

    init(config: SiteConfig, inputs: SiteInputs, options: BuildOptions, run: inout BuildRun) {
        let expanded = PageExpansion(pages: inputs.content.pages, store: inputs.store).expand(diagnostics: &run.diagnostics)
        // Drafts and pages still to be released are left out here, before menus and lists.
        let now = options.resolvedNow
        publication = Publication(expanded, now: now, drafts: options.drafts, diagnostics: &run.diagnostics)
        run.report.scheduled = publication.scheduled.map { ($0.file, $0.at.iso) }
        let language = Language(code: config.language) ?? .swedish
        var calendar = ReleaseCalendar(pages: publication.published, announced: publication.announced, now: now, language: language)
        calendar.isPublished = config.releaseCalendar || calendar.announces || publication.published.contains { $0.frontMatter.publishing.nextUpdate != nil }
        searchPath = config.search ? (language == .english ? "search/" : "sok/") : nil
        // A page of the site's own at the open-data page's address stands instead of it.
        let openData = CatalogueOutput.pagePath(language)
        cataloguePath = config.catalogue && !publication.published.contains { $0.path == openData } ? openData : nil
        sitePages = publication.published + Self.generatedPages(besides: publication.published, searchPath: searchPath, cataloguePath: cataloguePath, calendar: calendar, language: language)
        var seenPaths: [String: String] = [:]
        run.diagnostics += Self.checkAddresses(sitePages, seen: &seenPaths)
        PageLanguages.resolve(&sitePages, site: language)
        map = SiteMap(pages: sitePages, root: config.root)
        let listings = Listings(pages: sitePages, map: map, language: language, diagnostics: &run.diagnostics)
        dated = DatedContent(listings: listings, calendar: calendar, language: language, now: now)
        dated.dataCorrections = inputs.data.corrections
        // The release records (docs/releases.md): what each page's figures are compared with.
        let releases = ReleaseRecords.load(site: options.source)
        run.diagnostics += releases.diagnostics
        dated.revisions = PageRevisions(records: releases.records, edition: config.edition)
        dated.scheduledPaths = sitePages.filter { $0.frontMatter.publishing.isScheduled(now: now) }.map(\.path)
        pages = sitePages
        for page in listings.extraPages(of: sitePages) {
            if let other = seenPaths[page.path] {
                run.diagnostics.append(.error(Message(.pageListWouldWhereAlready, page.listingPage, page.path, other), at: SourceLocation(file: page.file)))
            }
            seenPaths[page.path] = page.file
            pages.append(page)
        }
        aliases = AliasPlan(config: config, pages: sitePages, known: [expanded, pages], diagnostics: &run.diagnostics)
        let claim = SiteOutputClaim(config: config, dated: dated, aliases: aliases, write: options.write, pages: sitePages)
        let statikFiles = SiteOutputs.registered.flatMap { $0.paths(claim) }
        outputs = Self.claimOutputs(pages: pages, inputs: inputs, statikFiles: statikFiles, aliases: aliases, diagnostics: &run.diagnostics)
        var perFile: [String: Int] = [:]
        for page in pages where !page.row.isEmpty { perFile[page.file, default: 0] += 1 }
        pagesPerFile = perFile
    }

    /// The pages Statik adds when the site has none at their address: the search page and the
    /// release calendar.
    static func generatedPages(besides pages: [PageSource], searchPath: String?, cataloguePath: String? = nil, calendar: ReleaseCalendar, language: Language) -> [PageSource] {
        var generated: [PageSource] = []
        func add(_ title: String, at path: String, layout: String?) {
            var matter = FrontMatter()
            matter.title = title
            matter.menu = .hidden
            matter.layout = layout
            generated.append(PageSource(file: "(\(title))", path: path, frontMatter: matter, body: "", bodyLine: 1,
                                        folder: String(path.dropLast()), isIndex: false, isGenerated: true))
        }
        if let searchPath, !pages.contains(where: { $0.path == searchPath }) {
            add(language == .english ? "Search" : "Sök", at: searchPath, layout: "search")
        }
        if let cataloguePath, !pages.contains(where: { $0.path == cataloguePath }) {
            add(language.pick("Öppna data", "Open data"), at: cataloguePath, layout: nil)
        }
        if calendar.isPublished, !pages.contains(where: { $0.path == calendar.path }) {
            add(calendar.title, at: calendar.path, layout: nil)
        }
        return generated
    }

    /// Two pages at one address, and folder names a file system cannot hold (255 bytes: a slug
    /// from a long title). `seen` keeps the addresses for the dated lists' later pages.
    static func checkAddresses(_ pages: [PageSource], seen: inout [String: String]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for page in pages {
            if let other = seen[page.path] {
                diagnostics.append(.error(Message(.pageWouldWhereAlreadyMakes, page.path, other), at: SourceLocation(file: page.file)))
            }
            seen[page.path] = page.file
            if let long = page.path.split(separator: "/").first(where: { $0.utf8.count > 255 }) {
                let row = page.row.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
                diagnostics.append(.error(Message(.pageWouldFolderNamedBytes, row.isEmpty ? Message(.nothing) : Message(.forRow, row), long.prefix(40), long.utf8.count), at: SourceLocation(file: page.file)))
            }
        }
        return diagnostics
    }

    /// Every file the build writes has one maker: a page, a file of content/ or of the theme,
    /// or Statik. Two makers of one path, or a file where another needs a folder, are reported
    /// at the source now, before anything is written (OutputPaths).
    static func claimOutputs(pages: [PageSource], inputs: SiteInputs, statikFiles: [String], aliases: AliasPlan = AliasPlan(), diagnostics: inout [Diagnostic]) -> OutputPaths {
        var outputs = OutputPaths()
        for page in pages {
            if let clash = outputs.add(page.path + "index.html", by: .page(page), sameIsReported: true) { diagnostics.append(clash) }
        }
        for (path, _, file) in inputs.theme.staticFiles {
            if let clash = outputs.add(path, by: .init(name: file, location: SourceLocation(file: file))) { diagnostics.append(clash) }
        }
        for asset in inputs.content.assets {
            let file = "\(ContentTree.folder)/\(asset.path)"
            if let clash = outputs.add(asset.path, by: .init(name: file, location: SourceLocation(file: file))) { diagnostics.append(clash) }
        }
        let aliasMakers = aliases.makers
        for path in statikFiles {
            if let clash = outputs.add(path, by: aliasMakers[path] ?? .statik) { diagnostics.append(clash) }
        }
        return outputs
    }
}
