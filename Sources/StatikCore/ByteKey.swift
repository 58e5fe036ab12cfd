/// Bytes as a dictionary key, hashed as one block: an array's (or a slice's) own hash takes its
/// bytes one by one, several times slower for keys of a few hundred bytes (a CSV cell's memo,
/// a workbook's shared strings and parts).
public struct ByteKey<Bytes: RandomAccessCollection & Sendable>: Hashable, Sendable where Bytes.Element == UInt8 {
    public let bytes: Bytes

    public init(_ bytes: Bytes) { self.bytes = bytes }

    public static func == (a: Self, b: Self) -> Bool { a.bytes.elementsEqual(b.bytes) }

    public func hash(into hasher: inout Hasher) {
        if bytes.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            for byte in bytes { hasher.combine(byte) }
        }
    }
}
