import Foundation
import StatikCore
import StatikContent
import StatikOutput
import StatikRender

/// The site's files, once its pages are rendered: the pages still in memory and their
/// downloads, the site outputs (SiteOutputs), the theme's and content's own files, and the
/// proof that the public edition shows nothing of the intranet's.
enum AssembleStage {
    static func assemble(_ site: SiteOutputContext, rendered: [String: Site.RenderedPage], cache: RenderCache?, write: Bool, report: inout BuildReport) -> SiteAssembly {
        var assembly = SiteAssembly(cache: cache)
        for page in site.plan.pages {
            guard let rendered = rendered[page.path] else { continue }
            assembly.diagnostics += rendered.diagnostics
            report.queries += rendered.queries
            report.checks += rendered.checks
            guard !site.plan.outputs.leftOut.contains(page.path + "index.html") else { continue }
            if let html = rendered.html { assembly.files.write(page.path + "index.html", html) }
            var pageDiagnostics: [Diagnostic] = []
            for file in site.plan.outputs.checkDownloads(rendered.files, of: page.path, diagnostics: &pageDiagnostics) { assembly.files.write(page.path + file.name, file.data) }
            // A workbook is compressed: the leak check searches its cells' text.
            if site.config.edition == .public {
                for text in rendered.fileTexts { pageDiagnostics += site.inputs.leakCheck.leaks(inFile: page.path + text.name, data: text.data) }
            }
            assembly.diagnostics += pageDiagnostics
        }
        for output in SiteOutputs.registered { output.write(site, into: &assembly) }
        copyFiles(site, into: &assembly.files, write: write)
        if site.config.edition == .public {
            // The pages still in memory (all of them when building in memory), the sitemap
            // and the copied files; written pages were checked before they were written.
            assembly.diagnostics += site.inputs.leakCheck.leaks(in: assembly.files)
        }
        return assembly
    }

    /// The theme's static files and the files of content/, copied as they are. Built in
    /// memory only, their bytes are kept too, so that the files outlive the site folder.
    private static func copyFiles(_ site: SiteOutputContext, into files: inout SiteFiles, write: Bool) {
        let leftOut = site.plan.outputs.leftOut
        for file in site.inputs.theme.staticFiles where !leftOut.contains(file.path) {
            switch file.source {
            case .disk(let url): files.copy(file.path, from: url)
            case .builtIn(let data): files.write(file.path, data)
            }
        }
        for asset in site.inputs.content.assets where !leftOut.contains(asset.path) { files.copy(asset.path, from: asset.source) }
        guard !write else { return }
        for (path, url) in files.copies.sorted(by: { $0.key < $1.key }) {
            if let data = FileManager.default.contents(atPath: url.path) { files.files[path] = data }
        }
        files.copies = [:]
    }
}
