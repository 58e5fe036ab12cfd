import StatikContent
import StatikRender

/// `sitemap.xml`: every published page (Sitemap).
struct SitemapOutput: SiteOutput {
    func paths(_ claim: SiteOutputClaim) -> [String] { ["sitemap.xml"] }

    func write(_ site: SiteOutputContext, into assembly: inout SiteAssembly) {
        assembly.files.write("sitemap.xml", Sitemap.xml(pages: site.plan.sitePages, config: site.config))
    }
}
