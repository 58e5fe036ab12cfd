/// Rounding done on the decimal digits a number was written with, not on its binary value, so
/// that `0.125` rounds to `0.13` and `2.675` to `2.68`, as a person rounding the source would.
enum DecimalText {
    /// The shortest decimal digits of `x` (no exponent): `1e-05` → ("0", "00001"), sign apart.
    static func digits(_ x: Double) -> (negative: Bool, whole: [UInt8], fraction: [UInt8]) {
        let negative = x < 0
        let text = String(abs(x))  // Swift prints the shortest string that reads back as x
        var mantissa = text
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = String(text[..<e])
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let split = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var whole = split[0].utf8.map { $0 - 48 }
        var fraction = split.count > 1 ? split[1].utf8.map { $0 - 48 } : []
        // Move the decimal point by the exponent.
        while exponent > 0 {
            whole.append(fraction.isEmpty ? 0 : fraction.removeFirst())
            exponent -= 1
        }
        while exponent < 0 {
            fraction.insert(whole.isEmpty ? 0 : whole.removeLast(), at: 0)
            exponent += 1
        }
        while whole.count > 1 && whole.first == 0 { whole.removeFirst() }
        if whole.isEmpty { whole = [0] }
        while fraction.last == 0 { fraction.removeLast() }
        return (negative, whole, fraction)
    }

    /// `x` rounded half away from zero to `decimals` places, as `-12.50` style ASCII text.
    static func fixed(_ x: Double, decimals: Int) -> String {
        // Whole numbers (counts, most of what a table holds) need no digit arithmetic; below
        // 2^53 a Double holds every whole number exactly, so Int64 prints the same digits.
        if x.rounded(.towardZero) == x, abs(x) < 9_007_199_254_740_992 {
            let text = String(Int64(x))  // -0.0 prints as 0, as below
            return decimals > 0 ? text + "." + String(repeating: "0", count: decimals) : text
        }
        return fixedByDigits(x, decimals: decimals)
    }

    /// `fixed` for any value, by its shortest decimal digits (internal: the tests hold the fast
    /// path for whole numbers to it).
    static func fixedByDigits(_ x: Double, decimals: Int) -> String {
        var (negative, whole, fraction) = digits(x)
        var kept = Array(fraction.prefix(decimals))
        while kept.count < decimals { kept.append(0) }
        if fraction.count > decimals, fraction[decimals] >= 5 {
            // Carry the one through the kept digits and into the whole part.
            var all = whole + kept
            var i = all.count - 1
            while i >= 0 {
                if all[i] == 9 { all[i] = 0; i -= 1 } else { all[i] += 1; break }
            }
            if i < 0 { all.insert(1, at: 0) }
            whole = Array(all.prefix(all.count - decimals))
            kept = Array(all.suffix(decimals))
        }
        let isZero = whole.allSatisfy { $0 == 0 } && kept.allSatisfy { $0 == 0 }
        if isZero { negative = false }
        var out = negative ? "-" : ""
        out += String(decoding: whole.map { $0 + 48 }, as: UTF8.self)
        if decimals > 0 { out += "." + String(decoding: kept.map { $0 + 48 }, as: UTF8.self) }
        return out
    }

    static func decimalsNeeded(_ x: Double, atMost limit: Int) -> Int {
        guard x.isFinite else { return 0 }
        return min(digits(x).fraction.count, limit)
    }

    /// The smallest positive amount shown with `decimals` places: 1, 0.1, 0.01 …
    static func unit(decimals: Int) -> Double {
        var u = 1.0
        for _ in 0..<decimals { u /= 10 }
        return u
    }
}
