import Foundation
public import StatikData
import StatikCore

/// Where a PostgreSQL source is and how to reach it, read from a `postgres://` URL as libpq
/// reads one (postgres-nio has no URL initialiser; postgres-kit parses them the same way):
///
///     postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=require&sslrootcert=/path/ca.pem
///     postgres://USER@/DATABASE?host=/var/run/postgresql        (a Unix socket's folder)
///
/// Parts are percent-decoded. The password is kept only to log in: `description` leaves it out.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host = "localhost"
    public var port = 5432
    /// The folder of a Unix socket (`host=/var/run/postgresql`), instead of host and port.
    public var socketFolder: String?
    public var user = ""
    public var password: String?
    public var database: String?
    public var sslMode = SSLMode.prefer
    /// A file of trusted certificates (PEM) for verify-ca and verify-full.
    public var sslRootCert: String?
    public var connectTimeout: Duration = .seconds(10)

    /// Where it is, without the password: what messages may say.
    public var description: String {
        if let socketFolder { return "\(socketFolder)/.s.PGSQL.\(port)" }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Reads a URL. The error never repeats the URL (it may hold a password).
    public static func parse(_ text: String, variable: String) throws(SourceError) -> PostgresAddress {
        func problem(_ what: Message) -> SourceError {
            SourceError(Message(.notPostgresqlUrlWritePostgres, variable, what))
        }
        var rest = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        guard let scheme = rest.range(of: "://") else { throw problem(Message(.pgUrlNoScheme)) }
        guard ["postgres", "postgresql"].contains(rest[..<scheme.lowerBound].lowercased()) else {
            throw problem(Message(.pgUrlWrongScheme))
        }
        rest = rest[scheme.upperBound...]
        var address = PostgresAddress()
        var query = Substring("")
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        var authority = rest
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            let name = rest[rest.index(after: slash)...]
            if !name.isEmpty {
                guard let decoded = String(name).removingPercentEncoding else { throw problem(Message(.pgUrlDatabaseEncoding)) }
                address.database = decoded
            }
        }
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                guard let password = String(userInfo[userInfo.index(after: colon)...]).removingPercentEncoding else {
                    throw problem(Message(.pgUrlPasswordEncoding))
                }
                address.password = password
                guard let user = String(userInfo[..<colon]).removingPercentEncoding else { throw problem(Message(.pgUrlUserEncoding)) }
                address.user = user
            } else {
                guard let user = String(userInfo).removingPercentEncoding else { throw problem(Message(.pgUrlUserEncoding)) }
                address.user = user
            }
        }
        var hostPart = authority
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else { throw problem(Message(.pgUrlIPv6)) }
            address.host = String(hostPart[hostPart.index(after: hostPart.startIndex)..<close])
            hostPart = hostPart[hostPart.index(after: close)...]
            if hostPart.hasPrefix(":") {
                guard let port = Int(hostPart.dropFirst()), (1...65535).contains(port) else { throw problem(Message(.pgUrlPort)) }
                address.port = port
            }
        } else if !hostPart.isEmpty {
            if let colon = hostPart.lastIndex(of: ":") {
                guard let port = Int(hostPart[hostPart.index(after: colon)...]), (1...65535).contains(port) else { throw problem(Message(.pgUrlPort)) }
                address.port = port
                hostPart = hostPart[..<colon]
            }
            if !hostPart.isEmpty {
                guard let host = String(hostPart).removingPercentEncoding else { throw problem(Message(.pgUrlHostEncoding)) }
                if host.hasPrefix("/") { address.socketFolder = host } else { address.host = host }
            }
        }
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(parts[0]).removingPercentEncoding ?? String(parts[0])
            let value = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? String(parts[1])) : ""
            switch key {
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    throw problem(Message(.pgUrlSSLMode, value, SSLMode.allCases.map(\.rawValue)))
                }
                address.sslMode = mode
            case "sslrootcert": address.sslRootCert = value
            case "host":
                if value.hasPrefix("/") { address.socketFolder = value } else { address.host = value }
            case "port":
                guard let port = Int(value), (1...65535).contains(port) else { throw problem(Message(.pgUrlPortSetting, value)) }
                address.port = port
            case "user": address.user = value
            case "password": address.password = value
            case "dbname": address.database = value
            case "connect_timeout":
                guard let seconds = Int(value), seconds > 0 else { throw problem(Message(.pgUrlTimeout, value)) }
                address.connectTimeout = .seconds(seconds)
            case "application_name", "options", "target_session_attrs", "sslcompression":
                break  // accepted; Statik names itself and needs none of these
            default:
                throw problem(Message(.pgUrlUnknownSetting, key))
            }
        }
        if address.user.isEmpty {
            address.user = ProcessInfo.processInfo.environment["PGUSER"] ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        }
        if address.password == nil, let password = ProcessInfo.processInfo.environment["PGPASSWORD"] {
            address.password = password
        }
        return address
    }
}
