package import StatikCore
package import StatikContent
import StatikFormat
package import StatikInspect

/// A revised figure as a page shows it (`page.revisions`, docs/releases.md).
package struct ShownRevision: Sendable, Equatable {
    /// The table's caption, the row's and the column's headings.
    package var table, row, column: String
    /// The figures as published then and now (`x` for a withheld one: never its number).
    package var old, new: String
    package var nowWithheld: Bool
    /// The release record the old figure is from.
    package var from: ShownDate
    /// The release of the new figure: the later record's, or for the build's figures the page's
    /// `updated:` when it is after the record's date; nil when nothing states it.
    package var to: ShownDate?
}

/// A page's previous version as the current page links to it (`page.versions`).
package struct VersionLink: Sendable, Equatable {
    package var date: ShownDate
    package var url: String
}

/// A previous version's page (`page.version`): the page's tables as a release record holds them.
package struct VersionValues: Sendable, Equatable {
    package struct Table: Sendable, Equatable {
        package var caption: String
        package var columns: [String]
        package var rows: [Row]
    }

    package struct Row: Sendable, Equatable {
        package var cells: [Cell]
    }

    /// A cell as the record holds it; a withheld one (`x`) is marked as the table block marks
    /// it (`statik-withheld`).
    package struct Cell: Sendable, Equatable {
        package var text: String
        package var withheld: Bool { text == Symbols.withheld }
    }

    package var date: ShownDate
    /// The current page's address (its link) and full address (the canonical link).
    package var current: String
    package var canonical: String
    package var tables: [Table]
}

/// The release records a build compares its pages with (`content/data/releases/`), and what a
/// page shows of them.
package struct PageRevisions: Sendable {
    package var records: [ReleaseRecord] = []
    /// The edition built: an intranet page marks a withheld figure with `*` after it, which is
    /// not a revision of the public figure.
    package var edition = Edition.public
    /// Every address that any record holds: the pages whose body is read again.
    private var addresses: Set<String> = []
    /// Stable between runs: the records' bytes.
    package private(set) var digest = StableDigest(high: 0, low: 0)

    package init(records: [ReleaseRecord] = [], edition: Edition = .public) {
        self.records = records
        self.edition = edition
        addresses = Set(records.flatMap(\.pages.keys))
        var hasher = StableHasher()
        for record in records { hasher.combine(record.json) }
        digest = hasher.finalize()
    }

    /// The page's revisions, oldest first: between the records, then between the latest record
    /// and `content`, the page's body as built.
    package func revisions(of page: PageSource, content: String) -> [ShownRevision] {
        let address = "/" + page.path
        guard addresses.contains(address) else { return [] }
        var current = ReleaseRecord.tables(ofHTML: content)
        if edition == .intranet, let latest = records.last?.pages[address]?.tables {
            current = Self.asPublic(current, record: latest)
        }
        let language = page.language
        let updated = page.frontMatter.publishing.updated
        return Revision.of(page: address, records: records, current: current).compactMap { revision in
            guard let from = Self.date(revision.from) else { return nil }
            var to = revision.to.flatMap(Self.date)
            if revision.to == nil, let updated, updated > from { to = updated }
            return ShownRevision(table: revision.table, row: revision.row, column: revision.column, old: revision.old, new: revision.new,
                                 nowWithheld: revision.nowWithheld, from: ShownDate(from, language), to: to.map { ShownDate($0, language) })
        }
    }

    /// The site feed's entries for revisions between records (docs/releases.md): one per page
    /// and later record, dated by that record, `Reviderade uppgifter: TITLE`, its summary the
    /// figures revised (table, row, column — no figure, so none withheld is ever told). A
    /// revision not yet recorded comes into the feed with the record that holds it.
    func feedItems(pages: [PageSource]) -> [Listings.Item] {
        var items: [Listings.Item] = []
        for page in pages where addresses.contains("/" + page.path) {
            let recorded = Revision.of(page: "/" + page.path, records: records, current: nil)
            let words = ReaderWords.of(page.language)
            for date in Set(recorded.compactMap(\.to)).sorted() {
                guard let day = Self.date(date) else { continue }
                let which = recorded.filter { $0.to == date }.map { "\($0.table), \($0.row), \($0.column)" }
                items.append(Listings.Item(path: page.path, title: "\(words.revised): \(page.frontMatter.title)", description: which.joined(separator: "; ") + ".",
                                           date: day, updated: nil, corrections: [], fragment: "\(words.revisedFragment)-\(date)"))
            }
        }
        return items
    }

    /// An intranet page's tables as the public record would hold them: a figure the intranet
    /// marks (`12*`) is `x` where the record has `x`, else the figure without its mark.
    static func asPublic(_ tables: [String: ReleaseRecord.Table], record: [String: ReleaseRecord.Table]) -> [String: ReleaseRecord.Table] {
        var tables = tables
        for (id, table) in tables {
            for (row, cells) in table.rows {
                for (column, text) in cells where text.hasSuffix("*") {
                    let published = record[id]?.rows[row]?[column]
                    tables[id]?.rows[row]?[column] = published == Symbols.withheld ? Symbols.withheld : String(text.dropLast())
                }
            }
        }
        return tables
    }

    /// The previous versions of the page at `path` (`esf/deltagare/`): the record dates, and
    /// each one's path (`esf/deltagare/versioner/2022-05-09/`).
    package func versions(of path: String) -> [(date: String, path: String)] {
        guard addresses.contains("/" + path) else { return [] }
        return Revision.versions(of: "/" + path, records: records).map { ($0, "\(path)\(Self.folder)/\($0)/") }
    }

    /// The folder below a page that holds its previous versions.
    package static let folder = "versioner"

    /// The links a page shows to its previous versions, newest first.
    package func links(of page: PageSource, map: SiteMap) -> [VersionLink] {
        versions(of: page.path).reversed().compactMap { version in
            Self.date(version.date).map { VersionLink(date: ShownDate($0, page.language), url: map.url(version.path)) }
        }
    }

    /// The page's tables as the record of `date` holds them, in the order the page showed them.
    /// A figure withheld (`x`) in any later record is shown as `x`: a previous version never
    /// shows what is withheld now.
    package func version(of page: PageSource, date: String, map: SiteMap, config: SiteConfig) -> VersionValues? {
        let address = "/" + page.path
        guard let index = records.firstIndex(where: { $0.date == date }), let tables = records[index].pages[address]?.tables, let day = Self.date(date) else { return nil }
        let later = records[(index + 1)...].compactMap { $0.pages[address]?.tables }
        let shown = tables.keys.sorted().map { id -> VersionValues.Table in
            let table = tables[id]!
            let rows = table.rowOrder.map { row in
                VersionValues.Row(cells: table.columnOrder.map { column -> VersionValues.Cell in
                    let withheldLater = later.contains { $0[id]?.rows[row]?[column] == Symbols.withheld }
                    return VersionValues.Cell(text: withheldLater ? Symbols.withheld : table.rows[row]?[column] ?? "")
                })
            }
            return VersionValues.Table(caption: table.caption.isEmpty ? id : table.caption, columns: table.columnOrder.map { table.columns[$0] ?? $0 }, rows: rows)
        }
        return VersionValues(date: ShownDate(day, page.language), current: map.url(page.path), canonical: config.absoluteURL(page.path), tables: shown)
    }

    static func date(_ text: String) -> PublishDate? { try? PublishDate.parse(text).get() }
}
