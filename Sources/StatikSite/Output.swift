public import Foundation
import StatikCore

/// The finished site in memory: every file with its path below the site root.
public struct SiteFiles: Sendable {
    public var files: [String: Data] = [:]
    var copies: [String: URL] = [:]

    public init() {}

    mutating func write(_ path: String, _ text: String) { files[path] = Data(text.utf8) }
    mutating func write(_ path: String, _ bytes: Data) { files[path] = bytes }
    mutating func copy(_ path: String, from url: URL) { copies[path] = url }

    /// A file's bytes, whether it was made by the build or is copied from the site's folders.
    public func contents(of path: String) -> Data? {
        if let data = files[path] { return data }
        return copies[path].flatMap { FileManager.default.contents(atPath: $0.path) }
    }

    /// All paths, sorted.
    public var paths: [String] { (Array(files.keys) + Array(copies.keys)).sorted() }

    /// Writes one new file of the staging folder: straight from the bytes in memory, without the
    /// flush to disk (fsync) that `Data.write` does for every file on Linux; the folder is swapped
    /// in as a whole afterwards. On any failure it leaves the answer to `Data.write`, so a
    /// problem is reported in the same words as ever.
    private static func writeFile(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        if fd >= 0 {
            let written = data.withUnsafeBytes { buffer -> Bool in
                var offset = 0
                while offset < buffer.count {
                    let n = writeBytes(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        return false
                    }
                    offset += n
                }
                return true
            }
            if close(fd) == 0 && written { return }
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

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
            // The folders made so far (relative; "" is the staging folder): a folder whose parent
            // is among them takes one mkdir(2), not FileManager's walk up the path.
            var made: Set<String> = [""]
            let paths = paths
            for path in paths {
                if let slash = path.lastIndex(of: "/"), !made.contains(String(path[..<slash])) {
                    var folder = String(path[..<slash])
                    let parent = folder.lastIndex(of: "/").map { String(folder[..<$0]) } ?? ""
                    let url = staging.appendingPathComponent(folder)
                    if !(made.contains(parent) && mkdir(url.path, 0o777) == 0) {
                        try fm.createDirectory(at: url, withIntermediateDirectories: true)
                    }
                    while !folder.isEmpty, made.insert(folder).inserted {
                        folder = folder.lastIndex(of: "/").map { String(folder[..<$0]) } ?? ""
                    }
                }
            }
            // The folders are all there: the files go in on all cores. The first failure in
            // path order is the one reported, whichever thread met it.
            let stagingPath = staging.path
            let failures = concurrentMap(paths) { path -> SendableError? in
                let target = stagingPath + "/" + path
                do {
                    if let data = files[path] {
                        try Self.writeFile(data, to: target)
                    } else if let source = copies[path] {
                        try FileManager.default.copyItem(atPath: source.path, toPath: target)
                    }
                    return nil
                } catch {
                    return SendableError(error: error)
                }
            }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure.error }
            if fm.fileExists(atPath: output.path) {
                try fm.moveItem(at: output, to: previous)
            }
            try fm.moveItem(at: staging, to: output)
            Self.removeTree(previous.path)
        } catch {
            try? fm.removeItem(at: staging)
            if !fm.fileExists(atPath: output.path), fm.fileExists(atPath: previous.path) {
                try? fm.moveItem(at: previous, to: output)
            }
            throw error
        }
    }
}

extension SiteFiles {
    /// Removes a folder and all in it (the site the build replaced): its files on all cores, then
    /// its folders, deepest first. Whatever cannot be removed is left to FileManager's try.
    static func removeTree(_ path: String) {
        var files: [String] = [], folders: [String] = []
        // A link is removed, never what it points to; a folder's entries come before it.
        walkFolder(path) { relative, entry in
            if entry == .folder { folders.append(path + "/" + relative) } else { files.append(path + "/" + relative) }
        }
        _ = concurrentMap(files) { unlink($0) }
        for folder in folders { rmdir(folder) }
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// write(2), named so that `SiteFiles.write` does not hide it.
private func writeBytes(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}

/// An error carried back from a writing thread (Foundation's errors are not all Sendable).
private struct SendableError: @unchecked Sendable {
    var error: any Error
}
