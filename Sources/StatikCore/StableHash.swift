public import Foundation

/// A 64-bit hash of a file's bytes, the same on every machine and in every run (Swift's
/// `Hasher` is seeded per process). It tells whether a file changed since the last build,
/// together with its size; it is no defence against someone who wants a collision, and need
/// not be: a file whose hash matches is left as the last build wrote it, which is still
/// Statik's own file. Eight bytes a step, multiply and fold (in the manner of wyhash).
/// `seed`: another seed gives an independent hash (two of them make `StableHasher`'s 128 bits).
public func contentHash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0x5163_7C3E_9F1B_2D47) -> UInt64 {
    let k0: UInt64 = 0xA076_1D64_78BD_642F, k1: UInt64 = 0xE703_7ED1_A0B4_28DB
    @inline(__always) func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }
    var h: UInt64 = seed ^ UInt64(bytes.count)
    var offset = 0
    let count = bytes.count
    while offset + 8 <= count {
        let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        h = mix(h ^ word ^ k0, k1 ^ UInt64(offset))
        offset += 8
    }
    if offset < count {
        var tail: UInt64 = 0
        for i in offset..<count { tail |= UInt64(bytes[i]) << (8 * UInt64(i - offset)) }
        h = mix(h ^ tail ^ k1, k0 ^ UInt64(count - offset))
    }
    return mix(h ^ k0, h ^ k1)
}

public func contentHash(_ data: Data) -> UInt64 {
    data.withUnsafeBytes { contentHash($0) }
}

/// A digest that is the same in every process and on every machine, for what a build keeps
/// between runs (the render cache, `.statik-cache`): Swift's `Hasher` is seeded anew in each
/// process, so its values cannot be written down.
///
/// Values are appended to a buffer, each with its length, so that ("ab", "c") and ("a", "bc")
/// differ; `finalize` hashes the buffer twice with independent seeds (128 bits). A value that
/// has no stable encoding of its own is added as `String(reflecting:)`, which is the same in
/// every run for structs, enums and arrays; a `Dictionary` or `Set` inside one would change
/// its order between runs, which costs a reuse, never a wrong page.
public struct StableHasher: Sendable {
    private var bytes: [UInt8] = []

    public init() {}

    public mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(_ text: Substring) {
        var text = text
        text.withUTF8 { combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public mutating func combine(_ text: String?) { combine(optional: text) { $0.combine($1) } }

    public mutating func combine(_ number: Int) { combine(UInt64(bitPattern: Int64(number))) }

    public mutating func combine(_ number: Int?) { combine(optional: number) { $0.combine($1) } }

    /// A marker for nil or a value, then the value: nil and "" differ.
    private mutating func combine<Value>(optional value: Value?, _ add: (inout StableHasher, Value) -> Void) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        add(&self, value)
    }

    public mutating func combine(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func combine(_ flag: Bool) { bytes.append(flag ? 1 : 0) }

    public mutating func combine(_ digest: StableDigest) {
        combine(digest.high)
        combine(digest.low)
    }

    public mutating func combine(_ texts: [String]) {
        combine(texts.count)
        for text in texts { combine(text) }
    }

    /// Raw bytes, with their length.
    public mutating func combine(bytes raw: UnsafeRawBufferPointer) {
        combine(UInt64(raw.count))
        bytes.append(contentsOf: raw)
    }

    public mutating func combine(_ data: Data) {
        data.withUnsafeBytes { combine(bytes: $0) }
    }

    /// A value of a cell or a parameter: its kind, then its bytes.
    public mutating func combine(_ value: Value) {
        switch value {
        case .null: bytes.append(0)
        case .integer(let n):
            bytes.append(1)
            combine(UInt64(bitPattern: n))
        case .real(let x):
            bytes.append(2)
            combine(x.bitPattern)
        case .text(let text):
            bytes.append(3)
            combine(text)
        }
    }

    /// Named values (a page's parameters), in order of name.
    public mutating func combine(_ values: [String: Value]) {
        combine(values.count)
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            combine(name)
            combine(value)
        }
    }

    /// A value by its debug text (see the type's comment): for small values, not per page.
    public mutating func combine<Value>(reflecting value: Value) {
        combine(String(reflecting: value))
    }

    public func finalize() -> StableDigest {
        bytes.withUnsafeBytes { raw in
            StableDigest(high: contentHash(raw), low: contentHash(raw, seed: 0x2D35_8DCC_AA6C_78A5))
        }
    }
}

/// 128 bits of `StableHasher`, written as 32 hexadecimal digits.
public struct StableDigest: Hashable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public init?(hex: Substring) {
        guard hex.utf8.count == 32, let high = hex16(hex.prefix(16)), let low = hex16(hex.suffix(16)) else { return nil }
        self.init(high: high, low: low)
    }

    public var description: String { hex16(high) + hex16(low) }
}

/// `value` as exactly 16 lower-case hexadecimal digits, as Statik's own files write hashes.
public func hex16(_ value: UInt64) -> String {
    let text = String(value, radix: 16)
    return String(repeating: "0", count: 16 - text.count) + text
}

/// The value of exactly 16 hexadecimal digits (no sign, no spaces); nil for anything else.
public func hex16(_ text: Substring) -> UInt64? {
    guard text.utf8.count == 16, text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }) else { return nil }
    return UInt64(text, radix: 16)
}

