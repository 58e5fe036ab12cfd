import Foundation
import StatikCore

/// One workbook being written (ExcelDownload): its formats, its sheets one by one, and the text
/// of every cell written.
struct Book {
    typealias Sheet = Int

    private(set) var book = XlsxBook()
    private let words: WorkbookWords
    /// Every string written, in order: what the leak check searches.
    private(set) var text: [String] = []
    // The book's styles, by number.
    private let title, heading, header, symbol, wrap, year: Int
    /// `#,##0`, `#,##0.0`, …, by decimals.
    private var numbers: [Int: Int] = [:]
    private var tables = 0
    /// The largest whole number a spreadsheet holds exactly: it keeps 15 significant digits.
    static let exact: UInt64 = 999_999_999_999_999

    init(words: WorkbookWords) {
        self.words = words
        title = book.style(XlsxStyle(bold: true, fontSize: 14))
        heading = book.style(XlsxStyle(bold: true))
        header = book.style(XlsxStyle(bold: true, wrap: true, alignTop: true, bottomBorder: true))
        symbol = book.style(XlsxStyle(alignRight: true))
        wrap = book.style(XlsxStyle(wrap: true, alignTop: true))
        year = book.style(XlsxStyle(numberFormat: "0"))
    }

    /// The file's title, and its creation date (never the clock).
    mutating func properties(title: String, created: Int64) {
        book.title = title
        book.created = created
    }

    /// `#,##0`, `#,##0.0`, …: grouped digits (the reader's own separator) and the page's decimals.
    private mutating func number(_ decimals: Int) -> Int {
        if let known = numbers[decimals] { return known }
        let style = book.style(XlsxStyle(numberFormat: decimals <= 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: min(decimals, 15))))
        numbers[decimals] = style
        return style
    }

    private mutating func sheet(_ name: String) -> Sheet? { book.addSheet(name) }

    private mutating func write(_ sheet: Sheet, _ row: Int, _ column: Int, _ string: String, _ format: Int? = nil) {
        book.writeString(sheet, row, column, string, format)
        text.append(string)
    }

    /// A link to another sheet of the workbook, showing its name.
    private mutating func link(_ sheet: Sheet, _ row: Int, to name: String) {
        book.writeLink(sheet, row, 0, to: "'" + name.replacingOccurrences(of: "'", with: "''") + "'!A1", display: name)
        text.append(name)
    }

    /// The cover: the page's title in A1, then each heading (bold) over its lines.
    mutating func cover(_ cover: WorkbookCover, tables: [DownloadTable]) {
        guard let sheet = sheet(words.cover) else { return }
        book.setColumns(sheet, 0, 0, width: 100, style: wrap)
        write(sheet, 0, 0, cover.title, title)
        var sources: [String] = []
        for source in tables.compactMap(\.source) where !sources.contains(source) { sources.append(source) }
        let sections: [(String, [String])] = [
            (words.about, [words.aboutText]),
            (words.source, sources),
            (words.published, [cover.published].compactMap { $0 }),
            (words.updated, [cover.updated].compactMap { $0 }),
            (words.nextUpdate, [cover.nextUpdate ?? words.noNextUpdate]),
            (words.contact, [cover.contact].compactMap { $0 }),
            (words.webPage, [cover.address].compactMap { $0 }),
            (words.symbols, cover.symbols),
        ]
        var row = 1
        for (name, lines) in sections where !lines.isEmpty {
            write(sheet, row, 0, name, heading)
            row += 1
            for line in lines {
                write(sheet, row, 0, line, wrap)
                row += 1
            }
        }
    }

    /// The contents: a table of the sheets (each a link to it) and their titles.
    mutating func contents(sheets: [String], tables: [DownloadTable]) {
        guard let sheet = sheet(words.contents) else { return }
        book.setColumns(sheet, 0, 0, width: 34, style: nil)
        book.setColumns(sheet, 1, 1, width: 90, style: wrap)
        write(sheet, 0, 0, words.contents, title)
        write(sheet, 1, 0, words.oneTable)
        link(sheet, 3, to: words.notes)
        write(sheet, 3, 1, words.notes, wrap)
        for (i, table) in tables.enumerated() {
            link(sheet, 4 + i, to: sheets[i])
            write(sheet, 4 + i, 1, table.caption, wrap)
        }
        markUp(sheet, headers: [words.sheetHeader, words.tableHeader], at: 2, rows: 1 + tables.count)
    }

    /// The notes: each note's mark (`[not 1]`) and text, in a table.
    mutating func notes(_ notes: NoteList) {
        guard let sheet = sheet(words.notes) else { return }
        book.setColumns(sheet, 0, 0, width: 12, style: nil)
        book.setColumns(sheet, 1, 1, width: 100, style: wrap)
        write(sheet, 0, 0, words.notes, title)
        guard !notes.texts.isEmpty else {
            write(sheet, 1, 0, words.noNotes)
            return
        }
        write(sheet, 1, 0, words.oneTable)
        for (i, note) in notes.texts.enumerated() {
            write(sheet, 3 + i, 0, words.noteMark(i + 1))
            write(sheet, 3 + i, 1, note, wrap)
        }
        markUp(sheet, headers: [words.noteHeader, words.textHeader], at: 2, rows: notes.texts.count)
    }

    /// One table on its own sheet: its caption in A1, what the sheet holds, its source and its
    /// notes' marks, then the table (header first).
    mutating func table(_ table: DownloadTable, sheet name: String, number: Int, notes: [Int]) {
        guard let sheet = sheet(name) else { return }
        write(sheet, 0, 0, table.caption, title)
        write(sheet, 1, 0, words.oneTable)
        var row = 2
        if let source = table.source {
            write(sheet, row, 0, table.sourceLabel + " " + source)
            row += 1
        }
        if !notes.isEmpty {
            write(sheet, row, 0, words.notesOfTable(notes.map(words.noteMark).joined(separator: " ")))
            row += 1
        }
        for c in table.columns.indices { book.setColumns(sheet, c, c, width: c == 0 ? 28 : 14, style: nil) }
        let first = row
        for cells in table.rows {
            row += 1
            for (c, cell) in cells.enumerated() { write(sheet, row, c, cell) }
        }
        if table.rows.isEmpty {
            row += 1
            write(sheet, row, 0, words.noData)
        }
        markUp(sheet, headers: table.columns, at: first, rows: row - first)
    }

    private mutating func write(_ sheet: Sheet, _ row: Int, _ column: Int, _ cell: DownloadTable.Cell) {
        switch cell {
        case .integer(let value) where value.magnitude > Self.exact:
            // More digits than a spreadsheet keeps (15): as text, every digit as in the data.
            write(sheet, row, column, String(value), symbol)
        case .integer(let value): book.writeNumber(sheet, row, column, Double(value), number(0))
        case .number(let value, let decimals): book.writeNumber(sheet, row, column, value, number(decimals))
        case .year(let value): book.writeNumber(sheet, row, column, Double(value), year)
        case .text(let string):
            let isSymbol = ["x", "..", "–"].contains(string) || string.hasPrefix("<") || string.hasSuffix("*")
            write(sheet, row, column, string, isSymbol ? symbol : nil)
        }
    }

    /// Marks rows `header…header + rows` of the first columns as a table (Excel's "Format as
    /// table", which screen readers announce), without filter buttons or colours; its header
    /// is `headers`, each unique (Excel requires it).
    private mutating func markUp(_ sheet: Sheet, headers: [String], at header: Int, rows: Int) {
        guard !headers.isEmpty, rows > 0 else { return }
        tables += 1
        var seen = Set<String>()
        let unique = headers.enumerated().map { i, wanted -> String in
            var name = wanted.isEmpty ? String(i + 1) : wanted
            var n = 2
            while seen.contains(name.lowercased()) { name = "\(wanted) (\(n))"; n += 1 }
            seen.insert(name.lowercased())
            return name
        }
        text += unique
        book.addTable(sheet, firstRow: header, firstColumn: 0, lastRow: header + rows, lastColumn: headers.count - 1,
                      name: "\(words.tableName)_\(tables)", headers: unique, headerStyle: self.header)
    }
}
