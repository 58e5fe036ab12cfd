#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An entry of a folder as `walkFolder` finds it, without following links.
public enum FolderEntry: Sendable, Equatable {
    case file
    case folder
    /// A link to a file (`toFolder: false`) or to a folder; where it leads is not looked into.
    case link(toFolder: Bool)
    /// A link that leads nowhere.
    case brokenLink
}

/// Every entry below `root` (relative paths, `/`-separated), depth first, a folder's entries
/// before the folder itself, never following a link. `skip` leaves a name out (and, for a
/// folder, all in it). Unreadable folders and vanished entries are passed over.
public func walkFolder(_ root: String, skip: (String) -> Bool = { _ in false }, _ visit: (String, FolderEntry) -> Void) {
    func walk(_ folder: String, _ prefix: String) {
        for name in folderNames(folder) ?? [] where !skip(name) {
            let path = folder + "/" + name
            var link = stat()
            guard lstat(path, &link) == 0 else { continue }
            switch link.st_mode & S_IFMT {
            case S_IFDIR:
                walk(path, prefix + name + "/")
                visit(prefix + name, .folder)
            case S_IFLNK:
                var target = stat()
                if stat(path, &target) == 0 {
                    visit(prefix + name, .link(toFolder: target.st_mode & S_IFMT == S_IFDIR))
                } else {
                    visit(prefix + name, .brokenLink)
                }
            case S_IFREG:
                visit(prefix + name, .file)
            default:
                continue  // a socket, a FIFO, a device: never read
            }
        }
    }
    walk(root, "")
}

/// The names in `folder`, one level, in the order the system gives them (`.` and `..` left
/// out, hidden names kept); nil when it cannot be read (`errno` says why).
public func folderNames(_ folder: String) -> [String]? {
    guard let dir = opendir(folder) else { return nil }
    defer { closedir(dir) }
    var names: [String] = []
    while let entry = readdir(dir) {
        let name = entryName(entry)
        if name != "." && name != ".." { names.append(name) }
    }
    return names
}

/// The name of a `readdir` entry, read where it lies. `dirent.d_name` is declared as 256 bytes,
/// but readdir's records are only as long as their names: copying the field whole (as
/// `entry.pointee.d_name` does) reads past the end of readdir's buffer for the last record in
/// it, which crashed a build of a 10 000-page site.
@inline(__always)
private func entryName(_ entry: UnsafeMutablePointer<dirent>) -> String {
    let offset = MemoryLayout<dirent>.offset(of: \.d_name)!
    return String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
}
