public import Foundation
import StatikCore

/// A published table as a file: exactly the values the page shows — after disclosure control,
/// with the same symbols — plus its caption, source and notes.
public struct DownloadTable: Sendable, Hashable {
    public enum Cell: Sendable, Hashable {
        /// A number, and how many decimals the page shows it with.
        case number(Double, decimals: Int)
        case integer(Int64)
        /// A year: a number without grouping (`2011`, never `2 011`).
        case year(Int64)
        /// Text, or a symbol (`x`, `..`, `–`) where the page shows one.
        case text(String)
    }

    public var name: String
    public var caption: String
    public var columns: [String]
    public var rows: [[Cell]]
    public var source: String?
    public var notes: [String]
    /// What the source line starts with, in the page's language (`Källa:`, `Source:`).
    public var sourceLabel: String

    public init(name: String, caption: String, columns: [String], rows: [[Cell]], source: String?, notes: [String], sourceLabel: String = "Källa:") {
        self.sourceLabel = sourceLabel
        self.name = name
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.source = source
        self.notes = notes
    }
}

/// CSV for Swedish Excel: UTF-8 with a byte-order mark (so å, ä and ö are read right),
/// semicolons between fields and a decimal comma — what Excel in Sweden opens with a double
/// click, numbers as numbers. The caption first, then the header row and the rows, then the
/// source and the notes.
public enum CSVDownload {
    public static func text(_ table: DownloadTable) -> Data {
        var lines: [String] = []
        lines.append(field(table.caption))
        lines.append("")
        lines.append(table.columns.map(field).joined(separator: ";"))
        for row in table.rows {
            lines.append(row.map { cell in
                switch cell {
                case .integer(let n), .year(let n): return String(n)
                case .number(let x, let decimals): return plain(x, decimals: decimals)
                case .text(let s): return field(s)
                }
            }.joined(separator: ";"))
        }
        lines.append("")
        if let source = table.source { lines.append(field(table.sourceLabel + " " + source)) }
        for note in table.notes { lines.append(field(note)) }
        return Data([0xEF, 0xBB, 0xBF] + Array((lines.joined(separator: "\r\n") + "\r\n").utf8))
    }

    /// `12,5`, `-0,25`, `6039`: no thousands separator, so Excel reads a number.
    static func plain(_ x: Double, decimals: Int) -> String {
        let decimals = max(0, min(decimals, 15))
        // Whole numbers (most of what a table holds) as `printf` writes them, without it (it
        // was 1.5 % of a data site's build): below 2^53 Int64 prints the same digits.
        if x.rounded(.towardZero) == x, x.magnitude < 9_007_199_254_740_992 {
            let whole = x == 0 && x.sign == .minus ? "-0" : String(Int64(x))
            return decimals > 0 ? whole + "," + String(repeating: "0", count: decimals) : whole
        }
        let text = String(format: "%.\(decimals)f", x)
        // The point as a comma, byte by byte (the text is ASCII).
        return String(decoding: text.utf8.map { $0 == UInt8(ascii: ".") ? UInt8(ascii: ",") : $0 }, as: UTF8.self)
    }

    /// A field, quoted when it holds a separator, a quote or a line break.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
