public import Foundation
import StatikCore
import StatikHTMLText
public import StatikContent

/// `statik check`: a built site as its readers and its web server see it. Every internal link,
/// `#anchor` and asset (stylesheet, image, a file a stylesheet names) must resolve, every page
/// must be reachable from the start page, and nothing may point outside the site's root path.
///
/// It reads the files on disk, not the build's memory: it checks what will be deployed, whoever
/// built it.
public enum SiteCheck {
    /// One problem, as `file: problem`.
    public struct Problem: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The file, as the user named the site folder (`public/esf/index.html`).
        public var file: String
        public var message: String

        public var description: String { "\(file): \(message)" }

        public static func < (a: Self, b: Self) -> Bool { (a.file, a.message) < (b.file, b.message) }
    }

    public struct Report: Sendable {
        public var problems: [Problem] = []
        /// HTML pages read.
        public var pages = 0
        /// Internal links and asset references checked (anchors and stylesheets' `url()` too).
        public var links = 0
        /// Links to other sites: counted, not followed (CI has no network).
        public var external = 0
        /// The root path checked against, and where it came from (`statik.yml` or the start page).
        public var root = "/"
        public var rootSource = ""

        /// `Checked 13 pages under /esf-statistik/ (root from statik.yml): 412 links, 9 external links not followed; no problems`
        public var summary: String {
            let found = problems.isEmpty ? "no problems" : "\(problems.count) problem\(problems.count == 1 ? "" : "s")"
            return "Checked \(pages) page\(pages == 1 ? "" : "s") under \(root) (\(rootSource)): \(links) link\(links == 1 ? "" : "s") checked, \(external) external not followed; \(found)"
        }
    }

    /// The folder `statik check` reads when none is named: `output:` of statik.yml, else `public/`.
    public static func defaultSite(source: URL, edition: Edition = .public) -> URL {
        var ignored: [Diagnostic] = []
        let config = SiteConfig.load(from: source, edition: edition, diagnostics: &ignored)
        return source.appendingPathComponent(config?.output ?? (edition == .public ? "public" : "public-\(edition.rawValue)"))
    }

    /// A folder as problems name it: relative to the current folder when it is below it.
    public static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }

    /// Checks the built site in `site`. The root path comes from `statik.yml` in `source`, or,
    /// without one, from the start page's own links. `display` is how problems name the site
    /// folder (as the user wrote it).
    public static func run(site: URL, source: URL?, edition: Edition = .public, display: String) -> Report {
        var report = Report()
        let prefix = display.isEmpty || display == "." ? "" : (display.hasSuffix("/") ? display : display + "/")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: site.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            report.problems.append(Problem(file: display, message: "there is no such folder; build the site first (statik build)"))
            return report
        }
        let files = ContentTree.listFiles(site).files  // as the build lists a folder: no hidden files, links to files followed
        var address: SiteAddress?
        if let source, FileManager.default.fileExists(atPath: source.appendingPathComponent(SiteConfig.fileName).path) {
            var diagnostics: [Diagnostic] = []
            if let config = SiteConfig.load(from: source, edition: edition, diagnostics: &diagnostics), diagnostics.errors.isEmpty {
                address = SiteAddress(config: config)
                report.rootSource = "root path from \(SiteConfig.fileName)"
            } else {
                for d in diagnostics.errors {
                    report.problems.append(Problem(file: source.appendingPathComponent(d.location.file).path, message: d.message))
                }
                return report
            }
        }
        if address == nil {
            address = SiteAddress(root: inferRoot(site: site, files: Set(files)))
            report.rootSource = "root path inferred from index.html"
        }
        check(site: site, files: files, address: address!, prefix: prefix, into: &report)
        return report
    }

    // MARK: - The check

    private enum Kind: String {
        case link, image, stylesheet, script, file
    }

    private struct Reference {
        var kind: Kind
        var value: String
        /// A link a reader follows (`<a href>`): it makes the target reachable.
        var navigates: Bool
    }

    private struct Page {
        var ids: Set<String> = []
        var duplicateIDs: Set<String> = []
        var references: [Reference] = []
        /// `<meta http-equiv="refresh">`: a page at an old address that sends readers on
        /// (`aliases:`); its readers come by the old links, not the site's own.
        var movesOn = false
    }

    static func check(site: URL, files: [String], address: SiteAddress, prefix: String, into report: inout Report) {
        report.root = address.root
        // 1. Read every page: its ids and what it refers to.
        var pages: [String: Page] = [:]
        for file in files where isHTML(file) {
            let html = (try? String(contentsOf: site.appendingPathComponent(file), encoding: .utf8))
                ?? String(decoding: (try? Data(contentsOf: site.appendingPathComponent(file))) ?? Data(), as: UTF8.self)
            pages[file] = read(html)
        }
        report.pages = pages.count
        // 2. Follow every reference, 3. and every page can be reached from the start page.
        var checker = Checker(site: site, files: Set(files), address: address, prefix: prefix, pages: pages)
        for (file, page) in pages.sorted(by: { $0.key < $1.key }) {
            for reference in page.references { checker.follow(reference, from: file) }
            for id in page.duplicateIDs.sorted() {
                checker.problem(file, "the id \"\(id)\" is used more than once on this page; a link to #\(id) goes to the first")
            }
        }
        for file in files where file.lowercased().hasSuffix(".css") {
            let css = String(decoding: (try? Data(contentsOf: site.appendingPathComponent(file))) ?? Data(), as: UTF8.self)
            for value in cssReferences(css) {
                checker.follow(Reference(kind: .file, value: value, navigates: false), from: file)
            }
        }
        checker.checkSitemap()
        checker.checkReachable()
        report.links += checker.links
        report.external += checker.external
        report.problems = checker.problems.sorted()
    }

    /// A page's ids and the references of its elements and its CSS.
    private static func read(_ html: String) -> Page {
        var page = Page()
        var styles: [String] = []
        for token in HTMLTokenizer.tokens(html) {
            switch token {
            case .start(let tag):
                for (name, value) in tag.attributes where name == "id" || (name == "name" && tag.name == "a") {
                    if !page.ids.insert(value).inserted, name == "id" { page.duplicateIDs.insert(value) }
                }
                page.references += references(of: tag)
                if tag.name == "meta", tag["http-equiv"]?.lowercased() == "refresh" { page.movesOn = true }
                if let style = tag["style"] { styles.append(style) }
            case .rawText(element: "style", let css):
                styles.append(css)
            default:
                continue
            }
        }
        for style in styles {
            page.references += cssReferences(style).map { Reference(kind: .file, value: $0, navigates: false) }
        }
        return page
    }

    /// Follows references through the site's files, and keeps what it finds.
    private struct Checker {
        let site: URL
        let files: Set<String>
        let address: SiteAddress
        let prefix: String
        let pages: [String: Page]
        var problems = Set<Problem>()
        var links = 0
        var external = 0
        /// The pages each page links to.
        var reachable: [String: Set<String>] = [:]

        mutating func problem(_ file: String, _ message: String) { problems.insert(Problem(file: prefix + file, message: message)) }

        mutating func follow(_ reference: Reference, from file: String) {
            let base = address.root + urlPath(of: file)
            switch address.resolve(reference.value, from: base) {
            case .external:
                external += 1
            case .script:
                links += 1
                problem(file, "\(reference.kind.rawValue) \(reference.value): it does nothing without JavaScript; link to a page or a file")
            case .local(let path, let fragment):
                links += 1
                follow(reference, to: path, fragment: fragment, from: file, base: base)
            }
        }

        private mutating func follow(_ reference: Reference, to path: String, fragment: String?, from file: String, base: String) {
            // As written, and where it leads when that is not plain from the text.
            let written = reference.value.hasPrefix("/") ? reference.value : "\(reference.value) (\(path))"
            // A suggestion in the form the link was written in: relative, or from the root.
            let address = self.address
            func suggest(_ target: String) -> String {
                "; did you mean \(reference.value.hasPrefix("/") ? address.root + target : SiteAddress.relativeLink(from: base, to: address.root + target))?"
            }
            guard let relative = address.relative(path) else {
                let inside = String(path.dropFirst())
                let hint = address.root != "/" && resolveFile(inside, in: files) != nil ? suggest(inside) : ""
                problem(file, "\(reference.kind.rawValue) \(written) leads outside the site: its addresses start with \(address.root)\(hint)")
                return
            }
            guard let target = resolveFile(relative, in: files) else {
                let folders = Set(files.filter(isHTML).map(urlPath(of:)))
                let hint = closest(to: relative, in: folders.sorted()).map(suggest) ?? ""
                problem(file, "\(reference.kind.rawValue) \(written): there is no such \(reference.kind == .link ? "page or file" : "file") in the site\(hint)")
                return
            }
            if reference.navigates && isHTML(target) { reachable[file, default: []].insert(target) }
            if let fragment, !fragment.isEmpty, let targetPage = pages[target], !targetPage.ids.contains(fragment), fragment != "top" {
                let which = target == file ? "this page" : "the page \(address.root + urlPath(of: target))"
                problem(file, "\(reference.kind.rawValue) \(reference.value): \(which) has no element with id=\"\(fragment)\"")
            }
        }

        /// Every address of `sitemap.xml` is a page of the site.
        mutating func checkSitemap() {
            guard files.contains("sitemap.xml") else { return }
            let xml = String(decoding: (try? Data(contentsOf: site.appendingPathComponent("sitemap.xml"))) ?? Data(), as: UTF8.self)
            var rest = xml[...]
            while let open = rest.range(of: "<loc>"), let close = rest[open.upperBound...].range(of: "</loc>") {
                let loc = CharacterReferences.decode(rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines))
                rest = rest[close.upperBound...]
                links += 1
                // Without the site's host (no statik.yml), a sitemap's full address is read as its path.
                let written = address.origin == nil ? SiteAddress.pathOf(absolute: loc) ?? loc : loc
                guard case .local(let path, _) = address.resolve(written, from: address.root), let relative = address.relative(path) else {
                    problem("sitemap.xml", "\(loc) is not an address of this site (its addresses start with \(address.origin ?? "")\(address.root))")
                    continue
                }
                if resolveFile(relative, in: files).map(isHTML) != true {
                    problem("sitemap.xml", "\(loc) is listed, but there is no such page in the site")
                }
            }
        }

        /// Every page can be reached from the start page.
        mutating func checkReachable() {
            guard pages["index.html"] != nil else {
                problem("index.html", "the site has no start page (index.html)")
                return
            }
            var seen: Set<String> = ["index.html"]
            var queue = ["index.html"]
            while let next = queue.popLast() {
                for target in reachable[next, default: []] where seen.insert(target).inserted { queue.append(target) }
            }
            for file in pages.keys.sorted() where !seen.contains(file) && !["404.html", "50x.html"].contains(file) && pages[file]?.movesOn != true {
                problem(file, "no link leads to this page: it is not in the menu, nor linked from another page that is")
            }
        }
    }

    private static func references(of element: HTMLTag) -> [Reference] {
        var found: [Reference] = []
        func add(_ attribute: String, _ kind: Kind, navigates: Bool = false) {
            if let value = element[attribute] { found.append(Reference(kind: kind, value: value, navigates: navigates)) }
        }
        func addSrcset(_ kind: Kind) {
            guard let srcset = element["srcset"] else { return }
            for candidate in srcset.split(separator: ",") {
                if let url = candidate.split(whereSeparator: \.isWhitespace).first { found.append(Reference(kind: kind, value: String(url), navigates: false)) }
            }
        }
        switch element.name {
        case "a", "area": add("href", .link, navigates: true)
        case "link":
            let rel = (element["rel"] ?? "").lowercased().split(separator: " ")
            if rel.contains("preconnect") || rel.contains("dns-prefetch") { break }
            add("href", rel.contains("stylesheet") ? .stylesheet : rel.contains("icon") ? .image : .link)
        case "img": add("src", .image); addSrcset(.image)
        case "source": add("src", .file); addSrcset(.image)
        case "script": add("src", .script)
        case "iframe", "embed", "audio", "track": add("src", .file)
        case "video": add("src", .file); add("poster", .image)
        case "object": add("data", .file)
        case "input" where element["type"]?.lowercased() == "image": add("src", .image)
        default: break
        }
        return found
    }

    /// The file a path below the root is served from: `esf/` → `esf/index.html`; a folder
    /// without its slash is redirected to it, as web servers do.
    private static func resolveFile(_ relative: String, in files: Set<String>) -> String? {
        if relative.isEmpty || relative.hasSuffix("/") {
            return files.contains(relative + "index.html") ? relative + "index.html" : nil
        }
        if files.contains(relative) { return relative }
        if files.contains(relative + "/index.html") { return relative + "/index.html" }
        return nil
    }

    /// `esf/index.html` → `esf/`: the address of a file below the root.
    private static func urlPath(of file: String) -> String {
        if file == "index.html" { return "" }
        if file.hasSuffix("/index.html") { return String(file.dropLast("index.html".count)) }
        return file
    }

    private static func isHTML(_ file: String) -> Bool {
        let lower = file.lowercased()
        return lower.hasSuffix(".html") || lower.hasSuffix(".htm")
    }

    /// Without statik.yml: the prefix of the start page's root-relative links under which most
    /// of them name a file of the site (`/esf-statistik/` when `/esf-statistik/css/statik.css`
    /// is `css/statik.css`).
    static func inferRoot(site: URL, files: Set<String>) -> String {
        guard let data = try? Data(contentsOf: site.appendingPathComponent("index.html")) else { return "/" }
        var votes: [String: Int] = [:]
        for case .start(let element) in HTMLTokenizer.tokens(String(decoding: data, as: UTF8.self)) {
            for reference in references(of: element) where reference.value.hasPrefix("/") && !reference.value.hasPrefix("//") {
                var path = reference.value
                if let cut = path.firstIndex(where: { $0 == "#" || $0 == "?" }) { path = String(path[..<cut]) }
                path = path.removingPercentEncoding ?? path
                var index = path.startIndex
                while let slash = path[index...].firstIndex(of: "/") {
                    let root = String(path[...slash])
                    if resolveFile(String(path[path.index(after: slash)...]), in: files) != nil { votes[root, default: 0] += 1 }
                    index = path.index(after: slash)
                }
            }
        }
        return votes.max { ($0.value, $0.key.count) < ($1.value, $1.key.count) }?.key ?? "/"
    }
}
