/// The one rule for every URL Statik writes, whatever it came from — a Markdown link or image,
/// a map's `link:` template, a page parameter in an address, `baseURL`: an address on the site
/// (relative, `/…`, `#…`, `?…`), or an absolute one whose scheme is `http`, `https`, `mailto` or
/// `tel`. Anything else — `javascript:`, `vbscript:`, `data:`, `file:` and the rest — is refused,
/// also when written to slip past a simple check (`JaVaScRiPt:`, ` javascript:`,
/// `java\tscript:`, a control character inside): browsers drop those characters before they
/// read the scheme, and so does this rule. An image may also be a `data:image/…` URL
/// (png, gif, jpeg, webp; never svg, which can hold script).
public enum URLPolicy {
    public static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// The scheme of `url` when the rule refuses it (in lower case, as a browser reads it);
    /// nil when the URL may be written.
    public static func refusedScheme(_ url: String, isImage: Bool = false) -> String? {
        // What a browser reads: leading C0 controls and spaces dropped, tabs and line breaks
        // dropped anywhere (WHATWG URL parsing).
        var scalars = Array(url.unicodeScalars.drop { $0.value <= 0x20 })
        scalars.removeAll { $0 == "\t" || $0 == "\n" || $0 == "\r" }
        var scheme = ""
        for s in scalars {
            if s == ":" {
                guard !scheme.isEmpty else { return nil }
                let lower = scheme.lowercased()
                if allowedSchemes.contains(lower) { return nil }
                if isImage && lower == "data" {
                    let rest = String(String.UnicodeScalarView(scalars)).lowercased().dropFirst(5)
                    if ["image/png", "image/gif", "image/jpeg", "image/webp"].contains(where: { rest.hasPrefix($0) }) { return nil }
                }
                return lower
            }
            // A scheme is a letter, then letters, digits, + - . ; a control character inside
            // is dropped by some browsers, so it counts as nothing here.
            if s.value < 0x20 || s.value == 0x7F { continue }
            let isLetter = (s >= "a" && s <= "z") || (s >= "A" && s <= "Z")
            let isSchemeCharacter = isLetter || (s >= "0" && s <= "9") || s == "+" || s == "-" || s == "."
            guard isSchemeCharacter, !(scheme.isEmpty && !isLetter) else { return nil }  // a path, not a scheme
            scheme.unicodeScalars.append(s)
        }
        return nil
    }
}
