/// A place in a source file, 1-based, as editors and compilers count: `path:line:column`.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The path as the user knows it: relative to the site folder (`content/esf/deltagare.md`).
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = max(line, 1)
        self.column = max(column, 1)
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: Self, b: Self) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// A problem found while building, reported to the user as `path:line:column: error: message`.
///
/// Diagnostics are collected through the whole build and printed once, so a user sees every
/// problem of a build at the same time.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning, error
        public static func < (a: Self, b: Self) -> Bool { a == .warning && b == .error }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// The line of source the problem is on, shown under the message with a caret.
    public var sourceLine: String?

    public init(_ severity: Severity, at location: SourceLocation, _ message: String, sourceLine: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
    }

    public static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, at: location, message)
    }

    public static func warning(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, at: location, message)
    }

    /// The one-line form: `content/a.md:3:7: error: message`.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }

    /// The clang-style form: the one-line form, then the source line and a caret under the column.
    public var rendered: String {
        guard let sourceLine, !sourceLine.isEmpty else { return description }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        // Tabs are kept so that the caret lines up with the source in a terminal.
        let pad = sourceLine.prefix(location.column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
        return "\(description)\n \(number) | \(sourceLine)\n \(gutter) | \(pad)^"
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.location, a.message) < (b.location, b.message)
    }
}

/// Collected diagnostics, in a stable order.
public extension Array where Element == Diagnostic {
    var errors: [Diagnostic] { filter { $0.severity == .error } }
    var warnings: [Diagnostic] { filter { $0.severity == .warning } }
}
