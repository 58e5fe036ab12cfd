import StatikContent
import StatikRender

/// `404.html`: the site's own page for addresses it does not have, when the theme has a
/// `404` template (Site.notFoundPage).
struct NotFoundOutput: SiteOutput {
    static let path = "404.html"

    func paths(_ claim: SiteOutputClaim) -> [String] { [Self.path] }

    func write(_ site: SiteOutputContext, into assembly: inout SiteAssembly) {
        let inputs = site.inputs
        guard let notFound = Site.notFoundPage(store: inputs.store, data: inputs.data, theme: inputs.theme, map: site.plan.map, config: site.config, dated: site.plan.dated) else { return }
        assembly.diagnostics += notFound.diagnostics
        if let html = notFound.html { assembly.files.write(Self.path, html) }
    }
}
