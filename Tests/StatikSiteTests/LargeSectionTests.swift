import Foundation
import StatikSite
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender
import Testing

/// A page's size does not grow with its section: the menu and the switcher show a long list's
/// neighbourhood of the current page and a link to the page that lists them all, so a section
/// of thousands of pages is written in bytes proportional to its size (issue 19).
@Suite struct LargeSectionTests {
    static let pages = 3000
    static let groups = 200

    /// A site with the default theme: a start page, a small section, a section of 3 000 plain
    /// pages and one of 200 pages made from one file.
    static func makeSite() throws -> URL {
        let fm = FileManager.default
        let site = fm.temporaryDirectory.appendingPathComponent("statik-large-\(UUID().uuidString)")
        func write(_ path: String, _ text: String) throws {
            let url = site.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        let theme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("themes/default")
        try fm.createDirectory(at: site.appendingPathComponent("themes"), withIntermediateDirectories: true)
        try fm.copyItem(at: theme, to: site.appendingPathComponent("themes/default"))
        try write("statik.yml", "title: Stor\nbaseURL: https://example.org/\nlanguage: sv\ntheme: default\n")
        try write("content/index.md", "---\ntitle: Start\n---\nStart.\n")
        try write("content/liten/index.md", "---\ntitle: Liten\n---\nEtt litet avsnitt.\n")
        for i in 1...8 { try write("content/liten/l\(i).md", "---\ntitle: Liten \(i)\n---\nText.\n") }
        try write("content/stor/index.md", "---\ntitle: Stor\n---\nEtt stort avsnitt.\n")
        for i in 1...pages { try write("content/stor/s\(String(format: "%04d", i)).md", "---\ntitle: Sida \(i)\n---\nText \(i).\n") }
        try write("content/data/grupper.csv", "id,namn\n" + (1...groups).map { "\($0),G\($0)\n" }.joined())
        try write("content/grupper/index.md", "---\ntitle: Grupper\n---\nAlla grupper.\n")
        try write("content/grupper/[id].md", "---\ntitle: \"Grupp {{ params.namn }}\"\npages: SELECT id, 'g' || id AS slug, namn FROM grupper ORDER BY id\n---\nGruppen {{ params.namn }}.\n")
        return site
    }

    @Test func aLargeSectionsPagesStaySmall() async throws {
        let site = try Self.makeSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let report = await Site.build(BuildOptions(source: site, write: false))
        #expect(report.succeeded, "\(report.diagnostics)")
        func page(_ path: String) -> String {
            report.files.contents(of: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        let small = page("liten/l1/index.html").utf8.count
        #expect(small > 0)
        // Every page of the large sections is about the size of a page in the small one.
        for section in ["stor", "grupper"] {
            let paths = report.files.paths.filter { $0.hasPrefix("\(section)/") && $0.hasSuffix("/index.html") && $0 != "\(section)/index.html" }
            #expect(paths.count == (section == "stor" ? Self.pages : Self.groups))
            let largest = paths.map { report.files.contents(of: $0)?.count ?? 0 }.max() ?? 0
            #expect(largest < small + 4000, "\(section): \(largest) bytes against \(small)")
        }
        // The menu shows the current page's neighbours and a link to the section's list.
        let middle = page("stor/s1500/index.html")
        #expect(middle.contains("href=\"/stor/s1495/\""))
        #expect(middle.contains("href=\"/stor/s1505/\""))
        #expect(!middle.contains("href=\"/stor/s1494/\""))
        #expect(!middle.contains("href=\"/stor/s0001/\""))
        #expect(middle.contains("<a href=\"/stor/\">Alla 3\u{00A0}000 sidor</a>"))
        // At the start of the list, the first eleven pages.
        let first = page("stor/s0001/index.html")
        #expect(first.contains("href=\"/stor/s0011/\"") && !first.contains("href=\"/stor/s0012/\""))
        // The switcher between the pages made from one file: the same.
        let group = page("grupper/g150/index.html")
        #expect(group.contains("href=\"/grupper/g145/\"") && !group.contains("href=\"/grupper/g144/\""))
        #expect(group.contains("<a href=\"/grupper/\">Alla 200 sidor</a>"))
        // The section's own page still lists them all.
        let index = page("stor/index.html")
        #expect(index.contains("href=\"/stor/s0001/\"") && index.contains("href=\"/stor/s3000/\""))
        // A small section's menu lists all its pages, with no link to a list.
        let inSmall = page("liten/l1/index.html")
        #expect(inSmall.contains("href=\"/liten/l8/\"") && !inSmall.contains("Alla 8"))
    }
}
