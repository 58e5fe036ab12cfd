import Foundation
package import StatikCore
package import StatikData

/// A ```` ```sql NAME ```` block of a page.
package struct QueryBlock {
    package var name: String
    /// The SQL as written, without a trailing semicolon.
    package var sql: String {
        didSet { tableReferences = Self.tableReferences(in: sql) }
    }
    /// The line of the file where the SQL starts, and its column.
    package var line: Int
    package var column: Int
    /// The source it runs on (`source=NAME`; SourceRouting), nil for the build's database.
    package var source: String? = nil

    package init(name: String, sql: String, line: Int, column: Int, source: String? = nil) {
        self.name = name
        self.sql = sql
        tableReferences = Self.tableReferences(in: sql)
        self.line = line
        self.column = column
        self.source = source
    }

    /// The names the SQL reads as tables (after FROM or JOIN, after the commas of a FROM list,
    /// also after a subquery in it, and both parts of `schema.table`), outside strings and
    /// comments. A column that happens to share a query's name is
    /// not a use of that query. Found once, when the SQL is set: the disclosure plan composes
    /// each query again for every moved cell, and lexing the SQL anew each time was a third of
    /// the plan's time (perf, the example site).
    package private(set) var tableReferences: Set<SQLName>

    static func tableReferences(in sql: String) -> Set<SQLName> {
        var result = Set<SQLName>()
        var inFrom = false
        var expectTable = false
        // The name just taken as a table: `main.t` names table `t` of schema `main`, so the
        // name after its dot is a table too (both are kept: more names, never fewer).
        var afterTable = false
        // A subquery in a FROM list ends with its parenthesis, and the list goes on after it
        // (`FROM (SELECT …) AS s, t`): each parenthesis keeps the state it opened in.
        // (Missing a table here hides its counts from disclosure control: a test of every form.)
        var outer: [Bool] = []
        // A join's ON or USING does not end the list: `FROM a JOIN b ON … , c` reads c.
        let endsFrom: Set<SQLName> = ["where", "group", "order", "limit", "having", "union", "except", "intersect", "window", "select", "values"]
        for token in SQLLexer.tokens(in: sql) {
            let wasAfterTable = afterTable
            afterTable = false
            switch token.kind {
            case .comment:
                afterTable = wasAfterTable
                continue
            case .word, .quotedName:
                let name = token.name
                if token.kind == .word && (name == "from" || name == "join") {
                    inFrom = true
                    expectTable = true
                    continue
                }
                if token.kind == .word && endsFrom.contains(name) { inFrom = false }
                if expectTable {
                    result.insert(name)
                    if token.kind == .word, let dot = token.text.lastIndex(of: ".") { result.insert(SQLName(String(token.text[token.text.index(after: dot)...]))) }
                    afterTable = true
                }
                expectTable = false
            case .punctuation where token.text == ".":
                expectTable = wasAfterTable
            case .punctuation where token.text == ",":
                expectTable = inFrom
            case .punctuation where token.text == "(":
                // Where a table was expected, a parenthesis holds tables too (`JOIN (b JOIN c
                // ON …)`, or a subquery, whose SELECT is then a name too many: never fewer).
                outer.append(inFrom)
                inFrom = expectTable
            case .punctuation where token.text == ")":
                inFrom = outer.popLast() ?? false
                expectTable = false
            default:
                expectTable = false
            }
        }
        return result
    }

    /// The tables (lower case) this query reads, with the earlier queries it uses: the names in
    /// table position, and every table SQLite says it reads while it compiles it
    /// (`DataStore.tablesRead`), so that no way of naming a table hides it from disclosure
    /// control or from the render cache. The names alone for SQL SQLite does not compile (a
    /// source's, or an error the query reports when it runs).
    package func tablesRead(earlier: [QueryBlock], store: DataStore) -> Set<String> {
        var tables = Set(tableReferences.map(\.key))
        if let read = store.tablesRead(by: composed(earlier: earlier).sql) { tables.formUnion(read) }
        return tables
    }

    /// The SQL to run: the earlier queries this one uses (and those they use) as common table
    /// expressions in front of it, so `SELECT … FROM per_po` reads the result of `per_po`.
    /// `prefix` is how many UTF-8 bytes come before the author's own SQL.
    /// A query in `withheld` is given as its withheld rows (bound values), not its SQL, so
    /// that no hidden count can be read back through it.
    /// A query in `given` (one that ran on a source) is given as its rows, bound as values.
    package func composed(earlier: [QueryBlock], withheld: [String: QueryResult] = [:], given: [String: QueryResult] = [:]) -> (sql: String, prefix: Int, uses: [String], parameters: [String: Value]) {
        var needed = Set<SQLName>()
        var pending = tableReferences
        let byName = Dictionary(earlier.map { (SQLName($0.name), $0) }, uniquingKeysWith: { a, _ in a })
        while let name = pending.popFirst() {
            guard let block = byName[name], !needed.contains(name) else { continue }
            needed.insert(name)
            pending.formUnion(block.tableReferences)
        }
        let used = earlier.filter { needed.contains(SQLName($0.name)) }
        guard !used.isEmpty else { return (sql, 0, [], [:]) }
        var parameters: [String: Value] = [:]
        let ctes = used.map { query -> String in
            if withheld[query.name.lowercased()] == nil, let rows = given[query.name.lowercased()] {
                return Self.givenValues(rows, name: query.name, into: &parameters)
            }
            guard let rows = withheld[query.name.lowercased()] else { return "\(query.name) AS (\n\(query.sql)\n)" }
            return "\(query.name) AS (\(Self.values(rows, name: query.name, into: &parameters)))"
        }.joined(separator: ", ")
        var own = sql
        var head = "WITH \(ctes)\n"
        // An author's own WITH joins the list instead of starting a second one.
        let trimmed = sql.drop(while: \.isWhitespace)
        if trimmed.prefix(4).lowercased() == "with", trimmed.dropFirst(4).first?.isWhitespace == true {
            var rest = trimmed.dropFirst(4).drop(while: \.isWhitespace)
            if rest.prefix(9).lowercased() == "recursive", rest.dropFirst(9).first?.isWhitespace == true {
                rest = rest.dropFirst(9)
                head = "WITH RECURSIVE \(ctes),"
            } else {
                head = "WITH \(ctes),"
            }
            own = String(rest)
            let skipped = sql.utf8.count - own.utf8.count
            return (head + own, head.utf8.count - skipped, used.map(\.name), parameters)
        }
        return (head + own, head.utf8.count, used.map(\.name), parameters)
    }

    /// A source's result as a table of bound values: `name("a", "b") AS (VALUES (:p, :p), …)`.
    /// (A VALUES list has no limit of rows, where SQLite stops a UNION of 500 SELECTs.)
    private static func givenValues(_ result: QueryResult, name: String, into parameters: inout [String: Value]) -> String {
        let columns = result.columns.map(quoteIdentifier)
        guard !result.rows.isEmpty, !columns.isEmpty else {
            return "\(name) AS (SELECT " + columns.map { "NULL AS \($0)" }.joined(separator: ", ") + " WHERE 0)"
        }
        let rows = result.rows.enumerated().map { r, row in
            "(" + row.enumerated().map { c, value in
                let parameter = "statik_source_\(name.lowercased())_\(r)_\(c)"
                parameters[parameter] = value
                return ":" + parameter
            }.joined(separator: ", ") + ")"
        }
        return "\(name)(\(columns.joined(separator: ", "))) AS (VALUES \(rows.joined(separator: ", ")))"
    }

    /// A result as a SELECT of bound values: `SELECT :w_q_0_0 AS "a", … UNION ALL SELECT …`.
    private static func values(_ result: QueryResult, name: String, into parameters: inout [String: Value]) -> String {
        let columns = result.columns.map(quoteIdentifier)
        guard !result.rows.isEmpty else {
            return "SELECT " + columns.map { "NULL AS \($0)" }.joined(separator: ", ") + " WHERE 0"
        }
        // Written into one string (it is made again for every moved cell of the disclosure plan).
        let prefix = "statik_withheld_\(name.lowercased())_"
        var text = ""
        for (r, row) in result.rows.enumerated() {
            text += r == 0 ? "SELECT " : " UNION ALL SELECT "
            for (c, value) in row.prefix(columns.count).enumerated() {
                let parameter = prefix + String(r) + "_" + String(c)
                parameters[parameter] = value
                if c > 0 { text += ", " }
                text += ":" + parameter + " AS " + columns[c]
            }
        }
        return text
    }

    /// Where a UTF-8 byte offset into the author's SQL is in the file.
    package func location(ofOffset offset: Int) -> (line: Int, column: Int) {
        let bytes = Array(sql.utf8.prefix(max(0, offset)))
        let lineIndex = bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let lastLine = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).last ?? []
        let columnInLine = String(decoding: lastLine, as: UTF8.self).count
        return (line + lineIndex, column + columnInLine)
    }
}
