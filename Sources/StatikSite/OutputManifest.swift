import Foundation
import StatikCore

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
struct OutputManifest: Sendable, Equatable {
    static let fileName = ".statik-manifest"
    static let header = "statik-manifest 1"

    struct Entry: Sendable, Equatable {
        var size: Int
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
        hex16(entry.hash) + " \(entry.size) \(escape(path))"
    }

    /// The file of one `line`; nil when it is not one, or names a path outside the folder.
    static func file(fromLine line: Substring) -> (path: String, entry: Entry)? {
        let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let hash = hex16(parts[0]), let size = Int(parts[1]), size >= 0,
              let path = unescape(parts[2]), isSafe(path)
        else { return nil }
        return (path, Entry(size: size, hash: hash))
    }

    /// The manifest in `text`, or nil when it is not one (damaged, or another program's file).
    init?(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
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
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\0")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
            && path != fileName && path != RenderCache.fileName
    }

    static func escape(_ path: String) -> String {
        var out = ""
        for c in path.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ text: Substring) -> String? {
        var out = ""
        var escaped = false
        for c in text.unicodeScalars {
            if escaped {
                switch c {
                case "\\": out += "\\"
                case "n": out += "\n"
                case "r": out += "\r"
                default: return nil
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return escaped ? nil : out
    }
}

extension OutputManifest.Entry {
    /// The entry of a file with these bytes.
    init(of data: Data) {
        self = data.withUnsafeBytes { OutputManifest.Entry(size: $0.count, hash: contentHash($0)) }
    }
}
