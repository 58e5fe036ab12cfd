import StatikCore
import Testing

@testable import StatikFormat

private let nbsp = "\u{00A0}"

@Suite struct FormatTests {
    @Test(arguments: [
        (Value.integer(7674), "7\u{00A0}674"),
        (.integer(93848), "93\u{00A0}848"),
        (.integer(520605), "520\u{00A0}605"),
        (.integer(1_000_000), "1\u{00A0}000\u{00A0}000"),
        (.integer(999), "999"),
        (.integer(0), "–"),
        (.integer(-3), "\u{2212}3"),
        (.integer(-1234), "\u{2212}1\u{00A0}234"),
        (.null, ".."),
        (.real(7673.6), "7\u{00A0}674"),
        (.text("PO 2"), "PO 2"),
    ])
    func integers(value: Value, expected: String) {
        #expect(Format.integer.string(value) == expected)
    }

    @Test func decimals() {
        #expect(Format.decimal(1).string(.real(0.5)) == "0,5")
        #expect(Format.decimal(2).string(.real(12.5)) == "12,50")
        #expect(Format.decimal(1).string(.real(1234.56)) == "1\(nbsp)234,6")
        #expect(Format.decimal(nil).string(.real(3.14159)) == "3,14")
        #expect(Format.decimal(nil).string(.real(2.5)) == "2,5")
        #expect(Format.decimal(1).string(.real(-0.04)) == "–")
        #expect(Format.decimal(1).string(.real(-0.06)) == "\u{2212}0,1")
    }

    @Test func roundingIsHalfAwayFromZeroOnTheWrittenDigits() {
        // Binary floating point would round these down: 2.675 is 2.67499999… in binary.
        #expect(Format.decimal(2).string(.real(2.675)) == "2,68")
        #expect(Format.decimal(2).string(.real(0.125)) == "0,13")
        #expect(Format.decimal(0).string(.real(0.5)) == "1")
        #expect(Format.decimal(0).string(.real(-2.5)) == "\u{2212}3")
        #expect(Format.decimal(1).string(.real(9.96)) == "10,0")
        #expect(Format.decimal(0).string(.real(999.5)) == "1\(nbsp)000")
        #expect(Format.decimal(3).string(.real(1e-5)) == "–")
        #expect(Format.integer.string(.real(1.5e7)) == "15\(nbsp)000\(nbsp)000")
    }

    @Test func percent() {
        #expect(Format.percent(0).string(.integer(59)) == "59\(nbsp)%")
        #expect(Format.percent(0).string(.real(31.15)) == "31\(nbsp)%")
        #expect(Format.percent(1).string(.real(12.5)) == "12,5\(nbsp)%")
        #expect(Format.percent(0).string(.integer(100)) == "100\(nbsp)%")
        // Under one per cent, as the seed tables print it.
        #expect(Format.percent(0).string(.real(0.35)) == "<1\(nbsp)%")
        #expect(Format.percent(0).string(.real(0.7)) == "<1\(nbsp)%")
        #expect(Format.percent(1).string(.real(0.04)) == "<0,1\(nbsp)%")
        #expect(Format.percent(0).string(.real(1.0)) == "1\(nbsp)%")
        #expect(Format.percent(0).string(.integer(0)) == "–")
        #expect(Format.percent(0).string(.null) == "..")
        #expect(Format.permille(0).string(.integer(4)) == "4\(nbsp)‰")
    }

    @Test func yearsAndText() {
        #expect(Format.year.string(.integer(2020)) == "2020")
        #expect(Format.year.string(.real(2019)) == "2019")
        #expect(Format.text.string(.integer(12345)) == "12345")
        #expect(Format.text.string(.real(0.5)) == "0.5")
        #expect(Format.text.string(.text("<b>")) == "<b>")
    }

    @Test func parsing() throws {
        #expect(try Format(parsing: "heltal") == .integer)
        #expect(try Format(parsing: " procent ") == .percent(0))
        #expect(try Format(parsing: "procent:1") == .percent(1))
        #expect(try Format(parsing: "percent:2") == .percent(2))
        #expect(try Format(parsing: "decimal") == .decimal(nil))
        #expect(try Format(parsing: "decimal:3") == .decimal(3))
        #expect(try Format(parsing: "år") == .year)
        #expect(try Format(parsing: "Text") == .text)
        #expect { try Format(parsing: "procnet") } throws: { error in
            (error as? FormatError)?.message.description == "unknown format 'procnet'; use one of: heltal, decimal:N, procent:N, promille:N, år, text"
        }
        #expect { try Format(parsing: "decimal:x") } throws: { error in
            (error as? FormatError)?.message.description == "'x' is not a number of decimals (0 to 6) in format 'decimal:x'"
        }
    }

    @Test func defaultsFollowTheColumn() {
        #expect(Format.default(forColumn: "totalt", values: [.integer(1), .null]) == .integer)
        #expect(Format.default(forColumn: "ar", values: [.integer(2017)]) == .year)
        #expect(Format.default(forColumn: "År", values: [.integer(2017)]) == .year)
        #expect(Format.default(forColumn: "andel", values: [.real(0.5), .real(12.25), .real(1.125)]) == .decimal(2))
        #expect(Format.default(forColumn: "andel", values: [.real(12.0)]) == .integer)
        #expect(Format.default(forColumn: "namn", values: [.integer(1), .text("a")]) == .text)
        #expect(Format.default(forColumn: "tom", values: [Value]()) == .text)
    }
}

/// Whole numbers take a shortcut through Int64; it must print what the digit path prints.
@Suite struct WholeNumberShortcutTests {
    @Test(arguments: [0.0, -0.0, 1, -1, 9, 10, 999, 1000, -1234, 7674, 1e6, 123_456_789_012,
                      9_007_199_254_740_991, -9_007_199_254_740_991, 9_007_199_254_740_992, 1e20, 0.5, -2.5])
    func agreesWithTheDigitPath(_ x: Double) {
        for decimals in 0...3 {
            #expect(DecimalText.fixed(x, decimals: decimals) == DecimalText.fixedByDigits(x, decimals: decimals))
        }
    }

    @Test func largeAndNegativeWholeNumbersAreGrouped() {
        #expect(Format.integer.string(.real(-1_234_567)) == "\u{2212}1\(nbsp)234\(nbsp)567")
        #expect(Format.decimal(1).string(.integer(7674)) == "7\(nbsp)674,0")
        #expect(Format.integer.string(.real(-0.0)) == "–")
        #expect(Format.percent(0).string(.integer(59)) == "59\(nbsp)%")
    }
}

/// English pages show figures in English notation; the digits, symbols and minus are the same.
@Suite struct EnglishFormatTests {
    @Test func numbersInEnglish() throws {
        #expect(Format.integer.string(.integer(7674), in: .english) == "7,674")
        #expect(Format.integer.string(.integer(9_007_199_254_740_993), in: .english) == "9,007,199,254,740,993")
        #expect(try Format(parsing: "decimal:1").string(.real(1234.5), in: .english) == "1,234.5")
        #expect(try Format(parsing: "procent:0").string(.real(59), in: .english) == "59%")
        #expect(try Format(parsing: "procent:0").string(.real(0.4), in: .english) == "<1%")
        #expect(try Format(parsing: "procent:1").string(.real(12.5), in: .english) == "12.5%")
        #expect(Format.integer.string(.integer(-1234), in: .english) == "\u{2212}1,234")
        #expect(Format.integer.string(.integer(0), in: .english) == "–")
        #expect(Format.integer.string(.null, in: .english) == "..")
        #expect(Format.year.string(.integer(2020), in: .english) == "2020")
        // Text is never changed: a label with a comma stays as written.
        #expect(Format.text.string(.text("Stockholm, Uppsala"), in: .english) == "Stockholm, Uppsala")
        #expect(Format.integer.string(.text("7 674,5 x"), in: .english) == "7 674,5 x")
        // Swedish is unchanged.
        #expect(try Format(parsing: "procent:0").string(.real(59)) == "59\u{00A0}%")
    }

    /// Every whole number's digits grouped by threes with no-break spaces, a minus sign for a
    /// negative one, `–` for zero: Int64's whole range, and as decimals with zeros after a comma.
    @Test func wholeNumbersAreGroupedByThrees() {
        func expected(_ n: Int64, decimals: Int) -> String {
            guard n != 0 else { return "–" }
            let digits = Array(String(n.magnitude))
            var out = n < 0 ? "\u{2212}" : ""
            for (i, d) in digits.enumerated() {
                if i > 0 && (digits.count - i) % 3 == 0 { out += nbsp }
                out.append(d)
            }
            return decimals > 0 ? out + "," + String(repeating: "0", count: decimals) : out
        }
        var state: UInt64 = 11
        for round in 0..<20_000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let n = Int64(bitPattern: state) >> (state % 64)
            let decimals = round % 3
            #expect(Format.grouped(n, decimals: decimals) == expected(n, decimals: decimals), "\(n)")
        }
        #expect(Format.grouped(Int64.min, decimals: 0) == "\u{2212}9\u{00A0}223\u{00A0}372\u{00A0}036\u{00A0}854\u{00A0}775\u{00A0}808")
    }
}
