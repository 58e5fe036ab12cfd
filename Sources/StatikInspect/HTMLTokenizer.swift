import StatikCore
import StatikHTMLText

/// A start tag: its name and attributes (names in lower case, values with their character
/// references decoded), and the line it starts on.
package struct HTMLTag {
    package var name: String
    /// In the order written; a repeated attribute is left out, as a browser leaves it out.
    package var attributes: [(name: String, value: String)]
    /// Written `<… />`.
    package var selfClosing: Bool
    /// The line the tag starts on (1-based).
    package var line: Int

    package subscript(attribute: String) -> String? { attributes.first { $0.name == attribute }?.value }
}

package enum HTMLToken {
    case start(HTMLTag)
    case end(String)
    /// Text, its character references decoded (in `<title>` and `<textarea>` too).
    case text(String)
    /// The contents of a `<script>`, `<style>` (and the other raw-text elements), as written.
    case rawText(element: String, text: String)
}

/// HTML read into tags and text as the WHATWG tokenizer reads it, the one reader of built pages
/// for `statik check` and `statik diff`: comments, doctypes and processing instructions
/// passed over, attributes quoted either way or not at all, a `<` that starts no tag is text,
/// and the contents of `<script>`, `<style>`, `<title>` and `<textarea>` are no markup. It
/// reads what Statik writes and any ordinary hand-written page; it builds no tree and is no
/// validator (the Nu HTML Checker is, in CI).
package struct HTMLTokenizer {
    /// Elements whose contents are text up to their end tag (RAWTEXT and RCDATA of WHATWG HTML).
    static let rawText: Set<String> = ["script", "style", "xmp", "iframe", "noembed", "noframes"]
    static let escapableRawText: Set<String> = ["title", "textarea"]

    private let bytes: [UInt8]
    private var i = 0
    private var line = 1
    private var tokens: [HTMLToken] = []

    package static func tokens(_ html: String) -> [HTMLToken] {
        var tokenizer = HTMLTokenizer(bytes: Array(html.utf8))
        tokenizer.run()
        return tokenizer.tokens
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func run() {
        var textStart = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<"), let markup = markupKind(at: i) else {
                i += 1
                continue
            }
            emitText(textStart..<i)
            switch markup {
            case .comment: skip(to: commentEnd(from: i))
            case .bogus: skip(to: find([UInt8(ascii: ">")], from: i).map { $0 + 1 } ?? bytes.count)
            case .end: endTag()
            case .start: startTag()
            }
            textStart = i
        }
        emitText(textStart..<bytes.count)
    }

    private enum Markup { case comment, bogus, end, start }

    /// What a `<` at `at` starts, nil when it is text.
    private func markupKind(at: Int) -> Markup? {
        let next = at + 1 < bytes.count ? bytes[at + 1] : 0
        if next == UInt8(ascii: "!") {
            return bytes[at...].starts(with: Array("<!--".utf8)) ? .comment : .bogus
        }
        if next == UInt8(ascii: "?") { return .bogus }
        if next == UInt8(ascii: "/") {
            let after = at + 2 < bytes.count ? bytes[at + 2] : 0
            return Self.isLetter(after) ? .end : at + 2 < bytes.count ? .bogus : nil
        }
        return Self.isLetter(next) ? .start : nil
    }

    private mutating func emitText(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        tokens.append(.text(CharacterReferences.decode(String(decoding: bytes[range], as: UTF8.self))))
        count(range)
    }

    private mutating func count(_ range: Range<Int>) {
        for j in range where bytes[j] == 0x0A { line += 1 }
    }

    private mutating func skip(to end: Int) {
        count(i..<end)
        i = end
    }

    /// After `-->` (or `--!>`; `<!-->` and `<!--->` are empty comments), or the end.
    private func commentEnd(from start: Int) -> Int {
        for empty in ["<!-->", "<!--->"] where bytes[start...].starts(with: Array(empty.utf8)) { return start + empty.utf8.count }
        var j = start + 4
        while j + 2 < bytes.count {
            if bytes[j] == UInt8(ascii: "-"), bytes[j + 1] == UInt8(ascii: "-") {
                if bytes[j + 2] == UInt8(ascii: ">") { return j + 3 }
                if bytes[j + 2] == UInt8(ascii: "!"), j + 3 < bytes.count, bytes[j + 3] == UInt8(ascii: ">") { return j + 4 }
            }
            j += 1
        }
        return bytes.count
    }

    private mutating func endTag() {
        let start = i
        i += 2
        let name = tagName()
        _ = attributes()
        emit(.end(name), from: start)
    }

    private mutating func startTag() {
        let start = i, line = self.line
        i += 1
        let name = tagName()
        let (attributes, selfClosing) = attributes()
        emit(.start(HTMLTag(name: name, attributes: attributes, selfClosing: selfClosing, line: line)), from: start)
        let escapable = Self.escapableRawText.contains(name)
        guard escapable || Self.rawText.contains(name) else { return }
        // Its contents, up to `</name` followed by white space, `/` or `>`.
        let close = Array("</\(name)".utf8)
        var contentEnd = bytes.count, from = i
        while let found = find(close, from: from, caseInsensitive: true) {
            let after = found + close.count < bytes.count ? bytes[found + close.count] : UInt8(ascii: ">")
            if Self.isSpace(after) || after == UInt8(ascii: "/") || after == UInt8(ascii: ">") {
                contentEnd = found
                break
            }
            from = found + 1
        }
        let text = String(decoding: bytes[i..<contentEnd], as: UTF8.self)
        if escapable {
            if !text.isEmpty { tokens.append(.text(CharacterReferences.decode(text))) }
        } else {
            tokens.append(.rawText(element: name, text: text))
        }
        skip(to: contentEnd)
    }

    private mutating func emit(_ token: HTMLToken, from start: Int) {
        tokens.append(token)
        count(start..<i)
    }

    /// A tag's name, in lower case: up to white space, `/` or `>`.
    private mutating func tagName() -> String {
        let start = i
        while i < bytes.count, !Self.isSpace(bytes[i]), bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: ">") { i += 1 }
        return Self.lowercased(bytes[start..<i])
    }

    /// The attributes up to and past the tag's `>`, and whether it ended `/>`.
    private mutating func attributes() -> ([(name: String, value: String)], Bool) {
        var attributes: [(name: String, value: String)] = []
        var selfClosing = false
        while i < bytes.count {
            if Self.isSpace(bytes[i]) { i += 1; continue }
            if bytes[i] == UInt8(ascii: ">") { i += 1; break }
            if bytes[i] == UInt8(ascii: "/") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: ">") { selfClosing = true }
                continue
            }
            let nameStart = i
            i += 1  // a name may start with `=`
            while i < bytes.count, !Self.isSpace(bytes[i]), bytes[i] != UInt8(ascii: "/"), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: "=") { i += 1 }
            let name = Self.lowercased(bytes[nameStart..<i])
            let value = attributeValue()
            if !attributes.contains(where: { $0.name == name }) { attributes.append((name, value)) }
        }
        return (attributes, selfClosing)
    }

    /// `= "…"`, `= '…'` or `= …` after an attribute's name, decoded; "" when there is none.
    private mutating func attributeValue() -> String {
        var j = i
        while j < bytes.count, Self.isSpace(bytes[j]) { j += 1 }
        guard j < bytes.count, bytes[j] == UInt8(ascii: "=") else { return "" }
        j += 1
        while j < bytes.count, Self.isSpace(bytes[j]) { j += 1 }
        let range: Range<Int>
        if j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
            let end = bytes[(j + 1)...].firstIndex(of: bytes[j]) ?? bytes.count
            range = (j + 1)..<end
            i = min(end + 1, bytes.count)
        } else {
            var end = j
            while end < bytes.count, !Self.isSpace(bytes[end]), bytes[end] != UInt8(ascii: ">") { end += 1 }
            range = j..<end
            i = end
        }
        return CharacterReferences.decode(String(decoding: bytes[range], as: UTF8.self), inAttribute: true)
    }

    private func find(_ needle: [UInt8], from start: Int, caseInsensitive: Bool = false) -> Int? {
        var j = start
        while j + needle.count <= bytes.count {
            var k = 0
            while k < needle.count, (caseInsensitive ? Self.lower(bytes[j + k]) : bytes[j + k]) == needle[k] { k += 1 }
            if k == needle.count { return j }
            j += 1
        }
        return nil
    }

    private static func lower(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b + 32 : b }
    private static func lowercased(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes.map(lower), as: UTF8.self) }
    private static func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }
}
