package import Foundation
package import StatikCore
package import StatikDownloads
import StatikContent
package import StatikOutput
import StatikSources
import StatikData

/// A page's tables as files beside it — `befolkning.csv` for the table of the query
/// `befolkning`, and one workbook for the page, `tabeller.xlsx`, a sheet per table with a cover,
/// contents and notes (ExcelDownload) — with the links under each table ("Ladda ner: CSV
/// (1 kB), Excel (6 kB)"; the Excel link says, for screen readers, which sheet holds the table).
/// The files hold exactly what the page shows: after disclosure control, with the same symbols.
package struct PageDownloads {
    /// The zip format's first instant (1980-01-01): the creation date of a file of a page with
    /// no date, never the clock, so two builds write the same bytes.
    package static let zipEpoch: Int64 = 315_532_800
    /// The page's workbook: `tabeller.xlsx`, on a page in English `tables.xlsx`.
    var workbookName: String { words.languageName == ReaderWords.english.languageName ? "tables.xlsx" : "tabeller.xlsx" }
    /// Stands in a table's links for the link to the page's workbook until it is made (its size
    /// and its sheets are known only once every table of the page is): `finish` replaces it.
    private static let mark = "\u{E000}statik-workbook-"
    private static let markEnd: Character = "\u{E000}"

    package private(set) var files: [(name: String, data: Data)] = []
    /// The text of each workbook made, by name: what the leak check searches (the file itself
    /// is compressed).
    package private(set) var texts: [(name: String, data: Data)] = []
    /// Workbooks the last build wrote that are kept as they are (KeptWorkbooks), by name.
    package private(set) var keptFiles: [(name: String, entry: OutputManifest.Entry)] = []
    /// What each workbook (made or kept) was made from, by name: for the render cache.
    package private(set) var workbookInputs: [String: StableDigest] = [:]
    /// The workbooks of the last build this one may keep, and the page's path below the
    /// site's root (where its files are).
    package var kept = KeptWorkbooks.none
    package var pagePath = ""
    /// What the workbook's cover says about the page.
    package var cover = WorkbookCover(title: "")
    private(set) var tables: [DownloadTable] = []
    package private(set) var problems: [Message] = []
    /// The tables published, in the order made (the open-data catalogue's datasets).
    package private(set) var published: [PublishedTable] = []
    /// The words of the links, in the page's language.
    package var words = ReaderWords.swedish
    private var names = Set<String>()

    /// Makes the CSV file of one table and answers the links to it and to the page's workbook.
    /// `dataTables`: the data tables the table's query read (PublishedTable).
    mutating func add(_ table: DownloadTable, named base: String, created: Int64, reading dataTables: [String] = []) -> String {
        var name = base.isEmpty ? "tabell" : base
        var n = 2
        while names.contains(name) { name = "\(base)-\(n)"; n += 1 }
        names.insert(name)
        tables.append(table)
        let csv = CSVDownload.text(table)
        files.append((name + ".csv", csv))
        published.append(PublishedTable(file: name + ".csv", caption: table.caption, tables: dataTables))
        let links = "<p class=\"statik-download\">\(escapeHTML(words.download)) " + link(name + ".csv", "CSV", size: csv.count, what: words.withTable(table.caption))
        return links + Self.mark + String(tables.count - 1) + String(Self.markEnd) + "</p>\n"
    }

    /// Makes the page's workbook (or keeps the last build's, made from the same) and puts the
    /// links to it in `html`, where `add` left their marks. The sheets follow the tables' order
    /// on the page (the blocks are rendered kind by kind: tables, then charts).
    package mutating func finish(_ html: String, created: Int64, known: WorkbookParts? = nil) -> String {
        guard !tables.isEmpty else { return html }
        let bytes = Array(html.utf8)
        let found = Self.marks(in: bytes, tables: tables.count)
        var order: [Int] = []
        for mark in found where !order.contains(mark.table) { order.append(mark.table) }
        order += tables.indices.filter { !order.contains($0) }
        var links: [Int: String] = [:]
        do {
            let (size, sheets) = try workbook(order.map { tables[$0] }, created: created, known: known)
            for (k, n) in order.enumerated() {
                links[n] = ", " + link(workbookName, "Excel", size: size, what: words.withAllTables + words.onSheet(sheets[k]))
            }
        } catch {
            problems.append(Message(.excelPageNotWritten, error.message))
        }
        // Pieces of `html` between the marks (which are ASCII, so each piece starts and ends at
        // a character) and the links: appended as the texts they are, not checked again as
        // UTF-8 bytes would be (that was 0.8 % of a data site's build).
        var out = ""
        out.reserveCapacity(bytes.count + found.count * 200)
        let utf8 = html.utf8
        var from = utf8.startIndex
        for mark in found {
            let lower = utf8.index(utf8.startIndex, offsetBy: mark.range.lowerBound)
            out += html[from..<lower]
            out += links[mark.table] ?? ""
            from = utf8.index(utf8.startIndex, offsetBy: mark.range.upperBound)
        }
        out += html[from...]
        return out
    }

    /// Where `add` left its marks in the page's bytes, in order, and the table of each (one
    /// pass; `memchr` finds the mark's first byte).
    static func marks(in bytes: [UInt8], tables: Int) -> [(range: Range<Int>, table: Int)] {
        let mark = Array(Self.mark.utf8), end = Array(String(Self.markEnd).utf8)
        var found: [(range: Range<Int>, table: Int)] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var i = 0
            while i < buffer.count, let hit = memchr(base + i, Int32(mark[0]), buffer.count - i) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                i = at + 1
                guard at + mark.count <= buffer.count, buffer[at..<(at + mark.count)].elementsEqual(mark) else { continue }
                var j = at + mark.count, n = 0
                while j < buffer.count, j - at - mark.count < 9, (48...57).contains(buffer[j]) { n = n * 10 + Int(buffer[j] - 48); j += 1 }
                guard j > at + mark.count, n < tables, j + end.count <= buffer.count, buffer[j..<(j + end.count)].elementsEqual(end) else { continue }
                found.append((at..<(j + end.count), n))
                i = j + end.count
            }
        }
        return found
    }

    /// Makes the page's workbook of `tables`, or keeps the last build's when it was made from
    /// the same; answers its size and each table's sheet.
    private mutating func workbook(_ tables: [DownloadTable], created: Int64, known: WorkbookParts?) throws(ExcelDownload.Problem) -> (size: Int, sheets: [String]) {
        let name = workbookName
        let input = kept.input(of: tables, cover: cover, created: created)
        workbookInputs[name] = input
        if let entry = kept.keep(pagePath + name, input: input) {
            keptFiles.append((name, entry))
            return (entry.size, ExcelDownload.sheetNames(tables, words: cover.words, known: known))
        }
        let made = try ExcelDownload.make(tables, cover: cover, created: created, known: known)
        files.append((name, made.data))
        texts.append((name, made.text))
        return (made.data.count, made.sheets)
    }

    /// `<a href="befolkning.csv" download>CSV<span …> med tabellen …</span></a> (2 kB)`: the
    /// link's text says what is downloaded.
    func link(_ file: String, _ kind: String, size: Int, what: String) -> String {
        let hidden = escapeHTML(what)
        return "<a href=\"\(escapeHTML(file))\" download>\(kind)<span class=\"statik-visually-hidden\">\(hidden)</span></a> (\(Self.sizeText(size, words)))"
    }

    /// Says which data tables the tables published since the first `since` were made from.
    mutating func reading(_ dataTables: [String], since: Int) {
        for n in published.indices where n >= since { published[n].tables = dataTables }
    }

    /// The data tables (lower case, sorted) the query `name` reads, directly or through the
    /// earlier queries of the page it names.
    static func dataTables(of name: String, queries: [QueryBlock]) -> [String] {
        let byName = Dictionary(queries.map { (SQLName($0.name), $0) }, uniquingKeysWith: { a, _ in a })
        guard let query = byName[SQLName(name)] else { return [] }
        var seen = Set<SQLName>(), tables = Set<String>()
        var pending = query.tableReferences
        while let next = pending.popFirst() {
            guard !seen.contains(next) else { continue }
            seen.insert(next)
            if let earlier = byName[next] { pending.formUnion(earlier.tableReferences) } else { tables.insert(next.key) }
        }
        return tables.sorted()
    }

    /// `800 byte`, `6 kB`, `1,2 MB`.
    static func sizeText(_ bytes: Int, _ words: ReaderWords = .swedish) -> String {
        let english = words.languageName == ReaderWords.english.languageName
        if bytes < 1000 { return "\(bytes)\u{00A0}" + (english ? "bytes" : "byte") }
        if bytes < 1_000_000 { return "\((bytes + 500) / 1000)\u{00A0}kB" }
        let tenths = (bytes + 50_000) / 100_000
        return "\(tenths / 10)\(english ? "." : ",")\(tenths % 10)\u{00A0}MB"
    }
}
