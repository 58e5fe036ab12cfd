import Foundation
import StatikCore
import Synchronization
import CZlib

/// A zip file made in memory, as an `.xlsx` package is: each part deflated (zlib, level 6, raw
/// deflate) after a local header, then the central directory. The layout is the one minizip
/// writes for libxlsxwriter (Jan 1 1980 as every part's date, version 2.0, no data descriptor,
/// no extra fields, the "text" attribute when zlib found the part to be text), so a workbook
/// has the bytes it had when libxlsxwriter made it (`SameAsLibxlsxwriterTests`).
///
/// Nothing touches the disk: libxlsxwriter wrote every part to a temporary file and read it
/// back (about 20 files and 120 system calls a workbook), and started zlib afresh for every
/// part; here one compressor is reset between parts.
struct ZipArchive {
    /// A part already compressed (the theme, the same in every workbook).
    struct Compressed: Sendable {
        var bytes: [UInt8]
        var crc: UInt32
        var size: Int
        var isText: Bool
    }

    private struct Entry {
        var name: [UInt8]
        var part: Compressed
        var offset: Int
    }

    private var data: [UInt8] = []
    private var entries: [Entry] = []
    private let compressor = Compressor()

    init(capacity: Int = 16_384) { data.reserveCapacity(capacity) }

    /// Adds a part, compressing its bytes — or taking them from `known`, where a part that is
    /// the same in many workbooks is compressed once.
    mutating func add(_ name: String, _ bytes: [UInt8], known: WorkbookParts? = nil) throws(Compressor.Failure) {
        if let known { add(name, try known.compressed(bytes, by: compressor)) } else { add(name, try compressor.compress(bytes)) }
    }

    mutating func add(_ name: String, _ part: Compressed) {
        let entry = Entry(name: Array(name.utf8), part: part, offset: data.count)
        appendHeader(of: entry, central: false)
        data += part.bytes
        entries.append(entry)
    }

    /// The whole file: the parts, then their directory.
    mutating func finish() -> Data {
        let start = data.count
        for entry in entries { appendHeader(of: entry, central: true) }
        let size = data.count - start
        put32(0x0605_4B50)
        put16(0)
        put16(0)
        put16(entries.count)
        put16(entries.count)
        put32(UInt32(size))
        put32(UInt32(start))
        put16(0)
        return Data(data)
    }

    /// A local header (before a part's data) or a central directory entry.
    private mutating func appendHeader(of entry: Entry, central: Bool) {
        put32(central ? 0x0201_4B50 : 0x0403_4B50)
        if central { put16(0) }  // made by: minizip's VERSIONMADEBY
        put16(20)  // version needed: 2.0
        put16(0)  // flags
        put16(8)  // deflated
        put16(0)  // time 00:00:00
        put16(0x21)  // date 1980-01-01
        put32(entry.part.crc)
        put32(UInt32(entry.part.bytes.count))
        put32(UInt32(entry.part.size))
        put16(entry.name.count)
        put16(0)  // extra field
        if central {
            put16(0)  // comment
            put16(0)  // disk
            put16(entry.part.isText ? 1 : 0)
            put32(0)  // external attributes
            put32(UInt32(entry.offset))
        }
        data += entry.name
    }

    private mutating func put16(_ value: Int) {
        data.append(UInt8(truncatingIfNeeded: value))
        data.append(UInt8(truncatingIfNeeded: value >> 8))
    }

    private mutating func put32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { data.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}

/// zlib's deflate as minizip sets it up (level 6, a 32 KiB window without zlib header, memory
/// level 8), started once and reset between parts. Not `Sendable`: one workbook's.
final class Compressor {
    struct Failure: Error, Sendable { var code: Int32 }

    /// zlib keeps a pointer to its stream: the stream may not move, so it lives on the heap.
    private let stream: UnsafeMutablePointer<z_stream>
    private let started: Bool

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        started = deflateInit2_(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if started { deflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    func compress(_ input: [UInt8]) throws(Failure) -> ZipArchive.Compressed {
        guard started else { throw Failure(code: Z_MEM_ERROR) }
        guard deflateReset(stream) == Z_OK else { throw Failure(code: Z_STREAM_ERROR) }
        let bound = Int(deflateBound(stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let status: Int32 = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.pointee.avail_in = uInt(source.count)
                stream.pointee.next_out = target.baseAddress
                stream.pointee.avail_out = uInt(target.count)
                return deflate(stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw Failure(code: status) }
        output.removeLast(Int(stream.pointee.avail_out))
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        let crc = input.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        return ZipArchive.Compressed(bytes: output, crc: crc, size: input.count, isText: stream.pointee.data_type == Z_TEXT)
    }
}

/// The compressed bytes of the parts that are the same in many workbooks of a build, kept for
/// the build (BlockCaches) so that each is compressed once. A site's pages come from a few
/// templates (a page per region, per programme area): their workbooks have the same content
/// types, relationships and styles, and often the same cover, contents and notes sheets and
/// table parts, which refer to shared strings by number. zlib spends about 10 µs on a
/// kilobyte; hashing it, about one.
///
/// A part is kept the second time it is seen (a part seen once, such as a table's figures,
/// would only fill the memory), if it is small; at most `limit` parts are kept. The sheet
/// names of each list of captions are kept too (`sheetNames`).
public final class WorkbookParts: Sendable {
    private struct Parts {
        /// By the hash of their bytes (hashed once: the hash is a kilobyte's work), with the
        /// bytes to tell apart the parts that share a hash.
        var kept: [Int: [(bytes: [UInt8], part: ZipArchive.Compressed)]] = [:]
        var count = 0
        /// The hashes of the parts seen once.
        var seen: Set<Int> = []
    }

    private let parts = Mutex(Parts())
    static let limit = 1024
    static let largest = 4096
    static let remembered = 65_536

    public init() {}

    /// How many parts are kept.
    var count: Int { parts.withLock { $0.count } }

    func compressed(_ bytes: [UInt8], by compressor: Compressor) throws(Compressor.Failure) -> ZipArchive.Compressed {
        guard bytes.count <= Self.largest else { return try compressor.compress(bytes) }
        let hash = ByteKey(bytes).hashValue
        let (known, again) = parts.withLock { parts -> (ZipArchive.Compressed?, Bool) in
            if let part = parts.kept[hash]?.first(where: { $0.bytes == bytes })?.part { return (part, true) }
            if parts.seen.contains(hash) { return (nil, true) }
            if parts.seen.count < Self.remembered { parts.seen.insert(hash) }
            return (nil, false)
        }
        if let known { return known }
        let part = try compressor.compress(bytes)
        if again {
            parts.withLock { parts in
                guard parts.count < Self.limit, parts.kept[hash]?.contains(where: { $0.bytes == bytes }) != true else { return }
                parts.kept[hash, default: []].append((bytes, part))
                parts.count += 1
            }
        }
        return part
    }

    /// The sheet names made for each list of captions (`SheetNames.make`: the same for every
    /// page made from one file, and cutting and comparing them was 1.4 % of a data site's
    /// build), at most `limit` lists.
    private struct NamesKey: Hashable {
        var captions, reserved: [String]
        var fallback: String
    }
    private let names = Mutex<[NamesKey: [String]]>([:])

    func sheetNames(_ captions: [String], reserved: [String], fallback: String) -> [String] {
        let key = NamesKey(captions: captions, reserved: reserved, fallback: fallback)
        if let known = names.withLock({ $0[key] }) { return known }
        let made = SheetNames.make(captions, reserved: reserved, fallback: fallback)
        names.withLock { if $0.count < Self.limit { $0[key] = made } }
        return made
    }
}
