import Foundation
import StatikCore
import StatikContent

/// The tags and text of HTML Statik wrote (well-formed, attributes in double quotes).
struct HTMLTokens {
    enum Token {
        case open(String, [String: String])
        case close(String)
        case text(String)
    }

    let all: [Token]

    init(_ html: String) {
        var tokens: [Token] = []
        var rest = html[...]
        while !rest.isEmpty {
            guard let lt = rest.firstIndex(of: "<") else {
                tokens.append(.text(Self.decode(rest)))
                break
            }
            if lt > rest.startIndex { tokens.append(.text(Self.decode(rest[..<lt]))) }
            if rest[lt...].hasPrefix("<!--"), let end = rest[lt...].range(of: "-->") {
                rest = rest[end.upperBound...]
                continue
            }
            guard let gt = rest[lt...].firstIndex(of: ">") else { break }
            let inside = rest[rest.index(after: lt)..<gt]
            rest = rest[rest.index(after: gt)...]
            if inside.hasPrefix("/") {
                tokens.append(.close(String(inside.dropFirst()).lowercased().trimmingCharacters(in: .whitespaces)))
                continue
            }
            if inside.hasPrefix("!") || inside.hasPrefix("?") { continue }
            let name = String(inside.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
            var attributes: [String: String] = [:]
            var a = inside.dropFirst(name.count)
            while let eq = a.firstIndex(of: "=") {
                let key = a[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
                a = a[a.index(after: eq)...]
                guard a.first == "\"", let close = a.dropFirst().firstIndex(of: "\"") else { break }
                attributes[String(key.split(separator: " ").last ?? "")] = Self.decode(a[a.index(after: a.startIndex)..<close])
                a = a[a.index(after: close)...]
            }
            tokens.append(.open(name, attributes))
            if ["br", "img", "meta", "link", "input", "hr", "col", "source", "path", "rect", "circle", "line"].contains(name) || inside.hasSuffix("/") {
                tokens.append(.close(name))
            }
            // Script and style bodies are not text.
            if name == "script" || name == "style", let end = rest.range(of: "</\(name)>") {
                rest = rest[end.upperBound...]
                tokens.append(.close(name))
            }
        }
        all = tokens
    }

    static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&nbsp;", with: "\u{00A0}").replacingOccurrences(of: "&amp;", with: "&")
    }
}
