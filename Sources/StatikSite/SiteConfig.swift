import Foundation
import StatikCore
import Yams

/// The site's settings, from `statik.yml`.
public struct SiteConfig: Sendable {
    public var title = "Statik"
    public var baseURL = "/"
    public var language = "sv"
    public var theme = "default"
    public var output: String?
    /// Where `theme:` was set, for a message about a theme that does not exist.
    var themeLocation = SourceLocation(file: fileName)
    /// Let authors' raw HTML through (off by default: it is left out of the page).
    public var unsafeHTML = false

    static let fileName = "statik.yml"
    static let keys = ["title", "baseURL", "language", "theme", "output", "unsafe_html"]

    /// The path every link of the site starts with: `/` or, for `https://x.se/esf/`, `/esf/`.
    public var root: String {
        var path = baseURL
        if let scheme = path.range(of: "://") {
            let afterScheme = path[scheme.upperBound...]
            path = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? "/"
        }
        if !path.hasPrefix("/") { path = "/" + path }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    /// The absolute URL of a page path (`esf/deltagare/`), for the sitemap and canonical links.
    public func absoluteURL(_ path: String) -> String {
        let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        return base + path
    }

    static func load(from directory: URL, diagnostics: inout [Diagnostic]) -> SiteConfig? {
        let url = directory.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.append(.error("no \(fileName) here: is this a Statik site? (statik new site DIR makes one)", at: SourceLocation(file: fileName)))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(.error("\(fileName) is not UTF-8 text", at: SourceLocation(file: fileName)))
            return nil
        }
        var config = SiteConfig()
        let source = YAMLSource(file: fileName, firstLine: 1, text: text)
        let node = source.parse(into: &diagnostics)
        if node == nil && diagnostics.errors.isEmpty { return config }  // an empty file: all defaults
        guard let mapping = YAMLMapping(node, source: source, what: fileName, diagnostics: &diagnostics) else { return nil }
        mapping.warnUnknownKeys(allowed: keys, what: "setting", into: &diagnostics)
        if let title = mapping.string("title", into: &diagnostics) { config.title = title }
        if let baseURL = mapping.string("baseURL", into: &diagnostics) { config.baseURL = baseURL }
        if let language = mapping.string("language", into: &diagnostics) { config.language = language }
        if let theme = mapping.string("theme", into: &diagnostics) {
            config.theme = theme
            config.themeLocation = mapping.location(of: "theme")
        }
        if let output = mapping.string("output", into: &diagnostics) { config.output = output }
        if let node = mapping["unsafe_html"] {
            if let flag = node.bool { config.unsafeHTML = flag } else {
                diagnostics.append(.error("unsafe_html must be true or false", at: mapping.location(of: "unsafe_html")))
            }
        }
        return config
    }
}
