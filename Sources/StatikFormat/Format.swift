public import StatikCore

/// How a value is written on the page, by the conventions of Swedish official statistics.
///
/// NULL is `..` (not available), exact zero in a numeric format is `–` (nothing to report), the
/// thousands separator is a no-break space (`7 674`), the decimal sign a comma (`0,5`), the minus
/// sign U+2212, and a per cent sign follows a no-break space (`59 %`).
public enum Format: Sendable, Hashable, CustomStringConvertible {
    case integer
    /// `nil` decimals: as many as the value needs, at most two (a table fixes one count per column).
    case decimal(Int?)
    /// The value is in per cent.
    case percent(Int)
    /// The value is in per mille.
    case permille(Int)
    /// A whole number with no separator.
    case year
    case text

    public static let noBreakSpace = "\u{00A0}"
    public static let notAvailable = ".."
    public static let nothingToReport = "–"
    static let minus = "\u{2212}"

    /// The names an author may write, Swedish first.
    public static let names = ["heltal", "decimal", "procent", "promille", "år", "text"]

    /// Reads a format as an author writes it: `heltal`, `decimal:1`, `procent`, `procent:1`, `år` …
    public init(parsing spec: String) throws(FormatError) {
        let trimmed = spec.trimmingWhitespace()
        let parts = trimmed.split(separator: ":", maxSplits: 1).map { String($0).trimmingWhitespace() }
        let name = parts.first?.lowercased() ?? ""
        var decimals: Int?
        if parts.count == 2 {
            guard let n = Int(parts[1]), (0...6).contains(n) else {
                throw FormatError(message: Message(.notNumberDecimals06, parts[1], trimmed))
            }
            decimals = n
        }
        switch name {
        case "heltal", "integer", "int":
            guard decimals == nil || decimals == 0 else {
                throw FormatError(message: Message(.formatHasNoDecimalsUse, name, decimals!))
            }
            self = .integer
        case "decimal", "decimaltal", "tal", "number":
            self = .decimal(decimals)
        case "procent", "percent", "%":
            self = .percent(decimals ?? 0)
        case "promille", "permille", "‰":
            self = .permille(decimals ?? 0)
        case "år", "ar", "year", "årtal":
            self = .year
        case "text":
            self = .text
        default:
            throw FormatError(message: Message(.unknownFormatUseOneHeltal, trimmed))
        }
    }

    /// The format a column gets when the author names none: from its name and its values.
    public static func `default`(forColumn name: String, values: some Sequence<Value>) -> Format {
        var sawInteger = false, sawReal = false, sawText = false
        var decimals = 0
        for value in values {
            switch value {
            case .null: continue
            case .integer: sawInteger = true
            case .real(let d):
                sawReal = true
                decimals = max(decimals, DecimalText.decimalsNeeded(d, atMost: 2))
            case .text: sawText = true
            }
        }
        if sawText { return .text }
        if sawReal { return decimals == 0 ? .integer : .decimal(decimals) }
        if sawInteger, ["ar", "år", "year", "artal", "årtal"].contains(name.lowercased()) { return .year }
        return sawInteger ? .integer : .text
    }

    /// The format of a column of shares in per cent when the author names none: `12,5 %`, with
    /// as many decimals as its numbers need (at most two).
    public static func percentDefault(values: some Sequence<Value>) -> Format {
        .percent(values.reduce(0) { most, value in
            guard case .real(let x) = value else { return most }
            return max(most, DecimalText.decimalsNeeded(x, atMost: 2))
        })
    }

    /// How many decimals a number shown as `text` has (`1 234,56` → 2).
    public static func decimalsShown(in text: String) -> Int {
        guard let comma = text.lastIndex(of: ",") else { return 0 }
        return text[text.index(after: comma)...].prefix { $0.isNumber }.count
    }

    /// True for formats whose values are numbers and line up right in a table.
    public var isNumeric: Bool {
        switch self {
        case .text, .year: false
        default: true
        }
    }

    /// The value as a reader sees it, in Swedish (`7 674`, `12,5`, `59 %`) or English
    /// (`7,674`, `12.5`, `59%`): the symbols `..` and `–` and the true minus are the same in both.
    public func string(_ value: Value, in language: Language = .swedish) -> String {
        let text = swedish(value)
        switch (language, self, value) {
        case (.english, .integer, .integer), (.english, .integer, .real), (.english, .decimal, .integer), (.english, .decimal, .real),
             (.english, .percent, .integer), (.english, .percent, .real), (.english, .permille, .integer), (.english, .permille, .real):
            return Format.english(text)
        default:
            return text  // text is shown as written, in every language
        }
    }

    /// A Swedish figure in English notation: `7 674,5` → `7,674.5`, `59 %` → `59%`,
    /// `<1 %` → `<1%`. Made from the Swedish text, so that both have the same digits.
    static func english(_ swedish: String) -> String {
        guard swedish.contains(where: { $0 == "," || $0 == "\u{00A0}" }) else { return swedish }
        var out = ""
        out.reserveCapacity(swedish.utf8.count)
        let characters = Array(swedish)
        for (i, c) in characters.enumerated() {
            switch c {
            case ",": out.append(".")
            case "\u{00A0}":
                // A space before a unit goes; one between digit groups becomes a comma.
                let next = i + 1 < characters.count ? characters[i + 1] : " "
                if next.isNumber { out.append(",") }
            default: out.append(c)
            }
        }
        return out
    }

    private func swedish(_ value: Value) -> String {
        switch (self, value) {
        case (_, .null):
            return Format.notAvailable
        case (.text, _):
            return value.plainText
        case (_, .text(let s)):
            return s
        case (.year, _):
            guard let x = value.number else { return value.plainText }
            let text = DecimalText.fixed(x, decimals: 0)
            return text.hasPrefix("-") ? Format.minus + text.dropFirst() : text
        case (.integer, .integer(let n)):
            return Format.grouped(n, decimals: 0)
        case (.decimal(let d), .integer(let n)) where n.magnitude > 1 << 53:
            return Format.grouped(n, decimals: d ?? 0)
        default:
            return number(value.number ?? 0)
        }
    }

    private func number(_ x: Double) -> String {
        guard x.isFinite else { return Format.notAvailable }
        switch self {
        case .integer:
            return Format.grouped(x, decimals: 0)
        case .decimal(let d):
            return Format.grouped(x, decimals: d ?? DecimalText.decimalsNeeded(x, atMost: 2))
        case .percent(let d):
            return Format.withUnit(x, decimals: d, unit: "%")
        case .permille(let d):
            return Format.withUnit(x, decimals: d, unit: "‰")
        case .year, .text:
            return String(x)
        }
    }

    private static func withUnit(_ x: Double, decimals: Int, unit: String) -> String {
        let smallest = DecimalText.unit(decimals: decimals)
        if x > 0 && x < smallest {
            // A share under the last shown digit is still something: `<1 %`, never `0 %` or `1 %`.
            return "<" + grouped(smallest, decimals: decimals) + noBreakSpace + unit
        }
        let number = grouped(x, decimals: decimals)
        return number == nothingToReport ? number : number + noBreakSpace + unit
    }

    /// `7674.5` → `7 674,5` (no-break space, decimal comma, true minus); exact zero → `–`.
    static func grouped(_ x: Double, decimals: Int) -> String {
        grouped(digits: DecimalText.fixed(x, decimals: decimals))
    }

    /// A whole number exactly as it is, all 64 bits of it (through a double, 2^53 + 1 would
    /// be published as 2^53): `9007199254740993` → `9 007 199 254 740 993`.
    static func grouped(_ n: Int64, decimals: Int) -> String {
        grouped(digits: String(n) + (decimals > 0 ? "." + String(repeating: "0", count: decimals) : ""))
    }

    /// Groups the digits of a plain decimal text (`-7674.50`). Written into a buffer on the
    /// stack: a figure's text is short enough to be a small `String`, made without allocating
    /// (through arrays it was 1.6 % of a data site's build).
    private static func grouped(digits text: String) -> String {
        var text = text
        return text.withUTF8 { all -> String in
            var digits = all[...]
            let negative = digits.first == UInt8(ascii: "-")
            if negative { digits = digits.dropFirst() }
            if digits.allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }) { return nothingToReport }
            let point = digits.firstIndex(of: UInt8(ascii: ".")) ?? digits.endIndex
            let whole = point - digits.startIndex
            // The minus (3 bytes), a no-break space (2 bytes) per group of three, the digits.
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 + digits.count + 2 * (whole / 3) + 1) { out -> String in
                var n = 0
                func put(_ bytes: some Sequence<UInt8>) { for byte in bytes { out[n] = byte; n += 1 } }
                if negative { put(minus.utf8) }
                for i in 0..<whole {
                    if i > 0 && (whole - i) % 3 == 0 { put(noBreakSpace.utf8) }
                    out[n] = digits[digits.startIndex + i]
                    n += 1
                }
                if point < digits.endIndex {
                    out[n] = UInt8(ascii: ",")
                    n += 1
                    put(digits[(point + 1)...])
                }
                return String(decoding: UnsafeBufferPointer(rebasing: out[..<n]), as: UTF8.self)
            }
        }
    }

    public var description: String {
        switch self {
        case .integer: "heltal"
        case .decimal(let d): d.map { "decimal:\($0)" } ?? "decimal"
        case .percent(let d): d == 0 ? "procent" : "procent:\(d)"
        case .permille(let d): d == 0 ? "promille" : "promille:\(d)"
        case .year: "år"
        case .text: "text"
        }
    }
}

public struct FormatError: Error, Sendable, Hashable {
    public var message: Message
}

extension String {
    func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
