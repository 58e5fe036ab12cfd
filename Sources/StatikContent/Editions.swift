import Foundation
import StatikCore

/// What each edition may see, and the proof that the public one saw nothing more.
package enum Editions {
    static let intranetData = "\(ContentTree.folder)/\(ContentTree.dataFolder)/intranet/"

    /// Keeps only what `edition` may see: pages of the other edition, intranet-only blocks
    /// and intranet-only data files (`content/data/intranet/`) go. Answers the fingerprints of
    /// what went.
    package static func select(_ content: inout ContentTree, for edition: Edition) -> [Fingerprint] {
        var fingerprints: [Fingerprint] = []
        let filter = EditionFilter(edition: edition)
        content.pages = content.pages.compactMap { page in
            if let only = page.frontMatter.edition, only != edition {
                if only == .intranet {
                    fingerprints += Fingerprint.phrases(in: page.body, file: page.file, firstLine: page.bodyLine)
                }
                return nil
            }
            var kept = page
            let (body, blocks) = filter.apply(page.body, firstLine: page.bodyLine)
            // Without an intranet block the body is the same: the text is kept as it was read
            // (setting it again made a second copy of every page, held to the end: 50 of 238 MB
            // at the peak of 10 000 pages, heaptrack).
            if !blocks.isEmpty { kept.body = body }
            if edition == .intranet { kept.intranetBlocks = blocks.map(\.bodyLines) }
            if edition == .public {
                for block in blocks {
                    fingerprints += Fingerprint.phrases(in: block.text, file: page.file, firstLine: block.line + 1)
                }
            }
            return kept
        }
        if edition == .public {
            content.dataFiles.removeAll { $0.file.hasPrefix(intranetData) }
            content.otherDataFiles.removeAll { $0.file.hasPrefix(intranetData) }
        }
        return fingerprints
    }
}
