import Foundation
import StatikCore
import StatikData
@testable import StatikPostgres
import StatikSite
import Testing

/// The server the integration tests run against: `STATIK_TEST_POSTGRES_URL`, which
/// `scripts/pg-throwaway env` prints (and `.ci/run` sets). Without it they are skipped, and in
/// CI (`CI=true`) that is a failure (`serverIsThereInCI`).
enum TestServer {
    static let url = ProcessInfo.processInfo.environment["STATIK_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static var available: Bool { url != nil }
    static let skipped = "no PostgreSQL server: set STATIK_TEST_POSTGRES_URL (eval \"$(bash scripts/pg-throwaway start >/dev/null; bash scripts/pg-throwaway env)\")"
    /// The throwaway server's certificate authority, and one that did not sign its certificate
    /// (`scripts/pg-throwaway env`).
    static let certificateAuthority = ProcessInfo.processInfo.environment["STATIK_TEST_POSTGRES_CA"].flatMap { $0.isEmpty ? nil : $0 }
    static let wrongCertificateAuthority = ProcessInfo.processInfo.environment["STATIK_TEST_POSTGRES_WRONG_CA"].flatMap { $0.isEmpty ? nil : $0 }

    static func address() throws -> PostgresAddress { try PostgresAddress.parse(url!, variable: "STATIK_TEST_POSTGRES_URL") }

    static func source(timeLimit: Duration = .seconds(10), connections: Int = 4) throws -> PostgresSource {
        PostgresSource(name: "test", address: try address(), variable: "STATIK_TEST_POSTGRES_URL", connections: connections, timeLimit: timeLimit)
    }

    /// Runs SQL that sets up a test (writes, which the source itself refuses).
    static func setUp(_ statements: [String]) async throws {
        let settings = try address().connectionSettings()
        let failure = await Blocking.run(name: "test") { () -> String? in
            let connection = LibpqConnection(settings: settings)
            guard connection.isOpen else { return connection.errorText }
            for statement in statements {
                if let failure = connection.run(statement) { return failure.message }
            }
            return nil
        }
        if let failure { Issue.record(Comment(rawValue: failure)) }
    }

    static func one(_ sql: String, _ parameters: [String: Value] = [:], source: PostgresSource? = nil) async throws -> Result<QueryResult, QueryError> {
        let source = try source ?? Self.source()
        return try await source.run([SourceQuery(sql: sql, parameters: parameters)])[0]
    }
}

@Test func serverIsThereInCI() {
    if ProcessInfo.processInfo.environment["CI"] == "true" {
        #expect(TestServer.available, "CI=true but STATIK_TEST_POSTGRES_URL is not set: the PostgreSQL tests would be skipped (.ci/run starts scripts/pg-throwaway)")
        #expect(TestServer.certificateAuthority != nil && TestServer.wrongCertificateAuthority != nil, "CI=true but STATIK_TEST_POSTGRES_CA is not set: the TLS tests would be skipped (scripts/pg-throwaway env sets it)")
    }
}

@Suite(.enabled(if: TestServer.available, Comment(rawValue: TestServer.skipped)), .serialized)
struct PostgresSourceTests {
    @Test func hostileParametersAreBoundNotSpliced() async throws {
        try await TestServer.setUp(["DROP TABLE IF EXISTS statik_hostile", "CREATE TABLE statik_hostile (id integer)", "INSERT INTO statik_hostile VALUES (1)"])
        let hostile = ["'; DROP TABLE statik_hostile; --", "Robert'); DELETE FROM statik_hostile; --", "$1", ":other", "\\' OR 1=1 --", "åäö \u{1F600} \"quoted\"", "$$ SELECT 1 $$", ""]
        for value in hostile {
            let result = try await TestServer.one("SELECT :v AS v, length(:v) AS n, (SELECT count(*) FROM statik_hostile) AS still", ["v": .text(value)]).get()
            #expect(result.rows == [[.text(value), .integer(Int64(value.count)), .integer(1)]])
        }
        // A number bound where the server expects a number; a string compared with a column.
        let typed = try await TestServer.one("SELECT id FROM statik_hostile WHERE id = :id AND :name = 'x'", ["id": .integer(1), "name": .text("x")]).get()
        #expect(typed.rows == [[.integer(1)]])
        // NUL cannot be in PostgreSQL text: a clear error, not a crash.
        let nul = try await TestServer.one("SELECT :v AS v", ["v": .text("a\u{0}b")])
        guard case .failure(let error) = nul else { Issue.record("a NUL was accepted"); return }
        #expect(error.message.description.contains("NUL"))
    }

    @Test func typesBecomeTheValuesOfCSVCells() async throws {
        let result = try await TestServer.one("""
            SELECT 42::integer AS i, 9007199254740993::bigint AS big, 7::smallint AS small,
                   12.50::numeric AS dec, sum(x) AS whole, avg(x) AS mean, 123456789012345678901234567890::numeric AS huge,
                   -0.05::numeric AS negative, 0.1::float8 AS f8, 0.1::float4 AS f4,
                   'text'::text AS t, 'pad'::char(5) AS padded, DATE '2020-12-31' AS d,
                   TIMESTAMP '2020-12-31 08:00:00.5' AS ts, NULL::integer AS nothing, true AS yes, 'NaN'::numeric AS nan
            FROM (VALUES (1::bigint), (2::bigint)) AS v(x)
            """).get()
        #expect(result.columns == ["i", "big", "small", "dec", "whole", "mean", "huge", "negative", "f8", "f4", "t", "padded", "d", "ts", "nothing", "yes", "nan"])
        let row = result.rows[0]
        #expect(row[0] == .integer(42))
        #expect(row[1] == .integer(9_007_199_254_740_993))
        #expect(row[2] == .integer(7))
        #expect(row[3] == .real(12.5))
        #expect(row[4] == .integer(3))
        #expect(row[5] == .real(1.5))
        #expect(row[6] == .real(123456789012345678901234567890.0))
        #expect(row[7] == .real(-0.05))
        #expect(row[8] == .real(0.1))
        #expect(row[9] == .real(0.1))
        #expect(row[10] == .text("text"))
        #expect(row[11] == .text("pad  "))
        #expect(row[12] == .text("2020-12-31"))
        #expect(row[13] == .text("2020-12-31 08:00:00.5"))
        #expect(row[14] == .null)
        #expect(row[15] == .integer(1))
        if case .real(let nan) = row[16] { #expect(nan.isNaN) } else { Issue.record("NaN is \(row[16])") }
        // Dates before 2000 and long ago.
        let dates = try await TestServer.one("SELECT DATE '1999-12-31' AS a, DATE '1970-01-01' AS b, DATE '2024-02-29' AS c").get()
        #expect(dates.rows == [[.text("1999-12-31"), .text("1970-01-01"), .text("2024-02-29")]])
        // No rows: the columns are still known.
        let empty = try await TestServer.one("SELECT 1 AS a, 'x' AS b WHERE false").get()
        #expect(empty.columns == ["a", "b"])
        #expect(empty.rows.isEmpty)
        // A type Statik does not read: say how to cast it.
        let interval = try await TestServer.one("SELECT INTERVAL '1 day' AS span")
        guard case .failure(let error) = interval else { Issue.record("an interval was read"); return }
        #expect(error.message.description.contains("span::text"))
    }

    @Test func aSlowQueryIsStopped() async throws {
        let source = try TestServer.source(timeLimit: .milliseconds(300))
        let clock = ContinuousClock()
        let start = clock.now
        // Stopped by the server after 300 ms, not after the 60 s it asks for: the bound is
        // loose because the rest of the suite may keep the test's threads busy for many seconds.
        let result = try await TestServer.one("SELECT pg_sleep(60) AS slept", source: source)
        #expect(clock.now - start < .seconds(40))
        guard case .failure(let error) = result else { Issue.record("the query was not stopped"); return }
        #expect(error.message.description.contains("was stopped"))
        // The connection goes on with the next query.
        let next = try await source.run([SourceQuery(sql: "SELECT pg_sleep(5)", parameters: [:]), SourceQuery(sql: "SELECT 1 AS one", parameters: [:])])
        #expect((try? next[1].get())?.rows == [[.integer(1)]])
    }

    @Test func aWrongPasswordIsOneClearError() async throws {
        var address = try TestServer.address()
        address.password = "not-the-password-4711"
        let source = PostgresSource(name: "statistik", address: address, variable: "STATIK_STATISTIK_URL")
        do {
            _ = try await source.run([SourceQuery(sql: "SELECT 1", parameters: [:])])
            Issue.record("a wrong password was accepted")
        } catch {
            #expect(error.message.description.contains("'statistik'"))
            #expect(error.message.description.contains("refused the user"))
            #expect(error.message.description.contains("STATIK_STATISTIK_URL"))
            #expect(!error.message.description.contains("not-the-password-4711"))
            #expect(!error.message.description.contains(TestServer.url!))
        }
    }

    @Test func anUnreachableHostIsOneClearError() async throws {
        let secret = "sekret-lösen-ord"
        let url = "postgres://statik:\(secret)@127.0.0.1:1/statik?sslmode=disable&connect_timeout=2"
        let source = try PostgresSource.open(name: "statistik", address: url, variable: "STATIK_STATISTIK_URL")
        do {
            _ = try await source.run([SourceQuery(sql: "SELECT 1", parameters: [:])])
            Issue.record("port 1 answered")
        } catch {
            #expect(error.message.description == "the source 'statistik' (STATIK_STATISTIK_URL) at 127.0.0.1:1 cannot be reached (connection refused); check STATIK_STATISTIK_URL and that the server is running")
            #expect(!error.message.description.contains(secret))
        }
    }

    @Test func aQueryThatWritesIsRefused() async throws {
        try await TestServer.setUp(["DROP TABLE IF EXISTS statik_write", "CREATE TABLE statik_write (id integer)", "INSERT INTO statik_write VALUES (1)", "DROP SEQUENCE IF EXISTS statik_seq", "CREATE SEQUENCE statik_seq"])
        let source = try TestServer.source()
        let writes = [
            "INSERT INTO statik_write VALUES (2)",
            "DELETE FROM statik_write",
            "WITH gone AS (DELETE FROM statik_write RETURNING id) SELECT id FROM gone",
            "SELECT nextval('statik_seq') AS n",
            "SELECT set_config('default_transaction_read_only', 'off', false) AS s, (SELECT count(*) FROM statik_write) AS c",
        ]
        let results = try await source.run(writes.map { SourceQuery(sql: $0, parameters: [:]) })
        for (sql, result) in zip(writes.prefix(4), results) {
            guard case .failure(let error) = result else { Issue.record("written: \(sql)"); continue }
            #expect(error.message.description.contains("may only read"), "\(sql): \(error.message)")
        }
        // Setting a session's defaults does not outlive the read-only transaction.
        let after = try await source.run([SourceQuery(sql: "WITH gone AS (DELETE FROM statik_write RETURNING id) SELECT id FROM gone", parameters: [:])])
        #expect(throws: QueryError.self) { try after[0].get() }
        let count = try await TestServer.one("SELECT count(*) AS c FROM statik_write").get()
        #expect(count.rows == [[.integer(1)]])
    }

    @Test func manyPagesShareAFewConnections() async throws {
        let source = try TestServer.source(connections: 3)
        let queries = (1...8).map { SourceQuery(sql: "SELECT :region AS region, pg_backend_pid() AS pid", parameters: ["region": .text("SE\($0)")]) }
        let results = try await source.run(queries)
        let rows = try results.map { try $0.get().rows[0] }
        #expect(rows.map { $0[0] } == (1...8).map { .text("SE\($0)") })
        #expect(source.statistics.opened == 3)
        #expect(Set(rows.map { $0[1] }).count <= 3)
    }

    @Test func aQueryReturnsAtMostTheRowLimit() async throws {
        let source = try TestServer.source(connections: 1)
        let results = try await source.run([
            SourceQuery(sql: "SELECT n FROM generate_series(1, \(QueryBounds.maxRows + 1)) AS n", parameters: [:]),
            SourceQuery(sql: "SELECT count(*) AS n FROM generate_series(1, \(QueryBounds.maxRows)) AS n", parameters: [:]),
            SourceQuery(sql: "SELECT n FROM generate_series(1, \(QueryBounds.maxRows)) AS n", parameters: [:]),
        ])
        guard case .failure(let error) = results[0] else { Issue.record("more rows than the limit were taken"); return }
        #expect(error.message == QueryBounds.tooManyRowsMessage)
        // The connection that was stopped is replaced for the next query.
        #expect((try? results[1].get())?.rows == [[.integer(Int64(QueryBounds.maxRows))]])
        #expect((try? results[2].get())?.rows.count == QueryBounds.maxRows)
        #expect(source.statistics.opened == 2)
    }

    @Test func anUnknownUserIsRefusedByName() async throws {
        var address = try TestServer.address()
        address.user = "nobody_here"
        let source = PostgresSource(name: "statistik", address: address, variable: "STATIK_STATISTIK_URL")
        do {
            _ = try await source.run([SourceQuery(sql: "SELECT 1", parameters: [:])])
            Issue.record("an unknown user was let in")
        } catch {
            #expect(error.message.description.contains("refused the user 'nobody_here'"), "\(error.message)")
            #expect(!error.message.description.contains(address.password!))
        }
    }

    @Test func errorsPointIntoTheAuthorsSQL() async throws {
        let result = try await TestServer.one("SELECT :region AS r,\n  no_such_column FROM (SELECT 1) AS t", ["region": .text("SE1")])
        guard case .failure(let error) = result else { Issue.record("no error"); return }
        #expect(error.message.description.contains("no_such_column"))
        let sql = "SELECT :region AS r,\n  no_such_column FROM (SELECT 1) AS t"
        #expect(error.offset == sql.utf8.count - "no_such_column FROM (SELECT 1) AS t".utf8.count)
    }
}

/// TLS against the throwaway server's certificate (`scripts/pg-throwaway` makes a certificate
/// authority, a certificate for 127.0.0.1 and localhost signed by it, and a second authority
/// that signed nothing), and what libpq says of Kerberos.
@Suite(.enabled(if: TestServer.available, Comment(rawValue: TestServer.skipped)), .serialized)
struct PostgresTLSTests {
    static func address(host: String, sslmode: String, rootCertificate: String?) throws -> PostgresAddress {
        var address = try TestServer.address()
        address.host = host
        address.settings["sslmode"] = sslmode
        address.settings["sslrootcert"] = rootCertificate
        return address
    }

    static func encrypted(_ address: PostgresAddress) async throws(SourceError) -> Result<QueryResult, QueryError> {
        let source = PostgresSource(name: "statistik", address: address, variable: "STATIK_STATISTIK_URL")
        return try await source.run([SourceQuery(sql: "SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()", parameters: [:])])[0]
    }

    @Test func verifyFullWithTheRightAuthorityConnects() async throws {
        let authority = try #require(TestServer.certificateAuthority, "STATIK_TEST_POSTGRES_CA is not set (scripts/pg-throwaway env)")
        for host in ["127.0.0.1", "localhost"] {
            let result = try await Self.encrypted(Self.address(host: host, sslmode: "verify-full", rootCertificate: authority)).get()
            #expect(result.rows.first?.first == .integer(1), "\(host): not encrypted: \(result.rows)")
            #expect(result.rows.first?.last.map { "\($0)".contains("TLS") } == true)
        }
        // sslmode=require encrypts without checking the certificate.
        let required = try await Self.encrypted(Self.address(host: "127.0.0.1", sslmode: "require", rootCertificate: nil)).get()
        #expect(required.rows.first?.first == .integer(1))
    }

    @Test func verifyFullWithAnotherAuthorityIsOneCleanError() async throws {
        let wrong = try #require(TestServer.wrongCertificateAuthority, "STATIK_TEST_POSTGRES_WRONG_CA is not set (scripts/pg-throwaway env)")
        let address = try Self.address(host: "127.0.0.1", sslmode: "verify-full", rootCertificate: wrong)
        do {
            _ = try await Self.encrypted(address)
            Issue.record("a certificate from another authority was accepted")
        } catch {
            let english = error.message.description, swedish = error.message.text(.swedish)
            #expect(english.hasPrefix("the source 'statistik' (STATIK_STATISTIK_URL) at 127.0.0.1:"), "\(english)")
            #expect(english.contains("the TLS handshake failed"), "\(english)")
            #expect(english.contains("certificate verify failed"), "libpq's words: \(english)")
            #expect(english.hasSuffix("check sslmode and sslrootcert in STATIK_STATISTIK_URL"))
            #expect(swedish.contains("TLS-handskakningen misslyckades"), "\(swedish)")
            #expect(!english.contains(address.password ?? "•"))
            #expect(!english.contains("\n"))
        }
    }

    /// A server that asks for Kerberos (pg_hba.conf: `gss` for the role statik_gss) and a client
    /// without a ticket: libpq's own message, whole, in Statik's frame.
    @Test func aKerberosFailureIsLibpqsOwnMessage() async throws {
        var address = try TestServer.address()
        address.user = "statik_gss"
        address.password = nil
        let settings = address.connectionSettings()
        let libpq = await Blocking.run(name: "test") { LibpqConnection(settings: settings).errorText }
        #expect(libpq.contains("GSSAPI"), "pg_hba.conf of scripts/pg-throwaway asks statik_gss for gss: \(libpq)")
        let source = PostgresSource(name: "statistik", address: address, variable: "STATIK_STATISTIK_URL")
        do {
            _ = try await source.run([SourceQuery(sql: "SELECT 1", parameters: [:])])
            Issue.record("statik_gss logged in without Kerberos")
        } catch {
            #expect(error.message.description.contains("libpq says: " + libpq), "\(error.message)")
            #expect(error.message.text(.swedish).contains("libpq säger: " + libpq))
        }
    }
}

/// A site whose pages read PostgreSQL, built from the server and from its snapshot.
@Suite(.enabled(if: TestServer.available, Comment(rawValue: TestServer.skipped)), .serialized)
struct PostgresSiteTests {
    static func site() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statik-pg-site-\(UUID().uuidString)")
        _ = try Scaffold.site(at: folder)  // the default theme
        try FileManager.default.removeItem(at: folder.appendingPathComponent("content"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("content/data"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("content/regioner"), withIntermediateDirectories: true)
        try """
            title: Test
            baseURL: /
            sources:
              statistik:
                postgres: env:STATIK_TEST_POSTGRES_URL
            """.write(to: folder.appendingPathComponent("statik.yml"), atomically: true, encoding: .utf8)
        try "region,namn\nSE1,Östra Sverige\nSE2,Södra Sverige\nSE3,Norra Sverige\n".write(to: folder.appendingPathComponent("content/data/regioner.csv"), atomically: true, encoding: .utf8)
        try "---\ntitle: Start\n---\nStart.\n\n- [Östra Sverige](regioner/ostra-sverige/)\n".write(to: folder.appendingPathComponent("content/index.md"), atomically: true, encoding: .utf8)
        try """
            ---
            title: "{{ params.namn }}"
            pages: SELECT region, namn FROM regioner ORDER BY region
            ---
            Deltagare i {{ params.namn }}.

            ```sql deltagare source=statistik
            SELECT programomrade, sum(antal) AS antal, avg(antal) AS medel, max(dag) AS senast
            FROM statik_site_deltagare WHERE region = :region GROUP BY programomrade ORDER BY programomrade
            ```

            ```sql totalt
            SELECT sum(antal) AS antal FROM deltagare
            ```

            Totalt {{ totalt.antal }} deltagare.

            ```table deltagare
            caption: Deltagare per programområde
            source: Testdata
            ```
            """.write(to: folder.appendingPathComponent("content/regioner/[region].md"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test func aBuildFromTheServerAndFromItsSnapshotAreTheSame() async throws {
        try await TestServer.setUp([
            "DROP TABLE IF EXISTS statik_site_deltagare",
            "CREATE TABLE statik_site_deltagare (region text, programomrade text, antal integer, dag date)",
            "INSERT INTO statik_site_deltagare VALUES ('SE1', 'PO 1', 120, '2020-01-01'), ('SE1', 'PO 2', 7, '2020-02-01'), ('SE2', 'PO 1', 30, '2021-01-01'), ('SE1', 'PO 1', 3, '2019-05-05'), ('SE3', 'PO 3', 12, '2022-03-03')",
        ])
        DataSourceKinds.register(PostgresSource.self)
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        var options = BuildOptions(source: site, strict: true, write: false)
        options.sourceMode = .refresh
        let live = await Site.build(options)
        #expect(live.diagnostics.map(\.rendered) == [])
        let page = String(decoding: live.files.contents(of: "regioner/ostra-sverige/index.html") ?? Data(), as: UTF8.self)
        #expect(!page.isEmpty, "\(live.files.paths)")
        #expect(page.contains("Totalt <data value=\"130\""))
        #expect(page.contains("2020-02-01"))

        options.sourceMode = .pull
        let pull = await Site.build(options)
        #expect(pull.diagnostics.map(\.rendered) == [])
        #expect(pull.pulled.map(\.files) == [3])
        let manifest = site.appendingPathComponent("content/data/snapshots/statistik/manifest.json")
        let written = try String(contentsOf: manifest, encoding: .utf8)
        #expect(written.contains("\"rows\": 2"))
        #expect(written.contains("[\"antal\", \"integer\"]"))

        // Without the server's address: the snapshot, byte for byte the same site.
        options.sourceMode = .snapshot
        let variable = "STATIK_TEST_POSTGRES_URL"
        let saved = ProcessInfo.processInfo.environment[variable]
        unsetenv(variable)
        defer { if let saved { setenv(variable, saved, 1) } }
        let offline = await Site.build(options)
        #expect(offline.diagnostics.map(\.rendered) == [])
        #expect(offline.files.paths == live.files.paths)
        for path in live.files.paths {
            #expect(offline.files.contents(of: path) == live.files.contents(of: path), "\(path)")
        }
        // A pull of the same data changes nothing; an edited snapshot file is refused.
        setenv(variable, saved!, 1)
        options.sourceMode = .pull
        #expect(await Site.build(options).pulled.map(\.changed) == [0])
        unsetenv(variable)
        let folder = manifest.deletingLastPathComponent()
        let file = try FileManager.default.subpathsOfDirectory(atPath: folder.path).first { $0.hasSuffix(".jsonl") && (try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))?.contains("123") == true }!
        let url = folder.appendingPathComponent(file)
        try (try String(contentsOf: url, encoding: .utf8)).replacingOccurrences(of: "123", with: "124").write(to: url, atomically: true, encoding: .utf8)
        options.sourceMode = .snapshot
        let tampered = await Site.build(options)
        #expect(tampered.diagnostics.contains { $0.message.description.contains("not what statik pull wrote") })
    }

    /// The `statik` executable beside the tests.
    static var statik: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("statik")
    }

    /// `statik build --refresh` of the site in a process of its own, whose environment is the
    /// tests' with `environment` over it (libpq reads PG* variables and files from the process's
    /// environment, which a test must not change under the others). The page of SE1, or the
    /// build's standard error.
    static func build(_ site: URL, environment: [String: String]) throws -> (page: String?, said: String) {
        let output = site.appendingPathComponent("public-\(UUID().uuidString)")
        let process = Process()
        process.executableURL = statik
        process.arguments = ["build", "--source", site.path, "--output", output.path, "--refresh", "--strict", "--lang", "en"]
        var all = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        all.merge(environment) { $1 }
        process.environment = all
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let said = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let page = try? String(contentsOf: output.appendingPathComponent("regioner/ostra-sverige/index.html"), encoding: .utf8)
        return (process.terminationStatus == 0 ? page : nil, said)
    }

    /// What a database user already has: a service in pg_service.conf with its password in a
    /// pgpass file, or the PG* variables; the source's variable then says only which.
    @Test func aServiceOrThePGVariablesDescribeTheConnection() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.statik.path) else {
            Issue.record("no statik executable at \(Self.statik.path) (swift build --build-tests builds it)")
            return
        }
        try await TestServer.setUp([
            "DROP TABLE IF EXISTS statik_site_deltagare",
            "CREATE TABLE statik_site_deltagare (region text, programomrade text, antal integer, dag date)",
            "INSERT INTO statik_site_deltagare VALUES ('SE1', 'PO 1', 120, '2020-01-01'), ('SE1', 'PO 2', 7, '2020-02-01'), ('SE2', 'PO 1', 30, '2021-01-01'), ('SE1', 'PO 1', 3, '2019-05-05'), ('SE3', 'PO 3', 12, '2022-03-03')",
        ])
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let address = try TestServer.address()
        let host = try #require(address.host), port = try #require(address.port), user = try #require(address.user)
        let password = try #require(address.password), database = try #require(address.database)
        let serviceFile = site.appendingPathComponent("pg_service.conf"), passFile = site.appendingPathComponent("pgpass")
        try "[statik_test]\nhost=\(host)\nport=\(port)\ndbname=\(database)\nuser=\(user)\nsslmode=disable\n".write(to: serviceFile, atomically: true, encoding: .utf8)
        try "\(host):\(port):\(database):\(user):\(password)\n".write(to: passFile, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: passFile.path)
        let files = ["PGSERVICEFILE": serviceFile.path, "PGPASSFILE": passFile.path]

        // service=NAME in the source's variable; the password from the pgpass file.
        var built = try Self.build(site, environment: files.merging(["STATIK_TEST_POSTGRES_URL": "service=statik_test"]) { $1 })
        #expect(built.page?.contains("Totalt <data value=\"130\"") == true, "\(built.said)")
        // PGSERVICE, and a URL that says nothing else.
        built = try Self.build(site, environment: files.merging(["STATIK_TEST_POSTGRES_URL": "postgres://", "PGSERVICE": "statik_test"]) { $1 })
        #expect(built.page?.contains("Totalt <data value=\"130\"") == true, "\(built.said)")
        // The PG* variables alone.
        let variables = ["PGHOST": host, "PGPORT": "\(port)", "PGUSER": user, "PGPASSWORD": password, "PGDATABASE": database, "PGSSLMODE": "disable"]
        built = try Self.build(site, environment: variables.merging(["STATIK_TEST_POSTGRES_URL": "postgres://"]) { $1 })
        #expect(built.page?.contains("Totalt <data value=\"130\"") == true, "\(built.said)")
        // A wrong password from PGPASSWORD is refused, and not shown.
        built = try Self.build(site, environment: variables.merging(["STATIK_TEST_POSTGRES_URL": "postgres://", "PGPASSWORD": "fel-lösen-4711"]) { $1 })
        #expect(built.page == nil)
        #expect(built.said.contains("statik.yml:4:3: error: the source 'statistik' (STATIK_TEST_POSTGRES_URL) at \(host):\(port) refused the user '\(user)'"), "\(built.said)")
        #expect(!built.said.contains("fel-lösen-4711"))
    }
}

struct PostgresAddressTests {
    @Test func urlsAreReadAsLibpqReadsThem() throws {
        let full = try PostgresAddress.parse("postgresql://user%40x:p%40ss%3Aw@db.example.se:6432/statistik?sslmode=verify-full&sslrootcert=/etc/ca.pem", variable: "V")
        #expect(full.user == "user@x")
        #expect(full.password == "p@ss:w")
        #expect(full.host == "db.example.se")
        #expect(full.port == 6432)
        #expect(full.database == "statistik")
        #expect(full.sslMode == .verifyFull)
        #expect(full.sslRootCert == "/etc/ca.pem")
        #expect(full.description == "db.example.se:6432")
        let socket = try PostgresAddress.parse("postgres://statik@/statik?host=/var/run/postgresql", variable: "V")
        #expect(socket.socketFolder == "/var/run/postgresql")
        #expect(socket.description == "/var/run/postgresql/.s.PGSQL.5432")
        let six = try PostgresAddress.parse("postgres://u:p@[::1]:5433/d", variable: "V")
        #expect(six.host == "::1")
        #expect(six.port == 5433)
        #expect(try PostgresAddress.parse("postgres://u@h/d", variable: "V").sslMode == .prefer)
        // libpq's other form, key=value settings, and a service of pg_service.conf.
        let settings = try PostgresAddress.parse("host=db.example.se port=6432 dbname=statistik user=läsare password='hem ligt' sslmode=verify-ca", variable: "V")
        #expect(settings.host == "db.example.se")
        #expect(settings.password == "hem ligt")
        #expect(settings.user == "läsare")
        #expect(settings.sslMode == .verifyCA)
        let service = try PostgresAddress.parse("service=statistik", variable: "V")
        #expect(service.settings == ["service": "statistik"])
        #expect(service.description == "service=statistik")
        // Everything from the PG* variables.
        #expect(try PostgresAddress.parse("postgres://", variable: "V").settings.isEmpty)
    }

    /// Statik's own settings go after the string's, and only where nothing else says them.
    @Test func statikAddsItsSettingsWhereNothingElseDoes() throws {
        let address = try PostgresAddress.parse("postgres://u@h/d?sslmode=verify-full&application_name=mine", variable: "V")
        let settings = Dictionary(address.connectionSettings(environment: [:]), uniquingKeysWith: { $1 })
        #expect(settings["client_encoding"] == "UTF8")
        #expect(settings["application_name"] == "mine")
        #expect(settings["fallback_application_name"] == "statik")
        #expect(settings["connect_timeout"] == "10")
        if !FileManager.default.fileExists(atPath: NSHomeDirectory() + "/.postgresql/root.crt"),
           let bundle = PostgresAddress.systemCertificates.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            #expect(settings["sslrootcert"] == bundle, "verify-full trusts the system's certificates")
        }
        let given = Dictionary(address.connectionSettings(environment: ["PGCONNECT_TIMEOUT": "3", "PGSSLROOTCERT": "/ca.pem"]), uniquingKeysWith: { $1 })
        #expect(given["connect_timeout"] == nil, "PGCONNECT_TIMEOUT is libpq's to read")
        #expect(given["sslrootcert"] == nil, "PGSSLROOTCERT is libpq's to read")
    }

    @Test func aBadURLIsAnErrorThatNeverRepeatsIt() {
        let bad: [(String, String)] = [
            ("mysql://u:hemligt@h/d", "its scheme is not postgres://"),
            ("postgres://u:hemligt@h:99999/d", "a port is not a number"),
            ("postgres://u:hemligt/d", "a port is not a number"),  // no @: libpq reads the password as the port
            ("postgres://u:hemligt@h/d?sslmode=sometimes", "sslmode=sometimes is not one of"),
            ("u:hemligt@h", "neither a postgres:// URL nor settings"),
            ("postgres://u:hemligt@h/d?nosuch=1", "a setting nosuch= that libpq does not know"),
            ("host=h password=hemligt nosuch=1", "a setting nosuch= that libpq does not know"),
            ("postgres://u:hem%ZZligt@h/d", "percent-encoded"),
            ("postgres://u:hemligt@[::1/d", "IPv6"),
            ("postgres://u:hemligt@h/d?sslmode", "key=value"),
            ("host=h password=hemligt dbname", "key=value"),
            ("host=h password='hemligt", "quotes is not closed"),
            ("postgres://u:hemligt@h/d?connect_timeout=soon", "connect_timeout=soon"),
        ]
        for (url, says) in bad {
            do {
                _ = try PostgresAddress.parse(url, variable: "STATIK_X_URL")
                Issue.record("accepted: \(url)")
            } catch {
                #expect(error.message.description.hasPrefix("STATIK_X_URL is not a PostgreSQL connection string"))
                #expect(error.message.description.contains(says), "\(url): \(error.message)")
                #expect(!error.message.description.contains("hemligt"), "\(url): \(error.message)")
                #expect(error.message.text(.swedish).hasPrefix("STATIK_X_URL är inte en anslutningssträng"))
                #expect(!error.message.text(.swedish).contains("hemligt"))
            }
        }
    }

    @Test func namedParametersBecomeNumberedOnes() {
        let sql = "SELECT x::text, ':no', \"a:b\" -- :comment\nFROM t WHERE r = :region AND s = :Region AND q = :po /* :x */ AND $$:y$$ <> :po"
        let (text, names, back) = SourceSQL.numbered(sql)
        #expect(names == ["region", "po"])
        #expect(text == "SELECT x::text, ':no', \"a:b\" -- :comment\nFROM t WHERE r = $1 AND s = $1 AND q = $2 /* :x */ AND $$:y$$ <> $2")
        let at = text.utf8.count - "$2".utf8.count
        #expect(back(at) == sql.utf8.count - ":po".utf8.count)
    }

    @Test func numericDigitsAreKeptExactly() {
        #expect(PostgresValue.numericText(groups: [12, 5000], weight: 0, negative: false, scale: 2) == "12.50")
        #expect(PostgresValue.numericText(groups: [1, 2345], weight: 1, negative: true, scale: 0) == "-12345")
        #expect(PostgresValue.numericText(groups: [500], weight: -1, negative: true, scale: 2) == "-0.05")
        #expect(PostgresValue.numericText(groups: [7], weight: -2, negative: false, scale: 8) == "0.00000007")
        #expect(PostgresValue.numericText(groups: [1], weight: 2, negative: false, scale: 0) == "100000000")
        #expect(PostgresValue.day(0) == "2000-01-01")
        #expect(PostgresValue.day(-1) == "1999-12-31")
        #expect(PostgresValue.day(-10_957) == "1970-01-01")
    }

    @Test func sha256IsTheStandardOne() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array(String(repeating: "a", count: 1000).utf8)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
