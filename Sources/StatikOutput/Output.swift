public import Foundation
package import StatikCore
internal import Synchronization
import StatikContent

/// The finished site in memory: every file with its path below the site root.
public struct SiteFiles: Sendable {
    public var files: [String: Data] = [:]
    package var copies: [String: URL] = [:]

    public init() {}

    package mutating func write(_ path: String, _ text: String) { files[path] = Data(text.utf8) }
    package mutating func write(_ path: String, _ bytes: Data) { files[path] = bytes }
    package mutating func copy(_ path: String, from url: URL) { copies[path] = url }

    /// A file's bytes, whether it was made by the build or is copied from the site's folders.
    public func contents(of path: String) -> Data? {
        if let data = files[path] { return data }
        return copies[path].flatMap { FileManager.default.contents(atPath: $0.path) }
    }

    /// All paths, sorted.
    public var paths: [String] { (Array(files.keys) + Array(copies.keys)).sorted() }

    /// Gives every file still in memory to `output` (pages rendered earlier are there already),
    /// on all cores, and publishes the result. The first failure in path order is the one
    /// reported; on any failure the output folder is left as it was.
    package func commit(into output: OutputTransaction, cache: RenderCache? = nil) throws(OutputError) {
        let paths = paths
        let failures = concurrentMap(paths) { path -> OutputError? in
            do throws(OutputError) {
                if let data = files[path] {
                    try output.write(path, data)
                } else if let source = copies[path] {
                    try output.copy(path, from: source)
                }
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first {
            output.discard()
            throw failure
        }
        try output.commit(cache: cache)
    }
}

/// Why the site could not be published. `refused`: the build would have replaced or written
/// through something that is not Statik's (exit status 2); otherwise the system said no.
package struct OutputError: Error, Sendable {
    package var message: Message
    package var refused = false
}

/// Publishing a build into its output folder, all or nothing, touching only Statik's own files.
///
/// Files are written first into a staging folder beside the output folder (`.public.statik-
/// staging-PID`); a file whose bytes are those the last build wrote (by the folder's manifest)
/// is not written at all. Only when the whole build succeeded are the new and changed files
/// moved in, and the files of the last build that this one no longer makes moved out — into a
/// backup folder beside it (`.public.statik-backup-PID`), with a journal of what was added.
/// The backup is deleted only after the new manifest is in place. A build stopped at any point
/// leaves either the old site, the new one, or a backup from which the next build restores
/// the old one. Files Statik did not write (a publishing checkout's `.git/`, `CNAME`) are
/// never moved, changed or deleted; a build that would replace one is refused.
package final class OutputTransaction: Sendable {
    package let folder: OutputFolder
    private let parent: String
    private let name: String
    let staging: String
    private let backup: String
    /// The lock file's descriptor while this build holds it; -1 once released.
    private let lock: Mutex<Int32>
    private let previous: OutputManifest?
    /// When the previous manifest was written: a file of the last build changed after it was
    /// changed by someone else, and is written again.
    private let previousTime: timespec?
    /// What the last build knew of its pages (`.statik-cache`), when its manifest is there too.
    package let previousCache: RenderCache?
    /// Whether `.statik-cache` may be written: there is none, or it is Statik's.
    private let cacheIsOurs: Bool
    private let made = Mutex(OutputManifest())
    private let staged = Mutex(Set<String>())
    /// What the user should know: a stopped build's site restored, files left in place.
    package let notes: [Message]

    /// For the crash-safety test only (OutputCrashTests): the process kills itself with
    /// SIGKILL at this step of publishing, as a power cut or `kill -9` would stop it.
    private let stopAtStep: Int?
    private let steps = Mutex(0)

    private func step() {
        guard let stopAtStep else { return }
        let now = steps.withLock { count in
            count += 1
            return count
        }
        if now == stopAtStep { kill(getpid(), SIGKILL) }
    }

    static let ownerFile = ".statik-owner"
    static let journalFile = ".statik-journal"
    static let doneFile = ".statik-done"

    package init(folder: OutputFolder) throws(OutputError) {
        self.folder = folder
        let url = URL(fileURLWithPath: folder.path)
        parent = url.deletingLastPathComponent().path
        name = url.lastPathComponent
        let pid = ProcessInfo.processInfo.processIdentifier
        staging = parent + "/.\(name).statik-staging-\(pid)"
        backup = parent + "/.\(name).statik-backup-\(pid)"
        do {
            try SystemFiles.makeFolders(parent)
        } catch {
            throw OutputError(message: error.message)
        }
        // One build at a time writes into a folder's outputs; a second waits for the first. The
        // lock is on the folder the output folder is in, so no lock file is left anywhere.
        let fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw OutputError(message: Message(.couldNotReadFolder, parent, Self.systemReason())) }
        lock = Mutex(fd)
        var notes: [Message] = []
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            notes.append(Message(.anotherStatikBuildWasWriting, folder.display))
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        }
        notes += Self.recover(parent: parent, name: name, output: folder.path)

        let manifestPath = folder.path + "/" + OutputManifest.fileName
        var info = stat()
        if lstat(manifestPath, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFREG,
                  let data = FileManager.default.contents(atPath: manifestPath),
                  let manifest = OutputManifest(text: String(decoding: data, as: UTF8.self))
            else {
                close(fd)
                throw OutputError(message: Message(.notListStatikWroteDamaged, folder.display, OutputManifest.fileName, folder.display), refused: true)
            }
            previous = manifest
            previousTime = info.st_mtim
            let cacheText = Self.readRegularFile(folder.path + "/" + RenderCache.fileName)
            previousCache = cacheText.flatMap { RenderCache(text: String(decoding: $0, as: UTF8.self)) }
            // Any version's cache is Statik's: one an earlier Statik left is replaced, or no
            // build after an upgrade would keep a page again.
            cacheIsOurs = cacheText.map(RenderCache.isCache) ?? !Self.exists(folder.path + "/" + RenderCache.fileName)
        } else {
            previous = nil
            previousTime = nil
            previousCache = nil
            cacheIsOurs = !Self.exists(folder.path + "/" + RenderCache.fileName)
            let others = (folderNames(folder.path) ?? []).sorted()
            if !others.isEmpty {
                let named = others.prefix(3).joined(separator: ", ") + (others.count > 3 ? ", …" : "")
                notes.append(others.count == 1 ? Message(.alreadyHoldsOneThing, folder.display, named) : Message(.alreadyHoldsThings, folder.display, others.count, named))
            }
        }
        #if DEBUG
        // Crash tests (OutputSafetyTests) stop a debug build at each step of the swap; a
        // release build never reads it.
        stopAtStep = ProcessInfo.processInfo.environment["STATIK_TEST_STOP_AT_STEP"].flatMap(Int.init)
        #else
        stopAtStep = nil
        #endif
        self.notes = notes
        SiteFiles.removeTree(staging)
        guard mkdir(staging, 0o777) == 0 else {
            close(fd)
            throw OutputError(message: Message(.couldNotMakeWorkingFolder, folder.display, Self.systemReason()))
        }
        Self.writeOwner(staging, kind: "staging")
    }

    /// Adds one file (`path` relative to the site's root) to the build. Unchanged since the last
    /// build (same size and hash, and not touched since): nothing is written.
    package func write(_ path: String, _ data: Data) throws(OutputError) {
        let entry = OutputManifest.Entry(of: data)
        made.withLock { $0.entries[path] = entry }
        if let old = previous?.entries[path], old == entry, unchangedOnDisk(path, entry) { return }
        try writeFile(staging + "/" + path, data, folderOf: path)
        staged.withLock { _ = $0.insert(path) }
    }

    /// Keeps files of the last build as they are, without their bytes: a page the render cache
    /// says is unchanged. All or none: true only when every file is, by the manifest and on
    /// disk, the one `files` names (then each counts as made by this build).
    package func keep(_ files: [String: OutputManifest.Entry]) -> Bool {
        guard !files.isEmpty, let previous else { return false }
        for (path, entry) in files {
            guard previous.entries[path] == entry, unchangedOnDisk(path, entry) else { return false }
        }
        made.withLock { manifest in
            for (path, entry) in files { manifest.entries[path] = entry }
        }
        return true
    }

    /// What this build has made of `path` so far (its size and hash), for the render cache.
    package func entry(_ path: String) -> OutputManifest.Entry? {
        made.withLock { $0.entries[path] }
    }

    /// Adds a file of the site's folders (a theme's CSS, an image) as `path`.
    func copy(_ path: String, from source: URL) throws(OutputError) {
        guard let data = FileManager.default.contents(atPath: source.path) else {
            throw OutputError(message: Message(.couldNotReadPublish, source.path, path))
        }
        try write(path, data)
    }

    /// Whether the file at `path` in the output folder is still what the last build wrote.
    private func unchangedOnDisk(_ path: String, _ entry: OutputManifest.Entry) -> Bool {
        var info = stat()
        guard let since = previousTime, lstat(folder.path + "/" + path, &info) == 0,
              info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == entry.size
        else { return false }
        let changed = info.st_mtim
        return (changed.tv_sec, changed.tv_nsec) <= (since.tv_sec, since.tv_nsec)
    }

    /// Writes `data` to `target` without the flush to disk (fsync) that `Data.write` does for
    /// every file on Linux; the folders it needs are made on the way.
    private func writeFile(_ target: String, _ data: Data, folderOf path: String) throws(OutputError) {
        var fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o666)
        if fd < 0 && errno == ENOENT {
            Self.makeFolders(staging, for: path)
            fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o666)
        }
        guard fd >= 0 else { throw OutputError(message: Message(.couldNotWrite, path, Self.systemReason())) }
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
        let reason = written ? nil : Self.systemReason()
        if close(fd) != 0 || !written {
            throw OutputError(message: Message(.couldNotWrite, path, reason ?? Self.systemReason()))
        }
    }

    /// The folders `path` lies in, below `root`, made as `mkdir -p` would; one that another
    /// thread made first is as good. Failures are left to the write that follows to report.
    private static func makeFolders(_ root: String, for path: String) {
        guard let slash = path.lastIndex(of: "/") else { return }
        let relative = String(path[..<slash])
        let full = root + "/" + relative
        if mkdir(full, 0o777) == 0 || errno == EEXIST { return }
        if errno == ENOENT {
            makeFolders(root, for: relative)
            _ = mkdir(full, 0o777)
        }
    }

    /// The first thing in the output folder that the build would have to replace or write
    /// through although it is not Statik's: a file the manifest does not name, a folder or a
    /// link where a page goes, a link on the way to one.
    private func firstConflict(_ paths: [String]) -> String? {
        var folders: [String: Bool] = [:]  // relative folder → fine to write into
        func folderIsFine(_ relative: String) -> String? {
            if let fine = folders[relative] { return fine ? nil : relative }
            var fine = true
            if let slash = relative.lastIndex(of: "/"), let bad = folderIsFine(String(relative[..<slash])) {
                folders[relative] = false
                return bad
            }
            var info = stat()
            if lstat(folder.path + "/" + relative, &info) == 0 {
                let kind = info.st_mode & S_IFMT
                // A file of the last build where a folder is needed now is moved out first.
                fine = kind == S_IFDIR || (kind == S_IFREG && previous?.entries[relative] != nil)
            }
            folders[relative] = fine
            return fine ? nil : relative
        }
        for path in paths {
            if let slash = path.lastIndex(of: "/"), let bad = folderIsFine(String(path[..<slash])) { return bad }
            var info = stat()
            if lstat(folder.path + "/" + path, &info) == 0 {
                if info.st_mode & S_IFMT != S_IFREG || previous?.entries[path] == nil { return path }
            }
        }
        return nil
    }

    /// Publishes the build: see the type's comment. Throws, leaving the output folder as it
    /// was, when a file in the way is not Statik's or the system refuses a step.
    /// `cache`: the render cache to leave beside the site for the next build (nil: none).
    func commit(cache: RenderCache? = nil) throws(OutputError) {
        defer { release() }
        let manifest = made.withLock { $0 }
        guard Self.exists(folder.path) else {
            // No site yet: nothing can be in the way, and the staging folder becomes the output
            // folder in one step. The manifest's and the render cache's texts (a line or more
            // for each file: 40 000 for 10 000 data pages) are made side by side.
            let texts = concurrentMap([0, 1]) { part -> Data? in
                part == 0 ? Data(manifest.text.utf8) : cache.map { Data($0.text.utf8) }
            }
            try publishAsNew(texts[0]!, cache: texts[1])
            return
        }
        try refuseConflicts(manifest.entries.keys.sorted())
        let manifestData = Data(manifest.text.utf8)
        let changes = changes(to: manifest)
        if changes.staged.isEmpty && changes.stale.isEmpty && previous == manifest {
            saveCache(cache)
            discard()
            return
        }
        // The journal first: from here on, a stopped build is rolled back by the next one.
        let hadManifest = try writeJournal(added: changes.added)
        try moveOut(changes.stale)
        try moveIn(changes.staged)
        try replaceManifest(manifestData, hadManifest: hadManifest)
        // Done: the backup may go now.
        guard Self.writeDurably(backup + "/" + Self.doneFile, "done\n") else { throw undo(Message(.markingBuildDone, Self.systemReason())) }
        step()
        for path in changes.stale { Self.removeEmptyFolders(of: path, in: folder.path) }
        SiteFiles.removeTree(backup)
        saveCache(cache)
        SiteFiles.removeTree(staging)
    }

    /// Refuses the build when the output folder holds something it would have to replace or
    /// write through that is not Statik's (`firstConflict`): what was staged is dropped.
    private func refuseConflicts(_ paths: [String]) throws(OutputError) {
        guard let conflict = firstConflict(paths) else { return }
        discard()
        var info = stat()
        let what = lstat(folder.path + "/" + conflict, &info) == 0 && info.st_mode & S_IFMT == S_IFLNK ? Message(.aLink) : info.st_mode & S_IFMT == S_IFDIR ? Message(.aFolder) : Message(.aFile)
        let advice = previous == nil
            ? Message(.outputHasNoManifestAdvice, folder.display, OutputManifest.fileName, conflict)
            : Message(.moveItOutAdvice, folder.display)
        throw OutputError(message: Message(.statikDidNotWriteBuild, folder.display, conflict, what, advice), refused: true)
    }

    /// Publishes the first build of an output folder: the staging folder, with the manifest
    /// and the render cache written into it, is renamed to be the output folder.
    private func publishAsNew(_ manifestData: Data, cache: Data?) throws(OutputError) {
        try writeFile(staging + "/" + OutputManifest.fileName, manifestData, folderOf: OutputManifest.fileName)
        if let cache { try? writeFile(staging + "/" + RenderCache.fileName, cache, folderOf: RenderCache.fileName) }
        unlink(staging + "/" + Self.ownerFile)
        step()
        guard rename(staging, folder.path) == 0 else {
            let reason = Self.systemReason()
            discard()
            throw OutputError(message: Message(.couldNotPutSitePlace, folder.display, reason))
        }
    }

    /// What publishing `manifest` changes in the output folder, each list sorted.
    struct Changes {
        /// The files written anew in the staging folder, to be moved in.
        var staged: [String]
        /// The files of the last build that this one no longer makes, to be moved out.
        var stale: [String]
        /// Of the staged files, those that are not there yet: the journal's list, removed
        /// again when a stopped build is rolled back.
        var added: [String]
    }

    private func changes(to manifest: OutputManifest) -> Changes {
        let staged = staged.withLock { $0 }.sorted()
        let stale = (previous?.entries.keys.filter { manifest.entries[$0] == nil } ?? []).filter {
            var info = stat()
            return lstat(folder.path + "/" + $0, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        }.sorted()
        let added = staged.filter { path in
            var info = stat()
            return previous?.entries[path] == nil || lstat(folder.path + "/" + path, &info) != 0
        }
        return Changes(staged: staged, stale: stale, added: added)
    }

    /// Makes the backup folder and writes the journal into it, flushed to disk. Answers
    /// whether the output folder has a manifest (the journal says so too).
    private func writeJournal(added: [String]) throws(OutputError) -> Bool {
        SiteFiles.removeTree(backup)
        guard mkdir(backup, 0o777) == 0 else {
            let reason = Self.systemReason()
            discard()
            throw OutputError(message: Message(.couldNotMakeWorkingFolder, folder.display, reason))
        }
        Self.writeOwner(backup, kind: "backup")
        let hadManifest = Self.exists(folder.path + "/" + OutputManifest.fileName)
        let journal = "statik-journal 1\nmanifest \(hadManifest ? "yes" : "no")\n" + added.map { LineEscape.escape($0) + "\n" }.joined()
        guard Self.writeDurably(backup + "/" + Self.journalFile, journal) else {
            let reason = Self.systemReason()
            SiteFiles.removeTree(backup)
            discard()
            throw OutputError(message: Message(.couldNotWrite2, parent, reason))
        }
        step()
        return hadManifest
    }

    /// After the journal is written, a step that fails: the output folder is rolled back from
    /// the backup and what was staged is dropped. Answers the error to throw.
    private func undo(_ reason: Message) -> OutputError {
        _ = Self.rollBack(backup: backup, output: folder.path)
        discard()
        return OutputError(message: Message(.couldNotPutSitePlace2, folder.display, reason))
    }

    /// Moves the files of the last build that this one no longer makes into the backup.
    private func moveOut(_ stale: [String]) throws(OutputError) {
        for path in stale {
            Self.makeFolders(backup, for: path)
            guard rename(folder.path + "/" + path, backup + "/" + path) == 0 else { throw undo(Message(.movingOut, path, Self.systemReason())) }
            step()
        }
    }

    /// Moves the staged files into the output folder, each file they replace first into the
    /// backup.
    private func moveIn(_ staged: [String]) throws(OutputError) {
        var info = stat()
        for path in staged {
            let target = folder.path + "/" + path
            if lstat(target, &info) == 0 {
                Self.makeFolders(backup, for: path)
                guard rename(target, backup + "/" + path) == 0 else { throw undo(Message(.movingOut, path, Self.systemReason())) }
                step()
            } else {
                Self.makeFolders(folder.path, for: path)
            }
            guard rename(staging + "/" + path, target) == 0 else { throw undo(Message(.moving, path, Self.systemReason())) }
            step()
        }
    }

    /// Moves the old manifest (when there is one) into the backup and puts the new one in
    /// its place.
    private func replaceManifest(_ manifestData: Data, hadManifest: Bool) throws(OutputError) {
        let manifestPath = folder.path + "/" + OutputManifest.fileName
        if hadManifest, rename(manifestPath, backup + "/" + OutputManifest.fileName) != 0 {
            throw undo(Message(.movingOutOldManifest, Self.systemReason()))
        }
        step()
        do {
            try writeFile(staging + "/" + OutputManifest.fileName, manifestData, folderOf: OutputManifest.fileName)
        } catch {
            throw undo(error.message)
        }
        guard rename(staging + "/" + OutputManifest.fileName, manifestPath) == 0 else { throw undo(Message(.writingManifest, Self.systemReason())) }
        step()
    }

    /// Puts the render cache in place (written beside it, then renamed over the old one), when
    /// it changed. It is not part of the site: not in the manifest, not journalled. A cache
    /// that does not match the manifest (a build stopped between the two) only costs renders.
    /// Never replaces a `.statik-cache` that is not Statik's; a cache that cannot be written is
    /// no problem for the build.
    private func saveCache(_ cache: RenderCache?) {
        guard cacheIsOurs else { return }
        let target = folder.path + "/" + RenderCache.fileName
        guard let cache else {
            if previousCache != nil || Self.exists(target) { unlink(target) }
            return
        }
        if cache == previousCache { return }
        let temporary = staging + "/" + RenderCache.fileName
        do throws(OutputError) {
            try writeFile(temporary, Data(cache.text.utf8), folderOf: RenderCache.fileName)
            if rename(temporary, target) != 0 { unlink(temporary) }
        } catch {
            unlink(temporary)
        }
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// A regular file's bytes (not through a link); nil for anything else.
    private static func readRegularFile(_ path: String) -> Data? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileManager.default.contents(atPath: path)
    }

    /// Drops what this build wrote: the output folder stays as it was.
    package func discard() {
        SiteFiles.removeTree(staging)
        release()
    }

    /// Lets another build of the same output folder go on.
    private func release() {
        lock.withLock { fd in
            if fd >= 0 { close(fd) }
            fd = -1
        }
    }

    // MARK: Recovery

    /// Cleans up after builds of this output folder that were stopped (Ctrl+C, a killed CI
    /// job, a power cut): a staging folder is removed; a backup folder of a build stopped while
    /// it replaced the site is moved back, so the site it replaced is restored. Only folders
    /// that Statik made (they hold its owner file) and whose process is gone are touched.
    static func recover(parent: String, name: String, output: String) -> [Message] {
        guard let names = folderNames(parent) else { return [] }
        var notes: [Message] = []
        for entry in names.sorted() {
            let path = parent + "/" + entry
            // Folders of Statik before the manifest: `.public.tmp-statik-PID` (a staging folder)
            // and `.public.old-statik-PID` (the replaced site; the only copy if the build
            // stopped between its two renames).
            for (prefix, isOld) in [(".\(name).tmp-statik-", false), (".\(name).old-statik-", true)] where entry.hasPrefix(prefix) {
                guard let pid = Int32(entry.dropFirst(prefix.count)), !isRunning(pid) else { continue }
                var info = stat()
                if isOld && lstat(output, &info) != 0 {
                    if rename(path, output) == 0 { notes.append(Message(.stoppedBuildHadLeftPrevious, entry)) }
                } else {
                    SiteFiles.removeTree(path)
                }
            }
            for kind in ["staging", "backup"] {
                let prefix = ".\(name).statik-\(kind)-"
                guard entry.hasPrefix(prefix), let pid = Int32(entry.dropFirst(prefix.count)), !isRunning(pid),
                      let owner = FileManager.default.contents(atPath: path + "/" + ownerFile),
                      String(decoding: owner, as: UTF8.self).hasPrefix("statik \(kind)\n")
                else { continue }
                if kind == "staging" {
                    SiteFiles.removeTree(path)
                } else if rollBack(backup: path, output: output) {
                    notes.append(Message(.buildSiteWasStoppedWhile))
                }
            }
        }
        return notes
    }

    /// Puts the site a stopped build was replacing back in place from its backup folder, and
    /// removes the backup. True when something was restored (false: the build had finished,
    /// or had not begun to move files).
    @discardableResult
    static func rollBack(backup: String, output: String) -> Bool {
        let fm = FileManager.default
        if fm.fileExists(atPath: backup + "/" + doneFile) {
            SiteFiles.removeTree(backup)
            return false
        }
        guard let journal = fm.contents(atPath: backup + "/" + journalFile).map({ String(decoding: $0, as: UTF8.self) }) else {
            SiteFiles.removeTree(backup)  // stopped before it moved anything
            return false
        }
        var lines = journal.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard lines.first == "statik-journal 1", lines.count >= 2 else { return false }  // not ours to judge: left alone
        let hadManifest = lines[1] == "manifest yes"
        lines.removeFirst(2)
        var info = stat()
        for line in lines {
            guard let path = LineEscape.unescape(line), OutputManifest.isSafe(path) else { continue }
            let target = output + "/" + path
            if lstat(target, &info) == 0, info.st_mode & S_IFMT == S_IFREG { unlink(target) }
            removeEmptyFolders(of: path, in: output)
        }
        var files: [String] = []
        walkFolder(backup) { relative, entry in
            if entry == .file, ![ownerFile, journalFile].contains(relative) { files.append(relative) }
        }
        for relative in files.sorted() {
            makeFolders(output, for: relative)
            rename(backup + "/" + relative, output + "/" + relative)
        }
        if !hadManifest { unlink(output + "/" + OutputManifest.fileName) }
        SiteFiles.removeTree(backup)
        return true
    }

    /// Removes the folders `path` was in, deepest first, as long as they are empty.
    private static func removeEmptyFolders(of path: String, in root: String) {
        var relative = path
        while let slash = relative.lastIndex(of: "/") {
            relative = String(relative[..<slash])
            if rmdir(root + "/" + relative) != 0 { return }
        }
    }

    private static func isRunning(_ pid: Int32) -> Bool {
        pid > 0 && (kill(pid, 0) == 0 || errno != ESRCH)
    }

    private static func writeOwner(_ folder: String, kind: String) {
        _ = writeDurably(folder + "/" + ownerFile, "statik \(kind)\n\(ProcessInfo.processInfo.processIdentifier)\n")
    }

    /// Writes a small file and flushes it to disk (journal, owner and done files only).
    private static func writeDurably(_ path: String, _ text: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { return false }
        let bytes = Array(text.utf8)
        let ok = bytes.withUnsafeBytes { writeBytes(fd, $0.baseAddress!, $0.count) == $0.count } && fsync(fd) == 0
        return close(fd) == 0 && ok
    }

    /// Why the last system call failed, in the writer's language (`SystemReason`).
    static func systemReason() -> Message { SystemReason.last }
}

extension SiteFiles {
    /// Removes a folder and all in it (Statik's own staging or backup folder): its files on all
    /// cores, then its folders, deepest first. A link is removed, never what it points to, and
    /// a `path` that is itself a link is left alone.
    package static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return }
        var files: [String] = [], folders: [String] = []
        walkFolder(path) { relative, entry in
            if entry == .folder { folders.append(path + "/" + relative) } else { files.append(path + "/" + relative) }
        }
        _ = concurrentMap(files) { unlink($0) }
        for folder in folders { rmdir(folder) }
        rmdir(path)
    }
}

/// write(2), named so that `OutputTransaction.write` does not hide it.
private func writeBytes(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
