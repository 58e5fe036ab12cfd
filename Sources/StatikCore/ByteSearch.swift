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

