package import Foundation
package import StatikCore
package import StatikContent

/// Every file the build writes, by path below the site's root, with the source it is written
/// from: two sources that would write the same path, or a path one source writes as a file
/// while another needs it as a folder (`content/sub/index.md` writes `/sub/index.html`;
/// `content/sub/index.html.md` needs `/sub/index.html/` for its own `index.html`), are found
/// before anything is written and reported at the source, naming the other. Without it, the
/// file system said so while the site was being written, at `public:1:1`.
///
/// Filled before rendering with what is known then (pages, the theme's files, content/'s
/// files, Statik's own files), in an order that does not depend on threads; then read, never
/// changed, by every page rendered in parallel to check its downloads (`clash(of:by:)`).
package struct OutputPaths: Sendable {
    /// Who writes a file: how messages name it, and where a problem with it is reported (nil
    /// for a file Statik makes itself: the sitemap, a feed, the search index).
    package struct Maker: Sendable, Hashable {
        var name: String
        var location: SourceLocation?

        package init(name: String, location: SourceLocation? = nil) {
            self.name = name
            self.location = location
        }

        package static let statik = Maker(name: "Statik", location: nil)

        /// A page: its file, at the line that sets its address (the `pages:` query of a file
        /// that stands for many pages, the `listing:` of a list's later pages), else line 1.
        package static func page(_ page: PageSource) -> Maker {
            let line: Int?
            if !page.row.isEmpty {
                line = page.firstLine(containing: "pages:")
            } else if page.listingPage > 1 {
                line = page.firstLine(containing: "listing")
            } else {
                line = nil
            }
            return Maker(name: page.file, location: page.isGenerated ? nil : SourceLocation(file: page.file, line: line ?? 1))
        }
    }

    private var files: [String: Maker] = [:]
    /// Each folder some file needs, with the first such file.
    private var folders: [String: String] = [:]
    /// Files that clashed when added: left out of the site (the build fails).
    package private(set) var leftOut: Set<String> = []

    package init() {}

    /// Who writes `path`, when it was added.
    func maker(of path: String) -> Maker? { files[path] }

    /// Adds the file `path`, written from `maker`; answers the problem when it clashes with a
    /// file added before (and then leaves it out). `sameIsReported`: two makers of the same
    /// path are reported elsewhere (two pages at one address), so only folders are checked.
    package mutating func add(_ path: String, by maker: Maker, sameIsReported: Bool = false) -> Diagnostic? {
        if let problem = clash(of: path, by: maker) {
            leftOut.insert(path)
            if problem.sameFile, sameIsReported { return nil }
            return problem.diagnostic
        }
        if files[path] == nil { files[path] = maker }
        for folder in Self.folders(of: path) where folders[folder] == nil { folders[folder] = path }
        return nil
    }

    /// How `path`, written from `maker`, clashes with the files added: nil when it does not.
    func clash(of path: String, by maker: Maker) -> (diagnostic: Diagnostic?, sameFile: Bool)? {
        if let other = files[path] {
            guard other != maker else { return nil }
            return (report(at: maker, Message(.fileWouldPublishedWhichAlready, path, other.name), or: other, Message(.fileWouldPublishedWhichAlready, path, maker.name)), true)
        }
        // A folder on the way to `path` that another source writes as a file.
        for folder in Self.folders(of: path) {
            if let other = files[folder] {
                return (report(at: maker, Message(.outputNeedsFolderWhereFile, path, folder, other.name),
                               or: other, Message(.outputFileWhereFolderNeeded, folder, maker.name, path)), false)
            }
        }
        // `path` itself is a folder another file needs.
        if let inside = folders[path], let other = files[inside] {
            return (report(at: other, Message(.outputNeedsFolderWhereFile, inside, path, maker.name),
                           or: maker, Message(.outputFileWhereFolderNeeded, path, other.name, inside)), false)
        }
        return nil
    }

    /// The problem at `first`'s source, or at `second`'s when `first` is Statik's own file.
    private func report(at first: Maker, _ message: Message, or second: Maker, _ otherMessage: Message) -> Diagnostic? {
        if let location = first.location { return .error(message, at: location) }
        if let location = second.location { return .error(otherMessage, at: location) }
        return nil
    }

    /// A page's downloads (`tabell.csv` beside its `index.html`) that clash with no file added:
    /// each that does is reported at the page and left out. `keptFiles`: its workbooks kept
    /// from the last build, checked too.
    package func checkDownloads(_ downloads: [(name: String, data: Data)], keptFiles: [String] = [], of pagePath: String, diagnostics: inout [Diagnostic]) -> [(name: String, data: Data)] {
        guard let maker = maker(of: pagePath + "index.html") else { return downloads }
        var clashing = Set<String>()
        for name in downloads.map(\.name) + keptFiles {
            if let problem = clash(of: pagePath + name, by: maker) {
                clashing.insert(name)
                if let diagnostic = problem.diagnostic { diagnostics.append(diagnostic) }
            }
        }
        return clashing.isEmpty ? downloads : downloads.filter { !clashing.contains($0.name) }
    }

    /// `a/b/c.html` → `a`, `a/b`.
    private static func folders(of path: String) -> [String] {
        var out: [String] = []
        var index = path.startIndex
        while let slash = path[index...].firstIndex(of: "/") {
            out.append(String(path[..<slash]))
            index = path.index(after: slash)
        }
        return out
    }
}
