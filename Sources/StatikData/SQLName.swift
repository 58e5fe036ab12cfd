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

    /// The name as it may also have been written: lower case, without accents (`å`, `ä` → `a`,
    /// `ö` → `o`, `é` → `e`…) — how a header `Programområde` is recognised as the `programomrade`
    /// a query names. For hints, never for comparing names.
    public var plain: String {
        String(key.map { SQLName.unaccented[$0] ?? $0 })
    }

    private static let unaccented: [Character: Character] = {
        let groups: [(String, Character)] = [("àáâãäåā", "a"), ("èéêëē", "e"), ("ìíîïī", "i"), ("òóôõöøō", "o"), ("ùúûüū", "u"), ("ýÿ", "y"), ("ç", "c"), ("ñ", "n"), ("æ", "a")]
        var map: [Character: Character] = [:]
        for (accented, plain) in groups { for c in accented { map[c] = plain } }
        return map
    }()
}
