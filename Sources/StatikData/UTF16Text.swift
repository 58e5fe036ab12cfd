import StatikCore

/// UTF-16 text, what Excel's "Unicode-text" and some exports write, made UTF-8.
enum UTF16Text {
    /// The file's text as UTF-8 when it is UTF-16: with a byte-order mark (`FF FE` little-endian,
    /// `FE FF` big-endian), or without one when its first characters are ASCII with a 0 byte
    /// beside each (a file that starts `a\0b\0`). Nil when it is not UTF-16. Characters that are
    /// not valid UTF-16 (an unpaired surrogate) are an error at their line.
    static func decode(_ data: ArraySlice<UInt8>) throws(CSVTable.Problem) -> [UInt8]? {
        let bytes = Array(data)
        let littleEndian: Bool
        var start = 0
        if bytes.starts(with: [0xFF, 0xFE]) {
            littleEndian = true
            start = 2
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            littleEndian = false
            start = 2
        } else if let guess = withoutMark(bytes) {
            littleEndian = guess
        } else {
            return nil
        }
        var units: [UInt16] = []
        units.reserveCapacity((bytes.count - start) / 2)
        var i = start
        while i + 1 < bytes.count {
            let (a, b) = (UInt16(bytes[i]), UInt16(bytes[i + 1]))
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            i += 2
        }
        var out: [UInt8] = []
        out.reserveCapacity(units.count)
        var line = 1
        var iterator = units.makeIterator()
        var decoder = Unicode.UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                Unicode.UTF8.encode(scalar) { out.append($0) }
            case .emptyInput:
                return out
            case .error:
                throw CSVTable.Problem(line: line, column: 1, message: Message(.fileUtf16InvalidCharacter))
            }
        }
    }

    /// Little-endian (true) or big-endian (false) when each of the first (up to) eight
    /// characters has a 0 byte on the same side and a letter on the other (text in Latin
    /// letters: UTF-8 and Windows-1252 have no 0 byte); nil otherwise.
    private static func withoutMark(_ bytes: [UInt8]) -> Bool? {
        let pairs = min(bytes.count / 2, 8)
        guard pairs >= 2 else { return nil }
        let sample = (0..<pairs).map { (bytes[2 * $0], bytes[2 * $0 + 1]) }
        if sample.allSatisfy({ $0.0 != 0 && $0.1 == 0 }) { return true }
        if sample.allSatisfy({ $0.0 == 0 && $0.1 != 0 }) { return false }
        return nil
    }
}
