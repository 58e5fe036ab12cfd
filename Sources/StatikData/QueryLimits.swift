import StatikCore
internal import GRDBSQLite
internal import Synchronization

/// Bounds on one query, so that no page can hang or exhaust the build: a recursive query that
/// never ends is stopped after `timeLimit`, and a result may have at most `maxRows` rows.
///
/// SQLite calls the progress handler every few thousand virtual-machine steps; past the
/// deadline it answers 1, and SQLite stops the statement with SQLITE_INTERRUPT.
final class QueryLimits: Sendable {
    static let timeLimit = Duration.seconds(10)
    static let maxRows = 100_000

    static let timeoutMessage = Message(.queryRanMoreThanSeconds, timeLimit.components.seconds)
    static let tooManyRowsMessage = Message(.queryReturnsMoreThanRows, maxRows)

    private let deadline = Mutex<ContinuousClock.Instant?>(nil)

    /// Lets the handler on `connection` see this object (which lives as long as its store).
    func install(on connection: OpaquePointer?) {
        sqlite3_progress_handler(connection, 10_000, { context in
            guard let context else { return 0 }
            return Unmanaged<QueryLimits>.fromOpaque(context).takeUnretainedValue().expired ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Starts the clock for one query; the answer stops it when released.
    func arm() { deadline.withLock { $0 = ContinuousClock.now + Self.timeLimit } }
    func disarm() { deadline.withLock { $0 = nil } }

    private var expired: Bool {
        deadline.withLock { $0.map { ContinuousClock.now > $0 } ?? false }
    }
}

extension QueryLimits {
    /// A query block is a SELECT (`WITH … SELECT`, `VALUES`): SQLite counts ATTACH, DETACH and
    /// PRAGMA as read-only too, but they would let a page open other database files on the
    /// build machine or change the shared connection for every other page.
    static func isQuery(_ sql: String, dialect: SQLDialect = .sqlite) -> Bool {
        let first = SQLLexer.tokens(in: sql, dialect: dialect).first { $0.kind != .comment && !($0.kind == .punctuation && $0.text == "(") }
        return first.map { $0.isKeyword("SELECT") || $0.isKeyword("WITH") || $0.isKeyword("VALUES") } ?? false
    }
}
