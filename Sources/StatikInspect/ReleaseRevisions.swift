import StatikContent

/// The revised figures of a page (docs/releases.md): a figure whose value changed between two
/// consecutive release records, or between the latest record and the build, for the same page,
/// table, row and column. A row or column that is new (new data, a new year) is not a revision,
/// nor one that went. A correction (front matter `corrections:`) is the writer's declared fix
/// and is told apart from these, which the records find.
///
/// A revision never shows a withheld figure: a figure that is `x` in either release is shown as
/// `x`, and a figure withheld now that was a number before says so (`nowWithheld`) without its
/// old number — it was published once, but is not published again.
public struct Revision: Sendable, Hashable {
    public var table: String
    public var row: String
    public var column: String
    /// The figure as the earlier release published it; "x" when it is withheld now.
    public var old: String
    public var new: String
    /// The earlier record's date.
    public var from: String
    /// The later record's date; nil for the build's figures (not yet recorded).
    public var to: String?
    /// A number then, withheld (`x`) now.
    public var nowWithheld: Bool

    public init(table: String, row: String, column: String, old: String, new: String, from: String, to: String?, nowWithheld: Bool = false) {
        self.table = table
        self.row = row
        self.column = column
        self.old = old
        self.new = new
        self.from = from
        self.to = to
        self.nowWithheld = nowWithheld
    }

    /// The revisions of the page at `address`, oldest first: between each two consecutive
    /// records, then between the latest record and `current` (the build's tables of the page).
    ///
    /// A revision is one figure of one block the reader sees. A chart's data table is a block of
    /// its own in the record (`ID-tabell`), so a figure shown by a table and by a chart's data
    /// table is revised in both; under different captions both lines are told. Two blocks that
    /// tell the same line (the same caption, row, column, figures and dates) are told once: the
    /// reader could not tell them apart.
    public static func of(page address: String, records: [ReleaseRecord], current: [String: ReleaseRecord.Table]?) -> [Revision] {
        var seen = Set<Revision>()
        return found(page: address, records: records, current: current).filter { seen.insert($0).inserted }
    }

    private static func found(page address: String, records: [ReleaseRecord], current: [String: ReleaseRecord.Table]?) -> [Revision] {
        var found: [Revision] = []
        for (earlier, later) in zip(records, records.dropFirst()) {
            guard let old = earlier.pages[address]?.tables, let new = later.pages[address]?.tables else { continue }
            found += compare(old, new, from: earlier.date, to: later.date)
        }
        if let latest = records.last, let old = latest.pages[address]?.tables, let current {
            found += compare(old, current, from: latest.date, to: nil)
        }
        return found
    }

    /// The dates of the records that hold a previous version of the page: each record whose
    /// figures of the page the next record revised.
    public static func versions(of address: String, records: [ReleaseRecord]) -> [String] {
        Set(of(page: address, records: records, current: nil).map(\.from)).sorted()
    }

    /// Every cell in both with a different figure, by table id, row key and column key (sorted,
    /// so the same records give the same note).
    static func compare(_ old: [String: ReleaseRecord.Table], _ new: [String: ReleaseRecord.Table], from: String, to: String?) -> [Revision] {
        var found: [Revision] = []
        for id in old.keys.sorted() {
            guard let before = old[id], let after = new[id] else { continue }
            for row in before.rows.keys.sorted() {
                guard let cellsBefore = before.rows[row], let cellsAfter = after.rows[row] else { continue }
                for column in cellsBefore.keys.sorted() {
                    guard let a = cellsBefore[column], let b = cellsAfter[column], a != b else { continue }
                    let caption = after.caption.isEmpty ? id : after.caption
                    let label = after.columns[column] ?? before.columns[column] ?? column
                    let nowWithheld = b == Symbols.withheld
                    found.append(Revision(table: caption, row: row, column: label, old: nowWithheld ? Symbols.withheld : a, new: b,
                                          from: from, to: to, nowWithheld: nowWithheld))
                }
            }
        }
        return found
    }
}
