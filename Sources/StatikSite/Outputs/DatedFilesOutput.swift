import StatikContent
import StatikRender

/// The feeds of the dated lists and the release calendar's iCalendar file (DatedContent).
struct DatedFilesOutput: SiteOutput {
    func paths(_ claim: SiteOutputClaim) -> [String] { claim.dated.filePaths }

    func write(_ site: SiteOutputContext, into assembly: inout SiteAssembly) {
        for (path, text) in site.plan.dated.files(config: site.config, pages: site.plan.sitePages, tablesRead: site.tablesRead) { assembly.files.write(path, text) }
    }
}
