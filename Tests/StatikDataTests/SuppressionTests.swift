import StatikCore
import Testing

@testable import StatikData

private func result(_ columns: [String], _ rows: [[Int64]]) -> QueryResult {
    QueryResult(columns: columns, rows: rows.map { $0.map { Value.integer($0) } })
}

private func shown(_ r: QueryResult, hiding cells: Set<Cell>) -> [[String]] {
    r.rows.indices.map { row in
        r.columns.indices.map { column in
            cells.contains(Cell(row: row, column: column)) ? ".." : r.rows[row][column].plainText
        }
    }
}

@Suite struct SuppressionTests {
    /// Seed 000, Tabell 2, counts per category (rows) for PO 2 and PO 3 (columns). The
    /// categories add up to the programme areas' totals published in Tabell 1.
    let tabell2 = result(["po2", "po3"], [
        [1881, 50], [21, 3], [3, 0], [1176, 480], [83, 19], [72, 0], [7, 0], [2796, 1083],
    ])

    @Test func seedTabell2WithKnownColumnTotals() throws {
        let rule = SuppressionRule(below: 5, columns: ["po2", "po3"], totals: .columns)
        let cells = try rule.cells(in: tabell2)
        // PO 2: the 3 is under 5; the 7 goes with it, or 3 = 6 039 − the rest.
        // PO 3: the 3 is under 5; the 19 is the smallest other count above zero.
        #expect(shown(tabell2, hiding: cells) == [
            ["1881", "50"], ["21", ".."], ["..", "0"], ["1176", "480"], ["83", ".."], ["72", "0"], ["..", "0"], ["2796", "1083"],
        ])
    }

    @Test func rowTotalsProtectEveryRow() throws {
        // kvinnor + män = totalt on each row.
        let r = result(["kvinnor", "man", "totalt"], [[3, 9, 12], [40, 41, 81]])
        let cells = try SuppressionRule(below: 5, columns: ["kvinnor", "man"], totals: .rows).cells(in: r)
        #expect(shown(r, hiding: cells) == [["..", "..", "12"], ["40", "41", "81"]])
    }

    @Test func bothDirectionsCascadeUntilNoLineHasASingleHiddenCell() throws {
        let r = result(["a", "b"], [[2, 10], [20, 30]])
        let cells = try SuppressionRule(below: 5, columns: ["a", "b"], totals: .both).cells(in: r)
        // Row 1 hides 10 with the 2; then column a hides 20, column b hides 30.
        #expect(cells == [Cell(row: 0, column: 0), Cell(row: 0, column: 1), Cell(row: 1, column: 0), Cell(row: 1, column: 1)])
        for line in [[Cell(row: 0, column: 0), Cell(row: 0, column: 1)], [Cell(row: 0, column: 0), Cell(row: 1, column: 0)]] {
            #expect(line.filter(cells.contains).count != 1)
        }
    }

    @Test func zerosAreNotSecretsAndNotPartners() throws {
        let r = result(["a", "b", "c"], [[0, 4, 0]])
        let cells = try SuppressionRule(below: 5, columns: ["a", "b", "c"], totals: .rows).cells(in: r)
        // No count above zero is left to pair with: the 4 is hidden alone, the zeros stay.
        #expect(cells == [Cell(row: 0, column: 1)])
    }

    @Test func derivedSharesFollowTheirCounts() throws {
        let r = QueryResult(columns: ["antal", "andel"], rows: [[.integer(3), .real(0.05)], [.integer(7), .real(0.12)], [.integer(6029), .real(99.8)]])
        let rule = SuppressionRule(below: 5, columns: ["antal"], totals: .columns, derived: ["andel": "antal"])
        let cells = try rule.cells(in: r)
        #expect(cells == [Cell(row: 0, column: 0), Cell(row: 0, column: 1), Cell(row: 1, column: 0), Cell(row: 1, column: 1)])
        let open = r.withholding(cells)
        #expect(open.rows == [[.null, .null], [.null, .null], [.integer(6029), .real(99.8)]])
    }

    @Test func unknownColumnsAreNamed() {
        #expect(throws: SuppressionRule.UnknownColumn(name: "kvinor")) {
            try SuppressionRule(below: 5, columns: ["kvinor"]).cells(in: result(["kvinnor"], [[1]]))
        }
    }
}
