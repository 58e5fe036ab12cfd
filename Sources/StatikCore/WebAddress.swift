/// An address as `baseURL:` is written, split once for all its readers (the site's root path,
/// its origin for the link check, a sitemap's addresses, the release calendar's host):
/// `https://user@www.example.se:8443/esf/` is the scheme `https`, the authority
/// `user@www.example.se:8443` and the path `/esf/`. Text without `://` is a path alone.
public struct WebAddress: Sendable, Equatable {
    /// `https`, as written; nil when the text has no `://`.
    public var scheme: Substring?
    /// What comes between `://` and the path: user, host and port ("" without a scheme).
    public var authority: Substring
    /// From the first `/` after the authority on ("" when there is none); the whole text when
    /// there is no scheme.
    public var path: Substring

    public init(_ text: String) {
        guard let separator = text.range(of: "://") else {
            scheme = nil
            authority = ""
            path = text[...]
            return
        }
        scheme = text[..<separator.lowerBound]
        let rest = text[separator.upperBound...]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        authority = rest[..<slash]
        path = rest[slash...]
    }

    /// `https://www.example.se`: scheme and authority in lower case, as browsers compare them.
    public var origin: String? {
        scheme.map { $0.lowercased() + "://" + authority.lowercased() }
    }

    /// The host alone: no user before it, no port after it (`[::1]` kept whole).
    public var host: Substring {
        let afterUser = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        if afterUser.hasPrefix("["), let close = afterUser.firstIndex(of: "]") { return afterUser[...close] }
        return afterUser.prefix { $0 != ":" }
    }
}
