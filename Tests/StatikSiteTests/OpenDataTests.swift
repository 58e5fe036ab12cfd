import Foundation
@testable import StatikSite
@testable import StatikContent
@testable import StatikCore
@testable import StatikOutput
@testable import StatikRender
import Testing

/// The open-data catalogue (issue 33): per edition, checked for leaks like every file of the
/// public edition, and the same whether a page was rendered now or kept from the last build.
@Suite struct OpenDataTests {
    /// The editions fixture with `catalogue: true`, and `settings` added under the intranet's.
    static func site(intranet settings: String = "", description: String? = nil) throws -> URL {
        let site = try FixtureSite(name: "editions").scratchCopy()
        let config = site.appendingPathComponent("statik.yml")
        var text = try String(contentsOf: config, encoding: .utf8)
        text = "catalogue: true\n" + text + settings
        try text.write(to: config, atomically: true, encoding: .utf8)
        if let description {
            try "description: \(description)\n".write(to: site.appendingPathComponent("content/data/kategori.yml"), atomically: true, encoding: .utf8)
        }
        return site
    }

    static func text(_ report: BuildReport, _ path: String) -> String? {
        report.files.contents(of: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A period reads as the page's other dates do; one year given as both ends is that year
    /// (it read `2012–2012`).
    @Test func aPeriodIsWrittenOnce() {
        #expect(OpenDataCatalogue.period("2012", "2012") == "2012")
        #expect(OpenDataCatalogue.period("2014", "2020") == "2014\u{2013}2020")
        #expect(OpenDataCatalogue.period("2014", "31 december 2020") == "2014 \u{2013} 31 december 2020")
    }

    @Test func thePublicCatalogueListsThePublicTablesOnly() async throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let report = await Site.build(BuildOptions(source: site, edition: .public, write: false))
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        let catalogue = try #require(Self.text(report, "catalog.rdf"))
        #expect(catalogue.contains("<dcat:Dataset rdf:about=\"https://www.example.se/esf/deltagare/#dataset-kat\">"))
        #expect(!catalogue.contains("intern/"))
        let page = try #require(Self.text(report, "oppna-data/index.html"))
        #expect(page.contains("<a href=\"/esf/deltagare/kat.csv\">CSV</a>"))
        for canary in EditionTests.canaries {
            #expect(!catalogue.contains(canary) && !page.contains(canary), "\(canary) leaked into the open data")
        }
    }

    /// `editions: intranet: catalogue: false`: the intranet has none; without it, its own, at
    /// its own address.
    @Test(arguments: [false, true])
    func theIntranetHasItsOwnCatalogueOrNone(none: Bool) async throws {
        let site = try Self.site(intranet: none ? "    catalogue: false\n" : "")
        defer { try? FileManager.default.removeItem(at: site) }
        let report = await Site.build(BuildOptions(source: site, edition: .intranet, write: false))
        #expect(report.succeeded, "\(FixtureSite.lines(report.diagnostics))")
        if none {
            #expect(Self.text(report, "catalog.rdf") == nil)
            #expect(Self.text(report, "oppna-data/index.html") == nil)
        } else {
            let catalogue = try #require(Self.text(report, "catalog.rdf"))
            #expect(catalogue.contains("<dcat:Catalog rdf:about=\"https://intranat.example.se/esf/catalog.rdf\">"))
            #expect(!catalogue.contains("www.example.se"))
        }
    }

    /// Intranet-only text in what the catalogue says (a data file's description repeating an
    /// intranet-only sentence) stops the public build: the leak check reads the catalogue and
    /// its page, in memory and written.
    @Test(arguments: [false, true])
    func aLeakIntoTheCatalogueIsFound(writing: Bool) async throws {
        let site = try Self.site(description: "Den här raden är en intern anteckning med KANARIE-BLOCK-19c2 i sig.")
        defer { try? FileManager.default.removeItem(at: site) }
        let report = await Site.build(BuildOptions(source: site, edition: .public, write: writing))
        #expect(!report.succeeded)
        let leaks = report.diagnostics.errors.map(\.description).filter { $0.contains("intranet-only text") }
        #expect(leaks.contains { $0.contains(" in catalog.rdf: ") }, "\(leaks)")
        #expect(leaks.contains { $0.contains(" in oppna-data/index.html: ") }, "\(leaks)")
    }

    /// A page kept from the last build (the render cache) is in the catalogue as when it was
    /// rendered: its tables are kept in the cache.
    @Test func aKeptPageKeepsItsDatasets() async throws {
        let site = try Self.site()
        defer { try? FileManager.default.removeItem(at: site) }
        let output = site.appendingPathComponent("public")
        let first = await Site.build(BuildOptions(source: site, output: output.path))
        let before = try Data(contentsOf: output.appendingPathComponent("catalog.rdf"))
        let second = await Site.build(BuildOptions(source: site, output: output.path))
        #expect(first.succeeded && second.succeeded)
        #expect(second.reusedPages > 0)
        let after = try Data(contentsOf: output.appendingPathComponent("catalog.rdf"))
        #expect(before == after)
        #expect(String(decoding: after, as: UTF8.self).contains("#dataset-kat\""))
    }

    @Test func theRenderCacheKeepsDatasets() throws {
        var cache = RenderCache()
        let table = PublishedTable(file: "per-region.csv", caption: "Deltagare per region, \\ och\nrad", tables: ["deltagare", "regioner"])
        cache.records["a/"] = RenderCache.Record(digest: StableDigest(hex: "0000000000000001000000000000000f")!, queries: 1, checks: 0, tablesRead: ["deltagare"], files: [:],
                                                 datasets: [table, PublishedTable(file: "b.csv", caption: "", tables: [])])
        #expect(RenderCache(text: cache.text) == cache)
        #expect(RenderCache(text: "statik-cache 4\npage 0000000000000001000000000000000f 0 0 a/\ndataset b.csv deltagare x\n") == nil, "a dataset line without its tables")
    }

    @Test func contactsAndDates() {
        #expect(OpenDataCatalogue.email(in: "Statistikenheten, statistik@example.se") == "statistik@example.se")
        #expect(OpenDataCatalogue.email(in: "Försäkringskassan, www.forsakringskassan.se") == nil)
        #expect(OpenDataCatalogue.xml("a\u{1}<b>") == "a&lt;b&gt;")
        #expect(DatasetMetadata.isNUTS2("SE33") && DatasetMetadata.isNUTS2("NO08") && !DatasetMetadata.isNUTS2("SE34") && !DatasetMetadata.isNUTS2("SE1"))
    }
}
