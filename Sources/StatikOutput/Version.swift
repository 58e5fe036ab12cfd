import StatikData
import StatikMarkdown
import StatikContent

/// What `statik --version` prints: Statik's version and the libraries it runs with, as found at
/// run time (Debian's shared libraries can be newer than the ones it was built against).
public enum StatikVersion {
    /// Statik's own version; raised with each release.
    public static let number = "0.9.0"

    public static var description: String {
        "statik \(number) (cmark-gfm \(MarkdownLibrary.version), SQLite \(SQLiteLibrary.version))"
    }
}
