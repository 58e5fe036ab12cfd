import StatikCore
import StatikData
import StatikContent

/// The build's problems as a writer should read them: each cause once, at its own file and
/// line, and what merely follows from it not reported again one by one.
///
/// - A data file that could not be read is one error, where it went wrong; the queries and
///   checks that read its table (`det finns ingen tabell …`) are dropped and counted in one note
///   under it.
/// - A header row that names a column otherwise than the queries and the description do
///   (`Programområde` where they write `programomrade`, as Excel saves a header retyped) is one
///   error at line 1 of the data file, naming each name as the header writes it and as they
///   do, and the header to write; the queries and checks that missed those columns are dropped
///   and counted in one note.
struct RootCauses {
    /// What follows from one table's file.
    private struct Cause {
        /// Renamed columns: as the queries write it (lower case) → as the header does (nil:
        /// the header has no column like it; `written(_:)` looks for the one that took its place).
        var renamed: [String: String?] = [:]
        /// The queries and checks that were not run, by where they are.
        var skipped: Set<SourceLocation> = []
        /// The description's complaints of a renamed column (told by the header's error when a
        /// query missed the column too; else they stand), with the name they miss.
        var described: [(diagnostic: Diagnostic, wanted: String, written: String?)] = []
        /// The names the queries missed.
        var queried: Set<String> = []
    }

    /// How a diagnostic follows from a table's file.
    private enum Consequence {
        case skipped(renamed: (wanted: String, written: String?)?)
        case described(wanted: String, written: String?)
    }

    let data: DataSet
    let store: DataStore?

    /// `diagnostics` without the consequences of a cause, with the causes' errors and notes.
    func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var causes: [String: Cause] = [:]
        var kept: [Diagnostic] = []
        for diagnostic in diagnostics {
            switch consequence(diagnostic) {
            case nil:
                kept.append(diagnostic)
            case let (table, .skipped(renamed))?:
                causes[table, default: Cause()].skipped.insert(diagnostic.location)
                if let renamed, causes[table]?.renamed[renamed.wanted] == nil || renamed.written != nil {
                    causes[table]?.renamed[renamed.wanted] = .some(renamed.written)
                }
                if let renamed { causes[table]?.queried.insert(renamed.wanted) }
            case let (table, .described(wanted, written))?:
                causes[table, default: Cause()].described.append((diagnostic, wanted, written))
            }
        }
        for (table, cause) in causes.sorted(by: { $0.key < $1.key }) {
            kept += report(cause, of: table, among: kept)
        }
        return kept
    }

    /// The error and the note that stand for what follows from `table`'s file.
    private func report(_ cause: Cause, of table: String, among kept: [Diagnostic]) -> [Diagnostic] {
        guard let file = data.files[table]?.data, !cause.skipped.isEmpty else { return cause.described.map(\.diagnostic) }
        var cause = cause
        // The description's complaint stands on its own unless a query missed the name too, or
        // the header writes the name otherwise (then the header is what changed).
        var out: [Diagnostic] = []
        for described in cause.described {
            if described.written != nil || cause.queried.contains(described.wanted) {
                if cause.renamed[described.wanted] == nil || described.written != nil { cause.renamed[described.wanted] = .some(described.written) }
            } else {
                out.append(described.diagnostic)
            }
        }
        var at = SourceLocation(file: file)
        if !cause.renamed.isEmpty, let columns = store?.columns(of: table) {
            at = SourceLocation(file: file, line: 1, column: 1)
            let renamed = Self.written(cause.renamed, header: columns, described: data.describedColumns(of: table))
            let missing = renamed.filter { $0.value == nil }.keys.sorted()
            if missing.isEmpty {
                let pairs = renamed.sorted { $0.key < $1.key }.map { "\($0.value!) → \($0.key)" }
                let header = columns.map { column in renamed.first { $0.value == column }?.key ?? column }
                out.append(.error(Message(.headerNamesColumnsOtherwise, pairs, header), at: at))
            } else {
                out.append(.error(Message(.headerLacksColumns, missing, columns), at: at))
            }
        } else if let error = kept.first(where: { $0.location.file == file && $0.severity == .error }) {
            at = error.location
        }
        out.append(Diagnostic(.note, at: at, Message(.readersOfTableSkipped, cause.skipped.count)))
        return out
    }

    /// The renamed columns with, for each the header has no column like, the header's column that
    /// took its place when one is clear: a column neither the description names nor another
    /// renamed column is written as, whose name holds the missing one's or is held by it
    /// (`Antal kvinnor` for `kvinnor`; neither shorter than three letters), and only one such.
    static func written(_ renamed: [String: String?], header: [String], described: Set<String>) -> [String: String?] {
        let taken = Set(renamed.values.compactMap { $0 })
        let free = header.filter { !taken.contains($0) && !described.contains($0.lowercased()) }
        var out = renamed
        for (wanted, written) in renamed where written == nil {
            let plain = SQLName(wanted).plain
            let candidates = free.filter { column in
                let h = SQLName(column).plain
                return min(h.count, plain.count) >= 3 && (h.contains(plain) || plain.contains(h))
            }
            if candidates.count == 1 { out[wanted] = candidates[0] }
        }
        return out
    }

    /// The table whose file `diagnostic` follows from, and how; nil when it is a cause itself.
    private func consequence(_ diagnostic: Diagnostic) -> (table: String, Consequence)? {
        let text = diagnostic.text
        if let missing = (text.find(.sqlNoSuchTable) ?? text.find(.sqlNoSuchTableDidYouMean))?.value(1)?.lowercased(),
           data.brokenTables.contains(where: { $0.lowercased() == missing }) {
            return (missing, .skipped(renamed: nil))
        }
        if let other = text.find(.sqlColumnWrittenOtherwiseInHeader), let name = other.value(1), let table = other.value(2), let written = other.value(3) {
            let bare = name.split(separator: ".").last.map(String.init) ?? name
            return (table.lowercased(), .skipped(renamed: (bare.lowercased(), written)))
        }
        if let missing = text.find(.dataFileHasNoColumn)?.value(1),
           let table = data.files.first(where: { $0.value.description == diagnostic.location.file })?.key, let columns = store?.columns(of: table) {
            let written = columns.first { SQLName($0).plain == SQLName(missing).plain }
            return (table, .described(wanted: missing.lowercased(), written: written))
        }
        // A column the queries miss that a table's description names and its header lacks:
        // the header changed (a column retyped in Excel), not the query.
        if let name = (text.find(.sqlNoSuchColumn) ?? text.find(.sqlNoSuchColumnDidYouMean))?.value(1) {
            let bare = (name.split(separator: ".").last.map(String.init) ?? name).lowercased()
            let tables = data.files.keys.filter { table in
                data.describedColumns(of: table).contains(bare) && !(store?.columns(of: table)?.contains { SQLName($0) == SQLName(bare) } ?? true)
            }
            if tables.count == 1 { return (tables[0], .skipped(renamed: (bare, nil))) }
        }
        return nil
    }
}
