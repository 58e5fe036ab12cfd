import Foundation
import StatikCore
import StatikContent
import StatikOutput
import StatikRender

/// `PAGE/versioner/DATE/`: a page's previous version, for each release record whose figures of
/// the page the next record revised (docs/releases.md) — the page's tables as the record holds
/// them, made by the theme's `version` template (none: no previous versions). Marked as
/// superseded (`noindex`, canonical to the current page, a link to it), and never in the
/// sitemap or the search index: it is no page of the site map.
struct VersionOutput: SiteOutput {
    func paths(_ claim: SiteOutputClaim) -> [String] {
        claim.pages.flatMap { claim.dated.revisions.versions(of: $0.path).map { $0.path + "index.html" } }
    }

    func write(_ site: SiteOutputContext, into assembly: inout SiteAssembly) {
        let inputs = site.inputs
        guard inputs.theme.templates.contains("version") else { return }
        let revisions = site.plan.dated.revisions
        for page in site.plan.sitePages {
            for version in revisions.versions(of: page.path) {
                var dated = site.plan.dated
                dated.version = revisions.version(of: page, date: version.date, map: site.plan.map, config: site.config)
                var shown = page
                shown.frontMatter.layout = "version"
                let rendered = Site.generatedPage(shown, content: "", store: inputs.store, theme: inputs.theme, map: site.plan.map, config: site.config, dated: dated)
                assembly.diagnostics += rendered.diagnostics
                if let html = rendered.html { assembly.files.write(version.path + "index.html", html) }
            }
        }
    }
}
