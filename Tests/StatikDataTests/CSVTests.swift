import StatikCore
import Testing

@testable import StatikData

/// `text` as UTF-16 bytes, without a byte-order mark.
private func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
    var bytes: [UInt8] = []
    for unit in text.utf16 {
        let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
        bytes += bigEndian ? [high, low] : [low, high]
    }
    return bytes
}

private func table(_ text: String) throws -> CSVTable {
    try CSVTable(parsing: Array(text.utf8))
}

@Suite struct CSVTests {
    /// Spaces and tabs around a cell go, whatever the letters at its ends; a space that is part
    /// of a Character (a combining accent on it) stays, as Swift's own trimming leaves it.
    @Test func trimmingAroundNonASCIIEnds() throws {
        #expect("Övre Norrland".trimmingCharacters(in: " \t") == "Övre Norrland")
        #expect(" Övre Norrland\t".trimmingCharacters(in: " \t") == "Övre Norrland")
        #expect("\tå ä ö ".trimmingCharacters(in: " \t") == "å ä ö")
        #expect(" \u{301}x".trimmingCharacters(in: " \t") == " \u{301}x")
        #expect("  ".trimmingCharacters(in: " \t") == "")
        #expect("".trimmingCharacters(in: " \t") == "")
        let t = try table("region;antal;kod\nÖvre Norrland ;12;0180\n Sydsverige;3;-0114\n")
        // Text is kept as written; numbers and codes are read without their spaces.
        #expect(t.rows.map { $0[0] } == [.text("Övre Norrland "), .text(" Sydsverige")])
        #expect(t.types.map(\.rawValue) == ["TEXT", "INTEGER", "TEXT"])
    }

    @Test func commaFileWithTypes() throws {
        let t = try table("a,b,c,d\n1,2.5,x,\n-3,4,y,\n")
        #expect(t.columns == ["a", "b", "c", "d"])
        #expect(t.types == [.integer, .real, .text, .text])
        #expect(t.rows == [[.integer(1), .real(2.5), .text("x"), .null], [.integer(-3), .real(4), .text("y"), .null]])
    }

    @Test func semicolonFileFromSwedishExcel() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("län;andel;antal\r\nStockholms län;12,5;7 674\r\nUppsala län;..;-\r\n".utf8)
        let t = try CSVTable(parsing: bytes)
        #expect(t.separator == UInt8(ascii: ";"))
        #expect(t.columns == ["län", "andel", "antal"])
        #expect(t.rows == [[.text("Stockholms län"), .real(12.5), .integer(7674)], [.text("Uppsala län"), .null, .integer(0)]])
    }

    @Test func quotedFields() throws {
        let t = try table("id,text\n1,\"a, b\"\n2,\"två\nrader\"\n3,\"säger \"\"hej\"\"\"\n")
        #expect(t.rows.map { $0[1] } == [.text("a, b"), .text("två\nrader"), .text("säger \"hej\"")])
    }

    @Test func codesWithLeadingZerosStayText() throws {
        let t = try table("kommun,n\n0114,1\n1280,2\n")
        #expect(t.types == [.text, .integer])
        #expect(t.rows[0][0] == .text("0114"))
    }

    @Test func headerNamesBecomeIdentifiers() throws {
        #expect(try table("Andel kvinnor,per-po\n1,2\n").columns == ["Andel_kvinnor", "per_po"])
    }

    @Test(arguments: [
        ("", 1, 1, "the file is empty; a CSV file needs a header row with column names"),
        ("a,b\n1,2\n3\n", 3, 1, "this row has 1 fields but the header has 2; check for a missing or extra comma, or quote a field that contains one"),
        ("a,a\n1,2\n", 1, 2, "column name 'a' is used twice (columns 1 and 2)"),
        ("a,\n1,2\n", 1, 2, "column 2 has no name in the header row"),
        ("a\n\"open\n", 2, 1, "a quoted field starts here but its closing quote (\") is missing"),
    ])
    func problems(text: String, line: Int, column: Int, message: String) {
        #expect { try table(text) } throws: { error in (error as? CSVTable.Problem).map { $0.message.description == message && $0.line == line && $0.column == column } ?? false }
    }

    /// What Swedish Excel's "CSV (semikolonavgränsad)" writes: Windows-1252, read as such.
    @Test func windows1252IsReadAsSuch() throws {
        let bytes: [UInt8] = Array("namn;belopp\n".utf8) + [0x47, 0xF6, 0x74, 0x65, 0x3B, 0x31, 0xA0, 0x32, 0x33, 0x34, 0x2C, 0x35, 0x0A]  // "Göte;1 234,5"
            + [0x80, 0x96, 0x93, 0x94, 0x3B, 0x96, 0x0A]  // "€–“”;–"
        let t = try CSVTable(parsing: bytes)
        #expect(t.readAsWindows1252)
        #expect(t.rows == [[.text("Göte"), .real(1234.5)], [.text("€–“”"), .real(0)]])
        // 0x81 is no character in Windows-1252: the file is something else.
        #expect {
            try CSVTable(parsing: Array("namn\n".utf8) + [0x47, 0x81, 0x0A])
        } throws: { error in (error as? CSVTable.Problem).map { $0.message.description == "the file is not UTF-8, nor Windows-1252; save it as CSV UTF-8" && $0.line == 2 && $0.column == 2 } ?? false }
    }

    @Test func headerOnlyIsAnEmptyTable() throws {
        let t = try table("a,b\n")
        #expect(t.rows.isEmpty)
        #expect(t.columns == ["a", "b"])
    }
}

/// Plain whole numbers are read straight from their bytes; everything else by the full rules.
@Suite struct CSVIntegerShortcutTests {
    @Test(arguments: [
        ("0", Int64?.some(0)), ("-0", 0), ("7674", 7674), ("-12", -12),
        ("999999999999999999", 999_999_999_999_999_999),
        ("9999999999999999999", nil),  // 19 digits: left to the full rules
        ("012", nil), ("-05", nil), ("", nil), ("-", nil), ("+5", nil), ("1.5", nil), (" 5", nil), ("5 000", nil),
    ])
    func plainIntegers(_ text: String, _ expected: Int64?) {
        #expect(CSVTable.plainInteger(Array(text.utf8)[...]) == expected)
    }

    @Test func typesAndValuesAgreeWithTheFullRules() throws {
        let t = try CSVTable(parsing: Array("a;b;c;d;e\n1;0114;7 674;-;2,5\n-20;12;..;4;3\n".utf8))
        #expect(t.types == [.integer, .text, .integer, .integer, .real])
        #expect(t.rows == [
            [.integer(1), .text("0114"), .integer(7674), .integer(0), .real(2.5)],
            [.integer(-20), .text("12"), .null, .integer(4), .real(3)],
        ])
    }

    @Test func quotedNumbersAndEmptyQuotedFields() throws {
        let t = try CSVTable(parsing: Array("a,b\n\"12\",\"\"\n  \"3\",x\n".utf8))
        #expect(t.rows == [[.integer(12), .null], [.integer(3), .text("x")]])
    }
}

@Suite struct CSVRealShortcutTests {
    @Test(arguments: [
        ("2.5", false, Double?.some(2.5)), ("-0.25", false, -0.25), ("439107.9", false, 439_107.9),
        ("2,5", true, 2.5), ("2,5", false, nil), ("2.5", true, nil),
        ("01.5", false, nil), (".5", false, nil), ("5.", false, nil), ("1e3", false, nil), ("1.5 ", false, nil), ("", false, nil),
    ])
    func plainReals(_ text: String, _ decimalComma: Bool, _ expected: Double?) {
        #expect(CSVTable.plainReal(Array(text.utf8)[...], decimalComma: decimalComma) == expected)
    }

    @Test func leadingZeroBeforeThePointStillMakesAColumnText() throws {
        let t = try CSVTable(parsing: Array("a,b\n01.5,0.5\n2.5,1\n".utf8))
        #expect(t.types == [.text, .real])
        #expect(t.rows[1] == [.text("2.5"), .real(1)])
    }
}

/// Every notation Swedish Excel and official tables use reads as the number it says.
@Suite struct CSVNumberTests {
    @Test(arguments: [
        ("7674", CSVNumber?.some(.integer(7674, percent: false))),
        ("7 674", .integer(7674, percent: false)), ("7\u{00A0}674", .integer(7674, percent: false)),
        ("7\u{202F}674", .integer(7674, percent: false)), ("1 234 567", .integer(1_234_567, percent: false)),
        ("−5", .integer(-5, percent: false)), ("-5", .integer(-5, percent: false)), ("+5", .integer(5, percent: false)),
        ("12,5", .real(12.5, percent: false)), ("12.5", .real(12.5, percent: false)), ("1 234,5", .real(1234.5, percent: false)),
        ("12,5 %", .real(12.5, percent: true)), ("49,5%", .real(49.5, percent: true)), ("59\u{00A0}%", .integer(59, percent: true)),
        ("−0,5", .real(-0.5, percent: false)), ("1e3", .real(1000, percent: false)),
        ("9007199254740993", .integer(9_007_199_254_740_993, percent: false)),
        ("9223372036854775807", .integer(.max, percent: false)), ("-9223372036854775808", .integer(.min, percent: false)),
        ("9223372036854775808", .tooLarge), ("99999999999999999999", .tooLarge),
        ("uppgift saknas", nil), ("12 34", nil), ("1 2345", nil), ("12,", nil), ("%", nil), ("1,2,3", nil), ("1e309", nil), ("", nil),
    ])
    func parses(_ text: String, _ expected: CSVNumber?) {
        #expect(CSVNumber.parse(text) == expected)
    }

    @Test func aColumnThatMixesNumbersAndTextIsAnErrorAtTheCell() {
        #expect {
            try CSVTable(parsing: Array("namn;antal\nÅre;17\nÖ;  uppgift saknas\n".utf8))
        } throws: { error in (error as? CSVTable.Problem).map { $0.message.description == "the column 'antal' holds numbers, but this cell is 'uppgift saknas', which is not a number; write the number (as 1 234,5 or 12,5 %), or a symbol: .. when the figure is not available, x when it is withheld, – when there is nothing to report; if the column is text, declare it so (type: text in the file's description)" && $0.line == 3 && $0.column == 5 } ?? false }
        // Declared text, it loads as text.
        let t = try? CSVTable(parsing: Array("namn;antal\nÅre;17\nÖ;uppgift saknas\n".utf8), textColumns: ["antal"])
        #expect(t?.rows == [[.text("Åre"), .text("17")], [.text("Ö"), .text("uppgift saknas")]])
    }

    @Test func symbolsLoadAsNullOrZero() throws {
        let t = try CSVTable(parsing: Array("a;b\n1;12,5 %\n..;x\n–;-\n;.\n".utf8))
        #expect(t.types == [.integer, .real])
        #expect(t.percentColumns == [1])
        #expect(t.rows == [[.integer(1), .real(12.5)], [.null, .null], [.integer(0), .real(0)], [.null, .null]])
    }

    @Test func aNulByteIsAnErrorWithItsPosition() {
        #expect {
            try CSVTable(parsing: Array("a,b\n1,".utf8) + [0] + Array("2\n".utf8))
        } throws: { error in (error as? CSVTable.Problem).map { $0.message.description == "the file has a NUL character here (an invisible control character, byte 0), so it is not a text file or it is damaged; open it in Excel and save it again as CSV UTF-8" && $0.line == 2 && $0.column == 3 } ?? false }
    }

    /// What Excel's "Unicode-text" writes: UTF-16 with a byte-order mark, tab-separated; also
    /// big-endian, and without a mark when the text shows it.
    @Test func utf16IsRead() throws {
        let text = "Län\tAntal\r\nSE11\t7 674\r\nSE33\tx\r\n"
        let little: [UInt8] = [0xFF, 0xFE] + utf16(text, bigEndian: false)
        let big: [UInt8] = [0xFE, 0xFF] + utf16(text, bigEndian: true)
        let unmarked: [UInt8] = utf16(text, bigEndian: false)
        for bytes in [little, big, unmarked] {
            let t = try CSVTable(parsing: bytes)
            #expect(t.columns == ["Län", "Antal"])
            #expect(t.separator == 0x09)
            let expected: [[Value]] = [[.text("SE11"), .integer(7674)], [.text("SE33"), .null]]
            #expect(t.rows == expected)
            #expect(t.withheldAtSource == [Cell(row: 1, column: 1)])
        }
    }

    @Test func utf16WithAnUnpairedSurrogateIsAnErrorAtItsLine() {
        let bytes: [UInt8] = [0xFF, 0xFE] + utf16("a,b\n1,", bigEndian: false) + [0x00, 0xD8] + utf16(",2\n", bigEndian: false)
        #expect {
            try CSVTable(parsing: bytes)
        } throws: { error in (error as? CSVTable.Problem).map { $0.message.kind == .fileUtf16InvalidCharacter && $0.line == 2 } ?? false }
    }

    /// The header row decides: tabs, semicolons or commas, whichever it has most of; a tab
    /// file's cells may hold commas and semicolons.
    @Test func tabSeparatedFilesAreRead() throws {
        let t = try table("region\tnamn\tvarde\nSE21\tSmåland, med öarna\t1,25\nSE22\tSyd; södra\t..\n")
        #expect(t.separator == 0x09)
        let expected: [[Value]] = [[.text("SE21"), .text("Småland, med öarna"), .real(1.25)], [.text("SE22"), .text("Syd; södra"), .null]]
        #expect(t.rows == expected)
        let forced = try CSVTable(parsing: Array("a,b\tc\n1,2\t3\n".utf8), separator: 0x09)
        #expect(forced.columns == ["a,b", "c"])
        #expect(try table("a;b;c,d\n1;2;3,5\n").separator == 0x3B)
        #expect(try table("a,b;c\n1,2;5\n").separator == 0x2C)  // a tie: the comma
    }

    /// `;;;` rows, as Excel leaves below a table, are not rows of NULLs: passed over, their
    /// lines kept for a note. Blank lines are passed over without one.
    @Test func rowsWithoutValuesArePassedOver() throws {
        let t = try table("ordning;antal\r\n1;10\r\n;\r\n2;20\r\n\r\n;\r\n ; \r\n")
        let expected: [[Value]] = [[.integer(1), .integer(10)], [.integer(2), .integer(20)]]
        #expect(t.rows == expected)
        #expect(t.emptyRowLines == [3, 6, 7])
        #expect(try table("a,b\n1,2\n").emptyRowLines.isEmpty)
    }

    /// A problem in a cell comes with its line, shown under the message.
    @Test func aProblemCarriesItsLine() {
        #expect {
            try table("ordning,kvinnor\n1,120\n2,uppgift saknas\n")
        } throws: { error in (error as? CSVTable.Problem).map { $0.line == 3 && $0.column == 3 && $0.sourceLine == "2,uppgift saknas" } ?? false }
    }
}
