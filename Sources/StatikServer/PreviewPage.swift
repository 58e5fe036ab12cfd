import Foundation
import Hummingbird
import StatikCore

/// What the preview adds to the pages it serves, and how it maps URLs to built files.
enum PreviewPage {
    /// `/esf-statistik/esf/` under the root `/esf-statistik/` → `esf/index.html`; nil for a
    /// path outside the site or one that tries to climb out of it.
    static func relativePath(_ path: String, root: String) -> String? {
        let decoded = path.removingPercentEncoding ?? path
        guard decoded.hasPrefix(root) || decoded + "/" == root else { return nil }
        var relative = String(decoded.dropFirst(min(root.count, decoded.count)))
        let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.contains(where: { $0 == ".." || $0 == "." }), !relative.contains("\\"), !relative.contains("\0") else { return nil }
        if relative.isEmpty || relative.hasSuffix("/") { relative += "index.html" }
        return relative
    }

    static func contentType(_ file: String) -> String {
        switch (file as NSString).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "xml": "application/xml; charset=utf-8"
        case "json", "geojson": "application/json"
        case "csv": "text/csv; charset=utf-8"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "pdf": "application/pdf"
        case "txt": "text/plain; charset=utf-8"
        case "woff2": "font/woff2"
        default: "application/octet-stream"
        }
    }

    static func redirect(to location: String) -> Response {
        Response(status: .movedPermanently, headers: [.location: location])
    }

    /// The reload script, and (when the build is broken) the overlay, before `</body>`.
    static func inject(into html: String, problems: [Diagnostic], language: Language = .swedish) -> String {
        var addition = "<script src=\"/__statik/reload.js\"></script>"
        if !problems.isEmpty { addition = overlay(problems, language: language) + addition }
        if let end = html.range(of: "</body>", options: .backwards) {
            return html.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: addition)
        }
        return html + addition
    }

    /// The build errors over the page, readable without the script too.
    static func overlay(_ problems: [Diagnostic], language: Language = .swedish) -> String {
        var html = "<div id=\"statik-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:16px/1.5 ui-monospace,monospace;padding:2rem\">"
        html += "<h2 style=\"color:#ffb3b3;margin-top:0\">\(escapeHTML(Message(.overlayTitle).text(language)))</h2><p>\(escapeHTML(Message(.overlayText).text(language)))</p>"
        for problem in problems {
            html += "<pre style=\"white-space:pre-wrap;background:#000;padding:1rem;border-left:4px solid #ff6b6b\">\(escapeHTML(problem.rendered(in: language)))</pre>"
        }
        return html + "</div>"
    }

    static func problemsJSON(_ problems: [Diagnostic], language: Language = .swedish) -> String {
        let texts = problems.map { $0.rendered(in: language) }
        let data = (try? JSONSerialization.data(withJSONObject: texts, options: [.sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static let reloadScript = """
    // Statik preview: reload on a rebuild, show build errors over the page.
    (function () {
      var source = new EventSource("/__statik/events");
      function clear() { var o = document.getElementById("statik-overlay"); if (o) o.remove(); }
      source.addEventListener("reload", function () { location.reload(); });
      source.addEventListener("problems", function (event) {
        clear();
        var o = document.createElement("div");
        o.id = "statik-overlay";
        o.setAttribute("role", "alert");
        o.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);color:#fff;font:16px/1.5 ui-monospace,monospace;padding:2rem";
        var h = document.createElement("h2");
        h.textContent = "Bygget misslyckades";
        h.style.cssText = "color:#ffb3b3;margin-top:0";
        o.appendChild(h);
        var p = document.createElement("p");
        p.textContent = "Sidan nedan är den senaste som gick att bygga. Rätta felet och spara, så försvinner rutan av sig själv.";
        o.appendChild(p);
        JSON.parse(event.data).forEach(function (text) {
          var pre = document.createElement("pre");
          pre.textContent = text;
          pre.style.cssText = "white-space:pre-wrap;background:#000;padding:1rem;border-left:4px solid #ff6b6b";
          o.appendChild(pre);
        });
        document.body.appendChild(o);
      });
    })();
    """
}
