import Foundation
import StatikCore
#if canImport(Glibc)
import Glibc
#endif

/// Notices edits to the files a site is built from (`statik.yml`, `content/`, `themes/`) and
/// reports them in bursts: an editor that writes a file several times in a row gives one
/// change, not a queue of them.
///
/// On Linux the kernel tells (inotify): every write, rename and removal is seen, whatever it
/// does to the file's size or time, and an idle server does no work at all. Elsewhere, or when
/// inotify cannot be had, the files are looked at every `interval` (size, time to the
/// nanosecond and inode, read with one `stat` each).
struct Watcher: Sendable {
    let site: URL
    /// How often the files are looked at when polling.
    var interval: Duration = .milliseconds(40)
    /// How long a burst of writes must be quiet before it is rebuilt.
    var settle: Duration = .milliseconds(15)

    typealias Snapshot = [String: Stamp]

    struct Stamp: Equatable, Sendable {
        var size: Int
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
    }

    static let folders = ["content", "themes"]
    static let configFile = "statik.yml"

    /// A name the watcher ignores: hidden files and an editor's own (`.x.swp`, `x~`, `#x#`).
    static func ignored(_ name: Substring) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || (name.hasPrefix("#") && name.hasSuffix("#"))
    }

    func snapshot() -> Snapshot {
        var result: Snapshot = [:]
        if let stamp = Self.stamp(site.path + "/" + Self.configFile) { result[Self.configFile] = stamp }
        for folder in Self.folders {
            let root = site.path + "/" + folder
            walkFolder(root, skip: { Self.ignored(Substring($0)) }) { relative, entry in
                guard entry != .folder, let stamp = Self.stamp(root + "/" + relative) else { return }
                result["\(folder)/\(relative)"] = stamp
            }
        }
        return result
    }

    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return Stamp(size: Int(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec), inode: UInt64(info.st_ino))
    }

    static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
        var changed: [String] = []
        for (path, stamp) in new where old[path] != stamp { changed.append(path) }
        for path in old.keys where new[path] == nil { changed.append(path) }
        return changed.sorted()
    }

    /// Calls `onChange` with the files changed since the last call, once they have been quiet
    /// for `settle`, until the task is cancelled.
    func run(from start: Snapshot, onChange: @Sendable ([String]) async -> Void) async {
        #if canImport(Glibc)
        if let kernel = KernelWatch(site: site.path) {
            await kernel.run(settle: settle, onChange: onChange)
            return
        }
        #endif
        await poll(from: start, onChange: onChange)
    }

    private func poll(from start: Snapshot, onChange: @Sendable ([String]) async -> Void) async {
        var last = start
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            var now = snapshot()
            var pending = Set(Self.changes(from: last, to: now))
            guard !pending.isEmpty else { continue }
            // Still being written? Look again until a look finds nothing new.
            while !Task.isCancelled {
                last = now
                try? await Task.sleep(for: settle)
                now = snapshot()
                let more = Self.changes(from: last, to: now)
                if more.isEmpty { break }
                pending.formUnion(more)
            }
            last = now
            await onChange(pending.sorted())
        }
    }
}

#if canImport(Glibc)
/// The site's folders watched through Linux inotify. A thread of its own waits in `poll(2)`
/// for the kernel's events (or for a byte on a pipe, when the watch is stopped), so that no
/// task of the server's spins while nothing happens.
// @unchecked Sendable: its one mutable field, `folders`, is read and written by the reading
// thread only; the others are file descriptors set in `init` and never changed.
final class KernelWatch: @unchecked Sendable {
    private let site: String
    private let fd: Int32
    private let wake: (read: Int32, write: Int32)
    /// Watch descriptor → the folder it watches, relative to the site ("" for the site).
    /// Used by the reading thread only.
    private var folders: [Int32: String] = [:]

    // <sys/inotify.h>, as numbers: Swift does not import all of its macros.
    private static let modify: UInt32 = 0x2, attrib: UInt32 = 0x4, closeWrite: UInt32 = 0x8
    private static let movedFrom: UInt32 = 0x40, movedTo: UInt32 = 0x80, create: UInt32 = 0x100
    private static let delete: UInt32 = 0x200, deleteSelf: UInt32 = 0x400, moveSelf: UInt32 = 0x800
    private static let overflow: UInt32 = 0x4000, isFolder: UInt32 = 0x4000_0000
    private static let mask = modify | attrib | closeWrite | movedFrom | movedTo | create | delete | deleteSelf | moveSelf

    init?(site: String) {
        let fd = inotify_init1(Int32(O_NONBLOCK | O_CLOEXEC))
        guard fd >= 0 else { return nil }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            close(fd)
            return nil
        }
        self.site = site
        self.fd = fd
        wake = (pipeEnds[0], pipeEnds[1])
        guard add("") else {
            close(fd)
            close(pipeEnds[0])
            close(pipeEnds[1])
            return nil
        }
        for folder in Watcher.folders { addTree(folder) }
    }

    deinit {
        close(fd)
        close(wake.read)
        close(wake.write)
    }

    @discardableResult
    private func add(_ relative: String) -> Bool {
        let path = relative.isEmpty ? site : site + "/" + relative
        let wd = inotify_add_watch(fd, path, Self.mask)
        guard wd >= 0 else { return false }
        folders[wd] = relative
        return true
    }

    /// Watches `relative` and every folder in it (links are not followed).
    private func addTree(_ relative: String) {
        guard add(relative) else { return }
        walkFolder(site + "/" + relative, skip: { Watcher.ignored(Substring($0)) }) { inner, entry in
            if entry == .folder { add(relative + "/" + inner) }
        }
    }

    /// What the kernel reported since the last call: changed paths relative to the site
    /// (a folder with a trailing `/`), or nil when it lost count (everything may have changed).
    private func drain() -> Set<String>? {
        var changed = Set<String>()
        var lost = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            var offset = 0
            while offset + 16 <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += 16 + length
                if mask & Self.overflow != 0 {
                    lost = true
                    continue
                }
                guard let folder = folders[wd] else { continue }
                if mask & (Self.deleteSelf | Self.moveSelf) != 0, name.isEmpty {
                    folders[wd] = nil
                    if !folder.isEmpty { changed.insert(folder + "/") }
                    continue
                }
                guard !name.isEmpty, !Watcher.ignored(Substring(name)) else { continue }
                if folder.isEmpty {
                    // In the site folder itself only statik.yml and the watched folders count.
                    if name == Watcher.configFile {
                        changed.insert(name)
                    } else if Watcher.folders.contains(name), mask & Self.isFolder != 0 {
                        if mask & (Self.create | Self.movedTo) != 0 { addTree(name) }
                        changed.insert(name + "/")
                    }
                    continue
                }
                let path = folder + "/" + name
                if mask & Self.isFolder != 0 {
                    if mask & (Self.create | Self.movedTo) != 0 { addTree(path) }
                    changed.insert(path + "/")
                } else {
                    changed.insert(path)
                }
            }
        }
        return lost ? nil : changed
    }

    /// Waits (on its own thread) for events, gathers a burst until it has been quiet for
    /// `settle`, and hands each burst to `onChange`, until the task is cancelled.
    func run(settle: Duration, onChange: @Sendable ([String]) async -> Void) async {
        let (bursts, continuation) = AsyncStream<[String]>.makeStream()
        let settleMilliseconds = Int32(max(1, settle.components.seconds * 1000 + settle.components.attoseconds / 1_000_000_000_000_000))
        let thread = Thread { [self] in
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            while true {
                fds[0].revents = 0
                fds[1].revents = 0
                if poll(&fds, 2, -1) < 0 {
                    if errno == EINTR { continue }
                    break
                }
                if fds[1].revents != 0 { break }
                var pending: Set<String>? = drain()
                // Still being written? Wait until the kernel has been quiet for `settle`.
                while true {
                    fds[0].revents = 0
                    let ready = poll(&fds, 2, settleMilliseconds)
                    if ready < 0 && errno == EINTR { continue }
                    if ready <= 0 || fds[1].revents != 0 { break }
                    let more = drain()
                    if let more, pending != nil { pending!.formUnion(more) } else { pending = nil }
                }
                let burst = pending.map { $0.sorted() } ?? [Watcher.configFile]  // lost count: rebuild all
                if !burst.isEmpty { continuation.yield(burst) }
                if fds[1].revents != 0 { break }
            }
            continuation.finish()
        }
        thread.start()
        await withTaskCancellationHandler {
            for await burst in bursts {
                await onChange(burst)
            }
        } onCancel: { [wake] in
            var byte: UInt8 = 1
            _ = write(wake.write, &byte, 1)
        }
    }
}
#endif
