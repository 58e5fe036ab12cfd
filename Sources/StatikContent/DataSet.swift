package import Foundation
package import StatikCore
package import StatikData

/// The site's data: every CSV under `content/data/`, loaded into the build's database.
package struct DataSet: Sendable {
    package var store: DataStore?
    /// Tables whose file could not be read: pages that use them are not blamed for it.
    package var brokenTables: Set<String> = []
    /// A digest of each table's file (lower-case table name): what pages that read it depend on.
    package var digests: [String: StableDigest] = [:]
    /// How many of the data files' checks ran.
    package var checksRun = 0
    /// What the data files' descriptions say (`DataDescription`), by lower-case table name.
    var descriptions: [String: DataDescription] = [:]

    /// Disclosure control's defaults: the count columns and shares of every described table.
    package var disclosure: Disclosure {
        Disclosure(countColumns: descriptions.mapValues(\.countColumns).filter { !$0.value.isEmpty },
                   shares: descriptions.mapValues(\.shares).filter { !$0.value.isEmpty },
                   percentColumns: percentColumns)
    }
    /// Columns written with `%` in the file or declared `type: percent`, by lower-case table.
    var percentColumns: [String: Set<String>] = [:]

    /// `deltagare-po.csv` → `deltagare_po`.
    package static func tableName(forFile file: String) -> String {
        let name = (file as NSString).lastPathComponent
        let stem = name.lowercased().hasSuffix(".csv") ? String(name.dropLast(4)) : name
        return CSVTable.columnName(stem)
    }

    /// `descriptions`: the YAML files of the data folder; `x.yml` describes `x.csv` beside it.
    package static func load(_ files: [(file: String, url: URL)], descriptions: [(file: String, url: URL)] = [], diagnostics: inout [Diagnostic]) -> DataSet {
        var set = DataSet()
        var described: [String: DataDescription] = [:]  // by the CSV's path
        let csvFiles = Set(files.map { $0.file.lowercased() })
        for (file, url) in descriptions {
            let stem = (file as NSString).deletingPathExtension
            guard csvFiles.contains((stem + ".csv").lowercased()) else {
                diagnostics.append(.warning(Message(.describesCsvButThereNo, (stem as NSString).lastPathComponent), at: SourceLocation(file: file)))
                continue
            }
            if let description = DataDescription.load(file: file, url: url, table: tableName(forFile: stem + ".csv"), diagnostics: &diagnostics) {
                described[(stem + ".csv").lowercased()] = description
            }
        }
        var tables: [(name: String, table: CSVTable)] = []
        var seen: [String: String] = [:]
        var named: [(file: String, url: URL, name: String)] = []
        for (file, url) in files {
            let name = tableName(forFile: file)
            guard isIdentifier(name), !name.lowercased().hasPrefix("sqlite_") else {
                diagnostics.append(.error(Message(.cannotNameTableNameFile, name), at: SourceLocation(file: file)))
                continue
            }
            if let other = seen[name.lowercased()] {
                diagnostics.append(.error(Message(.fileWouldBothTableRename, other, name), at: SourceLocation(file: file)))
                continue
            }
            seen[name.lowercased()] = file
            named.append((file, url, name))
        }
        let descriptionOf = described
        // Read and parsed on all cores; reported in file order.
        let parsed = concurrentMap(named) { file, url, _ -> (digest: StableDigest, result: Result<CSVTable, CSVTable.Problem>)? in
            guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
            var hasher = StableHasher()
            hasher.combine(contentHash(data))
            let description = descriptionOf[file.lowercased()]
            hasher.combine(description?.text)  // the description is part of what pages read
            let textColumns = description?.textColumns ?? []
            return (hasher.finalize(), Result { () throws(CSVTable.Problem) in try CSVTable(parsing: [UInt8](data), textColumns: textColumns) })
        }
        for ((file, _, name), outcome) in zip(named, parsed) {
            guard let outcome else {
                diagnostics.append(.error(Message(.couldNotReadFile), at: SourceLocation(file: file)))
                set.brokenTables.insert(name)
                continue
            }
            set.digests[name.lowercased()] = outcome.digest
            switch outcome.result {
            case .success(let table):
                if table.readAsWindows1252 {
                    diagnostics.append(Diagnostic(.note, at: SourceLocation(file: file), Message(.fileNotUtf8Was)))
                }
                if let description = described[file.lowercased()] {
                    description.check(against: table, diagnostics: &diagnostics)
                    set.descriptions[name.lowercased()] = description
                }
                for column in table.columns where !isIdentifier(column) {
                    diagnostics.append(.warning(Message(.columnNameMustQuotedSql, column, quoteIdentifier(column)), at: SourceLocation(file: file, line: 1)))
                }
                if table.rows.isEmpty {
                    diagnostics.append(.warning(Message(.fileHasHeaderRowBut), at: SourceLocation(file: file, line: 2)))
                }
                var percent = Set(table.percentColumns.map { table.columns[$0].lowercased() })
                percent.formUnion(set.descriptions[name.lowercased()]?.columns.filter { $0.value.kind == .percent }.keys ?? [:].keys)
                if !percent.isEmpty { set.percentColumns[name.lowercased()] = percent }
                tables.append((name, table))
            case .failure(let error):
                diagnostics.append(.error(error.message, at: SourceLocation(file: file, line: error.line, column: error.column)))
                set.brokenTables.insert(name)
            }
        }
        do {
            set.store = try DataStore(tables: tables)
        } catch {
            diagnostics.append(.error(Message(.couldNotLoadData, error.message), at: SourceLocation(file: "\(ContentTree.folder)/\(ContentTree.dataFolder)")))
        }
        // The data files' own checks, once per build (the tables of a file that could not be
        // read are not checked: their problem is reported already).
        if let store = set.store {
            for (name, description) in set.descriptions.sorted(by: { $0.key < $1.key }) where !set.brokenTables.contains(name) {
                for check in description.checks {
                    set.checksRun += 1
                    if let failure = check.run(on: store) { diagnostics.append(failure) }
                }
            }
        }
        return set
    }
}
