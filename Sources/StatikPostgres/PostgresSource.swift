import Foundation
import StatikCore
public import StatikData
import Synchronization

/// A PostgreSQL server (or anything that speaks its protocol: Citus and the like) as a source
/// of page queries (docs/data-sources.md), through libpq.
///
/// All of a build's queries come at once (`run`). They go over a small pool of connections
/// (`connections`, 4 by default; never more than there are queries), each a thread of its own
/// (libpq blocks while it waits for the server) that connects, then takes the next query until
/// none is left. Each connection is `default_transaction_read_only` and runs its queries in one
/// read-only transaction (`BEGIN TRANSACTION READ ONLY`, started again after a query fails,
/// rolled back at the end, so that nothing a query sets outlives it), with the server's
/// `statement_timeout` at the build's time limit. A query is one round trip
/// (`PQsendQueryParams`: the extended protocol's Parse, Bind, Execute and Sync), its
/// parameters bound as values in text form, their types inferred by the server from where they
/// stand, as SQLite takes them; its rows come in binary form, one at a time, and no more than
/// `QueryBounds.maxRows` are taken.
public final class PostgresSource: DataSource, DataSourceKind {
    public static let key = "postgres"

    public let name: String
    public let variable: String
    public let address: PostgresAddress
    /// Connections at most.
    public let connections: Int
    /// The server stops a query that runs longer (`statement_timeout`).
    public let timeLimit: Duration
    private let counters = Mutex<(opened: Int, queries: Int)>((0, 0))

    /// How many connections were opened and queries sent, for the tests and `--timings`.
    public var statistics: (opened: Int, queries: Int) { counters.withLock { $0 } }

    public init(name: String, address: PostgresAddress, variable: String, connections: Int = 4, timeLimit: Duration = QueryBounds.timeLimit) {
        self.name = name
        self.address = address
        self.variable = variable
        self.connections = max(1, connections)
        self.timeLimit = timeLimit
    }

    public static func open(name: String, address: String, variable: String) throws(SourceError) -> any DataSource {
        PostgresSource(name: name, address: try PostgresAddress.parse(address, variable: variable), variable: variable)
    }

    public func close() async {}

    public func run(_ queries: [SourceQuery]) async throws(SourceError) -> [Result<QueryResult, QueryError>] {
        guard !queries.isEmpty else { return [] }
        let width = min(connections, queries.count)
        let work = Work(count: queries.count)
        // Each connection on a thread of its own. A connection takes a query only once it is
        // open, so a source that cannot be reached runs none and is one error (the first
        // connection's); one that refuses a fifth connection still gets its queries run by the
        // other four.
        let failures = await withTaskGroup(of: Message?.self) { group in
            for id in 0..<width {
                group.addTask {
                    await Blocking.run(name: "statik-postgres-\(id)") { self.serve(queries, work: work) }
                }
            }
            var all: [Message?] = []
            for await failure in group { all.append(failure) }
            return all
        }
        if let failure = failures.first(where: { $0 != nil }) ?? nil, failures.allSatisfy({ $0 != nil }) {
            throw SourceError(failure)
        }
        counters.withLock { $0.queries += queries.count }
        return work.results.withLock { $0.map { $0 ?? .failure(QueryError(message: Message(.queryWasNotRun))) } }
    }

    /// One connection's work, on its own thread: connect, then queries until none is left. Nil
    /// when it connected, else why not.
    private func serve(_ queries: [SourceQuery], work: Work) -> Message? {
        var current: Session
        switch connect() {
        case .success(let opened): current = opened
        case .failure(let failure): return failure.message
        }
        var usable = true
        while true {
            let index = work.next.withLock { value -> Int in
                defer { value += 1 }
                return value
            }
            guard index < queries.count else { break }
            if !usable {
                // The last query left the connection unusable (too many rows, or the server
                // closed it): a new one for this query.
                switch connect() {
                case .success(let opened):
                    current = opened
                    usable = true
                case .failure(let failure):
                    work.results.withLock { $0[index] = .failure(QueryError(message: failure.message)) }
                    continue
                }
            }
            let result: Result<QueryResult, QueryError>
            (result, usable) = current.execute(queries[index], source: self)
            work.results.withLock { $0[index] = result }
            if !usable { current.close() }
        }
        current.finish()
        return nil
    }

    private struct ConnectFailure: Error { var message: Message }

    private func connect() -> Result<Session, ConnectFailure> {
        let connection = LibpqConnection(settings: address.connectionSettings())
        guard connection.isOpen else { return .failure(ConnectFailure(message: explainConnection(connection))) }
        let milliseconds = max(1, timeLimit.components.seconds * 1000 + timeLimit.components.attoseconds / 1_000_000_000_000_000)
        // The session's settings (for the session, so that a connection string's or PGOPTIONS's
        // `options` are kept): read-only, the time limit, dates and times as PostgreSQL writes
        // them in UTC, floating-point numbers to their last digit.
        let setUp = """
            SET default_transaction_read_only = on; SET statement_timeout = \(milliseconds);
            SET "DateStyle" = 'ISO, YMD'; SET "TimeZone" = 'UTC'; SET extra_float_digits = 3
            """
        if let failure = connection.run(setUp) {
            return .failure(ConnectFailure(message: Message(.pgRefusedConnection, at(connection), redact(failure.message, connection))))
        }
        counters.withLock { $0.opened += 1 }
        return .success(Session(connection: connection))
    }

    /// A connection and its transaction.
    private final class Session {
        let connection: LibpqConnection
        var inTransaction = false

        init(connection: LibpqConnection) { self.connection = connection }

        /// One query: refused unless it reads; rows typed as the CSV loader types cells. Also
        /// whether the connection can take the next query.
        func execute(_ query: SourceQuery, source: PostgresSource) -> (Result<QueryResult, QueryError>, usable: Bool) {
            guard QueryBounds.isQuery(query.sql, dialect: .postgres) else {
                return (.failure(QueryError(message: QueryBounds.writeRefusedMessage, offset: 0)), true)
            }
            let (text, names, back) = SourceSQL.numbered(query.sql)
            var parameters: [String?] = []
            for name in names {
                let value = query.parameters[name] ?? query.parameters.first { $0.key.lowercased() == name.lowercased() }?.value ?? .null
                switch value {
                case .null: parameters.append(nil)
                case .integer(let i): parameters.append(String(i))
                case .real(let d): parameters.append(d.isFinite ? "\(d)" : (d.isNaN ? "NaN" : (d < 0 ? "-Infinity" : "Infinity")))
                case .text(let s):
                    // libpq's parameters are C strings, and PostgreSQL's text cannot hold NUL.
                    guard !s.utf8.contains(0) else { return (.failure(QueryError(message: Message(.pgNulInParameter))), true) }
                    parameters.append(s)
                }
            }
            if !inTransaction {
                if let failure = connection.run("BEGIN TRANSACTION READ ONLY") {
                    return (.failure(source.explainQuery(failure, sql: text, back: { $0 }, connection: connection)), connection.isOpen)
                }
                inTransaction = true
            }
            var columns: [String] = []
            var types: [UInt32] = []
            var rows: [[Value]] = []
            var problem: Message?
            let outcome = connection.query(text, parameters: parameters, columns: { described in
                columns = described.map(\.name)
                types = described.map(\.type)
            }, row: { row in
                if rows.count == QueryBounds.maxRows {
                    problem = QueryBounds.tooManyRowsMessage
                    return false
                }
                var typed: [Value] = []
                typed.reserveCapacity(columns.count)
                do throws(PostgresValue.Problem) {
                    for column in 0..<row.count {
                        typed.append(try row.withCell(column) { bytes throws(PostgresValue.Problem) in
                            try PostgresValue.value(of: bytes, type: types[column], column: columns[column])
                        })
                    }
                } catch {
                    problem = error.message
                    return false
                }
                rows.append(typed)
                return true
            })
            switch outcome {
            case .done:
                return (.success(QueryResult(columns: columns, rows: rows)), true)
            case .stopped:
                // The rest of the result may still be coming: this connection is closed, its
                // transaction with it.
                return (.failure(QueryError(message: problem ?? Message(.queryWasNotRun))), false)
            case .failed(let failure):
                // The transaction is aborted: a new one for the next query.
                if connection.isOpen { connection.run("ROLLBACK") }
                inTransaction = false
                return (.failure(source.explainQuery(failure, sql: text, back: back, connection: connection)), connection.isOpen)
            }
        }

        func finish() {
            if inTransaction && connection.isOpen { connection.run("ROLLBACK") }
            connection.close()
        }

        /// Closes the connection now (the server stops sending what is left of a result).
        func close() { connection.close() }
    }

    /// A failed query in words: the server's message (and hint), where in the SQL it was.
    func explainQuery(_ failure: LibpqFailure, sql: String, back: (Int) -> Int, connection: LibpqConnection) -> QueryError {
        guard let state = failure.sqlState else {
            if !connection.isOpen { return QueryError(message: Message(.sourceClosedConnectionWhileQuery, name)) }
            return QueryError(message: Message(.pgQueryFailed, name, redact(failure.message, connection)))
        }
        let server = redact(failure.message, connection)
        // The server's own words are in its language (English here); Statik's frame is the
        // writer's.
        let message: Message
        switch state {
        case "57014":
            message = Message(.pgTimeout, timeLimit.components.seconds, name)
        case "25006":
            message = Message(.pgWriteRefused, name, server)
        case "22021" where server.contains("0x00"):
            message = Message(.pgNulInParameter)
        default:
            message = Message(.pgServerSays, failure.hint.map { server + "; " + redact($0, connection) } ?? server)
        }
        var offset: Int?
        if let position = failure.position, position > 0 {
            offset = back(Self.utf8Offset(ofCharacter: position - 1, in: sql))
        }
        return QueryError(message: message, offset: offset)
    }

    /// "the source 'statistik' (STATIK_STATISTIK_URL) at db:5432": where libpq connected or
    /// tried to last (from the string, the PG* variables or a service).
    private func at(_ connection: LibpqConnection) -> Message {
        let place = connection.host.map { PostgresAddress.place(host: $0, port: connection.port, service: nil) } ?? "\(address)"
        return Message(.pgSourceAt, name, variable, place)
    }

    /// Why the source could not be used, in one sentence that names it, never the password.
    /// libpq says it in English (its messages are translated only for a program that sets its
    /// locale); Statik's frame is in the writer's language, and what libpq says of TLS,
    /// Kerberos (GSSAPI) and anything Statik does not recognise is passed on whole.
    func explainConnection(_ connection: LibpqConnection) -> Message {
        let at = at(connection)
        let said = redact(connection.errorText, connection)
        let lower = said.lowercased()
        // The server's words after libpq's "connection to server at … failed: FATAL:  ".
        let server = said.range(of: "FATAL:").map { said[$0.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines) } ?? said
        if lower.contains("gssapi") || lower.contains("kerberos") || lower.contains("sspi") {
            return Message(.pgLibpqSays, at, said, variable)
        }
        if connection.neededPassword {
            return Message(.pgNeedsPassword, at, variable)
        }
        if lower.contains("password authentication failed") || lower.contains("authentication failed for user") || (lower.contains("role \"") && lower.contains("does not exist")) {
            return Message(.pgRefusedUser, at, connection.user ?? address.user ?? "", server, variable)
        }
        if lower.contains("database \"") && lower.contains("does not exist") {
            return Message(.pgNoDatabase, at, server, variable)
        }
        if lower.contains("server does not support ssl, but ssl was required") {
            return Message(.pgNoTLS, at, address.sslMode.rawValue)
        }
        if lower.contains("ssl") || lower.contains("certificate") || lower.contains("tls") {
            return Message(.pgTLSHandshakeFailed, at, said, variable)
        }
        if lower.contains("connection refused") {
            return Message(.pgCannotBeReached, at, Message(.pgConnectionRefused), variable)
        }
        if lower.contains("timeout expired") {
            return Message(.pgCannotBeReached, at, Message(.pgNoAnswerInTime), variable)
        }
        if lower.contains("could not translate host name") {
            return Message(.pgCannotBeReached, at, Message(.pgNoSuchHost), variable)
        }
        if lower.contains("no such file or directory") {
            return Message(.pgCannotBeReached, at, Message(.pgNoServerOnSocket), variable)
        }
        if lower.contains("network is unreachable") || lower.contains("no route to host") {
            return Message(.pgCannotBeReached, at, Message(.pgNetworkUnreachable), variable)
        }
        if said.contains("FATAL:") {
            return Message(.pgRefusedConnection, at, server)
        }
        return Message(.pgLibpqSays, at, said, variable)
    }

    /// A message with the passwords taken out, in case a server or a library repeats one: the
    /// string's and the one libpq used (PGPASSWORD, ~/.pgpass, a service).
    func redact(_ message: String, _ connection: LibpqConnection? = nil) -> String {
        var message = message
        for password in Set([address.password, connection?.password].compactMap { $0 }) where password.count >= 3 {
            message = message.replacingOccurrences(of: password, with: "********")
        }
        return message
    }

    static func utf8Offset(ofCharacter index: Int, in text: String) -> Int {
        var offset = 0
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if i == index { return offset }
            offset += String(scalar).utf8.count
        }
        return offset
    }
}

/// The queries the connections share: the next to take, and the answers.
private final class Work: Sendable {
    let next = Mutex(0)
    let results: Mutex<[Result<QueryResult, QueryError>?]>
    init(count: Int) { results = Mutex(Array(repeating: nil, count: count)) }
}
