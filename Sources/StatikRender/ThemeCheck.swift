import StatikCore

/// Checks a theme's templates against the theme contract (ThemeContract): a name a page is not
/// given renders as nothing in Mustache, so `{{page.titel}}` would vanish from every page
/// unseen; here it is an error at its line, with the nearest name. Names resolve as Mustache
/// resolves them: through the sections the tag is in (a list's items, an object's fields),
/// then outwards; a partial is checked where it is included, with the sections around it.
struct ThemeCheck {
    let sources: [String: String]
    /// Each template's file as messages name it (the layer that holds it).
    let files: [String: String]

    private enum Scope {
        /// The names of an object or of a list's items.
        case fields([ThemeName])
        /// Any name (`params`, or a section whose name was already reported).
        case open
        /// A section that does not change the context (a flag, an inverted section, a block).
        case same
    }

    private struct Found: Hashable {
        var template: String, line: Int, column: Int, name: String
    }

    func diagnostics() -> [Diagnostic] {
        let tags = sources.mapValues(MustacheTag.scan)
        let included = Set(tags.values.flatMap { $0.filter { $0.kind == .partial }.map(\.name) })
        var found: [Found: Message] = [:]
        for name in sources.keys.sorted() where !included.contains(name) {
            check(name, tags: tags, scopes: [.fields(ThemeContract.root)], expanding: [], found: &found)
        }
        return found.sorted { ($0.key.template, $0.key.line, $0.key.column) < ($1.key.template, $1.key.line, $1.key.column) }.map { key, message in
            let line = (sources[key.template] ?? "").split(separator: "\n", omittingEmptySubsequences: false).dropFirst(key.line - 1).first.map(String.init)
            let file = files[key.template] ?? key.template
            return Diagnostic(.error, at: SourceLocation(file: file, line: key.line, column: key.column), message, sourceLine: line)
        }
    }

    private func check(_ template: String, tags: [String: [MustacheTag]], scopes start: [Scope], expanding: Set<String>, found: inout [Found: Message]) {
        var scopes = start
        for tag in tags[template] ?? [] {
            switch tag.kind {
            case .delimiters:
                return  // other delimiters: the rest is not read here
            case .value:
                _ = resolve(tag, in: scopes, template: template, found: &found)
            case .section(let inverted):
                let name = resolve(tag, in: scopes, template: template, found: &found)
                if inverted {
                    scopes.append(.same)
                } else {
                    switch name?.kind {
                    case .object?, .list?: scopes.append(.fields(name!.fields))
                    case .anyNames?: scopes.append(.open)
                    case nil: scopes.append(isTransform(tag.name) ? .same : .open)
                    default: scopes.append(.same)
                    }
                }
            case .block, .parent:
                scopes.append(.same)
            case .close:
                if scopes.count > 1 { scopes.removeLast() }
            case .partial:
                // Checked with the sections around it, once per way in (a partial that
                // includes itself stops at the second time round).
                guard !expanding.contains(tag.name), expanding.count < 16 else { continue }
                check(tag.name, tags: tags, scopes: scopes, expanding: expanding.union([template]), found: &found)
            }
        }
    }

    private func isTransform(_ name: String) -> Bool { name.hasSuffix(")") && name.contains("(") }

    /// The contract's entry for the tag's name, or nil (reported when it is not one).
    private func resolve(_ tag: MustacheTag, in scopes: [Scope], template: String, found: inout [Found: Message]) -> ThemeName? {
        var name = tag.name
        if isTransform(name) {
            // `first()`, `last()`, `index()` of a list's item; `empty(site.robots)` of a name.
            let argument = name[name.index(after: name.firstIndex(of: "(")!)...].dropLast()
            guard !argument.isEmpty else { return nil }
            name = String(argument)
        }
        guard name != "." else { return nil }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        for scope in scopes.reversed() {
            switch scope {
            case .open: return nil
            case .same: continue
            case .fields(let fields):
                guard var current = fields.first(where: { $0.name == parts[0] }) else { continue }
                for (depth, part) in parts.enumerated().dropFirst() {
                    if current.kind == .anyNames { return nil }
                    guard let next = current.field(part) else {
                        let prefix = parts[..<depth].joined(separator: ".")
                        report(tag, name, nearest: closest(to: part, in: current.fields.map(\.name)).map { prefix + "." + $0 }, template: template, found: &found)
                        return nil
                    }
                    current = next
                }
                return current
            }
        }
        let visible = scopes.reversed().flatMap { scope -> [String] in
            if case .fields(let fields) = scope { return fields.map(\.name) }
            return []
        }
        report(tag, name, nearest: closest(to: parts[0], in: visible).map { ([$0] + parts.dropFirst()).joined(separator: ".") }, template: template, found: &found)
        return nil
    }

    private func report(_ tag: MustacheTag, _ name: String, nearest: String?, template: String, found: inout [Found: Message]) {
        let key = Found(template: template, line: tag.line, column: tag.column, name: name)
        found[key] = nearest.map { Message(.templateUsesUnknownNameDidYouMean, name, $0) } ?? Message(.templateUsesUnknownName, name)
    }
}
