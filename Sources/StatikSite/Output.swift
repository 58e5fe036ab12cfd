public import Foundation
import StatikCore

/// The finished site in memory: every file with its path below the site root.
public struct SiteFiles: Sendable {
    public var files: [String: Data] = [:]
    var copies: [String: URL] = [:]

    public init() {}

    mutating func write(_ path: String, _ text: String) { files[path] = Data(text.utf8) }
    mutating func copy(_ path: String, from url: URL) { copies[path] = url }

    /// A file's bytes, whether it was made by the build or is copied from the site's folders.
    public func contents(of path: String) -> Data? {
        if let data = files[path] { return data }
        return copies[path].flatMap { FileManager.default.contents(atPath: $0.path) }
    }

    /// All paths, sorted.
    public var paths: [String] { (Array(files.keys) + Array(copies.keys)).sorted() }

    /// Writes the site into `output`, replacing what was there, all or nothing: it is written
    /// into a fresh folder beside `output` first, and swapped in only when every file is written.
    func commit(to output: URL) throws {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(output.lastPathComponent).tmp-statik-\(ProcessInfo.processInfo.processIdentifier)")
        let previous = parent.appendingPathComponent(".\(output.lastPathComponent).old-statik-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: staging)
        try? fm.removeItem(at: previous)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for path in paths {
                let target = staging.appendingPathComponent(path)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if let data = files[path] {
                    try data.write(to: target)
                } else if let source = copies[path] {
                    try fm.copyItem(at: source, to: target)
                }
            }
            if fm.fileExists(atPath: output.path) {
                try fm.moveItem(at: output, to: previous)
            }
            try fm.moveItem(at: staging, to: output)
            try? fm.removeItem(at: previous)
        } catch {
            try? fm.removeItem(at: staging)
            if !fm.fileExists(atPath: output.path), fm.fileExists(atPath: previous.path) {
                try? fm.moveItem(at: previous, to: output)
            }
            throw error
        }
    }
}
