public import Foundation
import StatikCore

/// The release record (docs/releases.md): the figures of the public edition as they were
/// published on a release date, written by `statik release` to
/// `content/data/releases/DATE.json` — per page (its address), per table (its id), per row
/// (its key, the row header) and column (its key), the figure as the reader saw it, with its
/// symbol (`x`, `..`, `–`). A page's tables are read from its HTML with the reader `statik diff`
/// uses (SiteDiff+PageReader.swift): one model of a page's figures.
///
/// The JSON is pretty and its keys sorted, so that a record's diff reads like code; nothing in
/// it comes from the clock.
public struct ReleaseRecord: Sendable, Equatable, Codable {
    /// The release date, `YYYY-MM-DD` (the file's name without `.json`).
    public var date: String
    /// By address: `/esf/deltagare/`.
    public var pages: [String: Page]

    public struct Page: Sendable, Equatable, Codable {
        public var title: String
        /// By the table's id (`data-statik-table`).
        public var tables: [String: Table]

        public init(title: String, tables: [String: Table]) {
            self.title = title
            self.tables = tables
        }
    }

    public struct Table: Sendable, Equatable, Codable {
        public var caption: String
        /// Column key → its heading as shown.
        public var columns: [String: String]
        /// Row key → column key → the figure as published (`7 674`, `x`, `..`, `–`).
        public var rows: [String: [String: String]]
        /// The columns' and the rows' keys in the order the page showed them (a previous
        /// version shows the table so).
        public var columnOrder: [String]
        public var rowOrder: [String]

        public init(caption: String, columns: [String: String], rows: [String: [String: String]], columnOrder: [String]? = nil, rowOrder: [String]? = nil) {
            self.caption = caption
            self.columns = columns
            self.rows = rows
            self.columnOrder = columnOrder ?? columns.keys.sorted()
            self.rowOrder = rowOrder ?? rows.keys.sorted()
        }

        enum CodingKeys: String, CodingKey { case caption, columns, rows, columnOrder, rowOrder }

        /// A record written before the orders were kept reads with its keys sorted.
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            try self.init(caption: c.decode(String.self, forKey: .caption), columns: c.decode([String: String].self, forKey: .columns),
                          rows: c.decode([String: [String: String]].self, forKey: .rows),
                          columnOrder: c.decodeIfPresent([String].self, forKey: .columnOrder), rowOrder: c.decodeIfPresent([String].self, forKey: .rowOrder))
        }
    }

    public init(date: String, pages: [String: Page]) {
        self.date = date
        self.pages = pages
    }

    /// The record of a built site's pages (address → HTML): every page with a marked table.
    public static func of(date: String, pages html: [String: String]) -> ReleaseRecord {
        var pages: [String: Page] = [:]
        for (address, text) in html {
            let document = SiteDiff.read(text)
            if let page = page(document) { pages[address] = page }
        }
        return ReleaseRecord(date: date, pages: pages)
    }

    /// The tables of a page (or of a piece of one: its body) as the record holds them; nil when
    /// it has none.
    public static func tables(ofHTML html: String) -> [String: Table] {
        page(SiteDiff.read(html.contains("<body") || html.contains("<main") ? html : "<body>" + html + "</body>"))?.tables ?? [:]
    }

    static func page(_ document: SiteDiff.Document) -> Page? {
        guard !document.tables.isEmpty else { return nil }
        var tables: [String: Table] = [:]
        for (id, table) in document.tables {
            var rows: [String: [String: String]] = [:]
            for (key, cells) in table.rows { rows[key] = cells.mapValues(\.text) }
            tables[id] = Table(caption: table.caption, columns: table.labels, rows: rows, columnOrder: table.columns, rowOrder: table.rowOrder)
        }
        return Page(title: document.title, tables: tables)
    }

    /// Pretty, sorted JSON, ending with a line break.
    public var json: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(self)) ?? Data()
        data.append(0x0A)
        return data
    }

    /// How many tables and figures the record holds.
    public var counts: (pages: Int, tables: Int, figures: Int) {
        let tables = pages.values.flatMap(\.tables.values)
        return (pages.count, tables.count, tables.reduce(0) { $0 + $1.rows.values.reduce(0) { $0 + $1.count } })
    }

    /// `YYYY-MM-DD`, a day of the calendar.
    public static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard text.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]), (1...12).contains(month) else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...days).contains(day)
    }
}
