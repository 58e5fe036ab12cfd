import StatikCore
package import StatikContent
import StatikOutput
import StatikSources
import StatikBlocks

/// `sitemap.xml`: every published page of the site, generated ones included, as absolute URLs,
/// with `lastmod` from the page's date, update or newest correction. Pages 2, 3, … of a dated
/// list are left out: their items are on their own pages.
package enum Sitemap {
    package static func xml(pages: [PageSource], config: SiteConfig) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for page in pages.sorted(by: { $0.path < $1.path }) where page.listingPage == 1 {
            let lastmod = page.frontMatter.publishing.lastModified.map { "<lastmod>\($0.iso)</lastmod>" } ?? ""
            xml += "  <url><loc>\(escapeHTML(config.absoluteURL(page.path)))</loc>\(lastmod)</url>\n"
        }
        return xml + "</urlset>\n"
    }
}
