package import Foundation
package import StatikCore
package import StatikData
import StatikMarkdown
package import StatikContent

/// Where a page's query runs: `source=NAME` after its name (```` ```sql deltagare source=statistik ````),
/// or, when a source holds the data tables (`data_tables: true`), every query that reads one.
package enum SourceRouting {
    /// `source=NAME` among the words after a block's name, and the words that are not it.
    package static func option(_ words: [String]) -> (source: String?, rest: [String]) {
        var source: String?
        var rest: [String] = []
        for word in words {
            if word.lowercased().hasPrefix("source=") { source = String(word.dropFirst(7)) } else { rest.append(word) }
        }
        return (source, rest)
    }

    /// The source each query runs on (nil: the build's database), in page order. A query sent
    /// to the data tables' source must read only data tables and earlier queries sent there.
    package static func assign(_ queries: [QueryBlock], dataTables: Set<String>, dataTablesSource: String?) -> [String?] {
        var assigned: [String?] = []
        var byName: [SQLName: String?] = [:]
        for query in queries {
            var source = query.source
            if source == nil, let target = dataTablesSource {
                let read = query.tableReferences
                let earlier = read.filter { byName[$0] != nil }
                if read.contains(where: { dataTables.contains($0.key) }), earlier.allSatisfy({ byName[$0]! == target }) { source = target }
            }
            assigned.append(source)
            if byName[SQLName(query.name)] == nil { byName[SQLName(query.name)] = source }
        }
        return assigned
    }

    /// The query a source is asked for a block: the earlier queries on the same source that it
    /// reads go in front of it as common table expressions (as on SQLite). An earlier query that
    /// runs elsewhere cannot be read there.
    package static func query(_ index: Int, of queries: [QueryBlock], sources: [String?], parameters: [String: Value]) -> Result<(query: SourceQuery, prefix: Int), QueryError> {
        let block = queries[index]
        let source = sources[index]
        let earlier = Array(queries[..<index])
        for (i, other) in earlier.enumerated() where block.tableReferences.contains(SQLName(other.name)) && sources[i]?.lowercased() != source?.lowercased() {
            let there = sources[i].map { Message(.onTheSource, $0) } ?? Message(.inThePagesOwnDatabase)
            return .failure(QueryError(message: Message(.queryRunsSourceCannotRead, source ?? "", other.name, there, other.name, source ?? "")))
        }
        let same = earlier.enumerated().filter { sources[$0.offset]?.lowercased() == source?.lowercased() }.map(\.element)
        let (sql, prefix, _, _) = block.composed(earlier: same)
        switch SourceQuery.make(sql: sql, available: parameters) {
        case .success(let query): return .success((query, prefix))
        case .failure(var error):
            error.offset = error.offset.map { $0 }
            return .failure(error)
        }
    }

    /// The `sql` blocks of a page, as the renderer reads them (a name used twice: the first).
    package static func queryBlocks(of page: PageSource) -> [QueryBlock] {
        let document = MarkdownDocument(markdown: page.body, options: .init())
        var blocks: [QueryBlock] = []
        for block in document.fencedCodeBlocks() {
            let words = block.info.split(whereSeparator: \.isWhitespace).map(String.init)
            guard words.count >= 2, words[0] == "sql", isIdentifier(words[1]) else { continue }
            guard !blocks.contains(where: { $0.name.lowercased() == words[1].lowercased() }) else { continue }
            var sql = block.literal
            while let last = sql.last, last.isWhitespace || last == ";" { sql.removeLast() }
            guard !sql.trimming(" \t\n").isEmpty else { continue }
            var query = QueryBlock(name: words[1], sql: sql, line: 0, column: 0)
            query.source = option(Array(words.dropFirst(2))).source
            blocks.append(query)
        }
        return blocks
    }
}

/// The answers of the sources, fetched before pages are rendered: by source (lower case), then
/// by query. A source that could not be used is reported once, at its line of statik.yml.
package struct SourceResults: Sendable {
    var answers: [String: [SourceQuery: Result<QueryResult, QueryError>]] = [:]
    /// Sources that failed as a whole (already reported): their pages say nothing more.
    package var failed: Set<String> = []
    /// The query names each query was asked under, for `statik pull`'s file names.
    var names: [String: [SourceQuery: String]] = [:]

    var isEmpty: Bool { answers.isEmpty && failed.isEmpty }

    package init(answers: [String: [SourceQuery: Result<QueryResult, QueryError>]] = [:], failed: Set<String> = [], names: [String: [SourceQuery: String]] = [:]) {
        self.answers = answers
        self.failed = failed
        self.names = names
    }

    package func answer(source: String, query: SourceQuery) -> Result<QueryResult, QueryError>? {
        answers[source.lowercased()]?[query]
    }

    /// What pages read from the sources, for the preview's digests.
    /// Stable between runs (StableHasher): the render cache keeps it.
    package var digest: StableDigest {
        var hasher = StableHasher()
        func key(_ query: SourceQuery) -> String { "\(query.sql)\(query.parameters.sorted { $0.key < $1.key })" }
        for (source, queries) in answers.sorted(by: { $0.key < $1.key }) {
            hasher.combine(source)
            for (query, result) in queries.sorted(by: { key($0.key) < key($1.key) }) {
                hasher.combine(key(query))
                switch result {
                case .success(let value): hasher.combine(reflecting: value)
                case .failure(let error): hasher.combine(reflecting: error)
                }
            }
        }
        return hasher.finalize()
    }
}

/// How a build uses its sources.
public enum SourceMode: Sendable {
    /// The snapshot when there is one (and the source does not say `refresh: true` while it is
    /// configured), else the source itself.
    case snapshot
    /// The source itself (`statik build --refresh`); an error when it is not configured.
    case refresh
    /// `statik pull`: the source itself, and its answers written as its snapshot.
    case pull
}

package enum SourceStage {
    /// Finds every query of `pages` that runs on a source and gets their answers, one batch per
    /// source: from its snapshot or from the source.
    package static func fetch(pages: [PageSource], config: SiteConfig, dataTables: Set<String>, siteDirectory: URL, mode: SourceMode,
                      environment: [String: String] = ProcessInfo.processInfo.environment, diagnostics: inout [Diagnostic]) async -> SourceResults {
        var results = SourceResults()
        guard !config.sources.isEmpty else { return results }
        let dataTablesSource = config.sources.first(where: \.dataTables)?.name
        let known = Dictionary(config.sources.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        // Each page's queries for each source, found on all cores.
        let found = concurrentMap(pages) { page -> [(source: String, query: SourceQuery, name: String)] in
            guard dataTablesSource != nil || page.body.contains("source=") else { return [] }
            let blocks = SourceRouting.queryBlocks(of: page)
            let sources = SourceRouting.assign(blocks, dataTables: dataTables, dataTablesSource: dataTablesSource)
            var wanted: [(String, SourceQuery, String)] = []
            for (i, source) in sources.enumerated() {
                guard let source, known[source.lowercased()] != nil else { continue }
                if case .success(let made) = SourceRouting.query(i, of: blocks, sources: sources, parameters: page.frontMatter.params) {
                    wanted.append((source.lowercased(), made.query, blocks[i].name))
                }
            }
            return wanted
        }
        var batches: [String: [SourceQuery]] = [:]
        var seen: [String: Set<SourceQuery>] = [:]
        for (source, query, name) in found.joined() {
            if seen[source, default: []].insert(query).inserted {
                batches[source, default: []].append(query)
                results.names[source, default: [:]][query] = name
            } else if let earlier = results.names[source]?[query], name < earlier {
                results.names[source]?[query] = name
            }
        }
        for setting in config.sources {
            let key = setting.name.lowercased()
            guard let queries = batches[key], !queries.isEmpty else { continue }
            let snapshot = Snapshot.folder(of: setting.name, in: siteDirectory)
            let address = setting.address(in: environment)
            let useSnapshot = mode == .snapshot && !(setting.refresh && address != nil) && Snapshot.exists(at: snapshot)
            if useSnapshot {
                switch Snapshot.read(at: snapshot, source: setting.name, siteDirectory: siteDirectory) {
                case .success(let stored):
                    var answers: [SourceQuery: Result<QueryResult, QueryError>] = [:]
                    for query in queries {
                        answers[query] = stored.answer(query) ?? .failure(QueryError(message: Message(.snapshotSourceHasNoAnswer, setting.name, Snapshot.display(snapshot, in: siteDirectory), setting.variable)))
                    }
                    results.answers[key] = answers
                case .failure(let error):
                    diagnostics.append(Diagnostic(.error, at: SourceLocation(file: Snapshot.display(snapshot, in: siteDirectory) + "/" + Snapshot.manifestName), error.message))
                    results.failed.insert(key)
                }
                continue
            }
            guard let address else {
                let why = mode == .snapshot
                    ? Message(.sourceNotConfiguredNoSnapshot, setting.name, setting.variable, Snapshot.display(snapshot, in: siteDirectory))
                    : Message(.sourceNotConfigured, setting.name, setting.variable, mode == .pull ? "statik pull" : "--refresh")
                diagnostics.append(Diagnostic(.error, at: setting.location, why, sourceLine: SiteConfig.line(setting.location.line, in: siteDirectory)))
                results.failed.insert(key)
                continue
            }
            guard let kind = DataSourceKinds.kind(setting.kind) else {
                let known = DataSourceKinds.keys
                diagnostics.append(Diagnostic(.error, at: setting.location, Message(.statikCannotReadSourcesKind, setting.kind, known.isEmpty ? Message(.nothing) : Message(.itReads, known)), sourceLine: SiteConfig.line(setting.location.line, in: siteDirectory)))
                results.failed.insert(key)
                continue
            }
            do throws(SourceError) {
                let source = try kind.open(name: setting.name, address: address, variable: setting.variable)
                let answers = try await source.run(queries)
                await source.close()
                results.answers[key] = Dictionary(zip(queries, answers), uniquingKeysWith: { a, _ in a })
            } catch {
                diagnostics.append(Diagnostic(.error, at: setting.location, error.message, sourceLine: SiteConfig.line(setting.location.line, in: siteDirectory)))
                results.failed.insert(key)
            }
        }
        return results
    }
}
