import Foundation
import StatikCore
import StatikData

/// The site's data: every CSV under `content/data/`, loaded into the build's database.
struct DataSet: Sendable {
    var store: DataStore?
    /// Tables whose file could not be read: pages that use them are not blamed for it.
    var brokenTables: Set<String> = []
    /// A digest of each table's file (lower-case table name): what pages that read it depend on.
    var digests: [String: Int] = [:]

    /// `deltagare-po.csv` → `deltagare_po`.
    static func tableName(forFile file: String) -> String {
        let name = (file as NSString).lastPathComponent
        let stem = name.lowercased().hasSuffix(".csv") ? String(name.dropLast(4)) : name
        return CSVTable.columnName(stem)
    }

    static func load(_ files: [(file: String, url: URL)], diagnostics: inout [Diagnostic]) -> DataSet {
        var set = DataSet()
        var tables: [(name: String, table: CSVTable)] = []
        var seen: [String: String] = [:]
        var named: [(file: String, url: URL, name: String)] = []
        for (file, url) in files {
            let name = tableName(forFile: file)
            guard isIdentifier(name), !name.lowercased().hasPrefix("sqlite_") else {
                diagnostics.append(.error("'\(name)' cannot name a table; name the file with letters, digits, - and _ (as in deltagare-po.csv)", at: SourceLocation(file: file)))
                continue
            }
            if let other = seen[name.lowercased()] {
                diagnostics.append(.error("this file and \(other) would both be the table '\(name)'; rename one of them", at: SourceLocation(file: file)))
                continue
            }
            seen[name.lowercased()] = file
            named.append((file, url, name))
        }
        // Read and parsed on all cores; reported in file order.
        let parsed = concurrentMap(named) { file, url, _ -> (digest: Int, result: Result<CSVTable, CSVTable.Problem>)? in
            guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
            var hasher = Hasher()
            hasher.combine(data)
            return (hasher.finalize(), Result { () throws(CSVTable.Problem) in try CSVTable(parsing: [UInt8](data)) })
        }
        for ((file, _, name), outcome) in zip(named, parsed) {
            guard let outcome else {
                diagnostics.append(.error("could not read the file", at: SourceLocation(file: file)))
                set.brokenTables.insert(name)
                continue
            }
            set.digests[name.lowercased()] = outcome.digest
            switch outcome.result {
            case .success(let table):
                for column in table.columns where !isIdentifier(column) {
                    diagnostics.append(.warning("the column name '\(column)' must be quoted in SQL (\"\(column)\"); a name of letters, digits and _ is easier to use", at: SourceLocation(file: file, line: 1)))
                }
                if table.rows.isEmpty {
                    diagnostics.append(.warning("the file has a header row but no data", at: SourceLocation(file: file, line: 2)))
                }
                tables.append((name, table))
            case .failure(let error):
                diagnostics.append(.error(error.message, at: SourceLocation(file: file, line: error.line, column: error.column)))
                set.brokenTables.insert(name)
            }
        }
        do {
            set.store = try DataStore(tables: tables)
        } catch {
            diagnostics.append(.error("could not load the data: \(error.message)", at: SourceLocation(file: "\(ContentTree.folder)/\(ContentTree.dataFolder)")))
        }
        return set
    }
}
