public import Foundation
public import StatikCore

/// What a page's workbook says on its cover sheet, in the page's language: the page's title and
/// address, when it was published and is next updated, whom to contact, and the symbols.
public struct WorkbookCover: Sendable, Hashable {
    public var title: String
    /// The page's full address.
    public var address: String?
    /// Dates as the page gives them (`2021-03-15`, `2021-05`).
    public var published: String?
    public var updated: String?
    public var nextUpdate: String?
    public var contact: String?
    /// Each symbol the tables may show, with its meaning (`x = …`, `.. = …`, `– = …`).
    public var symbols: [String]
    public var words: WorkbookWords

    public init(title: String, address: String? = nil, published: String? = nil, updated: String? = nil, nextUpdate: String? = nil,
                contact: String? = nil, symbols: [String] = [], words: WorkbookWords = .swedish) {
        self.title = title
        self.address = address
        self.published = published
        self.updated = updated
        self.nextUpdate = nextUpdate
        self.contact = contact
        self.symbols = symbols
        self.words = words
    }
}

/// A page's tables as one Excel workbook (`.xlsx`, written by `XlsxBook` in memory), laid out as the UK
/// Analysis Function's "Releasing statistics in spreadsheets" asks: a cover sheet (title,
/// source, dates, contact, the symbols), a contents sheet, a notes sheet, then one table per
/// sheet — its title in A1, what the sheet holds in A2, the source and its notes above the
/// table, the header in the table's first row, no blank rows or merged cells, every table
/// marked up as a table. Numbers are number cells with a grouping format and the decimals the
/// page shows (`#,##0`, `#,##0.0`; years `0`): the spreadsheet program shows the reader's own
/// separators. Symbols (`x`, `..`, `–`) are text. The same input gives the same bytes (the
/// file's creation date is `created`, never the clock).
public enum ExcelDownload {
    public struct Problem: Error, Sendable { public var message: Message }

    /// A workbook, and the text of all its cells (for the leak check, which cannot read the
    /// compressed file).
    public struct Made: Sendable {
        public var data: Data
        public var text: Data
        /// Each table's sheet, in order.
        public var sheets: [String]
    }

    /// The workbook's bytes alone (see `make`).
    public static func workbook(_ tables: [DownloadTable], cover: WorkbookCover? = nil, created: Int64) throws(Problem) -> Data {
        try make(tables, cover: cover ?? WorkbookCover(title: tables.first?.caption ?? ""), created: created).data
    }

    /// The sheet of each table, in order: short (at most 31 characters), cut at a word, unique.
    /// `known`: the build's shared parts, which remember the names made for each list of captions.
    public static func sheetNames(_ tables: [DownloadTable], words: WorkbookWords, known: WorkbookParts? = nil) -> [String] {
        let captions = tables.map(\.caption), reserved = [words.cover, words.contents, words.notes]
        guard let known else { return SheetNames.make(captions, reserved: reserved, fallback: words.tableName) }
        return known.sheetNames(captions, reserved: reserved, fallback: words.tableName)
    }

    /// `created`: seconds since 1970 for the workbook's creation date. `known`: the parts
    /// the build's workbooks share, compressed once.
    public static func make(_ tables: [DownloadTable], cover: WorkbookCover, created: Int64, known: WorkbookParts? = nil) throws(Problem) -> Made {
        var book = Book(words: cover.words)
        book.properties(title: cover.title, created: created)
        let sheets = sheetNames(tables, words: cover.words, known: known)
        let notes = NoteList(tables)
        book.cover(cover, tables: tables)
        book.contents(sheets: sheets, tables: tables)
        book.notes(notes)
        for (i, table) in tables.enumerated() { book.table(table, sheet: sheets[i], number: i + 1, notes: notes.marks(of: i)) }
        let data: Data
        do {
            data = try book.book.package(known: known)
        } catch {
            throw Problem(message: Message(.excelCouldNotWrite, String(error.code)))
        }
        return Made(data: data, text: Data(book.text.joined(separator: "\n").utf8), sheets: sheets)
    }
}

/// The notes of a page's tables, each text once, numbered in the order the tables give them.
struct NoteList {
    private(set) var texts: [String] = []
    private var ofTable: [[Int]] = []

    init(_ tables: [DownloadTable]) {
        var number: [String: Int] = [:]
        for table in tables {
            var mine: [Int] = []
            for note in table.notes {
                if number[note] == nil { texts.append(note); number[note] = texts.count }
                if let n = number[note], !mine.contains(n) { mine.append(n) }
            }
            ofTable.append(mine)
        }
    }

    func marks(of table: Int) -> [Int] { ofTable[table] }
}

/// Sheet names as Excel takes them: at most 31 characters, none of `[]:*?/\`, no apostrophe
/// first or last, unique in the workbook (case aside), never `History`. A long caption is cut
/// at a word, never inside one (unless it is a single word).
enum SheetNames {
    static let limit = 31

    static func make(_ wanted: [String], reserved: [String], fallback: String) -> [String] {
        var taken = Set((reserved + ["History"]).map { $0.lowercased() })
        return wanted.enumerated().map { i, caption in
            var name = cut(clean(caption), to: limit)
            if name.isEmpty { name = "\(fallback) \(i + 1)" }
            var candidate = name
            var n = 2
            while taken.contains(candidate.lowercased()) {
                let suffix = " (\(n))"
                candidate = cut(name, to: limit - suffix.count) + suffix
                n += 1
            }
            taken.insert(candidate.lowercased())
            return candidate
        }
    }

    /// The caption without the characters Excel refuses, spaces collapsed. Control characters
    /// (a NUL among them, which ended the name where C reads it) are spaces too.
    static func clean(_ text: String) -> String {
        isClean(text) ? text : cleaned(text)
    }

    /// `clean`'s work, scalar by scalar.
    static func cleaned(_ text: String) -> String {
        var name = String.UnicodeScalarView()
        var space = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value <= 0x20 || value == 0x7F || value == 0xA0 || "[]:*?/\\".unicodeScalars.contains(scalar) {
                space = !name.isEmpty
                continue
            }
            if space { name.append(" ") }
            space = false
            name.append(scalar)
        }
        while name.first == "'" { name.removeFirst() }
        while name.last == "'" { name.removeLast() }
        return String(name)
    }

    /// Whether `clean` answers the text as it is (most captions): no character Excel refuses
    /// or control character, no space (or no-break space, `C2 A0`) at either end or next to
    /// another, no apostrophe at either end. By bytes: scalar by scalar, cleaning the sheet
    /// names was 0.2 % of a data site's build.
    static func isClean(_ text: String) -> Bool {
        var previous = UInt8(ascii: " ")  // as if a space came first: a space first is not clean
        for byte in text.utf8 {
            switch byte {
            case 0..<0x20, 0x7F, UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ":"), UInt8(ascii: "*"), UInt8(ascii: "?"), UInt8(ascii: "/"), UInt8(ascii: "\\"):
                return false
            case 0xA0 where previous == 0xC2: return false
            case UInt8(ascii: " ") where previous == UInt8(ascii: " "): return false
            default: previous = byte
            }
        }
        return previous != UInt8(ascii: " ") && previous != UInt8(ascii: "'") && text.utf8.first != UInt8(ascii: "'")
    }

    /// At most `limit` characters (as Excel counts them, code points): the longest run of the
    /// caption's clauses that fits (`Arbetslöshet 2008–2013, i regionen …` → `Arbetslöshet
    /// 2008–2013`), else cut before a word that does not fit; punctuation left at the end is
    /// dropped.
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.unicodeScalars.count > limit else { return text }
        let clauses = Self.clauses(text)
        if let fits = (1..<max(clauses.count, 1)).reversed().lazy.map({ clauses[..<$0].joined(separator: ", ") }).first(where: { $0.unicodeScalars.count <= limit }) {
            return fits
        }
        var words = text.split(separator: " ").map(String.init)
        while words.count > 1, words.joined(separator: " ").unicodeScalars.count > limit { words.removeLast() }
        var name = words.joined(separator: " ")
        if name.unicodeScalars.count > limit { name = String(String.UnicodeScalarView(name.unicodeScalars.prefix(limit))) }
        while let last = name.unicodeScalars.last, ",.;:–-—(&".unicodeScalars.contains(last) || last == " " || last == "'" { name.unicodeScalars.removeLast() }
        return name
    }

    /// The text's parts between `, `.
    static func clauses(_ text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var clauses: [String] = []
        var clause = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == ",", i + 1 < scalars.count, scalars[i + 1] == " " {
                clauses.append(String(clause))
                clause = String.UnicodeScalarView()
                i += 2
            } else {
                clause.append(scalars[i])
                i += 1
            }
        }
        clauses.append(String(clause))
        return clauses
    }
}
