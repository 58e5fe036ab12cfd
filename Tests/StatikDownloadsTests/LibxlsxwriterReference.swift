import Foundation
import StatikCore
import CXlsxWriter
@testable import StatikDownloads

/// The workbook as Statik wrote it through libxlsxwriter 1.1.4 until XlsxBook replaced it: the
/// reference SameAsLibxlsxwriterTests compares XlsxBook's files with, byte for byte. Kept as it
/// was (Sources/StatikDownloads/ExcelSheets.swift before the change), calls and order alike.
final class ReferenceBook {
    typealias Format = UnsafeMutablePointer<lxw_format>
    typealias Sheet = UnsafeMutablePointer<lxw_worksheet>

    private let handle: UnsafeMutablePointer<lxw_workbook>
    private let words: WorkbookWords
    /// Every string written, in order: what the leak check searches.
    private(set) var text: [String] = []
    private let title, heading, header, symbol, wrap, year: Format?
    private var numberFormats: [Int: Format] = [:]
    private var tables = 0
    /// The largest whole number a spreadsheet holds exactly: it keeps 15 significant digits.
    static let exactDigits: UInt64 = 999_999_999_999_999

    init(_ handle: UnsafeMutablePointer<lxw_workbook>, words: WorkbookWords) {
        self.handle = handle
        self.words = words
        title = workbook_add_format(handle)
        format_set_bold(title)
        format_set_font_size(title, 14)
        heading = workbook_add_format(handle)
        format_set_bold(heading)
        header = workbook_add_format(handle)
        format_set_bold(header)
        format_set_text_wrap(header)
        format_set_align(header, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
        symbol = workbook_add_format(handle)
        format_set_align(symbol, UInt8(LXW_ALIGN_RIGHT.rawValue))
        wrap = workbook_add_format(handle)
        format_set_text_wrap(wrap)
        format_set_align(wrap, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        year = workbook_add_format(handle)
        format_set_num_format(year, "0")
    }

    /// The file's title, and its creation date (never the clock).
    func properties(title: String, created: Int64) {
        let copy = strdup(title)
        defer { free(copy) }
        var properties = lxw_doc_properties()
        properties.title = copy
        properties.created = time_t(created)
        workbook_set_properties(handle, &properties)
    }

    /// `#,##0`, `#,##0.0`, …: grouped digits (the reader's own separator) and the page's decimals.
    private func number(_ decimals: Int) -> Format? {
        if let known = numberFormats[decimals] { return known }
        guard let format = workbook_add_format(handle) else { return nil }
        let pattern = decimals <= 0 ? "#,##0" : "#,##0." + String(repeating: "0", count: min(decimals, 15))
        format_set_num_format(format, pattern)
        numberFormats[decimals] = format
        return format
    }

    private func sheet(_ name: String) -> Sheet? { workbook_add_worksheet(handle, name) }

    private func write(_ sheet: Sheet, _ row: Int, _ column: Int, _ string: String, _ format: Format? = nil) {
        worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), string, format)
        text.append(string)
    }

    /// A link to another sheet of the workbook, showing its name.
    private func link(_ sheet: Sheet, _ row: Int, to name: String) {
        let target = "internal:'" + name.replacingOccurrences(of: "'", with: "''") + "'!A1"
        worksheet_write_url_opt(sheet, lxw_row_t(row), 0, target, nil, name, nil)
        text.append(name)
    }

    /// The cover: the page's title in A1, then each heading (bold) over its lines.
    func cover(_ cover: WorkbookCover, tables: [DownloadTable]) {
        guard let sheet = sheet(words.cover) else { return }
        worksheet_set_column(sheet, 0, 0, 100, wrap)
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
    func contents(sheets: [String], tables: [DownloadTable]) {
        guard let sheet = sheet(words.contents) else { return }
        worksheet_set_column(sheet, 0, 0, 34, nil)
        worksheet_set_column(sheet, 1, 1, 90, wrap)
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
    func notes(_ notes: NoteList) {
        guard let sheet = sheet(words.notes) else { return }
        worksheet_set_column(sheet, 0, 0, 12, nil)
        worksheet_set_column(sheet, 1, 1, 100, wrap)
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
    func table(_ table: DownloadTable, sheet name: String, number: Int, notes: [Int]) {
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
        for c in table.columns.indices { worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), c == 0 ? 28 : 14, nil) }
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

    private func write(_ sheet: Sheet, _ row: Int, _ column: Int, _ cell: DownloadTable.Cell) {
        let (r, c) = (lxw_row_t(row), lxw_col_t(column))
        switch cell {
        case .integer(let value) where value.magnitude > Self.exactDigits:
            // More digits than a spreadsheet keeps (15): as text, every digit as in the data.
            write(sheet, row, column, String(value), symbol)
        case .integer(let value): worksheet_write_number(sheet, r, c, Double(value), number(0))
        case .number(let value, let decimals): worksheet_write_number(sheet, r, c, value, number(decimals))
        case .year(let value): worksheet_write_number(sheet, r, c, Double(value), year)
        case .text(let string):
            let isSymbol = ["x", "..", "–"].contains(string) || string.hasPrefix("<") || string.hasSuffix("*")
            write(sheet, row, column, string, isSymbol ? symbol : nil)
        }
    }

    /// Marks rows `header…header + rows` of the first columns as a table (Excel's "Format as
    /// table", which screen readers announce), without filter buttons or colours; its header
    /// is `headers`, each unique (Excel requires it).
    private func markUp(_ sheet: Sheet, headers: [String], at header: Int, rows: Int) {
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
        let strings = unique.map { strdup($0) }
        let name = strdup("\(words.tableName)_\(tables)")
        var columns: [UnsafeMutablePointer<lxw_table_column>?] = strings.map { string in
            let column = UnsafeMutablePointer<lxw_table_column>.allocate(capacity: 1)
            column.initialize(to: lxw_table_column())
            column.pointee.header = string
            column.pointee.header_format = self.header
            return column
        }
        columns.append(nil)
        defer {
            for column in columns { column?.deallocate() }
            for string in strings { free(string) }
            free(name)
        }
        var options = lxw_table_options()
        options.name = name
        options.no_autofilter = 1
        options.no_banded_rows = 1
        options.style_type = UInt8(LXW_TABLE_STYLE_TYPE_LIGHT.rawValue)
        options.style_type_number = 0
        columns.withUnsafeMutableBufferPointer { buffer in
            options.columns = buffer.baseAddress
            _ = worksheet_add_table(sheet, lxw_row_t(header), 0, lxw_row_t(header + rows), lxw_col_t(headers.count - 1), &options)
        }
    }
}

enum LibxlsxwriterWorkbook {
    /// The workbook's bytes, as ExcelDownload.make wrote them through libxlsxwriter.
    static func make(_ tables: [DownloadTable], cover: WorkbookCover, created: Int64) -> Data? {
        let folder = NSTemporaryDirectory()
        let path = folder + "/statik-reference-\(UUID().uuidString).xlsx"
        defer { unlink(path) }
        let tmp = strdup(folder)
        defer { free(tmp) }
        var options = lxw_workbook_options(constant_memory: 0, tmpdir: tmp, use_zip64: 0)
        guard let handle = path.withCString({ workbook_new_opt($0, &options) }) else { return nil }
        let book = ReferenceBook(handle, words: cover.words)
        book.properties(title: cover.title, created: created)
        let sheets = ExcelDownload.sheetNames(tables, words: cover.words)
        let notes = NoteList(tables)
        book.cover(cover, tables: tables)
        book.contents(sheets: sheets, tables: tables)
        book.notes(notes)
        for (i, table) in tables.enumerated() { book.table(table, sheet: sheets[i], number: i + 1, notes: notes.marks(of: i)) }
        guard workbook_close(handle) == LXW_NO_ERROR else { return nil }
        return FileManager.default.contents(atPath: path)
    }
}
