import Foundation
import StatikCore
import StatikSite
import StatikContent
import StatikOutput
import StatikSources
import StatikInspect
import StatikBlocks
import StatikRender
import Testing

/// Each edition is published at an address of its own, with its own robots.txt and sitemap.
@Suite struct EditionAddressTests {
    static func build(config: String, edition: Edition) async throws -> BuildReport {
        let site = try FixtureSite(name: "queries").scratchCopy()
        defer { try? FileManager.default.removeItem(at: site) }
        try config.write(to: site.appendingPathComponent("statik.yml"), atomically: true, encoding: .utf8)
        return await Site.build(BuildOptions(source: site, edition: edition, write: false))
    }

    @Test func anEditionWithoutABaseURLOfItsOwnIsAnError() async throws {
        let none = try await Self.build(config: "title: T\nbaseURL: https://www.example.se/esf/\n", edition: .intranet)
        #expect(none.diagnostics.errors.map(\.description) == ["statik.yml:1:1: error: the intranet edition needs a baseURL of its own, or its sitemap and feeds give the public site's addresses: add baseURL: under editions: intranet: in statik.yml, for example baseURL: https://intranat.example.se/statistik/"])
        let section = try await Self.build(config: "title: T\nbaseURL: https://www.example.se/esf/\neditions:\n  intranet:\n    banner: Intern\n", edition: .intranet)
        #expect(section.diagnostics.errors.map(\.description).first?.hasPrefix("statik.yml:3:1: error: the intranet edition needs a baseURL of its own") == true)
        let publicOnly = try await Self.build(config: "title: T\nbaseURL: https://www.example.se/esf/\n", edition: .public)
        #expect(publicOnly.diagnostics.errors.isEmpty)
    }

    @Test func robotsAndSitemapPerEdition() async throws {
        let config = "title: T\nbaseURL: https://www.example.se/esf/\neditions:\n  intranet:\n    baseURL: https://intranat.example.se/esf/\n"
        let open = try await Self.build(config: config, edition: .public)
        let closed = try await Self.build(config: config, edition: .intranet)
        #expect(open.files.contents(of: "robots.txt") == Data("User-agent: *\nAllow: /\n\nSitemap: https://www.example.se/esf/sitemap.xml\n".utf8))
        #expect(closed.files.contents(of: "robots.txt") == Data("User-agent: *\nDisallow: /\n".utf8))
        let sitemap = String(decoding: closed.files.contents(of: "sitemap.xml") ?? Data(), as: UTF8.self)
        #expect(sitemap.contains("<loc>https://intranat.example.se/esf/</loc>"))
        #expect(!sitemap.contains("www.example.se"))
    }
}

/// The example site's data checks pass on the real figures, in both editions; a check of an
/// intranet-only data file runs only in the intranet edition.
@Suite struct ExampleSiteCheckTests {
    @Test func checksPassAndEditionOnlyChecksRunInTheirEdition() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let open = await Site.build(BuildOptions(source: root, edition: .public, strict: true, write: false))
        let intranet = await Site.build(BuildOptions(source: root, edition: .intranet, strict: true, write: false))
        #expect(open.diagnostics.isEmpty && intranet.diagnostics.isEmpty, "\(FixtureSite.lines(open.diagnostics + intranet.diagnostics))")
        #expect(open.checks >= 30)
        #expect(intranet.checks == open.checks + 3, "the two checks of content/data/intranet/kontaktpersoner.yml and the live check example of the intranet-only writers' guide (content/skriva/data.md)")
    }
}
