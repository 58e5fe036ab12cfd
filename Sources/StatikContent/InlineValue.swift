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
        let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
        let reference = parts[0].trimming(" \t")
        let names = reference.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard names.count == 2, isIdentifier(names[0]), isIdentifier(names[1]) else {
            return .failure(.syntax(Message(.notValueWriteQueryColumn, inner.trimming(" \t"))))
        }
        var value = InlineValue(source: names[0], field: names[1], format: nil)
        if parts.count == 2 {
            do {
                value.format = try Format(parsing: String(parts[1]))
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
        let chars = Set(set)
        guard let start = firstIndex(where: { !chars.contains($0) }),
              let end = lastIndex(where: { !chars.contains($0) }) else { return "" }
        return String(self[start...end])
    }
}
