package import Foundation
package import StatikCore
import StatikData

/// One Markdown file of the site, read and split, before anything is rendered.
package struct PageSource: Sendable {
    /// `content/esf/deltagare.md`: how diagnostics name the file.
    package var file: String
    /// `esf/deltagare/`: the page's path below the site root ("" for the start page).
    package var path: String
    package var frontMatter: FrontMatter
    /// The file's text: its front matter, then its body as the edition keeps it. Held once:
    /// `body` and `lines` are read from it when asked for. A 10 000-page site holds every
    /// page's source until its pages are written; a body copied beside the text, and the text's
    /// lines as an array, were 60 of its 225 MB at the peak (bench/run).
    private var text: String
    /// Where the body starts in `text`, in UTF-8 bytes.
    private var bodyOffset: Int
    /// The Markdown after the front matter.
    package var body: String {
        get { bodyOffset == 0 ? text : String(Substring(text.utf8.dropFirst(bodyOffset))) }
        set { text = Self.joined(Substring(text.utf8.prefix(bodyOffset)), newValue) }
    }
    /// The front matter as written: the file's lines before `bodyLine`, each ended by a line
    /// break.
    package var header: Substring { Substring(text.utf8.prefix(bodyOffset)) }
    /// The line of the file where `body` starts.
    package var bodyLine: Int
    /// The file's lines (the body's as the edition keeps them).
    package var lines: [Substring] { text.lines }
    /// The folder of the file, relative to `content/` (`esf`), and whether it is that folder's index.
    var folder: String
    var isIndex: Bool
    /// For a page made from a row of a `pages:` query: the values of the brackets in its path
    /// (`region: SE21`), outermost first.
    package var row: [(name: String, value: String)] = []
    /// For page 2, 3, … of a dated list (`aktuellt/sida/2/`): its number, and the path of the
    /// section's own page, which stands for it in the menu and the breadcrumbs.
    package var listingPage = 1
    package var sectionPath: String?
    /// A page Statik makes itself (the release calendar when no file gives it): no file, no body.
    package var isGenerated = false
    /// The page's language: its own `language:`, else its section's, else the site's.
    package var language = Language.swedish
    /// In the intranet edition: the body's lines (0-based) of its intranet-only blocks, fences
    /// included, which the public edition does not have (`publicView`).
    package var intranetBlocks: [ClosedRange<Int>] = []

    package var isHome: Bool { path.isEmpty }
    /// The path the menu, the breadcrumbs and lists know the page by.
    package var mapPath: String { sectionPath ?? path }
    /// A file whose path has `[name]` in it stands for many pages (see `PageExpansion`).
    package var isTemplate: Bool { path.contains("[") }

    /// `header`: the front matter's lines, each ended by a line break (the body starts on the
    /// line after them).
    package init(file: String, path: String, frontMatter: FrontMatter, header: Substring = "", body: String, bodyLine: Int,
         folder: String, isIndex: Bool, isGenerated: Bool = false) {
        self.file = file
        self.path = path
        self.frontMatter = frontMatter
        text = header.isEmpty ? body : Self.joined(header, body)
        bodyOffset = header.utf8.count
        self.bodyLine = bodyLine
        self.folder = folder
        self.isIndex = isIndex
        self.isGenerated = isGenerated
    }

    /// The page as the public edition has it, read in the intranet edition: nil for a page only
    /// the intranet has, else this page with its intranet-only blocks blank (every line kept
    /// where it is, as the public edition's filter leaves them). What the intranet marks as
    /// withheld is what this page withholds in the public edition (DisclosurePlan).
    package var publicView: PageSource? {
        guard frontMatter.edition != .intranet else { return nil }
        guard !intranetBlocks.isEmpty else { return self }
        var lines = body.lines
        for range in intranetBlocks {
            for i in range where i < lines.count { lines[i] = "" }
        }
        var view = self
        view.body = lines.joined(separator: "\n")
        view.intranetBlocks = []
        return view
    }

    /// `header` and `body` in one string exactly as long as they are: `+` leaves room to grow,
    /// up to as much again, and every page's text is held until it is written (10 000 pages: 25
    /// of 204 MB at the peak, heaptrack).
    private static func joined(_ header: Substring, _ body: String) -> String {
        var joined = String()
        joined.reserveCapacity(header.utf8.count + body.utf8.count)
        joined += header
        joined += body
        return joined
    }

    /// The first line of the file (1-based) whose bytes hold `needle`.
    package func firstLine(containing needle: String) -> Int? {
        guard text.containsBytes(needle) else { return nil }
        return lines.firstIndex { $0.containsBytes(needle) }.map { $0 + 1 }
    }

    /// Line `line` of the file (1-based) as a diagnostic quotes it; nil past its end.
    package func sourceLine(_ line: Int) -> String? {
        guard line >= 1 else { return nil }
        var rest = Substring(text)
        for _ in 1..<line {
            guard let end = rest.utf8.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            rest = rest[rest.utf8.index(after: end)...]
        }
        let end = rest.utf8.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
        return String(rest[..<end].trimmingTrailingSpace())
    }

    package func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    package func diagnostic(_ severity: Diagnostic.Severity, _ message: Message, line: Int, column: Int = 1) -> Diagnostic {
        Diagnostic(severity, at: location(line: line, column: column), message, sourceLine: sourceLine(line))
    }
}

/// A file under `content/` that is published as it is (an image, a PDF).
package struct Asset: Sendable {
    package var source: URL
    package var path: String
}

/// Everything under `content/`: pages, the data folder's CSV files, and assets.
package struct ContentTree: Sendable {
    package var pages: [PageSource] = []
    package var dataFiles: [(file: String, url: URL)] = []
    /// The other files of the data folder (a map's GeoJSON geometry): read while pages render.
    package var otherDataFiles: [(file: String, url: URL)] = []
    package var assets: [Asset] = []

    package static let folder = "content"
    package static let dataFolder = "data"

    package static func load(siteDirectory: URL, diagnostics: inout [Diagnostic]) -> ContentTree {
        var tree = ContentTree()
        let root = siteDirectory.appendingPathComponent(folder).standardizedFileURL
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.append(.error(Message(.thereNoContentFolderPages), at: SourceLocation(file: folder)))
            return tree
        }
        let realRoot = realPath(root.path)
        enum Entry: Sendable {
            case outside(String), data, page(PageSource?, [Diagnostic]), asset(Asset)
        }
        // Every file looked at on all cores (a large site has thousands of pages to read and
        // split); the results are then taken in path order, so the tree never depends on timing.
        let (relatives, linkedFiles, linkedFolders, broken) = listFiles(root)
        for folder in linkedFolders {
            diagnostics.append(.warning(Message(.linkFolderWhichBuildDoes, Self.folder), at: SourceLocation(file: "\(Self.folder)/\(folder)")))
        }
        for link in broken {
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: root.path + "/" + link)) ?? "?"
            diagnostics.append(.error(Message(.linkWhichDoesNotExist, target), at: SourceLocation(file: "\(Self.folder)/\(link)")))
        }
        let rootPath = root.path
        // A name with a line break or another control character cannot be written in an
        // address or a message; it is left out, with an error.
        let controlled = relatives.filter { $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }
        for relative in controlled {
            diagnostics.append(.error(Message(.fileSNameHasLine), at: SourceLocation(file: "\(folder)/\(relative)")))
        }
        let named = relatives.filter { !controlled.contains($0) }
        let entries = concurrentMap(named) { relative -> Entry in
            let file = "\(folder)/\(relative)"
            let path = rootPath + "/" + relative
            // Links to folders are not followed, so only a file that is itself a link can lead
            // out of content/.
            let real = linkedFiles.contains(relative) ? realPath(path) : realRoot + "/" + relative
            guard real == realRoot || real.hasPrefix(realRoot + "/") else { return .outside(real) }
            let url = URL(fileURLWithPath: path, isDirectory: false)  // a file: no stat to find out
            let components = relative.split(separator: "/")
            if components.first.map(String.init) == dataFolder { return .data }
            if relative.hasSuffix(".md") {
                var diagnostics: [Diagnostic] = []
                let page = readPage(url: url, relative: relative, file: file, diagnostics: &diagnostics)
                return .page(page, diagnostics)
            }
            return .asset(Asset(source: url, path: components.map { urlSegment(String($0)) }.joined(separator: "/")))
        }
        var seenPaths: [String: String] = [:]
        for (relative, entry) in zip(named, entries) {
            let file = "\(folder)/\(relative)"
            switch entry {
            case .outside(let real):
                diagnostics.append(.error(Message(.linkFileOutsideContentCopy, real), at: SourceLocation(file: file)))
            case .data:
                if DataFileFormats.format(of: relative) != nil {
                    tree.dataFiles.append((file, root.appendingPathComponent(relative)))
                } else {
                    tree.otherDataFiles.append((file, root.appendingPathComponent(relative)))
                }
            case .page(let page, let found):
                diagnostics += found
                guard let page else { continue }
                if let other = seenPaths[page.path] {
                    diagnostics.append(.error(Message(.pageHasSameUrlRename, page.path, other), at: SourceLocation(file: file)))
                    continue
                }
                seenPaths[page.path] = file
                tree.pages.append(page)
            case .asset(let asset):
                tree.assets.append(asset)
            }
        }
        return tree
    }

    /// Files below `root`, relative, sorted, hidden ones left out; which of them are links (to
    /// be followed to where they lead); and the links to folders, which are not followed.
    package static func listFiles(_ root: URL) -> (files: [String], linkedFiles: Set<String>, linkedFolders: [String], broken: [String]) {
        var files: [String] = [], linkedFiles: Set<String> = [], linkedFolders: [String] = [], broken: [String] = []
        walkFolder(root.path, skip: { $0.hasPrefix(".") }) { relative, entry in
            switch entry {
            case .file: files.append(relative)
            case .link(toFolder: false): files.append(relative); linkedFiles.insert(relative)
            case .link(toFolder: true): linkedFolders.append(relative)
            case .brokenLink: broken.append(relative)
            case .folder: break
            }
        }
        return (files.sorted(), linkedFiles, linkedFolders.sorted(), broken.sorted())
    }

    private static func readPage(url: URL, relative: String, file: String, diagnostics: inout [Diagnostic]) -> PageSource? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.append(.error(Message(.couldNotReadFile), at: SourceLocation(file: file)))
            return nil
        }
        guard var text = String(data: data, encoding: .utf8) else {
            // Where the first byte that is not UTF-8 is: its line and column.
            let bytes = [UInt8](data)
            var line = 1, lineStart = 0, i = 0
            while i < bytes.count {
                let b = bytes[i]
                let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
                if length == 0 || i + length > bytes.count || String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil { break }
                if b == 0x0A { line += 1; lineStart = i + 1 }
                i += length
            }
            let column = String(decoding: bytes[lineStart..<min(i, bytes.count)], as: UTF8.self).count + 1
            let windows = CSVTable.windows1252(bytes[...]) != nil ? Message(.looksLikeWindows1252) : Message(.nothing)
            diagnostics.append(.error(Message(.fileNotUtf8Text, windows), at: SourceLocation(file: file, line: line, column: column)))
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.withUTF8({ $0.count > 0 && memchr($0.baseAddress!, 0x0D, $0.count) != nil }), text.contains("\r\n") { text = text.replacingOccurrences(of: "\r\n", with: "\n") }  // saved on Windows
        let (matter, body, bodyLine) = FrontMatter.split(text, file: file, diagnostics: &diagnostics)
        var components = relative.split(separator: "/").map(String.init)
        let name = String(components.removeLast().dropLast(3))
        for (i, component) in components.enumerated() where urlSegment(component) != component {
            diagnostics.append(.warning(Message(.folderNamePublishedRenameFolder, component, urlSegment(component)), at: SourceLocation(file: file)))
            components[i] = urlSegment(component)
        }
        let isIndex = name == "index"
        if !isIndex && urlSegment(name) != name {
            diagnostics.append(.warning(Message(.fileNameMdPublishedRename, name, urlSegment(name), urlSegment(name)), at: SourceLocation(file: file)))
        }
        var path = components.joined(separator: "/")
        if !isIndex { path += (path.isEmpty ? "" : "/") + urlSegment(name) }
        if !path.isEmpty { path += "/" }
        return PageSource(
            file: file, path: path, frontMatter: matter, header: Substring(text.utf8.prefix(text.utf8.count - body.utf8.count)), body: String(body), bodyLine: bodyLine,
            folder: components.joined(separator: "/"), isIndex: isIndex
        )
    }

    /// `[region]`: a path component that stands for the rows of a `pages:` query.
    package static func isBracketed(_ name: some StringProtocol) -> Bool {
        name.count > 2 && name.hasPrefix("[") && name.hasSuffix("]")
    }

    /// A file or folder name as it may stand in a URL: as it is when it is already a slug.
    package static func urlSegment(_ name: String) -> String {
        if isBracketed(name) { return name }
        let allowed = name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" || $0 == "." }
        if allowed && name == name.lowercased() { return name }
        let (stem, ext) = name.lastIndex(of: ".").map { (String(name[..<$0]), String(name[$0...])) } ?? (name, "")
        return slug(stem) + ext.lowercased()
    }
}
