import Foundation
import StatikCore
@testable import StatikSite
@testable import StatikBlocks
import Testing

/// Every workbook of fixture sites, opened as a spreadsheet program opens it (the file's own
/// XML, unzipped): a cover, contents and notes sheet first, then a sheet per table of the page,
/// and every number a number cell with a grouping format (`#,##0`, `#,##0.0`; `0` for a year)
/// that shows it as the page shows it (issue 30: `# ##0` showed `2 011` and `9415 570`).
@Suite struct WorkbookFixtureTests {
    /// The parts of a workbook, by name.
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
        let root = folder.appendingPathComponent("x")
        var parts: [String: String] = [:]
        for case let url as URL in FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)! where url.pathExtension == "xml" {
            parts[String(url.path.dropFirst(root.path.count + 1))] = try String(contentsOf: url, encoding: .utf8)
        }
        return parts
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (0..<match.numberOfRanges).map { i in Range(match.range(at: i), in: text).map { String(text[$0]) } ?? "" }
        }
    }

    /// `9415570` with `#,##0` as a Swedish page shows it: `9 415 570`; `6` with `#,##0.0`: `6,0`.
    static func shown(_ value: String, format: String) -> String? {
        guard let x = Double(value) else { return nil }
        let decimals = format.split(separator: ".").dropFirst().first?.count ?? 0
        let text = String(format: "%.\(decimals)f", x.magnitude)
        var whole = String(text.prefix { $0 != "." })
        let fraction = text.contains(".") ? "," + text.split(separator: ".")[1] : ""
        if format.hasPrefix("#,##0") {
            var grouped = ""
            for (i, digit) in whole.enumerated() {
                if i > 0, (whole.count - i) % 3 == 0 { grouped += "\u{00A0}" }
                grouped.append(digit)
            }
            whole = grouped
        }
        return (x < 0 ? "−" : "") + whole + fraction
    }

    @Test(arguments: ["queries", "charts", "disclosure", "csv-dialects", "numbers"])
    func everyWorkbookIsLaidOutAndShowsThePageFigures(fixture: String) async throws {
        let report = try await FixtureSite(name: fixture).build()
        let books = report.files.paths.filter { $0.hasSuffix(".xlsx") }
        #expect(!books.isEmpty)
        for path in books {
            let parts = try Self.parts(try #require(report.files.contents(of: path)))
            let page = String(decoding: try #require(report.files.contents(of: String(path.dropLast("tabeller.xlsx".count)) + "index.html")), as: UTF8.self)
            let names = Self.matches("<sheet name=\"([^\"]*)\"", in: parts["xl/workbook.xml"] ?? "").map { match in
                [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")].reduce(match[1]) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
            }
            #expect(Array(names.prefix(3)) == ["Omslag", "Innehåll", "Noter"], "\(path)")
            #expect(names.count - 3 == Self.matches("data-statik-table=", in: page).count, "\(path): a sheet per table of the page")
            #expect(names.allSatisfy { $0.count <= 31 }, "\(path)")
            // The formats: custom ones by id, and each cell style's format.
            let styles = parts["xl/styles.xml"] ?? ""
            let codes = Dictionary(Self.matches("<numFmt numFmtId=\"(\\d+)\" formatCode=\"([^\"]*)\"", in: styles).map { ($0[1], $0[2]) }, uniquingKeysWith: { a, _ in a })
            #expect(codes.values.allSatisfy { $0 == "0" || $0.hasPrefix("#,##0") }, "\(path): \(codes.values.sorted())")
            let xfs = styles.components(separatedBy: "<cellXfs")[1].components(separatedBy: "</cellXfs>")[0]
            let styleFormat = Self.matches("<xf numFmtId=\"(\\d+)\"", in: xfs).map { $0[1] }
            for sheet in 4...max(4, names.count) where sheet <= names.count {
                let xml = try #require(parts["xl/worksheets/sheet\(sheet).xml"])
                #expect(!xml.contains("mergeCell"), "\(path) sheet \(sheet)")
                // A cell without t="s" is a number: its format groups it, and it shows as on the page.
                for cell in Self.matches("<c r=\"([A-Z]+\\d+)\"( s=\"(\\d+)\")?><v>([^<]*)</v></c>", in: xml) {
                    let format = cell[3].isEmpty ? "General" : codes[styleFormat[Int(cell[3])!]] ?? "builtin"
                    #expect(format == "0" || format.hasPrefix("#,##0"), "\(path) \(names[sheet - 1]) \(cell[1]): format \(format)")
                    let text = try #require(Self.shown(cell[4], format: format))
                    #expect(page.contains(">\(text)<") || page.contains(">\(text)\u{00A0}%<") || page.contains(">\(text)\u{00A0}‰<"),
                            "\(path) \(names[sheet - 1]) \(cell[1]): \(cell[4]) shows as \(text), which the page does not show")
                }
            }
        }
    }

    /// The marks a page's tables leave for the workbook's links are found whole, and only
    /// those of the page's tables (an author's private-use character is left as it is).
    @Test func marksAreFoundOnlyWhole() {
        let html = "a\u{E000}b \u{E000}statik-workbook-1\u{E000} c \u{E000}statik-workbook-x\u{E000} \u{E000}statik-workbook-7\u{E000} \u{E000}statik-workbook-0\u{E000}"
        let found = PageDownloads.marks(in: Array(html.utf8), tables: 2)
        #expect(found.map(\.table) == [1, 0])
        #expect(String(decoding: Array(html.utf8)[found[0].range], as: UTF8.self) == "\u{E000}statik-workbook-1\u{E000}")
    }
}
