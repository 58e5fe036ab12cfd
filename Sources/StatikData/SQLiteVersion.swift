internal import GRDBSQLite

/// The version of the SQLite library Statik runs with (`statik --version`).
public enum SQLiteLibrary {
    public static var version: String { String(cString: sqlite3_libversion()) }
}
