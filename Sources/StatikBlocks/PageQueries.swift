package import StatikCore
package import StatikData
package import StatikContent
import StatikOutput
import StatikSources

/// A page's queries, run in page order, with disclosure control (docs/disclosure.md): what the blocks and values of the page may show.
///
/// A withheld result is withheld at once (in the public edition), and a later query that reads
/// it reads the withheld rows, never the raw ones. Which figures are counts, and which figures
/// are made from a withheld cell, is found by lineage (`DisclosureLineage`), not by names:
///
/// 1. the counts of a result are the columns named as a count column of a data file it reads
///    (or of an earlier query), and every column that lineage shows to be a count (a copy, a
///    sum or a difference of count cells) holding a count under the threshold;
/// 2. the rule (the block's `suppress:` or the default) withholds the small counts and their
///    partners (primary and secondary suppression);
/// 3. a figure made from a cell withheld at the source (`x`) or from a withheld figure of an
///    earlier query is withheld; so is a figure made from exactly one withheld cell (it could
///    be worked back); and the rule runs again over what that withholds;
/// 4. the audit: no withheld cell may be a combination of the published figures and the
///    totals the rules take as known; a figure that gives one away is withheld too.
///
/// Steps 1–4 run again while they withhold a cell they did not withhold before (a cell
/// withheld in one table is withheld in every table of the page that copies it).
package struct PageQueries {
    let page: PageSource
    let store: DataStore
    let queries: [QueryBlock]
    /// The source each query runs on (nil: the build's database).
    let assigned: [String?]
    let edition: Edition
    let suppressBelow: Int
    let disclosure: Disclosure
    /// The tables' and charts' own `suppress:` rules, by lower-case query name.
    let rules: [String: SuppressOption.Parsed]
    let optedOut: [String: SuppressOption.Off]
    /// Queries already reported (a block never closed, an unknown source).
    let unclosed: Set<String>
    let dataTablesSource: String?
    /// Cells of data tables withheld as partners on other pages of the site (DisclosurePlan).
    let partners: Set<BaseCell>
    /// A source's answer to query `index`, given the page's withheld results so far.
    let sourceAnswer: (_ index: Int, _ withheld: [String: QueryResult]) -> (Result<QueryResult, QueryError>, Int)?

    package init(page: PageSource, store: DataStore, queries: [QueryBlock], assigned: [String?], edition: Edition, suppressBelow: Int, disclosure: Disclosure, rules: [String: SuppressOption.Parsed], optedOut: [String: SuppressOption.Off], unclosed: Set<String>, dataTablesSource: String? = nil, partners: Set<BaseCell>, sourceAnswer: @escaping (_ index: Int, _ withheld: [String: QueryResult]) -> (Result<QueryResult, QueryError>, Int)?) {
        self.page = page
        self.store = store
        self.queries = queries
        self.assigned = assigned
        self.edition = edition
        self.suppressBelow = suppressBelow
        self.disclosure = disclosure
        self.rules = rules
        self.optedOut = optedOut
        self.unclosed = unclosed
        self.dataTablesSource = dataTablesSource
        self.partners = partners
        self.sourceAnswer = sourceAnswer
    }

    package struct Outcome: Sendable {
        package var results: [String: QueryResult] = [:]
        package var hidden: [String: (cells: Set<Cell>, below: Int)] = [:]
        /// Cells withheld at the source, or made from such a cell: `x` in every edition.
        package var atSource: [String: Set<Cell>] = [:]
        package var given: [String: QueryResult] = [:]
        package var failed: Set<String> = []
        package var used = Set<String>()
        package var ran = 0
        package var percentOfQuery: [String: Set<String>] = [:]
        package var diagnostics: [Diagnostic] = []
        /// Cells of data tables withheld as partners (secondary suppression) through a copy.
        package var partners = Set<BaseCell>()
        /// The cells of data tables some figure of the page is made from.
        package var madeFrom = Set<BaseCell>()
        /// Whether any cell was moved (the page reads a count or a withheld cell).
        fileprivate var moved = false
        /// Whether the run found a partner that an earlier query of the page shows.
        fileprivate var again = false
        /// Figures the audit withholds, by query.
        fileprivate var forced: [String: Set<Cell>] = [:]
        fileprivate var recoverable: [Diagnostic] = []
    }

    package func run() -> Outcome {
        // Lineage only where there is something to follow: a page whose queries read no table
        // with counts or with cells withheld at the source is run once, as written.
        let read = queries.indices.reduce(into: Set<String>()) { $0.formUnion(queries[$1].tablesRead(earlier: Array(queries[..<$1]), store: store)) }
        guard !read.isDisjoint(with: disclosure.countColumns.keys) || !read.isDisjoint(with: store.withheldAtSource.keys) else {
            return self.pass(probe: nil, partners: partners, forced: [:])
        }
        func pass(_ partners: Set<BaseCell>, _ forced: [String: Set<Cell>]) -> Outcome {
            (try? store.withProbe { probe in self.pass(probe: probe, partners: partners, forced: forced) })
                ?? self.pass(probe: nil, partners: partners, forced: forced)
        }
        // Run again while a run withholds what the one before did not decide in time: a partner
        // an earlier query shows, or a figure the audit withholds.
        var partners = self.partners
        var forced: [String: Set<Cell>] = [:]
        var outcome = pass(partners, forced)
        for _ in 0..<8 where outcome.moved {
            let newForced = outcome.forced.contains { key, cells in !cells.isSubset(of: forced[key] ?? []) }
            guard outcome.again || newForced else { break }
            partners.formUnion(outcome.partners)
            for (key, cells) in outcome.forced { forced[key, default: []].formUnion(cells) }
            outcome = pass(partners, forced)
        }
        outcome.diagnostics += outcome.recoverable
        return outcome
    }

    /// The page's moved cells, and what each move makes of the earlier queries' results.
    private struct Moves {
        var cells: [DisclosureLineage.Moved] = []
        var index: [DisclosureLineage.Moved: Int] = [:]
        /// Moved cells of count columns, small counts, cells withheld at the source, withheld
        /// cells of earlier queries.
        var counts = Set<Int>()
        var sensitive = Set<Int>()
        var atSource = Set<Int>()
        var earlier = Set<Int>()
        /// Per moved cell and move: the earlier results as later queries read them (withheld
        /// ones withheld where the real ones are; a source's as SQLite gives them).
        var withheld: [[[String: QueryResult]]] = []
        var given: [[[String: QueryResult]]] = []
        /// Per moved cell: the queries whose result moved with it.
        var reached: [Set<String>] = []
        /// Only the sensitive cells are moved (too many count cells to move them all).
        var partial = false

        mutating func add(_ cell: DisclosureLineage.Moved, withheld real: [String: QueryResult], given realGiven: [String: QueryResult]) -> Int {
            if let i = index[cell] { return i }
            let i = cells.count
            cells.append(cell)
            index[cell] = i
            withheld.append(Array(repeating: real, count: 3))
            given.append(Array(repeating: realGiven, count: 3))
            reached.append([])
            return i
        }
    }

    /// What one run of the page's queries carries from query to query.
    private struct Pass {
        var o = Outcome()
        /// The results as later queries read them: withheld cells are NULL.
        var withheld: [String: QueryResult] = [:]
        var countsOfQuery: [String: Set<String>] = [:]
        var dependence: [String: [[DisclosureLineage.Dependence]]] = [:]
        /// The totals the rules take as known, as equations.
        var lines: [[Int: Double]] = []
        var moves: Moves
        /// Partners found in this run, and the query where: an earlier query that shows one was
        /// decided without knowing it, and the page is run again.
        var discovered: [(moved: Int, query: Int)] = []
    }

    /// One query's result and how it was asked: its SQL as composed for SQLite, and the
    /// parameters it bound.
    private struct Ran {
        var result: QueryResult
        var sql: String
        var bound: [String: Value]
    }

    /// One run of the page's queries with disclosure control. `partners`: cells of data tables
    /// withheld as partners in an earlier run; `forced`: figures the audit withholds.
    private func pass(probe: LineageProbe?, partners: Set<BaseCell>, forced: [String: Set<Cell>]) -> Outcome {
        var pass = Pass(moves: probe.map { planMoves($0, partners: partners) } ?? Moves())
        pass.o.failed = unclosed
        for i in queries.indices {
            guard let ran = execute(i, pass: &pass) else { continue }
            let key = queries[i].name.lowercased()
            let (traced, reads) = traceLineage(i, ran: ran, probe: probe, pass: &pass)
            let read = queries[i].tablesRead(earlier: Array(queries[..<i]), store: store).sorted()
            let (counts, shares) = counts(i, result: ran.result, read: read, traced: traced, reads: reads, pass: &pass)
            let rule = rule(i, result: ran.result, counts: counts, shares: shares, pass: &pass)
            var cells = Set<Cell>(), atSource = Set<Cell>()
            if optedOut[key] == nil {
                guard let withheld = withheldCells(i, result: ran.result, rule: rule, read: read, traced: traced, forced: forced[key] ?? [], pass: &pass) else { continue }
                (cells, atSource) = withheld
            }
            if !cells.isEmpty || rule != nil {
                pass.o.hidden[key] = (cells, rule?.rule.below ?? suppressBelow)
            }
            if !atSource.isEmpty { pass.o.atSource[key] = atSource }
            if let dependence = pass.dependence[key], let parsed = rule, !cells.isEmpty {
                pass.lines += knownTotals(ran.result, rule: parsed.rule, dependence: dependence)
            }
            record(i, result: ran.result, cells: cells, probe: probe, pass: &pass)
        }
        audit(&pass.o, dependence: pass.dependence, lines: pass.lines, moves: pass.moves)
        pass.o.moved = !pass.moves.cells.isEmpty
        for rows in pass.dependence.values {
            for row in rows {
                for dep in row where !dep.isEmpty {
                    for m in dep.all { if case .base(let cell, _) = pass.moves.cells[m] { pass.o.madeFrom.insert(cell) } }
                }
            }
        }
        let dependence = pass.dependence
        pass.o.again = pass.discovered.contains { found in
            queries[..<found.query].contains { dependence[$0.name.lowercased()]?.contains { $0.contains { $0.all.contains(found.moved) } } == true }
        }
        return pass.o
    }

    /// Runs query `i` on the build's database or takes its source's answer. nil when it failed
    /// (said at its line), or reads a query that failed.
    private func execute(_ i: Int, pass: inout Pass) -> Ran? {
        let query = queries[i], key = query.name.lowercased()
        let (sql, prefix, uses, bound) = assigned[i] == nil
            ? query.composed(earlier: Array(queries[..<i]), withheld: pass.withheld, given: pass.o.given)
            : query.composed(earlier: Array(queries[..<i]).enumerated().filter { assigned[$0.offset] == assigned[i] }.map(\.element))
        pass.o.used.formUnion(uses.map { $0.lowercased() })
        if uses.contains(where: { pass.o.failed.contains($0.lowercased()) }) {
            pass.o.failed.insert(key)  // already reported where it failed
            return nil
        }
        let parameters = page.frontMatter.params.merging(bound) { _, own in own }
        var outcome: Result<QueryResult, QueryError>
        var offsetPrefix = prefix
        if assigned[i] != nil {
            guard let answer = sourceAnswer(i, pass.withheld) else {
                pass.o.failed.insert(key)  // the source failed as a whole: said once, at statik.yml
                return nil
            }
            (outcome, offsetPrefix) = answer
        } else {
            outcome = Result { () throws(QueryError) in try store.run(sql, parameters: parameters) }
        }
        switch outcome {
        case .success(let answer):
            pass.o.ran += 1
            return Ran(result: answer, sql: sql, bound: bound)
        case .failure(let error):
            pass.o.failed.insert(key)
            let at = error.offset.map { query.location(ofOffset: $0 - offsetPrefix) } ?? (line: query.line, column: query.column)
            let message = assigned[i].map { Message(.queryOnSource, query.name, $0, error.message) } ?? Message(.query, query.name, error.message)
            pass.o.diagnostics.append(page.diagnostic(.error, message, line: at.line, column: at.column))
            return nil
        }
    }

    /// Lineage: on the build's database, or for a query on the source that holds the data
    /// tables, on the same tables here when SQLite gives the same answer. Answers whether the
    /// query was traced, and the columns it reads.
    private func traceLineage(_ i: Int, ran: Ran, probe: LineageProbe?, pass: inout Pass) -> (traced: Bool, reads: (columns: Set<TableColumn>, origins: [TableColumn?])?) {
        guard let probe else { return (false, nil) }
        let sqliteSQL = assigned[i] == nil ? (ran.sql, ran.bound) : {
            let made = queries[i].composed(earlier: Array(queries[..<i]), withheld: pass.withheld, given: pass.o.given)
            return (made.sql, made.parameters)
        }()
        let sqliteParameters = page.frontMatter.params.merging(sqliteSQL.1) { _, own in own }
        let agrees = assigned[i] == nil || (assigned[i]?.lowercased() == dataTablesSource?.lowercased()
            && (try? store.run(sqliteSQL.0, parameters: sqliteParameters)).map { Self.sameResult($0, ran.result) } == true)
        guard agrees, let read = probe.reads(sqliteSQL.0) else { return (false, nil) }
        pass.dependence[queries[i].name.lowercased()] = trace(query: i, result: ran.result, reads: read.columns, probe: probe, moves: &pass.moves, given: pass.o.given)
        return (true, read)
    }

    /// The counts of query `i`'s result (by the data's descriptions, by an earlier query's
    /// counts, and by lineage), its share columns (declared `share_of:`, or named after a
    /// count: `andel_kvinnor`), and which columns are percentages.
    private func counts(_ i: Int, result: QueryResult, read: [String], traced: Bool, reads: (columns: Set<TableColumn>, origins: [TableColumn?])?, pass: inout Pass) -> (counts: [String], shares: [String: String]) {
        let key = queries[i].name.lowercased()
        var counts: [String] = []
        for column in result.columns {
            let lower = column.lowercased()
            if read.contains(where: { disclosure.countColumns[$0]?.contains(lower) == true || pass.countsOfQuery[$0]?.contains(lower) == true }) {
                counts.append(column)
            }
        }
        // A source's own tables (not the data tables a source may also hold) have no declared
        // counts: every column of numbers may be one.
        let ownTables = assigned[i] != nil && assigned[i]?.lowercased() != dataTablesSource?.lowercased()
        let lineageCounts = countColumns(result, sql: queries[i].sql, dependence: pass.dependence[key], traced: traced, reads: reads, moves: pass.moves, source: ownTables)
        for column in lineageCounts where !counts.contains(where: { $0.lowercased() == column.lowercased() }) {
            // A column lineage shows to be a count joins the rule where it holds a small count.
            if let c = result.columnIndex(column), result.rows.contains(where: { isSmall($0[c]) }) { counts.append(column) }
        }
        pass.countsOfQuery[key] = Set(counts.map { $0.lowercased() })
        let percent = pass.o.percentOfQuery
        pass.o.percentOfQuery[key] = Set(result.columns.map { $0.lowercased() }.filter { column in
            read.contains { disclosure.percentColumns[$0]?.contains(column) == true || percent[$0]?.contains(column) == true }
        })
        var shares: [String: String] = [:]
        guard !counts.isEmpty else { return (counts, shares) }
        let lowerCounts = Dictionary(counts.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        for column in result.columns where lowerCounts[column.lowercased()] == nil {
            let lower = column.lowercased()
            if let declared = read.lazy.compactMap({ disclosure.shares[$0]?[lower] }).first, let count = lowerCounts[declared] {
                shares[column] = count
            } else if let count = lowerCounts.first(where: { lower == "andel_\($0.key)" || lower == "\($0.key)_andel" || lower == "andel_\($0.key)_procent" })?.value {
                shares[column] = count
            }
        }
        return (counts, shares)
    }

    /// The rule of query `i`: none when its block says `suppress: false` (a warning names the
    /// counts it publishes), the block's own `suppress:` with the counts it did not name, or
    /// the site's threshold over its counts.
    private func rule(_ i: Int, result: QueryResult, counts: [String], shares: [String: String], pass: inout Pass) -> SuppressOption.Parsed? {
        let query = queries[i], key = query.name.lowercased()
        if let off = optedOut[key] {
            if !counts.isEmpty {
                pass.o.diagnostics.append(Diagnostic(.warning, at: off.location, Message(.suppressFalsePublishesCountsEven, query.name, counts.joined(separator: ", "), suppressBelow, off.reason), sourceLine: off.sourceLine))
            }
            return nil
        }
        if var parsed = rules[key] {
            for column in counts where !parsed.rule.columns.contains(where: { $0.lowercased() == column.lowercased() }) {
                if let c = result.columnIndex(column), result.rows.contains(where: { isSmall($0[c], below: parsed.rule.below) }) { parsed.rule.columns.append(column) }
            }
            return parsed
        }
        guard !counts.isEmpty else { return nil }
        return SuppressOption.Parsed(rule: SuppressionRule(below: suppressBelow, columns: counts, totals: .both, derived: shares), location: page.location(line: query.line, column: query.column))
    }

    /// What the rule withholds, and what lineage adds, until neither adds a cell; and the cells
    /// withheld at the source. nil when the rule names a column the result does not have (said
    /// at the rule).
    private func withheldCells(_ i: Int, result: QueryResult, rule: SuppressOption.Parsed?, read: [String], traced: Bool, forced: Set<Cell>, pass: inout Pass) -> (cells: Set<Cell>, atSource: Set<Cell>)? {
        let query = queries[i], key = query.name.lowercased()
        var cells = Set<Cell>(), atSource = Set<Cell>()
        var seed = forced
        while true {
            if let parsed = rule {
                do {
                    cells = try parsed.rule.cells(in: result, alsoHidden: seed)
                } catch {
                    pass.o.diagnostics.append(Diagnostic(.error, at: parsed.location, Message(.suppressQueryHasNoColumn, query.name, error.name, result.columns.joined(separator: ", ")), sourceLine: page.sourceLine(parsed.location.line)))
                    pass.o.failed.insert(key)
                    return nil
                }
            } else {
                cells = seed
            }
            findPartners(i, cells: cells, pass: &pass)
            let added = lineageWithheld(result, dependence: pass.dependence[key], hidden: cells, moves: pass.moves, atSource: &atSource)
            if added == cells { break }
            seed.formUnion(added)
        }
        if edition == .public && !traced {
            // A query over a withheld result reads NULL where a count was withheld: in a column
            // of the same name, that NULL is still withheld (x), not missing (..).
            for source in read {
                guard let secret = pass.o.hidden[source], let sourceResult = pass.o.results[source] else { continue }
                let names = Set(secret.cells.map { sourceResult.columns[$0.column].lowercased() })
                for (c, column) in result.columns.enumerated() where names.contains(column.lowercased()) {
                    for (r, row) in result.rows.enumerated() where row[c] == .null { cells.insert(Cell(row: r, column: c)) }
                }
            }
        }
        return (cells, atSource)
    }

    /// Cells of data tables the rule withholds as partners through a copy of one cell:
    /// withheld wherever else the page shows them (sensitive from here on).
    private func findPartners(_ i: Int, cells: Set<Cell>, pass: inout Pass) {
        guard let dependence = pass.dependence[queries[i].name.lowercased()] else { return }
        for cell in cells {
            let dep = dependence[cell.row][cell.column]
            if dep.other.isEmpty, dep.linear.count == 1, let m = dep.linear.keys.first, pass.moves.counts.contains(m),
               case .base(let base, _) = pass.moves.cells[m], !pass.moves.sensitive.contains(m) {
                pass.o.partners.insert(base)
                pass.moves.sensitive.insert(m)
                pass.discovered.append((m, i))
            }
        }
    }

    /// Keeps query `i`'s result as the page shows it and as later queries read it: withheld
    /// where the rule withholds, under each move too; a later query that reads it moves with
    /// each withheld cell of it.
    private func record(_ i: Int, result: QueryResult, cells: Set<Cell>, probe: LineageProbe?, pass: inout Pass) {
        let key = queries[i].name.lowercased()
        var result = result
        let withholds = edition == .public && !cells.isEmpty
        for m in pass.moves.cells.indices {
            for k in 0..<3 {
                if withholds {
                    pass.moves.withheld[m][k][key] = (pass.moves.withheld[m][k][key] ?? result).withholding(cells)
                } else {
                    pass.moves.withheld[m][k][key] = nil
                }
                if assigned[i] != nil, pass.moves.given[m][k][key] == nil { pass.moves.given[m][k][key] = result }
            }
        }
        if withholds {
            result = result.withholding(cells)
            pass.withheld[key] = result
            if probe != nil, queries[(i + 1)...].contains(where: { $0.tableReferences.contains(SQLName(key)) }) {
                for cell in cells.sorted() {
                    let m = pass.moves.add(.earlier(query: key, cell: cell), withheld: pass.withheld, given: pass.o.given)
                    pass.moves.earlier.insert(m)
                    for (k, value) in DisclosureLineage.moves(of: .null).enumerated() {
                        var moved = result
                        moved.rows[cell.row][cell.column] = value
                        pass.moves.withheld[m][k][key] = moved
                    }
                    pass.moves.reached[m].insert(key)
                }
            }
        }
        pass.o.results[key] = result
        if assigned[i] != nil { pass.o.given[key] = result }
    }

    // MARK: - Lineage

    /// The cells a page's queries can be made from: every cell of the count columns they read
    /// and every cell withheld at the source in a column they read (only the small counts and
    /// the withheld cells when the count cells are too many), and the partners of earlier runs.
    private func planMoves(_ probe: LineageProbe, partners: Set<BaseCell>) -> Moves {
        var moves = Moves()
        var columns = Set<TableColumn>()
        for (i, query) in queries.enumerated() where assigned[i] == nil || assigned[i]?.lowercased() == dataTablesSource?.lowercased() {
            // The earlier queries' SQL in front of it: what they read counts too.
            if let read = probe.reads(query.composed(earlier: Array(queries[..<i])).sql) { columns.formUnion(read.columns) }
        }
        let countColumns = columns.filter { disclosure.countColumns[$0.table]?.contains($0.column) == true }.sorted()
        var countCells: [(BaseCell, Value)] = []
        for column in countColumns { countCells += probe.cells(of: column) }
        moves.partial = countCells.count > DisclosureLineage.maximumMovedCells
        for (cell, value) in countCells where !moves.partial || isSmall(value) || partners.contains(cell) {
            let m = moves.add(.base(cell, value), withheld: [:], given: [:])
            moves.counts.insert(m)
            if isSmall(value) || partners.contains(cell) { moves.sensitive.insert(m) }
        }
        for column in columns.sorted() {
            guard let cells = store.withheldAtSource[column.table]?.filter({ $0.column == column.column }), !cells.isEmpty else { continue }
            for cell in cells {
                let m = moves.add(.base(cell, .null), withheld: [:], given: [:])
                moves.atSource.insert(m)
                moves.sensitive.insert(m)
            }
        }
        return moves
    }

    /// The dependence of each cell of query `index`'s result on each moved cell.
    private func trace(query index: Int, result: QueryResult, reads: Set<TableColumn>, probe: LineageProbe, moves: inout Moves,
                       given: [String: QueryResult]) -> [[DisclosureLineage.Dependence]] {
        let query = queries[index]
        let key = query.name.lowercased()
        let referenced = query.composed(earlier: Array(queries[..<index])).uses.map { $0.lowercased() }
        var dependence = result.rows.map { $0.map { _ in DisclosureLineage.Dependence() } }
        for m in moves.cells.indices {
            // A move that reaches neither a column this query reads nor an earlier query it reads
            // leaves its result as it is.
            let reachesColumn: Bool
            let value: Value
            switch moves.cells[m] {
            case .base(let cell, let v):
                reachesColumn = reads.contains(TableColumn(table: cell.table, column: cell.column))
                value = v
            case .earlier:
                reachesColumn = false
                value = .null
            }
            guard reachesColumn || referenced.contains(where: moves.reached[m].contains) else { continue }
            var outcomes: [QueryResult?] = []
            for (k, moved) in DisclosureLineage.moves(of: value).enumerated() {
                if case .base(let cell, _) = moves.cells[m] { probe.set(cell, to: moved) }
                let made = query.composed(earlier: Array(queries[..<index]), withheld: moves.withheld[m][k], given: moves.given[m][k])
                let outcome = (try? probe.run(made.sql, parameters: page.frontMatter.params.merging(made.parameters) { _, own in own }).get())
                    .map { DisclosureLineage.aligned($0, to: result) }
                if case .base(let cell, let original) = moves.cells[m] { probe.set(cell, to: original) }
                outcomes.append(outcome)
                // What later queries read under this move (withheld after the rule has decided).
                let after = outcome ?? result
                moves.withheld[m][k][key] = after
                if assigned[index] != nil { moves.given[m][k][key] = after }
            }
            DisclosureLineage.compare(result, moved: value, index: m, outcomes: outcomes, into: &dependence)
            if outcomes.contains(where: { $0.map { !Self.sameResult($0, result) } ?? true }) { moves.reached[m].insert(key) }
        }
        return dependence
    }

    /// The columns lineage shows to be counts; where it could not follow the query (a source,
    /// too many count cells), every column made from a count, not a plain copy of another
    /// column: for a source's query, every column of numbers.
    private func countColumns(_ result: QueryResult, sql: String, dependence: [[DisclosureLineage.Dependence]]?, traced: Bool,
                              reads: (columns: Set<TableColumn>, origins: [TableColumn?])?, moves: Moves, source: Bool) -> [String] {
        var columns: [String] = []
        for (c, name) in result.columns.enumerated() {
            if let dependence, dependence.contains(where: { DisclosureLineage.isCount($0[c], counts: moves.counts) }) {
                columns.append(name)
            } else if !traced && source {
                if result.rows.contains(where: { $0[c].number != nil }) { columns.append(name) }
            } else if moves.partial, let reads, reads.columns.contains(where: { disclosure.countColumns[$0.table]?.contains($0.column) == true }) {
                let origin = c < reads.origins.count ? reads.origins[c] : nil
                let plainCopy = origin.map { disclosure.countColumns[$0.table]?.contains($0.column) != true } ?? false
                if !plainCopy || Self.isCompound(sql) { columns.append(name) }
            }
        }
        return columns
    }

    /// Figures lineage withholds besides the rule's: made from a cell withheld at the source or
    /// from a withheld figure of an earlier query, or from exactly one withheld cell.
    private func lineageWithheld(_ result: QueryResult, dependence: [[DisclosureLineage.Dependence]]?, hidden: Set<Cell>,
                                 moves: Moves, atSource: inout Set<Cell>) -> Set<Cell> {
        guard let dependence else { return hidden }
        var out = hidden
        for (r, row) in dependence.enumerated() {
            for (c, dep) in row.enumerated() where !dep.isEmpty {
                let all = dep.all
                let cell = Cell(row: r, column: c)
                var isText = false
                if case .text = result.rows[r][c] { isText = true }
                if !all.isDisjoint(with: moves.atSource) {
                    atSource.insert(cell)
                    out.insert(cell)
                } else if !all.isDisjoint(with: moves.earlier) {
                    out.insert(cell)
                } else if all.intersection(moves.sensitive).count == 1 {
                    out.insert(cell)
                } else if isText && !all.isDisjoint(with: moves.sensitive) {
                    // Text can hold each of the cells it is made from (`group_concat`).
                    out.insert(cell)
                }
            }
        }
        return out
    }

    /// The totals the rule takes as known (its lines over the count columns), as factors by
    /// moved cell: equations for the audit.
    private func knownTotals(_ result: QueryResult, rule: SuppressionRule, dependence: [[DisclosureLineage.Dependence]]) -> [[Int: Double]] {
        let counts = rule.columns.compactMap { result.columnIndex($0) }
        var cellLines: [[Cell]] = []
        if rule.totals != .columns { cellLines += result.rows.indices.map { r in counts.map { Cell(row: r, column: $0) } } }
        if rule.totals != .rows { cellLines += counts.map { c in result.rows.indices.map { Cell(row: $0, column: c) } } }
        // A line of one cell is no total the rule protects (a single count on its row).
        return cellLines.filter { $0.count >= 2 }.compactMap { line in
            var sum: [Int: Double] = [:]
            for cell in line {
                let dep = dependence[cell.row][cell.column]
                guard dep.other.isEmpty else { return nil }
                for (m, f) in dep.linear { sum[m, default: 0] += f }
            }
            return sum.isEmpty ? nil : sum
        }
    }

    /// The audit: every withheld cell of a data table (small counts, partners) that the
    /// published figures and the known totals give away, and a published figure to withhold
    /// for it; when no published figure can be withheld, an error that names the cell.
    private func audit(_ o: inout Outcome, dependence: [String: [[DisclosureLineage.Dependence]]], lines: [[Int: Double]], moves: Moves) {
        let unknowns = moves.counts.filter { m in
            guard case .base(let cell, _) = moves.cells[m] else { return false }
            return moves.sensitive.contains(m) || o.partners.contains(cell)
        }
        guard !unknowns.isEmpty else { return }
        // The published figures that follow withheld cells linearly.
        var published: [(key: String, cell: Cell, row: [Int: Double])] = []
        for query in queries {
            let key = query.name.lowercased()
            guard let dep = dependence[key], let result = o.results[key] else { continue }
            let hidden = o.hidden[key]?.cells ?? []
            for r in result.rows.indices {
                for c in result.columns.indices where !hidden.contains(Cell(row: r, column: c)) {
                    // Each figure by its local factors: `max` follows its largest cell, a
                    // share its count and its total.
                    let d = dep[r][c]
                    guard d.all.intersection(unknowns).allSatisfy({ d.local[$0] != nil }) else { continue }
                    let row = d.local.filter { unknowns.contains($0.key) && $0.value != 0 }
                    if !row.isEmpty { published.append((key, Cell(row: r, column: c), row)) }
                }
            }
        }
        let equations = lines.map { $0.filter { unknowns.contains($0.key) } }.filter { !$0.isEmpty }
        let found = DisclosureLineage.recoverable(equations + published.map(\.row), unknowns: unknowns.sorted())
        guard let first = found.first else { return }
        // Withhold the published figure that uses the fewest withheld cells, the first on the page.
        let exposed = Set(found)
        if let figure = published.filter({ !exposed.isDisjoint(with: $0.row.keys) }).min(by: { ($0.row.count) < ($1.row.count) }) {
            o.forced[figure.key, default: []].insert(figure.cell)
            return
        }
        // The intranet edition publishes nothing: it marks what the public one withholds.
        guard edition == .public, case .base(let cell, _) = moves.cells[first] else { return }
        o.recoverable = [page.diagnostic(.error, Message(.withheldFigureCanBeWorkedOut, "\(cell.table).\(cell.column)", cell.row), line: page.bodyLine)]
    }

    // MARK: - Helpers

    private func isSmall(_ value: Value, below: Int? = nil) -> Bool {
        guard let n = value.number else { return false }
        return n > 0 && n < Double(below ?? suppressBelow)
    }

    static func sameResult(_ a: QueryResult, _ b: QueryResult) -> Bool {
        guard a.columns.count == b.columns.count, a.rows.count == b.rows.count else { return false }
        for (x, y) in zip(a.rows, b.rows) {
            for (u, v) in zip(x, y) where !DisclosureLineage.same(u, v) { return false }
        }
        return true
    }

    /// Whether the SQL joins results with UNION, INTERSECT or EXCEPT (a result column's origin
    /// is then that of its first part only).
    static func isCompound(_ sql: String) -> Bool {
        SQLLexer.tokens(in: sql).contains { $0.isKeyword("UNION") || $0.isKeyword("INTERSECT") || $0.isKeyword("EXCEPT") }
    }
}
