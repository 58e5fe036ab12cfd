import Foundation
import StatikCore

/// What each edition may see, and the proof that the public one saw nothing more.
enum Editions {
    static let intranetData = "\(ContentTree.folder)/\(ContentTree.dataFolder)/intranet/"

    /// Keeps only what `edition` may see: pages of the other edition, intranet-only blocks
    /// and intranet-only data files (`content/data/intranet/`) go. Answers the fingerprints of
    /// what went.
    static func select(_ content: inout ContentTree, for edition: Edition) -> [Fingerprint] {
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
            kept.body = body
            if edition == .public {
                for block in blocks {
                    fingerprints += Fingerprint.phrases(in: block.text, file: page.file, firstLine: block.line + 1)
                }
            }
            return kept
        }
        if edition == .public {
            content.dataFiles.removeAll { $0.file.hasPrefix(intranetData) }
        }
        return fingerprints
    }

    /// An error for every intranet-only phrase found in a file about to be published.
    static func leaks(of fingerprints: [Fingerprint], in files: SiteFiles) -> [Diagnostic] {
        guard !fingerprints.isEmpty else { return [] }
        var found: [Diagnostic] = []
        for path in files.paths {
            guard let data = files.contents(of: path), let text = String(data: data, encoding: .utf8) else { continue }
            for print in fingerprints where text.contains(print.phrase) || text.contains(escapeHTML(print.phrase)) {
                found.append(.error("intranet-only text is in the public edition, in \(path): \"\(print.phrase)\"; the build stops so that it is not published", at: SourceLocation(file: print.file, line: print.line)))
            }
        }
        return found
    }
}
