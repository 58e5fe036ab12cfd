import Foundation
import StatikDownloads
import Testing

@Suite struct DownloadsTests {
    static let table = DownloadTable(
        name: "Tabell 2", caption: "Tabell 2: Deltagare; efter kategori",
        columns: ["Kategori", "PO 2, antal", "PO 2, andel (%)"],
        rows: [[.text("SJP"), .integer(1881), .number(31, decimals: 0)], [.text("SJP och SE"), .text("x"), .text("x")], [.text("SE"), .integer(72), .number(1.2, decimals: 1)]],
        source: "SCB", notes: ["x = uppgiften redovisas inte"]
    )

    /// UTF-8 with a byte-order mark, semicolons, decimal comma, CRLF: what Swedish Excel opens.
    @Test func csvForSwedishExcel() {
        let data = CSVDownload.text(Self.table)
        #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(String(decoding: data.dropFirst(3), as: UTF8.self) == "\"Tabell 2: Deltagare; efter kategori\"\r\n\r\nKategori;PO 2, antal;PO 2, andel (%)\r\nSJP;1881;31\r\nSJP och SE;x;x\r\nSE;72;1,2\r\n\r\nKälla: SCB\r\nx = uppgiften redovisas inte\r\n")
    }

    /// An .xlsx (a zip) with the same bytes for the same input: no clock in it.
    @Test func excelIsReproducible() throws {
        let a = try ExcelDownload.workbook([Self.table], created: 315_532_800)
        let b = try ExcelDownload.workbook([Self.table], created: 315_532_800)
        #expect(a.starts(with: Array("PK".utf8)))
        #expect(a == b)
        let two = try ExcelDownload.workbook([Self.table, Self.table], created: 315_532_800)
        #expect(two.count > a.count)
    }
}
