import Foundation
package import StatikCore
package import StatikMarkdown
package import StatikContent
import StatikOutput
import StatikSources

/// Every address of the site a link in a page may lead to, known to the build before any page
/// is rendered: the pages (generated ones too), the files under `content/` and the theme's
/// static files. Given to each page in its `RenderEnvironment`; without it, pages are checked
/// for alt text only.
package struct LinkTargets: Sendable {
    var address: SiteAddress
    /// Paths below the root: pages end in `/` (the start page is ``), files do not.
    package var paths: Set<String>
    /// A file's name as it is under `content/` → where it is published, when they differ:
    /// `esf/deltagare.md` → `esf/deltagare/`, `Rapport 2020.pdf` → `rapport-2020.pdf`.
    var published: [String: String]
    /// Pages this build leaves out (drafts, pages still to be released): a link to one is an
    /// error, since the published page would lead nowhere.
    package var heldBack: [String: Publication.HeldBack] = [:]

    package init(config: SiteConfig, pages: [PageSource], assets: [Asset], themeStatic: [String]) {
        address = SiteAddress(config: config)
        var paths = Set(pages.map(\.path))
        var published: [String: String] = [:]
        for page in pages where !page.isTemplate {
            published[String(page.file.dropFirst(ContentTree.folder.count + 1))] = page.path
        }
        for asset in assets {
            paths.insert(asset.path)
            let parts = asset.source.standardizedFileURL.pathComponents
            if let content = parts.lastIndex(of: ContentTree.folder) {
                let original = parts[(content + 1)...].joined(separator: "/")
                if original != asset.path { published[original] = asset.path }
            }
        }
        // The theme's static files the build copies, from all its layers (Theme.staticFiles).
        paths.formUnion(themeStatic)
        paths.insert("sitemap.xml")
        self.paths = paths
        self.published = published
    }

    package init(address: SiteAddress, paths: Set<String>, published: [String: String] = [:]) {
        self.address = address
        self.paths = paths
        self.published = published
    }

    /// The page or file a path below the root is, as a web server finds it (a folder without
    /// its slash is redirected to it).
    func exists(_ relative: String) -> Bool {
        paths.contains(relative) || (!relative.hasSuffix("/") && paths.contains(relative + "/"))
    }
}


package struct PageLinkCheck {
    let page: PageSource
    /// The page's links, when the caller has them (nil: found in `page.body`).
    var links: [MarkdownLink]? = nil
    /// Where links may lead; nil: only alt text is checked.
    var targets: LinkTargets?

    package init(page: PageSource, links: [MarkdownLink]? = nil, targets: LinkTargets? = nil) {
        self.page = page
        self.links = links
        self.targets = targets
    }

    /// The page's links and images, as warnings: an image needs alt text; a link into the site
    /// must lead to one of its pages or files; no link may leave the site's root path (the site
    /// can be published anywhere, so write another part of the web server as a full address).
    /// Links to `#anchors` and other sites are left to `statik check` and to the reader.
    ///
    /// The work is linear in the links: a line is read once however many links it has (its
    /// text is shared by their warnings, its columns counted from the previous link's), and
    /// the nearest page is looked for once per address. 20 000 links to a missing page on
    /// one line took 88 s (a copy of the line and a search of every page per link).
    package func diagnostics() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var lines = LineCache(page: page)
        var hints: [String: Message] = [:]
        var pagePaths: [String]?
        for link in links ?? MarkdownDocument.links(in: page.body) {
            let line = page.bodyLine + link.line - 1
            // The column in characters is worked out only for a link that gets a warning.
            func report(_ severity: Diagnostic.Severity, _ message: Message) {
                let column = lines.characterColumn(line: line, byteColumn: link.column)
                diagnostics.append(Diagnostic(severity, at: page.location(line: line, column: column), message, sourceLine: lines.text(line)))
            }
            func warn(_ message: Message) { report(.warning, message) }
            let what = link.isImage ? Message(.theImage) : Message(.theLink)

            if link.isImage && link.text.trimmingCharacters(in: .whitespaces).isEmpty {
                warn(Message(.imageHasNoAltText, link.destination))
            }
            // An address with {{ params.name }} is checked when the parameter is filled in.
            if link.destination.hasDoubleBraceOrEncoded { continue }
            if let scheme = URLPolicy.refusedScheme(link.destination, isImage: link.isImage) {
                warn(Message(.addressWhichStatikLeavesOut, what, scheme))
                continue
            }
            guard let targets else { continue }
            let address = targets.address
            let here = address.root + page.path
            switch address.resolve(link.destination, from: here) {
            case .external:
                continue
            case .script:
                warn(Message(.javascriptLinkWhichDoesNothing, what))
            case .local(let path, let fragment):
                if link.destination.hasPrefix("#") || (path == here && fragment != nil) { continue }
                func relativeLink(_ target: String) -> String {
                    link.destination.hasPrefix("/") ? address.root + target : SiteAddress.relativeLink(from: here, to: address.root + target)
                }
                guard let relative = address.relative(path) else {
                    let inside = String(path.dropFirst())
                    if address.root != "/", targets.exists(inside) {
                        warn(Message(.leadsOutsideSiteNotUnder, what, path, address.root, relativeLink(inside)))
                    } else {
                        let full = address.origin.map { " (\($0)\(path))" } ?? ""
                        warn(Message(.leadsOutsideSiteNotUnder2, what, path, address.root, full))
                    }
                    continue
                }
                if targets.exists(relative) { continue }
                if let held = targets.heldBack[relative] ?? targets.heldBack[relative + "/"] {
                    let why = held.until.map { Message(.heldBackUntil, $0.iso, held.key, held.file) } ?? Message(.heldBackDraft, held.file)
                    report(.error, Message(.leadsWhichBuildDoesNot, what, path, why))
                    continue
                }
                if let page = targets.published[relative] {
                    let kind = relative.hasSuffix(".md") ? Message(.theMarkdownFile, relative) : Message(.quotedName, relative)
                    warn(Message(.leadsWhichPublishedWrite, what, kind, address.root + page, relativeLink(page)))
                    continue
                }
                let key = (link.isImage ? "i" : "p") + (link.destination.hasPrefix("/") ? "/" : "") + relative
                let hint: Message
                if let known = hints[key] {
                    hint = known
                } else {
                    if pagePaths == nil { pagePaths = targets.paths.filter { $0.isEmpty || $0.hasSuffix("/") }.sorted() }
                    hint = closest(to: relative, in: link.isImage ? targets.paths.sorted() : pagePaths!).map { Message(.didYouMeanLink, relativeLink($0)) } ?? Message(.nothing)
                    hints[key] = hint
                }
                if link.isImage || relative.split(separator: "/").last?.contains(".") == true {
                    warn(Message(.leadsButThereNoSuch, what, path, ContentTree.folder, relative, hint))
                } else {
                    warn(Message(.leadsButSiteHasNo, what, path, hint))
                }
            }
        }
        return diagnostics
    }
}

/// The lines of a page as its link warnings quote them: the file split once, each line's text
/// made once (every warning on it shares it), and columns in characters counted onwards from
/// the last link on the same line.
private struct LineCache {
    let page: PageSource
    private var lines: [Substring]?
    private var texts: [Int: String] = [:]
    private var counted: (line: Int, byte: Int, characters: Int) = (0, 0, 0)

    init(page: PageSource) { self.page = page }

    private mutating func line(_ number: Int) -> Substring? {
        if lines == nil { lines = page.lines }
        guard number >= 1, number <= lines!.count else { return nil }
        return lines![number - 1]
    }

    /// Line `number` as a diagnostic quotes it.
    mutating func text(_ number: Int) -> String? {
        if let known = texts[number] { return known }
        guard let line = line(number) else { return nil }
        let text = String(line.trimmingTrailingSpace())
        texts[number] = text
        return text
    }

    /// cmark counts columns in bytes; a message counts characters, so that the caret stands
    /// under the right one after å, ä and ö.
    mutating func characterColumn(line number: Int, byteColumn: Int) -> Int {
        guard let line = line(number) else { return byteColumn }
        let utf8 = line.utf8
        let target = min(max(0, byteColumn - 1), utf8.count)
        var (from, characters) = (0, 0)
        if counted.line == number, counted.byte <= target { (from, characters) = (counted.byte, counted.characters) }
        let start = utf8.index(utf8.startIndex, offsetBy: from), end = utf8.index(utf8.startIndex, offsetBy: target)
        characters += String(decoding: utf8[start..<end], as: UTF8.self).count
        counted = (number, target, characters)
        return characters + 1
    }

}
