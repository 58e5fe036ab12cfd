package import StatikCore
import StatikData
package import StatikFormat
package import StatikMarkdown

/// A `{{ … }}` in prose: a query's value (`{{ totalt.deltagare | heltal }}`) or a page
/// parameter (`{{ params.namn }}`).
package struct InlineValue {
    package enum Problem: Error {
        case unclosed
        case syntax(Message)
    }

    package var source: String  // `params` or a query name
    package var field: String
    package var format: Format?

    /// The `{{ … }}` in a piece of text, with their character offsets, or the problem.
    package static func scan(_ text: String) -> [(range: Range<String.Index>, parsed: Result<InlineValue, Problem>)] {
        var found: [(Range<String.Index>, Result<InlineValue, Problem>)] = []
        var rest = text.startIndex
        while let open = text.byteRange(of: "{{", from: rest) {
            guard let close = text.byteRange(of: "}}", from: open.upperBound) else {
                found.append((open.lowerBound..<text.endIndex, .failure(.unclosed)))
                break
            }
            let inner = String(text[open.upperBound..<close.lowerBound])
            found.append((open.lowerBound..<close.upperBound, parse(inner)))
            rest = close.upperBound
        }
        return found
    }

    /// `text` with each `{{ … }}` in it filled in: the one interpolator of values in prose, link
    /// addresses, front matter and chart options. `fill` is given what the braces hold (or
    /// what is wrong with them) and where they are, and answers a text to put in their place,
    /// markup to put there as a piece of its own, or nil to leave them as written (having said
    /// what is wrong). The pieces are texts and markup in turn, a text first and last (empty
    /// or not).
    package static func pieces(of text: String, _ fill: (Result<InlineValue, Problem>, Range<String.Index>) -> MarkdownDocument.Inline?) -> [MarkdownDocument.Inline] {
        var pieces: [MarkdownDocument.Inline] = []
        var out = ""
        var last = text.startIndex
        for (range, parsed) in scan(text) {
            out += text[last..<range.lowerBound]
            last = range.upperBound
            switch fill(parsed, range) {
            case .text(let value)?:
                out += value
            case let markup?:
                pieces.append(.text(out))
                out = ""
                pieces.append(markup)
            case nil:
                out += text[range]
            }
        }
        pieces.append(.text(out + text[last...]))
        return pieces
    }

    /// `text` with each `{{ … }}` in it replaced by what `fill` answers, or left as written
    /// where it answers nil.
    package static func interpolate(_ text: String, _ fill: (Result<InlineValue, Problem>, Range<String.Index>) -> String?) -> String {
        guard text.containsBytes("{{") else { return text }
        return pieces(of: text) { parsed, range in fill(parsed, range).map(MarkdownDocument.Inline.text) }.reduce(into: "") { out, piece in
            if case .text(let text) = piece { out += text }
        }
    }

    static func parse(_ inner: String) -> Result<InlineValue, Problem> {
        // `source.field`, then `| format` if there is one: cut at the bytes of `|` and `.`.
        let bar = inner.utf8.firstIndex(of: UInt8(ascii: "|"))
        let reference = inner[..<(bar ?? inner.endIndex)].trimming(" \t")
        let dot = reference.utf8.firstIndex(of: UInt8(ascii: "."))
        guard let dot, case let field = reference[reference.utf8.index(after: dot)...], !field.utf8.contains(UInt8(ascii: ".")),
              isIdentifier(reference[..<dot]), isIdentifier(field) else {
            return .failure(.syntax(Message(.notValueWriteQueryColumn, inner.trimming(" \t"))))
        }
        var value = InlineValue(source: String(reference[..<dot]), field: String(field), format: nil)
        if let bar {
            do {
                value.format = try Format(parsing: String(inner[inner.utf8.index(after: bar)...]))
            } catch {
                return .failure(.syntax(error.message))
            }
        }
        return .success(value)
    }
}

extension StringProtocol {
    /// The text without the given characters at either end.
    package func trimming(_ set: String) -> String {
        // Only the ends are looked at: the text itself is copied once, not reversed twice.
        // ASCII characters (not CR or LF, which join) by bytes: where what is kept starts and
        // ends with an ASCII byte, the bytes cut are whole characters (nothing in ASCII joins
        // the character before it), and the result is the one Characters give. (A page's
        // `{{ … }}` are trimmed so; by Characters, 0.3 % of a data site's build.)
        let bytes = Array(set.utf8)
        if bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0A && $0 != 0x0D }) {
            let text = String(self)[...]  // a String is not copied; a Substring once
            let u = text.utf8
            var lower = u.startIndex, upper = u.endIndex
            while lower < upper, bytes.contains(u[lower]) { lower = u.index(after: lower) }
            while upper > lower, bytes.contains(u[u.index(before: upper)]) { upper = u.index(before: upper) }
            if lower == upper { return "" }
            if u[lower] < 0x80, u[u.index(before: upper)] < 0x80 { return String(text[lower..<upper]) }
        }
        let chars = Set(set)
        guard let start = firstIndex(where: { !chars.contains($0) }),
              let end = lastIndex(where: { !chars.contains($0) }) else { return "" }
        return String(self[start...end])
    }
}
