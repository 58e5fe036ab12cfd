/// A text as one line of Statik's own record files (the output manifest, the render cache,
/// the output journal): `\` written `\\`, a line feed `\n`, a carriage return `\r`. The one
/// escaper of them all.
public enum LineEscape {
    public static func escape(_ text: String) -> String {
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) { return text }
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The text of an escaped line; nil when the line is no escaped text (a backslash before
    /// anything but `\`, `n` or `r`, or at the end): a damaged record, never misread.
    public static func unescape(_ line: some StringProtocol) -> String? {
        if !line.utf8.contains(UInt8(ascii: "\\")) { return String(line) }
        var out = ""
        var escaped = false
        for c in line.unicodeScalars {
            if escaped {
                switch c {
                case "\\": out += "\\"
                case "n": out += "\n"
                case "r": out += "\r"
                default: return nil
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return escaped ? nil : out
    }
}
