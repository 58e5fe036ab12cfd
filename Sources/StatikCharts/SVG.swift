import StatikCore

/// A coordinate as SVG text: rounded to one decimal, half away from zero, with no `-0` and no
/// trailing `.0`, so that the same input always gives the same bytes.
func coord(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let tenths = Int((x * 10).rounded())
    if tenths == 0 { return "0" }
    let magnitude = abs(tenths)
    let sign = tenths < 0 ? "-" : ""
    return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
}

/// The width of text as a browser would set it, estimated from Arial's advance widths plus a
/// margin, since there is no font to measure at build time. Used for layout only: labels get
/// room, not exact positions.
enum TextMetrics {
    private static let widths: [Character: Double] = {
        var table: [Character: Double] = [:]
        let groups: [(String, Double)] = [
            ("ijl'|", 0.222), ("ft.,:;!/ I[]", 0.278), ("r-()\"*", 0.333), ("cksvxyzJ", 0.5),
            ("abdeghnopqu0123456789$#_?L+=<>~åäöéü", 0.556), ("FTZ", 0.611),
            ("ABEKPSVXYÅÄ&", 0.667), ("CDHNRU", 0.722), ("GOQÖ", 0.778), ("mM", 0.833),
            ("%", 0.889), ("W", 0.944), ("w", 0.722), ("–", 0.556), ("−", 0.584), ("‰", 1.0),
            ("\u{00A0}", 0.278),
        ]
        for (chars, width) in groups {
            for ch in chars { table[ch] = width }
        }
        return table
    }()

    /// The width of each of the first 256 code points (each one a character of its own: none
    /// joins the one before or after it, CR aside), and of the three above them in `widths`.
    private static let latin1: [Double] = (0..<256).map { characterWidth(Character(Unicode.Scalar(UInt8($0)))) }
    private static let enDash = characterWidth("–"), minus = characterWidth("−"), permille = characterWidth("‰")

    /// The width of a character, in ems.
    static func characterWidth(_ ch: Character) -> Double { widths[ch] ?? (ch.isUppercase ? 0.68 : 0.56) }

    /// The width in ems of a text whose code points are each a character of its own (nil
    /// otherwise): from a table, not by hashing Characters (1 % of a data site's build). The
    /// sum is made in the same order as by Characters, so it is the same number.
    private static func codePointWidth(_ text: String) -> Double? {
        var em = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0D: return nil  // CR LF is one character
            case 0..<256: em += latin1[Int(scalar.value)]
            case 0x2013: em += enDash
            case 0x2212: em += minus
            case 0x2030: em += permille
            default: return nil
            }
        }
        return em
    }

    /// Estimated width of `text` at `size` user units.
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        let em = codePointWidth(text) ?? text.reduce(0.0) { $0 + characterWidth($1) }
        // Arial's widths, widened to those of DejaVu Sans (Linux's usual sans-serif), the widest
        // of the common fonts: text then fits whichever font the reader has.
        return em * size * (bold ? 1.2 : 1.13)
    }

    /// `text` broken into lines no wider than `width`, at spaces and after hyphens. A word wider
    /// than the line stands on its own line rather than being cut.
    static func wrap(_ text: String, width: Double, size: Double) -> [String] {
        var words: [String] = []
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            // "Arbetsförmedlingen-Försäkringskassan" may break after its hyphen.
            var part = ""
            for ch in word {
                part.append(ch)
                if ch == "-" && part.count > 1 { words.append(part); part = "" }
            }
            if !part.isEmpty { words.append(part) }
        }
        var lines: [String] = []
        var line = ""
        for word in words {
            let candidate = line.isEmpty ? word : (line.hasSuffix("-") ? line + word : line + " " + word)
            if line.isEmpty || Self.width(candidate, size: size) <= width {
                line = candidate
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.isEmpty ? [""] : lines
    }

    /// The widest single word of `text`: a line can be no narrower.
    static func widestWord(_ text: String, size: Double) -> Double {
        text.split(separator: " ").map { width(String($0), size: size) }.max() ?? 0
    }
}

/// SVG markup, written element by element. Every text goes through `escapeHTML`.
struct SVGWriter {
    /// The markup, as UTF-8 bytes: appending to a `String` piece by piece (its capacity and
    /// ASCII flags checked at each) was most of a bar chart's time.
    private var bytes: [UInt8] = []

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    private mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func open(_ element: String, _ attributes: [(String, String)] = []) {
        raw("<" as StaticString)
        raw(element)
        append(attributes)
        raw(">" as StaticString)
    }

    mutating func close(_ element: String) {
        raw("</" as StaticString)
        raw(element)
        raw(">" as StaticString)
    }

    mutating func empty(_ element: String, _ attributes: [(String, String)]) {
        raw("<" as StaticString)
        raw(element)
        append(attributes)
        raw("/>" as StaticString)
    }

    /// ` name="value"` for each pair, the value escaped.
    private mutating func append(_ attributes: [(String, String)]) {
        for (name, value) in attributes {
            raw(" " as StaticString)
            raw(name)
            raw("=\"" as StaticString)
            escapeHTML(value, into: &bytes)
            raw("\"" as StaticString)
        }
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, class name: String) {
        empty("rect", [("class", name), ("x", coord(x)), ("y", coord(y)), ("width", coord(max(width, 0))), ("height", coord(max(height, 0)))])
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, class name: String? = nil) {
        var attributes = [("x1", coord(x1)), ("y1", coord(y1)), ("x2", coord(x2)), ("y2", coord(y2))]
        if let name { attributes.insert(("class", name), at: 0) }
        empty("line", attributes)
    }

    enum Anchor: String { case start, middle, end }

    /// Text of one or more lines; `y` is the baseline of the first line.
    mutating func text(_ lines: [String], x: Double, y: Double, anchor: Anchor = .start, class name: String? = nil,
                       size: Double? = nil, lineHeight: Double = 0, bold: Bool = false) {
        var attributes: [(String, String)] = []
        if let name { attributes.append(("class", name)) }
        attributes += [("x", coord(x)), ("y", coord(y))]
        if anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
        if let size { attributes.append(("font-size", coord(size))) }
        if bold { attributes.append(("font-weight", "700")) }
        open("text", attributes)
        if lines.count == 1 {
            escapeHTML(lines[0], into: &bytes)
        } else {
            for (i, line) in lines.enumerated() {
                raw("<tspan x=\"\(coord(x))\"\(i == 0 ? "" : " dy=\"\(coord(lineHeight))\"")>")
                escapeHTML(line, into: &bytes)
                raw("</tspan>" as StaticString)
            }
        }
        close("text")
    }
}

/// The `<svg>` element around a chart's marks: sized by its viewBox only, so that it scales to
/// the width of the page, with a title and a description that a screen reader reads.
func svgDocument(id: String, width: Double, height: Double, title: String, description: String,
                 kind: String, interactive: Bool = false, body: String) -> String {
    let titleID = "\(id)-titel", descID = "\(id)-beskrivning"
    // A map with links keeps them reachable: not an image, whose children a screen reader
    // would skip, but the SVG's own role (graphics-document), which HTML allows no other
    // value for here.
    let role = interactive ? "" : " role=\"img\""
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"statik-svg statik-svg-\(kind)\" viewBox=\"0 0 \(coord(width)) \(coord(height))\""
        + "\(role) aria-labelledby=\"\(titleID) \(descID)\" font-size=\"\(coord(Layout.fontSize))\">\n"
        + "<title id=\"\(titleID)\">\(escapeHTML(title))</title>\n"
        + "<desc id=\"\(descID)\">\(escapeHTML(description))</desc>\n"
        + body
        + "</svg>"
}

/// Sizes shared by all charts, in SVG user units (about CSS pixels at the wide size).
enum Layout {
    /// The wide drawing, for screens of ordinary width and for print.
    static let wideWidth = 640.0
    /// The narrow drawing, for phones: its text stays legible at 320–600 px.
    static let narrowWidth = 360.0
    static let fontSize = 13.0
    static let smallFontSize = 12.0
    static let lineHeight = 15.0
    static let legendSwatch = 12.0
}
