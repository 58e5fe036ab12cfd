import Foundation
import StatikContent

/// Just enough of HTML to check a built site: the start tags with their attributes, the text of
/// `<style>` elements, and `url(…)` in CSS. Comments, `<script>` content and end tags are
/// skipped. It reads what Statik writes and any ordinary hand-written page; it is no validator
/// (the Nu HTML Checker is, in CI).
package struct HTMLScan {
    package struct Element {
        var name: String
        var attributes: [(name: String, value: String)]
        /// The line the tag starts on (1-based).
        var line: Int

        subscript(attribute: String) -> String? { attributes.first { $0.name == attribute }?.value }
    }

    package var elements: [Element] = []
    /// The contents of `<style>` elements and `style` attributes.
    var styles: [String] = []

    package init(_ html: String) {
        let bytes = Array(html.utf8)
        var i = 0
        var line = 1
        func count(_ range: Range<Int>) { for j in range where bytes[j] == 0x0A { line += 1 } }
        func find(_ needle: [UInt8], from start: Int, caseInsensitive: Bool = false) -> Int? {
            guard needle.count <= bytes.count else { return nil }
            var j = start
            while j + needle.count <= bytes.count {
                var k = 0
                while k < needle.count, (caseInsensitive ? Self.lower(bytes[j + k]) : bytes[j + k]) == needle[k] { k += 1 }
                if k == needle.count { return j }
                j += 1
            }
            return nil
        }
        while i < bytes.count {
            guard bytes[i] == 0x3C /* < */ else {
                if bytes[i] == 0x0A { line += 1 }
                i += 1
                continue
            }
            let start = i
            if bytes[i...].starts(with: Array("<!--".utf8)) {
                let end = find(Array("-->".utf8), from: i + 4).map { $0 + 3 } ?? bytes.count
                count(i..<end); i = end; continue
            }
            let next = i + 1 < bytes.count ? bytes[i + 1] : 0
            if next == 0x21 || next == 0x3F || next == 0x2F {  // <!DOCTYPE, <?xml, </end>
                let end = find([0x3E], from: i).map { $0 + 1 } ?? bytes.count
                count(i..<end); i = end; continue
            }
            guard Self.isLetter(next) else { i += 1; continue }
            // A start tag: its name, then attributes up to > or />.
            var j = i + 1
            while j < bytes.count, Self.isNameByte(bytes[j]) { j += 1 }
            let name = String(decoding: bytes[(i + 1)..<j].map(Self.lower), as: UTF8.self)
            var attributes: [(String, String)] = []
            while j < bytes.count {
                while j < bytes.count, Self.isSpace(bytes[j]) || bytes[j] == 0x2F { j += 1 }
                guard j < bytes.count, bytes[j] != 0x3E else { break }
                let nameStart = j
                while j < bytes.count, !Self.isSpace(bytes[j]), bytes[j] != 0x3D, bytes[j] != 0x3E, bytes[j] != 0x2F || j == nameStart { j += 1 }
                let attribute = String(decoding: bytes[nameStart..<j].map(Self.lower), as: UTF8.self)
                while j < bytes.count, Self.isSpace(bytes[j]) { j += 1 }
                var value = ""
                if j < bytes.count, bytes[j] == 0x3D {
                    j += 1
                    while j < bytes.count, Self.isSpace(bytes[j]) { j += 1 }
                    if j < bytes.count, bytes[j] == 0x22 || bytes[j] == 0x27 {
                        let quote = bytes[j]
                        let end = bytes[(j + 1)...].firstIndex(of: quote) ?? bytes.count
                        value = String(decoding: bytes[(j + 1)..<end], as: UTF8.self)
                        j = min(end + 1, bytes.count)
                    } else {
                        let valueStart = j
                        while j < bytes.count, !Self.isSpace(bytes[j]), bytes[j] != 0x3E { j += 1 }
                        value = String(decoding: bytes[valueStart..<j], as: UTF8.self)
                    }
                }
                attributes.append((attribute, Self.decodeEntities(value)))
            }
            let end = min(j + 1, bytes.count)
            elements.append(Element(name: name, attributes: attributes, line: line))
            if let style = attributes.first(where: { $0.0 == "style" }) { styles.append(style.1) }
            count(start..<end)
            i = end
            // Raw text elements: their content is no markup.
            if name == "script" || name == "style" || name == "textarea" || name == "title" {
                let close = find(Array("</\(name)".utf8), from: i, caseInsensitive: true) ?? bytes.count
                if name == "style" { styles.append(String(decoding: bytes[i..<close], as: UTF8.self)) }
                count(i..<close)
                i = close
            }
        }
    }

    private static func lower(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b + 32 : b }
    private static func isLetter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
    private static func isNameByte(_ b: UInt8) -> Bool { isLetter(b) || (0x30...0x39).contains(b) || b == 0x2D || b == 0x3A }
    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }

    /// `&amp;`, `&#39;`, `&#x2F;` and the few named references that appear in addresses.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}"]
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(12).firstIndex(of: ";") {
                let name = after[..<semi]
                var decoded: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    decoded = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    decoded = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    decoded = named[String(name)]
                }
                if let decoded {
                    out += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }

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
