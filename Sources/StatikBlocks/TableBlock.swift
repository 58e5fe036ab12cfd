import Foundation
package import StatikCore
package import StatikYAML
import StatikDownloads
package import StatikData
import StatikFormat
import Yams
package import StatikContent
import StatikOutput
import StatikSources

/// A ```` ```table NAME ```` block: which columns of a query to show, how, and under what caption.
package struct TableBlock: Sendable {
    struct Column {
        var name: String
        var label: String
        var format: Format?
        /// Where the column was named in the options, for messages about it.
        var location: SourceLocation
        /// The line it was named on, shown under such a message.
        var sourceLine: String? = nil
    }

    var query: String
    var caption: String?
    /// Columns of the result that are shares in per cent (from the data files): by default
    /// shown as `12,5 %`.
    var percentColumns: Set<String> = []
    var columns: [Column]?
    var formats: [String: (Format, SourceLocation)] = [:]
    var source: String?
    var note: String?
    /// The note as HTML, its references links (set when the page renders it); nil: `note`
    /// escaped.
    var noteHTML: String?
    /// `label: tbl-namn`: the table is numbered (PageNumbering.swift).
    var label: BlockLabel?
    /// Where the caption's and the note's texts start, for a reference in them.
    var captionAt: SourceLocation?
    var noteAt: SourceLocation?
    var rowHeaders = true
    var location: SourceLocation
    /// False when the options could not be read (their problem is reported): nothing is then
    /// said of what they seem to lack, such as a source.
    var optionsRead = true

    static let keys = ["caption", "label", "columns", "format", "source", "note", "row_headers", "suppress", "reason"]

    /// The block of `options`, read once for all the pages that have it (see `BlockCache`).
    static func reading(query: String, options: YAMLSource, location: SourceLocation, cache: BlockCache<TableBlock>, diagnostics: inout [Diagnostic]) -> TableBlock {
        cache.block(.init(query: query, options: options, location: location), diagnostics: &diagnostics) { own in
            TableBlock(query: query, options: options, location: location, diagnostics: &own)
        }
    }

    /// Reads the block's YAML options; problems go to `diagnostics` with their lines.
    package init(query: String, options: YAMLSource, location: SourceLocation, diagnostics: inout [Diagnostic]) {
        self.query = query
        self.location = location
        let trimmed = options.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return }
        let node = options.parse(into: &diagnostics)
        guard let mapping = YAMLMapping(node, source: options, what: Message(.mapTableOptions), diagnostics: &diagnostics) else {
            optionsRead = false
            return
        }
        mapping.warnUnknownKeys(allowed: Self.keys, what: Message(.whatTableOption), into: &diagnostics)
        caption = mapping.string("caption", into: &diagnostics)
        label = mapping.label(into: &diagnostics, default: location)
        captionAt = mapping.textLocation("caption")
        noteAt = mapping.textLocation("note")
        source = mapping.string("source", into: &diagnostics).map { text in
            // Authors often write the label themselves; the table adds it.
            text.lowercased().hasPrefix("källa:") ? String(text.dropFirst(6)).trimmingCharacters(in: .whitespaces) : text
        }
        note = mapping.string("note", into: &diagnostics)
        if let node = mapping["row_headers"] {
            if let flag = node.bool { rowHeaders = flag } else {
                diagnostics.append(.error(Message(.rowHeadersMustTrueFalse), at: mapping.location(of: "row_headers")))
            }
        }
        if let node = mapping["format"] {
            if case .mapping(let formats) = node {
                for (key, value) in formats {
                    let at = options.location(key.mark)
                    if let format = Self.format(value, at: options.location(value.mark), diagnostics: &diagnostics) {
                        self.formats[key.string ?? "", default: (format, at)] = (format, at)
                    }
                }
            } else {
                diagnostics.append(.error(Message(.formatMustColumnFormatLines), at: mapping.location(of: "format")))
            }
        }
        if let node = mapping["columns"] {
            columns = Self.columns(node, options: options, at: mapping.location(of: "columns"), diagnostics: &diagnostics)
        }
    }

    private static func columns(_ node: Node, options: YAMLSource, at location: SourceLocation, diagnostics: inout [Diagnostic]) -> [Column]? {
        var result: [Column] = []
        func add(name: String, label: Node?, mark: Mark?) {
            let at = options.location(mark)
            var column = Column(name: name, label: name, format: nil, location: at, sourceLine: options.sourceLine(mark))
            switch label {
            case .scalar(let scalar)?:
                column.label = scalar.string
            case .mapping(let settings)?:
                for (key, value) in settings {
                    switch key.string {
                    case "label": column.label = value.string ?? name
                    case "format": column.format = format(value, at: options.location(value.mark), diagnostics: &diagnostics)
                    default:
                        diagnostics.append(.warning(Message(.unknownColumnSettingIgnoredKnown, key.string ?? ""), at: options.location(key.mark)))
                    }
                }
            case .sequence?:
                diagnostics.append(.error(Message(.headingColumnMustTextLabel, name), at: at))
            case nil, .alias?:
                break
            }
            result.append(column)
        }
        switch node {
        case .mapping(let mapping):
            for (key, value) in mapping { add(name: key.string ?? "", label: value, mark: key.mark) }
        case .sequence(let sequence):
            for item in sequence {
                switch item {
                case .scalar(let scalar): add(name: scalar.string, label: nil, mark: item.mark)
                case .mapping(let mapping) where mapping.count == 1:
                    let (key, value) = mapping.first!
                    add(name: key.string ?? "", label: value, mark: key.mark)
                default:
                    diagnostics.append(.error(Message(.columnNameNameHeading), at: options.location(item.mark)))
                }
            }
        case .scalar, .alias:
            diagnostics.append(.error(Message(.columnsMustNameHeadingLines), at: location))
            return nil
        }
        return result
    }

    private static func format(_ node: Node, at location: SourceLocation, diagnostics: inout [Diagnostic]) -> Format? {
        guard let spec = node.string else {
            diagnostics.append(.error(Message(.formatWordSuchHeltalProcent), at: location))
            return nil
        }
        do {
            return try Format(parsing: spec)
        } catch {
            diagnostics.append(.error(error.message, at: location))
            return nil
        }
    }

    /// The table as HTML: a captioned table in a scrollable, focusable region, with the
    /// `Källa:` line under it. Every value is escaped.
    /// `hidden`: the cells disclosure control hides. In the public edition they are already
    /// NULL in `result` and show as `..`; in the intranet edition they show, marked.
    /// `footnote`: whether the note on withheld cells goes under the table (a chart's table
    /// leaves it to the chart).
    package func html(result: QueryResult, id: String, hidden: (cells: Set<Cell>, below: Int, edition: Edition)? = nil, footnote: Bool = true,
              language: Language = .swedish, diagnostics: inout [Diagnostic]) -> String? {
        rendered(result: result, id: id, hidden: hidden, footnote: footnote, language: language, diagnostics: &diagnostics)?.html
    }

    /// The table as HTML, and as a file: the same values, symbols and notes (`DownloadTable`).
    /// `language`: of the page; figures and Statik's words follow it (the files stay in the
    /// notation Swedish Excel reads, docs/downloads.md).
    /// `atSource`: cells withheld at the source (or made from such a cell): `x` in every edition.
    /// `key`: the table's mark for `statik diff` (`data-statik-table`), when not its `id`.
    func rendered(result: QueryResult, id: String, key: String? = nil, hidden: (cells: Set<Cell>, below: Int, edition: Edition)? = nil, atSource: Set<Cell> = [],
                  footnote: Bool = true, language: Language = .swedish, diagnostics: inout [Diagnostic]) -> (html: String, download: DownloadTable)? {
        let words = ReaderWords.of(language)
        // Which columns, and with which headings and formats.
        var shown: [(index: Int, label: String, format: Format)] = []
        let wanted = columns ?? result.columns.map { Column(name: $0, label: $0, format: nil, location: location) }
        var ok = true
        for column in wanted {
            guard let index = result.columnIndex(column.name) else {
                diagnostics.append(Diagnostic(.error, at: column.location, closest(to: column.name, in: result.columns).map { Message(.queryHasNoColumnDidYouMean, query, column.name, $0) }
                    ?? Message(.queryHasNoColumnColumns, query, column.name, result.columns), sourceLine: column.sourceLine))
                ok = false
                continue
            }
            let format = column.format ?? formats[column.name]?.0
                ?? (percentColumns.contains(result.columns[index].lowercased()) ? Format.percentDefault(values: result.values(ofColumn: index)) : nil)
                ?? Format.default(forColumn: result.columns[index], values: result.values(ofColumn: index))
            shown.append((index, column.label, format))
        }
        for (name, (_, at)) in formats where result.columnIndex(name) == nil {
            diagnostics.append(.error(Message(.queryHasNoColumnColumns, query, name, result.columns.joined(separator: ", ")), at: at))
            ok = false
        }
        guard ok else { return nil }
        if result.rows.isEmpty {
            diagnostics.append(.warning(Message(.queryReturnedNoRowsTable, query), at: location))
        }
        if source == nil && optionsRead {
            diagnostics.append(.warning(Message(.tableHasNoSourceAdd), at: location))
        }

        let captionID = "\(id)-rubrik"
        var html = "<div class=\"statik-table\" role=\"region\" tabindex=\"0\""
        html += caption != nil ? " aria-labelledby=\"\(captionID)\">" : " aria-label=\"\(escapeHTML(words.table))\">"
        // Marks for `statik diff`: the table, each column and each row by a stable key (the
        // row header, or the first cell), so a cell is known by them, not by its position.
        html += "<table id=\"\(id)\" data-statik-table=\"\(key ?? id)\">\n"
        if let caption { html += "<caption id=\"\(captionID)\">\(escapeHTML(caption))</caption>\n" }
        html += "<thead><tr>"
        for column in shown {
            html += "<th scope=\"col\" class=\"\(column.format.isNumeric ? "num" : "text")\" data-statik-column=\"\(escapeHTML(result.columns[column.index].lowercased()))\">\(escapeHTML(column.label))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        let firstIsHeader = rowHeaders && shown.first.map { !$0.format.isNumeric } == true
        if result.rows.isEmpty {
            html += "<tr><td colspan=\"\(max(shown.count, 1))\">\(escapeHTML(words.noData))</td></tr>\n"
        }
        // The symbols that occur, each explained under the table (Statistics Sweden's
        // teckenförklaring): x withheld, .. not available, – nothing to report.
        var symbols = Symbols()
        var keys: [String: Int] = [:]
        var fileRows: [[DownloadTable.Cell]] = []
        for (rowIndex, row) in result.rows.enumerated() {
            var fileRow: [DownloadTable.Cell] = []
            defer { fileRows.append(fileRow) }
            var key = shown.first.map { row[$0.index] == .null ? "" : row[$0.index].plainText } ?? String(rowIndex + 1)
            keys[key, default: 0] += 1
            if keys[key]! > 1 { key += " #\(keys[key]!)" }
            html += "<tr data-statik-row=\"\(escapeHTML(key))\">"
            for (i, column) in shown.enumerated() {
                let value = row[column.index]
                var text = escapeHTML(column.format.string(value, in: language))
                var kind = column.format.isNumeric ? "num" : "text"
                let isAtSource = atSource.contains(Cell(row: rowIndex, column: column.index))
                let isHidden = isAtSource || (hidden?.cells.contains(Cell(row: rowIndex, column: column.index)) ?? false)
                if isAtSource {
                    text = Symbols.withheld
                    kind += " statik-withheld"
                    symbols.atSource = true
                } else if let hidden, isHidden, hidden.edition == .intranet {
                    text += "<span class=\"statik-mark\" title=\"\(escapeHTML(words.withheldTitle))\">*</span>"
                    kind += " statik-confidential"
                } else if isHidden {
                    text = Symbols.withheld
                    kind += " statik-withheld"
                } else if column.format.isNumeric {
                    symbols.note(value, shownAs: text)
                }
                // As the page shows it: x withheld (public), the value marked * (intranet).
                if isHidden {
                    fileRow.append(.text(isAtSource || hidden?.edition == .public ? Symbols.withheld : column.format.string(value) + "*"))
                } else {
                    fileRow.append(Self.fileCell(value, format: column.format, shown: column.format.string(value)))
                }
                if i == 0 && firstIsHeader {
                    html += "<th scope=\"row\" class=\"\(kind)\">\(text)</th>"
                } else {
                    html += "<td class=\"\(kind)\">\(text)</td>"
                }
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table>\n"
        if let note { html += "<p class=\"statik-note\">\(noteHTML ?? escapeHTML(note))</p>\n" }
        let controlled = hidden.map { $0.cells.subtracting(atSource) } ?? []
        if footnote, let hidden, !controlled.isEmpty, shown.contains(where: { column in controlled.contains { $0.column == column.index } }) {
            html += "<p class=\"statik-note statik-suppression\">\(escapeHTML(SuppressOption.footnote(below: hidden.below, edition: hidden.edition, language: language)))</p>\n"
        }
        if let explained = symbols.note(words) { html += "<p class=\"statik-note statik-symbols\">\(escapeHTML(explained))</p>\n" }
        if let source { html += "<p class=\"statik-source\">\(escapeHTML(words.source)) \(escapeHTML(source))</p>\n" }
        html += "</div>\n"
        var notes: [String] = []
        if let note { notes.append(note) }
        if let hidden, !controlled.isEmpty, shown.contains(where: { column in controlled.contains { $0.column == column.index } }) {
            notes.append(SuppressOption.footnote(below: hidden.below, edition: hidden.edition, language: language))
        }
        if let explained = symbols.note(words) { notes.append(explained) }
        let headers = shown.map { column -> String in
            switch column.format {
            case .percent: return column.label + " (%)"
            case .permille: return column.label + " (‰)"
            default: return column.label
            }
        }
        let download = DownloadTable(name: query, caption: caption ?? query, columns: headers, rows: fileRows, source: source, notes: notes, sourceLabel: words.source)
        return (html, download)
    }

    /// A cell of the file: a number as a number (with the page's decimals), a symbol or text as
    /// the page shows it.
    static func fileCell(_ value: Value, format: Format, shown: String) -> DownloadTable.Cell {
        guard format.isNumeric || format == .year, let x = value.number, !shown.hasPrefix("<"), shown != Format.nothingToReport else {
            return .text(shown.hasPrefix("<") ? String(shown.prefix { $0 != "\u{00A0}" }) : shown)
        }
        // The number as the page shows it (rounded as the page rounds it), not the raw value.
        let decimals = Format.decimalsShown(in: shown)
        // Its digits, the decimal comma as a point (ASCII bytes: in UTF-8 no other character has
        // them; Foundation's string functions here were 7 % of a data page's render, perf).
        var digits: [UInt8] = []
        digits.reserveCapacity(shown.utf8.count)
        for byte in shown.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") { digits.append(byte) } else if byte == UInt8(ascii: ",") { digits.append(UInt8(ascii: ".")) }
        }
        let published = (Double(String(decoding: digits, as: UTF8.self)) ?? x.magnitude) * (x < 0 ? -1 : 1)
        switch format {
        case .year:
            if case .integer(let n) = value { return .year(n) }
            return Int64(exactly: published.rounded()).map { DownloadTable.Cell.year($0) } ?? .number(published, decimals: 0)
        case .integer:
            if case .integer(let n) = value { return .integer(n) }
            return .number(published, decimals: 0)
        case .decimal, .percent, .permille: return .number(published, decimals: decimals)
        case .text: return .text(shown)
        }
    }
}

/// ```` ```table NAME ````: the query's result as a table, with its files (CSV, Excel) linked
/// under it.
extension TableBlock: PageBlock {
    package static let kind = "table"
    package static let takesSuppressOption = true
    package static let numbered: CrossReferences.Kind? = .table

    package static func label(_ use: PageBlockUse, in context: inout PageBlockContext) -> BlockLabel? {
        var unused: [Diagnostic] = []  // said when the block is rendered
        return TableBlock.reading(query: use.name, options: use.options, location: use.location, cache: context.environment.caches.tables, diagnostics: &unused).label
    }

    package static func render(_ use: PageBlockUse, in context: inout PageBlockContext) -> String? {
        var diagnostics: [Diagnostic] = []
        defer { context.diagnostics += diagnostics }
        var table = TableBlock.reading(query: use.name, options: use.options, location: use.location, cache: context.environment.caches.tables, diagnostics: &diagnostics)
        table.percentColumns = context.percentColumns[use.name.lowercased()] ?? []
        let label = use.label?.text ?? table.label?.text
        table.caption = context.caption(table.caption, label: label, at: table.captionAt ?? use.location)
        if let note = table.note {
            let resolved = context.note(note, at: table.noteAt ?? use.location)
            table.note = resolved.text
            table.noteHTML = resolved.html
        }
        guard let result = context.result(for: use) else { return nil }
        let (id, key) = context.blockID(label: label, fallback: "tabell-" + slug(use.name))
        guard let made = table.rendered(result: result, id: id, key: key, hidden: context.secret(use.name), atSource: context.atSource[use.name.lowercased()] ?? [],
                                        language: context.page.language, diagnostics: &diagnostics) else { return "" }
        let links = context.downloads.add(made.download, named: slug(use.name), created: context.created, reading: PageDownloads.dataTables(of: use.name, queries: context.queries))
        return made.html.hasSuffix("</div>\n") ? String(made.html.dropLast("</div>\n".count)) + links + "</div>\n" : made.html + links
    }
}
