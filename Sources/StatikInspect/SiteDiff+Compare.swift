import StatikCore

/// Comparing one page (or feed, or calendar file) of the old build with the same page of the
/// new one: its title, its tables cell by cell, its text paragraph by paragraph (the figures in
/// a paragraph apart from its words), its date line and notices, its list and calendar entries.
extension SiteDiff {
    static func changes(_ old: Document, _ new: Document, lists: (old: Set<String>, new: Set<String>)) -> [Change] {
        var out: [Change] = []
        if old.title != new.title {
            out.append(change(.title, .changed(old: old.title, new: new.title)))
        }
        out += tableChanges(old, new)
        for kind in [Kind.text, .dates, .notice] {
            out += blockChanges(old.blocks.filter { $0.kind == kind }, new.blocks.filter { $0.kind == kind }, kind: kind)
        }
        out += entryChanges(old.entries, new.entries, lists: lists)
        return out
    }

    /// A change that is the same wherever it is the same to read.
    static func change(_ kind: Kind, table: String = "", _ detail: Detail) -> Change {
        Change(kind: kind, table: table, detail: detail, identity: String(describing: detail))
    }

    // MARK: Tables

    static func tableChanges(_ old: Document, _ new: Document) -> [Change] {
        var out: [Change] = []
        for id in new.tableOrder + old.tableOrder.filter({ new.tables[$0] == nil }) {
            let before = old.tables[id], after = new.tables[id]
            let caption = (after ?? before)!.caption
            let name = caption.isEmpty ? id : caption
            guard let before, let after else {
                out.append(change(.table, table: name, after != nil ? .tableAdded : .tableRemoved))
                continue
            }
            for key in after.rowOrder {
                guard let was = before.rows[key], let now = after.rows[key] else { continue }
                for column in after.columns {
                    guard let a = was[column], let b = now[column], a.text != b.text else { continue }
                    let cell = Detail.cell(row: key, column: after.labels[column] ?? column, old: a.text, new: b.text, disclosed: a.withheld && !b.withheld)
                    out.append(change(.table, table: name, cell))
                }
            }
            var details: [Detail] = after.rowOrder.filter { before.rows[$0] == nil }.map { .rowAdded($0) }
            details += before.rowOrder.filter { after.rows[$0] == nil }.map { .rowRemoved($0) }
            details += after.columns.filter { !before.columns.contains($0) }.map { .columnAdded(after.labels[$0] ?? $0) }
            details += before.columns.filter { !after.columns.contains($0) }.map { .columnRemoved(before.labels[$0] ?? $0) }
            out += details.map { change(.table, table: name, $0) }
        }
        return out
    }

    // MARK: Text

    /// Paragraphs (or date lines, or notices) in the old and the new page, lined up by their
    /// words (the longest common sequence): one in both whose figures changed is a figure
    /// change; between two that are in both, the ones that differ are changed in order, and
    /// those left over added or removed.
    static func blockChanges(_ old: [Block], _ new: [Block], kind: Kind) -> [Change] {
        var out: [Change] = []
        var i = 0, j = 0
        func run(to endOld: Int, _ endNew: Int) {
            let count = min(endOld - i, endNew - j)
            for k in 0..<count { out += textChange(old[i + k], new[j + k], kind: kind) }
            out += old[(i + count)..<endOld].map { change(kind, .removed($0.shown)) }
            out += new[(j + count)..<endNew].map { change(kind, .added($0.shown)) }
        }
        for (a, b) in matches(old.map(\.template), new.map(\.template)) {
            run(to: a, b)
            out += figureChanges(old[a], new[b])
            (i, j) = (a + 1, b + 1)
        }
        run(to: old.count, new.count)
        return out
    }

    /// A paragraph whose figures changed: once, with each change of a figure once, and the
    /// sentences they are in as they read now.
    static func figureChanges(_ old: Block, _ new: Block) -> [Change] {
        var pairs: [FigurePair] = []
        for (a, b) in zip(old.figures, new.figures) where a != b {
            let pair = FigurePair(old: a, new: b)
            if !pairs.contains(pair) { pairs.append(pair) }
        }
        if pairs.isEmpty { return [] }
        let sentences = changedSentences(old.shown, new.shown).1
        return [change(.figures, .figures(pairs, sentence: sentences.isEmpty ? new.shown : sentences))]
    }

    /// A paragraph that changed: the sentences that differ, old → new. A date line or a notice
    /// that changed: whole.
    static func textChange(_ old: Block, _ new: Block, kind: Kind) -> [Change] {
        var (a, b) = (old.shown, new.shown)
        if kind == .text { (a, b) = changedSentences(a, b) }
        if a == b { return [] }  // only the figures' markup changed
        if a.isEmpty { return [change(kind, .added(b))] }
        if b.isEmpty { return [change(kind, .removed(a))] }
        return [change(kind, .changed(old: a, new: b))]
    }

    /// The sentences of two texts that differ: what is between their common first and last
    /// sentences.
    static func changedSentences(_ old: String, _ new: String) -> (String, String) {
        let a = sentences(old), b = sentences(new)
        var start = 0
        while start < a.count, start < b.count, a[start] == b[start] { start += 1 }
        var end = 0
        while end < a.count - start, end < b.count - start, a[a.count - 1 - end] == b[b.count - 1 - end] { end += 1 }
        return (a[start..<(a.count - end)].joined(separator: " "), b[start..<(b.count - end)].joined(separator: " "))
    }

    /// A text in sentences: a sentence ends at `.`, `!` or `?` before a space and a capital
    /// letter or a digit.
    static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        let characters = Array(text)
        for (n, c) in characters.enumerated() {
            current.append(c)
            if ".!?".contains(c), n + 2 < characters.count, characters[n + 1] == " ",
               characters[n + 2].isUppercase || characters[n + 2].isNumber {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out.map { spaced($0) }.filter { !$0.isEmpty }
    }

    /// The pairs of positions of the longest common sequence of `a` and `b` (their common
    /// start and end first, so that a long page with one change costs little).
    static func matches(_ a: [String], _ b: [String]) -> [(Int, Int)] {
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var out = (0..<prefix).map { ($0, $0) }
        let n = a.count - prefix - suffix, m = b.count - prefix - suffix
        if n > 0, m > 0, n * m <= 4_000_000 {
            let width = m + 1
            var length = [Int32](repeating: 0, count: (n + 1) * width)
            for x in stride(from: n - 1, through: 0, by: -1) {
                for y in stride(from: m - 1, through: 0, by: -1) {
                    length[x * width + y] = a[prefix + x] == b[prefix + y]
                        ? length[(x + 1) * width + y + 1] + 1
                        : max(length[(x + 1) * width + y], length[x * width + y + 1])
                }
            }
            var x = 0, y = 0
            while x < n, y < m {
                if a[prefix + x] == b[prefix + y] {
                    out.append((prefix + x, prefix + y))
                    x += 1
                    y += 1
                } else if length[(x + 1) * width + y] >= length[x * width + y + 1] {
                    x += 1
                } else {
                    y += 1
                }
            }
        }
        out += (0..<suffix).map { (a.count - suffix + $0, b.count - suffix + $0) }
        return out
    }

    // MARK: Entries

    /// List, feed and calendar entries, known by their key: added, removed, or changed. A list
    /// entry that is added here but was in the old site elsewhere (or removed here but is in
    /// the new site elsewhere) moved between the pages of its list: no change.
    static func entryChanges(_ old: [Entry], _ new: [Entry], lists: (old: Set<String>, new: Set<String>)) -> [Change] {
        var out: [Change] = []
        var unmatched: [String: [Int]] = [:]
        for (n, entry) in old.enumerated() { unmatched["\(entry.kind)|\(entry.key)", default: []].append(n) }
        var matched = Set<Int>()
        for entry in new {
            let key = "\(entry.kind)|\(entry.key)"
            if let n = unmatched[key]?.first {
                unmatched[key]!.removeFirst()
                matched.insert(n)
                let was = old[n]
                if was.content != entry.content {
                    out.append(Change(kind: entry.kind, detail: .changed(old: was.text, new: entry.text), identity: "~\(was.content)\u{1}\(entry.content)"))
                }
            } else if !(entry.kind == .list && lists.old.contains(entry.identity)) {
                out.append(Change(kind: entry.kind, detail: .added(entry.text), identity: "+\(entry.identity)"))
            }
        }
        for (n, entry) in old.enumerated() where !matched.contains(n) && !(entry.kind == .list && lists.new.contains(entry.identity)) {
            out.append(Change(kind: entry.kind, detail: .removed(entry.text), identity: "-\(entry.identity)"))
        }
        return out
    }
}
