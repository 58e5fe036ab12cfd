public import StatikCore

/// The report of a diff, in one language (the site's): one list of lines, shown as plain text
/// (a terminal, a CI log) and as a self-contained HTML page (for the person who signs the
/// release), so that the two say the same things in the same words, every word from the
/// message catalogue. Changes come by kind (tables, figures in the text, text, dates, notices,
/// the calendar, lists and feeds), a table's by table, each group under the places it is on.
extension SiteDiff {
    struct Line: Sendable, Hashable {
        enum Role: Sendable, Hashable { case title, summary, section, subsection, places, item }
        enum Part: Sendable, Hashable { case text(String), old(String), new(String), flag(String) }
        enum Tone: Sendable, Hashable { case added, removed }

        var depth: Int
        var role: Role
        var parts: [Part]
        var tone: Tone?

        init(_ depth: Int, _ role: Role, _ parts: [Part], tone: Tone? = nil) {
            self.depth = depth
            self.role = role
            self.parts = parts
            self.tone = tone
        }

        var plain: String {
            parts.map { part in
                switch part {
                case .text(let s), .old(let s), .new(let s), .flag(let s): s
                }
            }.joined()
        }
    }

    /// The report's lines in `language`.
    func lines(_ language: Language) -> [Line] {
        func say(_ message: Message) -> String { message.text(language) }
        var out = [
            Line(0, .title, [.text(say(Message(.diffReportTitle)))]),
            Line(0, .summary, [.text(say(Message(.diffSummary, oldPages, newPages, added.filter(\.isPage).count, removed.filter(\.isPage).count, moved.count, changedPages)))]),
        ]
        if isEmpty { return out + [Line(0, .summary, [.text(say(Message(.diffNothingDiffers)))])] }
        let lists: [(MessageKind, [Place], Line.Tone)] = [
            (.diffPagesAdded, added.filter(\.isPage), .added), (.diffFilesAdded, added.filter { !$0.isPage }, .added),
            (.diffPagesRemoved, removed.filter(\.isPage), .removed), (.diffFilesRemoved, removed.filter { !$0.isPage }, .removed),
        ]
        for (heading, places, tone) in lists where !places.isEmpty {
            out.append(Line(0, .section, [.text(say(Message(heading)))]))
            out += places.map { Line(1, .item, [.text(Self.name($0))], tone: tone) }
        }
        if !moved.isEmpty {
            out.append(Line(0, .section, [.text(say(Message(.diffPagesMoved)))]))
            out += moved.map { Line(1, .item, [.old($0.from), .text(" → "), .new($0.to.path), .text(" – \($0.to.title)")]) }
        }
        for kind in Kind.allCases {
            let ofKind = groups.filter { $0.kind == kind }
            guard !ofKind.isEmpty else { continue }
            out.append(Line(0, .section, [.text(say(Message(Self.heading(kind))))]))
            if kind == .table {
                var tables: [String] = []
                for group in ofKind where !tables.contains(group.table) { tables.append(group.table) }
                for table in tables {
                    out.append(Line(1, .subsection, [.text(say(Message(.diffTable, Message(.diffQuoted, table))))]))
                    for group in ofKind where group.table == table { out += groupLines(group, depth: 2, language) }
                }
            } else {
                for group in ofKind { out += groupLines(group, depth: 1, language) }
            }
        }
        return out
    }

    static func heading(_ kind: Kind) -> MessageKind {
        switch kind {
        case .title: .diffKindTitle
        case .table: .diffKindTable
        case .figures: .diffKindFigures
        case .text: .diffKindText
        case .dates: .diffKindDates
        case .notice: .diffKindNotice
        case .calendar: .diffKindCalendar
        case .list: .diffKindList
        }
    }

    /// `/esf/deltagare/ – Deltagare`, or a file's path.
    static func name(_ place: Place) -> String {
        place.title.isEmpty ? place.path : "\(place.path) – \(place.title)"
    }

    /// A group: the places it is on, then its changes.
    private func groupLines(_ group: Group, depth: Int, _ language: Language) -> [Line] {
        let places: Message
        if group.places.count == 1, let place = group.places.first {
            places = Message(place.isPage ? .diffOnPage : .diffInFile, Self.name(place))
        } else {
            let paths = group.places.map(\.path)
            places = Message(group.places.allSatisfy(\.isPage) ? .diffOnPages : .diffInPlaces, paths.count, paths)
        }
        return [Line(depth, .places, [.text(places.text(language))])] + group.details.map { Self.line($0, depth: depth + 1, language) }
    }

    /// One change, in words.
    static func line(_ detail: Detail, depth: Int, _ language: Language) -> Line {
        func say(_ message: Message) -> String { message.text(language) }
        func quoted(_ text: String) -> String { say(Message(.diffQuoted, text)) }
        switch detail {
        case .cell(let row, let column, let old, let new, let disclosed):
            var parts: [Line.Part] = [.text("\(row) · \(column): "), .old(old), .text(" → "), .new(new)]
            if disclosed { parts += [.text(" "), .flag(say(Message(.diffDisclosed)))] }
            return Line(depth, .item, parts)
        case .rowAdded(let row): return Line(depth, .item, [.text(say(Message(.diffRowAdded, row)))], tone: .added)
        case .rowRemoved(let row): return Line(depth, .item, [.text(say(Message(.diffRowRemoved, row)))], tone: .removed)
        case .columnAdded(let column): return Line(depth, .item, [.text(say(Message(.diffColumnAdded, column)))], tone: .added)
        case .columnRemoved(let column): return Line(depth, .item, [.text(say(Message(.diffColumnRemoved, column)))], tone: .removed)
        case .tableAdded: return Line(depth, .item, [.text(say(Message(.diffTableAdded)))], tone: .added)
        case .tableRemoved: return Line(depth, .item, [.text(say(Message(.diffTableRemoved)))], tone: .removed)
        case .figures(let pairs, let sentence):
            var parts: [Line.Part] = []
            for (n, pair) in pairs.enumerated() {
                if n > 0 { parts.append(.text(", ")) }
                parts += [.old(pair.old), .text(" → "), .new(pair.new)]
            }
            return Line(depth, .item, parts + [.text(": " + quoted(sentence))])
        case .changed(let old, let new):
            return Line(depth, .item, [.old(quoted(old)), .text(" → "), .new(quoted(new))])
        case .added(let text): return Line(depth, .item, [.text(say(Message(.diffAddedItem, quoted(text))))], tone: .added)
        case .removed(let text): return Line(depth, .item, [.text(say(Message(.diffRemovedItem, quoted(text))))], tone: .removed)
        }
    }

    /// The plain-text report, for a terminal or a CI log.
    public func text(_ language: Language) -> String {
        var out = ""
        for line in lines(language) {
            if line.role == .summary || line.role == .section { out += "\n" }
            out += String(repeating: "  ", count: line.depth) + line.plain + "\n"
        }
        return out
    }

    /// The report as one self-contained HTML page.
    public func html(_ language: Language) -> String {
        let all = lines(language)
        var out = """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeHTML(all[0].plain))</title>
        <style>
        body{font:16px/1.5 system-ui,sans-serif;color:#1b1d1c;max-width:60rem;margin:2rem auto;padding:0 1rem}
        h2{margin-top:2rem;font-size:1.3rem}h3{font-size:1.1rem;margin:1rem 0 .25rem}h4{font-size:1rem;margin:.75rem 0 .25rem}
        ul{margin:.25rem 0 .75rem}li{margin:.2rem 0}
        .old{color:#8a1c1c;background:#fbeaea}.new{color:#0b5a2a;background:#e8f4ec;font-weight:700}
        .added{border-left:4px solid #0b5a2a;padding-left:.5rem;list-style:none}.removed{border-left:4px solid #8a1c1c;padding-left:.5rem;list-style:none}
        .flag{background:#fff1b8;font-weight:700}
        </style></head><body><main>

        """
        var inList = false, inSection = false
        for line in all {
            if line.role != .item, inList { out += "</ul>\n"; inList = false }
            if line.role == .section {
                if inSection { out += "</section>\n" }
                out += "<section>\n"
                inSection = true
            }
            if line.role == .item, !inList { out += "<ul>\n"; inList = true }
            out += Self.element(line) + "\n"
        }
        if inList { out += "</ul>\n" }
        if inSection { out += "</section>\n" }
        return out + "</main></body></html>\n"
    }

    /// A line as the element it is on the report's page.
    private static func element(_ line: Line) -> String {
        let inner = line.parts.map { part in
            switch part {
            case .text(let s): escapeHTML(s)
            case .old(let s): "<span class=\"old\">\(escapeHTML(s))</span>"
            case .new(let s): "<span class=\"new\">\(escapeHTML(s))</span>"
            case .flag(let s): "<span class=\"flag\">\(escapeHTML(s))</span>"
            }
        }.joined()
        switch line.role {
        case .title: return "<h1>\(inner)</h1>"
        case .summary: return "<p>\(inner)</p>"
        case .section: return "<h2>\(inner)</h2>"
        case .subsection: return "<h3>\(inner)</h3>"
        case .places: return line.depth > 1 ? "<h4>\(inner)</h4>" : "<h3>\(inner)</h3>"
        case .item:
            let tone = line.tone.map { $0 == .added ? " class=\"added\"" : " class=\"removed\"" } ?? ""
            return "<li\(tone)>\(inner)</li>"
        }
    }
}
