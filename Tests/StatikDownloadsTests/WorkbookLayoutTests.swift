import Foundation
import StatikCore
@testable import StatikDownloads
import StatikTestSupport
import Testing

/// A page's workbook as the UK Analysis Function's "Releasing statistics in spreadsheets" lays
/// it out (issue 30): read back from the file's own XML (unzip), as a spreadsheet program reads it.
@Suite struct WorkbookLayoutTests {
    static let population = DownloadTable(
        name: "befolkning", caption: "Befolkning den 1 januari 2011–2020 efter region",
        columns: ["År", "Övre Norrland", "Hela Sverige"],
        rows: [[.year(2011), .integer(509_836), .integer(9_415_570)], [.year(2020), .text("x"), .integer(10_120_242)]],
        source: "SCB", notes: ["x\u{00A0}= uppgiften redovisas inte."])
    static let shares = DownloadTable(
        name: "andel", caption: "Befolkning den 1 januari 2011–2020 efter kön",
        columns: ["Kön", "Andel (%)"], rows: [[.text("Kvinnor"), .number(49.6, decimals: 1)], [.text("Män"), .text("..")]],
        source: "SCB", notes: ["x\u{00A0}= uppgiften redovisas inte.", "..\u{00A0}= uppgift saknas."])
    static let cover = WorkbookCover(
        title: "Övre Norrland", address: "https://example.se/regioner/ovre-norrland/", published: "2021-03-15", nextUpdate: "2027-03",
        contact: "Försäkringskassan, www.forsakringskassan.se", symbols: ["x = uppgiften redovisas inte", ".. = uppgift saknas"])

    /// The parts of a workbook, by name, as text.
    static func parts(_ data: Data) throws -> [String: String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("statik-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("book.xlsx")
        try data.write(to: file)
        let unzip = Process()
        unzip.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        unzip.arguments = ["-q", file.path, "-d", folder.appendingPathComponent("x").path]
        try unzip.run()
        unzip.waitUntilExit()
        var parts: [String: String] = [:]
        let root = folder.appendingPathComponent("x")
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! where url.pathExtension == "xml" || url.pathExtension == "rels" {
            parts[String(url.path.dropFirst(root.path.count + 1))] = try String(contentsOf: url, encoding: .utf8)
        }
        return parts
    }

    @Test func coverContentsNotesThenOneTablePerSheet() throws {
        let made = try ExcelDownload.make([Self.population, Self.shares], cover: Self.cover, created: 1_615_766_400)
        let parts = try Self.parts(made.data)
        let workbook = try #require(parts["xl/workbook.xml"])
        let names = workbook.components(separatedBy: "<sheet name=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        // Cut before a word, never inside one; unique.
        #expect(names == ["Omslag", "Innehåll", "Noter", "Befolkning den 1 januari", "Befolkning den 1 januari (2)"])
        #expect(made.sheets == Array(names.dropFirst(3)))
        let strings = try #require(parts["xl/sharedStrings.xml"])
        for text in ["Övre Norrland", "Publicerad", "2021-03-15", "Nästa uppdatering", "2027-03", "Kontakt", "Försäkringskassan, www.forsakringskassan.se",
                     "https://example.se/regioner/ovre-norrland/", "Teckenförklaring", "x = uppgiften redovisas inte", "[not 1]", "[not 2]",
                     "Det här bladet innehåller en tabell.", "Källa: SCB"] {
            #expect(strings.contains(">\(text)<"), "\(text) is in the workbook")
        }
        // Each note once, though two tables have it.
        #expect(strings.components(separatedBy: "uppgiften redovisas inte.<").count == 2)
        // Every table (contents, notes and the two) marked up, without filter buttons.
        let tables = parts.keys.filter { $0.hasPrefix("xl/tables/") }
        #expect(tables.count == 4)
        #expect(!tables.contains { parts[$0]!.contains("autoFilter") })
        // The contents link to the sheets.
        #expect(parts["xl/worksheets/sheet2.xml"]!.contains("location=\"'Befolkning den 1 januari'!A1\""))
    }

    /// Numbers are number cells with a grouping format (`#,##0`: the reader's own separator),
    /// the page's decimals, years without grouping, symbols as text.
    @Test func numbersAreNumbersWithGroupingFormats() throws {
        let parts = try Self.parts(ExcelDownload.make([Self.population, Self.shares], cover: Self.cover, created: 0).data)
        let styles = try #require(parts["xl/styles.xml"])
        #expect(styles.contains("formatCode=\"#,##0\""))
        #expect(styles.contains("formatCode=\"#,##0.0\""))
        #expect(styles.contains("formatCode=\"0\""))
        #expect(!styles.contains("# ##0"))
        let sheet = try #require(parts["xl/worksheets/sheet4.xml"])
        // Title, A2, source, notes, then the header on row 5 and the rows.
        #expect(sheet.contains("<c r=\"C6\" s=\""))
        #expect(sheet.contains("<v>9415570</v>") && sheet.contains("<v>10120242</v>") && sheet.contains("<v>2011</v>"))
        #expect(!sheet.contains("<c r=\"C6\" t=\"s\""), "a number is not text")
        #expect(sheet.contains("<c r=\"B7\"") && sheet.range(of: "<c r=\"B7\"[^>]*t=\"s\"", options: .regularExpression) != nil, "x is text")
        let table = try #require(parts.first { $0.key.hasPrefix("xl/tables/") && $0.value.contains("ref=\"A5:C7\"") })
        #expect(table.value.contains("name=\"Övre Norrland\""))
        #expect(!sheet.contains("mergeCell"))
    }

    @Test func sheetNamesAreShortValidAndUnique() {
        let names = SheetNames.make(["Tabell 1: Deltagare [antal]", "Omslag", "", "Ettmycketlångtordsomintefårplatspåettblad", "Tabell 1: Deltagare (antal)"],
                                    reserved: ["Omslag", "Innehåll", "Noter"], fallback: "Tabell")
        #expect(names == ["Tabell 1 Deltagare antal", "Omslag (2)", "Tabell 3", "Ettmycketlångtordsomintefårplat", "Tabell 1 Deltagare (antal)"])
        // The longest run of clauses that fits, before cutting at a word.
        #expect(SheetNames.cut("Arbetslöshet 2008–2013, i regionen och i hela Sverige, procent", to: 31) == "Arbetslöshet 2008–2013")
        #expect(SheetNames.cut("Befolkning den 1 januari 2011–2019, i regionen och i hela Sverige", to: 31) == "Befolkning den 1 januari")
        #expect(names.allSatisfy { $0.unicodeScalars.count <= 31 && !$0.contains(where: { "[]:*?/\\".contains($0) }) })
    }

    /// The build's shared parts answer the names `SheetNames.make` makes, the first time and
    /// again (remembered), and different lists apart.
    @Test func rememberedSheetNamesAreTheNamesMade() {
        let known = WorkbookParts()
        let lists = [["Tabell 1. Deltagare per år", "Diagram 1. Kvinnor och män per år"], ["Omslag", "Omslag"], ["Tabell 1. Deltagare per år"], []]
        for _ in 0..<2 {
            for captions in lists {
                #expect(known.sheetNames(captions, reserved: ["Omslag", "Innehåll", "Noter"], fallback: "Tabell")
                    == SheetNames.make(captions, reserved: ["Omslag", "Innehåll", "Noter"], fallback: "Tabell"))
                #expect(known.sheetNames(captions, reserved: ["Cover"], fallback: "Table") == SheetNames.make(captions, reserved: ["Cover"], fallback: "Table"))
            }
        }
    }

    /// A caption `isClean` lets through is one the cleaning would not change; generated
    /// captions with every kind of character the cleaning looks at.
    @Test func aCleanCaptionIsOneCleaningKeeps() {
        var random = SeededGenerator(seed: 31)
        let pieces = [" ", "  ", "a", "ö", "'", "[", "]", ":", "*", "?", "/", "\\", "\u{00A0}", "\u{0}", "\t", "\u{7F}", "\u{85}", "2019", "–", "𝄞", "e\u{301}"]
        var clean = 0
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            if SheetNames.isClean(text) {
                clean += 1
                #expect(SheetNames.cleaned(text) == text, "\(Array(text.unicodeScalars))")
            }
            #expect(SheetNames.clean(text) == SheetNames.cleaned(text))
        }
        #expect(clean > 200)
    }

    /// The text the leak check searches holds every cell, the cover's too.
    @Test func theTextHoldsEveryCell() throws {
        let made = try ExcelDownload.make([Self.population], cover: Self.cover, created: 0)
        let text = String(decoding: made.text, as: UTF8.self)
        for needle in ["Övre Norrland", "Försäkringskassan, www.forsakringskassan.se", "Befolkning den 1 januari 2011–2020 efter region", "Hela Sverige", "x = uppgiften redovisas inte"] {
            #expect(text.contains(needle))
        }
    }

    /// A sheet whose name has a `#`: the contents sheet links to it whole. libxlsxwriter took
    /// what followed the `#` for an anchor and linked to `'Antal per ` (a sheet not there).
    @Test func aSheetNamedWithAHashIsLinkedWhole() throws {
        let table = DownloadTable(name: "g", caption: "Antal per #grupp", columns: ["Grupp", "Antal"], rows: [[.text("A"), .integer(3)]], source: nil, notes: [])
        let parts = try Self.parts(ExcelDownload.make([table], cover: Self.cover, created: 1_615_766_400).data)
        let contents = try #require(parts["xl/worksheets/sheet2.xml"])
        #expect(contents.contains("<hyperlink ref=\"A5\" location=\"'Antal per #grupp'!A1\" display=\"Antal per #grupp\"/>"), "\(contents)")
    }

    /// A page in English: the sheets and headings in English; a page without a planned update
    /// says so; a page without tables' notes says that too.
    @Test func anEnglishPageWithoutNotesOrNextUpdate() throws {
        var table = Self.shares
        table.notes = []
        let cover = WorkbookCover(title: "Participants", words: .english)
        let parts = try Self.parts(ExcelDownload.make([table], cover: cover, created: 0).data)
        let names = (parts["xl/workbook.xml"] ?? "").components(separatedBy: "<sheet name=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(names == ["Cover", "Contents", "Notes", "Befolkning den 1 januari"])
        let strings = parts["xl/sharedStrings.xml"] ?? ""
        for text in ["Next update", "No update is planned.", "The tables have no notes.", "This worksheet contains one table."] {
            #expect(strings.contains(">\(text)<"), "\(text)")
        }
        #expect(!strings.contains("Published"), "no date is invented")
    }
}
