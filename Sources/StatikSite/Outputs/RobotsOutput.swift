import StatikContent
import StatikRender

/// `robots.txt` (Robots).
struct RobotsOutput: SiteOutput {
    func paths(config: SiteConfig, dated: DatedContent, write: Bool) -> [String] { ["robots.txt"] }

    func write(_ site: SiteOutputContext, into assembly: inout SiteAssembly) {
        assembly.files.write("robots.txt", Robots.text(config: site.config))
    }
}
