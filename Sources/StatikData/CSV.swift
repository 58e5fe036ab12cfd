public import StatikCore

/// A CSV file read into typed columns, ready to become an SQLite table.
///
/// Reads what people really save: comma-, semicolon- or tab-separated (whichever the header
/// row uses), UTF-8 with or without a byte-order mark — or Windows-1252, what Swedish Excel's
/// "CSV (semikolonavgränsad)" writes, with a note — or UTF-16, what Excel's "Unicode-text"
/// writes; quoted fields with `""` for a quote, CRLF or LF line ends. Rows without a value
/// (the `;;;` Excel leaves below a table) are not data: they are passed over, and their lines
/// kept for a note.
///
/// Numbers are read in every notation Swedish Excel and official tables use (`CSVNumber`):
/// decimal comma or point, a space, no-break space or thin space between thousands, `%` with or
/// without a space (the column is then a percentage: `12,5 %` is 12.5), the Unicode minus.
/// The official symbols load as SQLite values: `..` (not available) and `x` (withheld) as NULL,
/// `–` and `-` (nothing to report, Statistics Sweden's sign for zero) as 0. A column of numbers
/// with a cell of other text is an error at that cell, unless the column is declared text;
/// whole numbers are exact to 64 bits, and a larger one is an error.
public struct CSVTable: Sendable {
    public enum ColumnType: String, Sendable { case integer = "INTEGER", real = "REAL", text = "TEXT" }

    public var columns: [String]
    public var types: [ColumnType]
    public var rows: [[Value]]
    public var separator: UInt8
    /// Columns whose numbers were written with `%` (by index): shares in per cent.
    public var percentColumns: Set<Int> = []
    /// True when the file was not UTF-8 and was read as Windows-1252.
    public var readAsWindows1252 = false
    /// The lines of rows that have fields but no value in any of them (`;;;`), passed over.
    public var emptyRowLines: [Int] = []

    /// A problem with a CSV file, at a line (1-based) and column.
    public struct Problem: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var message: Message
        /// The file's line the problem is on, as text, shown under the message.
        public var sourceLine: String? = nil
    }

    /// `textColumns`: the (lower-case) names of columns declared text, which are never read as
    /// numbers (codes, labels that may look like numbers).
    /// `separator`: the byte between fields, or nil to take the one the header row uses.
    public init(parsing bytes: [UInt8], textColumns: Set<String> = [], separator: UInt8? = nil) throws(Problem) {
        let text = try Self.text(of: bytes)
        do {
            try self.init(text: text, textColumns: textColumns, separator: separator)
        } catch {
            var problem = error
            problem.sourceLine = Self.line(problem.line, of: text.bytes)
            throw problem
        }
    }

    private init(text: Text, textColumns: Set<String>, separator: UInt8?) throws(Problem) {
        readAsWindows1252 = text.fromWindows1252
        self.separator = separator ?? Self.sniffSeparator(text.bytes)
        let records = Records(text: text.bytes, separator: self.separator, fields: try Self.fields(text.bytes, separator: self.separator))
        columns = try records.header()
        let (starts, empty) = try records.rowStarts(columnCount: columns.count)
        emptyRowLines = empty
        let (types, percent) = try records.columnTypes(columns, rowStarts: starts, textColumns: textColumns)
        self.types = types
        percentColumns = percent
        let decimalComma = records.decimalComma
        // A text column repeats a few values: each is made once and shared by its cells.
        var texts = [[CellBytes: Value]](repeating: [:], count: types.count)
        rows = starts.map { start in
            types.indices.map { c in
                let bytes = records.fields.field(start + c)
                guard types[c] == .text else { return Self.value(bytes, as: types[c], decimalComma: decimalComma) }
                if let known = texts[c][CellBytes(bytes)] { return known }
                let value = Self.value(bytes, as: .text, decimalComma: decimalComma)
                if texts[c].count < 4096 { texts[c][CellBytes(bytes)] = value }
                return value
            }
        }
        withheldAtSource = records.withheldCells(rowStarts: starts, types: types)
    }

    /// Line `number` (1-based) of `text`, without its line end; nil past the end.
    static func line(_ number: Int, of text: ArraySlice<UInt8>) -> String? {
        var current = 1, start = text.startIndex
        var i = text.startIndex
        while i < text.endIndex {
            if text[i] == 0x0A {
                if current == number { break }
                current += 1
                start = i + 1
            }
            i += 1
        }
        guard current == number, start <= i else { return nil }
        var end = i
        if end > start && text[end - 1] == 0x0D { end -= 1 }
        return String(decoding: text[start..<end], as: UTF8.self)
    }

    /// A file's bytes as UTF-8 text, and whether they were read as Windows-1252.
    struct Text {
        var bytes: ArraySlice<UInt8>
        var fromWindows1252 = false
    }

    /// The text of a file: without a byte-order mark, transcoded from UTF-16 (with a byte-order
    /// mark, or without one when every other byte of its start is 0) and from Windows-1252 when
    /// it is not UTF-8. An error for a NUL character, bytes that are none of these, and a file of
    /// nothing but blank lines.
    static func text(of bytes: [UInt8]) throws(Problem) -> Text {
        var data = bytes[...]
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        if let utf16 = try UTF16Text.decode(data) { data = utf16[...] }
        if let nul = data.firstIndex(of: 0) {
            let (line, column) = Self.position(of: nul, in: data)
            throw Problem(line: line, column: column, message: Message(.fileHasNulCharacterHere))
        }
        var text = Text(bytes: data)
        if let bad = Self.firstInvalidUTF8(data) {
            guard let transcoded = Self.windows1252(data) else {
                throw Problem(line: bad.line, column: bad.column, message: Message(.fileNotUtf8Nor))
            }
            text = Text(bytes: transcoded[...], fromWindows1252: true)
        }
        guard text.bytes.contains(where: { $0 != 0x0A && $0 != 0x0D && $0 != 0x20 }) else {
            throw Problem(line: 1, column: 1, message: Message(.fileEmptyCsvFileNeeds))
        }
        return text
    }

    /// A file read into records: its text, the separator its header row uses, and its fields.
    struct Records {
        var text: ArraySlice<UInt8>
        var separator: UInt8
        var fields: Fields

        /// A semicolon-separated file writes decimals with a comma.
        var decimalComma: Bool { separator == 0x3B }

        /// A record that is a blank line (often the last one): not a row.
        func isBlank(_ record: (line: Int, first: Int, count: Int)) -> Bool {
            record.count == 1 && fields.field(record.first).isEmpty
        }

        /// The columns' names, from the first record: none may be empty, none used twice
        /// (in any case).
        func header() throws(Problem) -> [String] {
            guard let header = fields.records.first else {
                throw Problem(line: 1, column: 1, message: Message(.fileEmptyCsvFileNeeds))
            }
            var columns: [String] = []
            var seen: [String: Int] = [:]
            for i in 0..<header.count {
                let name = CSVTable.columnName(fields.string(header.first + i))
                guard !name.isEmpty else {
                    throw Problem(line: header.line, column: i + 1, message: Message(.columnHasNoNameHeader, i + 1))
                }
                if let first = seen[name.lowercased()] {
                    throw Problem(line: header.line, column: i + 1, message: Message(.columnNameUsedTwiceColumns, name, first + 1, i + 1))
                }
                seen[name.lowercased()] = i
                columns.append(name)
            }
            return columns
        }

        /// A record of fields that are all empty or spaces (`;;;`): no row of data.
        func isEmpty(_ record: (line: Int, first: Int, count: Int)) -> Bool {
            (record.first..<record.first + record.count).allSatisfy { fields.field($0).allSatisfy { $0 == 0x20 || $0 == 0x09 } }
        }

        /// The first field of each row, and the lines of records without a value (passed
        /// over); a row with another number of fields than the header is an error.
        func rowStarts(columnCount: Int) throws(Problem) -> (starts: [Int], emptyLines: [Int]) {
            var starts: [Int] = [], emptyLines: [Int] = []
            starts.reserveCapacity(fields.records.count - 1)
            for record in fields.records.dropFirst() {
                if isBlank(record) { continue }
                if isEmpty(record) {
                    emptyLines.append(record.line)
                    continue
                }
                guard record.count == columnCount else {
                    throw Problem(line: record.line, column: 1, message: Message(.rowHasFieldsButHeader, record.count, columnCount, CSVTable.separatorName(separator)))
                }
                starts.append(record.first)
            }
            return (starts, emptyLines)
        }

        /// Each column's type, text when it is declared so and otherwise read from its cells,
        /// and the columns of numbers written with `%`. A column of numbers with a cell that
        /// does not fit is an error at that cell.
        func columnTypes(_ columns: [String], rowStarts starts: [Int], textColumns: Set<String>) throws(Problem) -> (types: [ColumnType], percentColumns: Set<Int>) {
            var types: [ColumnType] = []
            var percentColumns: Set<Int> = []
            for c in columns.indices {
                if textColumns.contains(columns[c].lowercased()) {
                    types.append(.text)
                    continue
                }
                switch CSVTable.inferType(starts.lazy.map { fields.field($0 + c) }, decimalComma: decimalComma) {
                case .success(let (type, percent)):
                    types.append(type)
                    if percent { percentColumns.insert(c) }
                case .failure(let cell):
                    let rows = fields.records.dropFirst().filter { !isBlank($0) && !isEmpty($0) }
                    let record = rows[cell.row]
                    let column = CSVTable.characterColumn(of: c, inRecordAt: record.line, in: text, separator: separator)
                    let cellText = fields.string(record.first + c).trimmingCharacters(in: " \t")
                    throw Problem(line: record.line, column: column, message: cell.message(column: columns[c], text: cellText))
                }
            }
            return (types, percentColumns)
        }

        /// `x` in a column of numbers: withheld at the source. It loads as NULL (no number can
        /// stand for it), and disclosure control is told where it was, so that it shows as `x`
        /// and nothing made from it is published as a number.
        func withheldCells(rowStarts starts: [Int], types: [ColumnType]) -> [Cell] {
            var cells: [Cell] = []
            for (row, start) in starts.enumerated() {
                for c in types.indices where types[c] != .text && CSVTable.isWithheldSymbol(fields.field(start + c)) {
                    cells.append(Cell(row: row, column: c))
                }
            }
            return cells
        }
    }

    /// The cells written `x` (withheld at the source) in columns of numbers, in reading order.
    public var withheldAtSource: [Cell] = []

    /// `x` or `X`, with spaces or tabs around it.
    static func isWithheldSymbol(_ bytes: ArraySlice<UInt8>) -> Bool {
        let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x09 }.reversed().drop { $0 == 0x20 || $0 == 0x09 }
        return trimmed.count == 1 && (trimmed.first == UInt8(ascii: "x") || trimmed.first == UInt8(ascii: "X"))
    }

    // MARK: - Records

    /// Every field of a file, unquoted, in one buffer: a large file becomes two arrays, not a
    /// string per cell (only text columns become strings, once, as values).
    struct Fields {
        var bytes: [UInt8] = []
        /// Where each field ends in `bytes` (it starts where the one before it ends).
        var ends: [Int] = []
        /// Each record: its line (1-based), its first field and how many fields it has.
        var records: [(line: Int, first: Int, count: Int)] = []

        func field(_ i: Int) -> ArraySlice<UInt8> { bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]] }
        func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }
    }

    /// The separator the header row uses most: comma, semicolon or tab (a tie goes to the
    /// comma, then the semicolon).
    private static func sniffSeparator(_ data: ArraySlice<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [0x2C: 0, 0x3B: 0, 0x09: 0], quoted = false
        for byte in data {
            if byte == 0x22 { quoted.toggle() }
            if quoted { continue }
            if byte == 0x0A { break }
            if let count = counts[byte] { counts[byte] = count + 1 }
        }
        var best: UInt8 = 0x2C
        for candidate: UInt8 in [0x3B, 0x09] where counts[candidate]! > counts[best]! { best = candidate }
        return best
    }

    /// The separator's name, for messages.
    static func separatorName(_ separator: UInt8) -> Message {
        switch separator {
        case 0x3B: Message(.wordSemicolon)
        case 0x09: Message(.wordTab)
        default: Message(.wordComma)
        }
    }

    static func fields(_ data: ArraySlice<UInt8>, separator: UInt8) throws(Problem) -> Fields {
        var out = Fields()
        out.bytes.reserveCapacity(data.count)
        var fieldStart = 0, recordFirst = 0
        var line = 1, recordLine = 1
        var inQuotes = false, wasQuoted = false
        var quoteLine = 1
        func endField() {
            out.ends.append(out.bytes.count)
            fieldStart = out.bytes.count
            wasQuoted = false
        }
        func endRecord() {
            out.records.append((recordLine, recordFirst, out.ends.count - recordFirst))
            recordFirst = out.ends.count
        }
        var i = data.startIndex
        let end = data.endIndex
        while i < end {
            let b = data[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < end && data[i + 1] == 0x22 {
                        out.bytes.append(0x22)
                        i += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if b == 0x0A { line += 1 }
                    out.bytes.append(b)
                }
            } else if b == separator {
                endField()
            } else if b == 0x0A || b == 0x0D {
                if b == 0x0D, i + 1 < end, data[i + 1] == 0x0A { i += 1 }
                endField()
                endRecord()
                line += 1
                recordLine = line
            } else if b == 0x22 && !wasQuoted && out.bytes[fieldStart...].allSatisfy({ $0 == 0x20 }) {
                out.bytes.removeSubrange(fieldStart...)
                inQuotes = true
                wasQuoted = true
                quoteLine = line
            } else {
                out.bytes.append(b)
            }
            i += 1
        }
        if inQuotes {
            throw Problem(line: quoteLine, column: 1, message: Message(.quotedFieldStartsHereBut))
        }
        if out.bytes.count > fieldStart || out.ends.count > recordFirst || wasQuoted {
            endField()
            endRecord()
        }
        return out
    }

    private static func firstInvalidUTF8(_ data: ArraySlice<UInt8>) -> (line: Int, column: Int)? {
        guard String(validating: data, as: UTF8.self) == nil else { return nil }
        // Find the first bad byte to point at it.
        var line = 1, column = 1
        var i = data.startIndex
        while i < data.endIndex {
            let b = data[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            let end = data.index(i, offsetBy: length, limitedBy: data.endIndex) ?? data.endIndex
            if length == 0 || end > data.endIndex || String(validating: data[i..<end], as: UTF8.self) == nil
                || data.distance(from: i, to: end) < length
            {
                return (line, column)
            }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i = end
        }
        return (line, column)
    }

    /// `Andel kvinnor` → `Andel_kvinnor`: names usable in SQL without quotes.
    public static func columnName(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: " \t")
        return String(trimmed.map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    // MARK: - Types

    /// Why a column of numbers cannot be loaded: its first cell that does not fit.
    struct CellProblem: Error {
        enum Kind { case text, tooLarge, tooPrecise }
        var row: Int
        var kind: Kind

        func message(column: String, text: String) -> Message {
            switch kind {
            case .text:
                return Message(.columnHoldsNumbersButCell, column, text)
            case .tooLarge:
                return Message(.columnTooLargeWholeNumber, text, column)
            case .tooPrecise:
                return Message(.columnHasMoreDigitsThan, text, column)
            }
        }
    }

    /// The type of a column from its cells: whole numbers, numbers with decimals, or text (a
    /// column of codes such as `0180` is text). Symbols for missing values fit any column.
    private static func inferType(_ fields: some Sequence<ArraySlice<UInt8>>, decimalComma: Bool) -> Result<(ColumnType, percent: Bool), CellProblem> {
        var sawInteger = false, sawReal = false, sawCode = false, percent = false
        var firstText: Int?, firstTooLarge: Int?, largestInteger: (row: Int, magnitude: UInt64)?
        var seen: [CellBytes: CellKind] = [:]
        for (row, bytes) in fields.enumerated() {
            // Most cells of a numeric column are plain whole numbers: read from their bytes.
            if let n = plainInteger(bytes) {
                sawInteger = true
                if largestInteger == nil || n.magnitude > largestInteger!.magnitude { largestInteger = (row, n.magnitude) }
                continue
            }
            if plainReal(bytes, decimalComma: decimalComma) != nil {
                sawReal = true
                continue
            }
            // The rest is read as text, once for each different cell: a column of names or codes
            // repeats a few values (a third of loading 100 000 rows was reading them again).
            let kind: CellKind
            if let known = seen[CellBytes(bytes)] {
                kind = known
            } else {
                kind = Self.cellKind(bytes)
                if seen.count < 4096 { seen[CellBytes(bytes)] = kind }
            }
            switch kind {
            case .nothing:
                continue
            case .code:
                sawCode = true
            case .integer(let magnitude, let isPercent):
                sawInteger = true
                percent = percent || isPercent
                if largestInteger == nil || magnitude > largestInteger!.magnitude { largestInteger = (row, magnitude) }
            case .real(let isPercent):
                sawReal = true
                percent = percent || isPercent
            case .tooLarge:
                if firstTooLarge == nil { firstTooLarge = row }
            case .text:
                if firstText == nil { firstText = row }
            }
        }
        let numbers = sawInteger || sawReal || firstTooLarge != nil
        if sawCode || (firstText != nil && !numbers) || !numbers { return .success((.text, false)) }
        if let firstText { return .failure(CellProblem(row: firstText, kind: .text)) }
        if let firstTooLarge { return .failure(CellProblem(row: firstTooLarge, kind: .tooLarge)) }
        if sawReal {
            // A whole number in a column with decimals becomes a double: exact only to 2^53.
            if let largest = largestInteger, largest.magnitude > 1 << 53 { return .failure(CellProblem(row: largest.row, kind: .tooPrecise)) }
            return .success((.real, percent))
        }
        return .success((.integer, percent))
    }

    /// A cell's bytes as a key, hashed as one block.
    typealias CellBytes = ByteKey<ArraySlice<UInt8>>

    /// What a cell that is not a plain number says for its column's type.
    private enum CellKind {
        /// Empty, NULL or a symbol for nothing (`..`, `–`).
        case nothing
        /// A number written with a leading zero: `0180` is a code (a municipality), not 180.
        case code
        case integer(magnitude: UInt64, percent: Bool)
        case real(percent: Bool)
        case tooLarge
        case text
    }

    private static func cellKind(_ bytes: ArraySlice<UInt8>) -> CellKind {
        let field = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: " \t")
        if isNull(field) || isNothing(field) { return .nothing }
        if hasLeadingZero(field) { return .code }
        switch CSVNumber.parse(field) {
        case .integer(let n, let isPercent): return .integer(magnitude: n.magnitude, percent: isPercent)
        case .real(_, let isPercent): return .real(percent: isPercent)
        case .tooLarge: return .tooLarge
        case nil: return .text
        }
    }

    /// `-?[0-9]+` without a leading zero (unless it is `0`) and short enough not to overflow:
    /// the common case, read without making a string. Anything else: nil, for the full rules.
    static func plainInteger(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var i = bytes.startIndex
        let negative = i < bytes.endIndex && bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let digits = bytes.endIndex - i
        guard digits >= 1 && digits <= 18 else { return nil }
        if digits > 1 && bytes[i] == UInt8(ascii: "0") { return nil }
        var n: Int64 = 0
        while i < bytes.endIndex {
            let d = bytes[i] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            n = n * 10 + Int64(d)
            i += 1
        }
        return negative ? -n : n
    }

    static func hasLeadingZero(_ field: String) -> Bool {
        let digits = field.hasPrefix("-") ? field.dropFirst() : Substring(field)
        // (Not `digits.count > 1`: counting walks every Character of every text cell.)
        return digits.first == "0" && digits.dropFirst().first?.isNumber == true
    }

    /// Not available (`..`, `.`), withheld (`x`), or empty: NULL.
    static func isNull(_ field: String) -> Bool { field.isEmpty || field == ".." || field == "." || field == "x" || field == "X" }
    /// Nothing to report (`–`, `-`, `—`): zero, as Statistics Sweden's sign means.
    static func isNothing(_ field: String) -> Bool { field == "-" || field == "–" || field == "—" || field == "−" }

    /// `-?[0-9]+[.,][0-9]+` (the decimal sign of the file), no leading zero before it unless
    /// alone: the common real number, checked on its bytes. Anything else: nil, for the full rules.
    static func plainReal(_ bytes: ArraySlice<UInt8>, decimalComma: Bool) -> Double? {
        let point = decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        var i = bytes.startIndex
        if i < bytes.endIndex && bytes[i] == UInt8(ascii: "-") { i += 1 }
        let wholeStart = i
        while i < bytes.endIndex && bytes[i] &- UInt8(ascii: "0") < 10 { i += 1 }
        let whole = i - wholeStart
        guard whole >= 1, whole <= 15, !(whole > 1 && bytes[wholeStart] == UInt8(ascii: "0")),
              i < bytes.endIndex, bytes[i] == point else { return nil }
        let pointIndex = i
        i += 1
        let fractionStart = i
        while i < bytes.endIndex && bytes[i] &- UInt8(ascii: "0") < 10 { i += 1 }
        guard i == bytes.endIndex, i - fractionStart >= 1, i - fractionStart <= 15 else { return nil }
        var ascii = Array(bytes)
        ascii[pointIndex - bytes.startIndex] = UInt8(ascii: ".")
        return Double(String(decoding: ascii, as: UTF8.self))
    }

    private static func value(_ bytes: ArraySlice<UInt8>, as type: ColumnType, decimalComma: Bool) -> Value {
        if type == .integer, let n = plainInteger(bytes) { return .integer(n) }
        if type == .real {
            if let x = plainReal(bytes, decimalComma: decimalComma) { return .real(x) }
            if let n = plainInteger(bytes) { return .real(Double(n)) }
        }
        let raw = String(decoding: bytes, as: UTF8.self)
        let field = type == .text ? raw : raw.trimmingCharacters(in: " \t")
        if type == .text { return field.isEmpty ? .null : .text(field) }
        if isNull(field) { return .null }
        if isNothing(field) { return type == .integer ? .integer(0) : .real(0) }
        switch CSVNumber.parse(field) {
        case .integer(let n, _): return type == .integer ? .integer(n) : .real(Double(n))
        case .real(let x, _): return .real(x)
        default: return .null  // not reached: the column's type was inferred from these cells
        }
    }

    /// Whole numbers, also with a space or no-break space between thousands (`7 674`).
    static func parseInteger(_ field: String) -> Int64? {
        if case .integer(let n, false) = CSVNumber.parse(field) { return n }
        return nil
    }

    static func parseReal(_ field: String, decimalComma: Bool) -> Double? {
        switch CSVNumber.parse(field) {
        case .integer(let n, false): return Double(n)
        case .real(let x, false): return x
        default: return nil
        }
    }

    // MARK: - Positions and encodings

    /// Line and column (characters, 1-based) of a byte of `data`.
    static func position(of index: Int, in data: ArraySlice<UInt8>) -> (line: Int, column: Int) {
        var line = 1, lineStart = data.startIndex
        var i = data.startIndex
        while i < index {
            if data[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        return (line, String(decoding: data[lineStart..<index], as: UTF8.self).count + 1)
    }

    /// The character column where field `field` (0-based) of the record on line `line` starts.
    static func characterColumn(of field: Int, inRecordAt line: Int, in data: ArraySlice<UInt8>, separator: UInt8) -> Int {
        var current = 1
        var i = data.startIndex
        while i < data.endIndex && current < line {
            if data[i] == 0x0A { current += 1 }
            i += 1
        }
        let lineStart = i
        var index = 0, quoted = false
        while i < data.endIndex && index < field {
            let b = data[i]
            if b == 0x22 { quoted.toggle() } else if b == separator && !quoted { index += 1 } else if b == 0x0A && !quoted { break }
            i += 1
        }
        // Past the spaces before the value.
        while i < data.endIndex, data[i] == 0x20 { i += 1 }
        if i < data.endIndex, data[i] == 0x22 { i += 1 }
        return String(decoding: data[lineStart..<i], as: UTF8.self).count + 1
    }

    /// The bytes of a Windows-1252 text as UTF-8; nil when a byte is one Windows-1252 leaves
    /// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), so the file is something else.
    public static func windows1252(_ data: ArraySlice<UInt8>) -> [UInt8]? {
        let high: [UInt16] = [
            0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
            0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
        ]
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 8)
        for b in data {
            if b < 0x80 {
                out.append(b)
                continue
            }
            let scalar = b < 0xA0 ? high[Int(b - 0x80)] : UInt16(b)
            guard scalar != 0, let unicode = Unicode.Scalar(scalar) else { return nil }
            out.append(contentsOf: String(Character(unicode)).utf8)
        }
        return out
    }
}

/// A number as Swedish Excel and official tables write it: `7 674` (a space, no-break space or
/// thin space between thousands), `12,5` or `12.5`, `−5` (the Unicode minus) or `-5`, `49,5%`
/// and `12,5 %` (a share in per cent: 12.5), `1e3`. Whole numbers are read exactly, as 64-bit
/// integers; one too large for that is `.tooLarge`, never rounded.
public enum CSVNumber: Equatable, Sendable {
    case integer(Int64, percent: Bool)
    case real(Double, percent: Bool)
    case tooLarge

    static let groupSeparators: Set<Unicode.Scalar> = [" ", "\u{00A0}", "\u{202F}", "\u{2009}"]

    /// nil: not a number.
    public static func parse(_ raw: String) -> CSVNumber? {
        guard let number = WrittenNumber(raw) else { return nil }
        if number.fraction.isEmpty && number.exponent == nil { return exactInteger(number) }
        var text = (number.negative ? "-" : "") + number.digits.map(String.init).joined()
        if !number.fraction.isEmpty { text += "." + number.fraction.map(String.init).joined() }
        if let exponent = number.exponent { text += "e\(exponent)" }
        guard let x = Double(text), x.isFinite else { return nil }
        return .real(x, percent: number.percent)
    }

    /// A whole number read exactly, as a 64-bit integer; `.tooLarge` when it does not fit.
    private static func exactInteger(_ number: WrittenNumber) -> CSVNumber {
        var n: UInt64 = 0
        for d in number.digits {
            let (times, o1) = n.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return .tooLarge }
            n = plus
        }
        if number.negative {
            guard n <= UInt64(Int64.max) + 1 else { return .tooLarge }
            return .integer(n == UInt64(Int64.max) + 1 ? Int64.min : -Int64(n), percent: number.percent)
        }
        guard n <= UInt64(Int64.max) else { return .tooLarge }
        return .integer(Int64(n), percent: number.percent)
    }

    /// A number as written, in its parts: the sign, the digits before and after the decimal
    /// mark, the exponent, and whether it is a share in per cent. Nil when the text is not a
    /// number.
    private struct WrittenNumber {
        var negative = false
        var percent = false
        var digits: [UInt8] = []
        var fraction: [UInt8] = []
        var exponent: Int?

        init?(_ raw: String) {
            var text = NumberText(raw)
            percent = text.dropPercent()
            negative = text.dropSign()
            guard let whole = text.wholeDigits() else { return nil }
            digits = whole.digits
            guard let fraction = text.fraction() else { return nil }
            self.fraction = fraction
            // An exponent only after digits that are not grouped: `1 000e3` is not a number.
            if !whole.grouped && text.dropExponentMark() {
                guard let exponent = text.exponent() else { return nil }
                self.exponent = exponent
            }
            guard text.atEnd else { return nil }
        }
    }

    /// The text of a number, read from the start: each step takes what it reads.
    private struct NumberText {
        var scalars: [Unicode.Scalar]
        var i = 0

        /// `raw` without the spaces and tabs around it.
        init(_ raw: String) {
            scalars = Array(raw.unicodeScalars)
            while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
            while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        }

        var atEnd: Bool { i == scalars.count }

        func isDigit(_ index: Int) -> Bool { index < scalars.count && ("0"..."9").contains(scalars[index]) }

        /// A `%` at the end, and the space before it; true when there was one.
        mutating func dropPercent() -> Bool {
            guard scalars.last == "%" else { return false }
            scalars.removeLast()
            while let last = scalars.last, CSVNumber.groupSeparators.contains(last) { scalars.removeLast() }
            return true
        }

        /// A sign at the start (`-`, the Unicode minus `−` or `+`); true when it is a minus.
        mutating func dropSign() -> Bool {
            guard let first = scalars.first, first == "-" || first == "\u{2212}" || first == "+" else { return false }
            scalars.removeFirst()
            return first != "+"
        }

        /// The digits before the decimal mark: groups of three after a separator. Nil when
        /// there are none, or a group is not three digits long.
        mutating func wholeDigits() -> (digits: [UInt8], grouped: Bool)? {
            var digits: [UInt8] = []
            var groupLength = -1  // -1: no separator seen yet
            var firstGroup = 0
            while i < scalars.count {
                let s = scalars[i]
                if isDigit(i) {
                    digits.append(UInt8(s.value - 48))
                    if groupLength >= 0 { groupLength += 1 } else { firstGroup += 1 }
                } else if CSVNumber.groupSeparators.contains(s), isDigit(i + 1) {
                    // A separator between groups: every group after the first is three digits.
                    guard !digits.isEmpty, groupLength == -1 ? firstGroup <= 3 : groupLength == 3 else { return nil }
                    groupLength = 0
                } else {
                    break
                }
                i += 1
            }
            guard !digits.isEmpty, groupLength == -1 || groupLength == 3 else { return nil }
            return (digits, groupLength != -1)
        }

        /// The digits after a decimal comma or point: none without one, nil for a decimal mark
        /// with no digit after it.
        mutating func fraction() -> [UInt8]? {
            guard i < scalars.count, scalars[i] == "," || scalars[i] == "." else { return [] }
            i += 1
            var fraction: [UInt8] = []
            while isDigit(i) {
                fraction.append(UInt8(scalars[i].value - 48))
                i += 1
            }
            return fraction.isEmpty ? nil : fraction
        }

        /// An `e` or `E`; true when there was one.
        mutating func dropExponentMark() -> Bool {
            guard i < scalars.count, scalars[i] == "e" || scalars[i] == "E" else { return false }
            i += 1
            return true
        }

        /// The exponent after its mark, with its sign; nil when it has no digit.
        mutating func exponent() -> Int? {
            var sign = 1
            if i < scalars.count, scalars[i] == "-" || scalars[i] == "+" {
                sign = scalars[i] == "-" ? -1 : 1
                i += 1
            }
            var e = 0, seen = false
            while isDigit(i), e < 100_000 {
                e = e * 10 + Int(scalars[i].value - 48)
                seen = true
                i += 1
            }
            return seen ? sign * e : nil
        }
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        // Most fields have nothing to trim: answered from the first and last bytes, without
        // building anything. (A Character of an ASCII `set` is one ASCII byte; a field whose
        // first and last bytes are other bytes, ASCII or not, has no such Character at either
        // end: "Övre Norrland" starts with a byte of Ö. Requiring ASCII ends sent every cell
        // of a text column with å, ä or ö at an end the slow way: 30 % of loading a
        // 100 000-row CSV, bench/run.)
        if let first = utf8.first, let last = utf8.last,
           set.utf8.allSatisfy({ $0 < 0x80 && $0 != first && $0 != last }) {
            return self
        }
        let chars = Set(set)
        return String(drop(while: { chars.contains($0) }).reversed().drop(while: { chars.contains($0) }).reversed())
    }
}
