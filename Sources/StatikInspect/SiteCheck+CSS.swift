import Foundation

extension SiteCheck {
    /// The addresses in CSS: `url(…)` and `@import "…"`, comments left out.
    static func cssReferences(_ css: String) -> [String] {
        var text = css
        while let open = text.range(of: "/*") {
            let close = text[open.upperBound...].range(of: "*/")?.upperBound ?? text.endIndex
            text.replaceSubrange(open.lowerBound..<close, with: " ")
        }
        var found: [String] = []
        var rest = text[...]
        while let url = rest.range(of: "url(", options: .caseInsensitive) {
            let inner = rest[url.upperBound...]
            let close = inner.firstIndex(of: ")") ?? inner.endIndex
            let value = inner[..<close].trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if !value.isEmpty { found.append(value) }
            rest = inner[close...]
        }
        rest = text[...]
        while let at = rest.range(of: "@import", options: .caseInsensitive) {
            let after = rest[at.upperBound...].drop(while: { $0 == " " || $0 == "\t" })
            if let quote = after.first, quote == "\"" || quote == "'" {
                let inner = after.dropFirst()
                if let close = inner.firstIndex(of: quote) { found.append(String(inner[..<close])) }
            }
            rest = rest[at.upperBound...]
        }
        return found
    }
}
