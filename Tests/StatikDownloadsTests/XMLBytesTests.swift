import StatikTestSupport
import Testing

@testable import StatikDownloads

/// The numbers a workbook's parts hold, as C's `printf` writes them.
@Suite struct XMLBytesTests {
    @Test func wholeNumbersAreTheirDecimalDigits() {
        var random = SeededGenerator(seed: 24)
        var values = [0, 1, -1, 9, 10, -10, 99, 100, Int.max, Int.min, Int.min + 1]
        for _ in 0..<5_000 { values.append(Int(bitPattern: UInt(random.next())) >> Int.random(in: 0..<64, using: &random)) }
        for value in values {
            var xml = XMLBytes()
            xml.raw("<c>")
            xml.int(value)
            xml.raw("</c>")
            #expect(String(decoding: xml.bytes, as: UTF8.self) == "<c>\(value)</c>")
        }
    }
}
