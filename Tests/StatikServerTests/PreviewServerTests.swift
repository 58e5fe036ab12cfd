import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import StatikServer
import StatikSite
import Testing

/// The preview server, for real, on a free loopback port.
@Suite(.serialized) struct PreviewServerTests {
    /// A copy of a small site in a scratch folder.
    final class Site {
        let folder: URL
        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("statik-serve-\(UUID().uuidString)")
            let content = folder.appendingPathComponent("content")
            let templates = folder.appendingPathComponent("themes/default/templates")
            try FileManager.default.createDirectory(at: content.appendingPathComponent("data"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
            try "title: Förhandsvisning\nbaseURL: https://example.se/esf/\n".write(to: folder.appendingPathComponent("statik.yml"), atomically: true, encoding: .utf8)
            try "<!DOCTYPE html><html lang=\"sv\"><head><title>{{page.title}}</title></head><body><main><h1>{{page.title}}</h1>{{{page.content}}}</main></body></html>\n"
                .write(to: templates.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
            try "po,antal\nPO 2,6039\n".write(to: content.appendingPathComponent("data/po.csv"), atomically: true, encoding: .utf8)
            try write("content/index.md", "---\ntitle: Start\n---\nVersion ett: {{ n.antal }}.\n\n```sql n\nSELECT antal FROM po\n```\n")
        }
        deinit { try? FileManager.default.removeItem(at: folder) }

        func write(_ path: String, _ text: String) throws {
            try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
    }

    static func get(_ url: URL) async throws -> (status: Int, body: String, type: String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        let http = response as! HTTPURLResponse
        return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Content-Type") ?? "")
    }

    /// Fetches `url` until `condition` holds, for at most ten seconds.
    static func eventually(_ url: URL, _ condition: (String) -> Bool) async throws -> String {
        var body = ""
        for _ in 0..<200 {
            body = try await get(url).body
            if condition(body) { return body }
            try await Task.sleep(for: .milliseconds(50))
        }
        return body
    }

    /// Starts the server on port 0 and answers its address; the caller cancels `task`.
    static func start(_ site: Site) async throws -> (URL, Task<Void, any Error>) {
        let ready = AsyncStream<URL>.makeStream()
        let server = PreviewServer(options: BuildOptions(source: site.folder), host: "127.0.0.1", port: 0)
        let task = Task { try await server.run(onReady: { url, _ in ready.continuation.yield(url) }) }
        var iterator = ready.stream.makeAsyncIterator()
        guard let url = await iterator.next() else { throw CancellationError() }
        return (url, task)
    }

    @Test func servesRebuildsShowsErrorsAndRecovers() async throws {
        let site = try Site()
        let (root, task) = try await Self.start(site)
        defer { task.cancel() }
        #expect(root.absoluteString.hasSuffix("/esf/"))

        let page = try await Self.get(root)
        #expect(page.status == 200)
        #expect(page.type.hasPrefix("text/html"))
        #expect(page.body.contains("Version ett: <data value=\"6039\" data-statik-figure=\"n.antal\">6\u{00A0}039</data>."))
        #expect(page.body.contains("<script src=\"/__statik/reload.js\"></script></body>"), "the reload script is injected while serving")

        // An edit is rebuilt and served.
        try site.write("content/index.md", "---\ntitle: Start\n---\nVersion två: {{ n.antal }}.\n\n```sql n\nSELECT antal FROM po\n```\n")
        var body = try await Self.eventually(root) { $0.contains("Version två") }
        #expect(body.contains("Version två: <data value=\"6039\" data-statik-figure=\"n.antal\">6\u{00A0}039</data>."))

        // A broken edit: the last good page stays, with the error over it.
        try site.write("content/index.md", "---\ntitle: Start\n---\nVersion tre: {{ n.antall }}.\n\n```sql n\nSELECT antal FROM po\n```\n")
        body = try await Self.eventually(root) { $0.contains("statik-overlay") }
        #expect(body.contains("Version två"))
        // In the site's language (Swedish, the default), with the nearest column's name.
        #expect(body.contains("Bygget misslyckades"))
        #expect(body.contains("content/index.md:4:14: error: frågan &#39;n&#39; har ingen kolumn &#39;antall&#39;; menade du &#39;antal&#39;?"))

        // The fix makes the overlay go away by itself.
        try site.write("content/index.md", "---\ntitle: Start\n---\nVersion fyra: {{ n.antal }}.\n\n```sql n\nSELECT antal FROM po\n```\n")
        body = try await Self.eventually(root) { !$0.contains("statik-overlay") }
        #expect(body.contains("Version fyra"))

        // A new page appears; a folder without its slash is redirected to it.
        try site.write("content/ny.md", "---\ntitle: Ny sida\n---\nNy.\n")
        body = try await Self.eventually(URL(string: root.absoluteString + "ny/")!) { $0.contains("Ny sida") }
        #expect(body.contains("<h1>Ny sida</h1>"))
        let start = try await Self.get(URL(string: "http://\(root.host!):\(root.port!)/")!)
        #expect(start.status == 200, "the server's / leads to the site's root")
        #expect(start.body.contains("Version fyra"))
    }

    @Test func servesOnlyTheBuiltSite() async throws {
        let site = try Site()
        let (root, task) = try await Self.start(site)
        defer { task.cancel() }
        let base = "http://\(root.host!):\(root.port!)"
        for path in ["/esf/../statik.yml", "/esf/%2e%2e/statik.yml", "/esf/content/index.md", "/esf/finns-inte/", "/etc/passwd", "/esf/..%2f..%2fetc/passwd"] {
            let response = try await Self.get(URL(string: base + path)!)
            #expect(response.status == 404, "\(path) must not be served")
            #expect(!response.body.contains("baseURL"))
        }
        // A folder without its slash is sent to it (curl: 301, Location: /esf/…/).
        let paths = ["/esf/ny", "/esf/finns-inte"].map { PreviewPage.relativePath($0, root: "/esf/") }
        #expect(paths == ["ny", "finns-inte"])
        #expect(PreviewPage.relativePath("/esf/", root: "/esf/") == "index.html")
        #expect(PreviewPage.relativePath("/esf/a/../../x", root: "/esf/") == nil)
        #expect(PreviewPage.relativePath("/annat/", root: "/esf/") == nil)
        let script = try await Self.get(URL(string: base + "/__statik/reload.js")!)
        #expect(script.type.hasPrefix("text/javascript"))
        #expect(script.body.contains("EventSource"))
    }

    /// A saved change is seen whatever it does to the file's size and time: 6039 → 6040 keeps
    /// the size, and is written within the same clock tick as the build before.
    @Test func anEditThatKeepsTheSizeIsSeen() async throws {
        let site = try Site()
        let (root, task) = try await Self.start(site)
        defer { task.cancel() }
        #expect(try await Self.get(root).body.contains("6\u{00A0}039"))
        for value in ["6040", "6041", "6042"] {
            try site.write("content/data/po.csv", "po,antal\nPO 2,\(value)\n")
            let shown = String(value.prefix(1)) + "\u{00A0}" + value.dropFirst()
            let body = try await Self.eventually(root) { $0.contains(shown) }
            #expect(body.contains(shown), "the page shows \(value) after the CSV said so")
        }
    }

    /// HEAD answers as GET does, without a body: the same status, type and length.
    @Test func headAnswersAsGet() async throws {
        let site = try Site()
        let (root, task) = try await Self.start(site)
        defer { task.cancel() }
        let base = "http://\(root.host!):\(root.port!)"
        for path in [root.path, "/", "/esf/finns-inte/", "/esf/ny"] {
            var request = URLRequest(url: URL(string: base + path)!)
            request.httpMethod = "HEAD"
            let (data, response) = try await URLSession.shared.data(for: request)
            let head = response as! HTTPURLResponse
            var getRequest = URLRequest(url: URL(string: base + path)!)
            getRequest.httpMethod = "GET"
            let (getData, getResponse) = try await URLSession.shared.data(for: getRequest)
            let get = getResponse as! HTTPURLResponse
            #expect(head.statusCode == get.statusCode, "\(path)")
            #expect(head.value(forHTTPHeaderField: "Content-Type") == get.value(forHTTPHeaderField: "Content-Type"))
            #expect(data.isEmpty)
            if head.statusCode == 200 {
                #expect(head.value(forHTTPHeaderField: "Content-Length") == String(getData.count), "\(path)")
            }
        }
    }

    /// On Linux the files are watched by the kernel (inotify), not by looking at them again and
    /// again: an idle server does no work.
    @Test func filesAreWatchedByTheKernel() throws {
        #if os(Linux)
        let site = try Site()
        #expect(KernelWatch(site: site.folder.path) != nil)
        #endif
    }

    @Test func theBuiltSiteNeverHoldsTheReloadScript() async throws {
        let site = try Site()
        let report = await StatikSite.Site.build(BuildOptions(source: site.folder, write: false))
        for path in report.files.paths {
            let text = String(decoding: report.files.contents(of: path) ?? Data(), as: UTF8.self)
            #expect(!text.contains("__statik"))
        }
    }
}
