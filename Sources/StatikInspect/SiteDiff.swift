public import Foundation
public import StatikCore
import StatikContent

/// `statik diff OLD NEW`: what changes on the site between two builds, figure by figure — for
/// the person who approves a release. It reads the marks the build puts on every figure
/// (`data-statik-table`, `-column`, `-row` on tables, `data-statik-figure` on values in the
/// prose), so a cell is known by its table, row and column, never guessed from its position: a
/// row that moves is no change, a row added is one. Markup that changes no figure and no text
/// is not reported.
public struct SiteDiff: Sendable {
    public struct CellChange: Sendable, Hashable {
        public var row: String
        public var column: String
        public var old: String
        public var new: String
        /// Withheld (`x`) in the old site, a figure in the new one: a change to look at twice.
        public var disclosed: Bool
    }

    public struct TableChange: Sendable, Hashable {
        public var id: String
        public var caption: String
        public var cells: [CellChange] = []
        public var rowsAdded: [String] = []
        public var rowsRemoved: [String] = []
        public var columnsAdded: [String] = []
        public var columnsRemoved: [String] = []
        /// nil: in both; true: only in the new page; false: only in the old one.
        public var added: Bool?
    }

    public struct FigureChange: Sendable, Hashable {
        public var id: String
        public var old: String
        public var new: String
        public var sentence: String
    }

    public struct PageChange: Sendable, Hashable {
        public var path: String
        public var oldPath: String?
        public var title: String
        public var tables: [TableChange] = []
        public var figures: [FigureChange] = []
        public var paragraphsChanged = 0
        public var paragraphsAdded = 0
        public var paragraphsRemoved = 0
        var isEmpty: Bool { tables.isEmpty && figures.isEmpty && paragraphsChanged + paragraphsAdded + paragraphsRemoved == 0 && oldPath == nil }
    }

    public var oldPages = 0
    public var newPages = 0
    public var added: [(path: String, title: String)] = []
    public var removed: [(path: String, title: String)] = []
    public var changed: [PageChange] = []

    /// Nothing differs (exit status 0).
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

    public struct Problem: Error, Sendable { public var message: Message }

    public static func compare(old: URL, new: URL) throws(Problem) -> SiteDiff {
        let oldPages = try pages(in: old), newPages = try pages(in: new)
        var diff = SiteDiff()
        diff.oldPages = oldPages.count
        diff.newPages = newPages.count
        var onlyOld = Set(oldPages.keys).subtracting(newPages.keys)
        var onlyNew = Set(newPages.keys).subtracting(oldPages.keys)
        var pairs: [(old: String, new: String)] = Set(oldPages.keys).intersection(newPages.keys).sorted().map { ($0, $0) }
        // A page at a new address with the same title as one that went: moved, and compared.
        for gone in onlyOld.sorted() {
            let title = oldPages[gone]!.title
            let candidates = onlyNew.filter { newPages[$0]!.title == title }
            if candidates.count == 1, let to = candidates.first, !title.isEmpty {
                pairs.append((gone, to))
                onlyOld.remove(gone)
                onlyNew.remove(to)
            }
        }
        diff.added = onlyNew.sorted().map { ($0, newPages[$0]!.title) }
        diff.removed = onlyOld.sorted().map { ($0, oldPages[$0]!.title) }
        for (from, to) in pairs.sorted(by: { $0.new < $1.new }) {
            var change = compare(oldPages[from]!, newPages[to]!)
            change.path = to
            change.oldPath = from == to ? nil : from
            if !change.isEmpty { diff.changed.append(change) }
        }
        return diff
    }

    // MARK: Reading a built page

    struct Table {
        var caption = ""
        var columns: [String] = []
        var labels: [String: String] = [:]
        /// Row key → column → (text, withheld).
        var rows: [String: [String: (text: String, withheld: Bool)]] = [:]
        var rowOrder: [String] = []
    }

    struct Page {
        var title = ""
        var tables: [String: Table] = [:]
        var tableOrder: [String] = []
        var figures: [(id: String, text: String, sentence: String)] = []
        var paragraphs: [String] = []
    }

    /// Every page of a built site (`.html` files), by address (`/esf/deltagare/`).
    static func pages(in folder: URL) throws(Problem) -> [String: Page] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw Problem(message: Message(.diffNotASite, folder.path))
        }
        var paths: [String] = []
        walkFolder(folder.path, skip: { $0.hasPrefix(".") }) { relative, entry in
            if entry == .file, relative.hasSuffix(".html") { paths.append(relative) }
        }
        var pages: [String: Page] = [:]
        for relative in paths {
            guard let data = FileManager.default.contents(atPath: folder.path + "/" + relative) else { continue }
            let address = "/" + (relative.hasSuffix("index.html") ? String(relative.dropLast("index.html".count)) : relative)
            pages[address] = read(String(decoding: data, as: UTF8.self))
        }
        return pages
    }

    /// The figures, tables, title and paragraphs of a page Statik built.
    static func read(_ html: String) -> Page {
        // The page's own text: inside the body's container (`statik-content` in Statik's
        // themes, else `main`), never navigation or the notes Statik writes under tables.
        var reader = PageReader(hasContainer: html.contains("class=\"statik-content"))
        for token in HTMLTokenizer.tokens(html) {
            switch token {
            case .start(let tag):
                reader.open(tag)
                if tag.selfClosing || PageReader.void.contains(tag.name) { reader.close(tag.name) }
            case .end(let name):
                reader.close(name)
            case .text(let value):
                reader.text(value)
            case .rawText:
                continue  // script and style bodies are not text
            }
        }
        reader.page.title = reader.page.title.trimmingCharacters(in: .whitespacesAndNewlines)
        return reader.page
    }

    /// A page read tag by tag: where in it the reader is, and what it has found.
    private struct PageReader {
        static let blocks: Set<String> = ["p", "li", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "blockquote"]
        /// Elements that have no end tag (WHATWG HTML, "Void elements").
        static let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

        let hasContainer: Bool
        var page = Page()
        var stack: [String] = []
        var text = ""  // the text of the block being read
        var blockStart: Int?
        var table: (id: String, value: Table)?
        var row: (key: String, cells: [(String, Bool)])?
        var cellText: String?
        var cellWithheld = false
        var figure: (id: String, text: String)?
        var figuresInBlock: [(id: String, text: String)] = []
        var inCaption = false, inH1 = false, inHead = false
        var containerDepth: Int?
        var navDepth = 0

        init(hasContainer: Bool) { self.hasContainer = hasContainer }

        mutating func open(_ tag: HTMLTag) {
            let name = tag.name
            stack.append(name)
            if name == "head" { inHead = true }
            if name == "h1" { inH1 = true }
            if name == "table", let id = tag["data-statik-table"] { table = (id, Table()) }
            if name == "caption", table != nil { inCaption = true }
            if name == "th", tag["scope"] == "col", let column = tag["data-statik-column"] {
                table?.value.columns.append(column)
                cellText = ""
            }
            if name == "tr", let key = tag["data-statik-row"] { row = (key, []) }
            if (name == "td" || (name == "th" && tag["scope"] == "row")), row != nil {
                cellText = ""
                cellWithheld = (tag["class"] ?? "").contains("statik-withheld")
            }
            if name == "data", let id = tag["data-statik-figure"] { figure = (id, "") }
            if containerDepth == nil, (hasContainer ? (tag["class"] ?? "").contains("statik-content") : name == "main") {
                containerDepth = stack.count
            }
            if name == "nav" { navDepth += 1 }
            let generated = ["statik-note", "statik-source", "statik-download"].contains { (tag["class"] ?? "").hasPrefix($0) }
            if Self.blocks.contains(name), table == nil, blockStart == nil, containerDepth != nil, navDepth == 0, !generated {
                blockStart = stack.count
                text = ""
                figuresInBlock = []
            }
        }

        mutating func close(_ name: String) {
            if name == "head" { inHead = false }
            if name == "h1" { inH1 = false }
            if name == "caption" { inCaption = false }
            closeTablePart(name)
            if name == "data", let f = figure {
                figuresInBlock.append(f)
                text += "\u{FFFC}"  // the figure's place in the sentence
                figure = nil
            }
            if let start = blockStart, stack.count == start, Self.blocks.contains(name) { closeBlock() }
            if name == "nav" { navDepth = max(0, navDepth - 1) }
            if let last = stack.lastIndex(of: name) {
                if let depth = containerDepth, last + 1 <= depth { containerDepth = nil }
                stack.removeSubrange(last...)
            }
        }

        /// The end of a column's heading, a cell, a row or a table.
        private mutating func closeTablePart(_ name: String) {
            if name == "th", let label = cellText, row == nil, let column = table?.value.columns.last {
                table?.value.labels[column] = label.trimmingCharacters(in: .whitespaces)
                cellText = nil
            }
            if (name == "td" || name == "th"), let cell = cellText, row != nil {
                row?.cells.append((cell.trimmingCharacters(in: .whitespaces), cellWithheld))
                cellText = nil
            }
            if name == "tr", let r = row, table != nil {
                var values: [String: (text: String, withheld: Bool)] = [:]
                for (column, cell) in zip(table!.value.columns, r.cells) { values[column] = (cell.0, cell.1) }
                table!.value.rows[r.key] = values
                table!.value.rowOrder.append(r.key)
                row = nil
            }
            if name == "table", let t = table {
                page.tables[t.id] = t.value
                page.tableOrder.append(t.id)
                table = nil
            }
        }

        /// A paragraph (or heading, list item…) read whole: its sentence, and its figures in it.
        private mutating func closeBlock() {
            let sentence = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
            var shown = sentence
            for f in figuresInBlock {
                if let r = shown.range(of: "\u{FFFC}") { shown.replaceSubrange(r, with: f.text) }
                page.figures.append((f.id, f.text, ""))
            }
            for i in page.figures.indices.suffix(figuresInBlock.count) { page.figures[i].sentence = shown }
            if !sentence.isEmpty { page.paragraphs.append(sentence) }
            blockStart = nil
        }

        mutating func text(_ value: String) {
            if inHead { return }
            if inH1 { page.title += value }
            if inCaption { table?.value.caption += value }
            if cellText != nil { cellText! += value }
            if figure != nil { figure!.text += value } else if blockStart != nil { text += value }
        }
    }

    // MARK: Comparing

    static func compare(_ old: Page, _ new: Page) -> PageChange {
        var change = PageChange(path: "", title: new.title)
        for id in new.tableOrder + old.tableOrder.filter({ new.tables[$0] == nil }) {
            let before = old.tables[id], after = new.tables[id]
            var t = TableChange(id: id, caption: (after ?? before)!.caption.trimmingCharacters(in: .whitespacesAndNewlines))
            guard let before, let after else {
                t.added = after != nil
                change.tables.append(t)
                continue
            }
            t.rowsAdded = after.rowOrder.filter { before.rows[$0] == nil }
            t.rowsRemoved = before.rowOrder.filter { after.rows[$0] == nil }
            t.columnsAdded = after.columns.filter { !before.columns.contains($0) }
            t.columnsRemoved = before.columns.filter { !after.columns.contains($0) }
            for key in after.rowOrder {
                guard let was = before.rows[key], let now = after.rows[key] else { continue }
                for column in after.columns {
                    guard let a = was[column], let b = now[column], a.text != b.text else { continue }
                    t.cells.append(CellChange(row: key, column: after.labels[column] ?? column, old: a.text, new: b.text, disclosed: a.withheld && !b.withheld))
                }
            }
            if !(t.cells.isEmpty && t.rowsAdded.isEmpty && t.rowsRemoved.isEmpty && t.columnsAdded.isEmpty && t.columnsRemoved.isEmpty) {
                change.tables.append(t)
            }
        }
        // Figures in the prose, by their query and column, in order of appearance.
        var seen: [String: Int] = [:]
        var oldByID: [String: [(text: String, sentence: String)]] = [:]
        for f in old.figures { oldByID[f.id, default: []].append((f.text, f.sentence)) }
        for f in new.figures {
            let n = seen[f.id, default: 0]
            seen[f.id] = n + 1
            if let was = oldByID[f.id], n < was.count, was[n].text != f.text {
                change.figures.append(FigureChange(id: f.id, old: was[n].text, new: f.text, sentence: f.sentence))
            } else if oldByID[f.id] == nil || n >= oldByID[f.id]!.count {
                change.figures.append(FigureChange(id: f.id, old: "", new: f.text, sentence: f.sentence))
            }
        }
        // Text, with the figures taken out (their changes are above): paragraphs changed,
        // added, removed.
        let before = old.paragraphs, after = new.paragraphs
        let common = Set(before).intersection(after)
        let gone = before.filter { !common.contains($0) }.count, came = after.filter { !common.contains($0) }.count
        change.paragraphsChanged = min(gone, came)
        change.paragraphsAdded = max(0, came - gone)
        change.paragraphsRemoved = max(0, gone - came)
        return change
    }

    // MARK: Reports

    /// The plain-text report, for a terminal or a CI log.
    public var text: String {
        var out = "Pages: \(oldPages) before, \(newPages) after; \(added.count) added, \(removed.count) removed, \(changed.filter { $0.oldPath != nil }.count) moved, \(changed.count) changed.\n"
        if isEmpty { return out + "Nothing differs.\n" }
        for page in added { out += "\n+ \(page.path)  added: \(page.title)\n" }
        for page in removed { out += "\n- \(page.path)  removed: \(page.title)\n" }
        for page in changed {
            out += "\n\(page.path)  \(page.title)\(page.oldPath.map { " (moved from \($0))" } ?? "")\n"
            for table in page.tables {
                let name = table.caption.isEmpty ? table.id : table.caption
                if let added = table.added {
                    out += "  \(added ? "table added" : "table removed"): \(name)\n"
                    continue
                }
                out += "  \(name)\n"
                for cell in table.cells {
                    out += "    \(cell.row) · \(cell.column): \(cell.old) → \(cell.new)\(cell.disclosed ? "   (!) withheld before, published now: check disclosure control" : "")\n"
                }
                for row in table.rowsAdded { out += "    row added: \(row)\n" }
                for row in table.rowsRemoved { out += "    row removed: \(row)\n" }
                for column in table.columnsAdded { out += "    column added: \(column)\n" }
                for column in table.columnsRemoved { out += "    column removed: \(column)\n" }
            }
            if !page.figures.isEmpty {
                out += "  Figures in the text:\n"
                for f in page.figures {
                    out += "    \(f.id): \(f.old.isEmpty ? "(new)" : f.old) → \(f.new) — \u{201C}\(f.sentence)\u{201D}\n"
                }
            }
            let text = [(page.paragraphsChanged, "changed"), (page.paragraphsAdded, "added"), (page.paragraphsRemoved, "removed")]
                .filter { $0.0 > 0 }.map { "\($0.0) paragraph\($0.0 == 1 ? "" : "s") \($0.1)" }
            if !text.isEmpty { out += "  Text: \(text.joined(separator: ", ")).\n" }
        }
        return out
    }

    /// The report as one self-contained HTML page, for the person who approves the release.
    public var html: String {
        func e(_ s: String) -> String { escapeHTML(s) }
        var out = """
        <!DOCTYPE html>
        <html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Ändringar på webbplatsen</title>
        <style>
        body{font:16px/1.5 system-ui,sans-serif;color:#1b1d1c;max-width:60rem;margin:2rem auto;padding:0 1rem}
        h2{margin-top:2rem;font-size:1.2rem}table{border-collapse:collapse;margin:.5rem 0 1rem}
        th,td{border-bottom:1px solid #c8cfcc;padding:.25rem .75rem;text-align:left}
        .old{color:#8a1c1c;text-decoration:line-through}.new{color:#0b5a2a;font-weight:700}
        .flag{background:#fff1b8;font-weight:700}.muted{color:#535a57}
        </style></head><body><main>
        <h1>Ändringar på webbplatsen</h1>
        <p>\(oldPages) sidor före, \(newPages) efter: \(added.count) nya, \(removed.count) borttagna, \(changed.count) ändrade.</p>

        """
        if isEmpty { out += "<p>Inga skillnader.</p>\n" }
        if !added.isEmpty { out += "<h2>Nya sidor</h2><ul>" + added.map { "<li>\(e($0.path)) – \(e($0.title))</li>" }.joined() + "</ul>\n" }
        if !removed.isEmpty { out += "<h2>Borttagna sidor</h2><ul>" + removed.map { "<li>\(e($0.path)) – \(e($0.title))</li>" }.joined() + "</ul>\n" }
        for page in changed {
            out += "<section><h2>\(e(page.title)) <span class=\"muted\">\(e(page.path))</span></h2>\n"
            if let from = page.oldPath { out += "<p>Flyttad från \(e(from)).</p>\n" }
            for table in page.tables {
                let name = table.caption.isEmpty ? table.id : table.caption
                if let added = table.added { out += "<p>\(added ? "Ny tabell" : "Borttagen tabell"): \(e(name))</p>\n"; continue }
                out += "<table><caption>\(e(name))</caption><thead><tr><th scope=\"col\">Rad</th><th scope=\"col\">Kolumn</th><th scope=\"col\">Före</th><th scope=\"col\">Efter</th></tr></thead><tbody>\n"
                for cell in table.cells {
                    out += "<tr\(cell.disclosed ? " class=\"flag\"" : "")><td>\(e(cell.row))</td><td>\(e(cell.column))</td><td class=\"old\">\(e(cell.old))</td><td class=\"new\">\(e(cell.new))\(cell.disclosed ? " (var sekretessmarkerad)" : "")</td></tr>\n"
                }
                for row in table.rowsAdded { out += "<tr><td>\(e(row))</td><td colspan=\"3\">ny rad</td></tr>\n" }
                for row in table.rowsRemoved { out += "<tr><td>\(e(row))</td><td colspan=\"3\">borttagen rad</td></tr>\n" }
                out += "</tbody></table>\n"
            }
            if !page.figures.isEmpty {
                out += "<ul>" + page.figures.map { "<li><span class=\"old\">\(e($0.old))</span> → <span class=\"new\">\(e($0.new))</span>: \u{201C}\(e($0.sentence))\u{201D}</li>" }.joined() + "</ul>\n"
            }
            let counts = [(page.paragraphsChanged, "ändrade"), (page.paragraphsAdded, "nya"), (page.paragraphsRemoved, "borttagna")].filter { $0.0 > 0 }
            if !counts.isEmpty { out += "<p class=\"muted\">Text: " + counts.map { "\($0.0) \($0.1) stycken" }.joined(separator: ", ") + ".</p>\n" }
            out += "</section>\n"
        }
        return out + "</main></body></html>\n"
    }
}
