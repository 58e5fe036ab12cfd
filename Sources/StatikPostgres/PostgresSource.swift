import Foundation
import Logging
import PostgresNIO
import StatikCore
public import StatikData
import Synchronization

/// A PostgreSQL server (or anything that speaks its protocol: Citus and the like) as a source
/// of page queries (README, "Data sources").
///
/// All of a build's queries come at once (`run`). They go over a small pool of connections
/// (`connections`, 4 by default; never more than there are queries), each connection in one
/// read-only transaction (`BEGIN TRANSACTION READ ONLY`, started again after a query fails,
/// rolled back at the end, so that nothing a query sets outlives it) with the server's
/// `statement_timeout` set to the build's time limit. A query is one round trip (the extended
/// protocol's Parse, Bind, Execute and Sync, pipelined), its parameters bound as values in text
/// form, their types inferred by the server from where they stand, as SQLite takes them.
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

    private static let logger = Logger(label: "statik.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    public func run(_ queries: [SourceQuery]) async throws(SourceError) -> [Result<QueryResult, QueryError>] {
        guard !queries.isEmpty else { return [] }
        let width = min(connections, queries.count)
        // Connections first, all at once: a source that cannot be reached is one error.
        let opened: [PostgresConnection]
        do {
            opened = try await withThrowingTaskGroup(of: PostgresConnection.self) { group in
                for id in 0..<width {
                    group.addTask { try await self.connect(id: id) }
                }
                var all: [PostgresConnection] = []
                do {
                    for try await connection in group { all.append(connection) }
                } catch {
                    for connection in all { try? await connection.close() }
                    throw error
                }
                return all
            }
        } catch {
            throw SourceError(explainConnection(error))
        }
        counters.withLock { $0.opened += opened.count }
        let work = Work(count: queries.count)
        await withTaskGroup(of: Void.self) { group in
            for connection in opened {
                group.addTask {
                    var inTransaction = false
                    while true {
                        let index = work.next.withLock { value -> Int in
                            defer { value += 1 }
                            return value
                        }
                        guard index < queries.count else { break }
                        if !inTransaction {
                            do {
                                try await connection.query("BEGIN TRANSACTION READ ONLY", logger: Self.logger)
                                inTransaction = true
                            } catch {
                                work.results.withLock { $0[index] = .failure(QueryError(message: self.explainQuery(error, back: { $0 }).message)) }
                                continue
                            }
                        }
                        let result = await self.execute(queries[index], on: connection)
                        if case .failure = result {
                            // The transaction is aborted: a new one for the next query.
                            _ = try? await connection.query("ROLLBACK", logger: Self.logger)
                            inTransaction = false
                        }
                        work.results.withLock { $0[index] = result }
                    }
                    if inTransaction { _ = try? await connection.query("ROLLBACK", logger: Self.logger) }
                    try? await connection.close()
                }
            }
        }
        counters.withLock { $0.queries += queries.count }
        return work.results.withLock { $0.map { $0 ?? .failure(QueryError(message: Message(.queryWasNotRun))) } }
    }

    private func connect(id: Int) async throws -> PostgresConnection {
        var configuration: PostgresConnection.Configuration
        let tls = try tlsSetting()
        if let folder = address.socketFolder {
            configuration = .init(unixSocketPath: "\(folder)/.s.PGSQL.\(address.port)", username: address.user, password: address.password, database: address.database)
        } else {
            configuration = .init(host: address.host, port: address.port, username: address.user, password: address.password, database: address.database, tls: tls)
        }
        configuration.options.connectTimeout = .nanoseconds(Int64(address.connectTimeout.components.seconds) * 1_000_000_000)
        let milliseconds = timeLimit.components.seconds * 1000 + timeLimit.components.attoseconds / 1_000_000_000_000_000
        configuration.options.additionalStartupParameters = [
            ("application_name", "statik"),
            ("default_transaction_read_only", "on"),
            ("statement_timeout", "\(max(1, milliseconds))"),
            ("DateStyle", "ISO, YMD"),
            ("TimeZone", "UTC"),
            ("client_encoding", "UTF8"),
        ]
        return try await PostgresConnection.connect(configuration: configuration, id: id, logger: Self.logger)
    }

    private func tlsSetting() throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch address.sslMode {
        case .disable:
            return .disable
        case .allow, .prefer, .require:
            // libpq encrypts but does not check the certificate in these modes.
            configuration.certificateVerification = .none
        case .verifyCA:
            configuration.certificateVerification = .noHostnameVerification
        case .verifyFull:
            configuration.certificateVerification = .fullVerification
        }
        if let file = address.sslRootCert {
            configuration.trustRoots = .file(file)
        }
        let context = try NIOSSLContext(configuration: configuration)
        return address.sslMode == .allow || address.sslMode == .prefer ? .prefer(context) : .require(context)
    }

    /// One query: refused unless it reads; rows typed as the CSV loader types cells.
    private func execute(_ query: SourceQuery, on connection: PostgresConnection) async -> Result<QueryResult, QueryError> {
        guard QueryBounds.isQuery(query.sql, dialect: .postgres) else {
            return .failure(QueryError(message: QueryBounds.writeRefusedMessage, offset: 0))
        }
        let (text, names, back) = SourceSQL.numbered(query.sql)
        var binds = PostgresBindings(capacity: names.count)
        for name in names {
            let value = query.parameters[name] ?? query.parameters.first { $0.key.lowercased() == name.lowercased() }?.value ?? .null
            switch value {
            case .null: binds.appendNull()
            case .integer(let i): binds.append(TextParameter(text: String(i)))
            case .real(let d): binds.append(TextParameter(text: d.isFinite ? "\(d)" : (d.isNaN ? "NaN" : (d < 0 ? "-Infinity" : "Infinity"))))
            case .text(let s): binds.append(TextParameter(text: s))
            }
        }
        do {
            let rows = try await connection.query(PostgresQuery(unsafeSQL: text, binds: binds), logger: Self.logger)
            var columns: [String] = []
            var values: [[Value]] = []
            for try await row in rows {
                if values.count == QueryBounds.maxRows {
                    return .failure(QueryError(message: QueryBounds.tooManyRowsMessage))
                }
                if columns.isEmpty { columns = row.map(\.columnName) }
                var typed: [Value] = []
                typed.reserveCapacity(columns.count)
                for cell in row { typed.append(try PostgresValue.value(of: cell)) }
                values.append(typed)
            }
            if values.isEmpty {
                columns = try await columnNames(of: text, binds: binds, on: connection)
            }
            return .success(QueryResult(columns: columns, rows: values))
        } catch let error as PostgresValue.Problem {
            return .failure(QueryError(message: error.message))
        } catch {
            return .failure(explainQuery(error, back: back))
        }
    }

    /// The columns of a query that returned no rows (postgres-nio tells a row's column names
    /// only with a row): the query joined to one row, so that it gives one row of NULLs.
    private func columnNames(of text: String, binds: PostgresBindings, on connection: PostgresConnection) async throws -> [String] {
        let wrapped = "SELECT statik_q.* FROM (VALUES (1)) AS statik_one(x) LEFT JOIN LATERAL (\n\(text)\n) AS statik_q ON true"
        let rows = try await connection.query(PostgresQuery(unsafeSQL: wrapped, binds: binds), logger: Self.logger)
        for try await row in rows { return row.map(\.columnName) }
        return []
    }

    /// A failed query in words: the server's message (and hint), where in the SQL it was.
    func explainQuery(_ error: any Error, back: (Int) -> Int) -> QueryError {
        guard let psql = error as? PSQLError else { return QueryError(message: Message(.pgServerSays, redact("\(error)"))) }
        if let info = psql.serverInfo {
            let state = info[.sqlState] ?? ""
            let server = redact(info[.message] ?? "")
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
                message = Message(.pgServerSays, info[.hint].map { server + "; " + redact($0) } ?? server)
            }
            var offset: Int?
            if let position = info[.position].flatMap(Int.init), position > 0 {
                offset = back(Self.utf8Offset(ofCharacter: position - 1, in: psql.query?.sql ?? ""))
            }
            return QueryError(message: message, offset: offset)
        }
        if psql.code == .serverClosedConnection || psql.code == .clientClosedConnection || psql.code == .uncleanShutdown {
            return QueryError(message: Message(.sourceClosedConnectionWhileQuery, name))
        }
        return QueryError(message: Message(.pgQueryFailed, name, "\(psql.code)"))
    }

    /// Why the source could not be used, in one sentence that names it, never the password.
    func explainConnection(_ error: any Error) -> Message {
        let at = Message(.pgSourceAt, name, variable, "\(address)")
        if let psql = error as? PSQLError {
            if let info = psql.serverInfo {
                let state = info[.sqlState] ?? ""
                let message = redact(info[.message] ?? "")
                switch state {
                case "28P01", "28000":
                    return Message(.pgRefusedUser, at, address.user, message, variable)
                case "3D000":
                    return Message(.pgNoDatabase, at, message, variable)
                default:
                    return Message(.pgRefusedConnection, at, message)
                }
            }
            switch psql.code {
            case .authMechanismRequiresPassword:
                return Message(.pgNeedsPassword, at, variable)
            case .sslUnsupported:
                return Message(.pgNoTLS, at, address.sslMode.rawValue)
            case .failedToAddSSLHandler:
                return Message(.pgTLSNotSetUp, at, variable)
            case .connectionError:
                return Message(.pgCannotBeReached, at, Self.reason(psql.underlying), variable)
            default:
                if let underlying = psql.underlying, String(describing: underlying).contains("SSL") || String(describing: type(of: underlying)).contains("SSL") {
                    return Message(.pgTLSHandshakeFailed, at, redact(String(describing: underlying).prefix(120).description), variable)
                }
                return Message(.pgCannotBeUsed, at, "\(psql.code)", variable)
            }
        }
        if String(describing: type(of: error)).contains("SSL") {
            return Message(.pgTLSHandshakeFailed, at, redact(String(describing: error).prefix(120).description), variable)
        }
        return Message(.pgCannotBeReached, at, Self.reason(error), variable)
    }

    /// What went wrong underneath, in a few words (not a stack of NIO errors).
    static func reason(_ error: (any Error)?) -> Message {
        guard let error else { return Message(.pgNoAnswer) }
        let text = String(describing: error).lowercased()
        if text.contains("refused") { return Message(.pgConnectionRefused) }
        if text.contains("timed out") || text.contains("timeout") { return Message(.pgNoAnswerInTime) }
        if text.contains("unknown host") || text.contains("name or service") || text.contains("nodename") || text.contains("resolve") || text.contains("no address") {
            return Message(.pgNoSuchHost)
        }
        if text.contains("no such file") { return Message(.pgNoServerOnSocket) }
        if text.contains("unreachable") { return Message(.pgNetworkUnreachable) }
        return Message(.pgConnectionFailed)
    }

    /// A message with the password taken out, in case a server or a library repeats it.
    func redact(_ message: String) -> String {
        guard let password = address.password, password.count >= 3 else { return message }
        return message.replacingOccurrences(of: password, with: "********")
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

/// A parameter in PostgreSQL's text form, its type left for the server to infer from where it
/// stands (type 0): `region = $1` compares with the column's own type, as SQLite would.
struct TextParameter: PostgresDynamicTypeEncodable {
    var text: String
    var psqlType: PostgresDataType { .null }
    var psqlFormat: PostgresFormat { .text }
    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeString(text)
    }
}
