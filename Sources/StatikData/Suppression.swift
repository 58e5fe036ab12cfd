import StatikCore

/// A cell of a query result.
public struct Cell: Sendable, Hashable, Comparable {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
    public static func < (a: Cell, b: Cell) -> Bool { (a.row, a.column) < (b.row, b.column) }
}

/// Disclosure control for counts of persons (secrecy under OSL 24 kap. 8 §): counts under a
/// threshold are not released, and neither is any cell that would let one be worked out
/// again from a total and the cells beside it.
public struct SuppressionRule: Sendable, Hashable {
    /// Along which lines totals are known (published here or elsewhere), so that a single
    /// hidden cell on such a line could be recomputed by subtraction.
    public enum Totals: String, Sendable, Hashable, CaseIterable {
        case rows, columns, both
    }

    /// Counts greater than zero and under this are suppressed.
    public var below: Int
    /// The columns that hold counts of persons.
    public var columns: [String]
    public var totals: Totals
    /// Shares and other figures computed from a count: `andel: antal` hides `andel` wherever
    /// `antal` is hidden.
    public var derived: [String: String]

    public init(below: Int, columns: [String], totals: Totals = .both, derived: [String: String] = [:]) {
        self.below = below
        self.columns = columns
        self.totals = totals
        self.derived = derived
    }

    /// A column the rule names that the result does not have.
    public struct UnknownColumn: Error, Sendable, Equatable {
        public var name: String
    }

    /// The cells to hide: first the small counts (primary suppression), then, as long as any
    /// line of the table has exactly one hidden count, the smallest other count on that line
    /// (secondary suppression), and last the figures derived from a hidden count.
    /// `alsoHidden`: cells withheld for another reason (lineage: made from a withheld cell),
    /// which the secondary suppression protects as it protects the small counts.
    public func cells(in result: QueryResult, alsoHidden: Set<Cell> = []) throws(UnknownColumn) -> Set<Cell> {
        var counts: [Int] = []
        for name in columns {
            guard let index = result.columnIndex(name) else { throw UnknownColumn(name: name) }
            counts.append(index)
        }
        var derivedColumns: [(share: Int, count: Int)] = []
        for (share, count) in derived.sorted(by: { $0.key < $1.key }) {
            guard let s = result.columnIndex(share) else { throw UnknownColumn(name: share) }
            guard let c = result.columnIndex(count) else { throw UnknownColumn(name: count) }
            derivedColumns.append((s, c))
        }
        func count(_ cell: Cell) -> Double? { result.rows[cell.row][cell.column].number }

        var hidden = alsoHidden.filter { $0.row < result.rows.count && $0.column < result.columns.count }
        for row in result.rows.indices {
            for column in counts {
                let cell = Cell(row: row, column: column)
                if let n = count(cell), n > 0, n < Double(below) { hidden.insert(cell) }
            }
        }
        var lines: [[Cell]] = []
        if totals != .columns {
            lines += result.rows.indices.map { row in counts.map { Cell(row: row, column: $0) } }
        }
        if totals != .rows {
            lines += counts.map { column in result.rows.indices.map { Cell(row: $0, column: column) } }
        }
        var changed = !hidden.isEmpty
        while changed {
            changed = false
            for line in lines where line.filter(hidden.contains).count == 1 {
                // The partner is the smallest count above zero still shown on the line; the
                // first one in reading order when two are equal, so the choice is stable.
                let partner = line
                    .filter { !hidden.contains($0) }
                    .compactMap { cell in count(cell).flatMap { $0 > 0 ? (cell, $0) : nil } }
                    .min { ($0.1, $0.0) < ($1.1, $1.0) }
                if let (cell, _) = partner {
                    hidden.insert(cell)
                    changed = true
                }
            }
        }
        for (share, countColumn) in derivedColumns {
            for cell in hidden where cell.column == countColumn {
                hidden.insert(Cell(row: cell.row, column: share))
            }
        }
        return hidden
    }
}

extension QueryResult {
    /// The result as the public may see it: hidden cells are NULL, so every table, chart and
    /// value made from it shows `..` there, and the count can be in none of them.
    public func withholding(_ cells: Set<Cell>) -> QueryResult {
        var copy = self
        for cell in cells where cell.row < copy.rows.count && cell.column < copy.columns.count {
            copy.rows[cell.row][cell.column] = .null
        }
        return copy
    }
}
