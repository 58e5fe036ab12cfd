import Foundation
import Synchronization
@testable import StatikDownloads
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

    /// A CSV number as `printf("%.Nf")` writes it, the point a comma: the whole numbers'
    /// shortcut writes the same as printf did (a negative zero, decimals of zeros, 2^53 and
    /// beyond alike).
    @Test(arguments: [0.0, -0.0, 3, -7, 1881, 12.5, -0.25, 2.68, 9_007_199_254_740_991, 9_007_199_254_740_992, -1e17, 1e20, 0.1])
    func plainNumbersAsPrintfWritesThem(_ x: Double) {
        for decimals in [-1, 0, 1, 2, 15, 16] {
            let printf = String(format: "%.\(max(0, min(decimals, 15)))f", x).replacingOccurrences(of: ".", with: ",")
            #expect(CSVDownload.plain(x, decimals: decimals) == printf, "\(x), \(decimals) decimals")
        }
    }

    /// A part is kept the second time it is seen, only if it is small, and what is kept is
    /// what compressing it gives.
    @Test func workbookPartsAreKeptWhenTheyRepeat() throws {
        let parts = WorkbookParts()
        let compressor = Compressor()
        let small = Array("<Relationships/>".utf8), large = [UInt8](repeating: 65, count: WorkbookParts.largest + 1)
        let alone = try compressor.compress(small)
        #expect(try parts.compressed(small, by: compressor).bytes == alone.bytes)
        #expect(parts.count == 0, "seen once: not kept")
        #expect(try parts.compressed(small, by: compressor).bytes == alone.bytes)
        #expect(parts.count == 1, "seen twice: kept")
        #expect(try parts.compressed(small, by: compressor).crc == alone.crc)
        for _ in 0..<3 { _ = try parts.compressed(large, by: compressor) }
        #expect(parts.count == 1, "a large part is never kept")
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

/// Workbooks made at the same time on many threads: each is, byte for byte, what it is when
/// made alone. libxlsxwriter writes a workbook's date through `gmtime(3)`, whose answer glibc
/// keeps in one buffer for the whole process: a page's workbook could carry the date of
/// another page rendered at the same instant (issue 26).
@Suite struct ConcurrentWorkbookTests {
    @Test func eachWorkbookKeepsItsOwnDate() throws {
        let dates: [Int64] = (0..<6).map { 315_532_800 + Int64($0) * 397 * 86_400 }
        let alone = try dates.map { try ExcelDownload.workbook([DownloadsTests.table], created: $0) }
        #expect(Set(alone).count == dates.count, "the date is in the file")
        // Something else in the process turns a time into a date all the while, as another
        // page's workbook does.
        let stop = Atomic<Bool>(false)
        let other = Thread {
            var noon = time_t(1_640_995_200 + 43_200)
            while !stop.load(ordering: .relaxed) { _ = gmtime(&noon) }
        }
        other.start()
        let wrong = Mutex<[Int]>([])
        DispatchQueue.concurrentPerform(iterations: 600) { i in
            let made = try? ExcelDownload.workbook([DownloadsTests.table], created: dates[i % dates.count])
            if made != alone[i % dates.count] { wrong.withLock { $0.append(i) } }
        }
        stop.store(true, ordering: .relaxed)
        let count = wrong.withLock { $0.count }
        #expect(count == 0, "\(count) of 600 workbooks made at the same time differ from the same workbook made alone")
    }

    /// What libxlsxwriter calls (the first `gmtime` in the process's global scope, as the
    /// dynamic linker resolves it) answers each thread in a buffer of its own.
    @Test func gmtimeAnswersEachThreadInItsOwnBuffer() throws {
        #if os(Linux)
        typealias GMTime = @convention(c) (UnsafePointer<time_t>?) -> UnsafeMutablePointer<tm>?
        let symbol = try #require(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "gmtime"))
        let resolved = unsafeBitCast(symbol, to: GMTime.self)
        // Two threads alive at the same time, each with its answer.
        let buffers = Mutex<Set<UInt>>([])
        let answered = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0), finish = DispatchSemaphore(value: 0)
        for i in 0..<2 {
            Thread {
                var t = time_t(86_400 * (1 + i))
                let answer = resolved(&t)
                buffers.withLock { _ = $0.insert(UInt(bitPattern: answer)) }
                answered.signal()
                finish.wait()
                done.signal()
            }.start()
        }
        answered.wait(); answered.wait()
        finish.signal(); finish.signal()
        done.wait(); done.wait()
        #expect(buffers.withLock { $0.count } == 2)
        var t = time_t(315_532_800)
        #expect(resolved(&t)?.pointee.tm_year == 80)
        #endif
    }
}
