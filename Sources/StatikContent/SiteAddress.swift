import Foundation
import StatikCore

/// Where a site lives on the web, and how a link on one of its pages is followed: as a browser
/// resolves it, against the page's own address. Shared by `statik check` (over built HTML) and
/// the build's own link warnings (over Markdown).
package struct SiteAddress: Sendable, Hashable {
    /// The path every address of the site starts with: `/` or `/esf-statistik/`.
    package var root: String
    /// `https://www.forsakringskassan.se` when the base URL has one: links written as the site's
    /// own full address are checked like the others.
    package var origin: String?

    package init(root: String, origin: String? = nil) {
        var root = root.hasPrefix("/") ? root : "/" + root
        if !root.hasSuffix("/") { root += "/" }
        self.root = root
        self.origin = origin.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
    }

    package init(config: SiteConfig) {
        self.init(root: config.root, origin: WebAddress(config.baseURL).origin)
    }

    /// `https://host/path` → `/path`: an absolute URL's path, for a sitemap read without knowing
    /// the site's host.
    package static func pathOf(absolute url: String) -> String? {
        let address = WebAddress(url)
        guard address.scheme != nil else { return nil }
        return address.path.isEmpty ? "/" : String(address.path)
    }

    /// A reference (`href`, `src`, a Markdown link) as a browser follows it.
    package enum Target: Equatable {
        /// Another site, an e-mail address, a phone number, a `data:` URL: not checked here.
        case external
        /// A `javascript:` link: it does nothing on a site without JavaScript.
        case script
        /// An address on this web server: `path` is absolute, decoded, without `.` and `..`.
        case local(path: String, fragment: String?)
    }

    /// Follows `reference` from the page at `pagePath` (an absolute URL path, such as
    /// `/esf-statistik/esf/deltagare/`).
    package func resolve(_ reference: String, from pagePath: String) -> Target {
        // Trimmed only when an end could be white space (Foundation's trimming is slow, and
        // almost every address has none).
        var reference = reference
        func visibleASCII(_ byte: UInt8?) -> Bool { byte.map { $0 > 0x20 && $0 < 0x80 } ?? false }
        if !visibleASCII(reference.utf8.first) || !visibleASCII(reference.utf8.last) {
            reference = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        if let scheme = Self.scheme(of: reference) {
            if scheme == "javascript" { return .script }
            // The site's own full address is checked like a relative link; the rest of its
            // web server (the agency's other pages) is another site.
            guard scheme == "http" || scheme == "https", let origin, Self.isOnSite(reference, origin + root) else { return .external }
            reference = String(reference.dropFirst(origin.count))
        } else if reference.hasPrefix("//") {
            return .external
        }
        var fragment: String?
        if let hash = reference.firstIndex(of: "#") {
            fragment = String(reference[reference.index(after: hash)...])
            reference = String(reference[..<hash])
        }
        if let query = reference.firstIndex(of: "?") { reference = String(reference[..<query]) }
        let decodedFragment = fragment.map { $0.removingPercentEncoding ?? $0 }
        if reference.isEmpty { return .local(path: pagePath, fragment: decodedFragment) }
        let joined: String
        if reference.hasPrefix("/") {
            joined = reference
        } else {
            let base = pagePath.hasSuffix("/") ? pagePath : String(pagePath[...(pagePath.lastIndex(of: "/") ?? pagePath.startIndex)])
            joined = base + reference
        }
        let path = Self.removeDotSegments(joined)
        return .local(path: path.removingPercentEncoding ?? path, fragment: decodedFragment)
    }

    /// The path below the root (`esf/deltagare/`), or nil when `path` is outside the site.
    package func relative(_ path: String) -> String? {
        if path.hasPrefix(root) { return String(path.dropFirst(root.count)) }
        if path + "/" == root { return "" }
        return nil
    }

    /// `reference`, in lower case, starts with the site's address (`siteRoot`, origin and root),
    /// or is it without its last `/`. An address of ASCII alone (almost all) is compared by
    /// its bytes, without making a lower-cased copy (a tenth of a page's link check, perf).
    static func isOnSite(_ reference: String, _ siteRoot: String) -> Bool {
        var reference = reference, siteRoot = siteRoot
        let ascii = reference.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
        guard ascii else {
            return reference.lowercased().hasPrefix(siteRoot) || reference.lowercased() == siteRoot.dropLast()
        }
        return reference.withUTF8 { bytes in
            siteRoot.withUTF8 { site in
                // The whole site address, or all of it but its last `/`.
                let compared = bytes.count >= site.count ? site.count : bytes.count + 1 == site.count ? bytes.count : -1
                guard compared >= 0 else { return false }
                for i in 0..<compared {
                    let byte = bytes[i]
                    guard (byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) == site[i] else { return false }
                }
                return true
            }
        }
    }

    /// `https:`, `mailto:`: the scheme of an absolute URL, in lower case: ASCII letters, digits,
    /// `+`, `-` and `.` before the first `:`, beginning with a letter.
    static func scheme(of reference: String) -> String? {
        var scheme: [UInt8] = []
        for byte in reference.utf8 {
            if byte == UInt8(ascii: ":") {
                return scheme.isEmpty ? nil : String(decoding: scheme, as: UTF8.self)
            }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): scheme.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): scheme.append(byte + 0x20)
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
                guard !scheme.isEmpty else { return nil }
                scheme.append(byte)
            default:
                return nil
            }
        }
        return nil
    }

    /// RFC 3986, 5.2.4: `/a/b/../c/./d` → `/a/c/d`. A `..` above the top stays at the top, as in
    /// a browser.
    static func removeDotSegments(_ path: String) -> String {
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (i, segment) in segments.enumerated() {
            let last = i == segments.count - 1
            switch segment {
            case ".": if last { output.append("") }
            case "..":
                if !output.isEmpty { output.removeLast() }
                if last { output.append("") }
            default: output.append(segment)
            }
        }
        return "/" + output.joined(separator: "/")
    }

    /// The shortest relative link from the page at `from` to `to` (both absolute paths of
    /// folders or files), as an author would write it: `../deltagare/`.
    package static func relativeLink(from: String, to: String) -> String {
        let fromFolder = from.hasSuffix("/") ? from : String(from[...(from.lastIndex(of: "/") ?? from.startIndex)])
        let a = fromFolder.split(separator: "/"), b = to.split(separator: "/")
        var common = 0
        let targetFolders = to.hasSuffix("/") ? b.count : b.count - 1
        while common < a.count, common < targetFolders, a[common] == b[common] { common += 1 }
        let up = String(repeating: "../", count: a.count - common)
        let down = b[common...].joined(separator: "/") + (to.hasSuffix("/") && b.count > common ? "/" : "")
        let link = up + down
        return link.isEmpty ? "./" : link
    }
}
