public import StatikCore
internal import GRDB
internal import GRDBSQLite

/// A cell of a data table: the table and column (lower case) and the row, by SQLite's rowid
/// (the row's place in its file, 1 for the first row under the header).
public struct BaseCell: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var table: String
    public var column: String
    public var row: Int64

    public init(table: String, column: String, row: Int64) {
        self.table = table
        self.column = column
        self.row = row
    }

    public static func < (a: BaseCell, b: BaseCell) -> Bool { (a.table, a.column, a.row) < (b.table, b.column, b.row) }
    public var description: String { "\(table).\(column)[\(row)]" }
}

/// A column of a data table (both names in lower case).
public struct TableColumn: Sendable, Hashable, Comparable {
    public var table: String
    public var column: String
    public init(table: String, column: String) {
        self.table = table
        self.column = column
    }
    public static func < (a: TableColumn, b: TableColumn) -> Bool { (a.table, a.column) < (b.table, b.column) }
}

/// A private, writable copy of the build's database, on which disclosure control moves one
/// cell of a data table at a time and runs a page's queries again (`DisclosureLineage` in
/// StatikSite): a published figure that moves with a cell is made from it, whatever the SQL
/// did on the way (a new name, arithmetic, `CAST`, `CASE`, text, joins, subqueries, `UNION`,
/// window functions, aggregates).
///
/// SQLite also says, while it compiles a statement, which columns of which tables it reads
/// (the authorizer) and which table column a result column is a plain copy of
/// (`sqlite3_column_origin_name`): the conservative rule for a query whose cells are too many
/// to move one by one.
///
/// Used by one page at a time (`DataStore.withProbe` hands it out and takes it back); it is
/// never shared between threads while in use.
// @unchecked Sendable: its SQLite connection and statement caches are used by one page at a
// time — whoever took it from the store's pool, under the pool's lock — as `DataStore.Reader`.
public final class LineageProbe: @unchecked Sendable {
    private let db: OpaquePointer
    private let limits = QueryLimits()
    private var statements: [String: OpaquePointer] = [:]
    /// The name that reads a table's row id, by table (`rowid`, unless a column has that name).
    private var rowidName: [String: String] = [:]
    private var updates: [TableColumn: OpaquePointer] = [:]
    private var selects: [TableColumn: OpaquePointer] = [:]
    let generation: Int

    init(copying original: DatabaseQueue, generation: Int) throws {
        self.generation = generation
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(":memory:", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let handle else {
            if let handle { sqlite3_close_v2(handle) }
            // SQLite's own words for what went wrong (quoted, as every SQLite message is).
            throw QueryError(message: Message(.sqliteSays, String(cString: sqlite3_errstr(code))))
        }
        db = handle
        try original.inDatabase { source in
            guard let backup = sqlite3_backup_init(handle, "main", source.sqliteConnection, "main") else {
                throw QueryError(message: Message(.sqliteSays, String(cString: sqlite3_errmsg(handle))))
            }
            sqlite3_backup_step(backup, -1)
            sqlite3_backup_finish(backup)
        }
        limits.install(on: db)
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        for statement in updates.values { sqlite3_finalize(statement) }
        for statement in selects.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(db)
    }

    /// The columns of data tables that `sql` reads, wherever in the statement (the select list,
    /// `WHERE`, `JOIN … ON`, `GROUP BY`, `ORDER BY`, a subquery), and for each result column the
    /// table column it is a plain copy of, if it is one. Nil when the statement does not compile
    /// (the query itself reports that).
    public func reads(_ sql: String) -> (columns: Set<TableColumn>, origins: [TableColumn?])? {
        let compiled = compileListening(sql, on: db) { statement -> [TableColumn?] in
            (0..<sqlite3_column_count(statement)).map { i -> TableColumn? in
                guard let table = sqlite3_column_table_name(statement, i), let column = sqlite3_column_origin_name(statement, i) else { return nil }
                return TableColumn(table: String(cString: table).lowercased(), column: String(cString: column).lowercased())
            }
        }
        guard let compiled else { return nil }
        return (compiled.reads.filter { !$0.column.isEmpty }, compiled.result)
    }

    /// Every cell of a column with its value (rows in load order).
    public func cells(of column: TableColumn) -> [(cell: BaseCell, value: Value)] {
        guard let statement = select(column) else { return [] }
        defer { sqlite3_reset(statement) }
        var out: [(BaseCell, Value)] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            out.append((BaseCell(table: column.table, column: column.column, row: sqlite3_column_int64(statement, 0)), DataStore.column(1, of: statement)))
        }
        return out
    }

    /// Sets one cell (a run of the page's queries follows, then the cell is set back).
    public func set(_ cell: BaseCell, to value: Value) {
        let key = TableColumn(table: cell.table, column: cell.column)
        let statement: OpaquePointer
        if let made = updates[key] {
            statement = made
        } else {
            var made: OpaquePointer?
            let sql = "UPDATE \(quoteIdentifier(cell.table)) SET \(quoteIdentifier(cell.column)) = ?1 WHERE \(rowid(of: cell.table)) = ?2"
            guard sqlite3_prepare_v2(db, sql, -1, &made, nil) == SQLITE_OK, let made else { sqlite3_finalize(made); return }
            updates[key] = made
            statement = made
        }
        DataStore.bind(value, at: 1, in: statement)
        sqlite3_bind_int64(statement, 2, cell.row)
        sqlite3_step(statement)
        sqlite3_reset(statement)
    }

    /// Runs a query as `DataStore.run` does (the same limits, the same values), on this copy.
    public func run(_ sql: String, parameters: [String: Value]) -> Result<QueryResult, QueryError> {
        let statement: OpaquePointer
        if let made = statements[sql] {
            statement = made
        } else {
            var made: OpaquePointer?
            guard sqlite3_prepare_v2(db, sql, -1, &made, nil) == SQLITE_OK, let made else {
                sqlite3_finalize(made)
                return .failure(QueryError(message: Message(.sqliteSays, String(cString: sqlite3_errmsg(db)))))
            }
            if statements.count >= 256 {
                for old in statements.values { sqlite3_finalize(old) }
                statements.removeAll()
            }
            statements[sql] = made
            statement = made
        }
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        let count = sqlite3_bind_parameter_count(statement)
        if count > 0 {
            for i in 1...count {
                guard let raw = sqlite3_bind_parameter_name(statement, i) else { continue }
                let name = String(String(cString: raw).dropFirst())
                guard let value = parameters[name] ?? parameters.first(where: { $0.key.lowercased() == name.lowercased() })?.value else { continue }
                DataStore.bind(value, at: i, in: statement)
            }
        }
        limits.arm()
        defer { limits.disarm() }
        return Result { () throws(QueryError) in try DataStore.result(of: statement) { message, _ in Message(.sqliteSays, message) } }
    }

    private func select(_ column: TableColumn) -> OpaquePointer? {
        if let made = selects[column] { return made }
        var made: OpaquePointer?
        let sql = "SELECT \(rowid(of: column.table)), \(quoteIdentifier(column.column)) FROM \(quoteIdentifier(column.table)) ORDER BY 1"
        guard sqlite3_prepare_v2(db, sql, -1, &made, nil) == SQLITE_OK, let made else { sqlite3_finalize(made); return nil }
        selects[column] = made
        return made
    }

    /// `rowid`, or `_rowid_` or `oid` when a column of the table takes that name.
    private func rowid(of table: String) -> String {
        if let name = rowidName[table] { return name }
        var columns = Set<String>()
        var statement: OpaquePointer?
        if sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1)", -1, &statement, nil) == SQLITE_OK, let statement {
            sqlite3_bind_text(statement, 1, table, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            while sqlite3_step(statement) == SQLITE_ROW { columns.insert(String(cString: sqlite3_column_text(statement, 0)).lowercased()) }
        }
        sqlite3_finalize(statement)
        let name = ["rowid", "_rowid_", "oid"].first { !columns.contains($0) } ?? "rowid"
        rowidName[table] = name
        return name
    }
}
