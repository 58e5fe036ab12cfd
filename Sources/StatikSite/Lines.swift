extension String {
    /// The lines of the text: `split(separator: "\n", omittingEmptySubsequences: false)`,
    /// found by bytes instead of by Characters. A CR LF pair is one Character, so a line that
    /// ends in CR LF is not split there: text with a CR takes the Character path, so that the
    /// answer is always the same.
    var lines: [Substring] {
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
}

extension StringProtocol {
    /// Whether `{{` occurs in the UTF-8 bytes: a quick test before `contains("{{")`, which
    /// goes through Foundation (a text without these bytes cannot contain the string).
    /// True when the text holds `{{`, also written as `%7B%7B` (as a link address may be
    /// percent-encoded): scanned byte by byte, without Foundation's string search.
    var hasDoubleBraceOrEncoded: Bool {
        hasDoubleBrace || utf8.firstRange(of: "%7B%7B".utf8) != nil
    }

    var hasDoubleBrace: Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte == 0x7B && previous == 0x7B { return true }
            previous = byte
        }
        return false
    }
}
