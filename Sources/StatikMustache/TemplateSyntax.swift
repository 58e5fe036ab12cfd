/// A theme's Mustache template, parsed once: what `TemplateRenderer` walks for every page.
///
/// Statik's own reader of Mustache (issue 32): swift-mustache, which Statik used before, looked
/// every name up through dynamic casts and split it at its dots on every lookup, and built each
/// section's text as a string of its own; that was a quarter of a fresh build. This reader
/// takes the same templates to the same nodes — the same standalone lines, partial indentation,
/// inheritance (`{{<parent}}`, `{{$block}}`), transforms (`first()`, `empty(site.robots)`) and
/// delimiters — so that every theme renders to the same bytes (the tests compare both on the
/// Mustache specification's cases and on generated templates). Names are split once, here.
public struct Template: Sendable {
    let nodes: [TemplateNode]

    /// Parses `text`; a syntax error says what and where (`TemplateSyntaxError`).
    public init(string text: String) throws(TemplateSyntaxError) {
        var reader = TemplateReader(text)
        nodes = try reader.template()
    }
}

/// What is wrong with a template, and where: the line (from 1) and the column (from 1) where
/// reading stopped.
public struct TemplateSyntaxError: Error, Sendable, Equatable {
    public enum Kind: Error, Sendable, Equatable {
        /// `{{/name}}` closes another section than the one open.
        case sectionCloseNameIncorrect
        /// A tag without its end, or a name with characters a name cannot have.
        case unfinishedName
        /// A section, block or parent that no `{{/name}}` closes.
        case expectedSectionEnd
        /// `{{= … =}}` not as two delimiters and `=`.
        case invalidSetDelimiter
        /// `{{$name(…)}}`: a block cannot be transformed.
        case transformAppliedToInheritanceSection
        /// A tag other than `{{$block}}` inside `{{<parent}}`.
        case illegalTokenInsideInheritSection
        /// `{{% … }}` not as `NAME: value`.
        case invalidConfigVariableSyntax
        /// `{{% NAME: value }}` with a name or value Mustache does not know.
        case unrecognisedConfigVariable
        /// The text ends inside a tag or a comment.
        case unexpectedEnd
    }

    public var kind: Kind
    public var line: Int
    public var column: Int
}

/// A name as a template writes it, split once: `page.title`, `.`, `.url`, `first()`,
/// `empty(site.robots)` (the transforms kept innermost first, the order they apply in).
struct TemplateReference: Sendable {
    enum Start: Sendable {
        /// `.`: the current value.
        case current
        /// `first()`: the position in the list being gone through.
        case sequence
        /// `.a.b` (and `..`): from the current value only.
        case top
        /// `a.b`: `a` from the innermost value that has it, then `b` from that.
        case stack
    }

    var start: Start
    var names: [String]
    var transforms: [String]

    init(name: String, transforms: [String]) {
        self.transforms = transforms.reversed()
        if name == "." {
            start = .current
            names = []
        } else if name.isEmpty, !transforms.isEmpty {
            start = .sequence
            names = []
        } else {
            start = name.first == "." ? .top : .stack
            names = name.split(separator: ".").map(String.init)
        }
    }
}

indirect enum TemplateNode: Sendable {
    case text([UInt8])
    case value(TemplateReference, escaped: Bool)
    case section(TemplateReference, inverted: Bool, body: [TemplateNode])
    /// `{{> name}}`, `{{>* name}}` (the name read from the context) and `{{< name}}…{{/name}}`
    /// (with the blocks it fills in). `indentation`: the spaces before a partial on a line of
    /// its own, put before each of its lines.
    case partial(name: String, dynamic: TemplateReference?, indentation: String?, blocks: [String: [TemplateNode]]?)
    /// `{{$name}}default{{/name}}` where a child template may fill it in.
    case block(name: String, body: [TemplateNode], indentation: String?)
    /// `{{$name}}…{{/name}}` inside `{{<parent}}`: what the child fills the block with.
    case blockDefinition(name: String, body: [TemplateNode])
    /// `{{% CONTENT_TYPE: TEXT }}` (no escaping from here on) or `HTML`.
    case escaping(Bool)
}

/// Reads a template's text into nodes, by characters (as Swift counts them: `\r\n` is one).
struct TemplateReader {
    private let characters: [Character]
    private var position = 0

    private struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        var inParent = false
        var parentTopLevel = false
        var opening: [Character] = ["{", "{"]
        var closing: [Character] = ["}", "}"]
        var parentIndent: Int?

        func section(_ name: String, newLine: Bool, transforms: [String] = []) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = transforms
            state.parentTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func parent(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = []
            state.newLine = true
            state.inParent = true
            state.parentTopLevel = true
            return state
        }
    }

    init(_ text: String) {
        characters = Array(text)
    }

    mutating func template() throws(TemplateSyntaxError) -> [TemplateNode] {
        do {
            return try readNodes(State())
        } catch let kind {
            throw TemplateSyntaxError(kind: kind, line: lineNumber(), column: columnNumber())
        }
    }

    // MARK: - The reader's steps

    private var atEnd: Bool { position == characters.count }
    private var current: Character { atEnd ? "\0" : characters[position] }

    private mutating func read(while accept: (Character) -> Bool) -> [Character] {
        let start = position
        while !atEnd, accept(characters[position]) { position += 1 }
        return Array(characters[start..<position])
    }

    /// Reads `expected` if the text goes on with it; the text ending first is an error.
    private mutating func read(_ expected: [Character]) throws(TemplateSyntaxError.Kind) -> Bool {
        guard !expected.isEmpty else { return true }
        guard characters.count - position >= expected.count else { throw .unexpectedEnd }
        guard characters[position..<position + expected.count].elementsEqual(expected) else { return false }
        position += expected.count
        return true
    }

    private mutating func read(_ expected: Character) throws(TemplateSyntaxError.Kind) -> Bool {
        guard !atEnd else { throw .unexpectedEnd }
        guard characters[position] == expected else { return false }
        position += 1
        return true
    }

    // MARK: - Nodes

    private mutating func readNodes(_ start: State) throws(TemplateSyntaxError.Kind) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = start
        var spaceBefore = ""
        func flushSpace() {
            if !spaceBefore.isEmpty {
                nodes.append(.text(Array(spaceBefore.utf8)))
                spaceBefore = ""
            }
        }
        while !atEnd {
            if state.newLine {
                let space = String(read { $0 == " " || $0 == "\t" })
                if state.inParent, !state.parentTopLevel {
                    // A block's lines inside a parent lose the indentation of its first line.
                    if let indent = state.parentIndent {
                        spaceBefore = String(space.dropFirst(indent))
                    } else {
                        state.parentIndent = space.count
                    }
                } else {
                    spaceBefore = space
                }
            }
            let text = try textBeforeTag(state)
            if current.isNewline {
                nodes.append(.text(Array((spaceBefore + text + String(current)).utf8)))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(Array((spaceBefore + text).utf8)))
                spaceBefore = ""
                state.newLine = false
            }
            if atEnd { break }
            var standalone = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let (name, transforms) = try readName(state)
                if isStandalone(state) { standalone = true } else { flushSpace() }
                let body = try readNodes(state.section(name, newLine: standalone, transforms: transforms))
                nodes.append(.section(TemplateReference(name: name, transforms: transforms), inverted: inverted, body: body))
            case "/":
                position += 1
                let start = position
                let (name, transforms) = try readName(state)
                guard name == state.sectionName, transforms == state.sectionTransforms else {
                    position = start
                    throw .sectionCloseNameIncorrect
                }
                if !isStandalone(state) { flushSpace() }
                return nodes
            case "!":
                position += 1
                try skipComment(state)
                standalone = isStandalone(state)
            case "{", "&":
                flushSpace()
                let triple = current == "{"
                position += 1
                let (name, transforms) = try readName(state)
                if triple {
                    guard try read("}") else { throw .unfinishedName }
                }
                nodes.append(.value(TemplateReference(name: name, transforms: transforms), escaped: false))
            case ">":
                position += 1
                _ = read { $0.isWhitespace }
                let dynamic = current == "*"
                if dynamic { position += 1 }
                let name = try partialName(state)
                if !spaceBefore.isEmpty { nodes.append(.text(Array(spaceBefore.utf8))) }
                standalone = isStandalone(state)
                nodes.append(.partial(name: name, dynamic: Self.dynamic(dynamic, name), indentation: standalone ? spaceBefore : nil, blocks: nil))
                spaceBefore = ""
            case "<":
                position += 1
                _ = read { $0.isWhitespace }
                let written = try partialName(state)
                let dynamic = written.first == "*"
                if !spaceBefore.isEmpty { nodes.append(.text(Array(spaceBefore.utf8))) }
                standalone = isStandalone(state)
                var blocks: [String: [TemplateNode]] = [:]
                for node in try readNodes(state.parent(written)) {
                    switch node {
                    case .blockDefinition(let name, let body): blocks[name] = body
                    case .text: continue
                    default: throw .illegalTokenInsideInheritSection
                    }
                }
                let name = dynamic ? String(written.dropFirst()) : written
                nodes.append(.partial(name: name, dynamic: Self.dynamic(dynamic, name), indentation: spaceBefore, blocks: blocks))
                spaceBefore = ""
            case "$":
                position += 1
                let (name, transforms) = try readName(state)
                guard transforms.isEmpty else { throw .transformAppliedToInheritanceSection }
                if state.parentTopLevel {
                    standalone = isStandalone(state)
                    nodes.append(.blockDefinition(name: name, body: try readNodes(state.section(name, newLine: standalone))))
                } else {
                    if !spaceBefore.isEmpty { nodes.append(.text(Array(spaceBefore.utf8))) }
                    standalone = isStandalone(state)
                    let body = try readNodes(state.section(name, newLine: standalone))
                    nodes.append(.block(name: name, body: body, indentation: spaceBefore))
                    spaceBefore = ""
                }
            case "=":
                position += 1
                state = try delimiters(state)
                standalone = isStandalone(state)
            case "%":
                position += 1
                nodes.append(try setting(state))
                standalone = isStandalone(state)
            default:
                flushSpace()
                let (name, transforms) = try readName(state)
                nodes.append(.value(TemplateReference(name: name, transforms: transforms), escaped: true))
            }
            state.newLine = standalone
        }
        guard state.sectionName == nil else { throw .expectedSectionEnd }
        return nodes
    }

    /// The name a `{{>* name}}` reads its partial's name from.
    private static func dynamic(_ isDynamic: Bool, _ name: String) -> TemplateReference? {
        isDynamic ? TemplateReference(name: name, transforms: []) : nil
    }

    /// The text up to the next tag (read past its opening delimiter) or line end (not read).
    private mutating func textBeforeTag(_ state: State) throws(TemplateSyntaxError.Kind) -> String {
        guard let first = state.opening.first else { return "" }
        var text = ""
        while !atEnd {
            let start = position
            while !atEnd, characters[position] != "\n", characters[position] != "\r\n", characters[position] != first { position += 1 }
            text += String(characters[start..<position])
            if atEnd || current.isNewline { break }
            if try read(state.opening) { break }
            text.append(first)
            position += 1
        }
        return text
    }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = nameCharacters.union("()/")

    /// A tag's name up to its closing delimiter: `a.b`, or transforms around one, `f(g(a.b))`.
    private mutating func readName(_ state: State) throws(TemplateSyntaxError.Kind) -> (String, [String]) {
        _ = read { $0.isWhitespace }
        let written = read { Self.nameCharacters.contains($0) || $0 == "(" || $0 == ")" }
        _ = read { $0.isWhitespace }
        guard try read(state.closing) else { throw .unfinishedName }
        var rest = written[...]
        func word() -> String {
            let word = rest.prefix { Self.nameCharacters.contains($0) }
            rest = rest.dropFirst(word.count)
            return String(word)
        }
        var transforms = [word()]
        guard let next = rest.first else { return (transforms[0], []) }
        guard next == "(" else { throw .unfinishedName }
        rest = rest.dropFirst()
        while true {
            let inner = word()
            switch rest.first {
            case ")":
                rest = rest.dropFirst()
                let closing = rest.prefix { $0 == ")" }.count
                rest = rest.dropFirst(closing)
                guard closing + 1 == transforms.count, rest.isEmpty else { throw .unfinishedName }
                return (inner, transforms)
            case "(":
                rest = rest.dropFirst()
                transforms.append(inner)
            default:
                throw .unfinishedName
            }
        }
    }

    private mutating func partialName(_ state: State) throws(TemplateSyntaxError.Kind) -> String {
        _ = read { $0.isWhitespace }
        let name = String(read { Self.partialNameCharacters.contains($0) })
        _ = read { $0.isWhitespace }
        guard try read(state.closing) else { throw .unfinishedName }
        return name
    }

    /// Past the comment's closing delimiter (a first match of it, character by character).
    private mutating func skipComment(_ state: State) throws(TemplateSyntaxError.Kind) {
        let closing = state.closing, start = position
        guard !closing.isEmpty else { return }
        var matched = 0
        while !atEnd {
            if characters[position] == closing[matched] {
                matched += 1
                if matched == closing.count {
                    position += 1
                    return
                }
            } else {
                matched = 0
            }
            position += 1
        }
        position = start
        throw .unexpectedEnd
    }

    /// `{{=<% %>=}}`: the delimiters from here on.
    private mutating func delimiters(_ state: State) throws(TemplateSyntaxError.Kind) -> State {
        _ = read { $0.isWhitespace }
        let start = position
        let opening = read { !$0.isWhitespace }
        guard !atEnd else {
            position = start
            throw .invalidSetDelimiter
        }
        _ = read { $0.isWhitespace }
        let endStart = position
        let closing = read { $0 != "=" && !$0.isWhitespace }
        guard !atEnd else {
            position = endStart
            throw .invalidSetDelimiter
        }
        _ = read { $0.isWhitespace }
        guard try read("="), try read(state.closing) else { throw .invalidSetDelimiter }
        guard !opening.isEmpty, !closing.isEmpty else { throw .invalidSetDelimiter }
        var next = state
        next.opening = opening
        next.closing = closing
        next.parentTopLevel = false
        return next
    }

    /// `{{% CONTENT_TYPE: TEXT }}` or `HTML` (Statik's own content type is HTML).
    private mutating func setting(_ state: State) throws(TemplateSyntaxError.Kind) -> TemplateNode {
        let word = { (c: Character) in Self.nameCharacters.contains(c) }
        _ = read { $0.isWhitespace }
        let variable = String(read(while: word))
        _ = read { $0.isWhitespace }
        guard (try? read(":")) == true else { throw .invalidConfigVariableSyntax }
        _ = read { $0.isWhitespace }
        let value = String(read(while: word))
        _ = read { $0.isWhitespace }
        guard (try? read(state.closing)) == true, !variable.isEmpty, !value.isEmpty else { throw .invalidConfigVariableSyntax }
        switch (variable, value) {
        case ("CONTENT_TYPE", "TEXT"): return .escaping(false)
        case ("CONTENT_TYPE", "HTML"), ("CONTENT_TYPE", "StatikHTML"): return .escaping(true)
        default: throw .unrecognisedConfigVariable
        }
    }

    /// A tag on a line of its own (spaces around it): the line is read to its end and dropped.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        let start = position
        _ = read { $0 == " " || $0 == "\t" }
        if current.isNewline {
            position += 1
            return true
        }
        position = start
        return false
    }

    // MARK: - Where an error is

    private func lineNumber() -> Int {
        characters[..<position].count { $0.isNewline } + 1
    }

    private func columnNumber() -> Int {
        var column = 0, at = position
        while at > 0 {
            at -= 1
            if characters[at] == "\n" { break }
            column += 1
        }
        return column + 1
    }
}
