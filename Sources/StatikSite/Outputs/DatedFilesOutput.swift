import StatikContent
import StatikRender

/// The feeds of the dated lists and the release calendar's iCalendar file (DatedContent).
struct DatedFilesOutput: SiteOutput {
    func paths(config: SiteConfig, dated: DatedContent, write: Bool) -> [String] { dated.filePaths }

    func write(_ site: SiteOutputContext, into assembly: inout SiteAssembly) {
        for (path, text) in site.plan.dated.files(config: site.config, pages: site.plan.sitePages, tablesRead: site.tablesRead) { assembly.files.write(path, text) }
    }
}
