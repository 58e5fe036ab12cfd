/// A table or column name as SQLite compares names: `Deltagare`, `deltagare` and `"DELTAGARE"`
/// are one name. Keeps the name as first written, for messages.
public struct SQLName: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name as written.
    public let written: String
    /// The name in lower case: what two names are compared by.
    public let key: String

    public init(_ name: String) {
        written = name
        key = name.lowercased()
    }

    public init(stringLiteral name: String) { self.init(name) }

    public static func == (a: Self, b: Self) -> Bool { a.key == b.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    public static func < (a: Self, b: Self) -> Bool { a.key < b.key }
    public var description: String { written }
}
