public import StatikCore
internal import GRDB
internal import GRDBSQLite
internal import Synchronization

/// The result of a query: column names and rows of values.
public struct QueryResult: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[Value]]

    public init(columns: [String], rows: [[Value]]) {
        self.columns = columns
        self.rows = rows
    }

    /// The index of a column, matched without regard to case as SQLite does.
    public func columnIndex(_ name: String) -> Int? {
        if let exact = columns.firstIndex(of: name) { return exact }
        let wanted = SQLName(name)
        return columns.firstIndex { SQLName($0) == wanted }
    }

    public func values(ofColumn index: Int) -> [Value] { rows.map { $0[index] } }
}

/// An SQL problem: SQLite's message and, when SQLite knows it, the UTF-8 byte offset in the
/// SQL text where it happened.
public struct QueryError: Error, Sendable, Hashable {
    public var message: Message
    public var offset: Int?

    public init(message: Message, offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }
}

/// The build's database: every CSV of the site as a table, in memory, read-only once loaded.
///
/// Queries are cached by their SQL and the parameters they use, so a query that many pages
/// share runs once.
///
/// Pages are rendered in parallel, and so are their queries: the database is loaded once, then
/// copied (SQLite's backup API, page by page in memory) into one read-only connection per query
/// running at the same time. Every copy holds the same bytes, so a query answers the same
/// whichever connection runs it. Each connection keeps its statements prepared, by SQL, for the
/// next page that runs the same query with other parameters.
public final class DataStore: Sendable {
    /// The loaded database: the source of the copies, never queried by pages.
    private let original: DatabaseQueue
    /// Read-only copies not in use; a query takes one and gives it back, and a new one is made
    /// when all are busy (so there are as many as queries ever ran at once).
    private let idle = Mutex<[Reader]>([])
    private let cache = Mutex<[CacheKey: CacheEntry]>([:])
    private let counts = Mutex<(run: Int, cached: Int)>((0, 0))
    private let parameterCache = Mutex<[String: [String]]>([:])
    public let tableNames: [String]
    /// The cells written `x` in the data files (withheld at the source), by lower-case table.
    public let withheldAtSource: [String: [BaseCell]]
    /// Writable copies for disclosure control's runs (LineageProbe), not in use.
    private let probes = Mutex<[LineageProbe]>([])
    /// Every column of every table, for the nearest name to a misspelt one.
    let columnNames: [String]
    /// Each table's columns, by lower-case table name.
    private let tableColumns: [String: [String]]
    /// Which tables a statement reads, as SQLite says (`TableReads`).
    private let reads: TableReads?

    /// The tables (lower case) `sql` reads, as SQLite says while it compiles it: every way of
    /// naming a table (`main.d`, `'d'`, `x IN d`, …). Nil when it does not compile.
    public func tablesRead(by sql: String) -> Set<String>? { reads?.tables(sql) }

    /// The columns of `table` (any case) as its file's header row names them; nil when there is
    /// no such table.
    public func columns(of table: String) -> [String]? { tableColumns[table.lowercased()] }
    /// Tables large enough to index (lower-case name → lower-case names of their integer and
    /// text columns), the SQL texts already looked at for indexes, the indexes made, and how
    /// many times the set of indexes changed (a copy made before the last change is dropped
    /// when given back, and made again with them).
    private let indexable: [String: Set<String>]
    private let planned = Mutex<Set<String>>([])
    private let indexes = Mutex<(made: Set<String>, generation: Int)>(([], 0))

    /// One read-only copy of the database, with the statements it has prepared and the limits of
    /// the query it runs. Used by one query at a time: whoever took it from `idle`.
    private final class Reader: @unchecked Sendable {
        let queue: DatabaseQueue
        let limits = QueryLimits()
        let generation: Int
        var statements: [String: Statement] = [:]
        /// Prepared statements kept per copy; past this many (a site whose pages all have SQL of
        /// their own) they are dropped and prepared again as needed.
        static let maxStatements = 256

        init(copying original: DatabaseQueue, generation: Int) throws {
            self.generation = generation
            queue = try DatabaseQueue()
            try original.backup(to: queue)
            let limits = self.limits
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA query_only = ON")
                limits.install(on: db.sqliteConnection)
            }
        }

        func statement(_ sql: String, in db: Database) throws -> Statement {
            if let statement = statements[sql] { return statement }
            let statement = try db.makeStatement(sql: sql)
            if statements.count >= Self.maxStatements { statements.removeAll() }
            statements[sql] = statement
            return statement
        }
    }

    /// A table with at least this many rows gets an index on a column when a query compares
    /// that column with a page parameter (`WHERE grupp = :id`): made the first time such a query
    /// runs, so that the thousand pages made from one file do not each read the whole table,
    /// while a column no page filters on costs nothing.
    static let indexedTableRows = 10_000

    private struct CacheKey: Hashable {
        var sql: String
        var parameters: [String: Value]
    }

    /// One query's answer, filled in once. The first page that asks for it runs it while holding
    /// the entry's lock; a page that asks at the same time waits for that answer instead of
    /// running the query again, so every query runs exactly once whatever the number of threads.
    private final class CacheEntry: Sendable {
        let result = Mutex<Result<QueryResult, QueryError>?>(nil)
    }

    /// Loads the tables. Names must already be valid and unique (the site checks that, with
    /// file positions for its messages).
    public init(tables: [(name: String, table: CSVTable)]) throws(QueryError) {
        do {
            original = try DatabaseQueue()
            try original.inTransaction { db in
                for (name, table) in tables {
                    let columns = zip(table.columns, table.types)
                        .map { "\(quoteIdentifier($0)) \($1.rawValue)" }
                        .joined(separator: ", ")
                    try db.execute(sql: "CREATE TABLE \(quoteIdentifier(name)) (\(columns))")
                    guard !table.columns.isEmpty else { continue }
                    let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                    let insert = try db.makeStatement(sql: "INSERT INTO \(quoteIdentifier(name)) VALUES (\(placeholders))")
                    let statement = insert.sqliteStatement
                    for row in table.rows {
                        for (i, value) in row.enumerated() { Self.bind(value, at: Int32(i + 1), in: statement) }
                        let code = sqlite3_step(statement)
                        sqlite3_reset(statement)
                        guard code == SQLITE_DONE else {
                            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
                        }
                    }
                }
                return .commit
            }
            // Pages read; nothing a page writes could reach another page.
            try original.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = ON") }
        } catch let error as DatabaseError {
            throw QueryError(message: Message(.sqliteSays, error.message ?? "\(error)"))
        } catch {
            throw QueryError(message: Message(.sqliteSays, "\(error)"))
        }
        tableNames = tables.map(\.name)
        var atSource: [String: [BaseCell]] = [:]
        for (name, table) in tables where !table.withheldAtSource.isEmpty {
            atSource[name.lowercased()] = table.withheldAtSource.map {
                BaseCell(table: name.lowercased(), column: table.columns[$0.column].lowercased(), row: Int64($0.row + 1))
            }
        }
        withheldAtSource = atSource
        columnNames = Array(Set(tables.flatMap(\.table.columns))).sorted()
        tableColumns = Dictionary(tables.map { ($0.name.lowercased(), $0.table.columns) }, uniquingKeysWith: { a, _ in a })
        reads = TableReads(tables: tables.map { ($0.name, $0.table.columns) })
        var indexable: [String: Set<String>] = [:]
        for (name, table) in tables where table.rows.count >= Self.indexedTableRows {
            indexable[name.lowercased()] = Set(zip(table.columns, table.types).filter { $0.1 != .real }.map { $0.0.lowercased() })
        }
        self.indexable = indexable
    }

    /// Indexes the columns of large tables that `sql` compares with a parameter, the first time
    /// that SQL is seen. A column of a table counts when the SQL names both (an alias or a
    /// qualifier in front of the column is allowed); an index that does not help costs one
    /// build-time sort and nothing else, so a near miss does no harm.
    private func index(for sql: String) {
        guard !indexable.isEmpty, planned.withLock({ $0.insert(sql).inserted }) else { return }
        let compared = Self.columnsComparedWithParameters(in: sql)
        guard !compared.isEmpty else { return }
        let words = Set(Self.words(in: sql))
        var wanted: [(table: String, column: String)] = []
        for (table, columns) in indexable.sorted(by: { $0.key < $1.key }) where words.contains(table) {
            for column in compared.sorted() where columns.contains(column) { wanted.append((table, column)) }
        }
        guard !wanted.isEmpty else { return }
        indexes.withLock { state in
            var added = false
            for (table, column) in wanted where !state.made.contains("\(table).\(column)") {
                let name = quoteIdentifier("statik_\(table)_\(column)")
                do {
                    try original.writeWithoutTransaction { db in
                        try db.execute(sql: "PRAGMA query_only = OFF")
                        defer { try? db.execute(sql: "PRAGMA query_only = ON") }
                        try db.execute(sql: "CREATE INDEX IF NOT EXISTS \(name) ON \(quoteIdentifier(table)) (\(quoteIdentifier(column)))")
                    }
                    state.made.insert("\(table).\(column)")
                    added = true
                } catch {
                    continue  // only slower without it
                }
            }
            if added {
                state.generation += 1
                idle.withLock { $0.removeAll() }
                probes.withLock { $0.removeAll() }
            }
        }
    }

    /// The indexes made so far, as `table.column` (for the tests).
    var indexedColumns: Set<String> { indexes.withLock { $0.made } }

    /// Lower-case names of the columns that `sql` compares with a named parameter, either way
    /// round: `region = :region`, `t.ar >= :from`, `:id = "grupp"`, `kod IN (:a, …)`.
    static func columnsComparedWithParameters(in sql: String) -> Set<String> {
        let tokens = words(in: sql, keepingParameters: true)
        let operators: Set<String> = ["=", "==", "<", ">", "<=", ">=", "in", "is"]
        var columns: Set<String> = []
        for (i, token) in tokens.enumerated() where operators.contains(token) {
            let before = i > 0 ? tokens[i - 1] : nil
            var after = i + 1 < tokens.count ? tokens[i + 1] : nil
            if after == "(" && i + 2 < tokens.count { after = tokens[i + 2] }
            if let before, let after {
                if isParameter(after), isName(before) { columns.insert(before) }
                if isParameter(before), isName(after) { columns.insert(after) }
            }
        }
        return columns
    }

    private static func isParameter(_ token: String) -> Bool { [":", "@", "$"].contains(token.first) && token.count > 1 }
    private static func isName(_ token: String) -> Bool { token.first.map { $0.isLetter || $0 == "_" } ?? false }

    /// The SQL as lower-case tokens: names (quoted or not, a qualifier dropped: `t.ar` → `ar`),
    /// numbers, and with `keepingParameters` parameters (`:id`), comparison operators and
    /// opening parentheses; strings and comments left out (SQLLexer).
    public static func words(in sql: String, keepingParameters: Bool = false) -> [String] {
        let comparisons: Set<String> = ["=", "==", "<", ">", "<=", ">=", "<>", "!="]
        var tokens: [String] = []
        for token in SQLLexer.tokens(in: sql) {
            switch token.kind {
            case .word, .number, .quotedName:
                tokens.append(token.text.lowercased())
            case .parameter where keepingParameters:
                tokens.append(token.text.lowercased())
            case .punctuation where token.text == ".":
                if tokens.last.map(isName) == true { tokens.removeLast() }  // t.ar: the column is what follows
            case .punctuation where keepingParameters && (token.text == "(" || comparisons.contains(token.text)):
                tokens.append(token.text)
            default:
                continue
            }
        }
        return tokens
    }

    /// How many queries ran, and how many were answered from the cache.
    public var statistics: (run: Int, cached: Int) { counts.withLock { $0 } }

    private func parameterNamesCached(_ sql: String) throws(QueryError) -> [String] {
        if let names = parameterCache.withLock({ $0[sql] }) { return names }
        let names = try parameterNames(in: sql)
        parameterCache.withLock { $0[sql] = names }
        return names
    }

    /// The named parameters (`:name`, `@name`, `$name`) an SQL text uses, without their sign,
    /// or an error for a statement that does not compile.
    public func parameterNames(in sql: String) throws(QueryError) -> [String] {
        try withStatement(sql) { statement, _ in Self.parameterNames(statement) }
    }

    /// Runs one read-only statement with its named parameters bound.
    public func run(_ sql: String, parameters: [String: Value] = [:]) throws(QueryError) -> QueryResult {
        // Keyed by the parameters the SQL uses, so a query that ignores the page's own
        // parameters runs once for all the pages made from one file.
        var used: [String: Value] = [:]
        if !parameters.isEmpty, let names = try? parameterNamesCached(sql) {
            for name in names { used[name] = parameters[name] ?? parameters.first { $0.key.lowercased() == name.lowercased() }?.value }
        }
        let key = CacheKey(sql: sql, parameters: used)
        if let entry = cache.withLock({ $0[key] }) {
            counts.withLock { $0.cached += 1 }
            return try entry.result.withLock { $0! }.get()
        }
        let fresh = CacheEntry()
        var earlier: CacheEntry?
        let result = fresh.result.withLock { slot -> Result<QueryResult, QueryError>? in
            // Published while its lock is held: whoever finds it waits for the answer.
            earlier = cache.withLock { entries in
                if let entry = entries[key] { return entry }
                entries[key] = fresh
                return nil
            }
            guard earlier == nil else { return nil }
            let result = Result { () throws(QueryError) in try execute(sql, parameters: parameters) }
            slot = result
            return result
        }
        if let result {
            counts.withLock { $0.run += 1 }
            return try result.get()
        }
        counts.withLock { $0.cached += 1 }
        return try earlier!.result.withLock { $0! }.get()
    }

    private func execute(_ sql: String, parameters: [String: Value]) throws(QueryError) -> QueryResult {
        if !parameters.isEmpty { index(for: sql) }
        return try withStatement(sql) { statement, limits in
            guard statement.isReadonly, QueryLimits.isQuery(sql) else {
                throw QueryError(message: Message(.queryMayOnlyReadData), offset: 0)
            }
            let handle = statement.sqliteStatement
            for (i, name) in Self.parameterNames(statement).enumerated() {
                guard !name.isEmpty, !name.allSatisfy(\.isNumber) else {
                    throw QueryError(message: Message(.useNamedParametersNameNot), offset: nil)
                }
                guard let value = parameters[name] ?? parameters.first(where: { $0.key.lowercased() == name.lowercased() })?.value else {
                    let known = parameters.keys.sorted().map { ":" + $0 }.joined(separator: ", ")
                    throw QueryError(message: Message(.noParameterNamed, name, (known.isEmpty ? Message(.thisPageHasNoParams) : Message(.thisPageHas, known))), offset: Self.offset(of: name, in: sql))
                }
                Self.bind(value, at: Int32(i + 1), in: handle)
            }
            limits.arm()
            defer { limits.disarm() }
            return try Self.result(of: handle) { message, code in explain(message, code: code, sql: sql) }
        }
    }

    /// Steps a bound statement to its end: its columns and rows, at most `QueryLimits.maxRows`.
    static func result(of handle: OpaquePointer, explain: (String, Int32) -> Message) throws(QueryError) -> QueryResult {
        let width = Int(sqlite3_column_count(handle))
        let columns = (0..<width).map { String(cString: sqlite3_column_name(handle, Int32($0))) }
        var rows: [[Value]] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw QueryError(message: explain(String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), code))
            }
            if rows.count == QueryLimits.maxRows { throw QueryError(message: QueryLimits.tooManyRowsMessage) }
            var row: [Value] = []
            row.reserveCapacity(width)
            for i in 0..<Int32(width) { row.append(Self.column(i, of: handle)) }
            rows.append(row)
        }
        return QueryResult(columns: columns, rows: rows)
    }

    /// Runs `body` with the statement for `sql` on a free copy of the database, prepared there
    /// (or kept from when that copy ran the same SQL before), and resets it afterwards.
    private func withStatement<T>(_ sql: String, _ body: (Statement, QueryLimits) throws -> T) throws(QueryError) -> T {
        do {
            let reader = try checkOut()
            defer { checkIn(reader) }
            return try reader.queue.inDatabase { db in
                let statement: Statement
                do {
                    statement = try reader.statement(sql, in: db)
                } catch let error as DatabaseError {
                    let offset = Int(sqlite3_error_offset(db.sqliteConnection))
                    throw QueryError(message: explain(error.message ?? "\(error)", code: error.resultCode.rawValue, sql: sql), offset: offset >= 0 ? offset : nil)
                }
                defer {
                    sqlite3_reset(statement.sqliteStatement)
                    sqlite3_clear_bindings(statement.sqliteStatement)
                }
                return try body(statement, reader.limits)
            }
        } catch let error as QueryError {
            throw error
        } catch let error as DatabaseError {
            throw QueryError(message: explain(error.message ?? "\(error)", code: error.resultCode.rawValue, sql: sql))
        } catch {
            throw QueryError(message: Message(.sqliteSays, "\(error)"))
        }
    }

    /// Runs `body` with a writable copy of the database of its own (disclosure control moves
    /// cells in it and sets them back before it is given back).
    public func withProbe<T>(_ body: (LineageProbe) throws -> T) throws -> T {
        let generation = indexes.withLock { $0.generation }
        let probe = try probes.withLock { $0.popLast() } ?? LineageProbe(copying: original, generation: generation)
        defer {
            indexes.withLock { state in
                if probe.generation == state.generation { probes.withLock { $0.append(probe) } }
            }
        }
        return try body(probe)
    }

    /// A free read-only copy of the database: one given back by an earlier query, or a new one.
    private func checkOut() throws -> Reader {
        if let reader = idle.withLock({ $0.popLast() }) { return reader }
        return try Reader(copying: original, generation: indexes.withLock { $0.generation })
    }

    /// Gives a copy back, unless indexes were made since it was copied.
    private func checkIn(_ reader: Reader) {
        indexes.withLock { state in
            if reader.generation == state.generation { idle.withLock { $0.append(reader) } }
        }
    }

    /// SQLite's message in the writer's words, with the nearest names for a misspelt table or
    /// column. SQLite's messages are stable: they are matched here, in one place, and nowhere
    /// else; anything else is shown as SQLite says it.
    private func explain(_ message: String, code: Int32, sql: String) -> Message {
        if code & 0xFF == SQLITE_INTERRUPT { return QueryLimits.timeoutMessage }
        if message.contains("Multiple statements found") {
            return Message(.sqlOneStatementPerBlock)
        }
        if message.hasPrefix("no such table: ") {
            let name = String(message.dropFirst("no such table: ".count))
            if let near = closest(to: name, in: tableNames.filter { SQLName($0) != SQLName(name) }) { return Message(.sqlNoSuchTableDidYouMean, name, near) }
            return Message(.sqlNoSuchTable, name, tableNames.sorted())
        }
        if message.hasPrefix("no such column: ") {
            let name = String(message.dropFirst("no such column: ".count))
            let bare = name.split(separator: ".").last.map(String.init) ?? name
            if let (table, written) = headerWriting(bare, sql: sql) { return Message(.sqlColumnWrittenOtherwiseInHeader, name, table, written) }
            let candidates = columnNames.filter { SQLName($0) != SQLName(bare) }
            if let near = closest(to: bare, in: candidates) { return Message(.sqlNoSuchColumnDidYouMean, name, near) }
            return Message(.sqlNoSuchColumn, name)
        }
        if message.hasPrefix("near \""), message.hasSuffix("\": syntax error") {
            let near = message.dropFirst("near \"".count).dropLast("\": syntax error".count)
            return Message(.sqlSyntaxErrorNear, String(near))
        }
        if message == "incomplete input" { return Message(.sqlIncomplete) }
        return Message(.sqliteSays, message)
    }

    /// A column `name` that the SQL does not find, but that the header row of a table the SQL
    /// names writes otherwise (`Programområde` for `programomrade`, `Män` for `man`): that table
    /// and the name as its header writes it. A header saved with other names is then the cause,
    /// not the query.
    func headerWriting(_ name: String, sql: String) -> (table: String, written: String)? {
        let wanted = SQLName(name)
        let named = Set(Self.words(in: sql))
        for table in tableNames where named.contains(table.lowercased()) {
            let columns = tableColumns[table.lowercased()] ?? []
            guard !columns.contains(where: { SQLName($0) == wanted }) else { continue }
            if let written = columns.first(where: { SQLName($0).plain == wanted.plain }) { return (table, written) }
        }
        return nil
    }

    private static func parameterNames(_ statement: Statement) -> [String] {
        let count = sqlite3_bind_parameter_count(statement.sqliteStatement)
        guard count > 0 else { return [] }
        return (1...count).map { i in
            guard let name = sqlite3_bind_parameter_name(statement.sqliteStatement, i) else { return "" }
            return String(String(cString: name).dropFirst())
        }
    }

    /// Where the SQL names `parameter` (SQLite's name for it, without its sign) first.
    static func offset(of parameter: String, in sql: String) -> Int? {
        SQLLexer.tokens(in: sql).first { $0.kind == .parameter && $0.text.dropFirst() == parameter }?.range.lowerBound
    }

    /// SQLite copies the text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds a value as GRDB binds the same `DatabaseValue` (text up to its first NUL).
    static func bind(_ value: Value, at index: Int32, in statement: OpaquePointer) {
        switch value {
        case .null: sqlite3_bind_null(statement, index)
        case .integer(let i): sqlite3_bind_int64(statement, index, i)
        case .real(let d): sqlite3_bind_double(statement, index, d)
        case .text(let s): sqlite3_bind_text(statement, index, s, -1, transient)
        }
    }

    /// A column of the current row, read as GRDB reads it into a `DatabaseValue`.
    static func column(_ index: Int32, of statement: OpaquePointer) -> Value {
        switch sqlite3_column_type(statement, index) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, index))
        case SQLITE_FLOAT: .real(sqlite3_column_double(statement, index))
        case SQLITE_TEXT: .text(String(cString: sqlite3_column_text(statement, index)))
        default: .text("<\(Int(sqlite3_column_bytes(statement, index))) bytes>")
        }
    }
}

/// An SQL identifier, quoted (`"a ""b"""`): the one quoter of table and column names, for
/// SQLite and PostgreSQL alike.
public func quoteIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
