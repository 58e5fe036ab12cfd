/// One cell of data: what SQLite hands back, and what a CSV cell is read as.
public enum Value: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// The value as a number, when it is one.
    public var number: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .real(let d): d
        case .null, .text: nil
        }
    }

    public var isNull: Bool {
        if case .null = self { true } else { false }
    }

    /// The value as plain text, with no formatting: what a `text` column or a URL slug uses.
    public var plainText: String {
        switch self {
        case .null: ""
        case .integer(let i): String(i)
        case .real(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .text(let s): s
        }
    }
}
