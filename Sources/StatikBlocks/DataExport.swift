public import Foundation
public import StatikCore
import StatikData
public import StatikContent
import StatikOutput
import StatikSources

/// The site's data tables as Statik reads them (types, `..` as NULL, decimal commas), as a
/// PostgreSQL script: `statik data --postgres`, with which scripts/example-postgres loads the
/// example site's CSV files into a server, so that the same site can be built from both.
public enum DataExport {
    public static func postgresScript(site: URL, edition: Edition = .public) -> (script: String, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var content = ContentTree.load(siteDirectory: site.standardizedFileURL, diagnostics: &diagnostics)
        _ = Editions.select(&content, for: edition)
        var script = "-- The data tables of \(site.standardizedFileURL.lastPathComponent), as statik reads content/data/*.csv.\nBEGIN;\n"
        let descriptions = DataSet.readDescriptions(content.otherDataFiles.filter { DataDescription.isDescription($0.file) }, dataFiles: content.dataFiles.map(\.file), diagnostics: &diagnostics)
        for (file, url) in content.dataFiles.sorted(by: { $0.file < $1.file }) {
            let name = DataSet.tableName(forFile: file)
            let description = descriptions[file.lowercased()]
            guard let data = FileManager.default.contents(atPath: url.path), let format = DataFileFormats.format(of: file) else { continue }
            let table: CSVTable
            do {
                table = try format.table(from: [UInt8](data), textColumns: description?.textColumns ?? [])
            } catch {
                diagnostics.append(.error(error.message, at: SourceLocation(file: file, line: error.line, column: error.column)))
                continue
            }
            let columns = zip(table.columns, table.types).map { column, type in
                "\(quoteIdentifier(column)) " + (type == .integer ? "bigint" : type == .real ? "double precision" : "text")
            }
            script += "DROP TABLE IF EXISTS \(quoteIdentifier(name));\nCREATE TABLE \(quoteIdentifier(name)) (\(columns.joined(separator: ", ")));\n"
            script += "COPY \(quoteIdentifier(name)) FROM stdin;\n"
            for row in table.rows {
                script += row.map(copyText).joined(separator: "\t") + "\n"
            }
            script += "\\.\n"
        }
        return (script + "COMMIT;\n", diagnostics)
    }

    /// A value in COPY's text form.
    private static func copyText(_ value: Value) -> String {
        switch value {
        case .null: return "\\N"
        case .integer(let i): return String(i)
        case .real(let d): return d.isNaN ? "NaN" : d.isInfinite ? (d < 0 ? "-Infinity" : "Infinity") : "\(d)"
        case .text(let s):
            var out = ""
            for c in s.unicodeScalars {
                switch c {
                case "\\": out += "\\\\"
                case "\t": out += "\\t"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                default: out.unicodeScalars.append(c)
                }
            }
            return out
        }
    }
}
