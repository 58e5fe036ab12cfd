/// HTML's character references (`&amp;`, `&auml;`, `&#229;`, `&#xE5;`) read as a browser reads
/// them (WHATWG HTML, "Character reference state"): every named reference of HTML, the legacy
/// ones that may lack their `;` (`&copy`), numeric ones with the browser's repairs. The one
/// decoder of `statik check`, `statik diff` and the search page.
public enum CharacterReferences {
    /// `text` with its character references decoded. In an attribute value (`inAttribute`), a
    /// legacy reference without `;` followed by `=` or a letter or digit stays as written, as
    /// it does in a browser: `?a=1&copy=2` is an address, not `?a=1©=2`.
    public static func decode(_ text: some StringProtocol, inAttribute: Bool = false) -> String {
        let utf8 = Array(text.utf8)
        guard utf8.contains(UInt8(ascii: "&")) else { return String(text) }
        return utf8.withUnsafeBufferPointer { decode($0, inAttribute: inAttribute) }
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, inAttribute: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "&") else {
                out.append(bytes[i])
                i += 1
                continue
            }
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            let found = next == UInt8(ascii: "#") ? numeric(bytes, at: i) : named(bytes, at: i, inAttribute: inAttribute)
            if let (scalars, end) = found {
                for scalar in scalars { UTF8.encode(scalar) { out.append($0) } }
                i = end
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `&#229;`, `&#xE5` (the `;` may be left out): the code point, with NUL, surrogates and
    /// numbers past Unicode as U+FFFD and 0x80–0x9F as Windows-1252 reads them.
    private static func numeric(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> ([Unicode.Scalar], Int)? {
        var i = start + 2
        let hex = i < bytes.count && (bytes[i] | 0x20) == UInt8(ascii: "x")
        if hex { i += 1 }
        var value: UInt32 = 0
        var digits = 0
        while i < bytes.count, let digit = digitValue(bytes[i], hex: hex) {
            value = min(value &* (hex ? 16 : 10) &+ digit, 0x110000)
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < bytes.count && bytes[i] == UInt8(ascii: ";") { i += 1 }
        let replacement: Unicode.Scalar = "\u{FFFD}"
        if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return ([replacement], i) }
        if let windows = windows1252[value] { return ([windows], i) }
        return ([Unicode.Scalar(value) ?? replacement], i)
    }

    private static func digitValue(_ b: UInt8, hex: Bool) -> UInt32? {
        if b >= 0x30 && b <= 0x39 { return UInt32(b - 0x30) }
        let lower = b | 0x20
        if hex && lower >= 0x61 && lower <= 0x66 { return UInt32(lower - 0x61 + 10) }
        return nil
    }

    /// The longest name of the table that follows `&`.
    private static func named(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, inAttribute: Bool) -> ([Unicode.Scalar], Int)? {
        var end = start + 1
        func isAlphanumeric(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) }
        while end < bytes.count, end - start <= longestName, isAlphanumeric(bytes[end]) { end += 1 }
        guard end > start + 1 else { return nil }
        let run = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
        if end < bytes.count, bytes[end] == UInt8(ascii: ";"), let scalars = named[run + ";"] { return (scalars, end + 1) }
        // A legacy name without its `;`: the longest one the run starts with.
        for length in stride(from: min(run.utf8.count, longestLegacyName), through: 2, by: -1) {
            guard let scalars = named[String(run.prefix(length))] else { continue }
            let after = start + 1 + length
            if inAttribute, after < bytes.count, bytes[after] == UInt8(ascii: "=") || isAlphanumeric(bytes[after]) { return nil }
            return (scalars, after)
        }
        return nil
    }

    /// Name (with or without `;`) → code points.
    static let named: [String: [Unicode.Scalar]] = {
        var named: [String: [Unicode.Scalar]] = [:]
        named.reserveCapacity(2300)
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            named[String(fields[0])] = fields.dropFirst().compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }
        }
        return named
    }()

    private static let longestName = 32
    private static let longestLegacyName = 6

    /// What a browser reads for `&#128;` to `&#159;`: the Windows-1252 character of that byte.
    private static let windows1252: [UInt32: Unicode.Scalar] = [
        0x80: "\u{20AC}", 0x82: "\u{201A}", 0x83: "\u{0192}", 0x84: "\u{201E}", 0x85: "\u{2026}", 0x86: "\u{2020}", 0x87: "\u{2021}",
        0x88: "\u{02C6}", 0x89: "\u{2030}", 0x8A: "\u{0160}", 0x8B: "\u{2039}", 0x8C: "\u{0152}", 0x8E: "\u{017D}", 0x91: "\u{2018}",
        0x92: "\u{2019}", 0x93: "\u{201C}", 0x94: "\u{201D}", 0x95: "\u{2022}", 0x96: "\u{2013}", 0x97: "\u{2014}", 0x98: "\u{02DC}",
        0x99: "\u{2122}", 0x9A: "\u{0161}", 0x9B: "\u{203A}", 0x9C: "\u{0153}", 0x9E: "\u{017E}", 0x9F: "\u{0178}",
    ]
}
