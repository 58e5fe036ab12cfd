public import Foundation
public import StatikCore
import CXlsxWriter

/// A published table as a file: exactly the values the page shows — after disclosure control,
/// with the same symbols — plus its caption, source and notes.
public struct DownloadTable: Sendable, Hashable {
    public enum Cell: Sendable, Hashable {
        /// A number, and how many decimals the page shows it with.
        case number(Double, decimals: Int)
        case integer(Int64)
        /// Text, or a symbol (`x`, `..`, `–`) where the page shows one.
        case text(String)
    }

    public var name: String
    public var caption: String
    public var columns: [String]
    public var rows: [[Cell]]
    public var source: String?
    public var notes: [String]
    /// What the source line starts with, in the page's language (`Källa:`, `Source:`).
    public var sourceLabel: String

    public init(name: String, caption: String, columns: [String], rows: [[Cell]], source: String?, notes: [String], sourceLabel: String = "Källa:") {
        self.sourceLabel = sourceLabel
        self.name = name
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.source = source
        self.notes = notes
    }
}

/// CSV for Swedish Excel: UTF-8 with a byte-order mark (so å, ä and ö are read right),
/// semicolons between fields and a decimal comma — what Excel in Sweden opens with a double
/// click, numbers as numbers. The caption first, then the header row and the rows, then the
/// source and the notes.
public enum CSVDownload {
    public static func text(_ table: DownloadTable) -> Data {
        var lines: [String] = []
        lines.append(field(table.caption))
        lines.append("")
        lines.append(table.columns.map(field).joined(separator: ";"))
        for row in table.rows {
            lines.append(row.map { cell in
                switch cell {
                case .integer(let n): return String(n)
                case .number(let x, let decimals): return plain(x, decimals: decimals)
                case .text(let s): return field(s)
                }
            }.joined(separator: ";"))
        }
        lines.append("")
        if let source = table.source { lines.append(field(table.sourceLabel + " " + source)) }
        for note in table.notes { lines.append(field(note)) }
        return Data([0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\r\n").utf8))
    }

    /// `12,5`, `-0,25`, `6039`: no thousands separator, so Excel reads a number.
    static func plain(_ x: Double, decimals: Int) -> String {
        let text = String(format: "%.\(max(0, min(decimals, 15)))f", x)
        return text.replacingOccurrences(of: ".", with: ",")
    }

    /// A field, quoted when it holds a separator, a quote or a line break.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Excel (`.xlsx`) through libxlsxwriter: one sheet per table, its caption in bold on the first
/// row, a header row, numbers as numbers (with the page's decimals), symbols as text, the
/// source and notes in cells below. The same input gives the same bytes (the file's creation
/// date is `created`, never the clock).
public enum ExcelDownload {
    public struct Problem: Error, Sendable { public var message: Message }

    /// Where workbooks are made: `/dev/shm` (memory) when it is there and writable, else the
    /// system's temporary folder. libxlsxwriter writes about ten temporary files for every
    /// workbook; on the disk (ext4) the 31 000 of 1 000 data pages' workbooks made file
    /// creation the largest cost of the build (bench/run, "data pages": `ext4_create` and the
    /// kernel's search for recently deleted inodes were over a third of the samples).
    public static let scratchFolder: String = {
        let shm = "/dev/shm"
        var info = stat()
        if stat(shm, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, access(shm, W_OK | X_OK) == 0 { return shm }
        let system = NSTemporaryDirectory()
        return system.hasSuffix("/") && system.count > 1 ? String(system.dropLast()) : system
    }()

    /// `created`: seconds since 1970 for the workbook's creation date.
    /// `temporaryFolder`: where libxlsxwriter writes the workbook and its parts (it has no
    /// output to memory before version 1.1.5; Debian has 1.1.4).
    public static func workbook(_ tables: [DownloadTable], created: Int64, temporaryFolder: String = scratchFolder) throws(Problem) -> Data {
        let path = temporaryFolder + "/statik-\(UUID().uuidString).xlsx"
        defer { unlink(path) }
        // Kept until the workbook is closed (its parts are written then).
        let folder = strdup(temporaryFolder)
        defer { free(folder) }
        var options = lxw_workbook_options(constant_memory: 0, tmpdir: folder, use_zip64: 0)
        guard let book = path.withCString({ workbook_new_opt($0, &options) }) else {
            throw Problem(message: Message(.excelCouldNotStart))
        }
        var properties = lxw_doc_properties()
        properties.created = time_t(created)
        workbook_set_properties(book, &properties)
        let bold = workbook_add_format(book)
        format_set_bold(bold)
        let header = workbook_add_format(book)
        format_set_bold(header)
        format_set_bottom(header, UInt8(LXW_BORDER_THIN.rawValue))
        var numberFormats: [Int: UnsafeMutablePointer<lxw_format>] = [:]
        func numberFormat(_ decimals: Int) -> UnsafeMutablePointer<lxw_format>? {
            if let known = numberFormats[decimals] { return known }
            guard let format = workbook_add_format(book) else { return nil }
            let pattern = decimals == 0 ? "# ##0" : "# ##0." + String(repeating: "0", count: min(decimals, 15))
            format_set_num_format(format, pattern)
            format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
            numberFormats[decimals] = format
            return format
        }
        let symbol = workbook_add_format(book)
        format_set_align(symbol, UInt8(LXW_ALIGN_RIGHT.rawValue))
        var used = Set<String>()
        for table in tables {
            // A sheet's name: at most 31 characters, none of []:*?/\, unique in the workbook.
            var name = String(table.name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
            if name.isEmpty { name = "Tabell" }
            var n = 2
            while used.contains(name.lowercased()) { name = String(name.prefix(28)) + " \(n)"; n += 1 }
            used.insert(name.lowercased())
            guard let sheet = workbook_add_worksheet(book, name) else { continue }
            worksheet_write_string(sheet, 0, 0, table.caption, bold)
            for (c, column) in table.columns.enumerated() {
                worksheet_write_string(sheet, 2, lxw_col_t(c), column, header)
                worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), c == 0 ? 28 : 14, nil)
            }
            var r: lxw_row_t = 3
            for row in table.rows {
                for (c, cell) in row.enumerated() {
                    let col = lxw_col_t(c)
                    switch cell {
                    case .integer(let value): worksheet_write_number(sheet, r, col, Double(value), numberFormat(0))
                    case .number(let value, let decimals): worksheet_write_number(sheet, r, col, value, numberFormat(decimals))
                    case .text(let text): worksheet_write_string(sheet, r, col, text, ["x", "..", "–"].contains(text) ? symbol : nil)
                    }
                }
                r += 1
            }
            r += 1
            if let source = table.source {
                worksheet_write_string(sheet, r, 0, table.sourceLabel + " " + source, nil)
                r += 1
            }
            for note in table.notes {
                worksheet_write_string(sheet, r, 0, note, nil)
                r += 1
            }
        }
        let status = workbook_close(book)
        guard status == LXW_NO_ERROR, let data = FileManager.default.contents(atPath: path) else {
            throw Problem(message: Message(.excelCouldNotWrite, String(cString: lxw_strerror(status))))
        }
        return data
    }
}
