import StatikCore

extension String {
    /// The lines of the text: `split(separator: "\n", omittingEmptySubsequences: false)`,
    /// found by bytes instead of by Characters. A CR LF pair is one Character, so a line that
    /// ends in CR LF is not split there: text with a CR takes the Character path, so that the
    /// answer is always the same.
    package var lines: [Substring] {
        var breaks: [Int] = []
        var carriageReturn = false
        let scanned: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            for (offset, byte) in bytes.enumerated() {
                if byte == 0x0A { breaks.append(offset) } else if byte == 0x0D { carriageReturn = true }
            }
        }
        guard scanned != nil, !carriageReturn else { return split(separator: "\n", omittingEmptySubsequences: false) }
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = startIndex
        for offset in breaks {
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(self[start..<end])
            start = utf8.index(after: end)
        }
        lines.append(self[start...])
        return lines
    }

    /// The first lines, as `lines` gives them, through the first for which `isLast` (given the
    /// line and its number from 1) is true; nil when it never is, when it says nil (give up),
    /// or when the text has a CR (`lines` then splits by Characters).
    package func lines(through isLast: (Substring, Int) -> Bool?) -> [Substring]? {
        var found: [Substring]?
        let scanned: Void? = utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(0x0D) else { return }
            var lines: [Substring] = []
            var start = 0
            while start <= bytes.count {
                let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
                lines.append(self[utf8.index(startIndex, offsetBy: start)..<utf8.index(startIndex, offsetBy: end)])
                guard let last = isLast(lines[lines.count - 1], lines.count) else { return }
                if last {
                    found = lines
                    return
                }
                start = end + 1
            }
        }
        return scanned == nil ? nil : found
    }
}

extension StringProtocol {
    /// Whether `{{` occurs in the text, found in its bytes (memmem), without Foundation's
    /// string search.
    package var hasDoubleBrace: Bool { containsBytes("{{") }

    /// True when the text holds `{{`, also written `%7B%7B` (a percent-encoded link address).
    package var hasDoubleBraceOrEncoded: Bool { containsBytes("{{") || containsBytes("%7B%7B") }
}
