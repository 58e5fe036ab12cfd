import Foundation
import StatikCore
import StatikTestSupport
@testable import StatikDownloads
import Testing

/// Statik writes its workbooks itself (XlsxBook, ZipArchive), in memory; until then libxlsxwriter
/// wrote them. Each workbook must be, byte for byte, the file libxlsxwriter wrote for the same
/// tables (LibxlsxwriterReference.swift keeps that code as it was): the same parts, XML, styles,
/// shared strings, compression and zip layout — so that no published workbook changed, and
/// every spreadsheet program that opened them opens these.
@Suite struct SameAsLibxlsxwriterTests {
    static let created: Int64 = 1_615_766_400
    static let known = WorkbookParts()

    /// Where both files go when they differ, to be compared part by part (`unzip`, `diff`).
    static func compare(_ tables: [DownloadTable], cover: WorkbookCover, created: Int64 = created, _ label: String) throws {
        let ours = try ExcelDownload.make(tables, cover: cover, created: created).data
        // With the parts a build's workbooks share, kept across all the workbooks of the suite.
        let shared = try ExcelDownload.make(tables, cover: cover, created: created, known: Self.known).data
        #expect(shared == ours, "\(label): made with the shared parts, the workbook differs")
        let theirs = try #require(LibxlsxwriterWorkbook.make(tables, cover: cover, created: created), "libxlsxwriter made no workbook: \(label)")
        if ours != theirs {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statik-xlsx-mismatch-\(UUID().uuidString)")
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try? ours.write(to: folder.appendingPathComponent("statik.xlsx"))
            try? theirs.write(to: folder.appendingPathComponent("libxlsxwriter.xlsx"))
            Issue.record("\(label): \(ours.count) bytes against libxlsxwriter's \(theirs.count); both in \(folder.path)")
        }
    }

    @Test func theTablesOfTheTests() throws {
        try Self.compare([DownloadsTests.table], cover: WorkbookCover(title: "Deltagare"), "one table")
        try Self.compare([DownloadsTests.table, DownloadsTests.table], cover: WorkbookCover(title: "Två"), "two of the same")
        try Self.compare([], cover: WorkbookCover(title: ""), "no table, no title")
        try Self.compare([WorkbookLayoutTests.population, WorkbookLayoutTests.shares], cover: WorkbookLayoutTests.cover, "the layout tests'")
        try Self.compare([WorkbookLayoutTests.population], cover: WorkbookCover(title: "Population", words: .english), "in English")
    }

    /// Cells of every kind and text that needs care: markup characters, spaces at either end,
    /// control characters, a NUL, combining accents, symbols, too long for a cell, numbers at
    /// the edges of what a spreadsheet holds.
    static let texts = [
        "", " lead", "trail ", "\ttab", "new\nline", "a&b<c>\"d'e", "ctrl\u{01}\u{1F}\u{0B}\r", "nul\u{0}after", "é", "e\u{301}",
        "x", "..", "–", "<1", "5*", "#hash", "'quote'", "[sq]:*?/\\", "_x0041_", "📊 Diagram", "Län i regionen", "Tabell 1. Deltagare per år, kvinnor och män",
        "Befolkning den 1 januari, efter region och år, i tusental", "Arbetslöshet 2008–2013", "A", "a", "Å", "å", "Column1",
        String(repeating: "lång ", count: 60), String(repeating: "y", count: 32_800),
    ]

    static let numbers: [Double] = [0, -0.0, 1, -1, 0.1, 0.1 + 0.2, 1.0 / 3, 2.675, 12.5, 1234.5678, 1e-7, 1e15, 1e15 + 0.5, 9.99e14, 1e16, 1e20, -3.5e-12, .pi, 123_456_789.125, 59.0, 100]

    static let integers: [Int64] = [0, 7, -42, 1881, 7674, 999_999_999_999_999, 1_000_000_000_000_000, -1_000_000_000_000_000, .max, .min]

    static func cell(_ random: inout SeededGenerator) -> DownloadTable.Cell {
        switch random.next() % 5 {
        case 0: .integer(integers.randomElement(using: &random)!)
        case 1: .number(numbers.randomElement(using: &random)!, decimals: Int(random.next() % 18) - 1)
        case 2: .year(Int64(1990 + random.next() % 40))
        default: .text(texts.randomElement(using: &random)!)
        }
    }

    static func table(_ random: inout SeededGenerator) -> DownloadTable {
        let columns = Int(random.next() % 6)
        let rows = [0, 1, 2, 15, 16, 17, 33, 40].randomElement(using: &random)!
        let headers = (0..<columns).map { _ in random.next() % 4 == 0 ? String(repeating: "h", count: 256) : texts.randomElement(using: &random)! }
        return DownloadTable(
            // Not a `#` in a sheet's name: libxlsxwriter broke the link to it (WorkbookLayoutTests).
            name: "t", caption: texts.filter { !$0.contains("#") }.randomElement(using: &random)!, columns: headers,
            rows: (0..<rows).map { _ in (0..<columns).map { _ in cell(&random) } },
            source: random.next() % 3 == 0 ? nil : texts.randomElement(using: &random)!,
            notes: (0..<Int(random.next() % 3)).map { _ in texts.randomElement(using: &random)! },
            sourceLabel: random.next() % 2 == 0 ? "Källa:" : "Source:")
    }

    @Test func generatedWorkbooks() throws {
        var random = SeededGenerator(seed: 20_261_205)
        for round in 0..<300 {
            let tables = (0..<Int(random.next() % 7)).map { _ in Self.table(&random) }
            let texts = Self.texts
            func optional() -> String? { random.next() % 3 == 0 ? nil : texts.randomElement(using: &random)! }
            let cover = WorkbookCover(
                title: texts.randomElement(using: &random)!, address: optional(), published: optional(), updated: optional(),
                nextUpdate: optional(), contact: optional(), symbols: (0..<Int(random.next() % 4)).map { _ in texts.randomElement(using: &random)! },
                words: random.next() % 2 == 0 ? .swedish : .english)
            let created = [Self.created, 315_532_800, 1, 4_102_444_800, -86_400].randomElement(using: &random)!
            try Self.compare(tables, cover: cover, created: created, "round \(round)")
        }
    }
}
