public import StatikCore
internal import Synchronization

/// A place queries run other than the build's own database: a PostgreSQL server, a snapshot of
/// one in the repository, and whatever comes next (DuckDB, PxWeb): one type each, registered by
/// the program that links it (`DataSourceKinds.register`), so that StatikSite needs none of
/// their libraries.
///
/// The site runs all of a build's queries on a source at once, before any page is rendered
/// (every page made from one file, every parameter set), so that a source can share
/// connections and statements between them; their results land in the page's SQLite queries as
/// tables, as an earlier query's do.
public protocol DataSource: Sendable {
    /// Runs the queries, each read-only, with its parameters bound and the limits of
    /// `QueryBounds`; one answer per query, in order. Throws when the source itself cannot be
    /// used (unreachable, refused the user): one error for all its queries, naming the source.
    func run(_ queries: [SourceQuery]) async throws(SourceError) -> [Result<QueryResult, QueryError>]
    /// Closes what the source opened (connections). Called once, after the last `run`.
    func close() async
}

/// A kind of source, as `statik.yml` names it (`postgres: env:STATIK_STATISTIK_URL`).
public protocol DataSourceKind: Sendable {
    /// The key under the source's name in `statik.yml`: `postgres`.
    static var key: String { get }
    /// Opens the source `name` at `address` (the value of the environment variable, which may
    /// hold a password: it must never appear in a message). Opening connects to nothing yet.
    static func open(name: String, address: String, variable: String) throws(SourceError) -> any DataSource
}

/// The kinds of source this program can open, registered at start (the `statik` executable
/// registers PostgreSQL).
public enum DataSourceKinds {
    private static let registered = Mutex<[String: any DataSourceKind.Type]>([:])

    public static func register(_ kind: any DataSourceKind.Type) {
        registered.withLock { $0[kind.key] = kind }
    }

    public static func kind(_ key: String) -> (any DataSourceKind.Type)? {
        registered.withLock { $0[key] }
    }

    public static var keys: [String] { registered.withLock { $0.keys.sorted() } }
}

/// A problem with a source as a whole, said once at the source's line of `statik.yml`.
public struct SourceError: Error, Sendable, Hashable {
    public var message: Message
    public init(_ message: Message) { self.message = message }
}

/// One query for a source: the SQL as the author wrote it (named parameters `:name`) and the
/// values of the parameters it uses. Two pages that run the same SQL with the same values ask
/// for the same result.
public struct SourceQuery: Sendable, Hashable {
    public var sql: String
    public var parameters: [String: Value]

    public init(sql: String, parameters: [String: Value]) {
        self.sql = sql
        self.parameters = parameters
    }

    /// The query of `sql` for a page with `available` parameters: only those the SQL names, so
    /// that pages that differ in other parameters share it. An error names a missing parameter.
    public static func make(sql: String, available: [String: Value]) -> Result<SourceQuery, QueryError> {
        var used: [String: Value] = [:]
        for reference in SourceSQL.parameters(in: sql) {
            let name = reference.name
            guard let value = available[name] ?? available.first(where: { $0.key.lowercased() == name.lowercased() })?.value else {
                let known = available.keys.filter { !$0.hasPrefix("statik_") }.sorted().map { ":" + $0 }.joined(separator: ", ")
                return .failure(QueryError(message: Message(.noParameterNamed, name, known.isEmpty ? Message(.thisPageHasNoParams) : Message(.thisPageHas, known)), offset: reference.offset))
            }
            used[name] = value
        }
        return .success(SourceQuery(sql: sql, parameters: used))
    }
}

/// The bounds every query has, in the build's database and on a source alike.
public enum QueryBounds {
    public static var timeLimit: Duration { QueryLimits.timeLimit }
    public static var maxRows: Int { QueryLimits.maxRows }
    public static var timeoutMessage: Message { QueryLimits.timeoutMessage }
    public static var tooManyRowsMessage: Message { QueryLimits.tooManyRowsMessage }
    /// SELECT, WITH … SELECT or VALUES: what a query block may be (its first word, comments
    /// and parentheses before it passed over as the engine of `dialect` reads them).
    public static func isQuery(_ sql: String, dialect: SQLDialect = .sqlite) -> Bool { QueryLimits.isQuery(sql, dialect: dialect) }
    public static let writeRefusedMessage = Message(.writeRefused)
}

/// The named parameters of SQL for a source: `:name` outside strings, quoted names, comments
/// and dollar-quoted text, and not PostgreSQL's `::type` cast (SQLLexer, PostgreSQL's rules).
public enum SourceSQL {
    public struct Reference: Sendable, Hashable {
        public var name: String
        /// UTF-8 byte offset of the `:` in the SQL.
        public var offset: Int
        /// Length in UTF-8 bytes, the `:` included.
        public var length: Int
    }

    public static func parameters(in sql: String) -> [Reference] {
        SQLLexer.tokens(in: sql, dialect: .postgres).compactMap { token in
            guard token.kind == .parameter, token.text.hasPrefix(":") else { return nil }
            return Reference(name: String(token.text.dropFirst()), offset: token.range.lowerBound, length: token.range.count)
        }
    }

    /// The SQL with each `:name` replaced by `$n` (PostgreSQL's placeholders, numbered in order
    /// of first use), the names in that order, and a map from an offset in the new text back
    /// to the author's (UTF-8 bytes).
    public static func numbered(_ sql: String) -> (sql: String, names: [String], originalOffset: @Sendable (Int) -> Int) {
        let references = parameters(in: sql)
        var names: [String] = []
        var out: [UInt8] = []
        let bytes = Array(sql.utf8)
        var last = 0
        var shifts: [(at: Int, delta: Int)] = []  // in the new text: from `at` on, add delta
        for reference in references {
            out += bytes[last..<reference.offset]
            let key = reference.name.lowercased()
            let index: Int
            if let found = names.firstIndex(where: { $0.lowercased() == key }) { index = found } else {
                names.append(reference.name)
                index = names.count - 1
            }
            let placeholder = Array("$\(index + 1)".utf8)
            out += placeholder
            shifts.append((out.count, reference.length - placeholder.count))
            last = reference.offset + reference.length
        }
        out += bytes[last...]
        let table = shifts
        return (String(decoding: out, as: UTF8.self), names, { offset in
            var delta = 0
            for shift in table where offset >= shift.at { delta += shift.delta }
            return offset + delta
        })
    }
}

/// The embedded database (the CSV files of `content/data/`) is a source like any other.
extension DataStore: DataSource {
    public func run(_ queries: [SourceQuery]) async throws(SourceError) -> [Result<QueryResult, QueryError>] {
        queries.map { query in Result { () throws(QueryError) in try run(query.sql, parameters: query.parameters) } }
    }

    public func close() async {}
}
