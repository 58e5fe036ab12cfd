import StatikCore
import Testing

@testable import StatikData

private func store() throws -> DataStore {
    let po = try CSVTable(parsing: Array("programomrade,kvinnor,man\nPO 2,3547,2492\nPO 3,826,809\n".utf8))
    return try DataStore(tables: [("deltagare_po", po)])
}

@Suite struct DataStoreTests {
    @Test func runsQueriesWithBoundParameters() throws {
        let result = try store().run("SELECT kvinnor + man AS totalt FROM deltagare_po WHERE programomrade = :po", parameters: ["po": .text("PO 3")])
        #expect(result.columns == ["totalt"])
        #expect(result.rows == [[.integer(1635)]])
    }

    @Test func aHostileParameterIsOnlyAValue() throws {
        let s = try store()
        let hostile = Value.text("PO 2'; DROP TABLE deltagare_po; --")
        let result = try s.run("SELECT count(*) AS n FROM deltagare_po WHERE programomrade = :po", parameters: ["po": hostile])
        #expect(result.rows == [[.integer(0)]])
        #expect(try s.run("SELECT count(*) AS n FROM deltagare_po").rows == [[.integer(2)]])
    }

    @Test func pagesCannotWrite() throws {
        #expect {
            try store().run("DELETE FROM deltagare_po")
        } throws: { error in (error as? QueryError).map { $0.message.description == "a query may only read data (SELECT); the data files are not changed by pages" && $0.offset == 0 } ?? false }
    }

    @Test func errorsKnowWhereTheyAre() throws {
        #expect {
            try store().run("SELECT kvinor FROM deltagare_po")
        } throws: { error in (error as? QueryError).map { $0.message.description == "there is no column 'kvinor'; did you mean 'kvinnor'?" && $0.offset == 7 } ?? false }
        #expect {
            try store().run("SELECT kvinnor FROM deltagare_po WHERE programomrade = :po")
        } throws: { error in (error as? QueryError).map { $0.message.description == "no parameter named :po; this page has no params" && $0.offset == 55 } ?? false }
    }

    @Test func identicalQueriesRunOnce() throws {
        let s = try store()
        _ = try s.run("SELECT 1 AS x")
        _ = try s.run("SELECT 1 AS x")
        // A page parameter the SQL does not use does not make it another query …
        _ = try s.run("SELECT 1 AS x", parameters: ["region": .text("SE21")])
        // … one it uses does.
        _ = try s.run("SELECT :region AS x", parameters: ["region": .text("SE21")])
        _ = try s.run("SELECT :region AS x", parameters: ["region": .text("SE22")])
        _ = try s.run("SELECT :region AS x", parameters: ["region": .text("SE22"), "po": .text("PO 3")])
        #expect(s.statistics.run == 3)
        #expect(s.statistics.cached == 3)
    }

    @Test func emptyResultsKeepTheirColumns() throws {
        let result = try store().run("SELECT programomrade, kvinnor FROM deltagare_po WHERE 0")
        #expect(result.columns == ["programomrade", "kvinnor"])
        #expect(result.rows.isEmpty)
    }
}

/// Large tables get an index on a column when a query first compares it with a parameter.
@Suite struct OnDemandIndexTests {
    @Test(arguments: [
        ("SELECT * FROM fakta WHERE grupp = :id", ["grupp"]),
        ("SELECT * FROM fakta f WHERE f.ar >= :from AND f.\"region\" = :region", ["ar", "region"]),
        ("SELECT * FROM fakta WHERE :id = grupp", ["grupp"]),
        ("SELECT * FROM fakta WHERE region IN (:a, :b)", ["region"]),
        ("SELECT * FROM fakta WHERE region = 'x = :y' -- ar = :z", []),
        ("SELECT * FROM fakta WHERE grupp = 12", []),
    ])
    func findsTheComparedColumns(_ sql: String, _ expected: [String]) {
        #expect(DataStore.columnsComparedWithParameters(in: sql) == Set(expected))
    }

    @Test func indexesOnlyWhatPagesFilterOnAndAnswersTheSame() throws {
        var csv = "grupp,ar,region,antal,andel\n"
        for i in 0..<DataStore.indexedTableRows { csv += "\(i % 97),\(2014 + i % 7),R\(i % 8),\(i),\(Double(i) / 10)\n" }
        let store = try DataStore(tables: [("fakta", try CSVTable(parsing: Array(csv.utf8)))])
        let sql = "SELECT count(*) AS n, sum(antal) AS s FROM fakta WHERE grupp = :id"
        // A parameterless query over the same table makes no index.
        let all = try store.run("SELECT count(*) AS n FROM fakta WHERE grupp = 5")
        #expect(store.indexedColumns.isEmpty)
        let first = try store.run(sql, parameters: ["id": .integer(5)])
        #expect(store.indexedColumns == ["fakta.grupp"])
        #expect(first.rows[0][0] == all.rows[0][0])
        // Copies of the database made after the index answer as the first did.
        for id in [5, 6, 96] {
            let expected = DataStore.indexedTableRows / 97 + (id < DataStore.indexedTableRows % 97 ? 1 : 0)
            #expect(try store.run(sql, parameters: ["id": .integer(Int64(id))]).rows[0][0] == .integer(Int64(expected)))
        }
        // A small table is never indexed.
        let small = try DataStore(tables: [("t", try CSVTable(parsing: Array("a\n1\n".utf8)))])
        _ = try small.run("SELECT * FROM t WHERE a = :a", parameters: ["a": .integer(1)])
        #expect(small.indexedColumns.isEmpty)
    }
}
