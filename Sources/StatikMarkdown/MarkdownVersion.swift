import CCmarkGFM

/// The version of the cmark-gfm library Statik runs with (`statik --version`).
public enum MarkdownLibrary {
    public static var version: String { String(cString: cmark_version_string()) }
}
