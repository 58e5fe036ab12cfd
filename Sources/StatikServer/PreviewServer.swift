public import Foundation
import Hummingbird
import Logging
import StatikCore
public import StatikSite
import StatikOutput

/// `statik serve`: builds the site in memory, serves it on a loopback address, watches its
/// files, rebuilds what an edit touched, and tells the open browser tabs to reload. A failed
/// rebuild leaves the last good site up and shows the errors over it until they are fixed.
///
/// The reload script and the error overlay are added to pages as they are served; the built
/// site never contains them.
public struct PreviewServer: Sendable {
    public var options: BuildOptions
    public var host: String
    public var port: Int

    public init(options: BuildOptions, host: String = "127.0.0.1", port: Int = 1313) {
        var options = options
        options.write = false
        self.options = options
        self.host = host
        self.port = port
    }

    /// The server's own log says little a writer needs (`statik serve` prints what happened,
    /// and stopping it is not an error): only what stops it is shown.
    static var quietLogger: Logger {
        var logger = Logger(label: "statik")
        logger.logLevel = .critical
        return logger
    }

    /// Runs until cancelled. `onReady` gets the address the server listens on (with the port
    /// the system chose, when `port` is 0) and the first build's report.
    public func run(onReady: @escaping @Sendable (URL, BuildReport) async -> Void = { _, _ in },
                    onRebuild: @escaping @Sendable (BuildReport, Int) async -> Void = { _, _ in }) async throws {
        let state = PreviewState(session: SiteSession(options: options))
        let first = await state.build(changed: nil)
        let watcher = Watcher(site: options.source.standardizedFileURL)
        let snapshot = watcher.snapshot()

        let router = Router()
        router.get("/__statik/reload.js") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(string: PreviewPage.reloadScript)))
        }
        router.get("/__statik/events") { _, _ in
            let (stream, id) = await state.subscribe()
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
                body: ResponseBody { writer in
                    defer { Task { await state.unsubscribe(id) } }
                    for await event in stream {
                        try await writer.write(ByteBuffer(string: event))
                    }
                    try await writer.finish(nil)
                }
            )
        }
        router.get("/") { request, _ in
            await state.respond(to: request.uri.path)
        }
        router.get("**") { request, _ in
            await state.respond(to: request.uri.path)
        }
        // HEAD answers as GET does, with the same status and headers and no body.
        router.head("/") { request, _ in
            await state.respond(to: request.uri.path).headOnly()
        }
        router.head("**") { request, _ in
            await state.respond(to: request.uri.path).headOnly()
        }
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "statik"),
            onServerRunning: { channel in
                let actual = channel.localAddress?.port ?? port
                let root = await state.root
                await onReady(URL(string: "http://\(host):\(actual)\(root)")!, first)
            },
            logger: Self.quietLogger
        )
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            group.addTask {
                await watcher.run(from: snapshot) { changed in
                    let report = await state.build(changed: changed)
                    await onRebuild(report, changed.count)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }
}

/// What the server shows: the last good build, the errors of the last build if it failed, and
/// the browser tabs waiting to hear of a change.
actor PreviewState {
    private let session: SiteSession
    private var files = SiteFiles()
    private var problems: [Diagnostic] = []
    private var language = Language.swedish
    private var listeners: [UUID: AsyncStream<String>.Continuation] = [:]
    private(set) var root = "/"

    init(session: SiteSession) {
        self.session = session
    }

    func build(changed: [String]?) async -> BuildReport {
        let report = await session.rebuild(changed: changed)
        if report.succeeded || files.paths.isEmpty {
            files = report.files
        }
        problems = report.diagnostics.errors
        language = Language.forMessages(flag: nil, site: report.language, environment: ProcessInfo.processInfo.environment)
        if let page = report.files.contents(of: "sitemap.xml").flatMap({ String(data: $0, encoding: .utf8) }),
           let first = page.range(of: "<loc>"), let end = page.range(of: "</loc>", range: first.upperBound..<page.endIndex),
           let url = URL(string: String(page[first.upperBound..<end.lowerBound])) {
            root = url.path.hasSuffix("/") ? url.path : url.path + "/"
        }
        let event = problems.isEmpty ? "event: reload\ndata: {}\n\n" : "event: problems\ndata: \(PreviewPage.problemsJSON(problems, language: language))\n\n"
        for listener in listeners.values { listener.yield(event) }
        return report
    }

    func subscribe() -> (AsyncStream<String>, UUID) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<String>.makeStream()
        listeners[id] = continuation
        // A tab that connects while the build is broken is told at once.
        continuation.yield(problems.isEmpty ? ": connected\n\n" : "event: problems\ndata: \(PreviewPage.problemsJSON(problems, language: language))\n\n")
        return (stream, id)
    }

    func unsubscribe(_ id: UUID) {
        listeners.removeValue(forKey: id)?.finish()
    }

    func respond(to path: String) -> Response {
        // Only files the build made are served: the path is looked up, never opened.
        guard let relative = PreviewPage.relativePath(path, root: root) else {
            if path == "/" && root != "/" { return PreviewPage.redirect(to: root) }
            return notFound()
        }
        if let data = files.contents(of: relative) {
            var body = data
            let type = PreviewPage.contentType(relative)
            if type.hasPrefix("text/html") {
                body = Data(PreviewPage.inject(into: String(decoding: data, as: UTF8.self), problems: problems, language: language).utf8)
            }
            return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
        if !relative.hasSuffix("/index.html"), files.contents(of: relative + "/index.html") != nil {
            return PreviewPage.redirect(to: path + "/")
        }
        return notFound()
    }

    private func notFound() -> Response {
        let page = files.contents(of: "404.html").map { String(decoding: $0, as: UTF8.self) }
            ?? "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Sidan finns inte</title></head><body><main><h1>Sidan finns inte</h1><p><a href=\"\(escapeHTML(root))\">Till startsidan</a></p></main></body></html>"
        return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: PreviewPage.inject(into: page, problems: problems, language: language))))
    }
}

extension Response {
    /// This response as the answer to a HEAD request: its status and headers, with the length
    /// of the body it would have sent, and no body.
    func headOnly() -> Response {
        var headers = self.headers
        if let length = body.contentLength { headers[.contentLength] = String(length) }
        return Response(status: status, headers: headers, body: .init())
    }
}
