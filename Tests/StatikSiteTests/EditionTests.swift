import Foundation
@testable import StatikSite
import StatikCore
@testable import StatikContent
@testable import StatikOutput
@testable import StatikSources
@testable import StatikInspect
@testable import StatikBlocks
@testable import StatikRender
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

    /// Built in memory (as a preview is) and written (each page is checked before it goes into
    /// the staging folder, which is then thrown away: nothing is published).
    @Test(arguments: [false, true])
    func aLeakStopsThePublicBuild(writing: Bool) async throws {
        // A public page that repeats a sentence of an intranet-only block.
        let site = try FixtureSite(name: "editions").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let leak = "---\ntitle: Läcka\n---\nDen här raden är en intern anteckning med KANARIE-BLOCK-19c2 i sig.\n"
        try leak.write(to: site.appendingPathComponent("content/lacka.md"), atomically: true, encoding: .utf8)
        let report = await Site.build(BuildOptions(source: site, edition: .public, write: writing))
        #expect(!report.succeeded)
        #expect(report.diagnostics.errors.map(\.description) == [
            "content/index.md:9:1: error: intranet-only text is in the public edition, in lacka/index.html: \"Den här raden är en intern anteckning med KANARIE-BLOCK-19c2 i sig.\"; the build stops so that it is not published",
        ])
        let written = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0 == "public" || $0.contains("-statik-") }
        #expect(written.isEmpty, "nothing is published, no staging folder is left behind")
    }

    /// A workbook is compressed: the leak check searches the text of its cells (cover,
    /// contents, notes and tables), written or built in memory.
    @Test(arguments: [false, true])
    func aLeakIntoAWorkbookIsFound(writing: Bool) async throws {
        let site = try FixtureSite(name: "editions").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        let page = site.appendingPathComponent("content/deltagare.md")
        let text = try String(contentsOf: page, encoding: .utf8).replacingOccurrences(
            of: "caption: Tabell 2. Antal och andel deltagare per kategori", with: "caption: Den här raden är en intern anteckning med KANARIE-BLOCK-19c2 i sig.")
        try text.write(to: page, atomically: true, encoding: .utf8)
        let report = await Site.build(BuildOptions(source: site, edition: .public, write: writing))
        #expect(!report.succeeded)
        let leaks = report.diagnostics.errors.map(\.description).filter { $0.contains("intranet-only text") }
        #expect(leaks.contains { $0.contains(" in deltagare/tabeller.xlsx: ") }, "\(leaks)")
    }

    /// The leak check finds a phrase however the file holds it: as written, escaped by Statik or
    /// by cmark-gfm, quoted in a CSV field, composed or decomposed, in a file that is not text.
    @Test func theLeakCheckFindsEveryFormOfAPhrase() {
        let phrase = "Förbundets \"interna\" siffror & Kalles anteckning's rad"
        let check = LeakCheck([Fingerprint(file: "content/a.md", line: 7, phrase: phrase)])
        func found(_ text: String) -> Bool { !check.leaks(inFile: "x/index.html", data: Data(text.utf8)).isEmpty }
        #expect(found("<p>\(phrase)</p>"))
        #expect(found("<td>Förbundets &quot;interna&quot; siffror &amp; Kalles anteckning&#39;s rad</td>"))
        #expect(found("<p>Förbundets &quot;interna&quot; siffror &amp; Kalles anteckning's rad</p>"))
        #expect(found("\u{FEFF}Tabell;\"Förbundets \"\"interna\"\" siffror & Kalles anteckning's rad\"\r\n"))
        #expect(found(phrase.decomposedStringWithCanonicalMapping))
        var binary = Data([0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFE, 0x00])
        binary.append(Data(phrase.utf8))
        binary.append(Data([0x00, 0xC3]))
        #expect(!check.leaks(inFile: "rapport.pdf", data: binary).isEmpty)
        #expect(!found("Förbundets interna siffror & Kalles anteckning's rad"))
        #expect(!found(""))
        let diagnostics = check.leaks(inFile: "x/index.html", data: Data(phrase.utf8))
        #expect(diagnostics.map(\.description) == ["content/a.md:7:1: error: intranet-only text is in the public edition, in x/index.html: \"\(phrase)\"; the build stops so that it is not published"])
        #expect(LeakCheck([]).leaks(inFile: "a", data: Data(phrase.utf8)).isEmpty)
    }

    /// The leak check reads a file once for all phrases: it finds what searching for each form
    /// of each phrase one after the other finds — at a file's first and last byte, phrases that
    /// begin alike, several in one file, one shorter than four bytes — in generated files.
    @Test func theLeakCheckFindsWhatASearchPerPhraseFinds() {
        var seed: UInt64 = 0x5EED_0042
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let phrases = ["Förbundets interna siffror för 2021", "Förbundets interna bedömning av läget", "Kalles anteckning om PO 2",
                       "Ångermanlands \"egna\" tal & annat", "ab", "Öl"]
        let prints = phrases.enumerated().map { Fingerprint(file: "content/p.md", line: $0.offset + 1, phrase: $0.element) }
        let check = LeakCheck(prints)
        let alphabet = Array("Förbundets interna Kalle PO 2 \"&ab Öl Å ".utf8)
        for round in 0..<300 {
            var bytes = (0..<next(120)).map { _ in alphabet[next(alphabet.count)] }
            for _ in 0..<next(3) {
                let phrase = Array((round % 3 == 0 ? escapeHTML(phrases[next(phrases.count)]) : phrases[next(phrases.count)]).utf8)
                let at = [0, bytes.count, next(bytes.count + 1)][next(3)]
                bytes.insert(contentsOf: phrase.dropLast(next(2) == 0 ? 1 : 0), at: at)
            }
            let data = Data(bytes)
            let expected = prints.filter { print in
                let forms = [print.phrase, escapeHTML(print.phrase), LeakCheck.cmarkEscaped(print.phrase), print.phrase.replacingOccurrences(of: "\"", with: "\"\""),
                             print.phrase.decomposedStringWithCanonicalMapping]
                return forms.contains { form in Array(form.utf8).withUnsafeBytes { needle in data.withUnsafeBytes { bytesOccur(needle, in: $0) } } }
            }.map(\.line)
            let found = check.leaks(inFile: "f", data: data).map(\.location.line)
            #expect(found == expected, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func suppressionAgreesBetweenTableAndProse() async throws {
        let report = try await FixtureSite(name: "editions").build(edition: .public)
        let page = String(decoding: report.files.contents(of: "deltagare/index.html") ?? Data(), as: UTF8.self)
        // The 3 (PO 2) and its partner 7, the 3 (PO 3) and its partner 19: withheld, shown as x
        // (not .., which is a missing value) in the table, their shares too, and in the
        // sentence that quotes them.
        #expect(page.contains("I PO 2 hade <data value=\"x\" data-statik-figure=\"sjpse.po2\">x</data> deltagare kategorin SJP och SE, och i PO 3 hade <data value=\"x\" data-statik-figure=\"sjpae.po3\">x</data> kategorin SJP och AE."))
        #expect(page.contains("<tr data-statik-row=\"SJP och SE\"><th scope=\"row\" class=\"text\">SJP och SE</th><td class=\"num statik-withheld\">x</td><td class=\"num statik-withheld\">x</td><td class=\"num\">–</td><td class=\"num\">–</td></tr>"))
        #expect(page.contains("<tr data-statik-row=\"SE och SJP3\"><th scope=\"row\" class=\"text\">SE och SJP3</th><td class=\"num statik-withheld\">x</td><td class=\"num statik-withheld\">x</td><td class=\"num\">–</td><td class=\"num\">–</td></tr>"))
        #expect(page.contains("<tr data-statik-row=\"AE och SJP3\"><th scope=\"row\" class=\"text\">AE och SJP3</th><td class=\"num\">83</td><td class=\"num\">1\u{00A0}%</td><td class=\"num statik-withheld\">x</td><td class=\"num statik-withheld\">x</td></tr>"))
        #expect(page.contains("x\u{00A0}= uppgiften redovisas inte"))
        #expect(page.contains("–\u{00A0}= inget finns att redovisa"))
        #expect(page.contains("sekretess enligt 24 kap."))
    }

    /// In the intranet edition a chart over withheld values marks them as its table would: the
    /// bar's value label and the cell of the table under the chart end in `*`, and the note
    /// says once what the mark means. The public edition draws no bar for them.
    @Test func theIntranetChartMarksWithheldValues() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        func figure(_ edition: Edition) async throws -> String {
            let report = await Site.build(BuildOptions(source: root, edition: edition, write: false))
            let page = String(decoding: try #require(report.files.contents(of: "esf/deltagare/index.html")), as: UTF8.self)
            let start = try #require(page.range(of: "<figure class=\"statik-chart statik-chart-bar\" id=\"diagram-tabell-2\""))
            let end = try #require(page[start.upperBound...].range(of: "</figure>"))
            return String(page[start.lowerBound..<end.upperBound])
        }
        let intranet = try await figure(.intranet)
        #expect(intranet.contains(">&lt;1\u{00A0}%*</text>"))
        #expect(intranet.contains("<td class=\"num statik-confidential\">1\u{00A0}%<span class=\"statik-mark\" title=\"Får inte publiceras\">*</span></td>"))
        #expect(intranet.components(separatedBy: "Den visas bara i den interna versionen").count == 2)
        let publicFigure = try await figure(.public)
        #expect(!publicFigure.contains("*</text>") && !publicFigure.contains("statik-mark"))
    }

    /// The cells of every table row of `html`, each as its class and text, in order.
    static func cells(_ html: String) -> [(kind: String, text: String)] {
        let pattern = try! Regex(#"<t[dh] [^>]*class="([^"]*)"[^>]*>(.*?)</t[dh]>"#)
        return html.matches(of: pattern).map { match in
            (String(match.output[1].substring ?? ""), String(match.output[2].substring ?? ""))
        }
    }

    /// The intranet's mark says what the public edition withholds, no more and no less, on
    /// every page both editions have: a partner that only an intranet-only page withholds (its
    /// own rule, totals along rows and columns, where the public page's rule has columns only)
    /// is not marked on the public page's figures, which the public edition publishes. Before,
    /// the intranet marked 21 and 83 (PO 2) "Får inte publiceras" as partners of the intranet
    /// page's rows.
    @Test func theIntranetMarksWhatThePublicEditionWithholds() async throws {
        let site = try FixtureSite(name: "editions").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        try "columns:\n  po2: {count: true}\n  po3: {count: true}\n".write(to: site.appendingPathComponent("content/data/kategori.yml"), atomically: true, encoding: .utf8)
        let page = """
            ---
            title: Intern tabell
            edition: intranet
            ---
            ```sql alla
            SELECT kategori, po2, po3 FROM kategori
            ```

            ```table alla
            caption: Deltagare efter kategori
            source: SCB
            ```
            """
        try page.write(to: site.appendingPathComponent("content/intern-tabell.md"), atomically: true, encoding: .utf8)
        let publicReport = await Site.build(BuildOptions(source: site, edition: .public, write: false))
        let intranetReport = await Site.build(BuildOptions(source: site, edition: .intranet, write: false))
        #expect(publicReport.succeeded && intranetReport.succeeded)
        let publicPage = String(decoding: try #require(publicReport.files.contents(of: "deltagare/index.html")), as: UTF8.self)
        let intranetPage = String(decoding: try #require(intranetReport.files.contents(of: "deltagare/index.html")), as: UTF8.self)
        let publicCells = Self.cells(publicPage), intranetCells = Self.cells(intranetPage)
        #expect(publicCells.count == intranetCells.count && publicCells.count > 20)
        for (shown, marked) in zip(publicCells, intranetCells) {
            let withheld = shown.kind.contains("statik-withheld")
            let isMarked = marked.kind.contains("statik-confidential") || marked.kind.contains("statik-withheld")
            #expect(withheld == isMarked, "public \(shown.text), intranet \(marked.text)")
        }
        #expect(intranetPage.contains("<tr data-statik-row=\"AE och SJP3\"><th scope=\"row\" class=\"text\">AE och SJP3</th><td class=\"num\">83</td>"))
        // The intranet page itself withholds its own rows' partners (its rule is the default).
        let own = String(decoding: try #require(intranetReport.files.contents(of: "intern-tabell/index.html")), as: UTF8.self)
        #expect(own.contains("<td class=\"num statik-confidential\">83<span class=\"statik-mark\""))
    }

    /// A page's public view, read in the intranet edition: its intranet-only blocks blank, every
    /// other line where it was; a page only the intranet has has none.
    @Test func aPageHasItsPublicView() {
        var content = ContentTree()
        let body = "Före\n\n````intranet\nHemligt\n```sql k\nSELECT 1\n```\n````\n\nEfter\n````intranet\nOstängt\n"
        content.pages = [PageSource(file: "content/a.md", path: "a/", frontMatter: FrontMatter(), body: body, bodyLine: 1, folder: "", isIndex: false)]
        var intranetOnly = FrontMatter()
        intranetOnly.edition = .intranet
        content.pages.append(PageSource(file: "content/b.md", path: "b/", frontMatter: intranetOnly, body: "Intern\n", bodyLine: 1, folder: "", isIndex: false))
        _ = Editions.select(&content, for: .intranet)
        #expect(content.pages[0].body == "Före\n\n\nHemligt\n```sql k\nSELECT 1\n```\n\n\nEfter\n\nOstängt\n")
        #expect(content.pages[0].publicView?.body == "Före\n\n\n\n\n\n\n\n\nEfter\n\n\n")
        #expect(content.pages[1].publicView == nil)
        var publicContent = ContentTree()
        publicContent.pages = [PageSource(file: "content/a.md", path: "a/", frontMatter: FrontMatter(), body: body, bodyLine: 1, folder: "", isIndex: false)]
        _ = Editions.select(&publicContent, for: .public)
        #expect(publicContent.pages[0].body == content.pages[0].publicView?.body, "the same text as the public edition's")
    }
}
