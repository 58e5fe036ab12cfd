/// Numbered tables and figures on one page, and the `@tbl-namn` / `@fig-namn` references to
/// them (issue 34, Quarto's rule): a block with a label is numbered in the order of the page's
/// labelled blocks of its kind; an unlabelled block is not numbered. `@tbl-namn` gives
/// "tabell 2" (mid-sentence), `@Tbl-namn` gives "Tabell 2" (start of a sentence).
///
/// One pass over the page's blocks builds this (so a reference may come before its table); the
/// renderers then number captions with `caption(_:label:words:)` and resolve references with
/// `resolve(_:at:render:problems:)`. Problems are typed; the caller turns them into messages.
public struct CrossReferences: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case table = "tbl"
        case figure = "fig"
    }

    /// A labelled block: its number among the page's blocks of its kind, and its element id.
    public struct Target: Sendable, Hashable {
        public var label: String
        public var kind: Kind
        public var number: Int
        public var id: String
        public var location: SourceLocation
    }

    /// A reference found in a text, resolved to its target.
    public struct Reference: Sendable, Hashable {
        public var target: Target
        /// `@Tbl-…`: the word starts with a capital letter.
        public var capitalised: Bool
    }

    public enum Problem: Sendable, Hashable {
        /// A label given to two blocks of one page.
        case duplicate(label: String, first: SourceLocation, second: SourceLocation)
        /// A label that does not start with the prefix of its block's kind (`tbl-` on a table,
        /// `fig-` on a chart).
        case badLabel(label: String, at: SourceLocation, kind: Kind)
        /// A label with a character other than a letter, a digit, `-` or `_` (it is the block's
        /// element id, and a reference reads no other).
        case badCharacters(label: String, at: SourceLocation, kind: Kind)
        /// A reference to no label of the page, with the nearest label.
        case missing(label: String, at: SourceLocation, nearest: String?)
    }

    public private(set) var targets: [String: Target] = [:]

    public init() {}

    /// The page's labelled blocks in page order: `(label, id, location, kind)`, `kind` being the
    /// block's (a table's label must start with `tbl-`, a chart's with `fig-`).
    public init(labels: [(label: String, id: String, location: SourceLocation, kind: Kind)], problems: inout [Problem]) {
        var counts: [Kind: Int] = [:]
        for (label, id, location, kind) in labels {
            guard Self.kind(of: label) == kind else {
                problems.append(.badLabel(label: label, at: location, kind: kind))
                continue
            }
            guard label.allSatisfy({ Self.isWordCharacter($0) || $0 == "-" }) else {
                problems.append(.badCharacters(label: label, at: location, kind: kind))
                continue
            }
            if let first = targets[label] {
                problems.append(.duplicate(label: label, first: first.location, second: location))
                continue
            }
            counts[kind, default: 0] += 1
            targets[label] = Target(label: label, kind: kind, number: counts[kind]!, id: id, location: location)
        }
    }

    /// The kind a label names by its prefix (`tbl-namn`, `fig-namn`), nil for any other.
    public static func kind(of label: String) -> Kind? {
        Kind.allCases.first { label.hasPrefix($0.rawValue + "-") && label.count > $0.rawValue.count + 1 }
    }

    /// The reader's word for a target (`Tabell 2`, `figur 1`), joined by an ordinary space as
    /// writers have always written it by hand (the same text, byte for byte).
    public static func word(for reference: Reference, words: ReaderWords) -> String {
        let noun = reference.target.kind == .table ? words.table : words.figure
        let cased = reference.capitalised ? noun : noun.lowercased()
        return "\(cased) \(reference.target.number)"
    }

    /// A labelled block's caption with its number in front (`Tabell 1: Deltagare`); an
    /// unlabelled block's caption unchanged.
    public func caption(_ caption: String?, label: String?, words: ReaderWords) -> String? {
        guard let label, let target = targets[label] else { return caption }
        let number = Self.word(for: Reference(target: target, capitalised: true), words: words)
        guard let caption, !caption.isEmpty else { return number }
        return "\(number): \(caption)"
    }

    /// `text` with each reference replaced by `render`'s text, and the text between passed to
    /// `other` (for escaping). A reference is `@tbl-`/`@fig-` (or `@Tbl-`/`@Fig-`) preceded by
    /// the start or a character that is not a letter, digit or `_` (so `a@tbl-x.se` stays), and
    /// outside a code span. `at` is where the text's first character is in its file.
    public func resolve(_ text: String, at: SourceLocation, problems: inout [Problem],
                        other: (Substring) -> String = { String($0) },
                        render: (Reference) -> String) -> String {
        var out = ""
        var plainStart = text.startIndex
        var i = text.startIndex
        var line = at.line, column = at.column
        var inCode = false
        var previous: Character? = nil
        while i < text.endIndex {
            let c = text[i]
            if c == "`" { inCode.toggle() }
            if c == "@", !inCode, !Self.isWordCharacter(previous), let (label, capitalised, end) = Self.reference(in: text, at: i) {
                if let target = targets[label] {
                    out += other(text[plainStart..<i])
                    out += render(Reference(target: target, capitalised: capitalised))
                    column += text.distance(from: i, to: end)
                    previous = text[text.index(before: end)]
                    i = end
                    plainStart = end
                    continue
                }
                let here = SourceLocation(file: at.file, line: line, column: column)
                problems.append(.missing(label: label, at: here, nearest: nearest(to: label)))
            }
            if c == "\n" { line += 1; column = 1 } else { column += 1 }
            previous = c
            i = text.index(after: i)
        }
        out += other(text[plainStart..<text.endIndex])
        return out
    }

    /// The label most like `label`: a near spelling, or the same name of the other kind
    /// (`@fig-deltagare` for the table `tbl-deltagare`).
    private func nearest(to label: String) -> String? {
        let labels = targets.keys.sorted()
        return closest(to: label, in: labels) ?? labels.first { $0.dropFirst(4) == label.dropFirst(4) }
    }

    private static func isWordCharacter(_ c: Character?) -> Bool {
        guard let c else { return false }
        return c.isLetter || c.isNumber || c == "_"
    }

    /// The label after the `@` at `at`, lower-cased in its kind (`Tbl-x` → `tbl-x`), whether it
    /// was capitalised, and where it ends (a trailing `-` belongs to the sentence).
    private static func reference(in text: String, at: String.Index) -> (String, Bool, String.Index)? {
        var end = text.index(after: at)
        while end < text.endIndex, text[end].isLetter || text[end].isNumber || text[end] == "-" || text[end] == "_" {
            end = text.index(after: end)
        }
        while end > text.index(after: at), text[text.index(before: end)] == "-" { end = text.index(before: end) }
        var word = String(text[text.index(after: at)..<end])
        let capitalised = word.first?.isUppercase == true
        if capitalised, let kind = Kind.allCases.first(where: { word.hasPrefix($0.rawValue.capitalized + "-") }) {
            word = kind.rawValue + word.dropFirst(kind.rawValue.count)
        }
        guard kind(of: word) != nil else { return nil }
        return (word, capitalised, end)
    }
}

extension CrossReferences.Problem {
    /// The problem as an error at its place, in the catalogues' words.
    public var diagnostic: Diagnostic {
        switch self {
        case .duplicate(let label, let first, let second):
            .error(Message(.labelGivenTwice, label, String(first.line)), at: second)
        case .badLabel(let label, let at, .table):
            .error(Message(.labelOnTableMustStartTbl, label, Self.suggestion(label, .table)), at: at)
        case .badCharacters(let label, let at, let kind):
            .error(Message(.labelOnlyLettersDigits, label, kind.rawValue + "-" + slug(String(label.dropFirst(4)))), at: at)
        case .badLabel(let label, let at, .figure):
            .error(Message(.labelOnChartMustStartFig, label, Self.suggestion(label, .figure)), at: at)
        case .missing(let label, let at, let nearest?):
            .error(Message(.referenceNoLabelNearest, label, nearest), at: at)
        case .missing(let label, let at, nil):
            .error(Message(.referenceNoLabel, label), at: at)
        }
    }

    /// The label with its kind's prefix in place of any other (`tbl-x` on a chart: `fig-x`).
    private static func suggestion(_ label: String, _ kind: CrossReferences.Kind) -> String {
        let bare = CrossReferences.Kind.allCases.reduce(label) { $0.hasPrefix($1.rawValue + "-") ? String($0.dropFirst($1.rawValue.count + 1)) : $0 }
        return kind.rawValue + "-" + bare
    }
}
