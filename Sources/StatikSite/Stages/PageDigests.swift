import Foundation
import StatikCore
import StatikData
import StatikMarkdown
import StatikContent
import StatikOutput
import StatikSources
import StatikRender

/// Everything a page's output depends on, as one digest a page: what all pages share (the
/// settings, the site map, the dated lists, the disclosure plan, which files exist, …), the
/// templates of its layout, and what is its own. The digests are the same in every process
/// (StableHasher): a build that writes reuses the pages of the last one by them (RenderCache),
/// and a preview its own.
struct PageDigests: Sendable {
    let site: StableDigest
    let layouts: [String: StableDigest]
    let theme: Theme
    let data: DataSet
    let now: Int64

    init(config: SiteConfig, options: BuildOptions, plan: PagePlan, inputs: SiteInputs, sources: SourceResults, disclosure: DisclosurePlan) {
        site = Self.shared(config: config, options: options, plan: plan, inputs: inputs, sources: sources, disclosure: disclosure)
        // The templates of a layout, digested once per build rather than once per page.
        var layouts: [String: StableDigest] = [:]
        for page in plan.pages {
            let layout = Site.layout(of: page, theme: inputs.theme)
            if layouts[layout] != nil { continue }
            var hasher = StableHasher()
            for name in inputs.theme.closure(of: layout) {
                hasher.combine(name)
                hasher.combine(inputs.theme.sources[name])
            }
            layouts[layout] = hasher.finalize()
        }
        self.layouts = layouts
        theme = inputs.theme
        data = inputs.data
        now = options.resolvedNow
    }

    /// The digest of `page`, having read `tablesRead` (nil: never rendered, so not known).
    func callAsFunction(_ page: PageSource, tablesRead: Set<String>?) -> StableDigest {
        Self.digest(of: page, site: site, templates: layouts[Site.layout(of: page, theme: theme)]!, data: data, now: now, tablesRead: tablesRead)
    }

    /// The digest of `page` with the shapes of the tables it read (`DataSet.shapes`) in place
    /// of their bytes: what it depends on besides its queries' results.
    func shape(_ page: PageSource, tablesRead: Set<String>) -> StableDigest {
        Self.digest(of: page, site: site, templates: layouts[Site.layout(of: page, theme: theme)]!, data: data, now: now, tablesRead: tablesRead, rows: false)
    }

    /// What all pages share.
    private static func shared(config: SiteConfig, options: BuildOptions, plan: PagePlan, inputs: SiteInputs, sources: SourceResults, disclosure: DisclosurePlan) -> StableDigest {
        var shared = StableHasher()
        shared.combine(options.toolIdentity)
        disclosure.combine(into: &shared)
        shared.combine(sources.digest)
        shared.combine(reflecting: config)
        shared.combine(options.drafts)
        shared.combine(plan.map.digest)
        shared.combine(plan.dated.digest)
        shared.combine(inputs.store.tableNames.map { $0.lowercased() }.sorted())
        shared.combine(inputs.data.brokenTables.sorted())
        // Where links may lead (a page's warnings depend on which files exist), and the files
        // pages read while they render (map geometry), by their bytes: an edit that keeps a
        // file's size and time (or its size within the same clock tick) is still an edit.
        shared.combine(inputs.content.assets.map(\.path).sorted())
        shared.combine(inputs.theme.staticFiles.map(\.path).sorted())
        shared.combine(plan.publication.heldBack.keys.sorted())
        for (file, url) in inputs.content.otherDataFiles.sorted(by: { $0.file < $1.file }) {
            shared.combine(file)
            if let data = FileManager.default.contents(atPath: url.path) { shared.combine(contentHash(data)) }
        }
        // What the public edition must not show: a page is checked for it when it is written.
        for print in inputs.fingerprints { shared.combine(print.phrase) }
        return shared.finalize()
    }

    /// Everything a page's output depends on, besides what all pages share (`site`):
    /// `templates`, the digest of the templates its layout uses; its file (front matter and
    /// body, as the edition keeps it), its row and parameters; what of it depends on the build's
    /// "now" (a next update still to come, a scheduled banner); and the data tables it read
    /// (nil: never rendered, so not known, and nothing to reuse).
    /// `rows`: false for the tables' shapes in place of their bytes (`shape`).
    static func digest(of page: PageSource, site: StableDigest, templates: StableDigest, data: DataSet, now: Int64, tablesRead: Set<String>?, rows: Bool = true) -> StableDigest {
        var hasher = StableHasher()
        hasher.combine(site)
        hasher.combine(templates)
        hasher.combine(page.path)
        hasher.combine(page.file)
        // The front matter as written, then the body as the edition keeps it, by their bytes.
        hasher.combine(page.header)
        hasher.combine(page.body)
        combine(page.frontMatter, into: &hasher)
        hasher.combine(page.row.count)
        for (name, value) in page.row {
            hasher.combine(name)
            hasher.combine(value)
        }
        hasher.combine(page.language.rawValue)
        hasher.combine(page.listingPage)
        hasher.combine(page.sectionPath)
        hasher.combine(page.isGenerated)
        let publishing = page.frontMatter.publishing
        hasher.combine(publishing.nextUpdate.map { $0.endEpochSeconds > now } ?? false)
        hasher.combine(publishing.isScheduled(now: now))
        guard let tablesRead else {
            hasher.combine("never rendered")
            return hasher.finalize()
        }
        if !rows { hasher.combine("shapes") }
        for table in tablesRead.sorted() {
            hasher.combine(table)
            if let digest = rows ? data.digests[table] : data.shapes[table] { hasher.combine(digest) } else { hasher.combine("no file") }
        }
        return hasher.finalize()
    }

    /// What the front matter became: a page made from a row fills in its values.
    private static func combine(_ matter: FrontMatter, into hasher: inout StableHasher) {
        hasher.combine(matter.title)
        hasher.combine(matter.description)
        hasher.combine(matter.weight)
        hasher.combine(matter.layout)
        hasher.combine(matter.switcher)
        hasher.combine(matter.pages)
        hasher.combine(matter.translationKey)
        hasher.combine(matter.params)
    }
}

/// The disclosure plan's own digest: what every page withholds as a partner is decided again
/// only when something it is made from changed (DisclosurePlan).
enum DisclosureStage {
    static func digest(of pages: [PageSource], config: SiteConfig, toolIdentity: String, sources: SourceResults, data: DataSet) -> StableDigest {
        var hasher = StableHasher()
        hasher.combine(toolIdentity)
        hasher.combine(reflecting: config)
        hasher.combine(sources.digest)
        for (table, tableDigest) in data.digests.sorted(by: { $0.key < $1.key }) {
            hasher.combine(table)
            hasher.combine(tableDigest.description)
        }
        for page in pages {
            hasher.combine(page.path)
            planInput(of: page.body, into: &hasher)
            hasher.combine(page.frontMatter.params)
            // Which edition has it, and which lines only the intranet has (its public view).
            hasher.combine(page.frontMatter.edition?.rawValue)
            hasher.combine(page.intranetBlocks.count)
            for lines in page.intranetBlocks {
                hasher.combine(lines.lowerBound)
                hasher.combine(lines.upperBound)
            }
        }
        return hasher.finalize()
    }

    /// What a page's run for the plan depends on besides the page (`PlanRuns`): Statik, the
    /// settings, the sources' answers, which tables there are and what their descriptions say
    /// of counts and shares.
    static func runBase(config: SiteConfig, toolIdentity: String, sources: SourceResults, data: DataSet, tableNames: [String]) -> StableDigest {
        var hasher = StableHasher()
        hasher.combine(toolIdentity)
        hasher.combine(reflecting: config)
        hasher.combine(sources.digest)
        hasher.combine(tableNames.map { $0.lowercased() }.sorted())
        let disclosure = data.disclosure
        for (table, columns) in disclosure.countColumns.sorted(by: { $0.key < $1.key }) {
            hasher.combine("count " + table)
            hasher.combine(columns.sorted())
        }
        for (table, shares) in disclosure.shares.sorted(by: { $0.key < $1.key }) {
            hasher.combine("shares " + table)
            for (share, count) in shares.sorted(by: { $0.key < $1.key }) { hasher.combine([share, count]) }
        }
        for (table, columns) in disclosure.percentColumns.sorted(by: { $0.key < $1.key }) {
            hasher.combine("percent " + table)
            hasher.combine(columns.sorted())
        }
        return hasher.finalize()
    }

    /// One page's run for the plan (`PlanRuns`): `base` (runBase), the page as the plan reads
    /// it, and the bytes of each table its queries name (`tables`, lower case).
    static func runDigest(of page: PageSource, tables: Set<String>, base: StableDigest, data: DataSet) -> StableDigest {
        var hasher = StableHasher()
        hasher.combine(base)
        hasher.combine(page.path)
        hasher.combine(page.file)
        // The whole file and where its body starts: a run's diagnostics name lines and quote them.
        hasher.combine(page.header)
        hasher.combine(page.body)
        hasher.combine(page.bodyLine)
        hasher.combine(page.frontMatter.params)
        hasher.combine(page.row.count)
        for (name, value) in page.row { hasher.combine([name, value]) }
        hasher.combine(page.frontMatter.edition?.rawValue)
        for table in tables.sorted() {
            hasher.combine(table)
            if let digest = data.digests[table] { hasher.combine(digest) } else { hasher.combine("no file") }
        }
        return hasher.finalize()
    }

    /// What the plan reads of a page's text, with the line of each piece (a query's problems
    /// are told at their lines): its fenced blocks (queries, tables, charts), the lines with
    /// inline values (`{{ … }}`) and the lines of pipe tables (one too wide stops the page's
    /// queries). Not its prose: a sentence changed does not make every page's queries run again
    /// (a save of a page in the preview waited a second for it). A fence is looked for at any
    /// indentation, so a block in a list item counts too: more lines than needed, never fewer.
    static func planInput(of body: String, into hasher: inout StableHasher) {
        // Lines and marks are found in UTF-8 bytes: split into Characters and searched with
        // Foundation, this took 0.3 ms a page, half of a fresh 1 000-page build (perf).
        var fence: CodeFence?
        var number = 0
        for bytes in body.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let line = Substring(bytes)
            var counts = Self.hasPlanMark(bytes)
            if let open = fence {
                counts = true
                if open.role(of: line) != .content { fence = nil }
            } else if let first = bytes.first(where: { $0 != UInt8(ascii: " ") }), first == UInt8(ascii: "`") || first == UInt8(ascii: "~"),
                      let opened = CodeFence(opening: line, container: bytes.prefix { $0 == UInt8(ascii: " ") }.count) {
                fence = opened
                counts = true
            }
            if counts {
                hasher.combine(number)
                hasher.combine(line)
            }
        }
    }

    /// A line holds `{{` (an inline value) or `|` (a pipe table's cell).
    private static func hasPlanMark(_ line: Substring.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for byte in line {
            if byte == UInt8(ascii: "|") || (byte == UInt8(ascii: "{") && previous == byte) { return true }
            previous = byte
        }
        return false
    }
}
