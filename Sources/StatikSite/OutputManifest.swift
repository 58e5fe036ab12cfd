import Foundation

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
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            let hex = String(entry.hash, radix: 16)
            out += String(repeating: "0", count: 16 - hex.count) + hex + " \(entry.size) \(Self.escape(path))\n"
        }
        return out
    }

    /// The manifest in `text`, or nil when it is not one (damaged, or another program's file).
    init?(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == Substring(Self.header) else { return nil }
        lines.removeFirst()
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 16, let hash = UInt64(parts[0], radix: 16),
                  let size = Int(parts[1]), size >= 0, let path = Self.unescape(parts[2]),
                  Self.isSafe(path)
            else { return nil }
            entries[path] = Entry(size: size, hash: hash)
        }
    }

    init() {}

    /// A path the manifest may name: relative, inside the folder, no empty or dot parts.
    /// (A manifest that names `../x` was not written by Statik; it is never obeyed.)
    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.contains("\0")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
            && path != fileName
    }

    private static func escape(_ path: String) -> String {
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

    private static func unescape(_ text: Substring) -> String? {
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

/// A 64-bit hash of a file's bytes, the same on every machine and in every run (Swift's
/// `Hasher` is seeded per process). It tells whether a file changed since the last build,
/// together with its size; it is no defence against someone who wants a collision, and need
/// not be: a file whose hash matches is left as the last build wrote it, which is still
/// Statik's own file. Eight bytes a step, multiply and fold (in the manner of wyhash).
func contentHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let k0: UInt64 = 0xA076_1D64_78BD_642F, k1: UInt64 = 0xE703_7ED1_A0B4_28DB
    @inline(__always) func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
    var h: UInt64 = 0x5163_7C3E_9F1B_2D47 ^ UInt64(bytes.count)
    var offset = 0
    let count = bytes.count
    while offset + 8 <= count {
        let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        h = mix(h ^ word ^ k0, k1 ^ UInt64(offset))
        offset += 8
    }
    if offset < count {
        var tail: UInt64 = 0
        for i in offset..<count { tail |= UInt64(bytes[i]) << (8 * UInt64(i - offset)) }
        h = mix(h ^ tail ^ k1, k0 ^ UInt64(count - offset))
    }
    return mix(h ^ k0, h ^ k1)
}

func contentHash(_ data: Data) -> UInt64 {
    data.withUnsafeBytes { contentHash($0) }
}
