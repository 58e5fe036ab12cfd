package import Foundation
package import StatikCore
import StatikYAML
import StatikData
import Yams

/// What a data file is, said once beside it: `content/data/deltagare-po.yml` describes
/// `content/data/deltagare-po.csv`.
///
///     source: SCB, bearbetning Försäkringskassan
///     columns:
///       programomrade:
///         type: text            # never read as numbers (codes, labels)
///       kvinnor:
///         count: true           # a count of persons: withheld under suppress_below by default
///         label: Kvinnor
///       andel_kvinnor:
///         share_of: kvinnor     # withheld wherever the count it is worked out from is
///         unit: procent
///     corrections:              # shown on every page whose queries read the file
///       - date: 2026-12-02
///         text: Antalet kvinnor i PO 3 var fel.
///
/// Which columns are counts of persons is declared here, not in every table: disclosure
/// control then applies in every table, chart and inline value made from the file.
package struct DataDescription: Sendable {
    enum Kind: String, Sendable, CaseIterable { case text, integer, number, percent }

    struct Column: Sendable, Hashable {
        var kind: Kind?
        var count = false
        var label: String?
        var unit: String?
        var shareOf: String?
    }

    var file: String
    /// The description as written: what a page that reads the file depends on.
    var text = ""
    var source: String?
    var note: String?
    /// By the column's name in lower case.
    var columns: [String: Column] = [:]
    /// Where each column was named, for messages.
    var locations: [String: SourceLocation] = [:]
    var sourceLines: [String: String] = [:]

    /// A correction of the figures in the file (`corrections:`, as on a page), newest first:
    /// every page that shows them says so.
    var corrections: [Publishing.Correction] = []

    /// What the open-data catalogue says of the tables made from the file (DatasetMetadata).
    package var catalogue = DatasetMetadata()

    static let keys = ["source", "note", "columns", "checks", "corrections"] + DatasetMetadata.keys

    /// Whether a file of the data folder describes a CSV file beside it (`NAME.yml` or
    /// `NAME.yaml`, in any case): the one rule for the build and `statik data`.
    package static func isDescription(_ file: String) -> Bool {
        let lower = file.lowercased()
        return lower.hasSuffix(".yml") || lower.hasSuffix(".yaml")
    }
    static let columnKeys = ["type", "count", "label", "unit", "share_of"]

    /// The columns declared text (lower case): the CSV reader never reads them as numbers.
    package var textColumns: Set<String> { Set(columns.filter { $0.value.kind == .text }.keys) }
    /// The columns that hold counts of persons (lower case).
    var countColumns: Set<String> { Set(columns.filter(\.value.count).keys) }
    /// Share column → the count column it is worked out from (both lower case).
    var shares: [String: String] { columns.compactMapValues { $0.shareOf?.lowercased() } }

    /// The rules the data must follow (`checks:`), run once per build.
    var checks: [DataCheck] = []

    /// `table`: the table the described CSV becomes (its checks' SQL names it).
    package static func load(file: String, url: URL, table: String, diagnostics: inout [Diagnostic]) -> DataDescription? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.append(.error(Message(.couldNotReadFile), at: SourceLocation(file: file)))
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.append(.error(Message(.fileNotUtf8Text2), at: SourceLocation(file: file)))
            return nil
        }
        var description = DataDescription(file: file, text: text)
        let source = YAMLSource(file: file, firstLine: 1, text: text)
        let errorsBefore = diagnostics.errors.count
        let node = source.parse(into: &diagnostics)
        guard diagnostics.errors.count == errorsBefore else { return nil }
        guard let node else { return description }  // empty: describes nothing
        guard let mapping = YAMLMapping(node, source: source, what: Message(.mapDataDescription), diagnostics: &diagnostics) else { return nil }
        mapping.warnUnknownKeys(allowed: keys, what: Message(.whatKey), into: &diagnostics)
        description.source = mapping.string("source", into: &diagnostics)
        description.note = mapping.string("note", into: &diagnostics)
        description.catalogue = DatasetMetadata.read(mapping, source: source, diagnostics: &diagnostics)
        if let node = mapping["corrections"] {
            description.corrections = Publishing.corrections(node, in: mapping, diagnostics: &diagnostics)
        }
        if let checks = mapping["checks"] {
            description.checks = DataCheck.read(checks, table: table, mapping: mapping, diagnostics: &diagnostics)
        }
        guard let columnsNode = mapping["columns"] else { return description }
        guard let columns = YAMLMapping(columnsNode, source: source, what: Message(.mapColumns), diagnostics: &diagnostics) else { return nil }
        for pair in columns.pairs {
            let name = pair.key.lowercased()
            let at = source.location(pair.keyMark)
            description.locations[name] = at
            description.sourceLines[name] = source.sourceLine(pair.keyMark)
            guard let settings = YAMLMapping(pair.value, source: source, what: Message(.mapTheColumn, pair.key), diagnostics: &diagnostics) else { continue }
            settings.warnUnknownKeys(allowed: columnKeys, what: Message(.whatColumnSetting), into: &diagnostics)
            var column = Column()
            if let kind = settings.string("type", into: &diagnostics) {
                if let k = Kind(rawValue: kind.lowercased()) { column.kind = k } else {
                    diagnostics.append(Diagnostic(.error, at: settings.location(of: "type"), Message(.typeMustNot, Kind.allCases.map(\.rawValue).joined(separator: ", "), kind), sourceLine: source.sourceLine(settings.pairs.first { $0.key == "type" }?.keyMark)))
                }
            }
            if let node = settings["count"] {
                if let flag = node.bool { column.count = flag } else {
                    diagnostics.append(Diagnostic(.error, at: settings.location(of: "count"), Message(.countMustTrueColumnHolds), sourceLine: source.sourceLine(node.mark)))
                }
            }
            column.label = settings.string("label", into: &diagnostics)
            column.unit = settings.string("unit", into: &diagnostics)
            column.shareOf = settings.string("share_of", into: &diagnostics)
            if column.count && column.kind == .text {
                diagnostics.append(Diagnostic(.error, at: at, Message(.columnCannotBothTextCount, pair.key), sourceLine: source.sourceLine(pair.keyMark)))
            }
            description.columns[name] = column
        }
        return description
    }

    /// Checks the description against the table it describes: every column it names exists,
    /// a share is of a count column, declared numbers are numbers.
    func check(against table: CSVTable, diagnostics: inout [Diagnostic]) {
        let names = Dictionary(table.columns.enumerated().map { ($0.element.lowercased(), $0.offset) }, uniquingKeysWith: { a, _ in a })
        for (name, column) in columns.sorted(by: { $0.key < $1.key }) {
            let at = locations[name] ?? SourceLocation(file: file)
            guard let index = names[name] else {
                let hint = closest(to: name, in: table.columns.map { $0.lowercased() }).map { Message(.didYouMean, $0) } ?? Message(.itsColumnsAre, table.columns)
                diagnostics.append(Diagnostic(.error, at: at, Message(.dataFileHasNoColumn, name, hint), sourceLine: sourceLines[name]))
                continue
            }
            if let share = column.shareOf?.lowercased(), names[share] == nil || columns[share]?.count != true {
                diagnostics.append(Diagnostic(.error, at: at, Message(.shareMustColumnFileDeclared, share), sourceLine: sourceLines[name]))
            }
            let type = table.types[index]
            if column.count && type == .text && column.kind != .text {
                diagnostics.append(Diagnostic(.error, at: at, Message(.columnDeclaredCountButHolds, table.columns[index]), sourceLine: sourceLines[name]))
            }
            switch column.kind {
            case .integer? where type != .integer && !table.rows.isEmpty:
                diagnostics.append(Diagnostic(.error, at: at, Message(.columnDeclaredIntegerButHolds, table.columns[index], type == .real ? Message(.wordNumbersWithDecimals) : Message(.wordText)), sourceLine: sourceLines[name]))
            case .some(let kind) where (kind == .number || kind == .percent) && type == .text && !table.rows.isEmpty:
                diagnostics.append(Diagnostic(.error, at: at, Message(.columnDeclaredButHoldsText, table.columns[index], column.kind!.rawValue), sourceLine: sourceLines[name]))
            default:
                break
            }
        }
    }
}
