import StatikCore
internal import GRDBSQLite
internal import Synchronization

/// Which data tables a statement reads, as SQLite itself says while it compiles the statement
/// (the authorizer's `SQLITE_READ`): every way SQL can name a table — `d`, `main.d`, `"d"`,
/// `'d'` (SQLite takes a string there as a name), `x IN d`, a parenthesized join, a subquery —
/// with no rule of Statik's own between a table and disclosure control.
///
/// On a connection of its own that holds the tables' columns and no rows: compiling costs
/// microseconds and reads nothing.
// @unchecked Sendable: the connection is used only under `lock`, one statement at a time.
final class TableReads: @unchecked Sendable {
    private let db: OpaquePointer
    /// The answers so far, by SQL text: the pages made from one file ask about the same
    /// statements (10 000 of them compiled the same one, waiting in turn for the lock: 1 % of
    /// a data site's build). At most `remembered` texts are kept.
    private let lock = Mutex<[String: Set<String>?]>([:])
    static let remembered = 4096

    /// `tables`: each table's name and its columns.
    init?(tables: [(name: String, columns: [String])]) {
        var handle: OpaquePointer?
        guard sqlite3_open_v2(":memory:", &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let handle else {
            if let handle { sqlite3_close_v2(handle) }
            return nil
        }
        db = handle
        for (name, columns) in tables {
            let list = columns.isEmpty ? "\"\"" : columns.map(quoteIdentifier).joined(separator: ", ")
            guard sqlite3_exec(handle, "CREATE TABLE \(quoteIdentifier(name)) (\(list))", nil, nil, nil) == SQLITE_OK else { return nil }
        }
    }

    deinit { sqlite3_close_v2(db) }

    /// The tables (lower case) `sql` reads; nil when it does not compile (the query itself
    /// reports why when it runs).
    func tables(_ sql: String) -> Set<String>? {
        lock.withLock { known in
            if let answer = known[sql] { return answer }
            let answer = compileListening(sql, on: db) { _ in () }.map { Set($0.reads.map(\.table)) }
            if known.count < Self.remembered { known[sql] = answer }
            return answer
        }
    }
}

/// Collects the authorizer's reports while a statement compiles.
private final class Heard {
    var reads = Set<TableColumn>()
}

/// Compiles `sql` on `db` while SQLite's authorizer tells what it reads (`SQLITE_READ`: each table
/// and column, lower case; the column empty where a table is read without one, as by
/// `count(*)`), and gives `body` the compiled statement. Nil when it does not compile. The one
/// place Statik asks SQLite what a statement reads (LineageProbe.reads, TableReads).
func compileListening<T>(_ sql: String, on db: OpaquePointer, _ body: (OpaquePointer) -> T) -> (reads: Set<TableColumn>, result: T)? {
    let heard = Heard()
    let context = Unmanaged.passUnretained(heard).toOpaque()
    sqlite3_set_authorizer(db, { context, action, first, second, _, _ in
        guard action == SQLITE_READ, let context, let first else { return SQLITE_OK }
        let column = second.map { String(cString: $0).lowercased() } ?? ""
        Unmanaged<Heard>.fromOpaque(context).takeUnretainedValue().reads.insert(TableColumn(table: String(cString: first).lowercased(), column: column))
        return SQLITE_OK
    }, context)
    defer { sqlite3_set_authorizer(db, nil, nil) }
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
        sqlite3_finalize(statement)
        return nil
    }
    defer { sqlite3_finalize(statement) }
    let result = body(statement)
    return (heard.reads, result)
}
