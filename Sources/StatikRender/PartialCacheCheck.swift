import StatikCore

/// Finds where a theme's cached partials are included, checks that each reads nothing its keys
/// do not cover, and makes the plan (PartialCachePlan). Names resolve as in ThemeCheck: through
/// the sections around them, outwards; here each also gets its place in the context, a path
/// (`site.menu[].children[].url`: `[]` is a list's item), which a key covers when it is the
/// key's path or below it.
struct PartialCacheCheck {
    let sources: [String: String]
    let tags: [String: [MustacheTag]]
    /// Each template's file as messages name it.
    let files: [String: String]
    /// Partial → its declaration, and whether the declaration is the partial's own (made in the
    /// layer that holds the partial): only an own declaration's problems are errors; one a
    /// theme inherits for a partial it overrides is left unused when it does not fit.
    let declarations: [String: (declaration: PartialCacheDeclaration, own: Bool)]

    private enum Scope: Equatable {
        case item(path: String, fields: [String], list: Bool)
        /// A section that does not change the context (a flag, an inverted section).
        case same
        /// Any name (`params`).
        case open(path: String)
    }

    /// An include of a cached partial, with the sections around it.
    private struct Site {
        var template: String
        var tag: MustacheTag
        var scopes: [Scope]
    }

    private struct Read {
        var path: String
        var inverted: Bool
        var tag: MustacheTag
        var template: String
    }

    func plan(diagnostics: inout [Diagnostic]) -> PartialCachePlan {
        for (partial, entry) in declarations.sorted(by: { $0.key < $1.key }) where sources[partial] == nil && entry.own {
            diagnostics.append(.error(Message(.themeCachePartialMissing, partial, sources.keys.filter { $0.hasPrefix("partials/") }.sorted().joined(separator: ", ")), at: entry.declaration.location))
        }
        var sites: [Site] = []
        let included = Set(tags.values.flatMap { $0.filter { $0.kind == .partial }.map(\.name) })
        for name in sources.keys.sorted() where !included.contains(name) {
            walk(name, scopes: [.item(path: "", fields: ThemeContract.root.map(\.name), list: false)], expanding: [], sites: &sites)
        }
        // One include reached with different sections around it (from two layouts) is cached
        // only if it means the same in all.
        var byTag: [String: [Site]] = [:]
        for site in sites { byTag["\(site.template)@\(site.tag.start)", default: []].append(site) }
        var plan = PartialCachePlan()
        var replacements: [String: [(range: Range<Int>, text: String)]] = [:]
        for key in byTag.keys.sorted() {
            let reached = byTag[key]!
            let made = reached.map { include($0, diagnostics: &diagnostics) }
            guard var first = made[0], made.allSatisfy({ $0?.list == first.list && $0?.keys == first.keys }) else { continue }
            first.name = "statik-cached-\(plan.includes.count + 1)"
            let site = reached[0]
            if first.list != nil, let whole = wholeSection(around: site) {
                // All of its list's section: the list is gone through here, not by Mustache.
                first.wholeList = true
                replacements[site.template, default: []].append((whole.range, whole.standalone ? "{{> \(first.name)}}" : "{{{\(first.name)}}}"))
            } else {
                replacements[site.template, default: []].append((site.tag.start..<site.tag.end, "{{> \(first.name)}}"))
            }
            plan.includes.append(first)
        }
        for (template, found) in replacements {
            var bytes = Array(sources[template]!.utf8)
            for (range, text) in found.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
                bytes.replaceSubrange(range, with: Array(text.utf8))
            }
            plan.rewritten[template] = String(decoding: bytes, as: UTF8.self)
        }
        return plan
    }

    /// The list section an include is all of, in one of two spellings whose output is the
    /// partial's for each item and nothing else: `{{#list}}{{> p}}{{/list}}` (replaced by a
    /// value, which Mustache never takes a line for), or each tag on a line of its own at the
    /// line's start (replaced by a stub partial on that line, whose line Mustache takes as it
    /// took the three). Nil for any other.
    private func wholeSection(around site: Site) -> (range: Range<Int>, standalone: Bool)? {
        let all = tags[site.template] ?? []
        guard let index = all.firstIndex(where: { $0.start == site.tag.start }), index > 0, index + 1 < all.count else { return nil }
        let open = all[index - 1], close = all[index + 1]
        guard open.kind == .section(inverted: false), close.kind == .close, close.name == open.name,
              case .item(let path, _, true)? = site.scopes.last(where: { $0 != .same }),
              resolve(open.name, in: Array(site.scopes.dropLast())).first.map({ $0 + "[]" }) == path
        else { return nil }
        let bytes = Array(sources[site.template]!.utf8)
        let newline = UInt8(ascii: "\n")
        if open.end == site.tag.start && site.tag.end == close.start { return (open.start..<close.end, false) }
        let atLineStart = open.start == 0 || bytes[open.start - 1] == newline
        let endsLine = close.end == bytes.count || bytes[close.end] == newline
        guard atLineStart, endsLine, open.end + 1 == site.tag.start, bytes[open.end] == newline,
              site.tag.end + 1 == close.start, bytes[site.tag.end] == newline else { return nil }
        return (open.start..<close.end, true)
    }

    /// Every include of a cached partial reached from `template`, with its sections.
    private func walk(_ template: String, scopes start: [Scope], expanding: Set<String>, sites: inout [Site]) {
        var scopes = start
        for tag in tags[template] ?? [] {
            switch tag.kind {
            case .delimiters: return
            case .value: continue
            case .section(let inverted): scopes.append(inverted ? .same : scope(opening: tag.name, in: scopes))
            case .block, .parent: scopes.append(.same)
            case .close: if scopes.count > 1 { scopes.removeLast() }
            case .partial:
                guard !expanding.contains(tag.name), expanding.count < 16 else { continue }
                if declarations[tag.name] != nil, sources[tag.name] != nil {
                    sites.append(Site(template: template, tag: tag, scopes: scopes))
                }
                walk(tag.name, scopes: scopes, expanding: expanding.union([template]), sites: &sites)
            }
        }
    }

    /// What an include of a cached partial depends on; nil when it cannot be cached there.
    private func include(_ site: Site, diagnostics: inout [Diagnostic]) -> PartialCachePlan.Include? {
        let (declaration, own) = declarations[site.tag.name]!
        // Mustache indents every line of a partial written after spaces: not cached there.
        let line = sources[site.template]!.utf8.prefix(site.tag.start).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).last ?? []
        if !line.isEmpty && line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return nil }
        // The sections around it: the top, or one list's item (and flags).
        let items = site.scopes.enumerated().filter { if case .item = $0.element { return true } else { return false } }
        guard !site.scopes.contains(where: { if case .open = $0 { return true } else { return false } }), items.count <= 2 else { return nil }
        var list: [String]?
        var itemPath: String?
        if items.count == 2, case .item(let path, _, true) = items[1].element, !path.dropLast(2).contains("[]") {
            list = path.dropLast(2).split(separator: ".").map(String.init)
            itemPath = path
        } else if items.count == 2 {
            return nil
        }
        var keys: [(key: PartialCachePlan.Key, path: String)] = []
        for name in declaration.keys {
            guard let key = key(name, itemPath: itemPath, scopes: site.scopes) else {
                if own { diagnostics.append(.error(Message(.themeCacheKeyUnknown, name, declaration.partial, files[site.template] ?? site.template, site.tag.line), at: declaration.location)) }
                return nil
            }
            keys.append(key)
        }
        var reads: [Read] = []
        var position: (MustacheTag, String)?
        self.reads(declaration.partial, scopes: site.scopes, base: site.scopes.count, expanding: [], reads: &reads, position: &position)
        if let (tag, template) = position {
            if own { diagnostics.append(error(.themeCachePartialReadsPosition, tag: tag, template: template, declaration.partial, tag.name)) }
            return nil
        }
        let covering = keys.map(\.path)
        for read in reads where !covers(covering, read.path) {
            if own {
                let keysText = declaration.keys.isEmpty ? "–" : declaration.keys.joined(separator: ", ")
                diagnostics.append(error(.themeCachePartialReadsUncovered, tag: read.tag, template: read.template, declaration.partial, read.path.replacingOccurrences(of: "[]", with: ""), keysText, declaration.location.file))
            }
            return nil
        }
        return PartialCachePlan.Include(name: "", partial: declaration.partial, list: list, keys: keys.map { entry in
            var key = entry.key
            let under = reads.filter { covers([entry.path], $0.path) }
            key.truthOnly = !under.isEmpty && under.allSatisfy { $0.path == entry.path && $0.inverted }
            return key
        })
    }

    private func error(_ kind: MessageKind, tag: MustacheTag, template: String, _ arguments: Any...) -> Diagnostic {
        let line = (sources[template] ?? "").split(separator: "\n", omittingEmptySubsequences: false).dropFirst(tag.line - 1).first.map(String.init)
        return Diagnostic(.error, at: SourceLocation(file: files[template] ?? template, line: tag.line, column: tag.column), Message(kind, arguments.map { Message.Argument.verbatim("\($0)") }), sourceLine: line)
    }

    /// A key's place: `.` the list's item, else a name as the include's sections resolve it,
    /// read from the item or from the top (nil when it is neither).
    private func key(_ name: String, itemPath: String?, scopes: [Scope]) -> (key: PartialCachePlan.Key, path: String)? {
        if name == "." {
            guard let itemPath else { return nil }
            return (PartialCachePlan.Key(fromItem: true, path: [], truthOnly: false), itemPath)
        }
        guard let path = resolve(name, in: scopes).first, !path.isEmpty, contractEntry(path) != nil else { return nil }
        let parts = name.split(separator: ".").map(String.init)
        if let itemPath, path.hasPrefix(itemPath + ".") {
            return (PartialCachePlan.Key(fromItem: true, path: parts, truthOnly: false), path)
        }
        guard path == name else { return nil }  // found in an object section around the include
        return (PartialCachePlan.Key(fromItem: false, path: parts, truthOnly: false), path)
    }

    /// What a cached partial reads, from the sections around its include (`base` of them).
    private func reads(_ template: String, scopes start: [Scope], base: Int, expanding: Set<String>, reads: inout [Read], position: inout (MustacheTag, String)?) {
        var scopes = start
        for tag in tags[template] ?? [] {
            switch tag.kind {
            case .delimiters: return
            case .value, .section:
                let inverted = tag.kind == .section(inverted: true)
                if let argument = transformArgument(tag.name), argument.isEmpty {
                    // `first()`, `index()`: the item's place in its list.
                    let list = scopes.lastIndex { if case .item(_, _, true) = $0 { return true } else { return false } }
                    if let list, list < base { position = position ?? (tag, template) }
                } else {
                    // A transform's answer (`count(…)`) may tell more than whether it is there.
                    let onlyWhether = inverted && transformArgument(tag.name) == nil
                    for path in resolve(tag.name, in: scopes) { reads.append(Read(path: path, inverted: onlyWhether, tag: tag, template: template)) }
                }
                if case .section(let inverted) = tag.kind { scopes.append(inverted ? .same : scope(opening: tag.name, in: scopes)) }
            case .block, .parent: scopes.append(.same)
            case .close: if scopes.count > 1 { scopes.removeLast() }
            case .partial:
                guard !expanding.contains(tag.name), expanding.count < 16 else { continue }
                self.reads(tag.name, scopes: scopes, base: base, expanding: expanding.union([template]), reads: &reads, position: &position)
            }
        }
    }

    /// The scope a section opens: a list's item, an object, any names, or the same context.
    private func scope(opening name: String, in scopes: [Scope]) -> Scope {
        guard transformArgument(name) == nil, let path = resolve(name, in: scopes).first, let entry = contractEntry(path) else { return .same }
        switch entry.kind {
        case .list: return .item(path: path + "[]", fields: entry.fields.map(\.name), list: true)
        case .object: return .item(path: path, fields: entry.fields.map(\.name), list: false)
        case .anyNames: return .open(path: path)
        default: return .same
        }
    }

    /// The argument of a transform (`empty(site.robots)` → `site.robots`, `first()` → ""), or
    /// nil for a plain name.
    private func transformArgument(_ name: String) -> String? {
        guard name.hasSuffix(")"), let open = name.firstIndex(of: "(") else { return nil }
        return String(name[name.index(after: open)...].dropLast())
    }

    /// The places a name may be read from: one, or two in a section of any names (there, or
    /// outside it when it has no such name). Empty for a name the contract does not know
    /// (ThemeCheck reports it).
    private func resolve(_ written: String, in scopes: [Scope]) -> [String] {
        let name = transformArgument(written) ?? written
        if name == "." || name.hasPrefix(".") {
            let suffix = name == "." ? "" : name
            for scope in scopes.reversed() {
                switch scope {
                case .same: continue
                case .item(let path, _, _): return [path + suffix]
                case .open(let path): return [path + suffix]
                }
            }
            return []
        }
        let first = String(name.prefix { $0 != "." })
        var found: [String] = []
        for scope in scopes.reversed() {
            switch scope {
            case .same: continue
            case .open(let path): found.append(path + "." + name)
            case .item(let path, let fields, _):
                guard fields.contains(first) else { continue }
                return found + [path.isEmpty ? name : path + "." + name]
            }
        }
        return found
    }

    /// The contract's entry at a path (`site.menu[].children`).
    private func contractEntry(_ path: String) -> ThemeName? {
        var fields = ThemeContract.root
        var entry: ThemeName?
        for part in path.replacingOccurrences(of: "[]", with: "").split(separator: ".") {
            guard let next = fields.first(where: { $0.name == part }) else { return nil }
            entry = next
            fields = next.fields
        }
        return entry
    }

    /// A read is covered by a key at its path or above it, or is a name of `site` that is the
    /// same on every page (all but the menu, which marks the page's own entry).
    private func covers(_ keys: [String], _ path: String) -> Bool {
        func under(_ key: String) -> Bool { path == key || path.hasPrefix(key + ".") || path.hasPrefix(key + "[]") }
        if keys.contains(where: under) { return true }
        return path.hasPrefix("site.") && !under("site.menu")
    }
}
