/// Text made safe inside HTML and SVG, in element content and in quoted attribute values.
///
/// Most text has nothing to escape (numbers, labels, prose): it is found so by one scan of its
/// bytes and returned as it is. The rest is escaped byte by byte; the five characters escaped
/// are all ASCII, so no multi-byte character can be split.
public func escapeHTML(_ text: String) -> String {
    var text = text
    return text.withUTF8 { utf8 in
        utf8.contains(where: needsEscape) ? escaped(utf8) : nil
    } ?? text
}

public func escapeHTML(_ text: Substring) -> String {
    escapeHTML(String(text))
}

private func escaped(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(utf8.count + 16)
    appendEscaped(utf8, to: &out)
    return String(decoding: out, as: UTF8.self)
}

/// `text` escaped as `escapeHTML` does, written at the end of `out` (a template's output).
public func escapeHTML(_ text: String, into out: inout [UInt8]) {
    var text = text
    text.withUTF8 { utf8 in
        if utf8.contains(where: needsEscape) { appendEscaped(utf8, to: &out) } else { out.append(contentsOf: utf8) }
    }
}

private func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    for byte in utf8 {
        switch byte {
        case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
        case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
        default: out.append(byte)
        }
    }
}

@inline(__always)
private func needsEscape(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
        || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
}
