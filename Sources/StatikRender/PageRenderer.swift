package import Foundation
package import StatikCore
import StatikYAML
package import StatikData
import StatikFormat
import StatikMarkdown
package import StatikContent
package import StatikOutput
package import StatikSources
package import StatikBlocks
import StatikDownloads

/// A page's body, rendered: the HTML that goes into the theme, and what happened on the way.
package struct RenderedBody: Sendable {
    package var html: String
    package var diagnostics: [Diagnostic]
    package var queries: Int
    /// The data tables the page's queries read: when one of them changes, so may the page.
    package var tablesRead: Set<String> = []
    /// How many of the page's `check` blocks ran.
    package var checks = 0
    /// Files beside the page (its tables as CSV and Excel), by name.
    package var files: [(name: String, data: Data)] = []
    /// Workbooks of the last build kept as they are (KeptWorkbooks), by name.
    package var keptFiles: [(name: String, entry: OutputManifest.Entry)] = []
    /// What each of its workbooks was made from, by name (for the render cache).
    package var workbookInputs: [String: StableDigest] = [:]
    /// The text of each workbook made, by name: what the leak check searches.
    package var fileTexts: [(name: String, data: Data)] = []
    /// The tables it publishes (the open-data catalogue's datasets).
    package var datasets: [PublishedTable] = []
    /// The digest of its queries' results, when the page is made from them and from nothing
    /// else of its tables but their shape (`resultsDigest`).
    package var results: StableDigest?

    /// A body Statik wrote itself (the open-data page): no queries, no files.
    package init(html: String) {
        self.init(html: html, diagnostics: [], queries: 0)
    }

    init(html: String, diagnostics: [Diagnostic], queries: Int, tablesRead: Set<String> = [], checks: Int = 0, files: [(name: String, data: Data)] = [],
         keptFiles: [(name: String, entry: OutputManifest.Entry)] = [], workbookInputs: [String: StableDigest] = [:], fileTexts: [(name: String, data: Data)] = [], datasets: [PublishedTable] = []) {
        self.html = html
        self.diagnostics = diagnostics
        self.queries = queries
        self.tablesRead = tablesRead
        self.checks = checks
        self.files = files
        self.keptFiles = keptFiles
        self.workbookInputs = workbookInputs
        self.fileTexts = fileTexts
        self.datasets = datasets
    }
}

/// Turns one page's Markdown into HTML: runs its queries, puts tables where the `table` blocks
/// were and values where the `{{ … }}` were.
package struct PageRenderer {
    let page: PageSource
    let store: DataStore
    /// The data tables, in lower case: a query may not take one of their names.
    let tables: Set<String>
    let unsafeHTML: Bool
    var edition = Edition.public
    /// The site's threshold for disclosure control (`suppress_below`).
    var suppressBelow = 5
    /// Which columns of the data files are counts of persons: withheld by default.
    var disclosure = Disclosure()
    /// The block kinds besides `sql` (PageBlock.swift); a test may add its own.
    var blockKinds: [any PageBlock.Type] = PageBlocks.registered
    /// The sources' answers to this build's queries (SourceStage), the names of the sources of
    /// statik.yml (lower case), and the one that holds the data tables, if any.
    package var sources = SourceResults()
    package var sourceNames: [String: String] = [:]
    package var dataTablesSource: String?
    /// The last build's workbooks this page may keep instead of making them again.
    package var keptWorkbooks = KeptWorkbooks.none
    /// Cells of data tables other pages withhold as partners (DisclosurePlan): withheld here too.
    package var sitePartners = Set<BaseCell>()
    /// Step 3 as the site's disclosure plan already ran it for this page.
    package var precomputed: PageQueries.Outcome?

    /// The site's folder and where links may lead.
    package var environment = RenderEnvironment()
    /// For the cover of the page's workbook: the page's full address and the site's contact.
    package var address: String?
    package var contact: String?

    package init(page: PageSource, store: DataStore, tables: Set<String>, unsafeHTML: Bool, edition: Edition = .public, suppressBelow: Int = 5, disclosure: Disclosure = Disclosure()) {
        self.page = page
        self.store = store
        self.tables = tables
        self.unsafeHTML = unsafeHTML
        self.edition = edition
        self.suppressBelow = suppressBelow
        self.disclosure = disclosure
    }

    private enum Block {
        case query(QueryBlock, MarkdownDocument.CodeBlock)
        case table(name: String, MarkdownDocument.CodeBlock)
    }

    package func render() -> RenderedBody {
        // Read once: a page source makes its body from the file's text each time it is asked.
        let body = page.body
        // cmark-gfm 0.29 takes time with the square of a table's columns (8 000 columns: 4 s);
        // a line with more cells than any statistics table has is an error, and the page is
        // not parsed, so the work per page stays linear.
        if let wide = Self.tooWideTableLine(body) {
            let line = page.bodyLine + wide.line - 1
            return RenderedBody(html: "", diagnostics: [page.diagnostic(.error, Message(.lineHasTableCellsTable, wide.cells, Self.maximumTableColumns), line: line)], queries: 0)
        }
        var diagnostics: [Diagnostic] = []
        let document = MarkdownDocument(markdown: body, options: .init(unsafeHTML: unsafeHTML))
        let links = document.links()  // for checkLinks, before anything in the document changes
        for line in document.paragraphsOfTableRows() {
            diagnostics.append(page.diagnostic(.warning, Message(.tableRowsWithoutDelimiterRow), line: page.bodyLine + line - 1))
        }
        // 1–2. The blocks, and the disclosure rules their options give.
        let found = findBlocks(document, body: body, diagnostics: &diagnostics)
        for block in found.queryBlocks { document.remove(block) }
        // 3. Run the queries, in page order, with disclosure control (PageQueries).
        let run = precomputed ?? runQueries(found)
        diagnostics += run.diagnostics
        // 4. The blocks that show or check the queries.
        let context = renderBlocks(found, run: run, in: document)
        diagnostics += context.diagnostics
        var used = run.used.union(context.used)
        // 5. Values in prose, parameters in link addresses, and the one rule for URLs.
        diagnostics += fillValues(in: document, queries: found.queries, run: run, used: &used)
        diagnostics += fillLinkParameters(in: document)
        diagnostics += fillReferences(in: document, context.references)
        // Every address passes the one rule for URLs (URLPolicy), also with unsafe_html (where
        // cmark-gfm lets any address through) and after parameters are filled in; the link
        // check says why an address was left out.
        document.rewriteURLs { url, _, _ in URLPolicy.refusedScheme(url, isImage: true) != nil ? "" : nil }
        // 6. What the author should hear about, and the headings' ids.
        for query in found.queries where !used.contains(query.name.lowercased()) {
            diagnostics.append(page.diagnostic(.warning, Message(.queryNotUsedShowTable, query.name, query.name, query.name), line: query.line - 1))
        }
        diagnostics += rawHTMLWarnings(document)
        diagnostics += addHeadingIDs(document, besides: context.ids)
        let read = Self.tablesRead(found.queries, store: store).union(context.tablesRead).intersection(tables)
        diagnostics += checkLinks(links)  // images without alt text, links that lead nowhere (CheckLinks.swift)
        // 7. The page's HTML, and its downloads.
        var downloads = context.downloads
        let html = downloads.finish(document.renderHTML(), created: context.created, known: environment.caches.workbookParts)
        diagnostics += downloads.problems.map { page.diagnostic(.error, $0, line: page.bodyLine) }
        var rendered = RenderedBody(html: html, diagnostics: diagnostics, queries: run.ran, tablesRead: read, checks: context.checks, files: downloads.files,
                                    keptFiles: downloads.keptFiles, workbookInputs: downloads.workbookInputs, fileTexts: downloads.texts,
                                    datasets: downloads.published.map { table in PublishedTable(file: table.file, caption: table.caption, tables: table.tables.filter(tables.contains)) })
        rendered.results = Self.resultsDigest(found, run: run, tables: tables, disclosure: disclosure, store: store)
        return rendered
    }

    /// The tables (lower case) the page's queries read (`QueryBlock.tablesRead`).
    static func tablesRead(_ queries: [QueryBlock], store: DataStore) -> Set<String> {
        queries.indices.reduce(into: Set<String>()) { $0.formUnion(queries[$1].tablesRead(earlier: Array(queries[..<$1]), store: store)) }
    }

    /// The digest of the page's query results, run now; nil when the page is not made from
    /// them alone (`resultsDigest(_:run:…)`). A page whose tables' rows changed, and whose
    /// queries still give this, is the page it was (RenderCache).
    package func resultsDigest() -> StableDigest? {
        let body = page.body
        guard Self.tooWideTableLine(body) == nil else { return nil }
        let document = MarkdownDocument(markdown: body, options: .init(unsafeHTML: unsafeHTML))
        var ignored: [Diagnostic] = []  // a page kept by its results had none
        let found = findBlocks(document, body: body, diagnostics: &ignored)
        guard ignored.isEmpty else { return nil }
        return Self.resultsDigest(found, run: runQueries(found), tables: tables, disclosure: disclosure, store: store)
    }

    /// What the page's queries gave, in page order (names, columns, every value with its
    /// type), when that and the shapes of its tables are all the page is made from of its
    /// data; nil otherwise: a query failed or said something, a query ran on a source, a block
    /// runs SQL of its own (a check), or a table it reads has counts or cells withheld at the
    /// source (disclosure control reads the whole table, not only the rows it gives).
    static func resultsDigest(_ found: FoundBlocks, run: PageQueries.Outcome, tables: Set<String>, disclosure: Disclosure, store: DataStore) -> StableDigest? {
        guard run.diagnostics.isEmpty, run.failed.isEmpty, run.given.isEmpty, !found.queries.contains(where: { $0.source != nil }),
              !found.blocks.contains(where: { $0.kind.runsOwnSQL }) else { return nil }
        let read = tablesRead(found.queries, store: store).intersection(tables)
        guard read.allSatisfy({ disclosure.countColumns[$0] == nil && store.withheldAtSource[$0] == nil }),
              run.hidden.values.allSatisfy(\.cells.isEmpty), run.atSource.values.allSatisfy(\.isEmpty) else { return nil }
        var hasher = StableHasher()
        for query in found.queries {
            hasher.combine(query.name)
            guard let result = run.results[query.name.lowercased()] else {
                hasher.combine("no result")
                continue
            }
            hasher.combine(result.columns)
            hasher.combine(result.rows.count)
            for row in result.rows {
                for value in row {
                    switch value {
                    case .null: hasher.combine("n")
                    case .integer(let number): hasher.combine("i"); hasher.combine(UInt64(bitPattern: number))
                    case .real(let number): hasher.combine("r"); hasher.combine(number.bitPattern)
                    case .text(let text): hasher.combine("t"); hasher.combine(text)
                    }
                }
            }
        }
        return hasher.finalize()
    }

    /// The line of the file a line of the body is.
    private func fileLine(_ bodyLine: Int) -> Int { page.bodyLine + bodyLine - 1 }

    /// Step 4: the blocks kind by kind (PageBlock.swift), each taking its block's place in the
    /// page. Answers the blocks' context: what they reported, used, read, and their downloads.
    private func renderBlocks(_ found: FoundBlocks, run: PageQueries.Outcome, in document: MarkdownDocument) -> PageBlockContext {
        var context = PageBlockContext(
            page: page, edition: edition, store: store, queries: found.queries, results: run.results, given: run.given, hidden: run.hidden,
            atSource: run.atSource, percentColumns: run.percentOfQuery, failed: run.failed,
            created: page.frontMatter.publishing.lastModified?.epochSeconds ?? PageDownloads.zipEpoch)
        context.environment = environment
        context.downloads.words = ReaderWords.of(page.language)
        context.downloads.kept = keptWorkbooks
        context.downloads.pagePath = page.path
        context.downloads.cover = workbookCover()
        let uses = found.blocks.map { kind, name, block in
            let line = fileLine(block.line)
            let use = PageBlockUse(
                name: name, text: block.literal, location: page.location(line: line, column: block.column),
                options: YAMLSource(file: page.file, firstLine: line + block.bodyLineOffset, column: block.column, text: block.literal),
                sourceLine: page.sourceLine(line), label: fenceLabel(block, line: line))
            return (kind: kind, use: use, block: block)
        }
        // Numbers for the labelled tables and figures, before any block is rendered: a
        // reference may come before its block.
        context.numberBlocks(uses.map { ($0.kind, $0.use) })
        for type in blockKinds {
            for (kind, use, block) in uses where ObjectIdentifier(kind) == ObjectIdentifier(type) {
                if let html = kind.render(use, in: &context) {
                    document.replace(block, withHTML: html)
                } else {
                    document.remove(block)
                }
            }
        }
        return context
    }

    /// `{#tbl-namn}` after the block's name on its fence line, and where the label starts.
    private func fenceLabel(_ block: MarkdownDocument.CodeBlock, line: Int) -> BlockLabel? {
        guard block.info.containsBytes("{#") else { return nil }
        let words = block.info.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let (label, _) = BlockLabel.fenceWord(Array(words.dropFirst(2))) else { return nil }
        let text = page.sourceLine(line) ?? ""
        let column = text.range(of: "{#").map { text.distance(from: text.startIndex, to: $0.upperBound) + 1 } ?? block.column
        return BlockLabel(text: label, location: page.location(line: line, column: column))
    }

    /// Step 5c: references in prose (`@tbl-namn` → a link reading `tabell 2`), in the text
    /// the values' walk goes through, outside links; code is not text, and an e-mail address
    /// is not a reference (CrossReferences).
    private func fillReferences(in document: MarkdownDocument, _ references: CrossReferences) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let words = ReaderWords.of(page.language)
        document.rewriteTextWithInlines(containing: "@", outsideLinks: true) { text, line, column -> [MarkdownDocument.Inline]? in
            var pieces: [MarkdownDocument.Inline] = []
            var linked = false
            var problems: [CrossReferences.Problem] = []
            _ = references.resolve(text, at: page.location(line: fileLine(line), column: column), problems: &problems, other: { plain in
                pieces.append(.text(String(plain)))
                return ""
            }) { reference in
                linked = true
                pieces.append(.element(open: "<a href=\"#\(escapeHTML(reference.target.id))\">", text: CrossReferences.word(for: reference, words: words), close: "</a>"))
                return ""
            }
            diagnostics += problems.map(\.diagnostic)
            return linked ? pieces : nil
        }
        return diagnostics
    }

    /// Step 5: values in prose (`{{ fraga.kolumn }}`, `{{ params.namn }}`). Each figure from a
    /// query is marked (`<data value data-statik-figure>`), so that `statik diff` knows it by
    /// its query and column, never by guessing from the text. Most text has no value in it:
    /// cmark's bytes say so, before a Swift string is made.
    private func fillValues(in document: MarkdownDocument, queries: [QueryBlock], run: PageQueries.Outcome, used: inout Set<String>) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var found = used
        document.rewriteTextWithInlines(containing: "{{") { text, line, column -> [MarkdownDocument.Inline]? in
            InlineValue.pieces(of: text) { parsed, range -> MarkdownDocument.Inline? in
                let at = (line: fileLine(line), column: column + text.distance(from: text.startIndex, to: range.lowerBound))
                switch parsed {
                case .failure(.unclosed):
                    diagnostics.append(page.diagnostic(.error, Message(.notClosedEndValue2), line: at.line, column: at.column))
                    return nil
                case .failure(.syntax(let message)):
                    diagnostics.append(page.diagnostic(.error, message, line: at.line, column: at.column))
                    return nil
                case .success(let value):
                    if value.source != "params" { found.insert(value.source.lowercased()) }
                    switch self.value(value, results: run.results, failed: run.failed, queries: queries, hidden: edition == .public ? run.hidden : [:], atSource: run.atSource) {
                    case .text(let string) where value.source == "params":
                        return .text(string)
                    case .text(let string):
                        return figure(string, of: value, results: run.results)
                    case .problem(let problem):
                        if let problem { diagnostics.append(page.diagnostic(problem.severity, problem.message, line: at.line, column: at.column)) }
                        return .text(Format.notAvailable)
                    }
                }
            }
        }
        used = found
        return diagnostics
    }

    /// A figure in prose as HTML: shown as `text`, with the value it stands for (`x` when
    /// withheld) and the query and column it comes from.
    private func figure(_ text: String, of value: InlineValue, results: [String: QueryResult]) -> MarkdownDocument.Inline {
        let raw = results[value.source.lowercased()].flatMap { result in
            result.columnIndex(value.field).flatMap { index in result.rows.first.map { $0[index] } }
        }
        let machine = text == Symbols.withheld ? "x" : (raw.map { $0 == .null ? "" : $0.plainText } ?? "")
        return .element(open: "<data value=\"\(escapeHTML(machine))\" data-statik-figure=\"\(escapeHTML(value.source.lowercased() + "." + value.field.lowercased()))\">", text: text, close: "</data>")
    }

    /// Step 5b: page parameters in link addresses: [PO-sidan](<../../programomraden/{{ params.slug }}/>).
    private func fillLinkParameters(in document: MarkdownDocument) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        document.rewriteURLs { url, line, column in
            guard url.hasDoubleBraceOrEncoded else { return nil }
            let text = url.replacingOccurrences(of: "%7B%7B", with: "{{").replacingOccurrences(of: "%7D%7D", with: "}}").replacingOccurrences(of: "%20", with: " ")
            let filled = InlineValue.interpolate(text) { parsed, _ in
                if case .success(let value) = parsed, value.source == "params", let param = page.frontMatter.params[value.field] {
                    return param.plainText.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/?#"))) ?? ""
                }
                diagnostics.append(page.diagnostic(.error, Message(.linkAddressCanOnlyUse, page.frontMatter.params.keys.sorted().joined(separator: ", ")), line: fileLine(line), column: column))
                return nil
            }
            if let scheme = URLPolicy.refusedScheme(filled, isImage: true) {
                diagnostics.append(page.diagnostic(.warning, Message(.pageSParametersFilledAddress, scheme), line: fileLine(line), column: column))
            }
            return filled
        }
        return diagnostics
    }

    /// Raw HTML that was left out (without `unsafe_html`), said once a line.
    private func rawHTMLWarnings(_ document: MarkdownDocument) -> [Diagnostic] {
        guard !unsafeHTML else { return [] }
        var lines = Set<Int>()
        var diagnostics: [Diagnostic] = []
        for raw in document.rawHTML() where lines.insert(raw.line).inserted {
            diagnostics.append(page.diagnostic(.warning, Message(.rawHtmlLeftOutPage), line: fileLine(raw.line), column: raw.column))
        }
        return diagnostics
    }

    /// Gives every heading an id unique on the page (and apart from the tables' `ids`), and
    /// warns of a level-1 heading (the page title is the one h1) and of skipped levels.
    private func addHeadingIDs(_ document: MarkdownDocument, besides tableIDs: Set<String>) -> [Diagnostic] {
        var ids = Set<String>()
        // The next number to try for each base: 50 000 headings with the same text take linear
        // time, not a search from -2 for every one of them.
        var nextNumber: [String: Int] = [:]
        let headings = document.addHeadingIDs { text in
            let made = slug(text)
            let base = made.isEmpty ? "rubrik" : made
            var id = base
            var n = nextNumber[base] ?? 2
            while ids.contains(id) || tableIDs.contains(id) { id = "\(base)-\(n)"; n += 1 }
            nextNumber[base] = n
            ids.insert(id)
            return id
        }
        var diagnostics: [Diagnostic] = []
        var previous = 1  // the page title is the one h1
        for heading in headings {
            if heading.level == 1 {
                diagnostics.append(page.diagnostic(.warning, Message(.pageTitleLevel1Heading), line: fileLine(heading.line), column: heading.column))
            } else if heading.level > previous + 1 {
                diagnostics.append(page.diagnostic(.warning, Message(.headingLevelFollowsLevelDo, heading.level, previous), line: fileLine(heading.line), column: heading.column))
            }
            previous = heading.level
        }
        return diagnostics
    }

    /// What steps 1–2 of rendering find: the page's queries and other blocks, and the
    /// disclosure rules of their options.
    struct FoundBlocks {
        var queries: [QueryBlock] = []
        var queryBlocks: [MarkdownDocument.CodeBlock] = []
        var blocks: [(kind: any PageBlock.Type, name: String, block: MarkdownDocument.CodeBlock)] = []
        var rules: [String: SuppressOption.Parsed] = [:]
        var optedOut: [String: SuppressOption.Off] = [:]
        var unclosed = Set<String>()
    }

    /// Steps 1–2: the blocks of the page (a block that cannot be used is removed from
    /// `document` and reported), and the `suppress:` options of its tables and charts.
    private func findBlocks(_ document: MarkdownDocument, body: String, diagnostics: inout [Diagnostic]) -> FoundBlocks {
        // 1. Find the blocks.
        var queries: [QueryBlock] = []
        var queryBlocks: [MarkdownDocument.CodeBlock] = []
        // The other blocks (PageBlocks.registered), in page order.
        var blocks: [(kind: any PageBlock.Type, name: String, block: MarkdownDocument.CodeBlock)] = []
        let fenced = document.fencedCodeBlocks()
        var unclosed = Set<String>()
        for block in fenced {
            let words = block.info.split(whereSeparator: \.isWhitespace).map(String.init)
            guard let kind = words.first, kind == "sql" || blockKinds.contains(where: { $0.kind == kind }) else { continue }
            let line = fileLine(block.line)
            guard words.count >= 2 else {
                diagnostics.append(page.diagnostic(.error, Message(.blockNeedsNameName, kind, kind), line: line, column: block.column))
                document.remove(block)
                continue
            }
            let name = words[1]
            // A fence that is never closed runs to the end of the page: everything after it
            // would be read as SQL (or options). Say where it opens.
            if let fence = CodeFence.unclosed(in: body, openingLine: block.line, container: block.container) {
                diagnostics.append(page.diagnostic(.error, Message(.blockNeverClosedAllPage, kind, kind == "sql" ? Message(.wordSQL) : Message(.wordOptions), fence), line: line, column: block.column))
                document.remove(block)
                unclosed.insert(name.lowercased())  // its uses are not reported again
                continue
            }
            let (source, given) = kind == "sql" ? SourceRouting.option(Array(words.dropFirst(2))) : (nil, Array(words.dropFirst(2)))
            var extra = given
            if blockKinds.first(where: { $0.kind == kind })?.numbered != nil, let fence = BlockLabel.fenceWord(extra) { extra.remove(at: fence.index) }
            if !extra.isEmpty {
                diagnostics.append(page.diagnostic(.warning, Message(.afterNameIgnoredOptionsGo, extra.joined(separator: " ")), line: line, column: block.column))
            }
            if let source, sourceNames[source.lowercased()] == nil {
                let known = sourceNames.values.sorted()
                diagnostics.append(page.diagnostic(.error, known.isEmpty ? Message(.noSourceAddIt, source) : Message(.noSourceItsSourcesAre, source, known), line: line, column: block.column))
                document.remove(block)
                unclosed.insert(name.lowercased())
                continue
            }
            guard isIdentifier(name) else {
                diagnostics.append(page.diagnostic(.error, Message(.cannotNameQueryUseLetters, name), line: line, column: block.column))
                document.remove(block)
                continue
            }
            if kind == "sql" {
                guard let query = queryBlock(name, source: source, block: block, line: line, earlier: queries, diagnostics: &diagnostics) else {
                    document.remove(block)
                    continue
                }
                queries.append(query)
                queryBlocks.append(block)
            } else if let type = blockKinds.first(where: { $0.kind == kind }) {
                blocks.append((type, name, block))
            }
        }

        // 2. Disclosure control is decided before any query runs.
        let (rules, optedOut) = suppressOptions(of: blocks, diagnostics: &diagnostics)
        return FoundBlocks(queries: queries, queryBlocks: queryBlocks, blocks: blocks, rules: rules, optedOut: optedOut, unclosed: unclosed)
    }

    /// A ```` ```sql NAME ```` block as a query, or nil (said at its line) when its name is
    /// taken (by an earlier query, a data table or `params`) or its SQL is empty.
    private func queryBlock(_ name: String, source: String?, block: MarkdownDocument.CodeBlock, line: Int, earlier queries: [QueryBlock], diagnostics: inout [Diagnostic]) -> QueryBlock? {
        if let first = queries.first(where: { $0.name.lowercased() == name.lowercased() }) {
            diagnostics.append(page.diagnostic(.error, Message(.queryNameUsedTwicePage, name, first.line - 1), line: line, column: block.column))
            return nil
        }
        if tables.contains(name.lowercased()) || name.lowercased() == "params" {
            diagnostics.append(page.diagnostic(.error, Message(.queryNameTakenChooseAnother, name, name.lowercased() == "params" ? Message(.thePageParameters) : Message(.aDataTable)), line: line, column: block.column))
            return nil
        }
        var sql = block.literal
        while let last = sql.last, last.isWhitespace || last == ";" { sql.removeLast() }
        if sql.trimming(" \t\n").isEmpty {
            diagnostics.append(page.diagnostic(.error, Message(.queryEmptyWriteSelectBetween, name), line: line, column: block.column))
            return nil
        }
        return QueryBlock(name: name, sql: sql, line: line + block.bodyLineOffset, column: block.column, source: source.map { sourceNames[$0.lowercased()] ?? $0 })
    }

    /// Step 2: the `suppress:` options of the tables and charts, which say which counts of a
    /// query's result may not be published; read before any query runs.
    private func suppressOptions(of blocks: [(kind: any PageBlock.Type, name: String, block: MarkdownDocument.CodeBlock)], diagnostics: inout [Diagnostic]) -> (rules: [String: SuppressOption.Parsed], optedOut: [String: SuppressOption.Off]) {
        var rules: [String: SuppressOption.Parsed] = [:]
        var optedOut: [String: SuppressOption.Off] = [:]
        for (kind, original, block) in blocks where kind.takesSuppressOption {
            let name = original.lowercased()
            let options = YAMLSource(file: page.file, firstLine: fileLine(block.line) + block.bodyLineOffset, column: block.column, text: block.literal)
            if let off = SuppressOption.readOff(options, diagnostics: &diagnostics) {
                optedOut[name] = off
                continue
            }
            guard let parsed = SuppressOption.read(options, defaultBelow: suppressBelow, diagnostics: &diagnostics) else { continue }
            if let earlier = rules[name] {
                if earlier.rule != parsed.rule {
                    diagnostics.append(Diagnostic(.error, at: parsed.location, Message(.querySuppressedAnotherWayEarlier, original), sourceLine: page.sourceLine(parsed.location.line)))
                }
                continue
            }
            rules[name] = parsed
        }
        return (rules, optedOut)
    }

    /// Step 3: the page's queries, run with disclosure control.
    private func runQueries(_ found: FoundBlocks) -> PageQueries.Outcome {
        let queries = found.queries
        let assigned = SourceRouting.assign(queries, dataTables: tables, dataTablesSource: dataTablesSource)
        return PageQueries(
            page: page, store: store, queries: queries, assigned: assigned, edition: edition, suppressBelow: suppressBelow,
            disclosure: disclosure, rules: found.rules, optedOut: found.optedOut, unclosed: found.unclosed, dataTablesSource: dataTablesSource,
            partners: sitePartners,
            sourceAnswer: { index, withheld in sourceAnswer(index, of: queries, assigned: assigned, source: assigned[index]!, withheld: withheld) }
        ).run()
    }

    /// Steps 1–3 alone, for the site's disclosure plan (DisclosurePlan): what the page's
    /// queries withhold, before the page is rendered.
    func planDisclosure() -> PageQueries.Outcome? {
        let body = page.body
        guard Self.tooWideTableLine(body) == nil else { return nil }
        let document = MarkdownDocument(markdown: body, options: .init(unsafeHTML: unsafeHTML))
        var ignored: [Diagnostic] = []  // said when the page is rendered
        return runQueries(findBlocks(document, body: body, diagnostics: &ignored))
    }

    /// The most columns a Markdown table may have.
    static let maximumTableColumns = 200

    /// The first line of `body` with more `|` than a table of `maximumTableColumns` columns
    /// has (counted on bytes, one pass).
    /// The answer a source gave to query `index` (fetched before rendering; SourceStage), and
    /// how many bytes of the SQL it was asked come before the author's own. Nil when the
    /// source failed as a whole (reported once, at statik.yml).
    private func sourceAnswer(_ index: Int, of queries: [QueryBlock], assigned: [String?], source: String, withheld: [String: QueryResult]) -> (Result<QueryResult, QueryError>, Int)? {
        if sources.failed.contains(source.lowercased()) { return nil }
        let query = queries[index]
        // A source reads the raw rows of the earlier queries it runs with: not allowed where
        // this page withholds their counts.
        for (i, other) in queries[..<index].enumerated() where assigned[i] == source && withheld[other.name.lowercased()] != nil && query.tableReferences.contains(SQLName(other.name)) {
            return (.failure(QueryError(message: Message(.sourceWouldReadWithheld, other.name))), 0)
        }
        switch SourceRouting.query(index, of: queries, sources: assigned, parameters: page.frontMatter.params) {
        case .failure(let error):
            return (.failure(error), 0)
        case .success(let made):
            let answer = sources.answer(source: source, query: made.query)
                ?? .failure(QueryError(message: Message(.sourceNotAsked, source)))
            return (answer, made.prefix)
        }
    }

    static func tooWideTableLine(_ body: String) -> (line: Int, cells: Int)? {
        var line = 1, pipes = 0
        var result: (Int, Int)?
        body.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes {
                if b == UInt8(ascii: "|") {
                    pipes += 1
                } else if b == UInt8(ascii: "\n") {
                    if pipes > maximumTableColumns + 1 { result = (line, pipes - 1); return }
                    line += 1
                    pipes = 0
                }
            }
            if pipes > maximumTableColumns + 1 { result = (line, pipes - 1) }
        }
        return result
    }

    private struct ValueProblem {
        var severity: Diagnostic.Severity
        var message: Message
    }

    /// A value's text, or why there is none (nil: already reported where the query failed).
    private enum Resolved {
        case text(String)
        case problem(ValueProblem?)
    }

    /// `hidden`: the cells withheld from the public edition, by query: such a value is `x`.
    private func value(_ value: InlineValue, results: [String: QueryResult], failed: Set<String>, queries: [QueryBlock],
                       hidden: [String: (cells: Set<Cell>, below: Int)] = [:], atSource: [String: Set<Cell>] = [:]) -> Resolved {
        if value.source == "params" {
            guard let param = page.frontMatter.params[value.field] else {
                let known = page.frontMatter.params.keys.sorted().joined(separator: ", ")
                return .problem(ValueProblem(severity: .error, message: known.isEmpty ? Message(.pageHasNoParameterAddIt, value.field) : Message(.pageHasNoParameterItHas, value.field, known)))
            }
            return .text((value.format ?? .text).string(param, in: page.language))
        }
        guard let result = results[value.source.lowercased()] else {
            if failed.contains(value.source.lowercased()) { return .problem(nil) }
            return .problem(ValueProblem(severity: .error, message: PageBlocks.unknownQuery(value.source, queries)))
        }
        guard let index = result.columnIndex(value.field) else {
            return .problem(ValueProblem(severity: .error, message: closest(to: value.field, in: result.columns).map { Message(.queryHasNoColumnDidYouMean, value.source, value.field, $0) } ?? Message(.queryHasNoColumnColumns, value.source, value.field, result.columns)))
        }
        guard let row = result.rows.first else {
            return .problem(ValueProblem(severity: .warning, message: Message(.queryReturnedNoRowsValueShows, value.source)))
        }
        if hidden[value.source.lowercased()]?.cells.contains(Cell(row: 0, column: index)) == true
            || atSource[value.source.lowercased()]?.contains(Cell(row: 0, column: index)) == true {
            return .text(Symbols.withheld)
        }
        let format = value.format ?? Format.default(forColumn: result.columns[index], values: [row[index]])
        return .text(format.string(row[index], in: page.language))
    }
}

extension PageRenderer {
    /// What the cover of the page's workbook says: the page's title, address and dates, the
    /// site's contact, and the symbols as this edition shows them.
    func workbookCover() -> WorkbookCover {
        let words = ReaderWords.of(page.language)
        let publishing = page.frontMatter.publishing
        var symbols = [SuppressOption.footnote(below: suppressBelow, edition: edition, language: page.language)]
        if edition == .intranet { symbols.append(words.withheldAtSourceExplained + ".") }
        symbols += [words.missingExplained + ".", words.nothingExplained + "."]
        return WorkbookCover(
            title: page.frontMatter.title, address: address, published: (publishing.date ?? publishing.lastModified)?.description,
            updated: publishing.updated?.description, nextUpdate: publishing.nextUpdate?.description, contact: contact,
            symbols: symbols, words: .of(page.language))
    }

    /// See `PageLinkCheck`: called at the end of `render()`, with the links the page's document
    /// had when it was parsed.
    func checkLinks(_ links: [MarkdownLink]) -> [Diagnostic] { PageLinkCheck(page: page, links: links, targets: environment.linkTargets).diagnostics() }
}
