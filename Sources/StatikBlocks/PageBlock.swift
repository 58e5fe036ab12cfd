import Foundation
package import StatikCore
package import StatikYAML
package import StatikData
import StatikMarkdown
package import StatikContent
import StatikOutput
import StatikSources

/// A kind of fenced block that shows or checks a query of the page: ```` ```table NAME ````,
/// ```` ```chart NAME ````, ```` ```check NAME ````.
///
/// The page's own ```` ```sql NAME ```` blocks are the pipeline's first stage (PageRenderer runs
/// them, with disclosure control, before any block of these kinds); every other kind is one
/// type conforming to `PageBlock`, in its own file, and one line in `PageBlocks.registered`.
/// `PageRenderer` knows none of them by name.
package protocol PageBlock: SendableMetatype {
    /// The word after the fence (```` ```table ````).
    static var kind: String { get }
    /// Whether the block's options may say how its query is withheld (`suppress:`): those
    /// options are read before any query runs, so that no count leaves a query unchecked.
    static var takesSuppressOption: Bool { get }
    /// Whether the block runs SQL of its own (a check): then what it shows or says depends on
    /// more than the page's query results, and the page is not kept by them (RenderCache).
    static var runsOwnSQL: Bool { get }
    /// The HTML that takes the block's place in the page, or nil to leave nothing there.
    /// Problems go into `context.diagnostics`.
    static func render(_ use: PageBlockUse, in context: inout PageBlockContext) -> String?
    /// What a labelled block of this kind is numbered as (a table, a figure); nil: blocks of
    /// this kind are not numbered.
    static var numbered: CrossReferences.Kind? { get }
    /// The block's `label:` option, read by the page's one numbering pass before any block is
    /// rendered (PageNumbering.swift).
    static func label(_ use: PageBlockUse, in context: inout PageBlockContext) -> BlockLabel?
}

extension PageBlock {
    package static var runsOwnSQL: Bool { false }
    package static var numbered: CrossReferences.Kind? { nil }
    package static func label(_ use: PageBlockUse, in context: inout PageBlockContext) -> BlockLabel? { nil }
}

/// One block of a page, as its kind sees it.
package struct PageBlockUse {
    /// The name after the kind (```` ```table deltagare ````): the query it shows or checks.
    var name: String
    /// The block's text between the fences (options, or SQL for a check).
    var text: String
    /// Where the block opens, in the page's file.
    var location: SourceLocation
    /// The block's text as YAML options, with their lines in the page's file.
    var options: YAMLSource
    /// The fence line, for a diagnostic's excerpt.
    var sourceLine: String?
    /// `{#tbl-namn}` on the fence line: the block's label (before a `label:` option).
    var label: BlockLabel?

    package init(name: String, text: String, location: SourceLocation, options: YAMLSource, sourceLine: String? = nil, label: BlockLabel? = nil) {
        self.name = name
        self.text = text
        self.location = location
        self.options = options
        self.sourceLine = sourceLine
        self.label = label
    }
}

/// What a block may read and add while the page is rendered; passed explicitly, kind by kind.
package struct PageBlockContext {
    let page: PageSource
    let edition: Edition
    let store: DataStore
    /// The page's queries, in page order.
    let queries: [QueryBlock]
    /// The queries' results, by lower-case name (in the public edition, with counts withheld).
    let results: [String: QueryResult]
    /// The results of the page's queries that ran on a data source (statik.yml `sources:`),
    /// which a check reads as given tables.
    let given: [String: QueryResult]
    /// The cells of each result that disclosure control withholds, and its threshold.
    let hidden: [String: (cells: Set<Cell>, below: Int)]
    /// The cells withheld at the source (`x` in a data file) or made from such a cell, by
    /// query: `x` in every edition, explained as the source's.
    var atSource: [String: Set<Cell>] = [:]
    /// Columns that hold percentages, by query.
    let percentColumns: [String: Set<String>]
    /// Queries that failed (already reported): a block that shows one says nothing more.
    let failed: Set<String>
    /// When the page was last changed, for the files' dates.
    package let created: Int64
    /// The site's folder and where links may lead.
    package var environment = RenderEnvironment()

    /// Queries a block used (lower case): a query no block uses is reported.
    package var used = Set<String>()
    /// Data tables a block read directly (a check's SQL): a change to one rebuilds the page.
    package var tablesRead = Set<String>()
    /// `id`s given so far to tables and charts on the page.
    package var ids = Set<String>()
    /// Files beside the page (CSV and Excel of its tables), linked in the page's language.
    package var downloads = PageDownloads()
    /// The page's numbered tables and figures (PageNumbering.swift), made before any block
    /// is rendered.
    package var references = CrossReferences()
    /// How many checks ran.
    package var checks = 0
    package var diagnostics: [Diagnostic] = []

    package init(page: PageSource, edition: Edition, store: DataStore, queries: [QueryBlock], results: [String: QueryResult], given: [String: QueryResult], hidden: [String: (cells: Set<Cell>, below: Int)], atSource: [String: Set<Cell>] = [:], percentColumns: [String: Set<String>], failed: Set<String>, created: Int64, diagnostics: [Diagnostic] = []) {
        self.page = page
        self.edition = edition
        self.store = store
        self.queries = queries
        self.results = results
        self.given = given
        self.hidden = hidden
        self.atSource = atSource
        self.percentColumns = percentColumns
        self.failed = failed
        self.created = created
        self.diagnostics = diagnostics
    }

    /// The result a block shows, or nil after reporting why there is none (a query not on the
    /// page, with the nearest name).
    mutating func result(for use: PageBlockUse) -> QueryResult? {
        let key = use.name.lowercased()
        used.insert(key)
        if let result = results[key] { return result }
        if !failed.contains(key) {
            diagnostics.append(Diagnostic(.error, at: use.location, PageBlocks.unknownQuery(use.name, queries), sourceLine: use.sourceLine))
        }
        return nil
    }

    /// The withheld cells of the result `name`, in the form the tables and charts take.
    func secret(_ name: String) -> (cells: Set<Cell>, below: Int, edition: Edition)? {
        hidden[name.lowercased()].map { (cells: $0.cells, below: $0.below, edition: edition) }
    }

    /// A new `id` on the page: `tabell-NAME`, then `tabell-NAME-2`, …
    mutating func uniqueID(_ base: String) -> String {
        var id = base
        var n = 2
        while ids.contains(id) { id = "\(base)-\(n)"; n += 1 }
        ids.insert(id)
        return id
    }
}

/// The block kinds a page can hold, besides `sql`. Blocks are rendered kind by kind in this
/// order (each kind's blocks in page order), so that ids are given in a stable order.
package enum PageBlocks {
    package static let registered: [any PageBlock.Type] = [CheckBlock.self, TableBlock.self, ChartBlock.self]

    /// "there is no query 'x' on this page; did you mean 'y'?"
    package static func unknownQuery(_ name: String, _ queries: [QueryBlock]) -> Message {
        let names = queries.map(\.name)
        if let near = closest(to: name, in: names) { return Message(.noQueryDidYouMean, name, near) }
        return names.isEmpty ? Message(.noQueryDefineIt, name) : Message(.noQueryItsQueriesAre, name, names)
    }
}
