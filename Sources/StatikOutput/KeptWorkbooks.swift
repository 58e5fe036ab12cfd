package import StatikCore
package import StatikDownloads
import StatikContent

/// Excel files of the last build that a page can keep as they are: the file the page would
/// make now is the one already in the output folder when what it would be made from (its
/// tables, the page's date, the edition and Statik itself) is the same, and the file is
/// still, by the manifest and on disk, what the last build wrote.
///
/// A workbook is the costly part of a data page: about twenty XML parts, each compressed, which
/// were over half of a fresh build of 1 000 data pages when libxlsxwriter wrote them (bench/run),
/// and are still the largest part of one since Statik writes them itself, in memory. When
/// new figures arrive in one CSV, every page that reads it is rendered again (its HTML is cheap
/// to make), but only the pages whose tables changed make their workbooks again.
///
/// The render cache keeps, for each workbook, the digest of what it was made from
/// (`RenderCache.Record.workbooks`). A build that does not write (the preview server) keeps
/// nothing (`none`).
package struct KeptWorkbooks: Sendable {
    /// By path below the site's root: what the workbook was made from, and its manifest entry.
    private let previous: [String: (input: StableDigest, entry: OutputManifest.Entry)]
    private let output: OutputTransaction?
    /// What every workbook of this build depends on besides its tables and date: Statik's
    /// build, the edition, and what the public edition must not show (a workbook that would
    /// now be refused is not kept).
    private let salt: StableDigest

    package static let none = KeptWorkbooks(previous: [:], output: nil, salt: StableHasher().finalize())

    init(previous: [String: (input: StableDigest, entry: OutputManifest.Entry)], output: OutputTransaction?, salt: StableDigest) {
        self.previous = previous
        self.output = output
        self.salt = salt
    }

    /// From the render cache of the last build: every page's workbooks, whether the page itself
    /// is kept or rendered again.
    package init(cache: RenderCache?, output: OutputTransaction?, salt: StableDigest) {
        var previous: [String: (input: StableDigest, entry: OutputManifest.Entry)] = [:]
        for record in (cache?.records ?? [:]).values {
            for (path, input) in record.workbooks {
                if let entry = record.files[path] { previous[path] = (input, entry) }
            }
        }
        self.init(previous: previous, output: output, salt: salt)
    }

    /// The digest of what a workbook of `tables`, with `cover`, dated `created`, is made from.
    package func input(of tables: [DownloadTable], cover: WorkbookCover = WorkbookCover(title: ""), created: Int64) -> StableDigest {
        var hasher = StableHasher()
        hasher.combine(salt)
        hasher.combine(Int(truncatingIfNeeded: created))
        for field in [cover.title, cover.address, cover.published, cover.updated, cover.nextUpdate, cover.contact] { hasher.combine(field) }
        hasher.combine(cover.symbols)
        hasher.combine(cover.words.cover)
        hasher.combine(tables.count)
        for table in tables {
            hasher.combine(table.name)
            hasher.combine(table.caption)
            hasher.combine(table.columns)
            hasher.combine(table.source)
            hasher.combine(table.notes)
            hasher.combine(table.sourceLabel)
            hasher.combine(table.rows.count)
            for row in table.rows {
                hasher.combine(row.count)
                for cell in row {
                    switch cell {
                    case .number(let value, let decimals):
                        hasher.combine(1)
                        hasher.combine(value.bitPattern)
                        hasher.combine(decimals)
                    case .integer(let value):
                        hasher.combine(2)
                        hasher.combine(Int(value))
                    case .year(let value):
                        hasher.combine(4)
                        hasher.combine(Int(value))
                    case .text(let text):
                        hasher.combine(3)
                        hasher.combine(text)
                    }
                }
            }
        }
        return hasher.finalize()
    }

    /// The file at `path` (below the site's root) as the last build wrote it, kept for this
    /// build, when it was made from `input`; nil when it must be made again.
    package func keep(_ path: String, input: StableDigest) -> OutputManifest.Entry? {
        guard let output, let last = previous[path], last.input == input, output.keep([path: last.entry]) else { return nil }
        return last.entry
    }
}
