import StatikContent
import StatikRender

/// `robots.txt` (Robots).
struct RobotsOutput: SiteOutput {
    func paths(_ claim: SiteOutputClaim) -> [String] { ["robots.txt"] }

    func write(_ site: SiteOutputContext, into assembly: inout SiteAssembly) {
        assembly.files.write("robots.txt", Robots.text(config: site.config))
    }
}
