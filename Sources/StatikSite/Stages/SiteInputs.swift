import Foundation
import StatikCore
import StatikData
import StatikContent
import StatikOutput
import StatikRender

/// What a build reads besides the settings: the pages and files of `content/` as the edition
/// may see them, the data, and the theme.
struct SiteInputs: Sendable {
    var content: ContentTree
    /// What the edition may not show, kept only as fingerprints, to prove it did not leak.
    var fingerprints: [Fingerprint]
    var leakCheck: LeakCheck
    var data: DataSet
    var store: DataStore
    var theme: Theme

    /// Warnings about the content as a whole: no pages at all, and text that `statik new page`
    /// wrote and the writer has not replaced yet.
    static func contentWarnings(_ content: ContentTree, siteDirectory: URL) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if content.pages.isEmpty, FileManager.default.fileExists(atPath: siteDirectory.appendingPathComponent(ContentTree.folder).path) {
            diagnostics.append(.warning(Message(.contentHasNoPagesMd), at: SourceLocation(file: ContentTree.folder)))
        }
        for page in content.pages {
            if page.frontMatter.description == Scaffold.placeholderDescription, let at = page.frontMatter.locations["description"] {
                diagnostics.append(Diagnostic(.warning, at: at, Message(.descriptionStillOneStatikNew), sourceLine: page.sourceLine(at.line)))
            }
            // In the lines' bytes (memchr): Foundation's `contains` cost 5 % of a build, on one core.
            if let line = page.firstLine(containing: Scaffold.placeholderText) {
                diagnostics.append(page.diagnostic(.warning, Message(.pageStillHasTextStatik, Scaffold.placeholderText), line: line))
            }
        }
        return diagnostics
    }
}
