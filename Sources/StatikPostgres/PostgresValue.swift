import Foundation
import StatikCore

/// PostgreSQL's values (in its binary form, which Statik asks libpq for) as the values a CSV
/// cell is read as, so that a figure is formatted the same whichever way it came:
///
/// - integer types (and `boolean`, as 0 and 1, as SQLite has it): whole numbers, exact;
/// - `numeric`: exact digits; with no decimals (`sum` of integers) a whole number, otherwise the
///   number its digits say (what the CSV loader makes of the same digits), e.g. `avg`'s;
/// - `real` and `double precision`: the number;
/// - text types, `uuid`, `json`: the text; `date` as `2020-12-31`, `timestamp` as
///   `2020-12-31 08:00:00` (and `+00` for `timestamptz`, in UTC), as PostgreSQL writes them;
/// - NULL: missing (`..` on a page).
///
/// Any other type is an error that says to cast it in the query.
enum PostgresValue {
    struct Problem: Error {
        var message: Message
    }

    /// The types Statik reads, by their OIDs (PostgreSQL's `pg_type.h`, the same in every
    /// version).
    enum TypeID {
        static let bool: UInt32 = 16, bytea: UInt32 = 17, char: UInt32 = 18, name: UInt32 = 19, int8: UInt32 = 20
        static let int2: UInt32 = 21, int4: UInt32 = 23, text: UInt32 = 25, oid: UInt32 = 26, json: UInt32 = 114
        static let float4: UInt32 = 700, float8: UInt32 = 701, unknown: UInt32 = 705, bpchar: UInt32 = 1042
        static let varchar: UInt32 = 1043, date: UInt32 = 1082, timestamp: UInt32 = 1114, timestamptz: UInt32 = 1184
        static let numeric: UInt32 = 1700, uuid: UInt32 = 2950, jsonb: UInt32 = 3802
    }

    /// A cell's value from its bytes (nil: NULL) and its column's type.
    static func value(of cell: UnsafeRawBufferPointer?, type: UInt32, column: String) throws(Problem) -> Value {
        guard let cell else { return .null }
        var bytes = Bytes(cell)
        switch type {
        case TypeID.bool:
            return .integer(bytes.readInteger(as: UInt8.self) == 0 ? 0 : 1)
        case TypeID.int2:
            return .integer(Int64(bytes.readInteger(as: Int16.self) ?? 0))
        case TypeID.int4:
            return .integer(Int64(bytes.readInteger(as: Int32.self) ?? 0))
        case TypeID.int8:
            return .integer(bytes.readInteger(as: Int64.self) ?? 0)
        case TypeID.oid:
            return .integer(Int64(bytes.readInteger(as: UInt32.self) ?? 0))
        case TypeID.float4:
            let float = Float(bitPattern: bytes.readInteger(as: UInt32.self) ?? 0)
            // The digits PostgreSQL shows for a real, not the binary's long tail (0.1, not 0.10000000149).
            return .real(Double("\(float)") ?? Double(float))
        case TypeID.float8:
            return .real(Double(bitPattern: bytes.readInteger(as: UInt64.self) ?? 0))
        case TypeID.numeric:
            return try numeric(&bytes, column: column)
        case TypeID.text, TypeID.varchar, TypeID.bpchar, TypeID.name, TypeID.unknown, TypeID.char, TypeID.json:
            return .text(bytes.readString())
        case TypeID.jsonb:
            _ = bytes.readInteger(as: UInt8.self)  // the format's version, 1
            return .text(bytes.readString())
        case TypeID.uuid:
            let hex = bytes.readBytes(16).map { String($0, radix: 16).leftPadded(2) }.joined()
            let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
            return .text(parts.joined(separator: "-"))
        case TypeID.date:
            let days = bytes.readInteger(as: Int32.self) ?? 0
            if days == Int32.max { return .text("infinity") }
            if days == Int32.min { return .text("-infinity") }
            return .text(day(Int64(days)))
        case TypeID.timestamp, TypeID.timestamptz:
            let micros = bytes.readInteger(as: Int64.self) ?? 0
            if micros == Int64.max { return .text("infinity") }
            if micros == Int64.min { return .text("-infinity") }
            let (days, rest) = floorDivision(micros, 86_400_000_000)
            let seconds = rest / 1_000_000, fraction = rest % 1_000_000
            var text = day(days) + " " + [seconds / 3600, seconds / 60 % 60, seconds % 60].map { String($0).leftPadded(2) }.joined(separator: ":")
            if fraction > 0 {
                var digits = String(fraction).leftPadded(6)
                while digits.hasSuffix("0") { digits.removeLast() }
                text += "." + digits
            }
            return .text(type == TypeID.timestamptz ? text + "+00" : text)
        default:
            throw Problem(message: Message(.pgTypeNotRead, column, type))
        }
    }

    /// A cell's bytes, read from the front, big-endian as PostgreSQL sends numbers.
    struct Bytes {
        var rest: UnsafeRawBufferPointer

        init(_ bytes: UnsafeRawBufferPointer) { rest = bytes }

        mutating func readInteger<T: FixedWidthInteger>(as: T.Type = T.self) -> T? {
            let size = MemoryLayout<T>.size
            guard rest.count >= size else { return nil }
            var value: T = 0
            for byte in rest.prefix(size) { value = value << 8 | T(truncatingIfNeeded: byte) }
            rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(size))
            return value
        }

        mutating func readBytes(_ count: Int) -> [UInt8] {
            let taken = Array(rest.prefix(count))
            rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(taken.count))
            return taken
        }

        mutating func readString() -> String {
            defer { rest = UnsafeRawBufferPointer(rebasing: rest.dropFirst(rest.count)) }
            return String(decoding: rest, as: UTF8.self)
        }
    }

    /// `numeric` in binary: a count of base-10000 digits, the weight of the first, a sign and
    /// the number of decimals shown, then the digits.
    static func numeric(_ bytes: inout Bytes, column: String) throws(Problem) -> Value {
        guard let count = bytes.readInteger(as: Int16.self),
              let weight = bytes.readInteger(as: Int16.self),
              let sign = bytes.readInteger(as: UInt16.self),
              let scale = bytes.readInteger(as: Int16.self) else {
            throw Problem(message: Message(.pgNumericNotRead, column))
        }
        switch sign {
        case 0xC000: return .real(.nan)
        case 0xD000: return .real(.infinity)
        case 0xF000: return .real(-.infinity)
        default: break
        }
        var groups: [Int] = []
        for _ in 0..<max(0, Int(count)) { groups.append(Int(bytes.readInteger(as: Int16.self) ?? 0)) }
        let text = numericText(groups: groups, weight: Int(weight), negative: sign == 0x4000, scale: Int(scale))
        if scale <= 0, let whole = Int64(text) { return .integer(whole) }
        return .real(Double(text) ?? .nan)
    }

    static func numericText(groups: [Int], weight: Int, negative: Bool, scale: Int) -> String {
        var whole = ""
        if weight < 0 {
            whole = "0"
        } else {
            for i in 0...weight {
                let group = i < groups.count ? groups[i] : 0
                whole += i == 0 ? String(group) : String(group).leftPadded(4)
            }
        }
        var fraction = ""
        if scale > 0 {
            var k = 0
            while fraction.count < scale {
                let index = weight + 1 + k
                let group = index >= 0 && index < groups.count ? groups[index] : 0
                fraction += String(group).leftPadded(4)
                k += 1
            }
            fraction = String(fraction.prefix(scale))
        }
        let isZero = whole.allSatisfy { $0 == "0" } && fraction.allSatisfy { $0 == "0" }
        return (negative && !isZero ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// Days since 2000-01-01 as `YYYY-MM-DD` (proleptic Gregorian).
    static func day(_ days: Int64) -> String {
        // Howard Hinnant's civil_from_days, from 1970-01-01.
        let z = days + 10_957 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        let year = y < 0 ? "-" + String(-y).leftPadded(4) : String(y).leftPadded(4)
        return "\(year)-\(String(m).leftPadded(2))-\(String(d).leftPadded(2))"
    }

    private static func floorDivision(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b, r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
