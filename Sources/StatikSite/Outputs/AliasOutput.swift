import Foundation
import StatikCore
import StatikContent
import StatikOutput
import StatikRender

/// The site's old addresses, checked before any page is rendered: each `aliases:` of a page's
/// front matter and of statik.yml, normalised as page paths are (`deltagare`, `/deltagare/`
/// → `deltagare/`; `gammal.html` stays a file), with the page it sends readers to.
struct AliasPlan: Sendable {
    struct Entry: Sendable {
        /// `deltagare/` or `gammal.html`, below the site's root.
        var path: String
        var target: PageSource
        /// Where the old address is written.
        var location: SourceLocation
    }
    var entries: [Entry] = []
    static let mapFile = "redirects.nginx"

    init() {}

    /// `pages`: the site map's; `known`: every page of the edition, published now or not (an
    /// alias of the settings that names a page not yet published is left out, not an error).
    init(config: SiteConfig, pages: [PageSource], known: [[PageSource]], diagnostics: inout [Diagnostic]) {
        var wanted: [(AliasSetting, PageSource)] = pages.flatMap { page in page.frontMatter.aliases.map { ($0, page) } }
        // Most sites have no alias: no table of every page's address (10 000 pages: 0.1 s).
        guard !wanted.isEmpty || !config.aliases.isEmpty else { return }
        // Each page's file by its address, and where a published page is in `pages`.
        let byPath = Dictionary(known.joined().map { ($0.path, $0.file) }, uniquingKeysWith: { first, _ in first })
        let published = Dictionary(pages.indices.map { (pages[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
        var given: [String: SourceLocation] = [:]
        for setting in config.aliases {
            guard let to = setting.to, let path = Self.normalised(to), !path.hasSuffix(".html") else {
                diagnostics.append(.error(Message(.aliasNotAPath, setting.to ?? ""), at: setting.location))
                continue
            }
            if let index = published[path] { wanted.append((setting, pages[index])); continue }
            guard byPath[path] == nil else { continue }
            let hint = closest(to: path, in: pages.map(\.path)).map { Message(.didYouMean, $0) } ?? Message(.aliasWriteAPage)
            diagnostics.append(.error(Message(.aliasNoPage, path, hint), at: setting.location))
        }
        for (setting, page) in wanted {
            guard let path = Self.normalised(setting.from) else {
                diagnostics.append(.error(Message(.aliasNotAPath, setting.from), at: setting.location))
                continue
            }
            if let other = byPath[path] ?? published[path].map({ pages[$0].file }) {
                diagnostics.append(.error(Message(.aliasIsAPage, path, other), at: setting.location))
            } else if let first = given[path] {
                diagnostics.append(.error(Message(.aliasGivenTwice, path, first.description), at: setting.location))
            } else {
                given[path] = setting.location
                entries.append(Entry(path: path, target: page, location: setting.location))
            }
        }
        entries.sort { $0.path < $1.path }
    }

    /// An address as a path below the site's root, or nil when it is not one: a scheme, a
    /// query or fragment, `.` or `..`, or a character other than letters, digits and `-_.~`.
    static func normalised(_ address: String) -> String? {
        let segments = address.split(separator: "/")
        guard segments.allSatisfy({ $0 != "." && $0 != ".." && $0.unicodeScalars.allSatisfy(isAllowed) }) else { return nil }
        let path = segments.joined(separator: "/")
        if path.isEmpty || segments.last!.hasSuffix(".html") { return path }
        return path + "/"
    }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        "-_.~".unicodeScalars.contains(scalar) || scalar.properties.isAlphabetic || scalar.properties.numericType == .decimal
    }

    /// The files the aliases make: a page at each old address, and the map for nginx.
    var outputPaths: [String] {
        entries.isEmpty ? [] : entries.map { Self.file(of: $0.path) } + [Self.mapFile]
    }

    /// Who makes each old address's page: the place the address is written (a file of
    /// content/ at that path is reported naming it).
    var makers: [String: OutputPaths.Maker] {
        Dictionary(entries.map { (Self.file(of: $0.path), OutputPaths.Maker(name: $0.location.description, location: $0.location)) }, uniquingKeysWith: { first, _ in first })
    }

    static func file(of path: String) -> String { path.hasSuffix(".html") ? path : path + "index.html" }
}

/// A page at each old address that sends the reader on (a refresh, and a link with the new
/// page's title; `noindex`, its canonical address the new page's), and `redirects.map`, the
/// same as an nginx map for real 301s (deploy/nginx.conf.example). Never in the sitemap or the
/// search index: neither is made from the aliases.
struct AliasOutput: SiteOutput {
    func paths(_ claim: SiteOutputClaim) -> [String] { claim.aliases.outputPaths }

    func write(_ site: SiteOutputContext, into assembly: inout SiteAssembly) {
        let aliases = site.plan.aliases
        guard !aliases.entries.isEmpty else { return }
        var map = "# Statik: the site's old addresses, each answered with a 301 to the page it moved to (deploy/nginx.conf.example).\n"
        for entry in aliases.entries {
            assembly.files.write(AliasPlan.file(of: entry.path), Self.page(entry, config: site.config))
            let to = site.config.root + entry.target.path
            let old = site.config.root + entry.path
            for from in old.hasSuffix("/") ? [old, String(old.dropLast())] : [old] {
                map += "location = \"\(from)\" { return 301 \"\(to)\"; }\n"
            }
        }
        assembly.files.write(AliasPlan.mapFile, map)
    }

    static func page(_ entry: AliasPlan.Entry, config: SiteConfig) -> String {
        let words = ReaderWords.of(entry.target.language)
        let href = escapeHTML(config.root + entry.target.path)
        let title = escapeHTML(entry.target.frontMatter.title)
        return """
        <!DOCTYPE html>
        <html lang="\(entry.target.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeHTML(words.movedTitle)): \(title)</title>
        <meta name="robots" content="noindex">
        <link rel="canonical" href="\(escapeHTML(config.absoluteURL(entry.target.path)))">
        <meta http-equiv="refresh" content="0; url=\(href)">
        </head>
        <body>
        <main>
        <p>\(escapeHTML(words.movedTo)) <a href="\(href)">\(title)</a>.</p>
        </main>
        </body>
        </html>

        """
    }
}
