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

    /// `path:line:column`; a line break or other control character in a file name is shown
    /// escaped (`\n`), so that one problem stays one line.
    public var description: String { "\(Self.printable(file)):\(line):\(column)" }

    public static func printable(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return path }
        var out = ""
        for s in path.unicodeScalars {
            switch s {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += s.value < 0x20 || s.value == 0x7F ? "\\u{\(String(s.value, radix: 16))}" : String(s)
            }
        }
        return out
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// A problem found while building, reported to the user as `path:line:column: error: message`.
///
/// Diagnostics are collected through the whole build and printed once, so a user sees every
/// problem of a build at the same time.
public struct Diagnostic: Error, Sendable, Hashable, Comparable, CustomStringConvertible {
    /// A note tells what Statik did that the user may want to know (a file read as
    /// Windows-1252); it never fails a build, not even with `--strict`.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case note, warning, error
        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
    }

    public var severity: Severity
    public var location: SourceLocation
    /// What is wrong and what to write instead: a kind and its values, shown in the writer's
    /// language (`Message.text(_:)`).
    public var text: Message
    /// The message in English (logs, tests).
    public var message: String { text.text(.english) }
    /// The line of source the problem is on, shown under the message with a caret.
    public var sourceLine: String?
    /// For a file that stands for many pages (`[region].md`): the pages the problem is on, by
    /// their row (`region = SE21`). Not part of a diagnostic's identity: the same problem on
    /// eight pages is one diagnostic that names the eight (`merged`).
    public var pages: [String] = []
    /// Set instead of `pages` when the problem is on every page made from the file: how many.
    public var onAllPages: Int?
    /// How many more places of the same file have the same problem (`merged` shows a problem
    /// found at more than `groupedAfter` places once, at the first). Not part of its identity.
    public var moreInFile = 0

    public init(_ severity: Severity, at location: SourceLocation, _ text: Message, sourceLine: String? = nil) {
        self.severity = severity
        self.location = location
        self.text = text
        self.sourceLine = sourceLine
    }

    public static func error(_ text: Message, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, at: location, text)
    }

    public static func warning(_ text: Message, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, at: location, text)
    }

    /// The one-line form in English: `content/a.md:3:7: error: message`.
    public var description: String { description(in: .english) }

    /// The one-line form: `content/a.md:3:7: error: message`, and the generated pages it is
    /// on. `path:line:column: error:` stays the same in every language (editors and CI read
    /// it); the message is in `language`.
    public func description(in language: Language) -> String {
        let more = moreInFile > 0 ? " " + Message(.andMoreInThisFile, Self.count(moreInFile, language)).text(language) : ""
        return "\(location): \(severity.rawValue): \(text.text(language))\(pagesNote(language))\(more)"
    }

    /// `19 999` in Swedish, `19,999` in English.
    static func count(_ n: Int, _ language: Language) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += language == .english ? "," : " " }
            out.append(digit)
        }
        return out
    }

    /// ` (on the page for region = SE21)`, ` (on 8 pages made from this file: region = SE11, …)`.
    private func pagesNote(_ language: Language) -> String {
        if let onAllPages { return " " + Message(.onAllPagesMadeFromThisFile, onAllPages).text(language) }
        let named = self.pages.sorted()
        switch named.count {
        case 0: return ""
        case 1: return " " + Message(.onThePageFor, named[0]).text(language)
        case 2...3: return " " + Message(.onThePagesFor, named.joined(separator: "; ")).text(language)
        default: return " " + Message(.onManyPagesMadeFromThisFile, named.count, named.prefix(2).joined(separator: "; ")).text(language)
        }
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.severity == b.severity && a.location == b.location && a.text == b.text && a.sourceLine == b.sourceLine
    }

    /// The source line is left out of the hash (it is compared by `==`): it is a function of the
    /// place, and hashing it cost the length of the line for every problem on it, which made
    /// 20 000 problems on one long line quadratic.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(severity)
        hasher.combine(location)
        hasher.combine(text)
    }

    /// The same problem at up to this many places of a file is shown at each; at more, once.
    public static let groupedAfter = 3

    /// How much of a long source line is shown around the column (in characters).
    public static let excerptWidth = 100

    /// The clang-style form: the one-line form, then the source line and a caret under the column.
    /// A long line is clipped around the column (… at a cut end), so that many problems on one
    /// long line print a little each, not the whole line each time.
    public var rendered: String { rendered(in: .english) }

    public func rendered(in language: Language) -> String {
        let description = description(in: language)
        guard let sourceLine, !sourceLine.isEmpty else { return description }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        var shown = Array(sourceLine)
        var caret = location.column - 1
        if shown.count > Self.excerptWidth {
            let start = max(0, min(caret - Self.excerptWidth / 2, shown.count - Self.excerptWidth))
            let end = min(shown.count, start + Self.excerptWidth)
            var clipped = Array(shown[start..<end])
            caret -= start
            if start > 0 { clipped.insert("…", at: 0); caret += 1 }
            if end < shown.count { clipped.append("…") }
            shown = clipped
        }
        // Control characters (a NUL, a line break in the middle) are shown as a symbol: the
        // excerpt stays one line.
        let line = String(shown.map { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 && $0 != 0x09 } ?? false) ? "�" : $0 })
        // Tabs are kept so that the caret lines up with the source in a terminal.
        let pad = shown.prefix(max(0, caret)).map { $0 == "\t" ? "\t" : " " }.joined()
        return "\(description)\n \(number) | \(line)\n \(gutter) | \(pad)^"
    }

    /// By place; at one place an error before a warning before a note (the note on a cause
    /// follows it), then by text.
    public static func < (a: Self, b: Self) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.severity != b.severity { return a.severity > b.severity }
        return a.message < b.message
    }
}

/// What makes two problems of one file the same problem (`merged`).
private struct GroupKey: Hashable {
    var severity: Diagnostic.Severity
    var file: String
    var text: Message
    var pages: [String]
}

/// Collected diagnostics, in a stable order.
public extension Array where Element == Diagnostic {
    /// Each problem once, in order, with the pages of all its copies (see `Diagnostic.pages`);
    /// the same problem at more than `Diagnostic.groupedAfter` places of one file (20 000 links
    /// to one missing page on one line) once, at its first place, with how many more there are
    /// (`moreInFile`), so that the report stays as long as the number of distinct problems.
    var merged: [Diagnostic] {
        var pages: [Diagnostic: Set<String>] = [:]
        for diagnostic in self { pages[diagnostic, default: []].formUnion(diagnostic.pages) }
        var groups: [GroupKey: [Diagnostic]] = [:]
        for (diagnostic, pages) in pages {
            var one = diagnostic
            one.pages = pages.sorted()
            groups[GroupKey(severity: one.severity, file: one.location.file, text: one.text, pages: one.pages), default: []].append(one)
        }
        var out: [Diagnostic] = []
        for (_, group) in groups {
            if group.count > Diagnostic.groupedAfter {
                var first = group.min { $0.location < $1.location }!
                first.moreInFile = group.count - 1 + group.reduce(0) { $0 + $1.moreInFile }
                out.append(first)
            } else {
                out += group
            }
        }
        return out.sorted()
    }

    var errors: [Diagnostic] { filter { $0.severity == .error } }
    var warnings: [Diagnostic] { filter { $0.severity == .warning } }
    var notes: [Diagnostic] { filter { $0.severity == .note } }
}
