public import Foundation

/// Why the system refused a file operation, as a message in the writer's language: the common
/// reasons (no access, no such file, a file where a folder must be, a full disk …) in the
/// catalogue's words, each saying what it means; any other in the system's own words, quoted
/// (`systemSays`), never an error domain and code.
public enum SystemReason {
    /// The reason of the last failed system call (`errno`).
    public static var last: Message { message(errno: errno) }

    public static func message(errno code: Int32) -> Message {
        switch code {
        case EACCES, EPERM: Message(.systemPermissionDenied)
        case ENOENT: Message(.systemNoSuchFile)
        case EEXIST: Message(.systemAlreadyExists)
        case ENOTDIR: Message(.systemNotAFolder)
        case EISDIR: Message(.systemIsAFolder)
        case ENOSPC, EDQUOT: Message(.systemDiskFull)
        case EROFS: Message(.systemReadOnly)
        case ENAMETOOLONG: Message(.systemNameTooLong)
        case ELOOP: Message(.systemTooManyLinks)
        case ENOTEMPTY: Message(.systemFolderNotEmpty)
        case EBUSY, ETXTBSY: Message(.systemBusy)
        case EXDEV: Message(.systemOtherFileSystem)
        default: Message(.systemSays, String(cString: strerror(code)).lowercased())
        }
    }

    /// The reason inside an error Foundation threw: its POSIX code when it has one (itself, or
    /// underlying), else the file error's kind, else Foundation's own words.
    public static func message(_ error: any Error) -> Message {
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return message(errno: Int32(error.code)) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return message(errno: Int32(underlying.code))
        }
        if error.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: error.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return message(errno: ENOENT)
            case .fileWriteFileExists: return message(errno: EEXIST)
            case .fileReadNoPermission, .fileWriteNoPermission: return message(errno: EACCES)
            case .fileWriteOutOfSpace: return message(errno: ENOSPC)
            case .fileWriteVolumeReadOnly: return message(errno: EROFS)
            default: break
            }
        }
        return Message(.systemSays, error.localizedDescription)
    }
}

/// Folders and files made with the system's own calls, so that a refusal has its reason
/// (`errno`): Foundation on Linux often loses it (`NSCocoaErrorDomain error 512`, "the
/// operation could not be completed"). Each failure is a message naming the path.
public enum SystemFiles {
    public struct Failure: Error, Sendable {
        public var message: Message
        public init(message: Message) { self.message = message }
    }

    /// The folder `path` and those it lies in, as `mkdir -p` makes them; a file in the way is
    /// named (`pathIsAFile`).
    public static func makeFolders(_ path: String) throws(Failure) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw Failure(message: Message(.pathIsAFile, path)) }
            return
        }
        let parent = (path as NSString).deletingLastPathComponent
        if !parent.isEmpty, parent != path { try makeFolders(parent) }
        if mkdir(path, 0o777) != 0, errno != EEXIST { throw Failure(message: Message(.couldNotMakeFolder, path, SystemReason.last)) }
    }

    /// Writes `data` as the file `path` (shown as `shown`). `new`: only when there is no file
    /// there yet (`O_EXCL`: a file is never written over); otherwise the file is replaced in
    /// one step (written beside it, then renamed), so a reader never sees half of it.
    public static func write(_ data: Data, to path: String, new: Bool = false, shown: String? = nil) throws(Failure) {
        let shown = shown ?? path
        let target = new ? path : path + ".statik-\(getpid())"
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw Failure(message: Message(.couldNotWriteFile, shown, SystemReason.last)) }
        var failure: Message?
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = SystemReason.last
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0, failure == nil { failure = SystemReason.last }
        if failure == nil, !new, rename(target, path) != 0 { failure = SystemReason.last }
        if let failure {
            if !new { unlink(target) }
            throw Failure(message: Message(.couldNotWriteFile, shown, failure))
        }
    }
}

/// write(2), named so that `SystemFiles.write` does not hide it.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
