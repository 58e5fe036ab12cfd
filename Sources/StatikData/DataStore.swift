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
        columns.firstIndex(of: name) ?? columns.firstIndex { $0.lowercased() == name.lowercased() }
    }

    public func values(ofColumn index: Int) -> [Value] { rows.map { $0[index] } }
}

/// An SQL problem: SQLite's message and, when SQLite knows it, the UTF-8 byte offset in the
/// SQL text where it happened.
public struct QueryError: Error, Sendable, Hashable {
    public var message: String
    public var offset: Int?

    public init(message: String, offset: Int? = nil) {
        self.message = message
        self.offset = offset
    }
}

/// The build's database: every CSV of the site as a table, in memory, read-only once loaded.
///
/// Queries are cached by their SQL and bound parameters, so a query that many pages share
/// runs once.
public final class DataStore: Sendable {
    private let queue: DatabaseQueue
    private let cache = Mutex<[CacheKey: Result<QueryResult, QueryError>]>([:])
    private let counts = Mutex<(run: Int, cached: Int)>((0, 0))
    public let tableNames: [String]

    private struct CacheKey: Hashable {
        var sql: String
        var parameters: [String: Value]
    }

    /// Loads the tables. Names must already be valid and unique (the site checks that, with
    /// file positions for its messages).
    public init(tables: [(name: String, table: CSVTable)]) throws(QueryError) {
        do {
            queue = try DatabaseQueue()
            try queue.write { db in
                for (name, table) in tables {
                    let columns = zip(table.columns, table.types)
                        .map { "\(quoteIdentifier($0)) \($1.rawValue)" }
                        .joined(separator: ", ")
                    try db.execute(sql: "CREATE TABLE \(quoteIdentifier(name)) (\(columns))")
                    guard !table.columns.isEmpty else { continue }
                    let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
                    let insert = try db.makeStatement(sql: "INSERT INTO \(quoteIdentifier(name)) VALUES (\(placeholders))")
                    for row in table.rows {
                        try insert.execute(arguments: StatementArguments(row.map(\.databaseValue)))
                    }
                }
            }
            // Pages read; nothing a page writes could reach another page.
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA query_only = ON") }
        } catch let error as DatabaseError {
            throw QueryError(message: error.message ?? "\(error)")
        } catch {
            throw QueryError(message: "\(error)")
        }
        tableNames = tables.map(\.name)
    }

    /// How many queries ran, and how many were answered from the cache.
    public var statistics: (run: Int, cached: Int) { counts.withLock { $0 } }

    private let parameterCache = Mutex<[String: [String]]>([:])

    private func parameterNamesCached(_ sql: String) throws(QueryError) -> [String] {
        if let names = parameterCache.withLock({ $0[sql] }) { return names }
        let names = try parameterNames(in: sql)
        parameterCache.withLock { $0[sql] = names }
        return names
    }

    /// The named parameters (`:name`, `@name`, `$name`) an SQL text uses, without their sign,
    /// or an error for a statement that does not compile.
    public func parameterNames(in sql: String) throws(QueryError) -> [String] {
        try withStatement(sql) { statement in Self.parameterNames(statement) }
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
        if let hit = cache.withLock({ $0[key] }) {
            counts.withLock { $0.cached += 1 }
            return try hit.get()
        }
        let result: Result<QueryResult, QueryError>
        do {
            result = .success(try execute(sql, parameters: parameters))
        } catch {
            result = .failure(error)
        }
        cache.withLock { $0[key] = result }
        counts.withLock { $0.run += 1 }
        return try result.get()
    }

    private func execute(_ sql: String, parameters: [String: Value]) throws(QueryError) -> QueryResult {
        try withStatement(sql) { statement in
            guard statement.isReadonly else {
                throw QueryError(message: "a query may only read data (SELECT); the data files are not changed by pages", offset: 0)
            }
            var arguments: [String: (any DatabaseValueConvertible)?] = [:]
            for name in Self.parameterNames(statement) {
                guard !name.isEmpty, !name.allSatisfy(\.isNumber) else {
                    throw QueryError(message: "use named parameters (:name), not '?'", offset: nil)
                }
                guard let value = parameters[name] ?? parameters.first(where: { $0.key.lowercased() == name.lowercased() })?.value else {
                    let known = parameters.keys.sorted().map { ":" + $0 }.joined(separator: ", ")
                    throw QueryError(message: "no parameter named :\(name)" + (known.isEmpty ? "; this page has no params" : "; this page has \(known)"), offset: Self.offset(of: name, in: sql))
                }
                arguments[name] = value.databaseValue
            }
            statement.arguments = StatementArguments(arguments)
            let columns = statement.columnNames
            var rows: [[Value]] = []
            let cursor = try Row.fetchCursor(statement)
            while let row = try cursor.next() {
                rows.append((0..<columns.count).map { Value(row[$0] as DatabaseValue) })
            }
            return QueryResult(columns: columns, rows: rows)
        }
    }

    private func withStatement<T>(_ sql: String, _ body: (Statement) throws -> T) throws(QueryError) -> T {
        do {
            return try queue.read { db in
                let statement: Statement
                do {
                    statement = try db.makeStatement(sql: sql)
                } catch let error as DatabaseError {
                    let offset = Int(sqlite3_error_offset(db.sqliteConnection))
                    throw QueryError(message: Self.explain(error), offset: offset >= 0 ? offset : nil)
                }
                return try body(statement)
            }
        } catch let error as QueryError {
            throw error
        } catch let error as DatabaseError {
            throw QueryError(message: Self.explain(error))
        } catch {
            throw QueryError(message: "\(error)")
        }
    }

    private static func explain(_ error: DatabaseError) -> String {
        let message = error.message ?? "\(error)"
        if message.contains("Multiple statements found") {
            return "a query block holds one SQL statement; split it into two blocks"
        }
        if message.hasPrefix("no such table:") {
            return message + "; a table is a CSV file in content/data/ or an earlier query on the page"
        }
        return message
    }

    private static func parameterNames(_ statement: Statement) -> [String] {
        let count = sqlite3_bind_parameter_count(statement.sqliteStatement)
        guard count > 0 else { return [] }
        return (1...count).map { i in
            guard let name = sqlite3_bind_parameter_name(statement.sqliteStatement, i) else { return "" }
            return String(String(cString: name).dropFirst())
        }
    }

    private static func offset(of parameter: String, in sql: String) -> Int? {
        for sign in [":", "@", "$"] {
            if let range = sql.range(of: sign + parameter) {
                return sql.utf8.distance(from: sql.startIndex, to: range.lowerBound)
            }
        }
        return nil
    }
}

func quoteIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

extension Value {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let i): i.databaseValue
        case .real(let d): d.databaseValue
        case .text(let s): s.databaseValue
        }
    }

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let i): self = .integer(i)
        case .double(let d): self = .real(d)
        case .string(let s): self = .text(s)
        case .blob(let data): self = .text("<\(data.count) bytes>")
        }
    }
}
