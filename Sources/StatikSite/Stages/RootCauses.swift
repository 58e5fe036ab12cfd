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
        /// Renamed columns: as the queries write it (lower case) → as the header does.
        var renamed: [String: String] = [:]
        /// The queries and checks that were not run, by where they are.
        var skipped: Set<SourceLocation> = []
        /// The description's complaints of a renamed column (told by the header's error when a
        /// query missed the column too; else they stand).
        var described: [Diagnostic] = []
    }

    /// How a diagnostic follows from a table's file.
    private enum Consequence {
        case skipped(renamed: (wanted: String, written: String)?)
        case described(wanted: String, written: String)
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
                if let renamed { causes[table]?.renamed[renamed.wanted] = renamed.written }
            case let (table, .described(wanted, written))?:
                causes[table, default: Cause()].described.append(diagnostic)
                causes[table]?.renamed[wanted] = written
            }
        }
        for (table, cause) in causes.sorted(by: { $0.key < $1.key }) {
            kept += report(cause, of: table, among: kept)
        }
        return kept
    }

    /// The error and the note that stand for what follows from `table`'s file.
    private func report(_ cause: Cause, of table: String, among kept: [Diagnostic]) -> [Diagnostic] {
        guard let file = data.files[table]?.data, !cause.skipped.isEmpty else { return cause.described }
        var out: [Diagnostic] = []
        var at = SourceLocation(file: file)
        if !cause.renamed.isEmpty, let columns = store?.columns(of: table) {
            at = SourceLocation(file: file, line: 1, column: 1)
            let pairs = cause.renamed.sorted { $0.key < $1.key }.map { "\($0.value) → \($0.key)" }
            let header = columns.map { column in cause.renamed.first { $0.value == column }?.key ?? column }
            out.append(.error(Message(.headerNamesColumnsOtherwise, pairs, header), at: at))
        } else if let error = kept.first(where: { $0.location.file == file && $0.severity == .error }) {
            at = error.location
        }
        out.append(Diagnostic(.note, at: at, Message(.readersOfTableSkipped, cause.skipped.count)))
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
           let table = data.files.first(where: { $0.value.description == diagnostic.location.file })?.key,
           let written = store?.columns(of: table)?.first(where: { SQLName($0).plain == SQLName(missing).plain }) {
            return (table, .described(wanted: missing.lowercased(), written: written))
        }
        return nil
    }
}
