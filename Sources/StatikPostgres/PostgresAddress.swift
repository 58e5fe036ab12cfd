import CLibpq
import Foundation
public import StatikData
import StatikCore

/// Where a PostgreSQL source is and how to reach it: a libpq connection string, read by libpq
/// itself (`PQconninfoParse`), in either of its forms:
///
///     postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=verify-full&sslrootcert=/path/ca.pem
///     postgres://USER@/DATABASE?host=/var/run/postgresql        (a Unix socket's folder)
///     service=statistik                                          (pg_service.conf)
///     host=db.example.se dbname=statistik sslmode=verify-full    (key=value settings)
///     postgres://                                                (all from the PG* variables)
///
/// What the string leaves out, libpq takes from the `PG*` variables, a service file
/// (`PGSERVICE`, `pg_service.conf`) and `~/.pgpass` when it connects. The password is kept only
/// to log in and to be taken out of messages: `description` leaves it out, and no error repeats
/// the string.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// Every setting the string gives, by libpq's keyword (`host`, `port`, `user`, `password`,
    /// `dbname`, `sslmode`, `service`, …).
    public var settings: [String: String]

    public init(settings: [String: String] = [:]) {
        self.settings = settings
    }

    /// The host the string names (not a socket's folder), if any.
    public var host: String? {
        get { settings["host"].flatMap { $0.hasPrefix("/") ? nil : $0 } }
        set { settings["host"] = newValue }
    }
    /// The folder of a Unix socket (`host=/var/run/postgresql`), if the string names one.
    public var socketFolder: String? { settings["host"].flatMap { $0.hasPrefix("/") ? $0 : nil } }
    public var port: Int? {
        get { settings["port"].flatMap { Int($0) } }
        set { settings["port"] = newValue.map(String.init) }
    }
    public var user: String? {
        get { settings["user"] }
        set { settings["user"] = newValue }
    }
    public var password: String? {
        get { settings["password"] }
        set { settings["password"] = newValue }
    }
    public var database: String? {
        get { settings["dbname"] }
        set { settings["dbname"] = newValue }
    }
    /// The string's `sslmode`, else libpq's default, `prefer` (`PGSSLMODE` may still say
    /// otherwise when libpq connects).
    public var sslMode: SSLMode { settings["sslmode"].flatMap(SSLMode.init) ?? .prefer }
    /// A file of trusted certificates (PEM) for verify-ca and verify-full.
    public var sslRootCert: String? { settings["sslrootcert"] }

    /// Where it is, without the password: what messages may say before a connection was tried
    /// (after one, the host and port libpq used).
    public var description: String {
        Self.place(host: settings["host"], port: settings["port"], service: settings["service"])
    }

    /// `host:port`, `[v6]:port`, a socket's file, or the service.
    static func place(host: String?, port: String?, service: String?) -> String {
        let port = port.flatMap { $0.isEmpty ? nil : $0 } ?? "5432"
        guard let host, !host.isEmpty else {
            if let service { return "service=\(service)" }
            return "localhost:\(port)"
        }
        if host.hasPrefix("/") { return "\(host)/.s.PGSQL.\(port)" }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Reads a connection string. The error never repeats the string (it may hold a password),
    /// nor libpq's message about it (which does).
    public static func parse(_ text: String, variable: String) throws(SourceError) -> PostgresAddress {
        func problem(_ what: Message) -> SourceError {
            SourceError(Message(.notPostgresqlUrlWritePostgres, variable, what))
        }
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let scheme = text.range(of: "://") {
            guard ["postgres", "postgresql"].contains(text[..<scheme.lowerBound].lowercased()) else {
                throw problem(Message(.pgUrlWrongScheme))
            }
        } else if !text.contains("=") {
            throw problem(Message(.pgUrlNoScheme))
        }
        var said: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(text, &said) else {
            let libpq = said.map { String(cString: $0) } ?? ""
            if let said { PQfreemem(said) }
            throw problem(Self.parseProblem(libpq))
        }
        defer { PQconninfoFree(options) }
        var settings: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { settings[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        if let mode = settings["sslmode"], SSLMode(rawValue: mode) == nil {
            throw problem(Message(.pgUrlSSLMode, mode, SSLMode.allCases.map(\.rawValue)))
        }
        if let ports = settings["port"], !ports.isEmpty {
            // Not repeated: a URL without its @ (postgres://user:secret/db) has its password here.
            for port in ports.split(separator: ",", omittingEmptySubsequences: false) where !port.isEmpty {
                guard let number = Int(port), (1...65535).contains(number) else { throw problem(Message(.pgUrlPort)) }
            }
        }
        if let timeout = settings["connect_timeout"] {
            guard let seconds = Int(timeout), seconds >= 0 else { throw problem(Message(.pgUrlTimeout, timeout)) }
        }
        return PostgresAddress(settings: settings)
    }

    /// libpq's complaint about a string, in the writer's language and without the string:
    /// libpq's own messages quote the URL, and so its password.
    static func parseProblem(_ libpq: String) -> Message {
        func quoted(after prefix: String) -> String? {
            guard let range = libpq.range(of: prefix) else { return nil }
            let rest = libpq[range.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }
        // A setting's name only, never a value.
        if let key = quoted(after: "invalid connection option \"") ?? quoted(after: "invalid URI query parameter: \"") {
            return Message(.pgUrlUnknownSetting, key)
        }
        if libpq.contains("percent-encoded") { return Message(.pgUrlPercentEncoding) }
        if libpq.contains("IPv6") { return Message(.pgUrlIPv6) }
        if libpq.contains("unexpected character") { return Message(.pgUrlUnexpectedCharacter) }
        if libpq.contains("key/value separator") { return Message(.pgUrlQuerySetting) }
        if libpq.contains("missing \"=\"") { return Message(.pgConninfoMissingEquals) }
        if libpq.contains("unterminated quoted string") { return Message(.pgConninfoUnterminatedQuote) }
        return Message(.pgUrlNotRead)
    }

    /// The settings for libpq's `PQconnectdbParams`: the string's, then Statik's own where the
    /// string, the environment and a service say nothing: its name, UTF-8, a connect timeout of
    /// 10 s, and the system's certificates for verify-ca and verify-full (libpq 15 trusts only
    /// `~/.postgresql/root.crt` unless told).
    func connectionSettings(environment: [String: String] = ProcessInfo.processInfo.environment) -> [(String, String)] {
        var all = settings.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        all.removeAll { $0.0 == "client_encoding" }
        all.append(("client_encoding", "UTF8"))
        all.append(("fallback_application_name", "statik"))
        func unset(_ keyword: String, _ variable: String) -> Bool {
            settings[keyword] == nil && (environment[variable] ?? "").isEmpty
        }
        if unset("connect_timeout", "PGCONNECT_TIMEOUT") { all.append(("connect_timeout", "10")) }
        let mode = settings["sslmode"] ?? environment["PGSSLMODE"] ?? ""
        if mode.hasPrefix("verify-"), unset("sslrootcert", "PGSSLROOTCERT"), unset("service", "PGSERVICE"),
           !FileManager.default.fileExists(atPath: NSHomeDirectory() + "/.postgresql/root.crt") {
            if PQlibVersion() >= 160000 {
                all.append(("sslrootcert", "system"))
            } else if let bundle = Self.systemCertificates.first(where: { FileManager.default.fileExists(atPath: $0) }) {
                all.append(("sslrootcert", bundle))
            }
        }
        return all
    }

    /// Where Linux distributions keep the system's trusted certificates, as one file.
    static let systemCertificates = ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"]
}
