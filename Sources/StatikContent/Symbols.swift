package import StatikCore

/// The symbols of Statistics Sweden's teckenförklaring a table shows, each explained once
/// under it. A withheld value (`x`) and a missing one (`..`) never share a symbol.
package struct Symbols {
    package static let withheld = "x"
    static let missing = ".."
    static let nothing = "–"
    private(set) var missing = false
    private(set) var nothing = false
    /// A cell withheld at the source (or made from one) is shown.
    package var atSource = false

    package init() {}

    package mutating func note(_ value: Value, shownAs text: String) {
        if text == Self.missing { missing = true }
        if text == Self.nothing { nothing = true }
    }

    /// `.. = uppgift saknas …; – = inget finns att redovisa.`, or nil when neither occurs.
    package func note(_ words: ReaderWords = .swedish) -> String? {
        var parts: [String] = []
        if atSource { parts.append(words.withheldAtSourceExplained) }
        if missing { parts.append(words.missingExplained) }
        if nothing { parts.append(words.nothingExplained) }
        return parts.isEmpty ? nil : parts.joined(separator: "; ") + "."
    }
}
