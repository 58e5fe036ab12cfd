
/// Which readers a build is for. The public edition is the default; the intranet edition may
/// show more (intranet-only pages and blocks, small counts), and nothing of that more may ever
/// reach the public one.
public enum Edition: String, Sendable, CaseIterable {
    case `public`, intranet
}
