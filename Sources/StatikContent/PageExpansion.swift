package import StatikCore
package import StatikData

/// One Markdown file, many pages: `content/regioner/[region].md` stands for a page per row of
/// its `pages:` query, and `content/regioner/[region]/[po].md` for a page per region and
/// programme area, its own `pages:` query bound to each region's row (`:region`).
///
/// The query is the one explicit source of the list: no page is found by following links.
package struct PageExpansion {
    let store: DataStore
    let pages: [PageSource]
    /// The page that lists the rows of each bracketed folder or file: `regioner/[region]` →
    /// `content/regioner/[region].md` (or `content/regioner/[region]/index.md`).
    private let definitions: [String: PageSource]

    package init(pages: [PageSource], store: DataStore) {
        self.pages = pages
        self.store = store
        var definitions: [String: PageSource] = [:]
        for page in pages where page.isTemplate {
            let raw = page.rawComponents
            if page.isIndex, let last = raw.last, ContentTree.isBracketed(last) {
                definitions[raw.joined(separator: "/")] = page
            } else if !page.isIndex, let last = raw.last, ContentTree.isBracketed(last), definitions[raw.joined(separator: "/")] == nil {
                definitions[raw.joined(separator: "/")] = page
            }
        }
        self.definitions = definitions
    }

    /// One level of expansion so far: the parameters of the rows chosen, and the URL path made.
    private struct Step {
        var params: [String: Value]
        var segments: [String]
        var row: [(name: String, value: String)]
    }

    /// Every page of the site: plain pages as they are, templates once per row.
    package func expand(diagnostics: inout [Diagnostic]) -> [PageSource] {
        var result: [PageSource] = []
        var memo: [String: [(segment: String, row: [String: Value], key: String)]?] = [:]
        for page in pages {
            guard page.isTemplate else {
                var plain = page
                plain.frontMatter = page.frontMatter.resolved(with: page.frontMatter.params, file: page.file, diagnostics: &diagnostics)
                result.append(plain)
                continue
            }
            var steps = [Step(params: page.frontMatter.params, segments: [], row: [])]
            var ok = true
            let raw = page.rawComponents
            for (i, component) in raw.enumerated() {
                guard ContentTree.isBracketed(component) else {
                    for j in steps.indices { steps[j].segments.append(component) }
                    continue
                }
                let key = raw[...i].joined(separator: "/")
                guard let definition = definitions[key] else {
                    diagnostics.append(.error(Message(.folderHasNoPageLists, component, component), at: SourceLocation(file: page.file)))
                    ok = false
                    break
                }
                let name = String(component.dropFirst().dropLast())
                var next: [Step] = []
                for step in steps {
                    let memoKey = key + "\u{0}" + step.params.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{0}")
                    let rows: [(segment: String, row: [String: Value], key: String)]?
                    if let known = memo[memoKey] {
                        rows = known
                    } else {
                        rows = self.rows(of: definition, keyColumn: name, params: step.params, diagnostics: &diagnostics)
                        memo[memoKey] = rows
                    }
                    for row in rows ?? [] {
                        var params = step.params
                        params.merge(row.row) { _, new in new }
                        next.append(Step(params: params, segments: step.segments + [row.segment], row: step.row + [(name, row.key)]))
                    }
                    if rows == nil { ok = false }
                }
                steps = next
            }
            guard ok else { continue }
            for step in steps {
                var generated = page
                let segments = page.isIndex ? step.segments : step.segments
                generated.path = segments.joined(separator: "/") + "/"
                generated.folder = (page.isIndex ? segments : Array(segments.dropLast())).joined(separator: "/")
                generated.row = step.row
                generated.frontMatter = page.frontMatter.resolved(with: step.params, file: page.file, diagnostics: &diagnostics)
                result.append(generated)
            }
        }
        return result
    }

    /// The rows of a definition's `pages:` query, each with its URL segment: the `slug` column
    /// when the query has one, otherwise the page title made from the row.
    private func rows(of definition: PageSource, keyColumn: String, params: [String: Value], diagnostics: inout [Diagnostic]) -> [(segment: String, row: [String: Value], key: String)]? {
        let file = definition.file
        guard let sql = definition.frontMatter.pages else {
            diagnostics.append(.error(Message(.fileStandsManyPagesName, keyColumn, keyColumn), at: SourceLocation(file: file, line: 1)))
            return nil
        }
        let at = definition.frontMatter.locations["pages.sql"] ?? SourceLocation(file: file)
        let result: QueryResult
        do {
            result = try store.run(sql, parameters: params)
        } catch {
            let block = QueryBlock(name: "pages", sql: sql, line: at.line, column: at.column)
            let position = error.offset.map { block.location(ofOffset: $0) } ?? (line: at.line, column: at.column)
            diagnostics.append(Diagnostic(.error, at: SourceLocation(file: file, line: position.line, column: position.column), Message(.pagesQuery, error.message), sourceLine: definition.sourceLine(position.line)))
            return nil
        }
        guard let keyIndex = result.columnIndex(keyColumn) else {
            diagnostics.append(.error(Message(.pagesQueryMustReturnColumn, keyColumn, result.columns.joined(separator: ", ")), at: at))
            return nil
        }
        if result.rows.isEmpty {
            diagnostics.append(.warning(Message(.pagesQueryReturnedNoRows, (params.isEmpty ? Message(.nothing) : Message(.forRow, params.keys.sorted().map { "\($0) = \(params[$0]!.plainText)" }.joined(separator: ", ")))), at: at))
        }
        let slugIndex = result.columnIndex("slug")
        var rows: [(segment: String, row: [String: Value], key: String)] = []
        var seen: [String: String] = [:]
        var ok = true
        for (n, values) in result.rows.enumerated() {
            guard !values[keyIndex].isNull else {
                diagnostics.append(.error(Message(.rowPagesQueryHasNo, n + 1, keyColumn), at: at))
                ok = false
                continue
            }
            var row: [String: Value] = [:]
            for (i, column) in result.columns.enumerated() { row[column] = values[i] }
            let key = values[keyIndex].plainText
            let source = slugIndex.map { values[$0] }.flatMap { $0.isNull ? nil : $0.plainText }
                ?? definition.frontMatter.resolved(with: params.merging(row) { _, new in new }, file: file, diagnostics: &diagnostics).title
            let segment = slug(source)
            guard !segment.isEmpty else {
                diagnostics.append(.error(Message(.pageGetsNoUrlTitle, keyColumn, key), at: at))
                ok = false
                continue
            }
            if let other = seen[segment] {
                diagnostics.append(.error(Message(.pagesWouldBothReturnSlug, keyColumn, other, keyColumn, key, segment), at: at))
                ok = false
                continue
            }
            seen[segment] = key
            rows.append((segment, row, key))
        }
        return ok ? rows : nil
    }
}

extension PageSource {
    /// The path components of the file below content/, without `.md`, as written (`regioner`,
    /// `[region]`, `[po]`); an index page ends with its folder.
    var rawComponents: [String] {
        var components = String(file.dropFirst(ContentTree.folder.count + 1).dropLast(3)).split(separator: "/").map(String.init)
        if isIndex { components.removeLast() }
        return components.map { ContentTree.isBracketed($0) ? $0 : ContentTree.urlSegment($0) }
    }
}
