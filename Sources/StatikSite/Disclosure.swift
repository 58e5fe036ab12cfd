/// The defaults of disclosure control from the data files' descriptions: which columns of which
/// tables hold counts of persons, and which shares are worked out from them.
struct Disclosure: Sendable, Hashable {
    /// Lower-case table name → its count columns (lower case).
    var countColumns: [String: Set<String>] = [:]
    /// Lower-case table name → share column → count column (lower case).
    var shares: [String: [String: String]] = [:]
    /// Lower-case table name → its columns of shares in per cent (shown as `12,5 %`).
    var percentColumns: [String: Set<String>] = [:]
}
