#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether `needle`'s bytes occur in `haystack`'s (an empty needle occurs everywhere): `memchr`
/// to each candidate first byte, then `memcmp` the rest. (Glibc's `memmem` is not visible to
/// Swift without `_GNU_SOURCE`.) Foundation's `contains`/`range(of:)` cost more than cmark-gfm
/// where Statik looked for `{{` in every page, and most of a build in the leak check.
public func bytesOccur(_ needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer) -> Bool {
    bytesIndex(of: needle, in: haystack) != nil
}

/// Where `needle`'s bytes first occur in `haystack`'s at or after `from` (an empty needle at
/// `from`), by the same search as `bytesOccur`.
public func bytesIndex(of needle: UnsafeRawBufferPointer, in haystack: UnsafeRawBufferPointer, from: Int = 0) -> Int? {
    let length = needle.count
    guard length > 0 else { return from <= haystack.count ? from : nil }
    guard haystack.count >= length, let base = haystack.baseAddress, let start = needle.baseAddress else { return nil }
    let first = Int32(needle[0])
    var offset = from
    while offset + length <= haystack.count, let hit = memchr(base + offset, first, haystack.count - length + 1 - offset) {
        if memcmp(hit, start, length) == 0 { return UnsafeRawPointer(hit) - base }
        offset = UnsafeRawPointer(hit) - base + 1
    }
    return nil
}


extension Substring {
    /// Where `needle` first occurs in the text at or after `from` (its start when nil), by
    /// `bytesIndex` on the UTF-8 bytes. Foundation's `range(of:)` and `contains(_:)` bridge
    /// the text to an `NSString` first: finding `{{`, `{#` or `suppress` in a page's blocks
    /// and front matter that way was about 2 % of a data site's build. (The needle's first
    /// byte starts a character, so a match starts at one too.)
    public func byteRange(of needle: String, from: Index? = nil) -> Range<Index>? {
        let skip = from.map { utf8.distance(from: startIndex, to: $0) } ?? 0
        var needle = needle
        let length = needle.utf8.count
        let search = { (haystack: UnsafeBufferPointer<UInt8>) -> Int? in
            needle.withUTF8 { bytesIndex(of: UnsafeRawBufferPointer($0), in: UnsafeRawBufferPointer(haystack), from: skip) }
        }
        guard let offset = utf8.withContiguousStorageIfAvailable(search) ?? Array(utf8).withUnsafeBufferPointer(search) else { return nil }
        let lower = utf8.index(startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: length)
    }
}

extension String {
    /// Where `needle` first occurs at or after `from`, by bytes (see `Substring.byteRange`).
    public func byteRange(of needle: String, from: Index? = nil) -> Range<Index>? { self[...].byteRange(of: needle, from: from) }
}

extension StringProtocol {
    /// Whether `needle`'s UTF-8 bytes occur in the text's (`bytesOccur`), without Foundation's
    /// string search.
    public func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        let search = { (haystack: UnsafeBufferPointer<UInt8>) -> Bool in
            needle.withUTF8 { bytesOccur(UnsafeRawBufferPointer($0), in: UnsafeRawBufferPointer(haystack)) }
        }
        return utf8.withContiguousStorageIfAvailable(search) ?? Array(utf8).withUnsafeBufferPointer(search)
    }
}
