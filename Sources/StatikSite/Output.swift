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

    /// Writes every file into `staging`, on all cores, and swaps it in for its output folder.
    /// The first failure in path order is the one reported, whichever thread met it; on any
    /// failure the staging folder is removed and the output folder is left as it was.
    func commit(into staging: Staging) throws {
        let paths = paths
        let failures = concurrentMap(paths) { path -> SendableError? in
            do {
                if let data = files[path] {
                    try staging.write(path, data)
                } else if let source = copies[path] {
                    try staging.copy(path, from: source)
                }
                return nil
            } catch {
                return SendableError(error: error)
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first {
            staging.discard()
            throw failure.error
        }
        try staging.commit()
    }
}

/// The folder a build writes into: beside the output folder, hidden, and swapped in for it only
/// when the whole build succeeded, so a failed build leaves the published site as it was.
/// Files may be written from any thread, in any order; the folders they need are made on the
/// way.
final class Staging: Sendable {
    let output: URL
    let folder: URL
    private let previous: URL

    /// Makes the (empty) staging folder, after removing what an interrupted build left.
    init(output: URL) throws {
        let fm = FileManager.default
        let parent = output.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        self.output = output
        folder = parent.appendingPathComponent(".\(output.lastPathComponent).tmp-statik-\(ProcessInfo.processInfo.processIdentifier)")
        previous = parent.appendingPathComponent(".\(output.lastPathComponent).old-statik-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: folder)
        try? fm.removeItem(at: previous)
        Self.removeLeftovers(of: output)
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Removes the staging folders of builds that were stopped (Ctrl+C, a killed CI job) before
    /// they could clean up: `.public.tmp-statik-PID` and `.public.old-statik-PID` beside the
    /// output folder, whose process is gone. A build still running keeps its own.
    static func removeLeftovers(of output: URL) {
        let parent = output.deletingLastPathComponent().path
        let prefixes = [".\(output.lastPathComponent).tmp-statik-", ".\(output.lastPathComponent).old-statik-"]
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        for name in names {
            guard let prefix = prefixes.first(where: { name.hasPrefix($0) }),
                  let pid = Int32(name.dropFirst(prefix.count)), pid > 0,
                  kill(pid, 0) != 0 && errno == ESRCH
            else { continue }
            SiteFiles.removeTree(parent + "/" + name)
        }
    }

    /// Writes one file (`path` relative to the site's root), straight from the bytes in memory,
    /// without the flush to disk (fsync) that `Data.write` does for every file on Linux: the
    /// folder is swapped in as a whole afterwards. On any failure it leaves the answer to
    /// `Data.write`, so a problem is reported in the same words as ever.
    func write(_ path: String, _ data: Data) throws {
        let target = folder.path + "/" + path
        var fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        if fd < 0 && errno == ENOENT {
            makeFolders(of: path)
            fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        }
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
        try data.write(to: URL(fileURLWithPath: target))
    }

    /// Copies a file of the site's folders (a theme's CSS, an image) to `path`.
    func copy(_ path: String, from source: URL) throws {
        makeFolders(of: path)
        try FileManager.default.copyItem(atPath: source.path, toPath: folder.path + "/" + path)
    }

    /// The folders `path` lies in, made as `mkdir -p` would; one that another thread made
    /// first is as good. Failures are left to the write that follows to report.
    private func makeFolders(of path: String) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let relative = String(path[..<slash])
        let full = folder.path + "/" + relative
        if mkdir(full, 0o777) == 0 || errno == EEXIST { return }
        if errno == ENOENT {
            makeFolders(of: relative)
            _ = mkdir(full, 0o777)
        }
    }

    /// Swaps the staging folder in for the output folder; the site it replaces is removed.
    func commit() throws {
        let fm = FileManager.default
        do {
            if fm.fileExists(atPath: output.path) {
                try fm.moveItem(at: output, to: previous)
            }
            try fm.moveItem(at: folder, to: output)
            SiteFiles.removeTree(previous.path)
        } catch {
            try? fm.removeItem(at: folder)
            if !fm.fileExists(atPath: output.path), fm.fileExists(atPath: previous.path) {
                try? fm.moveItem(at: previous, to: output)
            }
            throw error
        }
    }

    /// Removes the staging folder and all in it: the output folder stays as it was.
    func discard() {
        SiteFiles.removeTree(folder.path)
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
