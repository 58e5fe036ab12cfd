// Driver for scripts/sanitize: StatikDownloads' workbooks (zlib through unsafe pointers, the
// XML written byte by byte) under AddressSanitizer. Usage: workbooks COUNT. ASan stops the
// process on a read or write outside a buffer; each workbook is checked to be a whole zip.
import Foundation
import StatikDownloads

let count = Int(CommandLine.arguments[1]) ?? 100
let texts = ["", " lead", "a&b<c>\"d'e", "ctrl\u{01}\u{1F}", "nul\u{0}after", "e\u{301}", "x", "..", "–", "#hash", "📊",
             String(repeating: "lång ", count: 60), String(repeating: "y", count: 40_000)]
var state: UInt64 = 20_261_205
func next() -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(state >> 33)
}
let parts = WorkbookParts()
for round in 0..<count {
    let tables = (0..<(next() % 5)).map { _ -> DownloadTable in
        let columns = next() % 6
        let rows = (0..<(next() % 40)).map { _ in
            (0..<columns).map { _ -> DownloadTable.Cell in
                switch next() % 4 {
                case 0: .integer(Int64(next()) - 1_000_000)
                case 1: .number(Double(next()) / 7, decimals: next() % 4)
                case 2: .year(Int64(1990 + next() % 40))
                default: .text(texts[next() % texts.count])
                }
            }
        }
        return DownloadTable(name: "t", caption: texts[next() % texts.count], columns: (0..<columns).map { _ in texts[next() % texts.count] },
                             rows: rows, source: texts[next() % texts.count], notes: [texts[next() % texts.count]])
    }
    let cover = WorkbookCover(title: texts[next() % texts.count], symbols: ["x = withheld"])
    let made = try ExcelDownload.make(tables, cover: cover, created: 1_615_766_400, known: round % 2 == 0 ? parts : nil)
    // A zip ends with its directory's end record, 22 bytes, which says where the directory is.
    let end = made.data.suffix(22)
    guard made.data.starts(with: [0x50, 0x4B, 0x03, 0x04]), end.starts(with: [0x50, 0x4B, 0x05, 0x06]) else {
        print("workbook \(round) is not a whole zip")
        exit(1)
    }
}
print("workbooks: \(count) made, no out-of-bounds access")
