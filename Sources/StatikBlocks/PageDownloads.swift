package import Foundation
package import StatikCore
import StatikDownloads
import StatikContent
package import StatikOutput
import StatikSources

/// A page's tables as files beside it — `befolkning.csv` and `befolkning.xlsx` for the table of
/// the query `befolkning`, and `tabeller.xlsx` with a sheet per table when the page has more than
/// one — with the links under each table ("Ladda ner: CSV (1 kB), Excel (6 kB)"). The files hold
/// exactly what the page shows: after disclosure control, with the same symbols.
package struct PageDownloads {
    /// The zip format's first instant (1980-01-01): the creation date of a file of a page with
    /// no date, never the clock, so two builds write the same bytes.
    package static let zipEpoch: Int64 = 315_532_800
    static let allTablesName = "tabeller"

    package private(set) var files: [(name: String, data: Data)] = []
    /// Workbooks the last build wrote that are kept as they are (KeptWorkbooks), by name.
    package private(set) var keptFiles: [(name: String, entry: OutputManifest.Entry)] = []
    /// What each workbook (made or kept) was made from, by name: for the render cache.
    package private(set) var workbookInputs: [String: StableDigest] = [:]
    /// The workbooks of the last build this one may keep, and the page's path below the
    /// site's root (where its files are).
    package var kept = KeptWorkbooks.none
    package var pagePath = ""
    private(set) var tables: [DownloadTable] = []
    package private(set) var problems: [Message] = []
    /// The words of the links, in the page's language.
    package var words = ReaderWords.swedish
    private var names = Set<String>()

    /// Makes the files of one table and answers the links to them.
    mutating func add(_ table: DownloadTable, named base: String, created: Int64) -> String {
        var name = base.isEmpty ? "tabell" : base
        var n = 2
        while names.contains(name) || name == Self.allTablesName { name = "\(base)-\(n)"; n += 1 }
        names.insert(name)
        tables.append(table)
        let csv = CSVDownload.text(table)
        files.append((name + ".csv", csv))
        var links = "<p class=\"statik-download\">\(escapeHTML(words.download)) " + link(name + ".csv", "CSV", size: csv.count, what: table.caption)
        do {
            let size = try workbook(name + ".xlsx", [table], created: created)
            links += ", " + link(name + ".xlsx", "Excel", size: size, what: table.caption)
        } catch {
            problems.append(Message(.excelTableNotWritten, table.caption, error.message))
        }
        return links + "</p>\n"
    }

    /// Makes the workbook `name` of `tables`, or keeps the last build's when it was made from
    /// the same; answers its size.
    private mutating func workbook(_ name: String, _ tables: [DownloadTable], created: Int64) throws(ExcelDownload.Problem) -> Int {
        let input = kept.input(of: tables, created: created)
        workbookInputs[name] = input
        if let entry = kept.keep(pagePath + name, input: input) {
            keptFiles.append((name, entry))
            return entry.size
        }
        let xlsx = try ExcelDownload.workbook(tables, created: created)
        files.append((name, xlsx))
        return xlsx.count
    }

    /// The link to one file with every table of the page, when it has more than one.
    package mutating func allTablesLink(created: Int64) -> String {
        guard tables.count > 1 else { return "" }
        do {
            let size = try workbook(Self.allTablesName + ".xlsx", tables, created: created)
            return "<p class=\"statik-download statik-download-all\">\(escapeHTML(words.downloadAll(tables.count))) "
                + link(Self.allTablesName + ".xlsx", "Excel", size: size, what: nil) + "</p>\n"
        } catch {
            problems.append(Message(.excelPageNotWritten, error.message))
            return ""
        }
    }

    /// `<a href="befolkning.csv" download>CSV<span …> med tabellen …</span></a> (2 kB)`: the
    /// link's text says what is downloaded.
    func link(_ file: String, _ kind: String, size: Int, what: String?) -> String {
        let hidden = escapeHTML(what.map(words.withTable) ?? words.withAllTables)
        return "<a href=\"\(escapeHTML(file))\" download>\(kind)<span class=\"statik-visually-hidden\">\(hidden)</span></a> (\(Self.sizeText(size, words)))"
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
