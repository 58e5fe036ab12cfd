/// The tags of a Mustache template, as the theme checks read them (ThemeCheck, Theme's partial
/// and parent references): one scanner for all of them.
package struct MustacheTag: Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        /// `{{name}}`, `{{{name}}}`, `{{& name}}`.
        case value
        /// `{{#name}}` and `{{^name}}` (`inverted`), closed by `{{/name}}`.
        case section(inverted: Bool)
        case close
        /// `{{> name}}` and `{{< name}}` (a parent).
        case partial, parent
        /// `{{$name}}`: a block a child template fills in.
        case block
        /// `{{= … =}}`: other delimiters from here on; the scanner stops.
        case delimiters
    }

    package var kind: Kind
    /// The tag's name as written, without its sigil and spaces (`page.title`, `first()`,
    /// `empty(site.robots)`).
    package var name: String
    /// Where the tag starts, from 1.
    package var line: Int
    package var column: Int
    /// Where the tag starts and ends in the template's UTF-8 bytes (`{{` to after `}}`).
    package var start = 0
    package var end = 0

    /// Every tag of `text`, comments left out.
    package static func scan(_ text: String) -> [MustacheTag] {
        var tags: [MustacheTag] = []
        let bytes = Array(text.utf8)
        var i = 0, line = 1, lineStart = 0
        func advanceLines(to end: Int) {
            while i < end {
                if bytes[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1 }
                i += 1
            }
        }
        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "{") else {
                advanceLines(to: i + 1)
                continue
            }
            let startLine = line, startColumn = String(decoding: bytes[lineStart..<i], as: UTF8.self).count + 1, tagStart = i
            let triple = i + 2 < bytes.count && bytes[i + 2] == UInt8(ascii: "{")
            let bodyStart = i + (triple ? 3 : 2)
            let closer: [UInt8] = triple ? Array("}}}".utf8) : Array("}}".utf8)
            var end = bodyStart
            while end + closer.count <= bytes.count, Array(bytes[end..<end + closer.count]) != closer { end += 1 }
            guard end + closer.count <= bytes.count else { break }  // unclosed: the parser says so
            var body = String(decoding: bytes[bodyStart..<end], as: UTF8.self)[...]
            advanceLines(to: end + closer.count)
            body = body.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
            let sigil = triple ? nil : body.first
            var kind = Kind.value
            switch sigil {
            case "!": continue
            case "#": kind = .section(inverted: false)
            case "^": kind = .section(inverted: true)
            case "/": kind = .close
            case ">": kind = .partial
            case "<": kind = .parent
            case "$": kind = .block
            case "&": kind = .value
            case "=":
                tags.append(MustacheTag(kind: .delimiters, name: "", line: startLine, column: startColumn, start: tagStart, end: end + closer.count))
                return tags
            default: break
            }
            if let sigil, "#^/><$&".contains(sigil) { body = body.dropFirst() }
            let name = String(body.trimmingCharacters(in: [" ", "\t", "\n"]))
            tags.append(MustacheTag(kind: kind, name: name, line: startLine, column: startColumn, start: tagStart, end: end + closer.count))
        }
        return tags
    }
}

private extension Substring {
    func trimmingCharacters(in set: Set<Character>) -> Substring {
        var s = self
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return s
    }
}
