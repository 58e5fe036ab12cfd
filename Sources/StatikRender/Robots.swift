package import StatikContent
import StatikOutput
import StatikSources
import StatikBlocks

/// `robots.txt`: the public edition lets search engines in and names its sitemap; an edition
/// whose pages say `noindex` (the intranet, by default) shuts them out. A crawler reads
/// `robots.txt` only at the root of a host: for a site published below the root
/// (`/esf-statistik/`), the deploy copies it there or the host's own file takes these lines.
package enum Robots {
    package static func text(config: SiteConfig) -> String {
        if (config.robots ?? "").lowercased().contains("noindex") {
            return "User-agent: *\nDisallow: /\n"
        }
        return "User-agent: *\nAllow: /\n\nSitemap: \(config.absoluteURL("sitemap.xml"))\n"
    }
}
