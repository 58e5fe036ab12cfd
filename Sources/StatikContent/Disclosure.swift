
/// The defaults of disclosure control from the data files' descriptions: which columns of which
/// tables hold counts of persons, and which shares are worked out from them.
package struct Disclosure: Sendable, Hashable {
    /// Lower-case table name → its count columns (lower case).
    package var countColumns: [String: Set<String>] = [:]
    /// Lower-case table name → share column → count column (lower case).
    package var shares: [String: [String: String]] = [:]
    /// Lower-case table name → its columns of shares in per cent (shown as `12,5 %`).
    package var percentColumns: [String: Set<String>] = [:]

    package init(countColumns: [String: Set<String>] = [:], shares: [String: [String: String]] = [:], percentColumns: [String: Set<String>] = [:]) {
        self.countColumns = countColumns
        self.shares = shares
        self.percentColumns = percentColumns
    }
}
