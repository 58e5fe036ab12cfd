import Foundation
import StatikCore
import StatikData
import StatikContent

/// Just enough JSON for the snapshots: objects, arrays, strings, numbers (a whole number
/// without point or exponent is an integer), true, false, null.
package enum JSONText: Equatable {
    case object([String: JSONText])
    case array([JSONText])
    case string(String)
    case integer(Int64)
    case real(Double)
    case bool(Bool)
    case null

    /// A cell of a snapshot's row.
    var value: Value {
        switch self {
        case .null: .null
        case .integer(let i): .integer(i)
        case .real(let d): .real(d)
        case .string(let s): .text(s)
        case .bool(let b): .integer(b ? 1 : 0)
        case .object(let fields):
            if case .string(let special)? = fields["real"] {
                .real(special == "NaN" ? .nan : special.hasPrefix("-") ? -.infinity : .infinity)
            } else {
                .null
            }
        case .array: .null
        }
    }

    static func parse(_ text: String) -> JSONText? {
        var parser = Parser(bytes: Array(text.utf8))
        guard let value = parser.value() else { return nil }
        parser.skipSpace()
        return parser.index == parser.bytes.count ? value : nil
    }

    /// Where `text` stops being JSON, as a byte offset (where the parser stopped), or nil when
    /// it is JSON (a release record's error: ReleaseRecords).
    package static func failure(in text: String) -> Int? {
        var parser = Parser(bytes: Array(text.utf8))
        let value = parser.value()
        if value != nil { parser.skipSpace() }
        return value != nil && parser.index == parser.bytes.count ? nil : min(parser.index, parser.bytes.count)
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0

        mutating func skipSpace() {
            while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
        }

        mutating func value() -> JSONText? {
            skipSpace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var fields: [String: JSONText] = [:]
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(fields) }
                while true {
                    skipSpace()
                    guard case .string(let key)? = string() else { return nil }
                    skipSpace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                    index += 1
                    guard let item = value() else { return nil }
                    fields[key] = item
                    skipSpace()
                    guard index < bytes.count else { return nil }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(fields) }
                    return nil
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [JSONText] = []
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                while true {
                    guard let item = value() else { return nil }
                    items.append(item)
                    skipSpace()
                    guard index < bytes.count else { return nil }
                    if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
                    if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
                    return nil
                }
            case UInt8(ascii: "\""):
                return string()
            case UInt8(ascii: "t"): return word("true", .bool(true))
            case UInt8(ascii: "f"): return word("false", .bool(false))
            case UInt8(ascii: "n"): return word("null", .null)
            default:
                let start = index
                while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let whole = Int64(text) { return .integer(whole) }
                return Double(text).map { .real($0) }
            }
        }

        mutating func word(_ text: String, _ value: JSONText) -> JSONText? {
            let expected = Array(text.utf8)
            guard index + expected.count <= bytes.count, Array(bytes[index..<(index + expected.count)]) == expected else { return nil }
            index += expected.count
            return value
        }

        mutating func string() -> JSONText? {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            index += 1
            var out: [UInt8] = []
            var pendingHigh: UInt32?
            while index < bytes.count {
                let b = bytes[index]
                index += 1
                if b == UInt8(ascii: "\"") { return .string(String(decoding: out, as: UTF8.self)) }
                guard b == UInt8(ascii: "\\") else { out.append(b); continue }
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) else { return nil }
                    index += 4
                    var scalar: Unicode.Scalar?
                    if (0xD800...0xDBFF).contains(code) { pendingHigh = code; continue }
                    if (0xDC00...0xDFFF).contains(code), let high = pendingHigh {
                        scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00))
                    } else {
                        scalar = Unicode.Scalar(code)
                    }
                    pendingHigh = nil
                    out += Array(String(scalar ?? "\u{FFFD}").utf8)
                default: out.append(escape)
                }
            }
            return nil
        }
    }
}
