import Foundation

/// The XML of a workbook's parts, written as bytes, with the escaping SpreadsheetML parts get
/// from libxlsxwriter (src/xmlwriter.c): text escapes `&`, `<` and `>` (Excel leaves `"` as it
/// is), attribute values `"` and line feeds as well. A format of its own, not HTML: the site's
/// HTML escaper (StatikCore's `escapeHTML`) is not used here on purpose.
struct XMLBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    static let declaration: StaticString = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func raw(_ text: [UInt8]) { bytes.append(contentsOf: text) }

    mutating func int(_ value: Int) {
        // The digits from the last, on the stack, then appended at once (byte by byte, the
        // buffer's checks at each were most of writing a sheet's numbers).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = value.magnitude, first = digits.count
            repeat {
                first -= 1
                digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[first...]))
        }
    }

    /// A number as C's `printf("%.16G")` writes it, which libxlsxwriter uses for every number
    /// in a part (a cell's value, a column's width, a font's size).
    mutating func number(_ value: Double) {
        if value == value.rounded(.towardZero), value.magnitude < 1e15 {
            if value == 0, value.sign == .minus { raw("-0") } else { int(Int(value)) }
            return
        }
        var buffer = [CChar](repeating: 0, count: 48)
        let written = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.16G", $0) }
        bytes.append(contentsOf: buffer.prefix(Int(max(0, min(written, 47)))).map { UInt8(bitPattern: $0) })
    }

    /// Text between tags.
    mutating func text(_ value: [UInt8]) { escaped(value, attribute: false) }

    /// An attribute's value.
    mutating func attribute(_ value: [UInt8]) { escaped(value, attribute: true) }

    private mutating func escaped(_ value: [UInt8], attribute: Bool) {
        for byte in value {
            switch byte {
            case UInt8(ascii: "&"): raw("&amp;")
            case UInt8(ascii: "<"): raw("&lt;")
            case UInt8(ascii: ">"): raw("&gt;")
            case UInt8(ascii: "\"") where attribute: raw("&quot;")
            case UInt8(ascii: "\n") where attribute: raw("&#xA;")
            default: bytes.append(byte)
            }
        }
    }

    /// A cell's address: `A1`, `AB12`.
    mutating func cell(_ row: Int, _ column: Int) {
        var letters: [UInt8] = []
        var n = column + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(remainder))
            n = (n - 1) / 26
        }
        bytes.append(contentsOf: letters.reversed())
        int(row + 1)
    }

    /// A range's address, `A1:C5`, or one cell's when it is one cell.
    mutating func range(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int) {
        cell(firstRow, firstColumn)
        guard firstRow != lastRow || firstColumn != lastColumn else { return }
        bytes.append(UInt8(ascii: ":"))
        cell(lastRow, lastColumn)
    }
}

extension String {
    /// The string as C sees it: its UTF-8 bytes up to the first NUL.
    var cBytes: [UInt8] {
        var bytes = Array(utf8)
        if let nul = bytes.firstIndex(of: 0) { bytes.removeSubrange(nul...) }
        return bytes
    }
}
