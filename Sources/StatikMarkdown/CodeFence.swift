/// A code fence as CommonMark reads one: at most three spaces, then three or more backticks or
/// tildes, then the info string (no backtick in it after backticks); closed by a line of the
/// same character, at least as long, at most three spaces in, with nothing after it but white
/// space. The one fence reader of Statik (intranet blocks, unclosed query blocks).
///
/// Spaces are counted from the content of the block the fence is in (`container`: 0 at the
/// top of a document, the column of a list item's text inside one); a line indented less than
/// that, and not blank, ends the list item, and the fenced block with it.
public struct CodeFence: Sendable, Equatable {
    /// `` ` `` or `~`.
    public let mark: UInt8
    /// How many marks open it.
    public let length: Int
    /// The spaces before the fence that belong to the block it is in.
    public let container: Int
    /// Where the info string starts in the opening line, in UTF-8 bytes.
    let infoOffset: Int

    /// What a line after the opening one is to the fence.
    public enum Role: Sendable, Equatable {
        case content
        case closing
        /// A line outside the list item the fence is in: the fence ends, unclosed.
        case outside
    }

    /// The fence `line` opens, if it opens one.
    public init?(opening line: Substring, container: Int = 0) {
        guard let fence = Self.withBytes(line, { Self.opening($0, container: container) }) else { return nil }
        self = fence
    }

    private init(mark: UInt8, length: Int, container: Int, infoOffset: Int) {
        self.mark = mark
        self.length = length
        self.container = container
        self.infoOffset = infoOffset
    }

    /// The info string of the fence `line` opened (`sql per_po`), white space before it left out.
    public func info(of line: Substring) -> Substring {
        Substring(line.utf8.dropFirst(infoOffset)).drop { $0 == " " || $0 == "\t" }
    }

    public func role(of line: Substring) -> Role {
        Self.withBytes(line) { role(of: $0) }
    }

    /// The fence's marks, as a closing fence writes them: ```` ``` ````.
    public var marks: String { String(repeating: Character(Unicode.Scalar(mark)), count: length) }

    // MARK: On bytes

    private static func withBytes<T>(_ line: Substring, _ body: (UnsafeBufferPointer<UInt8>.SubSequence) -> T) -> T {
        if let answer = line.utf8.withContiguousStorageIfAvailable({ body($0[...]) }) { return answer }
        return Array(line.utf8).withUnsafeBufferPointer { body($0[...]) }
    }

    private static let space = UInt8(ascii: " ")

    private static func opening(_ line: UnsafeBufferPointer<UInt8>.SubSequence, container: Int) -> CodeFence? {
        var i = line.startIndex
        while i < line.endIndex, line[i] == space { i += 1 }
        let indent = i - line.startIndex
        guard indent >= container, indent - container <= 3, i < line.endIndex else { return nil }
        let mark = line[i]
        guard mark == UInt8(ascii: "`") || mark == UInt8(ascii: "~") else { return nil }
        var end = i
        while end < line.endIndex, line[end] == mark { end += 1 }
        guard end - i >= 3 else { return nil }
        if mark == UInt8(ascii: "`") && line[end...].contains(mark) { return nil }
        return CodeFence(mark: mark, length: end - i, container: container, infoOffset: end - line.startIndex)
    }

    private func role(of line: UnsafeBufferPointer<UInt8>.SubSequence) -> Role {
        var from = line.startIndex, to = line.endIndex
        while from < to, line[from] == Self.space { from += 1 }
        while to > from, line[to - 1] == Self.space || line[to - 1] == UInt8(ascii: "\t") || line[to - 1] == UInt8(ascii: "\r") { to -= 1 }
        let indent = from - line.startIndex
        if from < to && indent < container { return .outside }
        guard indent - container <= 3, to - from >= length, line[from..<to].allSatisfy({ $0 == mark }) else { return .content }
        return .closing
    }

    /// The closing fence that the fenced block opened on line `openingLine` (1-based) of `body`
    /// lacks, or nil when it is closed, or when its opening line is not one this can judge (a
    /// list marker or `>` before the fence). `container`: as for a fence.
    public static func unclosed(in body: String, openingLine: Int, container: Int = 0) -> String? {
        // On the body's bytes, from the opening line on: splitting the whole body into lines of
        // Characters for every block was a twentieth of a data page's build.
        var body = body
        return body.withUTF8 { bytes -> String? in
            let newline = UInt8(ascii: "\n")
            var start = 0, line = 1
            while line < openingLine {
                guard let end = bytes[start...].firstIndex(of: newline) else { return nil }
                start = end + 1
                line += 1
            }
            guard openingLine >= 1, start <= bytes.count else { return nil }
            func lineEnd(_ from: Int) -> Int { bytes[from...].firstIndex(of: newline) ?? bytes.count }
            var end = lineEnd(start)
            guard let fence = opening(bytes[start..<end], container: container) else { return nil }
            while end < bytes.count {
                start = end + 1
                end = lineEnd(start)
                switch fence.role(of: bytes[start..<end]) {
                case .closing: return nil
                case .outside: return fence.marks
                case .content: continue
                }
            }
            return fence.marks
        }
    }
}
