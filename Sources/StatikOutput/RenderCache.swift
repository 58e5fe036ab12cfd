import Foundation
package import StatikCore
package import StatikData
import StatikContent

/// What the last build knew of each page it wrote, kept in the output folder as `.statik-cache`
/// so that the next build (another process) renders only the pages whose inputs changed.
///
/// A page's record holds the digest of everything its output depends on (`SiteSession`'s page
/// digest: its file, parameters, the settings, the site's shape, its templates, the data
/// tables it read, Statik itself), the tables it read, how many queries and checks it ran,
/// and each file it wrote with the size and hash the manifest gives it. A page is reused only
/// when its digest is the same and every one of its files is still, by the manifest and on
/// disk, the file that record names: a cache left by a stopped build, or a file changed by
/// hand, costs a render, never a stale page. Pages that reported anything (a warning, a note)
/// are not kept: they are rendered again, so that every build reports them. The tables a page
/// publishes (`dataset FILE =TABLES CAPTION`, PublishedTable) are kept for the open-data
/// catalogue, which lists a kept page's tables as a rendered one's.
///
///     statik-cache 4
///     page 0f3c…(32 hex digits) 1 0 esf/deltagare/
///     results 77a0…(32) 5c1e…(32)
///     table deltagare
///     file 5f0e3c2a9b8d7e61 10234 esf/deltagare/index.html
///     file 0c5d…(16) 6120 esf/deltagare/deltagare.xlsx
///     workbook 9a1e…(32) esf/deltagare/deltagare.xlsx
///     dataset tabell-1.csv =deltagare_po Tabell 1: Antal deltagare
///     disclosure 3b7c…(32)
///     partner deltagare kvinnor 7
///     intranet-partner deltagare man 3
///
/// Sorted by page path, no dates: the same input gives the same file.
package struct RenderCache: Sendable, Equatable {
    static let fileName = ".statik-cache"
    static let header = "statik-cache 4"

    package struct Record: Sendable, Equatable {
        package var digest: StableDigest
        package var queries: Int
        package var checks: Int
        package var tablesRead: Set<String>
        /// Each file the page wrote (below the site root), as the manifest has it.
        package var files: [String: OutputManifest.Entry]
        /// What each of its Excel files was made from (KeptWorkbooks), by path: a page rendered
        /// again keeps a workbook made from the same.
        var workbooks: [String: StableDigest] = [:]
        /// The tables the page publishes, in page order (the open-data catalogue's datasets).
        package var datasets: [PublishedTable] = []
        /// When the page is made from its queries' results and its tables' shapes alone: the
        /// digest of those results, and the page's digest with its tables' shapes in place of
        /// their bytes. A table's rows changed, the page is kept when both are still the same.
        package var byResults: ByResults?

        package init(digest: StableDigest, queries: Int, checks: Int, tablesRead: Set<String>, files: [String: OutputManifest.Entry], workbooks: [String: StableDigest] = [:], datasets: [PublishedTable] = [],
                     byResults: ByResults? = nil) {
            self.datasets = datasets
            self.byResults = byResults
            self.digest = digest
            self.queries = queries
            self.checks = checks
            self.tablesRead = tablesRead
            self.files = files
            self.workbooks = workbooks
        }
    }

    /// What a page is made from besides its tables' rows (Record's `byResults`).
    package struct ByResults: Sendable, Equatable {
        package var results: StableDigest
        package var shape: StableDigest

        package init(results: StableDigest, shape: StableDigest) {
            self.results = results
            self.shape = shape
        }
    }

    /// By page path.
    package var records: [String: Record] = [:]
    /// The search index (Pagefind's files): `digest` is that of every indexed page's path and
    /// bytes and of the Pagefind program; `files` as the manifest has them.
    package var search: (digest: StableDigest, files: [String: OutputManifest.Entry])?
    /// The site's disclosure plan (DisclosurePlan): `digest` is that of everything the plan is
    /// made from (every page, the data, the settings, Statik itself), and its partners (those
    /// of the pages only the intranet edition has apart).
    package var disclosure: (digest: StableDigest, partners: [BaseCell], intranetPartners: [BaseCell])?

    package static func == (a: RenderCache, b: RenderCache) -> Bool {
        a.records == b.records && a.search?.digest == b.search?.digest && a.search?.files == b.search?.files
            && a.disclosure?.digest == b.disclosure?.digest && a.disclosure?.partners == b.disclosure?.partners
            && a.disclosure?.intranetPartners == b.disclosure?.intranetPartners
    }

    package init() {}

    var text: String {
        var out = Self.header + "\n"
        for path in records.keys.sorted() {
            let record = records[path]!
            out += "page \(record.digest) \(record.queries) \(record.checks) \(LineEscape.escape(path))\n"
            if let kept = record.byResults { out += "results \(kept.results) \(kept.shape)\n" }
            for table in record.tablesRead.sorted() { out += "table \(LineEscape.escape(table))\n" }
            out += Self.fileLines(record.files)
            for file in record.workbooks.keys.sorted() { out += "workbook \(record.workbooks[file]!) \(LineEscape.escape(file))\n" }
            for table in record.datasets { out += "dataset \(table.line)\n" }
        }
        if let search {
            out += "search \(search.digest)\n" + Self.fileLines(search.files)
        }
        if let disclosure {
            out += "disclosure \(disclosure.digest)\n"
            for cell in disclosure.partners.sorted() {
                out += "partner \(LineEscape.escape(cell.table)) \(LineEscape.escape(cell.column)) \(cell.row)\n"
            }
            for cell in disclosure.intranetPartners.sorted() {
                out += "intranet-partner \(LineEscape.escape(cell.table)) \(LineEscape.escape(cell.column)) \(cell.row)\n"
            }
        }
        return out
    }

    /// `file ` and the manifest's line for each file.
    private static func fileLines(_ files: [String: OutputManifest.Entry]) -> String {
        files.keys.sorted().map { "file " + OutputManifest.line($0, files[$0]!) + "\n" }.joined()
    }

    /// Whether a file's bytes are a render cache of any version of Statik (`statik-cache N`).
    static func isCache(_ bytes: Data) -> Bool {
        let prefix = Data("statik-cache ".utf8)
        guard bytes.starts(with: prefix) else { return false }
        let digits = bytes.dropFirst(prefix.count).prefix { $0 != 0x0A }
        return !digits.isEmpty && digits.allSatisfy { (0x30...0x39).contains($0) } && bytes.dropFirst(prefix.count + digits.count).first == 0x0A
    }

    /// The cache in `text`; nil when it is not one (damaged, or from another version of Statik).
    init?(text: String) {
        var lines = text.lines
        guard lines.first == Substring(Self.header) else { return nil }
        lines.removeFirst()
        if lines.last == "" { lines.removeLast() }
        var current: (path: String, record: Record)?
        var inSearch = false
        func close() {
            if let current { records[current.path] = current.record }
            current = nil
        }
        for line in lines {
            func starts(_ word: StaticString) -> Bool {
                word.withUTF8Buffer { line.utf8.starts(with: $0) }
            }
            if starts("disclosure ") {
                close()
                inSearch = false
                guard disclosure == nil, let digest = StableDigest(hex: line.dropFirst(11)) else { return nil }
                disclosure = (digest, [], [])
            } else if (starts("partner ") || starts("intranet-partner ")), disclosure != nil {
                guard let parts = OutputManifest.fields(line, 4), let table = LineEscape.unescape(parts[1]),
                      let column = LineEscape.unescape(parts[2]), let row = Int64(parts[3]) else { return nil }
                let cell = BaseCell(table: table, column: column, row: row)
                if parts[0] == "partner" { disclosure!.partners.append(cell) } else { disclosure!.intranetPartners.append(cell) }
            } else if starts("search ") {
                close()
                guard search == nil, let digest = StableDigest(hex: line.dropFirst(7)) else { return nil }
                search = (digest, [:])
                inSearch = true
            } else if starts("page ") {
                guard !inSearch else { return nil }
                close()
                guard let parts = OutputManifest.fields(line, 5), let digest = StableDigest(hex: parts[1]), let queries = Int(parts[2]), let checks = Int(parts[3]),
                      let path = LineEscape.unescape(parts[4])
                else { return nil }
                current = (path, Record(digest: digest, queries: queries, checks: checks, tablesRead: [], files: [:]))
            } else if starts("results "), current != nil {
                guard current!.record.byResults == nil, let parts = OutputManifest.fields(line, 3),
                      let results = StableDigest(hex: parts[1]), let shape = StableDigest(hex: parts[2]) else { return nil }
                current!.record.byResults = ByResults(results: results, shape: shape)
            } else if starts("table "), current != nil, let table = LineEscape.unescape(line.dropFirst(6)) {
                current!.record.tablesRead.insert(table)
            } else if starts("dataset "), current != nil {
                guard let table = PublishedTable(line: line.dropFirst(8)) else { return nil }
                current!.record.datasets.append(table)
            } else if starts("workbook "), current != nil {
                guard let parts = OutputManifest.fields(line, 3), let input = StableDigest(hex: parts[1]), let path = LineEscape.unescape(parts[2]) else { return nil }
                current!.record.workbooks[path] = input
            } else if starts("file "), current != nil || inSearch {
                guard let (path, entry) = OutputManifest.file(fromLine: line.dropFirst(5)) else { return nil }
                if inSearch {
                    search!.files[path] = entry
                } else {
                    current!.record.files[path] = entry
                }
            } else {
                return nil
            }
        }
        close()
    }
}

extension StatikVersion {
    /// What tells one build of Statik from another in the render cache: the version, and the
    /// running program's size and modification time (a developer's rebuild of the same version
    /// renders differently too). Read once.
    package static let buildIdentity: String = {
        guard let program = RenderCache.identity(ofFile: "/proc/self/exe") ?? RenderCache.identity(ofFile: CommandLine.arguments.first ?? "") else {
            return number + " unknown \(UInt64.random(in: 0 ... .max))"  // not knowable: never reuse
        }
        return "\(number) \(program)"
    }()
}

extension RenderCache {
    /// A program as the cache knows it: its size and modification time (a program is not read
    /// whole to be digested); nil when there is no such file.
    package static func identity(ofFile path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return "\(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
