package import Foundation
package import StatikCore
import StatikData
package import StatikContent

/// What `statik pull` wrote for one source.
public struct PulledSnapshot: Sendable, Hashable {
    public var source: String
    /// `content/data/snapshots/statistik`
    public var folder: String
    public var files: Int
    public var rows: Int
    /// Files written, changed or removed by this pull.
    public var changed: Int
}

/// A source's answers kept in the repository (docs/data-sources.md), so that a site builds
/// without its database, and a change of the data is a diff to review:
///
///     content/data/snapshots/statistik/manifest.json
///     content/data/snapshots/statistik/deltagare/region-se1-3f2a9c1b.jsonl
///
/// One file per query and parameter set: a line with the query (source, name, parameters, SQL),
/// a line with its columns, then a line per row (JSON arrays; a whole number as `12`, any
/// other number with a point or an exponent, so the types come back as they went). The
/// manifest lists every file with its row count, column types and SHA-256; a file whose bytes
/// are not the manifest's is refused. Files hold no dates, so a pull of unchanged data changes
/// nothing.
package enum Snapshot {
    static let manifestName = "manifest.json"
    static let folderName = "snapshots"

    static func folder(of source: String, in site: URL) -> URL {
        site.appendingPathComponent(ContentTree.folder).appendingPathComponent(ContentTree.dataFolder)
            .appendingPathComponent(folderName).appendingPathComponent(source)
    }

    static func display(_ folder: URL, in site: URL) -> String {
        let base = site.standardizedFileURL.path
        let path = folder.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    static func exists(at folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(manifestName).path)
    }

    // MARK: - Keys and encoding

    /// The identity of a query and its parameter set: its SQL and its parameters (by name,
    /// typed), hashed.
    static func key(_ query: SourceQuery) -> String {
        var text = query.sql
        for (name, value) in query.parameters.sorted(by: { $0.key.lowercased() < $1.key.lowercased() }) {
            text += "\u{0}" + name.lowercased() + "=" + json(value)
        }
        return SHA256.hex(Array(text.utf8))
    }

    static func json(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .integer(let i): return String(i)
        case .real(let d):
            if d.isNaN { return "{\"real\": \"NaN\"}" }
            if d.isInfinite { return d < 0 ? "{\"real\": \"-Infinity\"}" : "{\"real\": \"Infinity\"}" }
            let text = "\(d)"  // the shortest digits that read back as d; always a point or an exponent
            return text.contains(".") || text.contains("e") ? text : text + ".0"
        case .text(let s): return json(s)
        }
    }

    static func json(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func object(_ pairs: [(String, String)]) -> String {
        "{" + pairs.map { json($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
    }

    static func parameters(_ query: SourceQuery) -> String {
        object(query.parameters.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) })
    }

    /// The text of a file: query, columns, rows.
    static func file(source: String, name: String, query: SourceQuery, result: QueryResult) -> String {
        var lines = [object([("source", json(source)), ("query", json(name)), ("parameters", parameters(query)), ("sql", json(query.sql))])]
        lines.append(object([("columns", "[" + result.columns.map { json($0) }.joined(separator: ", ") + "]")]))
        for row in result.rows { lines.append("[" + row.map { json($0) }.joined(separator: ", ") + "]") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A column's type as the snapshot records it: what its values are.
    static func columnType(_ values: [Value]) -> String {
        var kinds: [String] = []
        for value in values {
            let kind: String
            switch value {
            case .null: continue
            case .integer: kind = "integer"
            case .real: kind = "real"
            case .text: kind = "text"
            }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds.isEmpty ? "null" : kinds.sorted().joined(separator: "|")
    }

    // MARK: - Reading

    struct Stored: Sendable {
        var folder: URL
        /// key → (file relative to the folder, its SHA-256)
        var entries: [String: (file: String, sha256: String)]

        func answer(_ query: SourceQuery) -> Result<QueryResult, QueryError>? {
            guard let entry = entries[Snapshot.key(query)] else { return nil }
            let url = folder.appendingPathComponent(entry.file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return .failure(QueryError(message: Message(.snapshotFileManifestListsMissing, entry.file)))
            }
            guard SHA256.hex(data) == entry.sha256 else {
                return .failure(QueryError(message: Message(.snapshotFileNotWhatStatik, entry.file)))
            }
            var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)[...]
            guard let head = lines.popFirst().flatMap({ JSONText.parse(String($0)) }), case .object(let header) = head,
                  case .string(let sql)? = header["sql"], sql == query.sql,
                  let second = lines.popFirst().flatMap({ JSONText.parse(String($0)) }), case .object(let described) = second,
                  case .array(let names)? = described["columns"] else {
                return .failure(QueryError(message: Message(.snapshotFileCannotReadRun, entry.file)))
            }
            let columns = names.compactMap { if case .string(let s) = $0 { s } else { nil } }
            var rows: [[Value]] = []
            for line in lines {
                guard case .array(let cells)? = JSONText.parse(String(line)), cells.count == columns.count else {
                    return .failure(QueryError(message: Message(.snapshotFileHasRowCannot, entry.file)))
                }
                rows.append(cells.map(\.value))
            }
            return .success(QueryResult(columns: columns, rows: rows))
        }
    }

    static func read(at folder: URL, source: String, siteDirectory: URL) -> Result<Stored, SourceError> {
        let manifest = folder.appendingPathComponent(manifestName)
        guard let data = FileManager.default.contents(atPath: manifest.path),
              case .object(let top)? = JSONText.parse(String(decoding: data, as: UTF8.self)),
              case .array(let queries)? = top["queries"] else {
            return .failure(SourceError(Message(.snapshotSManifestSourceCannot, source)))
        }
        var entries: [String: (file: String, sha256: String)] = [:]
        for entry in queries {
            guard case .object(let fields) = entry, case .string(let file)? = fields["file"], case .string(let key)? = fields["key"],
                  case .string(let sha)? = fields["sha256"], !file.contains(".."), !file.hasPrefix("/") else {
                return .failure(SourceError(Message(.snapshotSManifestSourceHas, source)))
            }
            entries[key] = (file, sha)
        }
        return .success(Stored(folder: folder, entries: entries))
    }

    // MARK: - Writing (statik pull)

    /// Writes each source's snapshot whose queries all succeeded: the files that changed, a
    /// new manifest, and the files no query needs any more removed.
    package static func write(_ results: SourceResults, config: SiteConfig, siteDirectory: URL, diagnostics: inout [Diagnostic]) -> [PulledSnapshot] {
        var pulled: [PulledSnapshot] = []
        for setting in config.sources {
            let key = setting.name.lowercased()
            guard let answers = results.answers[key], !results.failed.contains(key) else { continue }
            let folder = folder(of: setting.name, in: siteDirectory)
            let shown = display(folder, in: siteDirectory)
            let failures = answers.values.filter { if case .failure = $0 { true } else { false } }.count
            if failures > 0 {
                diagnostics.append(Diagnostic(.error, at: setting.location, failures == 1 ? Message(.oneSourceQueryFailed, setting.name, shown) : Message(.sourceQueriesFailed, failures, setting.name, shown), sourceLine: SiteConfig.line(setting.location.line, in: siteDirectory)))
                continue
            }
            var files: [(path: String, text: String, entry: String)] = []
            var used: Set<String> = []
            for (query, result) in answers {
                guard case .success(let table) = result else { continue }
                let name = results.names[key]?[query] ?? "query"
                let hash = Snapshot.key(query)
                let slugged = query.parameters.sorted { $0.key < $1.key }.map { slug("\($0.key)-\($0.value.plainText)") }.joined(separator: "-")
                var stem = (slugged.isEmpty ? "alla" : String(slugged.prefix(80))) + "-" + hash.prefix(8)
                while used.contains("\(slug(name))/\(stem)") { stem += "x" }
                let path = "\(slug(name).isEmpty ? "query" : slug(name))/\(stem).jsonl"
                used.insert(path)
                let text = file(source: setting.name, name: name, query: query, result: table)
                let types = table.columns.indices.map { c in "[" + json(table.columns[c]) + ", " + json(columnType(table.rows.map { $0[c] })) + "]" }
                let entry = object([("file", json(path)), ("query", json(name)), ("parameters", parameters(query)), ("rows", String(table.rows.count)),
                                    ("columns", "[" + types.joined(separator: ", ") + "]"), ("sha256", json(SHA256.hex(Array(text.utf8)))), ("key", json(hash))])
                files.append((path, text, entry))
            }
            files.sort { $0.path < $1.path }
            var changed = 0
            do throws(SystemFiles.Failure) {
                try SystemFiles.makeFolders(folder.path)
                // Files of an earlier pull that no query needs now.
                let wanted = Set(files.map(\.path))
                var stale: [String] = []
                walkFolder(folder.path) { relative, entry in
                    if entry != .folder, relative.hasSuffix(".jsonl"), !wanted.contains(relative) { stale.append(relative) }
                }
                for relative in stale {
                    let stalePath = folder.appendingPathComponent(relative).path
                    if unlink(stalePath) != 0 { throw SystemFiles.Failure(message: Message(.couldNotRemoveFile, stalePath, SystemReason.last)) }
                    changed += 1
                }
                for (path, text, _) in files {
                    let url = folder.appendingPathComponent(path)
                    let bytes = Data(text.utf8)
                    if FileManager.default.contents(atPath: url.path) == bytes { continue }
                    try SystemFiles.makeFolders(url.deletingLastPathComponent().path)
                    try SystemFiles.write(bytes, to: url.path)
                    changed += 1
                }
                // Folders left empty (a folder is visited after what is in it).
                walkFolder(folder.path) { relative, entry in
                    if entry == .folder { rmdir(folder.path + "/" + relative) }
                }
                let manifest = "{\n  \"source\": \(json(setting.name)),\n  \"kind\": \(json(setting.kind)),\n  \"queries\": [\n"
                    + files.map { "    " + $0.entry }.joined(separator: ",\n") + "\n  ]\n}\n"
                let manifestURL = folder.appendingPathComponent(manifestName)
                if FileManager.default.contents(atPath: manifestURL.path) != Data(manifest.utf8) {
                    try SystemFiles.write(Data(manifest.utf8), to: manifestURL.path)
                }
            } catch {
                diagnostics.append(.error(Message(.couldNotWriteSnapshot, error.message), at: SourceLocation(file: shown)))
                continue
            }
            pulled.append(PulledSnapshot(source: setting.name, folder: shown, files: files.count, rows: answers.values.reduce(0) { $0 + ((try? $1.get())?.rows.count ?? 0) }, changed: changed))
        }
        return pulled
    }
}
