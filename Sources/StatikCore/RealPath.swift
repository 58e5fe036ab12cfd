import Foundation

/// The path with every link in it followed, absolute (realpath(3)); nil when a part of it does
/// not exist or cannot be read.
public func resolvedRealPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}

/// The path with every link in it followed (realpath(3)); the path itself when that fails.
public func realPath(_ path: String) -> String {
    resolvedRealPath(path) ?? path
}
