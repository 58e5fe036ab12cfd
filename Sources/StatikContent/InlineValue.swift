package import StatikCore
import StatikData
package import StatikFormat

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
        while let open = text[rest...].range(of: "{{") {
            guard let close = text[open.upperBound...].range(of: "}}") else {
                found.append((open.lowerBound..<text.endIndex, .failure(.unclosed)))
                break
            }
            let inner = String(text[open.upperBound..<close.lowerBound])
            found.append((open.lowerBound..<close.upperBound, parse(inner)))
            rest = close.upperBound
        }
        return found
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
