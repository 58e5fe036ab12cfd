import StatikCore
import StatikData
import StatikContent
import StatikOutput
import StatikSources

/// Disclosure control by lineage: which published figures are made from which cells.
///
/// A page's queries are run once as written, then again with one cell moved at a time, in a
/// private copy of the database (`LineageProbe`): every published figure that moves with a
/// cell is made from it, whatever the SQL did with it — a rename, arithmetic, `CAST`, `CASE`,
/// `printf`, a CTE, a subquery, a join, `UNION`, a window function, an aggregate. Each cell
/// is moved three ways (up by one, up by 7 919, to zero), so that a figure that follows it
/// linearly (`sum`, `kvinnor + man`, a copy) is told from one that does not (a ratio, `max`,
/// a `CASE` on a threshold); a row that comes or goes with the cell counts as moving.
///
/// The cells moved are the cells of every count column the page's queries read (SQLite's
/// authorizer says which columns a statement reads, wherever in it), the cells withheld at
/// the source (`x` in a data file) and the withheld cells of earlier queries that later ones
/// read. A page whose queries read more count cells than `maximumMovedCells` moves only the
/// small counts and the withheld cells, and treats every result column made from a count
/// (not a plain copy of another column) as a count: more is withheld, never less.
enum DisclosureLineage {
    /// Past this many count cells read by one page, only the sensitive ones are moved.
    static let maximumMovedCells = 2_000

    /// What a published figure is made from: the moved cells (by index into the page's list)
    /// it follows linearly, with the factor, and those it depends on otherwise.
    struct Dependence: Sendable, Hashable {
        var linear: [Int: Double] = [:]
        var other: Set<Int> = []
        /// How much the figure moves when each cell it depends on moves up by one (the local
        /// factor, for the audit's equations; zero where it did not move that way).
        var local: [Int: Double] = [:]
        var isEmpty: Bool { linear.isEmpty && other.isEmpty }
        var all: Set<Int> { other.union(linear.keys) }
    }

    /// A cell that is moved.
    enum Moved: Hashable, Sendable {
        /// A cell of a data table.
        case base(BaseCell, Value)
        /// A withheld cell of an earlier query of the page, which a later one reads.
        case earlier(query: String, cell: Cell)
    }

    /// The values a cell is moved to.
    static func moves(of value: Value) -> [Value] {
        switch value {
        case .integer(let n): return [.integer(n &+ 1), .integer(n &+ 7_919), .integer(n == 0 ? 2 : 0)]
        case .real(let x): return [.real(x + 1), .real(x + 7_919), .real(x == 0 ? 2 : 0)]
        default: return [.integer(1), .integer(7_919), .integer(0)]
        }
    }

    /// The dependence of each cell of `result` on one moved cell, from the results of the three
    /// moves (nil where the query failed after the move: everything counts as moving).
    static func compare(_ result: QueryResult, moved value: Value, index: Int, outcomes: [QueryResult?],
                        into dependence: inout [[Dependence]]) {
        let moves = Self.moves(of: value)
        for (r, row) in result.rows.enumerated() {
            for (c, cell) in row.enumerated() {
                var changes: [Double?] = []  // nil: moved, but not by a number
                var moved = false
                for outcome in outcomes {
                    guard let outcome, r < outcome.rows.count, c < outcome.rows[r].count,
                          outcome.columns.count == result.columns.count else {
                        moved = true
                        changes.append(nil)
                        continue
                    }
                    let after = outcome.rows[r][c]
                    if same(cell, after) {
                        changes.append(0)
                    } else {
                        moved = true
                        if let a = cell.number, let b = after.number { changes.append(b - a) } else { changes.append(nil) }
                    }
                }
                guard moved else { continue }
                if let base = value.number, let m1 = moves[0].number, let d1 = changes.first ?? nil {
                    dependence[r][c].local[index] = d1 / (m1 - base)
                }
                // Linear: the figure moves by the same factor times the cell's move, up by one and
                // up by 7 919 (locally, then: `max` follows its largest cell as a copy would).
                if let base = value.number, changes.count == 3, let d1 = changes[0], let d2 = changes[1],
                   let m1 = moves[0].number, let m2 = moves[1].number {
                    let factor = d1 / (m1 - base)
                    if factor != 0, close(d2, factor * (m2 - base)) {
                        dependence[r][c].linear[index] = factor
                        continue
                    }
                }
                dependence[r][c].other.insert(index)
            }
        }
    }

    /// `outcome` with its rows in the order of `result`'s, when it has the same rows by their
    /// text (a query ordered by a count puts its rows in another order when the count moves);
    /// as it is otherwise.
    static func aligned(_ outcome: QueryResult, to result: QueryResult) -> QueryResult {
        guard outcome.rows.count == result.rows.count, outcome.columns.count == result.columns.count, result.rows.count > 1 else { return outcome }
        let labels = result.columns.indices.filter { c in result.rows.allSatisfy { if case .text = $0[c] { return true } else { return false } } }
        guard !labels.isEmpty else { return outcome }
        func key(_ row: [Value]) -> [Value] { labels.map { row[$0] } }
        var free: [[Value]: [Int]] = [:]
        for (i, row) in outcome.rows.enumerated().reversed() { free[key(row), default: []].append(i) }
        var order: [Int] = []
        for row in result.rows {
            guard let i = free[key(row)]?.popLast() else { return outcome }
            order.append(i)
        }
        guard order != Array(order.indices) else { return outcome }
        return QueryResult(columns: outcome.columns, rows: order.map { outcome.rows[$0] })
    }

    static func same(_ a: Value, _ b: Value) -> Bool {
        if a == b { return true }
        switch (a, b) {
        case (.integer, .real), (.real, .integer): return a.number == b.number
        default: return false
        }
    }

    static func close(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    }

    /// Whether a figure is a count: it follows count cells linearly with whole factors (a
    /// copy, a sum, a difference), and nothing else.
    static func isCount(_ dependence: Dependence, counts: Set<Int>) -> Bool {
        guard dependence.other.isEmpty, !dependence.linear.isEmpty else { return false }
        return dependence.linear.allSatisfy { counts.contains($0.key) && close($0.value, $0.value.rounded()) }
    }

    // MARK: - The audit

    /// The withheld cells that can be worked out from what is published: each published figure
    /// that follows withheld cells linearly is an equation in them, and so is each total the
    /// suppression rules take as known (a line of a table with withheld cells). A withheld cell
    /// is recoverable when it is a combination of those equations (its unit vector is in their
    /// span: Gaussian elimination).
    ///
    /// `rows`: the equations, as factors by withheld cell; `unknowns`: the withheld cells to
    /// check. Returns the unknowns that can be worked out.
    static func recoverable(_ rows: [[Int: Double]], unknowns: [Int]) -> [Int] {
        // Row echelon form, pivot by pivot, kept sparse.
        var basis: [(pivot: Int, row: [Int: Double])] = []
        for row in rows {
            var v = row
            for (pivot, b) in basis {
                if let f = v[pivot], f != 0 {
                    for (k, x) in b { v[k, default: 0] -= f * x }
                    v = v.filter { abs($0.value) > 1e-9 }
                }
            }
            guard let pivot = v.filter({ abs($0.value) > 1e-9 }).keys.min() else { continue }
            let p = v[pivot]!
            let normalised = v.mapValues { $0 / p }
            // Keep the basis reduced: remove the new pivot from the rows before it.
            basis = basis.map { old in
                guard let f = old.row[pivot], f != 0 else { return old }
                var r = old.row
                for (k, x) in normalised { r[k, default: 0] -= f * x }
                return (old.pivot, r.filter { abs($0.value) > 1e-9 })
            }
            basis.append((pivot, normalised))
        }
        return unknowns.filter { unknown in
            var v: [Int: Double] = [unknown: 1]
            for (pivot, b) in basis {
                if let f = v[pivot], f != 0 {
                    for (k, x) in b { v[k, default: 0] -= f * x }
                    v = v.filter { abs($0.value) > 1e-9 }
                }
            }
            return v.isEmpty
        }
    }
}
