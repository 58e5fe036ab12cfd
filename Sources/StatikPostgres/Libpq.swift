import CLibpq
import Foundation
import StatikCore

/// One connection of libpq (`PGconn`), the PostgreSQL project's client library: what a
/// connection string, the `PG*` variables, `pg_service.conf` and `~/.pgpass` say is read by
/// libpq itself, TLS goes through the system's OpenSSL, Kerberos through GSSAPI.
///
/// libpq's calls block their thread until the server answers. A `LibpqConnection` is made, used
/// and closed on one thread that Statik started for it (`Blocking.run`), never on the Swift
/// concurrency pool. It is not `Sendable`: libpq allows a `PGconn` in one thread at a time, and
/// the type system keeps it in the closure that made it.
final class LibpqConnection {
    private var handle: OpaquePointer?
    /// The connection, until `close` (after which only `isOpen` and `close` may be called).
    private var connection: OpaquePointer { handle! }

    /// Connects with these settings (libpq's keywords; each given one overrides what the
    /// environment and a service file would say). Never nil: a failed connection is one whose
    /// `isOpen` is false and whose `errorText` is libpq's message.
    init(settings: [(String, String)]) {
        handle = CStrings.with(settings.map(\.0)) { keywords in
            CStrings.with(settings.map(\.1)) { values in
                PQconnectdbParams(keywords, values, 0)
            }
        }
        // The server's notices (NOTICE, WARNING) are not printed on standard error, as libpq
        // would: a build's output is Statik's.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit { close() }

    /// Closes the connection (`PQfinish`); nothing else may be asked of it afterwards but
    /// `isOpen`.
    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    var isOpen: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// libpq's message for the last failure, as libpq wrote it (its trailing newline removed).
    var errorText: String {
        String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the server asked for a password and none was given (libpq's
    /// `PQconnectionNeedsPassword`).
    var neededPassword: Bool { PQconnectionNeedsPassword(connection) == 1 }

    /// Where libpq connected, or tried to last: host (or a socket's folder) and port.
    var host: String? { PQhost(connection).map { String(cString: $0) } }
    var port: String? { PQport(connection).map { String(cString: $0) } }
    var user: String? { PQuser(connection).map { String(cString: $0) } }
    /// The password libpq used, from wherever it came (URL, PGPASSWORD, ~/.pgpass, a service),
    /// so that it can be taken out of any message.
    var password: String? { PQpass(connection).map { String(cString: $0) }.flatMap { $0.isEmpty ? nil : $0 } }

    /// Whether the connection is encrypted (TLS).
    var usesTLS: Bool { PQsslInUse(connection) == 1 }

    /// Runs SQL without parameters (one or more statements), nil when it succeeded, else the
    /// failure.
    @discardableResult
    func run(_ sql: String) -> LibpqFailure? {
        guard let result = PQexec(connection, sql) else { return LibpqFailure(connectionText: errorText) }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return nil
        default: return LibpqFailure(result, connectionText: errorText)
        }
    }

    /// Sends a query with its parameters bound (`$1`, … in text form, their types left to the
    /// server: `PQsendQueryParams`), asking for the results in binary form, and hands each row
    /// to `row` as it arrives (libpq's single-row mode, so that memory holds the rows taken, not
    /// the whole result). `row` returns false to take no more: the connection must then be
    /// closed, as the rest of the result may still be on its way. `columns` is called once, with
    /// the result's column names and types, before any row and also when there is none.
    func query(
        _ sql: String, parameters: [String?],
        columns: ([(name: String, type: UInt32)]) -> Void,
        row: (LibpqRow) -> Bool
    ) -> LibpqOutcome {
        let sent = CStrings.withOptional(parameters) { values in
            PQsendQueryParams(connection, sql, Int32(parameters.count), nil, values, nil, nil, 1)
        }
        guard sent == 1 else { return .failed(LibpqFailure(connectionText: errorText)) }
        PQsetSingleRowMode(connection)
        var described = false
        var failure: LibpqFailure?
        while let result = PQgetResult(connection) {
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            switch status {
            case PGRES_SINGLE_TUPLE, PGRES_TUPLES_OK:
                if !described {
                    described = true
                    columns((0..<PQnfields(result)).map { (String(cString: PQfname(result, $0)), PQftype(result, $0)) })
                }
                if status == PGRES_SINGLE_TUPLE && !row(LibpqRow(result: result)) {
                    return .stopped
                }
            case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
                if !described {
                    described = true
                    columns([])
                }
            default:
                if failure == nil { failure = LibpqFailure(result, connectionText: errorText) }
            }
        }
        if let failure { return .failed(failure) }
        return isOpen ? .done : .failed(LibpqFailure(connectionText: errorText))
    }
}

/// How a query ended.
enum LibpqOutcome {
    case done
    /// The row handler took no more (the connection must be closed).
    case stopped
    case failed(LibpqFailure)
}

/// One row of a result in single-row mode; its cells are valid while the handler runs.
struct LibpqRow {
    fileprivate let result: OpaquePointer

    var count: Int { Int(PQnfields(result)) }

    /// The cell's bytes (binary form), nil for NULL.
    func withCell<T>(_ column: Int, _ body: (UnsafeRawBufferPointer?) throws(PostgresValue.Problem) -> T) throws(PostgresValue.Problem) -> T {
        let column = Int32(column)
        if PQgetisnull(result, 0, column) == 1 { return try body(nil) }
        let length = Int(PQgetlength(result, 0, column))
        let start = UnsafeRawPointer(PQgetvalue(result, 0, column)!)
        return try body(UnsafeRawBufferPointer(start: start, count: length))
    }
}

/// A failed statement: the server's fields (SQLSTATE, message, hint, position), or libpq's own
/// text when the server said nothing (the connection was lost).
struct LibpqFailure: Error {
    var sqlState: String?
    var message: String
    var hint: String?
    /// 1-based, in characters of the statement as sent.
    var position: Int?

    init(connectionText: String) {
        message = connectionText
    }

    init(_ result: OpaquePointer, connectionText: String) {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        sqlState = field(Int32(UInt8(ascii: "C")))  // PG_DIAG_SQLSTATE
        message = field(Int32(UInt8(ascii: "M"))) ?? connectionText  // PG_DIAG_MESSAGE_PRIMARY
        hint = field(Int32(UInt8(ascii: "H")))  // PG_DIAG_MESSAGE_HINT
        position = field(Int32(UInt8(ascii: "P"))).flatMap { Int($0) }  // PG_DIAG_STATEMENT_POSITION
    }
}

/// Runs blocking work (libpq's calls) on a thread of its own, so that no thread of the Swift
/// concurrency pool (one per core) waits for a server: a build's other work goes on meanwhile.
enum Blocking {
    static func run<T: Sendable>(name: String, _ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            let thread = Thread {
                continuation.resume(returning: work())
            }
            thread.name = name
            thread.start()
        }
    }
}

/// C strings for libpq's arrays of keywords, values and parameters, freed after the call.
enum CStrings {
    /// `strings` as a NULL-terminated array of C strings.
    static func with<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
        defer { for copy in copies { free(copy) } }
        return copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// `strings` as an array of C strings, nil for SQL NULL.
    static func withOptional<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        guard !strings.isEmpty else { return body(nil) }
        let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
        defer { for copy in copies { free(copy) } }
        return copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
