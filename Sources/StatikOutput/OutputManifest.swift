package import Foundation
import StatikCore
import StatikContent

/// The record of what a build wrote into its output folder: every file's path, size and a hash
/// of its bytes, kept in the folder as `.statik-manifest`. A file the manifest does not name
/// is not Statik's: no build changes or deletes it. The next build compares what it makes with
/// the manifest and leaves unchanged files as they are.
///
///     statik-manifest 1
///     5f0e3c2a9b8d7e61 10234 esf/deltagare/index.html
///
/// Sorted by path, no dates or process numbers: two builds of the same input write the same
/// manifest.
package struct OutputManifest: Sendable, Equatable {
    static let fileName = ".statik-manifest"
    static let header = "statik-manifest 1"

    package struct Entry: Sendable, Equatable {
        package var size: Int
        var hash: UInt64
    }

    var entries: [String: Entry] = [:]

    var text: String {
        var out = Self.header + "\n"
        for path in entries.keys.sorted() { out += Self.line(path, entries[path]!) + "\n" }
        return out
    }

    /// One file as the manifest (and the render cache) writes it: `hash size path`.
    static func line(_ path: String, _ entry: Entry) -> String {
        hex16(entry.hash) + " \(entry.size) \(LineEscape.escape(path))"
    }

    /// The file of one `line`; nil when it is not one, or names a path outside the folder.
    static func file(fromLine line: Substring) -> (path: String, entry: Entry)? {
        guard let parts = fields(line, 3), let hash = hex16(parts[0]), let size = Int(parts[1]), size >= 0,
              let path = LineEscape.unescape(parts[2]), isSafe(path)
        else { return nil }
        return (path, Entry(size: size, hash: hash))
    }

    /// `line` cut at its first `count - 1` spaces (the last field keeps any further ones); nil
    /// when it has fewer. On bytes: the manifest and the render cache of a large site have
    /// tens of thousands of lines, and splitting them by Characters was a tenth of a rebuild
    /// with nothing changed.
    static func fields(_ line: Substring, _ count: Int) -> [Substring]? {
        var parts: [Substring] = []
        parts.reserveCapacity(count)
        var rest = line
        while parts.count < count - 1 {
            guard let space = rest.utf8.firstIndex(of: UInt8(ascii: " ")) else { return nil }
            parts.append(rest[..<space])
            rest = rest[rest.utf8.index(after: space)...]
        }
        parts.append(rest)
        return parts
    }

    /// The manifest in `text`, or nil when it is not one (damaged, or another program's file).
    init?(text: String) {
        var lines = text.lines
        guard lines.first == Substring(Self.header) else { return nil }
        lines.removeFirst()
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            guard let (path, entry) = Self.file(fromLine: line) else { return nil }
            entries[path] = entry
        }
    }

    init() {}

    /// A path the manifest may name: relative, inside the folder, no empty or dot parts.
    /// (A manifest that names `../x` was not written by Statik; it is never obeyed.)
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, path != fileName, path != RenderCache.fileName else { return false }
        // Each part between slashes: not empty, not `.` or `..`; no NUL anywhere.
        var partLength = 0, dots = 0
        for byte in path.utf8 {
            switch byte {
            case 0: return false
            case UInt8(ascii: "/"):
                if partLength == 0 || partLength == dots && dots <= 2 { return false }
                partLength = 0
                dots = 0
            default:
                partLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return !(partLength == 0 || partLength == dots && dots <= 2)
    }
}

extension OutputManifest.Entry {
    /// The entry of a file with these bytes.
    package init(of data: Data) {
        self = data.withUnsafeBytes { OutputManifest.Entry(size: $0.count, hash: contentHash($0)) }
    }
}
