import Foundation
import StatikSite
import Testing

/// Nothing of the intranet edition may reach the public one: not a page, a block, a query's
/// value or a data file, anywhere in the files a public build writes.
@Suite struct EditionTests {
    static let canaries = ["KANARIE-PAGE-5e08", "KANARIE-BLOCK-19c2", "KANARIE-QUERY-b41d", "KANARIE-DATA-7f3a"]

    static func everything(_ report: BuildReport) -> String {
        report.files.paths.compactMap { report.files.contents(of: $0).map { String(decoding: $0, as: UTF8.self) } }.joined(separator: "\n")
    }

    @Test func thePublicEditionHoldsNoCanary() async throws {
        let report = try await FixtureSite(name: "editions").build(edition: .public)
        #expect(report.succeeded)
        let all = Self.everything(report)
        for canary in Self.canaries {
            #expect(!all.contains(canary), "\(canary) leaked into the public edition")
        }
        #expect(!report.files.paths.contains("intern/index.html"))
        #expect(!all.contains("intern/"), "no link, menu entry or sitemap line to the intranet page")
        #expect(!all.contains("Kontaktperson"))
    }

    @Test func theIntranetEditionHoldsEveryCanary() async throws {
        let report = try await FixtureSite(name: "editions").build(edition: .intranet)
        #expect(report.succeeded)
        let all = Self.everything(report)
        for canary in Self.canaries {
            #expect(all.contains(canary), "\(canary) is missing from the intranet edition")
        }
        #expect(all.contains("noindex"))
        #expect(all.contains("Intern version"))
    }

    @Test func aLeakStopsThePublicBuild() async throws {
        // A public page that repeats a sentence of an intranet-only block.
        let site = try FixtureSite(name: "editions").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let leak = "---\ntitle: Läcka\n---\nDen här raden är en intern anteckning med KANARIE-BLOCK-19c2 i sig.\n"
        try leak.write(to: site.appendingPathComponent("content/lacka.md"), atomically: true, encoding: .utf8)
        let report = await Site.build(BuildOptions(source: site, edition: .public, write: false))
        #expect(!report.succeeded)
        #expect(report.diagnostics.errors.map(\.description) == [
            "content/index.md:9:1: error: intranet-only text is in the public edition, in lacka/index.html: \"Den här raden är en intern anteckning med KANARIE-BLOCK-19c2 i sig.\"; the build stops so that it is not published",
        ])
    }

    @Test func suppressionAgreesBetweenTableAndProse() async throws {
        let report = try await FixtureSite(name: "editions").build(edition: .public)
        let page = String(decoding: report.files.contents(of: "deltagare/index.html") ?? Data(), as: UTF8.self)
        // The 3 (PO 2) and its partner 7, the 3 (PO 3) and its partner 19: shown as .. in the
        // table, their shares too, and in the sentence that quotes them.
        #expect(page.contains("I PO 2 hade .. deltagare kategorin SJP och SE, och i PO 3 hade .. kategorin SJP och AE."))
        #expect(page.contains("<tr><th scope=\"row\" class=\"text\">SJP och SE</th><td class=\"num\">..</td><td class=\"num\">..</td><td class=\"num\">–</td><td class=\"num\">–</td></tr>"))
        #expect(page.contains("<tr><th scope=\"row\" class=\"text\">SE och SJP3</th><td class=\"num\">..</td><td class=\"num\">..</td><td class=\"num\">–</td><td class=\"num\">–</td></tr>"))
        #expect(page.contains("<tr><th scope=\"row\" class=\"text\">AE och SJP3</th><td class=\"num\">83</td><td class=\"num\">1\u{00A0}%</td><td class=\"num\">..</td><td class=\"num\">..</td></tr>"))
        #expect(page.contains("sekretess enligt 24 kap."))
    }
}
