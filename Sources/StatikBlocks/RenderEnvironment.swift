package import Foundation

/// What rendering a page may read beyond the page and the data, passed explicitly from the
/// session to each page (no task-locals, no statics): the site's folder (maps read their
/// geometry from `content/data/`), every address a link may lead to, and what pages read once
/// for all of them.
package struct RenderEnvironment: Sendable {
    /// The site's folder; nil where a page is rendered without one (a map then says so).
    var siteDirectory: URL?
    /// Where links may lead (CheckLinks.swift); nil: pages are checked for alt text only.
    package var linkTargets: LinkTargets?
    /// Blocks and map geometry read once for all pages (BlockCaches).
    package var caches: BlockCaches

    package init(siteDirectory: URL? = nil, linkTargets: LinkTargets? = nil, caches: BlockCaches = BlockCaches()) {
        self.siteDirectory = siteDirectory
        self.linkTargets = linkTargets
        self.caches = caches
    }
}
