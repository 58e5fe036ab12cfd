package import StatikCore
import StatikYAML
import Yams

/// What a page says about itself between its two `---` lines.
package struct FrontMatter: Sendable {
    package enum Menu: Sendable, Hashable {
        case title
        case label(String)
        case hidden
    }

    package var title = ""
    package var description: String?
    package var weight: Int?
    package var menu = Menu.title
    /// `menu_children: true`: the menu lists the page's children under it on every page, not
    /// only on the pages below it (the regions, two taps from anywhere on a phone).
    package var menuChildren = false
    package var layout: String?
    package var layoutLocation: SourceLocation?
    /// Page parameters, bound in SQL as `:name` and shown in prose as `{{ params.name }}`.
    package var params: [String: Value] = [:]
    /// The query whose rows each become a page (`content/regioner/[region].md`).
    package var pages: String?
    /// Where each key was written, for messages about its value.
    package var locations: [String: SourceLocation] = [:]

    /// The heading of the switcher between pages made from one file ("Välj region").
    package var switcher: String?
    /// `search_filters:`, what a reader can narrow the site's search by (`Region: Övre
    /// Norrland`), by name, in order of name; values may use `{{ params.name }}`.
    package var searchFilters: [(name: String, value: String)] = []

    /// `intranet`: the page is only in the intranet edition (`public`: only in the public one).
    package var edition: Edition?

    /// Dates, draft, scheduled release, corrections, a dated list (`Publishing`).
    package var publishing = Publishing()
    /// `footer: true`: the page is linked from the foot of every page (about the statistics,
    /// the accessibility statement).
    var inFooter = false

    /// `language: en`: the page's language (on a section's index.md: of the section's pages
    /// too); nil: the section's, else the site's (PageLanguages).
    var language: Language?
    /// Pages with the same `translation_key` translate each other: they link to each other.
    package var translationKey: String?
    /// `aliases:`, old addresses of the page (AliasSetting).
    package var aliases: [AliasSetting] = []

    package init() {}

    static let keys = ["title", "description", "weight", "menu", "layout", "params", "pages", "switcher", "edition", "footer", "language", "translation_key", "menu_children", "search_filters", "aliases"] + Publishing.keys

    /// Splits `text` into front matter and body, and reads the front matter.
    /// `bodyLine` is the line of the file where the Markdown body starts.
    /// `lines`: `text.lines`, when the caller has them already.
    package static func split(_ text: String, lines: [Substring]? = nil, file: String, diagnostics: inout [Diagnostic]) -> (FrontMatter, body: Substring, bodyLine: Int) {
        var matter = FrontMatter()
        let lines = lines ?? frontMatterLines(text) ?? text.lines
        guard let first = lines.first, first.trimmingTrailingSpace() == "---" else {
            diagnostics.append(.error(Message(.pageHasNoFrontMatter), at: SourceLocation(file: file)))
            return (matter, Substring(text), 1)
        }
        guard let end = lines.dropFirst().firstIndex(where: { $0.trimmingTrailingSpace() == "---" || $0.trimmingTrailingSpace() == "..." }) else {
            diagnostics.append(.error(Message(.frontMatterNotClosedAdd), at: SourceLocation(file: file)))
            return (matter, "", lines.count + 1)
        }
        let yaml = lines[1..<end].joined(separator: "\n")
        let bodyStart = lines[..<(end + 1)].reduce(0) { $0 + $1.utf8.count + 1 }
        let body = text.utf8.count > bodyStart ? Substring(text.utf8.dropFirst(bodyStart)) : ""
        let source = YAMLSource(file: file, firstLine: 2, text: yaml)
        let errorsBefore = diagnostics.errors.count
        let node = source.parse(into: &diagnostics)
        if node == nil && diagnostics.errors.count > errorsBefore {
            return (matter, body, end + 2)  // the YAML error says it all
        }
        matter.read(node, source: source, file: file, diagnostics: &diagnostics)
        return (matter, body, end + 2)
    }

    /// The lines of `text` up to the one that closes its front matter (what `split` reads of
    /// them), without splitting the page's body into lines too; nil when there is no front
    /// matter that closes (or `lines(through:)` cannot say).
    static func frontMatterLines(_ text: String) -> [Substring]? {
        text.lines { line, number in
            let trimmed = line.trimmingTrailingSpace()
            if number == 1 { return trimmed == "---" ? false : nil }
            return trimmed == "---" || trimmed == "..."
        }
    }

    private mutating func read(_ node: Node?, source: YAMLSource, file: String, diagnostics: inout [Diagnostic]) {
        let errorsBefore = diagnostics.errors.count
        guard let mapping = YAMLMapping(node, source: source, what: Message(.mapFrontMatter), diagnostics: &diagnostics) else {
            if diagnostics.errors.count == errorsBefore {
                diagnostics.append(.error(Message(.frontMatterEmptyPageNeeds), at: SourceLocation(file: file, line: 1)))
            }
            return
        }
        mapping.warnUnknownKeys(allowed: Self.keys, what: Message(.whatFrontMatterKey), into: &diagnostics)
        for pair in mapping.pairs {
            locations[pair.key] = source.location(pair.keyMark)
        }
        readPages(mapping, file: file, diagnostics: &diagnostics)
        readText(mapping, file: file, diagnostics: &diagnostics)
        readLanguageAndEdition(mapping, diagnostics: &diagnostics)
        readPlace(mapping, diagnostics: &diagnostics)
        readParams(mapping, diagnostics: &diagnostics)
        aliases = AliasSetting.list(mapping, diagnostics: &diagnostics)
    }

    /// `pages:`, the query whose rows each become a page, and where its SQL starts: on the
    /// key's line, or below it for `pages: |`.
    private mutating func readPages(_ mapping: YAMLMapping, file: String, diagnostics: inout [Diagnostic]) {
        guard let node = mapping["pages"], let sql = mapping.string("pages", into: &diagnostics) else { return }
        let source = mapping.source
        pages = sql
        var start = source.location(node.mark)
        if case .scalar(let scalar) = node, scalar.style == .literal || scalar.style == .folded, let mark = node.mark {
            let lines = source.text.split(separator: "\n", omittingEmptySubsequences: false)
            if mark.line < lines.count {
                let indent = lines[mark.line].prefix { $0 == " " }.count
                start = SourceLocation(file: file, line: start.line + 1, column: indent + 1)
            }
        }
        locations["pages.sql"] = start
    }

    /// What the page says about itself: its title (which it must have), description, dates,
    /// whether it is linked from the foot of every page, and the heading of its switcher.
    private mutating func readText(_ mapping: YAMLMapping, file: String, diagnostics: inout [Diagnostic]) {
        if let title = mapping.string("title", into: &diagnostics), !title.isEmpty {
            self.title = title
        } else if mapping["title"] == nil {
            diagnostics.append(.error(Message(.pageHasNoTitleAdd), at: SourceLocation(file: file, line: 1)))
        }
        description = mapping.string("description", into: &diagnostics)
        publishing = Publishing.read(mapping, diagnostics: &diagnostics)
        if let node = mapping["footer"] {
            if let flag = node.bool { inFooter = flag } else {
                diagnostics.append(.error(Message(.footerMustTruePageLinked), at: mapping.location(of: "footer")))
            }
        }
        switcher = mapping.string("switcher", into: &diagnostics)
        if let node = mapping["search_filters"] {
            // A name is a key of the search index's metadata: no , : [ or ] (Pagefind's syntax).
            if case .mapping(let pairs) = node, pairs.allSatisfy({ $0.key.string.map { !$0.contains(where: ",:[]".contains) } ?? false }) {
                searchFilters = pairs.compactMap { key, value in
                    guard let name = key.string, !name.isEmpty, let text = value.string, !text.isEmpty else { return nil }
                    return (name, text)
                }.sorted { $0.name < $1.name }
            } else {
                diagnostics.append(.error(Message(.searchFiltersMustNameValueLines), at: mapping.location(of: "search_filters")))
            }
        }
        if let node = mapping["menu_children"] {
            if let flag = node.bool { menuChildren = flag } else {
                diagnostics.append(.error(Message(.mustTrueFalse, "menu_children"), at: mapping.location(of: "menu_children")))
            }
        }
    }

    /// The page's language, the key of its translations, and the edition it is in.
    private mutating func readLanguageAndEdition(_ mapping: YAMLMapping, diagnostics: inout [Diagnostic]) {
        if let code = mapping.string("language", into: &diagnostics) {
            if let language = Language(code: code) { self.language = language } else {
                diagnostics.append(.error(Message(.languageMustSvOrEn, code), at: mapping.valueLocation(mapping["language"]!)))
            }
        }
        translationKey = mapping.string("translation_key", into: &diagnostics)
        if let name = mapping.string("edition", into: &diagnostics) {
            if let edition = Edition(rawValue: name) { self.edition = edition } else {
                diagnostics.append(.error(Message(.editionMustIntranetPublicNot, name), at: mapping.location(of: "edition")))
            }
        }
    }

    /// Where the page goes in the menu (`weight:`, `menu:`), and the layout it is shown in.
    private mutating func readPlace(_ mapping: YAMLMapping, diagnostics: inout [Diagnostic]) {
        if let node = mapping["weight"] {
            if let weight = node.int { self.weight = weight } else {
                diagnostics.append(.error(Message(.weightMustWholeNumberPages), at: mapping.location(of: "weight")))
            }
        }
        if let node = mapping["menu"] {
            if case .scalar(let scalar) = node, scalar.style == .plain, let flag = node.bool {
                menu = flag ? .title : .hidden
            } else if let label = mapping.string("menu", into: &diagnostics) {
                menu = .label(label)
            }
        }
        if let layout = mapping.string("layout", into: &diagnostics) {
            self.layout = layout
            layoutLocation = mapping.location(of: "layout")
        }
    }

    /// `params:`, the page's parameters: a name (as in SQL) and a single value each.
    private mutating func readParams(_ mapping: YAMLMapping, diagnostics: inout [Diagnostic]) {
        guard let node = mapping["params"] else { return }
        guard case .mapping(let params) = node else {
            diagnostics.append(.error(Message(.paramsMustNameValueLines), at: mapping.location(of: "params")))
            return
        }
        for (key, value) in params {
            guard let name = key.string, isIdentifier(name) else {
                diagnostics.append(.error(Message(.parameterNameLettersDigitsUsed), at: mapping.source.location(key.mark)))
                continue
            }
            guard let v = value.dataValue else {
                diagnostics.append(.error(Message(.parameterMustSingleValueNot, name), at: mapping.source.location(value.mark)))
                continue
            }
            self.params[name] = v
        }
    }
}

extension FrontMatter {
    /// The front matter with `{{ params.name }}` in its texts filled in from `params`.
    package func resolved(with params: [String: Value], file: String, diagnostics: inout [Diagnostic]) -> FrontMatter {
        var matter = self
        matter.params = params
        func fill(_ text: String, key: String) -> String {
            guard text.containsBytes("{{") else { return text }
            let at = locations[key] ?? SourceLocation(file: file)
            return InlineValue.interpolate(text) { parsed, _ in
                switch parsed {
                case .success(let value) where value.source == "params":
                    if let param = params[value.field] { return (value.format ?? .text).string(param) }
                    let known = params.keys.sorted().joined(separator: ", ")
                    diagnostics.append(.error(Message(.usesParamsButPageHas, key, value.field, (known.isEmpty ? Message(.nothing) : Message(.itHas, known))), at: at))
                    return ""
                case .success:
                    diagnostics.append(.error(Message(.canOnlyUseParamsName, key), at: at))
                    return ""
                case .failure(.unclosed):
                    diagnostics.append(.error(Message(.notClosedEndValue, key), at: at))
                    return nil
                case .failure(.syntax(let message)):
                    diagnostics.append(.error(message, at: at))
                    return nil
                }
            }
        }
        matter.title = fill(title, key: "title")
        matter.description = description.map { fill($0, key: "description") }
        if case .label(let label) = menu { matter.menu = .label(fill(label, key: "menu")) }
        matter.searchFilters = searchFilters.map { ($0.name, fill($0.value, key: "search_filters")) }
        return matter
    }
}

package func isIdentifier(_ name: some StringProtocol) -> Bool {
    // ASCII letters without looking up the scalar's properties (most names are ASCII).
    func letter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII ? ("a"..."z").contains(c) || ("A"..."Z").contains(c) : c.properties.isAlphabetic
    }
    guard let first = name.unicodeScalars.first, first == "_" || letter(first) else { return false }
    return name.unicodeScalars.allSatisfy { $0 == "_" || letter($0) || ("0"..."9").contains($0) }
}

extension Substring {
    package func trimmingTrailingSpace() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" || last == "\r" { s.removeLast() }
        return s
    }
}
