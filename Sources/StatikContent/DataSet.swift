package import Foundation
package import StatikCore
package import StatikData

/// The site's data: every data file under `content/data/` (CSV, or another of
/// `DataFileFormats`), loaded into the build's database.
package struct DataSet: Sendable {
    package var store: DataStore?
    /// Tables whose file could not be read: pages that use them are not blamed for it.
    package var brokenTables: Set<String> = []
    /// Each table's data file and its description's file, if any (lower-case table name).
    package var files: [String: (data: String, description: String?)] = [:]
    /// A digest of each table's file (lower-case table name): what pages that read it depend on.
    package var digests: [String: StableDigest] = [:]
    /// A digest of each table's shape (lower-case table name): its description, columns, their
    /// types and percent columns — all of what pages read of it but its rows. A page whose
    /// queries give what they gave, from tables of the same shape, is the same page (RenderCache's
    /// `results`).
    package var shapes: [String: StableDigest] = [:]
    /// How many of the data files' checks ran.
    package var checksRun = 0
    /// What the data files' descriptions say (`DataDescription`), by lower-case table name.
    var descriptions: [String: DataDescription] = [:]
    /// What the descriptions say for the open-data catalogue, by lower-case table name, with
    /// each file's `source:`.
    package var catalogue: [String: (metadata: DatasetMetadata, source: String?)] {
        descriptions.mapValues { ($0.catalogue, $0.source) }
    }

    /// The corrections the data files' descriptions declare (`corrections:`), by lower-case
    /// table name, newest first.
    package var corrections: [String: [Publishing.Correction]] {
        descriptions.mapValues(\.corrections).filter { !$0.value.isEmpty }
    }

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
        CSVTable.columnName(DataFileFormats.stem(of: (file as NSString).lastPathComponent))
    }

    /// `descriptions`: the YAML files of the data folder; `x.yml` describes `x.csv` (or
    /// `x.tsv`, …) beside it.
    package static func load(_ files: [(file: String, url: URL)], descriptions: [(file: String, url: URL)] = [], diagnostics: inout [Diagnostic]) -> DataSet {
        var set = DataSet()
        let described = readDescriptions(descriptions, dataFiles: files.map(\.file), diagnostics: &diagnostics)
        let named = tableNames(files, diagnostics: &diagnostics)
        let parsed = parse(named, described: described)
        var tables: [(name: String, table: CSVTable)] = []
        for (file, outcome) in zip(named, parsed) {
            if let table = set.add(outcome, of: file, description: described[file.file.lowercased()], diagnostics: &diagnostics) {
                tables.append((file.name, table))
            }
        }
        do {
            set.store = try DataStore(tables: tables)
        } catch {
            diagnostics.append(.error(Message(.couldNotLoadData, error.message), at: SourceLocation(file: "\(ContentTree.folder)/\(ContentTree.dataFolder)")))
        }
        set.runChecks(diagnostics: &diagnostics)
        return set
    }

    /// The descriptions of the data files, by the (lower-case) path of the data file each
    /// describes; one with no data file beside it is a warning.
    package static func readDescriptions(_ descriptions: [(file: String, url: URL)], dataFiles: [String], diagnostics: inout [Diagnostic]) -> [String: DataDescription] {
        let byStem = Dictionary(dataFiles.map { (DataFileFormats.stem(of: $0).lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        var described: [String: DataDescription] = [:]
        for (file, url) in descriptions {
            let stem = (file as NSString).deletingPathExtension
            guard let dataFile = byStem[stem.lowercased()] else {
                diagnostics.append(.warning(Message(.describesCsvButThereNo, (stem as NSString).lastPathComponent, DataFileFormats.endings), at: SourceLocation(file: file)))
                continue
            }
            if let description = DataDescription.load(file: file, url: url, table: tableName(forFile: dataFile), diagnostics: &diagnostics) {
                described[dataFile.lowercased()] = description
            }
        }
        return described
    }

    /// A data file and the table it becomes.
    struct NamedFile {
        var file: String
        var url: URL
        var name: String
    }

    /// The files whose names make tables: a name SQL cannot use unquoted, or one that two
    /// files would both make, is an error.
    static func tableNames(_ files: [(file: String, url: URL)], diagnostics: inout [Diagnostic]) -> [NamedFile] {
        var seen: [String: String] = [:]
        var named: [NamedFile] = []
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
            named.append(NamedFile(file: file, url: url, name: name))
        }
        return named
    }

    /// A data file read: the digest pages that read its table depend on (its bytes and its
    /// description), and its table or why it has none. Nil: the file could not be read.
    typealias Parsed = (digest: StableDigest, result: Result<CSVTable, CSVTable.Problem>)?

    /// The files read and parsed on all cores, in the order of `files`.
    static func parse(_ files: [NamedFile], described: [String: DataDescription]) -> [Parsed] {
        concurrentMap(files) { named -> Parsed in
            guard let data = FileManager.default.contents(atPath: named.url.path),
                  let format = DataFileFormats.format(of: named.file) else { return nil }
            var hasher = StableHasher()
            hasher.combine(contentHash(data))
            let description = described[named.file.lowercased()]
            hasher.combine(description?.text)  // the description is part of what pages read
            let textColumns = description?.textColumns ?? []
            return (hasher.finalize(), Result { () throws(CSVTable.Problem) in try format.table(from: [UInt8](data), textColumns: textColumns) })
        }
    }

    /// Takes in a file as it was read: its digest, its description and its percent columns,
    /// with what there is to say about it. Answers its table, nil when it has none (a broken
    /// table, then).
    mutating func add(_ parsed: Parsed, of named: NamedFile, description: DataDescription?, diagnostics: inout [Diagnostic]) -> CSVTable? {
        let file = named.file, key = named.name.lowercased()
        files[key] = (file, description?.file)
        guard let parsed else {
            diagnostics.append(.error(Message(.couldNotReadFile), at: SourceLocation(file: file)))
            brokenTables.insert(named.name)
            return nil
        }
        digests[key] = parsed.digest
        let table: CSVTable
        switch parsed.result {
        case .success(let read):
            table = read
            var shape = StableHasher()
            shape.combine(description?.text)
            shape.combine(read.columns)
            shape.combine(read.types.map(\.rawValue))
            shape.combine(read.percentColumns.sorted().map(String.init))
            shapes[key] = shape.finalize()
        case .failure(let error):
            diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: error.line, column: error.column), error.message, sourceLine: error.sourceLine))
            brokenTables.insert(named.name)
            return nil
        }
        if table.readAsWindows1252 {
            diagnostics.append(Diagnostic(.note, at: SourceLocation(file: file), Message(.fileNotUtf8Was)))
        }
        if let first = table.emptyRowLines.first {
            diagnostics.append(Diagnostic(.note, at: SourceLocation(file: file, line: first), Message(.rowsWithoutValuesSkipped, Self.lineRanges(table.emptyRowLines))))
        }
        if let description {
            description.check(against: table, diagnostics: &diagnostics)
            descriptions[key] = description
        }
        for column in table.columns where !isIdentifier(column) {
            diagnostics.append(.warning(Message(.columnNameMustQuotedSql, column, quoteIdentifier(column)), at: SourceLocation(file: file, line: 1)))
        }
        if table.rows.isEmpty {
            diagnostics.append(.warning(Message(.fileHasHeaderRowBut), at: SourceLocation(file: file, line: 2)))
        }
        var percent = Set(table.percentColumns.map { table.columns[$0].lowercased() })
        percent.formUnion(descriptions[key]?.columns.filter { $0.value.kind == .percent }.keys ?? [:].keys)
        if !percent.isEmpty { percentColumns[key] = percent }
        return table
    }

    /// The columns `table`'s description names (lower case): what the queries may rely on.
    package func describedColumns(of table: String) -> Set<String> {
        Set(descriptions[table.lowercased()]?.columns.keys ?? [:].keys)
    }

    /// `[7, 8, 9, 12]` → `7–9, 12`.
    static func lineRanges(_ lines: [Int]) -> String {
        var ranges: [(first: Int, last: Int)] = []
        for line in lines {
            if let last = ranges.last, last.last + 1 == line { ranges[ranges.count - 1].last = line } else { ranges.append((line, line)) }
        }
        return ranges.map { $0.first == $0.last ? "\($0.first)" : "\($0.first)–\($0.last)" }.joined(separator: ", ")
    }

    /// The data files' own checks, once per build (the tables of a file that could not be
    /// read are not checked: their problem is reported already).
    mutating func runChecks(diagnostics: inout [Diagnostic]) {
        guard let store else { return }
        for (name, description) in descriptions.sorted(by: { $0.key < $1.key }) where !brokenTables.contains(name) {
            for check in description.checks {
                checksRun += 1
                if let failure = check.run(on: store) { diagnostics.append(failure) }
            }
        }
    }
}
