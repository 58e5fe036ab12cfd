public import StatikCore

/// A CSV file read into typed columns, ready to become an SQLite table.
///
/// Reads what people really save: comma- or semicolon-separated (whichever the header row
/// uses), UTF-8 with or without a byte-order mark, quoted fields with `""` for a quote, CRLF or
/// LF line ends, and in semicolon files the decimal comma Excel writes in Sweden.
public struct CSVTable: Sendable {
    public enum ColumnType: String, Sendable { case integer = "INTEGER", real = "REAL", text = "TEXT" }

    public var columns: [String]
    public var types: [ColumnType]
    public var rows: [[Value]]
    public var separator: UInt8

    /// A problem with a CSV file, at a line (1-based) and column.
    public struct Problem: Error, Sendable, Equatable {
        public var line: Int
        public var column: Int
        public var message: String
    }

    public init(parsing bytes: [UInt8]) throws(Problem) {
        var data = bytes[...]
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            throw Problem(line: 1, column: 1, message: "the file is UTF-16; save it as CSV UTF-8 (comma or semicolon separated)")
        }
        if let bad = Self.firstInvalidUTF8(data) {
            throw Problem(line: bad.line, column: bad.column, message: "the file is not UTF-8 (it looks like Windows-1252 or Latin-1); save it as CSV UTF-8")
        }
        guard data.contains(where: { $0 != 0x0A && $0 != 0x0D && $0 != 0x20 }) else {
            throw Problem(line: 1, column: 1, message: "the file is empty; a CSV file needs a header row with column names")
        }
        separator = Self.sniffSeparator(data)
        let fields = try Self.fields(data, separator: separator)
        guard let header = fields.records.first else {
            throw Problem(line: 1, column: 1, message: "the file is empty; a CSV file needs a header row with column names")
        }
        columns = []
        var seen: [String: Int] = [:]
        for i in 0..<header.count {
            let name = Self.columnName(fields.string(header.first + i))
            guard !name.isEmpty else {
                throw Problem(line: header.line, column: i + 1, message: "column \(i + 1) has no name in the header row")
            }
            if let first = seen[name.lowercased()] {
                throw Problem(line: header.line, column: i + 1, message: "column name '\(name)' is used twice (columns \(first + 1) and \(i + 1))")
            }
            seen[name.lowercased()] = i
            columns.append(name)
        }
        // The first field of each row.
        var starts: [Int] = []
        starts.reserveCapacity(fields.records.count - 1)
        for record in fields.records.dropFirst() {
            // A blank line (often the last one) is not a row.
            if record.count == 1 && fields.field(record.first).isEmpty { continue }
            guard record.count == columns.count else {
                throw Problem(line: record.line, column: 1, message: "this row has \(record.count) fields but the header has \(columns.count); check for a missing or extra \(separator == 0x3B ? "semicolon" : "comma"), or quote a field that contains one")
            }
            starts.append(record.first)
        }
        let decimalComma = separator == 0x3B
        types = columns.indices.map { c in
            Self.inferType(starts.lazy.map { fields.field($0 + c) }, decimalComma: decimalComma)
        }
        let types = types
        rows = starts.map { start in
            types.indices.map { c in Self.value(fields.field(start + c), as: types[c], decimalComma: decimalComma) }
        }
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

    private static func sniffSeparator(_ data: ArraySlice<UInt8>) -> UInt8 {
        var commas = 0, semicolons = 0, quoted = false
        for byte in data {
            if byte == 0x22 { quoted.toggle() }
            if quoted { continue }
            if byte == 0x0A { break }
            if byte == 0x2C { commas += 1 }
            if byte == 0x3B { semicolons += 1 }
        }
        return semicolons > commas ? 0x3B : 0x2C
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
            throw Problem(line: quoteLine, column: 1, message: "a quoted field starts here but its closing quote (\") is missing")
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

    private static func inferType(_ fields: some Sequence<ArraySlice<UInt8>>, decimalComma: Bool) -> ColumnType {
        var type: ColumnType?
        for bytes in fields {
            // Most cells of a numeric column are plain whole numbers: read from their bytes.
            if plainInteger(bytes) != nil {
                type = type ?? .integer
                continue
            }
            if plainReal(bytes, decimalComma: decimalComma) != nil {
                type = .real
                continue
            }
            let field = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: " \t")
            if isNull(field) || isNothing(field) { continue }
            if hasLeadingZero(field) {
                // `0180` is a code (a municipality, a county), not the number 180.
                return .text
            } else if parseInteger(field) != nil {
                type = type ?? .integer
            } else if parseReal(field, decimalComma: decimalComma) != nil {
                type = .real
            } else {
                return .text
            }
        }
        return type ?? .text
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
        return digits.count > 1 && digits.first == "0" && digits.dropFirst().first?.isNumber == true
    }

    static func isNull(_ field: String) -> Bool { field.isEmpty || field == ".." || field == "." }
    static func isNothing(_ field: String) -> Bool { field == "-" || field == "–" }

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
        if type != .text && isNull(field) { return .null }
        if type == .text && field.isEmpty { return .null }
        switch type {
        case .text: return .text(field)
        case .integer: return isNothing(field) ? .integer(0) : parseInteger(field).map(Value.integer) ?? .null
        case .real: return isNothing(field) ? .real(0) : parseReal(field, decimalComma: decimalComma).map(Value.real) ?? .null
        }
    }

    /// Whole numbers, also with a space or no-break space between thousands (`7 674`).
    static func parseInteger(_ field: String) -> Int64? {
        if let n = Int64(field) { return n }
        let grouped = field.split(omittingEmptySubsequences: false, whereSeparator: { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" })
        guard grouped.count > 1,
              let first = grouped.first, (1...4).contains(first.count),
              grouped.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        return Int64(grouped.joined())
    }

    static func parseReal(_ field: String, decimalComma: Bool) -> Double? {
        var text = field
        if decimalComma { text = String(text.map { $0 == "," ? "." : $0 }) }
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E") }),
              text.contains(where: \.isNumber),
              let d = Double(text), d.isFinite
        else { return nil }
        return d
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        // Most fields have nothing to trim: answered from the first and last bytes, without
        // building anything. (A Character of an ASCII `set` is one ASCII byte; a field that
        // starts and ends with other ASCII bytes has no such Character at either end.)
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
           set.utf8.allSatisfy({ $0 < 0x80 && $0 != first && $0 != last }) {
            return self
        }
        let chars = Set(set)
        return String(drop(while: { chars.contains($0) }).reversed().drop(while: { chars.contains($0) }).reversed())
    }
}
