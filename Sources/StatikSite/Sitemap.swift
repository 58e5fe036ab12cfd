import StatikCore

/// `sitemap.xml`: every page of the site, generated ones included, as absolute URLs.
enum Sitemap {
    static func xml(paths: [String], config: SiteConfig) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths.sorted() {
            xml += "  <url><loc>\(escapeHTML(config.absoluteURL(path)))</loc></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
