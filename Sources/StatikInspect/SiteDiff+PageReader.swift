import Foundation
import StatikCore

extension SiteDiff {
    /// A page read tag by tag: where in it the reader is, and what it has found (the marks it
    /// reads are listed on SiteDiff+Reading.swift).
    struct PageReader {
        static let blocks: Set<String> = ["p", "li", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "blockquote", "figcaption", "caption", "td", "th", "pre"]
        /// Elements that have no end tag (WHATWG HTML, "Void elements").
        static let void: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]
        /// Between the blocks inside a piece read whole (a date line's items).
        static let boundary: Character = "\u{1F}"

        /// What is being read: a block of text, a marked element read whole, or a list entry.
        struct Piece {
            var kind: Kind
            var depth: Int
            var isEntry = false
            var text = ""
            var figures: [String] = []
            var link: String?
            var linkText = ""
            var linkDepth: Int?
            var time: String?
            var timeText = ""
            var timeDepth: Int?
        }

        let hasMain: Bool
        var page = Document()
        var stack: [String] = []
        var readDepth: Int?
        var navDepth = 0
        var skipDepth: Int?
        var inH1 = false, inHead = false, inCaption = false
        var table: (id: String, value: Table)?
        var row: (key: String, cells: [Cell])?
        var cellText: String?
        var cellWithheld = false
        var figure: String?
        var piece: Piece?
        /// The lists whose items are entries (`statik-news`, `statik-calendar`…), innermost last.
        var lists: [(kind: Kind, depth: Int)] = []

        init(hasMain: Bool) { self.hasMain = hasMain }

        /// What an element is marked as: a piece read whole (`dates`, `notice`) or a list
        /// whose items are entries (`calendar`, `list`).
        static func marked(_ tag: HTMLTag) -> (kind: Kind, isList: Bool)? {
            let classes = (tag["class"] ?? "").split(separator: " ")
            let mark = tag["data-statik-diff"]
            if mark == "dates" || classes.contains("statik-dates") { return (.dates, false) }
            if mark == "notice" || classes.contains("statik-correction") || tag["role"] == "note" { return (.notice, false) }
            if mark == "calendar" || classes.contains("statik-calendar") { return (.calendar, true) }
            if mark == "list" || classes.contains(where: { ["statik-news", "statik-latest", "statik-children"].contains($0) }) { return (.list, true) }
            return nil
        }

        /// The notes Statik writes under a table: not the page's text.
        static func generated(_ tag: HTMLTag) -> Bool {
            ["statik-note", "statik-source", "statik-download"].contains { (tag["class"] ?? "").hasPrefix($0) }
        }

        mutating func open(_ tag: HTMLTag) {
            let name = tag.name
            stack.append(name)
            if name == "head" { inHead = true }
            if name == "html" { page.language = tag["lang"] }
            if readDepth == nil, name == (hasMain ? "main" : "body") { readDepth = stack.count }
            if name == "nav" { navDepth += 1 }
            openTablePart(tag)
            if name == "data", tag["data-statik-figure"] != nil { figure = "" }
            guard readDepth != nil, navDepth == 0, skipDepth == nil else { return }
            if name == "h1", piece == nil { inH1 = true }
            if Self.generated(tag) {
                skipDepth = stack.count
            } else if piece != nil {
                openInsidePiece(tag)
            } else if let mark = Self.marked(tag) {
                if mark.isList { lists.append((mark.kind, stack.count)) } else { piece = Piece(kind: mark.kind, depth: stack.count) }
            } else if name == "li", let list = lists.last {
                piece = Piece(kind: list.kind, depth: stack.count, isEntry: true)
            } else if table == nil, Self.blocks.contains(name) {
                piece = Piece(kind: .text, depth: stack.count)
            }
        }

        /// A tag inside a piece: a block's boundary, its link, its date.
        private mutating func openInsidePiece(_ tag: HTMLTag) {
            if Self.blocks.contains(tag.name) || tag.name == "br" { piece?.text.append(Self.boundary) }
            if tag.name == "a", piece?.link == nil, let href = tag["href"] {
                piece?.link = href
                piece?.linkDepth = stack.count
            }
            if tag.name == "time", piece?.time == nil, let when = tag["datetime"] {
                piece?.time = when
                piece?.timeDepth = stack.count
            }
        }

        private mutating func openTablePart(_ tag: HTMLTag) {
            let name = tag.name
            if name == "table", let id = tag["data-statik-table"] { table = (id, Table()) }
            if name == "caption", table != nil { inCaption = true }
            if name == "th", tag["scope"] == "col", let column = tag["data-statik-column"], table != nil {
                table?.value.columns.append(column)
                cellText = ""
            }
            if name == "tr", let key = tag["data-statik-row"] { row = (key, []) }
            if name == "td" || (name == "th" && tag["scope"] == "row"), row != nil {
                cellText = ""
                cellWithheld = (tag["class"] ?? "").split(separator: " ").contains("statik-withheld")
            }
        }

        mutating func close(_ name: String) {
            // An end tag closes its element and any left open inside it; one without a start
            // tag is passed over.
            guard let index = stack.lastIndex(of: name) else { return }
            let depth = index + 1
            if name == "head" { inHead = false }
            if name == "h1" { inH1 = false }
            if name == "caption" { inCaption = false }
            closeTablePart(name)
            if name == "data", let shown = figure {
                figure = nil
                if piece?.kind == .text {
                    piece?.text += "\u{FFFC}"  // the figure's place in the sentence
                    piece?.figures.append(shown)
                } else {
                    text(shown)
                }
            }
            if let d = piece?.linkDepth, d >= depth { piece?.linkDepth = nil }
            if let d = piece?.timeDepth, d >= depth { piece?.timeDepth = nil }
            if let p = piece, p.depth >= depth {
                finish(p)
                piece = nil
            }
            if let d = skipDepth, d >= depth { skipDepth = nil }
            while let list = lists.last, list.depth >= depth { lists.removeLast() }
            if let d = readDepth, d >= depth { readDepth = nil }
            if name == "nav" { navDepth = max(0, navDepth - 1) }
            stack.removeSubrange(index...)
        }

        /// The end of a column's heading, a cell, a row or a table.
        private mutating func closeTablePart(_ name: String) {
            if name == "th", let label = cellText, row == nil, let column = table?.value.columns.last {
                table?.value.labels[column] = spaced(label)
                cellText = nil
            }
            if name == "td" || name == "th", let cell = cellText, row != nil {
                row?.cells.append(Cell(text: spaced(cell), withheld: cellWithheld))
                cellText = nil
            }
            if name == "tr", let r = row, var t = table {
                var values: [String: Cell] = [:]
                for (column, cell) in zip(t.value.columns, r.cells) { values[column] = cell }
                t.value.rows[r.key] = values
                t.value.rowOrder.append(r.key)
                table = t
                row = nil
            }
            if name == "table", var t = table {
                t.value.caption = spaced(t.value.caption)
                page.tables[t.id] = t.value
                page.tableOrder.append(t.id)
                table = nil
            }
        }

        /// A piece read whole: a paragraph with its figures, a date line or notice (its items
        /// joined by " · "), or a list or calendar entry.
        private mutating func finish(_ piece: Piece) {
            let parts = piece.text.split(separator: Self.boundary).map { spaced($0) }.filter { !$0.isEmpty }
            if piece.isEntry {
                page.entries.append(Self.entry(piece, parts: parts))
            } else if piece.kind == .text {
                let template = parts.joined(separator: " ")
                if !template.isEmpty { page.blocks.append(Block(kind: .text, template: template, figures: piece.figures)) }
            } else if !parts.isEmpty {
                page.blocks.append(Block(kind: piece.kind, template: parts.joined(separator: " · ")))
            }
        }

        /// An entry: its title is its link's text (else its text without its date), its rest
        /// what else it says (a description).
        static func entry(_ piece: Piece, parts: [String]) -> Entry {
            let timeText = spaced(piece.timeText)
            var title = spaced(piece.linkText)
            if title.isEmpty {
                title = trimmed(parts.joined(separator: " · ").replacingOccurrences(of: timeText.isEmpty ? "\u{0}" : timeText, with: ""))
            }
            let rest = parts.map { part in
                var part = part
                for known in [title, timeText] where !known.isEmpty { part = part.replacingOccurrences(of: known, with: "") }
                return trimmed(part)
            }.filter { !$0.isEmpty }.joined(separator: " · ")
            return Entry(kind: piece.kind, link: piece.link, title: title, date: piece.time, rest: rest, text: parts.joined(separator: " · "))
        }

        /// Without the punctuation and white space at either end (the dash between a calendar
        /// entry's date and its title).
        static func trimmed(_ text: String) -> String {
            spaced(text.trimmingCharacters(in: .init(charactersIn: " \n\t–—-:·,")))
        }

        mutating func text(_ value: String) {
            if inHead { return }
            if inH1 { page.title += value }
            if inCaption { table?.value.caption += value }
            if cellText != nil { cellText! += value }
            if figure != nil {
                figure! += value
                return
            }
            guard piece != nil, skipDepth == nil else { return }
            piece!.text += value
            if piece!.linkDepth != nil { piece!.linkText += value }
            if piece!.timeDepth != nil { piece!.timeText += value }
        }
    }
}
